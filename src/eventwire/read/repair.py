"""Part of the read stage: text as it comes, mojibake repaired where it enters.

Text decoded with the wrong code page ("â€œwe will respondâ€\x9d", "BogotÃ¡") is repaired with ftfy's encoding
fixes only: quotes, character widths, line breaks and Unicode normal forms are left as written, so the text a
reader sees is the text eventwire keeps. ASCII text is returned as it is, at no cost.
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["repair"]


def repair(text: str) -> str:
    """``text`` with mojibake repaired (``â€œwe`` -> ``“we``, ``BogotÃ¡`` -> ``Bogotá``)."""
    if text.isascii():
        return text
    import ftfy

    return ftfy.fix_text(text, _config())


@lru_cache(maxsize=1)
def _config():
    import ftfy

    return ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, uncurl_quotes=False,
                                fix_latin_ligatures=False, fix_character_width=False, fix_line_breaks=False,
                                remove_control_chars=False, normalization=None, explain=False)
