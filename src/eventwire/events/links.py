"""Part of the extract stage: links between the mentions of one article that the sentence-by-sentence reading
of :mod:`mentions` cannot see, so that :mod:`merge` makes one event of one real event.

* :func:`nest`: a mention inside another's noun phrase ("the murder of 10 members in a dynamite attack"), in
  the "when" clause of its verb ("were killed when a bomb exploded") or in what its attackers did ("murdered
  by gunmen who fired seven shots") reports the same event;
* :func:`unclaimed_counts`: dead of a several-event sentence that no event's clause claims go to its main
  attack;
* :func:`attach_orphan_counts`: dead reported in a sentence without an event ("the victim died in
  hospital") complete the attack told just before.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..knowledge.words import CASUALTY_WORDS, OTHERS
from .casualties import count_casualties

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from .records import ArticleState, Mention

__all__ = ["nest", "unclaimed_counts", "attach_orphan_counts"]


NOT_SAME = frozenset({"after", "before", "since", "following", "retaliation", "revenge", "response", "reprisal",
                      "until", "like", "unlike", "than", "besides"})


def nest(doc: "Doc", mentions: list["Mention"]) -> list["Mention"]:
    """Mark a mention that stands inside the noun phrase of another of its type and sentence ("the murder
    of 10 members in a dynamite attack", "the attack on X, causing 9 deaths"): the phrase describes one
    event; so does a "when" clause of a verb ("five policemen were killed when a bomb exploded"). Not
    across "after", "in retaliation for", "unlike" and the like, nor across "and" (a conjunct is an event
    of its own), which name another one."""
    out = list(mentions)
    by_sentence: dict[int, list["Mention"]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.start, []).append(m)
    for k, m in enumerate(mentions):
        for other in by_sentence[m.sentence.start]:
            outer = doc[other.head]
            if other is m or other.type != m.type or other.cause == m.index or m.cause == other.index:
                continue
            inner = doc[m.head]
            path = [inner, *inner.ancestors]
            between = path[:path.index(outer)] if outer in path[1:] else None
            if between and outer.pos_ != "NOUN" and not _when_clause(between[0]) \
                    and not _attackers_clause(between, outer):
                continue
            if between and not any(t.lemma_.lower() in NOT_SAME or t.dep_ == "conj" and t.lemma_.lower()
                                   not in CASUALTY_WORDS for t in between):  # "killed, and 24 injured when"
                out[k] = replace(m, within=other.index)
                break
    return out


def _when_clause(token) -> bool:
    """``... when a bomb exploded``: the event's own clause times the verb above by itself (not "as",
    which also joins events that merely coincide: "launched an assault even as the Kurds said ...")."""
    return token.dep_ == "advcl" and any(c.dep_ in ("advmod", "mark") and c.lower_ == "when" for c in token.children)


def _attackers_clause(between: list, outer) -> bool:
    """``murdered by gunmen who fired seven shots at him``: what the attackers did is the attack."""
    if len(between) < 2 or between[0].dep_ != "relcl":
        return False
    noun = between[1]
    return noun.head == outer and noun.dep_ == "nsubj" or (
        noun.dep_ == "pobj" and noun.head.dep_ == "agent" and noun.head.head == outer)


def unclaimed_counts(ctx: "ArticleState", mentions: list["Mention"]) -> list["Mention"]:
    """A sentence of several events whose dead no event's clause claims ("a bus bomb blew up ... and
    destroyed the building, leaving 67 dead and 1,000 wounded", parsed with "leaving" on another verb):
    they go to the sentence's attack nearest the root."""
    out = list(mentions)
    by_sentence: dict[int, list[int]] = {}
    for k, m in enumerate(mentions):
        if m.type == "ASSAULT" and m.factuality == "asserted":
            by_sentence.setdefault(m.sentence.start, []).append(k)
    for ks in by_sentence.values():
        if len(ks) < 2 or any(out[k].fatalities is not None or out[k].injured is not None for k in ks):
            continue
        sent = ctx.doc[out[ks[0]].head].sent
        counted = count_casualties(sent, earlier=ctx.counted_before(sent.start_char))
        if counted.fatalities is None and counted.injured is None:
            continue
        main = min(ks, key=lambda k: sum(1 for _ in ctx.doc[out[k].head].ancestors))
        out[main] = replace(out[main], fatalities=counted.fatalities, injured=counted.injured,
                            victims=counted.victims, shot=counted.shot)  # (the shot whose fate it does not tell)
        for k in ks:  # "... 1,000 wounded": a report of those casualties, not another event
            if k != main and ctx.doc[out[k].head].lemma_.lower() in CASUALTY_WORDS:
                out[k] = replace(out[k], within=out[main].index)
    return out


ORPHAN_REACH = 2  # paragraphs back to the attack that a bare report of dead completes
CASUALTY_TYPES = ("ASSAULT", "COERCE", "PROTEST")


def attach_orphan_counts(ctx: "ArticleState", mentions: list["Mention"]) -> list["Mention"]:
    """Dead and wounded reported in a sentence without an event of their own ("The victim was taken to
    hospital, where he died.", "One person has died.") belong to the attack reported just before, in the
    same or one of the :data:`ORPHAN_REACH` paragraphs before. Another date than the attack's, in the
    sentence or between it and the attack, or a date coarser than a day ("since 1985", "this year"), marks
    a count of something else."""
    by_sentence = {m.sentence.start for m in mentions if m.type in CASUALTY_TYPES}
    out = list(mentions)
    for sent in ctx.sentences:
        if sent.start_char in by_sentence or not ctx.speaks_of_casualties(sent):
            continue
        paragraph = ctx.paragraph_of(sent.start_char)
        earlier = [k for k, m in enumerate(out) if m.type in CASUALTY_TYPES and m.sentence.end <= sent.start_char
                   and m.factuality == "asserted" and paragraph - m.paragraph <= ORPHAN_REACH]
        if not earlier:
            continue
        target = out[earlier[-1]]
        if not _same_time(sent, target, ctx):
            continue
        counted = count_casualties(sent)
        if counted.fatalities is None and counted.injured is None:
            continue
        also = any(t.lower_ in ("also", "another", "other", "others", "too") for t in sent) and not counted.cared
        # "the other three were in serious condition": the state of victims counted before, not more of them
        injured = _add(target.injured, counted.injured, also=also)
        if not also and counted.fatalities and counted.injured is None and target.fatalities is None and injured \
                and not OTHERS.search(target.clause.text):  # not "three others were wounded ... the victims were X, Y"
            injured = max(0, injured - counted.fatalities)  # "A man was shot ... He died at the hospital."
        if not also and counted.shot and counted.fatalities is None and target.fatalities \
                and target.injured is None and counted.injured <= target.fatalities:
            injured = None  # "A teen was fatally shot ... Officers found him suffering from a gunshot wound": the
            # shot whose fate the sentence does not tell are the dead told before, not more wounded
        out[earlier[-1]] = replace(target, fatalities=_add(target.fatalities, counted.fatalities, also=also),
                                   injured=injured, victims=_only_victims(target, counted, also=also))
    return out


def _only_victims(target: "Mention", counted, *, also: bool) -> bool:
    """Are the dead of ``target`` with an orphan's ``counted`` added still only called victims (:attr:`Mention.victims`:
    "The officer found one victim on Main Street and three others on Bell Street")? The flag of the count kept."""
    if not counted.fatalities:
        return target.victims
    if target.fatalities is None:
        return counted.victims
    if also or counted.fatalities == target.fatalities:
        return target.victims and counted.victims  # a death told in words by either report
    return counted.victims if counted.fatalities > target.fatalities else target.victims


def _same_time(sent: "SpacySpan", target: "Mention", ctx: "ArticleState") -> bool:
    """No other time is named between the attack and the report of dead (a new time opens a new topic)."""
    dates = [t for t in ctx.timexes if target.sentence.end <= t.start and t.end <= sent.end_char]
    if any(t.precision != "day" for t in dates):
        return False
    theirs = target.date or target.weak_date
    return not dates or theirs is None or all(t.value == theirs.value for t in dates)


def _add(known: int | None, new: int | None, *, also: bool) -> int | None:
    if known is None or new is None:
        return known if new is None else new
    return known + new if also else max(known, new)
