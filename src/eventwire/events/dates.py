"""Stage events/dates: find time expressions and resolve them against the publication date.

:func:`find_timexes` — pure regular expressions over text (no model). Each rule turns a match
into a :class:`Timex` with an ISO value (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and a precision.
Upper-case wire text (MUC: ``16 NOV 89``, ``ON 15 NOVEMBER``) works like mixed case. Which timex dates
which event is decided where the mentions are read (:mod:`eventwire.events.mentions`).

Resolution choices (news reading, anchored on the publication date):

* a bare weekday (``Saturday``, ``late Saturday``, ``early on Saturday``) is the most recent such day on
  or before the anchor — the anchor's own weekday counts — unless the clause is future (``will``,
  ``would``, ``plans to``…, or ``next``/``this coming``): then the first such day on or after the anchor;
* ``last Friday`` is strictly before the anchor, ``next Friday`` strictly after;
* a bare month (``in March``) is the most recent such month on or before the anchor's month, or the next
  one on or after it in a future clause; ``last March`` strictly before, ``next March`` strictly after;
* a day and month without a year (``March 5``, ``ON 30 DECEMBER``) is the nearer of its occurrences just
  before and just after the anchor, the later one only if at most :data:`FORWARD_DAYS` days ahead
  (scheduled dates: ``payable Jan. 2``); in a future clause it is the first on or after the anchor;
* weeks have no precision of their own in the output contract: ``last week``/``this week``/``next week``
  and ``N weeks ago`` give the *month* of the anchor moved by that many weeks (precision ``"month"``);
* ``N days ago``/``the day before``/``yesterday`` give days; ``a year ago``/``N years ago`` give years;
* ``the last year`` / ``the last month`` ("within the last year, three children died", "over the last month")
  is the span up to the anchor, not the calendar unit before it: no date;
* numeric dates other than ISO ``2019-03-05`` (``05/03/2019``) are skipped as ambiguous;
* ranges (``between 3 and 5 March``, ``March 3-5``) give their first day;
* without an anchor only expressions that carry their own year are returned.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from ..knowledge.words import MONTH_NUMBERS

__all__ = ["Timex", "find_timexes", "tense_reader", "past_reader", "FORWARD_DAYS"]

FORWARD_DAYS = 120
"""A yearless day-month may lie up to about four months after the anchor (scheduled dates)."""

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "a couple of": 2, "couple of": 2}

_MONTH = r"(?P<m>(?:january|february|march|april|may|june|july|august|september|october|november|" \
         r"december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|" \
      r"thu|fri|sat|sun)\.?,?\s+"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_RANGE = r"(?:(?:between|from)\s+)?(?:(?P<d0>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and|until|till)\s*)?"
_YEAR_TAIL = r"(?:,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d|,\d)|\s+(?P<yy>'?\d\d)(?=\s*(?:$|[^\w\s])))?"
_SHIFT = r"(?:(?P<mod>late|early|earlier|later|mid)(?:\s+on|-|\s+)\s*)?"
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|'ll|would|going\s+to|plans?\s+to|planned\s+to|planning\s+to|due\s+to|"
    r"scheduled|expects?\s+to|expected|set\s+to|to\s+be\s+held|intends?\s+to|upcoming)\b", re.I)
_CLAUSE_BREAK = re.compile(r"(?<=[a-z]{3}[.!?])\s|[;:\n]|,\s")

TenseFuture = Callable[[int, int], bool]


@dataclass(frozen=True)
class Timex:
    """A resolved time expression: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    value: str  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: str  # "day" | "month" | "year"

    @property
    def iso_date(self) -> str:
        """``value`` padded to a full ``YYYY-MM-DD`` (first day of the month/year), as the contract wants."""
        return (self.value + "-01-01")[:10] if len(self.value) == 4 else (self.value + "-01")[:10]


@dataclass(frozen=True)
class _Ctx:
    text: str
    anchor: dt.date | None
    tense_future: TenseFuture
    tense_past: TenseFuture = None


# ---------------------------------------------------------------- date arithmetic

def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _day(value: dt.date) -> tuple[str, str]:
    return value.isoformat(), "day"


def _month(year: int, month: int) -> tuple[str, str]:
    return f"{year:04d}-{month:02d}", "month"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday(anchor: dt.date, weekday: int, *, mode: str) -> dt.date:
    """``mode``: past (on/before), last (strictly before), future (on/after), next (strictly after), this."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if mode == "past":
        return anchor - dt.timedelta(days=back)
    if mode == "last":
        return anchor - dt.timedelta(days=back or 7)
    if mode == "future":
        return anchor + dt.timedelta(days=ahead)
    if mode == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor + dt.timedelta(days=weekday - anchor.weekday())  # "this": same Monday-Sunday week


def _yearless(anchor: dt.date, month: int, day: int, *, future: bool, past: bool = False) -> dt.date | None:
    this_year = _safe_date(anchor.year, month, day)
    if this_year is None:
        return _safe_date(anchor.year - 1, month, day) if month == 2 else None
    if this_year >= anchor:
        ahead, behind = this_year, _safe_date(anchor.year - 1, month, day)
    else:
        ahead, behind = _safe_date(anchor.year + 1, month, day), this_year
    if future or behind is None:
        return ahead
    if past and this_year > anchor:  # "pleaded guilty to their roles in the Nov. 22 shootout": what a past
        return behind  # clause tells of had happened by the day it was told
    if ahead is not None and (ahead - anchor).days <= min(FORWARD_DAYS, (anchor - behind).days):
        return ahead
    return behind


def _year_of(match: re.Match, anchor: dt.date | None) -> int | None:
    if match.group("y"):
        return int(match.group("y"))
    yy = match.group("yy")
    if not yy:
        return None
    short = int(yy.lstrip("'"))
    if anchor is None:
        return (2000 if short <= 30 else 1900) + short
    year = anchor.year // 100 * 100 + short
    return year - 100 if year > anchor.year + 1 else year


# ---------------------------------------------------------------- context cues

def _is_future(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` speaks of the future (lexical fallback)."""
    if ctx.tense_future is not None:
        return bool(ctx.tense_future(start, end))
    left = ctx.text[max(0, start - 80):start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    right = ctx.text[end:end + 40]
    cut = _CLAUSE_BREAK.search(right)
    right = right[:cut.start()] if cut else right
    return bool(_FUTURE_CUE.search(left) or _FUTURE_CUE.search(right))


def _month_ok(match: re.Match, *, bare: bool) -> bool:
    """Month words must be capitalised; bare ``May``/abbreviations need a number or a preposition."""
    word = match.group("m")
    if not word[0].isupper():
        return False
    if bare:
        key = word.lower().rstrip(".")
        return key != "may" and key in MONTH_NUMBERS and len(key) > 3 and key != "sept"
    return True


# ---------------------------------------------------------------- rules: match -> (value, precision)

def _r_iso(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    day = _safe_date(int(m.group("Y")), int(m.group("M")), int(m.group("D")))
    return _day(day) if day else None


def _r_day_month(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """``5 March``, ``5 Mar 1989``, ``16 NOV 89``, ``March 5, 2019``, ``between 3 and 5 March``."""
    if not _month_ok(m, bare=False):
        return None
    month = MONTH_NUMBERS[m.group("m").lower().rstrip(".")]
    groups = m.groupdict()
    day = int(groups.get("d0") or m.group("d"))
    year = _year_of(m, ctx.anchor) if "yy" in groups else (int(groups["y"]) if groups.get("y") else None)
    if year is not None:
        date = _safe_date(year, month, day)
    elif ctx.anchor is not None:
        date = _yearless(ctx.anchor, month, day, future=_is_future(ctx, m.start(), m.end()),
                         past=bool(ctx.tense_past is not None and ctx.tense_past(m.start(), m.end())))
    else:
        return None
    return _day(date) if date else None


def _r_month_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if not _month_ok(m, bare=False):
        return None
    return _month(int(m.group("y")), MONTH_NUMBERS[m.group("m").lower().rstrip(".")])


_PAST_REL = {"last", "past", "this past"}
_NEXT_REL = {"next", "coming", "this coming"}


def _rel(m: re.Match) -> str | None:
    rel = m.groupdict().get("rel")
    return " ".join(rel.lower().split()) if rel else None


def _r_month_relyear(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """``June last year``, ``January this year``."""
    if ctx.anchor is None or not _month_ok(m, bare=False):
        return None
    step = {"last": -1, "this": 0, "next": 1}[m.group("ry").lower()]
    return _month(ctx.anchor.year + step, MONTH_NUMBERS[m.group("m").lower().rstrip(".")])


def _r_month(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """``in March``, ``last November``, ``late November``, ``mid-November``, ``this September``."""
    rel = _rel(m)
    if ctx.anchor is None or not _month_ok(m, bare=rel is None and not m.group("mod")):
        return None
    month, anchor = MONTH_NUMBERS[m.group("m").lower().rstrip(".")], ctx.anchor
    if rel == "this":
        return _month(anchor.year, month)
    if rel in _PAST_REL:
        return _month(anchor.year if month < anchor.month else anchor.year - 1, month)
    if rel in _NEXT_REL:
        return _month(anchor.year if month > anchor.month else anchor.year + 1, month)
    if _is_future(ctx, m.start(), m.end()):
        return _month(anchor.year if month >= anchor.month else anchor.year + 1, month)
    return _month(anchor.year if month <= anchor.month else anchor.year - 1, month)


_YEAR_FOLLOWERS = frozenset(
    "and or to the a an was were is are had has have when as after before in on at for but while with by "
    "from until than that which who where election elections budget census season olympics world cup "
    "levels level figures figure high low".split())


_YEAR_DETERMINERS = frozenset("the a its his her their our your this that whose".split())
_QUANTIFIERS = frozenset("about some nearly over than least almost around more".split())
_CLOCK_WORDS = frozenset({"at"})  # "began at 2000": military time
_CLOCK_AFTER = re.compile(r"\s*(?:\(\s*\d{4}\s*gmt|hours?\b|hrs\b|gmt\b|local\s+time)", re.IGNORECASE)


def _bare_year_ok(text: str, start: int, end: int, year: int) -> bool:
    """A bare four-digit number is a year unless it reads as a quantity (``2000 troops``)."""
    if year < 1900:
        return False
    before = text[max(0, start - 15):start].split()
    previous = before[-1].lower() if before else ""
    if previous in _QUANTIFIERS or previous in _CLOCK_WORDS or _CLOCK_AFTER.match(text, end):
        return False  # "about 2000 troops"; "at 2000 (0200 GMT)", "1130 hours": a quantity or a clock time
    if previous in _YEAR_DETERMINERS or previous.endswith("'s"):
        return True
    following = re.match(r"\s+([A-Za-z]+)", text[end:end + 30])
    if not following:
        return True
    word = following.group(1)
    mixed_case = not text[max(0, start - 200):end + 200].isupper()
    return word.lower() in _YEAR_FOLLOWERS or (mixed_case and word[0].isupper())


def _r_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """``in 2019``, ``fiscal 1989``, a bare ``1990`` unless a quantity (``2000 troops``)."""
    year = int(m.group("y"))
    if not m.group("prep") and not _bare_year_ok(ctx.text, m.start(), m.end(), year):
        return None
    return f"{year:04d}", "year"


def _r_weekday(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """``Friday``, ``late Saturday``, ``early on Saturday``, ``last Friday``, ``next Tuesday``."""
    if ctx.anchor is None:
        return None
    rel, weekday = _rel(m), WEEKDAYS[m.group("w").lower()]
    if rel in _PAST_REL:
        mode = "last"
    elif rel in _NEXT_REL:
        mode = "next"
    elif rel == "this":
        mode = "this"
    else:
        mode = "future" if _is_future(ctx, m.start(), m.end()) else "past"
    return _day(_weekday(ctx.anchor, weekday, mode=mode))


_DEICTIC = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
            "yesterday": -1, "last night": -1, "the day before": -1, "the previous day": -1,
            "the night before": -1, "the previous night": -1,
            "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}


def _r_deictic(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if ctx.anchor is None:
        return None
    offset = _DEICTIC[" ".join(m.group("w").lower().split())]
    return _day(ctx.anchor + dt.timedelta(days=offset))


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _shifted(anchor: dt.date, unit: str, n: int) -> tuple[str, str]:
    """The anchor moved by ``n`` units (negative: back); weeks are reported at month precision."""
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return _day(anchor + dt.timedelta(days=n))
    if unit == "week":
        moved = anchor + dt.timedelta(days=7 * n)
        return _month(moved.year, moved.month)
    if unit == "month":
        return _month(*_month_shift(anchor.year, anchor.month, n))
    if unit == "decade":
        n *= 10
    return f"{anchor.year + n:04d}", "year"


def _r_ago(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """``two days ago``, ``a year earlier``, ``six weeks ago``."""
    n = _count(m.group("n"))
    if ctx.anchor is None or n is None:
        return None
    return _shifted(ctx.anchor, m.group("u"), -n)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)  # "within the last year": a span up to now, no date


def _r_relunit(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """``last week``, ``this month``, ``earlier this year``, ``early next year``. Not "*the* last year" ("within
    the last year", "over the last month", "the last week of June"): the period up to the anchor, or a part of
    another, not the calendar unit before the anchor's."""
    if ctx.anchor is None:
        return None
    rel = _rel(m)
    if rel == "last" and _THE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return None
    step = -1 if rel in {"last", "the previous"} else 1 if rel in {"next", "the coming"} else 0
    return _shifted(ctx.anchor, m.group("u"), step)


_NUM = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?couple\s+of"
_RULES: tuple[tuple[re.Pattern, Callable[[re.Match, _Ctx], tuple[str, str] | None]], ...] = tuple(
    (re.compile(pattern, re.I), handler) for pattern, handler in (
        (r"(?<![\d-])(?P<Y>(?:1[89]|20)\d\d)-(?P<M>[01]\d)-(?P<D>[0-3]\d)(?![\d-])", _r_iso),
        (rf"\b(?:{_WD})?{_RANGE}{_DAY}(?:\s+of)?\s+{_MONTH}{_YEAR_TAIL}", _r_day_month),
        (rf"\b(?:{_WD})?(?:(?:between|from)\s+)?{_MONTH}\s+{_DAY}"
         r"(?:\s*(?:-|–|to|and|until)\s*[0-3]?\d(?:st|nd|rd|th)?)?\b(?![:.,]\d)"
         r"(?:,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d|,\d))?", _r_day_month),
        (rf"\b{_SHIFT}(?:(?:in|of|during|since|until|by)\s+)?{_MONTH},?\s+(?:of\s+)?"
         r"(?P<y>(?:1[89]|20)\d\d)(?!\d|,\d)", _r_month_year),
        (rf"\b{_SHIFT}(?:(?:in|of|during|since|until|by)\s+)?{_MONTH}\s+(?P<ry>last|this|next)\s+year\b",
         _r_month_relyear),
        (rf"\b{_SHIFT}(?:(?P<rel>this\s+coming|this\s+past|last|next|this|past|coming|in|since|until|by|"
         rf"during|of)\s+)?{_MONTH}(?!\.?\s*[0-3]?\d\b|\.?,?\s+(?:of\s+)?\d|\.?\s+(?:last|this|next)\s+year)", _r_month),
        (r"(?<![$£€\d,./])\b(?:(?P<prep>in|since|of|during|until|by|from|before|after|early|late|mid-|"
         r"fiscal|the\s+end\s+of|the\s+year)\s*)?(?P<y>(?:1[89]|20)\d\d)\b(?!\s*%|[\d,./]\d|s\b|'s\b|-\d)",
         _r_year),
        (rf"\b{_SHIFT}(?:(?P<rel>this\s+coming|this\s+past|last|next|this|past|coming|on|until|since|by|"
         r"before|from)\s+)?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?"
         r"(?:\s+(?:morning|afternoon|evening|night))?\b", _r_weekday),
        (rf"\b{_SHIFT}(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|the\s+day\s+before|"
         r"the\s+previous\s+day|the\s+night\s+before|the\s+previous\s+night|"
         r"today|tonight|yesterday|tomorrow|last\s+night|"
         r"this\s+(?:morning|afternoon|evening))(?:\s+(?:morning|afternoon|evening|night))?\b", _r_deictic),
        (rf"\b(?P<n>{_NUM})\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier)\b", _r_ago),
        (rf"\b{_SHIFT}(?P<rel>last|this|next|the\s+previous|the\s+coming|the\s+current)\s+(?:fiscal\s+)?(?P<u>week|month|year)\b",
         _r_relunit),
    ))
# The same patterns without IGNORECASE, run over the lower-cased text first (2-3 times faster: Python's
# engine cannot skip ahead on a case-insensitive pattern); each hit is then matched again, at the same
# place, by the case-insensitive pattern over the original text, which the handlers read (``May``).
_QUICK = tuple(re.compile(pattern.pattern, pattern.flags & ~re.I) for pattern, _handler in _RULES)
# Words one of which every match of a rule holds (lower case): a lower-cased text with none of them skips the
# rule's scan (most texts say no "ago", "year" or weekday).
_NEEDS: dict[Callable, tuple[str, ...]] = {_r_month_relyear: ("year",), _r_weekday: tuple(WEEKDAYS),
                                           _r_ago: ("ago", "earlier"), _r_relunit: ("week", "month", "year")}


def find_timexes(text: str, *, anchor: dt.date | None,
                 tense_future: Callable[[int, int], bool | None] | None = None,
                 tense_past: Callable[[int, int], bool | None] | None = None) -> list[Timex]:
    """All resolvable time expressions of ``text``, in text order, without overlaps.

    ``anchor`` is the publication date (relative expressions need it; ``None`` keeps only dates
    that carry their own year). ``tense_future(start, end)`` may say whether the clause around
    ``text[start:end]`` is about the future (``True``/``False``) or not know (``None``); without it,
    or when it returns ``None``, a lexical cue (``will``, ``would``, ``plans to``…) in the clause decides.
    ``tense_past(start, end)`` says whether that clause tells of the past: a day and month without a year in a
    past clause is never one ahead of ``anchor``.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    ctx = _Ctx(text=text, anchor=anchor, tense_future=tense_future, tense_past=tense_past)
    candidates = []
    lowered = text.lower()
    quick = len(lowered) == len(text)  # lower() keeps offsets (it does for all but a few scripts)
    for (pattern, handler), fast in zip(_RULES, _QUICK):
        needs = _NEEDS.get(handler)
        if quick and needs and not any(word in lowered for word in needs):
            continue  # the rule cannot match: the words it needs are not in the text
        found = (pattern.match(text, m.start()) for m in fast.finditer(lowered)) if quick else pattern.finditer(text)
        for match in found:
            if match is None:
                continue
            resolved = handler(match, ctx)
            if resolved is not None:
                candidates.append(Timex(match.start(), match.end(), match.group(0), *resolved))
    chosen: list[Timex] = []
    for timex in sorted(candidates, key=lambda t: (t.start - t.end, t.start)):
        if all(timex.end <= other.start or timex.start >= other.end for other in chosen):
            chosen.append(timex)
    return sorted(chosen, key=lambda t: t.start)


# ---------------------------------------------------------------- event_date over a parsed Doc

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo", "'d"})
_FUTURE_HEADS = frozenset({"plan", "intend", "expect", "schedule", "set", "due", "prepare", "hope", "aim",
                           "vow", "promise", "pledge", "threaten", "want", "go"})


def _clause_verb(token):
    """The nearest verb at or above ``token`` (its clause head), or ``None``."""
    for node in [token, *token.ancestors]:
        if node.pos_ == "VERB" or (node.pos_ == "AUX" and node.dep_ not in ("aux", "auxpass")):
            return node
    return None


def _verb_is_future(verb, *, subject: bool = False) -> bool:
    """``will/would/shall`` on the verb, or the verb under ``plans to``, ``is going to``, ``is set to``…;
    ``subject``: the date stands in the verb's subject ("the attack on 6 December had been planned since
    September"), which planning or scheduling does not move into the future."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    if verb.lemma_.lower() in {"schedule", "plan", "expect"} and not subject:
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head is not verb and (
        head.lemma_.lower() in _FUTURE_HEADS or _verb_is_future(head))


def _doc_tense(doc, offset: int) -> Callable[[int, int], bool | None]:
    """A ``tense_future`` callable for :func:`find_timexes` over ``doc.text[offset:]``."""
    def tense_future(start: int, end: int) -> bool | None:
        span = doc.char_span(offset + start, offset + end, alignment_mode="expand")
        verb = _clause_verb(span.root) if span is not None and len(span) else None
        if verb is None:
            return None
        subject = any(n.dep_ in ("nsubj", "nsubjpass") and n.head == verb for n in [span.root, *span.root.ancestors])
        return _verb_is_future(verb, subject=subject)
    return tense_future


_AHEAD_PREPS = frozenset({"to", "for", "until", "till", "by"})  # "was postponed to Nov. 22", "was set for May 3"


def past_reader(doc) -> Callable[[int, int], bool]:
    """A ``tense_past`` callable for :func:`find_timexes` over the whole ``doc.text``: does the clause around a
    date tell of the past ("pleaded guilty Friday to their roles in the Nov. 22 shootout", "four people were
    shot at the July 26 party"), the date not being one it was put off to or set for ("was postponed to
    Nov. 22")?"""
    def tense_past(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        verb = _clause_verb(span.root)
        if verb is None or _verb_is_future(verb) or verb.lemma_.lower() in _FUTURE_HEADS:
            return False
        path = [span.root, *span.root.ancestors]
        if any(n.dep_ == "pobj" and n.head.lower_ in _AHEAD_PREPS for n in path[:path.index(verb)]
               if verb in path):
            return False
        heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "was shot and killed on Nov. 2"
        return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had", "has", "have")
            for h in heads for c in h.children)
    return tense_past


def tense_reader(doc) -> Callable[[int, int], bool | None]:
    """A ``tense_future`` callable for :func:`find_timexes` over the whole ``doc.text``."""
    return _doc_tense(doc, 0)
