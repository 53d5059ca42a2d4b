"""Which dates a mention of an event carries: its own, a weak one, the story's (:func:`mention_dates`).

Split from :mod:`eventwire.events.mentions` (which reads the rest of a mention). The conventions of news: a date
in the trigger's own phrase or clause is the event's; a date of a clause that reports the event ("police *said
today* that ...") or of a step of justice taken over it ("arrested Monday in the shooting") is not; the time a
story is set in is the nearest earlier day-precise date of the paragraphs before, or, for a local story's lead
told without its day, the day a later sentence gives.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Collection

from ..knowledge.words import SPEECH_VERBS
from . import factuality
from .dates import Timex

if TYPE_CHECKING:  # pragma: no cover
    from .records import ArticleState
    from spacy.tokens import Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["mention_dates", "JUSTICE", "REPORTING", "LEAD_DAYS"]

# Steps of justice taken over an attack ("arrested Monday in the shooting death of X", "charged on Friday with
# the killing"): their date is theirs, not the attack's.
JUSTICE = {"arrest", "charge", "sentence", "indict", "arraign", "convict", "acquit", "plead", "identify", "book",
           "jail", "detain"}
BOUND_WORDS = {"since", "until", "till", "through", "by"}  # "by 2000": a deadline, not when it happened
TIME_PREPS = {"on", "in", "during"}  # "the murder on 26 February of Mayor X": a date, whatever the parse hangs it on
# Verbs of saying and judging: their date is the report's, not the event's ("condemned today the killing").
# Not those that share the event's time ("repelled an attack this morning", "survived", "witnessed").
REPORTING = SPEECH_VERBS | {"condemn", "criticize", "criticise", "denounce", "blame", "deny", "confirm", "report",
                                "discuss", "investigate", "probe", "mourn", "remember", "commemorate", "recall",
                                "mark", "welcome", "praise", "hail", "protest", "claim", "describe", "attribute",
                                "link", "cite", "review", "study", "reject", "support", "oppose", "call", "predict",
                                "expect", "fear", "await", "anticipate"}

def mention_dates(sent: "SpacySpan", region: set[int], ctx: ArticleState, *, head: "Token | None" = None,
           triggers: Collection[int] = (),
           ) -> tuple[Timex | None, Timex | None, Timex | None]:
    """(own date, weak date, context date) of a mention.

    Own: a date in the trigger's region (of several, the first that hangs on the trigger itself:
    :func:`on_trigger`). Weak: another date of the sentence, or the nearest earlier one of
    the paragraph; a date that belongs to a clause governing the trigger's ("police *said today* that
    rebels killed ...", "condemned *today* the assassination of ...") dates the report, not the event, and
    is left out. Context: the nearest earlier day-precise date of the article's previous paragraphs (the
    time the story is set in; in the lead, the day a later sentence gives: :func:`_told_later`), used only
    when no mention of the event has a date of its own. Never a date
    that bounds a span ("since 1981") or dates a thing that is no event (``triggers``: all trigger tokens;
    "a 1981 blue Chevrolet", "the 19 March elections").
    """
    own, weak = None, None
    owns: list[tuple[bool, Timex]] = []  # the dates in the trigger's region; False: on the trigger
    justice: dict[int, list[Timex]] = {}  # the days that hang on a step of justice above the trigger
    for timex, span in zip(ctx.timexes, ctx.timex_spans):
        if timex.start < sent.start_char or timex.end > sent.end_char:
            continue
        if not _dates_events(ctx, timex, span, triggers) or _sourced(span):
            continue
        if span is not None and span.root.i in region:
            owns.append((not on_trigger(span.root, head), timex))
            continue
        justice_day = _justice_day(span)
        if span is None or head is None or not _governs(span.root, head) and not justice_day:
            weak = weak or timex
        elif justice_day and ctx.anchor and timex.iso_date < str(ctx.anchor - dt.timedelta(days=366)):
            own = own or timex  # "in 2010, he was charged with the murder of X": an old case, no later than its charge
        elif timex.precision == "day" and justice_day:
            justice.setdefault(_verb_of(span.root).i, []).append(timex)
    if owns and (own is None or owns[0][1].start < own.start):  # of the trigger's own dates, the first on it
        own = min(owns, key=lambda pair: pair[0])[1]
    days = next((sorted(found, key=lambda t: t.value) for found in justice.values()
                 if len({t.value for t in found}) > 1), None)
    if own is None and days:  # "was arrested Monday in connection with the shooting death of X on March 18": the
        own = days[0]  # parse hangs both days on the arrest; the earlier is the attack's, which came before it
    if weak is None and own is None:  # the nearest earlier date of the paragraph
        for timex, span in reversed(list(zip(ctx.timexes, ctx.timex_spans))):
            if timex.end > sent.start_char:
                continue
            if "\n\n" in ctx.text[timex.end:sent.start_char]:
                break
            if _dates_events(ctx, timex, span, triggers) and not _justice_day(span) and not _report_day(span):
                weak = timex
                break
    latest = ctx.anchor.isoformat() if ctx.anchor is not None else "9999"  # a story is set before it is told
    before = [t for t, span in zip(ctx.timexes, ctx.timex_spans) if t.end <= sent.start_char
              and t.precision == "day" and t.value <= latest and not _justice_day(span) and not _report_day(span)]
    return own, weak, (before[-1] if before else _told_later(sent, ctx, triggers))


def on_trigger(token: "Token", head: "Token | None") -> bool:
    """Does the date ``token`` heads hang on the trigger ``head`` itself, through no other verb or auxiliary?

    Of two dates in a trigger's clause, one on the trigger is its own, one on another verb dates something else:
    "Police on Saturday had yet to identify a boy who was found fatally shot Friday evening" (the parse makes "had"
    an auxiliary of "shot", so both days fall in its clause; "Friday evening" hangs on "shot", "on Saturday" on
    "had"). Two dates on the trigger ("shot from 3:50 p.m. Friday to 5:29 p.m. Sunday") keep their text order."""
    if head is None:
        return False
    for above in token.ancestors:
        if above.i == head.i:
            return True
        if above.pos_ in ("VERB", "AUX"):
            return False
    return False


def _verb_of(token: "Token") -> "Token":
    """The verb a token's phrase hangs on (the token itself when no verb is above it)."""
    verb = token
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    return verb


def _report_day(span: "SpacySpan | None") -> bool:
    """Does the timex date only the telling ("police *said Friday*", "the sheriff's office *announced on Monday*"):
    a day right after a past verb of saying? A story is not set on the day someone spoke of it: a later sentence
    without a day ("Officers found a man shot") is not dated by it. Not a day before an attribution ("...
    Monday, police said"), one a present "says" reports ("says around 2 p.m. on Sunday, deputies were sent"),
    nor one fronted in the reported clause ("said on Feb. 12, her son found the gun"): the parse may hang those
    on the verb of saying too."""
    if span is None:
        return False
    verb = _verb_of(span.root)
    doc = span.doc
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_VERBS and verb.tag_ == "VBD" \
        and (span.start == verb.i + 1 or span.start == verb.i + 2 and doc[verb.i + 1].lower_ == "on") \
        and not (span.end < len(doc) and doc[span.end].text == ",")


def _justice_day(span: "SpacySpan | None") -> bool:
    """Does the timex date a step of justice (:data:`JUSTICE`: "was arrested Monday", "charged on Friday"), told
    in a clause of its own? A follow-up story is told as of that day, but the attack it retells came before: that
    day is no attack's (a victim is often identified the same day)."""
    if span is None:
        return False
    verb = _verb_of(span.root)
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in JUSTICE - {"identify"} \
        and verb.dep_ not in ("xcomp", "advcl", "relcl", "pcomp", "acl") \
        and not any(c.lower_ == "after" or c.dep_ == "advcl" and any(m.lower_ == "after" for m in c.children)
                    for c in verb.children)  # not "(shot) as she tried to arrest him", "arrested Friday after he shot"


LEAD_DAYS = 7  # a story's lead tells what happened in the week before it was published


def _told_later(sent: "SpacySpan", ctx: ArticleState, triggers: Collection[int]) -> Timex | None:
    """The day a story's lead leaves out and a later sentence gives ("A boy was shot in the foot. Police say
    it happened Wednesday just after 4 p.m."): the first day-precise date after the sentence that lies in the
    :data:`LEAD_DAYS` before publication (not the day itself: "said today" dates a report); only in local
    news (:func:`eventwire.places.surroundings.locale_countries`): a wire report's undated lead is told as of
    its day. None without a publication date, or when the sentence has a date of its own, even one that dates
    only its report."""
    if ctx.anchor is None or any(sent.start_char <= t.start < sent.end_char for t in ctx.timexes):
        return None  # "condemned today the assassination": a sentence with a date of its own is told as of it
    from ..places.surroundings import locale_countries  # a leaf module: no import of the places stage

    if not locale_countries(ctx.text):
        return None  # a wire report's lead is told as of the report's day; local news leaves the day for later
    earliest = (ctx.anchor - dt.timedelta(days=LEAD_DAYS)).isoformat()
    for timex in ctx.timexes:
        span = ctx.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if timex.start >= sent.end_char and timex.precision == "day" and earliest <= timex.value \
                < ctx.anchor.isoformat() and _dates_events(ctx, timex, span, triggers) and not _justice_day(span):
            return timex  # not "was arrested Monday": a follow-up's day of justice is no day of the attack
    return None


def _dates_events(ctx: ArticleState, timex: Timex, span: "SpacySpan | None", triggers: Collection[int]) -> bool:
    """Can ``timex`` (parsed as ``span``) date an event at all? Not a bound of a span ("since 1981"), nor the
    date of a thing ("a 1981 blue Chevrolet", "the 19 March elections": a modifier of a noun that reports no
    event)."""
    if _bound(ctx.text, timex):
        return False
    return span is None or span.root.dep_ not in ("nummod", "amod", "compound", "nmod") \
        or span.root.head.i in triggers or (span.start > 0 and span.doc[span.start - 1].lower_ in TIME_PREPS)


def _sourced(span: "SpacySpan | None") -> bool:
    """Is the timex part of an "according to <source>" phrase ("according to military sources today, three
    members were murdered"): the date of the report, not of the event (the parse may hang it on the verb)?
    Not a date of a clause inside the source's phrase ("according to a report, which said that on Monday ...")."""
    for token in span.sent if span is not None else ():
        if token.i < span.start and token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            path = list(span.root.ancestors)
            path = path[:path.index(token)] if token in path else None
            if path is not None and not any(t.pos_ in ("VERB", "AUX") for t in path) \
                    or token.right_edge.i + 1 == span.start:
                return True
    return False


def _bound(text: str, timex: Timex) -> bool:
    """"since 1981", "until 9 November": the start or end of a span of time, not when an event happened."""
    words = text[max(0, timex.start - 12):timex.end].lower().split()  # the timex may hold the word itself
    return any(w in BOUND_WORDS for w in words[-len(timex.text.split()) - 1:][:2])


def _governs(timex_root: "Token", trigger: "Token") -> bool:
    """Does the timex modify a verb of saying or judging whose clause holds the trigger below it (a report
    about the event: "said today that ...", "condemned today the killing", "arrested Monday in the killing";
    not "resumed its attacks on 29 November", where the verb performs the event)?"""
    verb = _verb_of(timex_root)
    justice = verb.lemma_.lower() in JUSTICE
    if verb.pos_ not in ("VERB", "AUX") or verb.i == trigger.i or verb.lemma_.lower() not in REPORTING and not justice:
        return False
    if verb.tag_ == "VBD" and verb.dep_ != "conj" and not any(c.dep_ in factuality.SUBJECTS or c.dep_ == "expl"
                                                              for c in verb.children):
        return False  # no verb of saying but a misparsed adjective: "that on 10 March alleged rebels killed"
    below = trigger  # the verb's child on the path down to the trigger, if the verb is above it
    for above in trigger.ancestors:
        if above.i == verb.i:
            return below.dep_ in ("ccomp", "dobj", "xcomp", "pcomp") or \
                below.dep_ == "prep" and below.lower_ in ("for", "of", "about") + (("in", "with") if justice else ())
        below = above
    return False
