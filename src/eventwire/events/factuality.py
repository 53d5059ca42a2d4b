"""Extract stage, part 2: did the reported event happen, according to the text?

Values (contract): ``asserted``, ``claimed`` (one side says so), ``denied``, ``negated``, ``hypothetical``,
``future``. The rules climb the dependency tree from the trigger to the sentence root; the closest cue
decides (``data/cues.tsv``: negation, modals, fear and expectation verbs, plans and vows, claims, denials,
conditionals). Three linguistic facts keep reported facts apart from worries:

* a definite description of an event ("the strike", "Soleimani's killing") presupposes that it happened,
  whatever verb embeds it ("Iraqis worry the strike could unleash ..."): only its own negation counts;
* the modal of a verb does not reach that verb's subject ("the strike could unleash strikes": the
  second strikes are hypothetical, the first is not), unless the verb tells that its subject happens ("talks will
  begin only if ...", "such a summit could be held", "the meeting may take place"): then it is the event's own;
* so does a past-tense relative clause or indirect question ("investigate the murder of priests who were
  murdered on 16 November", "determine who murdered Dr Guerrero").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge.words import ATTRIBUTION_VERBS
from ..knowledge.lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

EMBEDDING = {"ccomp", "xcomp", "dobj", "pobj", "prep", "advcl", "relcl", "acl", "attr", "oprd",
             "pcomp", "nsubj", "nsubjpass", "appos", "compound", "amod", "nmod", "npadvmod", "dep", "agent"}  # not conj
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


def factuality(doc: "Doc", tokens: tuple[int, ...], head: int, lex: Lexicon, *, definite: bool = False) -> str:
    """The factuality of the event reported by trigger ``tokens`` (``head`` is the highest of them)."""
    own = _own_polarity(doc, tokens, lex)
    if own:
        return "denied" if _under(doc[head], lex, "deny") else own
    if definite or _presupposed(doc[head], lex):
        return "asserted"
    token = doc[head]
    came_from_subject = False
    while True:
        verdict = _clause_cues(token, lex, skip_modal=came_from_subject)
        if verdict:
            return verdict
        parent = token.head
        if parent.i == token.i:
            return "asserted"
        if _temporal_fact(token):
            return "asserted"
        verdict = _embedding_cue(token, parent, lex)
        if verdict:
            return verdict
        came_from_subject = token.dep_ in SUBJECTS and not _occurs_as(token, parent)
        token = parent


OCCURRING = frozenset("begin start resume open continue proceed end close conclude happen occur "
                      "unfold".split())  # verbs whose subject is the event itself: "talks will begin", "could resume"


def _occurs_as(token: "Token", parent: "Token") -> bool:
    """An event noun that is the subject of a verb telling that it happens, begins or ends ("talks will begin
    only if ...", "the meeting could take place next week", "such a summit could be held"): the verb's modality
    is the event's own (unlike "the strike could unleash strikes", where it is another event's)."""
    lemma = parent.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "nsubjpass":
        return lemma in ("hold", "stage", "convene", "organise", "organize")
    return lemma in OCCURRING or lemma == "take" and any(c.lower_ == "place" for c in parent.children) \
        or lemma == "go" and any(c.lower_ == "ahead" for c in parent.children)


WH = {"who", "whom", "why", "how", "where", "when"}


def _presupposed(token: "Token", lex: Lexicon) -> bool:
    """A past event named inside a description or an indirect question happened, whatever plan or
    question embeds the description: "investigate the murder of six priests *who were murdered* on 16
    November", "determine *who murdered* Dr Guerrero"; not inside a claim or a denial ("denied charges he
    ran a squad *that killed* officials")."""
    past = token.tag_ == "VBD" or (token.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were")
                                                               for c in token.children))
    if not past or any(c.dep_ in ("aux", "neg") for c in token.children) \
            or _under(token, lex, "deny") or _under(token, lex, "claim"):
        return False
    if token.dep_ == "relcl":
        return True
    return token.dep_ == "ccomp" and any(c.lower_ in WH and c.dep_ in ("nsubj", "nsubjpass", "dobj", "advmod")
                                         for c in token.children)


PRESUPPOSING = {"after", "since", "following"}  # "vowed to retaliate after the attack": the attack happened
TEMPORAL = {"before", "until", "when", "as", "while", "once"}  # ... these only where their clause is in the past


def _temporal_fact(token: "Token") -> bool:
    """A time adjunct whose event has happened, whatever plan or promise it is attached to: "after"/"since"/
    "following" the event ("police promise action after kids shot", "vowed revenge after the attack"), or a past
    clause of "before", "until", "when" ("set the house on fire before he was killed by police")."""
    if token.dep_ == "advcl":
        marks = {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod")}
        past = token.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had")
                                          for c in token.children)
        return bool(marks & PRESUPPOSING) or (bool(marks & TEMPORAL) and past) or (
            not marks and token.tag_ == "VBN" and token.head.i < token.i
            and any(t.lower_ in PRESUPPOSING for t in token.doc[token.head.i:token.i]))
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in PRESUPPOSING:
        return True
    return False


NO_ONE = frozenset("none nobody nothing neither".split())


def _own_polarity(doc: "Doc", tokens: tuple[int, ...], lex: Lexicon) -> str | None:
    for i in tokens:
        for child in doc[i].children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return "negated"
    if len(tokens) == 1 and _no_one_did(doc[tokens[0]]):
        return "negated"
    return None


def _no_one_did(token: "Token") -> bool:
    """A verb whose subject is a negative quantifier: "none was killed", "no one was hurt", "nobody fired" (a
    trigger alone in its group: "no one was hurt in the attack" still tells the attack)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in NO_ONE or (subject.lower_ in ("one", "body") and any(
                c.dep_ == "det" and c.lower_ == "no" for c in subject.children)):
            return True
    return False


def _clause_cues(token: "Token", lex: Lexicon, *, skip_modal: bool) -> str | None:
    """Cues attached to a clause head: modal and future auxiliaries, negation, conditional marks."""
    for child in token.children:
        kind = lex.cues.get(child.lower_)
        if child.dep_ == "mark" and kind == "condition":
            return "hypothetical"
        if child.dep_ == "advmod" and kind == "claim":  # "the brothers allegedly set off two bombs"
            return "claimed"
        if child.dep_ != "aux" or skip_modal:
            continue
        if kind == "future":
            return "future"
        if kind == "modal":
            if child.lower_ == "would" and _intention(token):
                return "future"
            return "hypothetical"
    if token.pos_ in ("VERB", "AUX") and not skip_modal:
        if any(c.dep_ == "neg" for c in token.children):
            return "negated"
    return None


def _embedding_cue(token: "Token", parent: "Token", lex: Lexicon) -> str | None:
    """What an embedding word (fear, plan, claim, deny, ...) says about what it embeds."""
    if token.dep_ not in EMBEDDING or token.dep_ in SUBJECTS:
        return None
    kind = lex.cues.get(parent.lemma_.lower()) or lex.cues.get(parent.lower_)
    if kind == "fear" or (kind == "modal" and (parent.pos_ in ("ADJ", "NOUN") or token.dep_ in ("xcomp", "ccomp"))):
        return "hypothetical"
    if kind == "plan" and not (token.dep_ == "advcl" and token.tag_ == "VBG") and not _reporting_call(token, parent):
        return "future"  # not the outcome of a planning verb's own act: "set off two bombs, killing three"
    if kind == "claim" and token.dep_ in ("ccomp", "xcomp", "pcomp", "dobj", "prep", "pobj"):
        return "claimed"
    if kind == "deny" and token.dep_ in ("ccomp", "xcomp", "dobj", "pcomp"):
        return "denied"
    return None


REPORTED_BY_CALL = {"of", "about", "regarding", "concerning", "reporting"}


def _reporting_call(token: "Token", parent: "Token") -> bool:
    """A call that reports what it names, not one that demands it: "responded to a shooting call", "a 911
    call of a shooting", "calls about shots fired" (a call *for* a strike, a call *to* arms stay plans)."""
    if parent.lemma_.lower() != "call" or parent.pos_ != "NOUN":
        return False
    return token.dep_ == "compound" or token.dep_ == "prep" and token.lower_ in REPORTED_BY_CALL


def _under(token: "Token", lex: Lexicon, kind: str) -> bool:
    return any(lex.cues.get(a.lemma_.lower()) == kind for a in token.ancestors)


def _under_speech(token: "Token") -> bool:
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in ATTRIBUTION_VERBS


def _intention(token: "Token") -> bool:
    """"X would hold talks": reported intention, unless counterfactual ("would have") or conditional."""
    if any(c.dep_ == "aux" and c.lower_ == "have" for c in token.children):
        return False
    clause = [token] + [c for c in token.children if c.dep_ == "advcl"]
    if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for t in clause for m in t.children):
        return False
    return _under_speech(token) or token.dep_ in ("ROOT", "conj")
