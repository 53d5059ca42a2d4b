"""Stage 2, clean: a raw :class:`~eventwire.models.Document` becomes an :class:`~eventwire.models.Article`.

The body is what NLP reads and what evidence offsets point into. Stages:

1. split the raw text into lines, keeping their raw offsets;
2. find the header (:func:`read_header`): a MUC-style wire dateline up to ``[TEXT]``, or the
   title line, bylines, datelines / reading times and the captions between them;
3. drop photo captions anywhere (with the short label line or wrapped first lines before them),
   caption fragments that repeat the end of an earlier line, and reporting-credit lines;
4. group the remaining lines into paragraphs (blank lines, indentation, hard-wrap detection);
5. drop duplicate paragraphs, join lines with one space and paragraphs with one blank line,
   and record ``(body_start, raw_start, length)`` segments so body offsets map back to raw text.

Nothing here is specific to one publisher: every rule is a pattern of news layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..knowledge.words import MONTH_NUMBERS
from ..models import Article, Document

__all__ = ["clean", "read_header", "Header", "parse_date", "normalise_published", "is_caption"]

# ---------------------------------------------------------------------------------------------
# dates (small, self-contained: publication datelines only, not event dates)

_MONTH = "(" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\b"
_ISO_RE = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?(?![\d-])")
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTH
                     + r"\.?,?\s*(\d{4}|\d{2})(?![\d:])", re.I)
_MDY_RE = re.compile(_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I)
_YMD_SLASH_RE = re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
_NUMERIC_RE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?!\d)")
_TIME_RE = re.compile(r"(?<![\d:])(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\b\.?)?(?![\d:])", re.I)
_DATE_FILLERS = frozenset(
    "on at published updated update posted last modified first date time am pm a.m. p.m. gmt utc "
    "est edt cst cdt pst pdt bst cet cest eet eest ist msk ast eat wat cat sast jst aest local and "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri "
    "sat sun".split())


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # two-digit wire years: 00-30 -> 20xx, else 19xx
        year += 2000 if year <= 30 else 1900
    return year


def _valid(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _find_day(text: str) -> tuple[date, tuple[int, int], str | None] | None:
    """The first calendar date in ``text``: (date, span, ISO time zone or None)."""
    found = []
    for m in _ISO_RE.finditer(text):
        day = _valid(int(m[1]), int(m[2]), int(m[3]))
        if day:
            found.append((m.start(), day, m.span(), m))
            break
    for regex, order in ((_DMY_RE, "dmy"), (_MDY_RE, "mdy"), (_YMD_SLASH_RE, "ymd")):
        for m in regex.finditer(text):
            if order == "dmy":
                day = _valid(_year(m[3]), MONTH_NUMBERS[m[2].lower()], int(m[1]))
            elif order == "mdy":
                day = _valid(int(m[3]), MONTH_NUMBERS[m[1].lower()], int(m[2]))
            else:
                day = _valid(int(m[1]), int(m[2]), int(m[3]))
            if day:
                found.append((m.start(), day, m.span(), None))
                break
    for m in _NUMERIC_RE.finditer(text):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        if m[2] == "." or a > 12:  # dotted dates are day-first; 25/12/2020 can only be day-first
            day = _valid(year, b, a)
        elif b > 12:
            day = _valid(year, a, b)
        else:  # 04/05/2020 is ambiguous: say nothing rather than guess
            continue
        if day:
            found.append((m.start(), day, m.span(), None))
            break
    if not found:
        return None
    _, day, span, iso = min(found, key=lambda item: item[0])
    if iso is not None and iso[4] is not None:  # ISO with a time: keep it as given
        return day, span, iso[0]
    return day, span, None


def _find_time(text: str) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    for m in _TIME_RE.finditer(text):
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        if m[4]:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if m[4].lower() == "p" else 0)
        if hour < 24 and minute < 60 and second < 60:
            return (hour, minute, second), m.span()
    return None


def _date_in(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """(ISO date or datetime, spans used) for the first date in ``text``, with its time if any."""
    hit = _find_day(text)
    if hit is None:
        return None
    day, span, iso_text = hit
    if iso_text is not None:
        try:
            return datetime.fromisoformat(iso_text.replace(" ", "T")).isoformat(), [span]
        except ValueError:
            pass
    rest = text[:span[0]] + " " * (span[1] - span[0]) + text[span[1]:]
    clock = _find_time(rest)
    if clock is None:
        return day.isoformat(), [span]
    (hour, minute, second), tspan = clock
    stamp = datetime(day.year, day.month, day.day, hour, minute, second)
    return stamp.isoformat(), [span, tspan]


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO-8601 (``2020-01-04`` or ``2020-01-04T22:05:00``), else None.

    Understands ISO dates, ``4 Jan, 2020``, ``January 5, 2020``, ``16 NOV 89`` (two-digit years
    00-30 are 20xx, others 19xx), ``2020/01/04`` and unambiguous numeric dates, plus a clock time
    anywhere in the same text (``22:05``, ``3:15 pm``).
    """
    found = _date_in(text)
    return found[0] if found else None


def normalise_published(value: str) -> str | None:
    """A publication time given by a user or a JSON document, as ISO-8601; None when it is no date."""
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    found = _date_in(value)
    if found is None or len(_leftover_words(value, found[1])) > 2:
        return None
    return found[0]


def _leftover_words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    words = (w.strip(".,:;|-–—()[]'\"").lower() for w in text.split())
    return [w for w in words if w and w not in _DATE_FILLERS]


# ---------------------------------------------------------------------------------------------
# line classifiers

_CREDIT = r"[A-Z0-9©@][\w&.'’@-]*(?:(?:\s+|\s*/\s*|\s*-\s*)[A-Z0-9][\w&.'’@-]*){0,6}"
_CAPTION_TAIL_RE = re.compile(
    r"(?:\b(?:photo(?:graph)?s?|image|picture|pic|file\s+photo)(?:\s+credit)?\s*(?:[|:/©]|by)\s*" + _CREDIT
    + r"|\b(?:photo|image)\s+credit\s*:?\s*" + _CREDIT
    + r"|\(\s*(?:[A-Z][\w.-]*\s+)?photo(?:graph)?\s*(?:/|by\b|:)[^()]{1,80}\)"
    + r"|\b(?:via\s+)?getty\s+images|\bvia\s+reuters|\bfile\s+photo"
    + r"|\b(?:REUTERS|AFP|EPA(?:-EFE)?|ANADOLU|XINHUA|SPUTNIK|IRNA|SANA)\s*/\s*" + _CREDIT
    + r")\s*[.)\]]?\s*$", re.I)
_CAPTION_HEAD_RE = re.compile(r"^\W*(?:file\s+photo|photo(?:graph)?|image|picture)\s*[:|]", re.I)
_CREDIT_LINE_RE = re.compile(
    r"^\W*(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written|produced)\s+by\b", re.I)
_BYLINE_RE = re.compile(r"^\s*(?:written\s+by|words\s+by|by)\b\s*:?\s*(.*)$", re.I)
_BYLINE_CONNECTORS = frozenset(
    "and in for at of the with staff de da del di la le van von der den bin bint al el ibn".split())
_READING_RE = re.compile(
    r"^\W*(?:(?:reading\s+time|read\s+time)\W*)?\d+\s*-?\s*(?:min|mins|minutes?)\.?"
    r"(?:\s+(?:read|reading(?:\s+time)?))?\W*$|^\W*(?:reading|read)\s+time\W+\d+\s*(?:min|mins|minutes?)\W*$",
    re.I)
_AGO_RE = re.compile(r"^\W*(?:(?:last\s+)?(?:updated|published|posted)\W*)?(?:an?|\d+)\s+"
                     r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\W*$", re.I)
_SUBHEAD_RE = re.compile(r"^\s*[-–—]\s+\S.*\s[-–—]\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-–—•*▪]\s|\d{1,2}[.)]\s)")
_SENTENCE_END = tuple(".!?:;\"”’')]…")
_MUC_RE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Z .'’()&-]{1,60}),[ \t]+(?:(?P<d1>\d{1,2})[ \t]+(?P<m1>[A-Z]{3})[A-Z]*\.?"
    r"|(?P<m2>[A-Z]{3})[A-Z]*\.?[ \t]+(?P<d2>\d{1,2})|NO[ \t]+DATE)(?:[ \t]+(?P<y>\d{2}|\d{4}))?"
    r"(?:[ \t]*[(\[](?P<src>[^()\n]{1,80}?)\))?\s*--[ \t]*")
_BRACKET_RE = re.compile(r"\s*\[([^\[\]]{1,120})\]")
_CONTINUED_RE = re.compile(r"\s*\[CONTINUED\]")
_MAX_HEADER_LINES = 12
_WRAP_MAX = 100  # blocks with longer lines are not hard-wrapped: each line is a paragraph
_TOKEN_RE = re.compile(r"\S+")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return text.split()


def is_caption(line: str) -> bool:
    """A photo caption: a line ending in a photo credit (``PHOTO | AFP``, ``(AP Photo/…)``) or
    opening with ``FILE PHOTO:`` / ``Photo:``."""
    text = line.strip()
    if not text or len(_words(text)) > 90:
        return False
    return bool(_CAPTION_TAIL_RE.search(text) or _CAPTION_HEAD_RE.match(text))


def _is_label(line: str) -> bool:
    """A short line without final punctuation (a name or tag that belongs to the caption after it)."""
    text = line.strip()
    return (0 < len(_words(text)) <= 5 and not text.endswith(_SENTENCE_END)
            and not _SUBHEAD_RE.match(text) and not _BULLET_RE.match(text))


def _byline(piece: str) -> str | None:
    """The text after ``By`` when ``piece`` is a byline (``By Jane Doe, Reuters``), else None."""
    m = _BYLINE_RE.match(piece)
    if not m:
        return None
    rest = m[1].strip()
    words = [w.strip(",.;:|()'\"") for w in rest.split()]
    if len(words) > 12 or rest.endswith((".", "!", "?")) and not rest.endswith(("Jr.", "Sr.")):
        return None
    for word in words:
        if word and not (word[0].isupper() or word[0].isdigit() or word.lower() in _BYLINE_CONNECTORS):
            return None
    return rest


def _publisher(byline: str) -> str | None:
    """``Jane Doe, Reuters`` -> ``Reuters``; `` , K24 Digital`` -> ``K24 Digital``; ``Jane Doe`` -> itself."""
    name, _, rest = byline.partition(",")
    rest = _norm(rest.strip(" ,|"))
    return rest or _norm(name.strip(" ,|")) or None


def _meta_line(line: str) -> tuple[str | None, str | None] | None:
    """If ``line`` is a byline/dateline/reading-time line: (publisher, published); else None."""
    text = line.strip()
    if not text or len(_words(text)) > 25:
        return None
    publisher = published = None
    recognised = False
    leftovers = 0
    times: list[tuple[int, int, int]] = []
    for piece in re.split(r"[|·•]|\s/\s", text):
        piece = piece.strip()
        if not piece or _READING_RE.match(piece) or _AGO_RE.match(piece):
            recognised = recognised or bool(piece)
            continue
        byline = _byline(piece)
        if byline is not None:
            publisher, recognised = publisher or _publisher(byline), True
            continue
        found = _date_in(piece)
        if found and len(_leftover_words(piece, found[1])) <= 1:
            published, recognised = published or found[0], True
            continue
        clock = _find_time(piece)
        if clock and not _leftover_words(piece, [clock[1]]):
            times.append(clock[0])
            continue
        if len(_words(piece)) <= 4 and not piece.endswith(_SENTENCE_END):
            leftovers += 1
            continue
        return None
    if not recognised or leftovers > 2:
        return None
    if published and len(published) == 10 and times:  # "Jan 5, 2020 / 10:31 AM"
        published = datetime(*date.fromisoformat(published).timetuple()[:3], *times[0]).isoformat()
    return publisher, published


# ---------------------------------------------------------------------------------------------
# header


@dataclass(frozen=True)
class Header:
    """What the top of a raw text says about the article, and where its body begins.

    ``body_start`` is a raw offset: everything before it is header (title, byline, dateline,
    wire header, captions) and never body text.
    """

    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    body_start: int = 0
    dateline: str | None = None  # the place of a wire dateline
    voice: str | None = None  # who speaks in the text's own words (:func:`_voice`)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int

    def text(self, raw: str) -> str:
        return raw[self.start:self.end]


def _split_lines(raw: str, start: int = 0) -> list[_Line]:
    lines, pos = [], start
    for m in re.finditer(r"\r\n|\r|\n", raw[start:]):
        lines.append(_Line(pos, start + m.start()))
        pos = start + m.end()
    lines.append(_Line(pos, len(raw)))
    return lines


def _muc_header(raw: str, lines: list[_Line]) -> Header | None:
    """A wire dateline ``CITY, 16 NOV 89 (SOURCE) -- [TEXT]`` within the first lines."""
    nonblank = [ln for ln in lines if ln.text(raw).strip()][:3]
    for index, line in enumerate(nonblank):
        m = _MUC_RE.match(raw, line.start)
        if not m or m.start() >= line.end:
            continue
        month_name, day_number = m["m1"] or m["m2"], m["d1"] or m["d2"]
        month = MONTH_NUMBERS.get(month_name.lower()) if month_name else None
        if month_name and month is None:
            continue
        day = _valid(_year(m["y"]), month, int(day_number)) if m["y"] and month else None
        pos, tags = m.end(), []
        while (tag := _BRACKET_RE.match(raw, pos)) and len(tags) < 6:
            tags.append(tag[1].strip().upper())
            pos = tag.end()
            if tags[-1] == "TEXT":
                while tag := _CONTINUED_RE.match(raw, pos):
                    pos = tag.end()
                break
        title = nonblank[0].text(raw).strip() if index else None
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        publisher = (m["src"] or "").strip() or None
        return Header(title=title, publisher=publisher,
                      published=day.isoformat() if day else None, body_start=pos,
                      dateline=" ".join(m["place"].split()).title(), voice=_voice(tags, publisher, raw, pos))
    return None


# The genre labels of a monitoring service's wire header ("[STATEMENT] [CHILEAN COMMUNIST PARTY] [TEXT]"): the
# label after them names who speaks.
GENRE_LABELS = frozenset({"TEXT", "STATEMENT", "COMMUNIQUE", "SPEECH", "COMMENTARY", "REPORT", "EDITORIAL",
                          "INTERVIEW", "EXCERPT", "EXCERPTS", "LETTER", "MESSAGE", "ANNOUNCEMENT", "DECLARATION",
                          "PROCLAMATION", "ADDRESS", "APPEAL", "BULLETIN", "CONTINUED", "NEWSCAST", "NEWS"})
_FIRST_PERSON = re.compile(r"\b(?:we|our)\b|\bI\b", re.I)


def _voice(tags: list[str], publisher: str | None, raw: str, body_start: int) -> str | None:
    """Who speaks in a wire text's own words: the label its header gives after the genre ("[SPEECH] [PRESIDENT
    ALFREDO CRISTIANI] [TEXT]", "[COMMUNIQUE] [SALVADORAN ARMED FORCES]"); else the station itself when the text
    opens in the first person outside quotes ("(RADIO VENCEREMOS) -- [TEXT] WE RECENTLY HEARD ..."); else None."""
    labels = [t for t in tags if t.split()[0].strip(".,:") not in GENRE_LABELS]
    if labels and any(t.split()[0] in GENRE_LABELS for t in tags[:tags.index(labels[0])]):
        return " ".join(labels[0].split())
    first = re.split(r"(?<=[.!?])\s", raw[body_start:body_start + 400], maxsplit=1)[0]
    first = re.sub(r"\"[^\"]*\"?", " ", first)  # a quotation's "we" is the quoted speaker's
    return publisher if publisher and _FIRST_PERSON.search(first) and not any(t == "EXCERPT" for t in tags) else None


def _is_title(line: str, title: str | None, following: str | None) -> bool:
    text = _norm(line).casefold()
    if title:
        wanted = _norm(title).casefold()
        if text == wanted or (len(text) >= 12 and (text in wanted or wanted in text)):
            return True
    headline = len(_words(text)) <= 30 and not text.endswith(".")
    return headline and following is not None and _meta_line(following) is not None


def read_header(raw: str, *, title: str | None = None, first_line_is_title: bool = False) -> Header:
    """Find the header of a raw article text: title, publisher, publication time, body start.

    ``title`` is a title known from elsewhere (a JSON field, HTML metadata): the first line is
    the title when it matches it, or when a byline/dateline follows it. With
    ``first_line_is_title`` (plain-text files, per the contract) the first line always is,
    unless it is itself a byline or dateline.
    """
    lines = _split_lines(raw)
    muc = _muc_header(raw, lines)
    if muc is not None:
        return muc
    texts = [ln.text(raw) for ln in lines]
    nonblank = [i for i, t in enumerate(texts) if t.strip()]
    if not nonblank:
        return Header(body_start=len(raw))
    first = texts[nonblank[0]]
    following = texts[nonblank[1]] if len(nonblank) > 1 else None
    found_title, pos = None, 0
    if _meta_line(first) is None and (first_line_is_title or _is_title(first, title, following)):
        found_title, pos = _norm(first), 1
    publisher = published = None
    drop_until = nonblank[pos - 1] + 1 if pos else 0
    for k, i in enumerate(nonblank[pos:pos + _MAX_HEADER_LINES], start=pos):
        text = texts[i]
        nxt = texts[nonblank[k + 1]] if k + 1 < len(nonblank) else ""
        meta = _meta_line(text)
        if meta is not None:
            publisher, published = publisher or meta[0], published or meta[1]
        elif not (is_caption(text) or (_is_label(text) and is_caption(nxt))
                  or _is_fragment(text, [texts[j] for j in nonblank[max(0, k - 5):k]])):
            break
        drop_until = i + 1
    rest = [i for i in nonblank if i >= drop_until]
    body_start = lines[rest[0]].start if rest else len(raw)
    return Header(title=found_title, publisher=publisher, published=published, body_start=body_start)


def _is_fragment(line: str, earlier: list[str]) -> bool:
    """A line that merely repeats the end of one of the ``earlier`` lines (a caption fragment)."""
    text = _norm(line)
    if len(_words(text)) < 3 or len(text) < 15:
        return False
    return any(len(_norm(e)) > len(text) and _norm(e).endswith(text) for e in earlier)


# ---------------------------------------------------------------------------------------------
# body


def _drop_lines(raw: str, lines: list[_Line]) -> list[bool]:
    """Which lines are captions, caption labels/wrapped caption starts, fragments or credits."""
    texts = [ln.text(raw) for ln in lines]
    drop = [False] * len(lines)
    recent: list[str] = []
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        if (is_caption(text) or _is_fragment(text, recent)
                or (_CREDIT_LINE_RE.match(text) and len(_words(text)) <= 40)):
            drop[i] = True
            _extend_caption_back(texts, drop, i)
        recent = (recent + [text])[-5:]
    return drop


def _extend_caption_back(texts: list[str], drop: list[bool], index: int) -> None:
    """Drop the lines of the same block that belong to the caption at ``index``: a short label
    just before it, or the wrapped first lines of a caption that ends here."""
    first = index
    for _ in range(4):
        prev = first - 1
        if prev < 0 or drop[prev] or not texts[prev].strip():
            return
        ptext, ctext = texts[prev].strip(), texts[first].strip()
        if ptext.endswith(_SENTENCE_END) or _SUBHEAD_RE.match(ptext) or _BULLET_RE.match(ptext):
            return
        if _is_label(ptext):
            drop[prev] = True
            return
        if not (ctext[:1].islower() or len(ptext) >= 50):
            return
        drop[prev] = True
        first = prev


def _blocks(raw: str, lines: list[_Line], drop: list[bool]) -> list[list[_Line]]:
    """Runs of consecutive kept, non-blank lines (blank and dropped lines separate them)."""
    blocks, current = [], []
    for line, dropped in zip(lines, drop):
        if dropped or not line.text(raw).strip():
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _paragraphs(raw: str, block: list[_Line]) -> list[list[_Line]]:
    """Split a block into paragraphs: hard-wrapped lines join, paragraph-per-line text does not."""
    texts = [ln.text(raw) for ln in block]
    width = max(len(t.strip()) for t in texts)
    paragraphs, current = [], [block[0]]
    for prev, line, text in zip(texts, block[1:], texts[1:]):
        indent = len(text) - len(text.lstrip())
        prev_indent = len(prev) - len(prev.lstrip())
        stripped = prev.strip()
        new = (width > _WRAP_MAX or indent > prev_indent
               or _SUBHEAD_RE.match(prev) or _SUBHEAD_RE.match(text) or _BULLET_RE.match(text)
               or (stripped.endswith(_SENTENCE_END) and len(stripped) < 0.7 * width))
        if new:
            paragraphs.append(current)
            current = []
        current.append(line)
    paragraphs.append(current)
    return paragraphs


def _tokens(raw: str, paragraph: list[_Line]) -> list[tuple[int, int]]:
    """Raw spans of the paragraph's words (runs of non-whitespace)."""
    return [m.span() for line in paragraph for m in _TOKEN_RE.finditer(raw, line.start, line.end)]


def _assemble(raw: str, paragraphs: list[list[tuple[int, int]]]) -> tuple[str, tuple]:
    """Body text and offset segments from token spans (one space inside, a blank line between)."""
    parts: list[str] = []
    segments: list[list[int]] = []
    size = 0
    for p_index, tokens in enumerate(paragraphs):
        for t_index, (start, end) in enumerate(tokens):
            sep = "" if size == 0 else (" " if t_index else "\n\n")
            if sep:
                parts.append(sep)
            prev = segments[-1] if segments else None
            if prev and raw[prev[1] + prev[2]:start] == sep:
                prev[2] += len(sep) + end - start  # contiguous in raw as in body: extend
            else:
                segments.append([size + len(sep), start, end - start])
            parts.append(raw[start:end])
            size += len(sep) + end - start
    return "".join(parts), tuple((a, b, c) for a, b, c in segments)


def clean(document: Document) -> Article:
    """The article body of ``document`` with offsets back into ``document.text``.

    Header lines (title, byline, dateline, reading time, wire header), photo captions,
    caption fragments, credit lines and duplicate paragraphs are dropped; lines of a paragraph
    are joined with one space, paragraphs with one blank line. Metadata comes from the
    document; publisher and publication time missing there are filled from the header.
    """
    raw = document.text
    header = read_header(raw, title=document.title)
    kept = _kept_paragraphs(raw, header.body_start, _norm(document.title or header.title or "").casefold())
    if not kept and raw.strip():  # a text that is all title ("Rebels attacked a post.") is its own body
        kept = _kept_paragraphs(raw, 0, "")
    body, offsets = _assemble(raw, kept)
    return Article(
        id=document.id, body=body, title=document.title or header.title,
        published=document.published or header.published,
        url=document.url, publisher=document.publisher or header.publisher,
        source=document.source, offsets=offsets, dateline=header.dateline or _lead_dateline(body),
        voice=header.voice,
    )


_LEAD_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{2,40}?)(?:,[^()\n]{0,30})?\s*\((?:[A-Za-z .&-]{2,30})\)\s*[-–—]")


def _lead_dateline(body: str) -> str | None:
    """The place of a dateline that opens the body: "BAGHDAD (Reuters) - ..." -> "Baghdad"."""
    m = _LEAD_DATELINE.match(body)
    return " ".join(m["place"].split()).title() if m else None


def _kept_paragraphs(raw: str, body_start: int, title: str) -> list[list[tuple[int, int]]]:
    lines = _split_lines(raw, body_start)
    drop = _drop_lines(raw, lines)
    seen: set[str] = set()
    kept: list[list[tuple[int, int]]] = []
    for block in _blocks(raw, lines, drop):
        for paragraph in _paragraphs(raw, block):
            tokens = _tokens(raw, paragraph)
            key = " ".join(raw[a:b] for a, b in tokens)
            if not tokens or key in seen or (not kept and title and key.casefold() == title):
                continue
            if _CAPTION_TAIL_RE.search(key) and len(tokens) <= 60:
                continue
            seen.add(key)
            kept.append(tokens)
    return kept


