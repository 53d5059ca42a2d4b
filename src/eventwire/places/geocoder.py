"""Stage places: find the place names of a document and resolve them to coordinates.

1. :func:`find_toponyms` (:mod:`eventwire.toponyms`) — spaCy GPE/LOC/FAC entities, checked against the
   gazetteer (person names the small model mistakes for places, and generic words such as "West" or
   "Gulf", are dropped), extended by a following feature word ("Baghdad airport", "Balad air base", "Anbar province"); places NER
   tagged ORG or PERSON ("Gainesville Police Department" -> "Gainesville", a team called like a town
   the document names as a place, a lone well-known place tagged PERSON); country and state
   adjectives tagged NORP ("Iraqi", "Texans") as ``demonym`` toponyms (left out by
   :class:`DocumentPlaces`); plus capitalised names of well-known places NER missed.
2. :class:`Geocoder` — ranks the gazetteer candidates of each name with document context: countries,
   divisions (weighted by mentions) and places resolved so far (a first context-free pass, then up
   to ``ROUNDS`` rounds that update one name at a time in text order), a dateline, a following
   ", Texas" container (ignored when no candidate lies in it: a list of states), feature words,
   population and feature importance, distance to the other places, spatial minimality (an
   :class:`Anchor` bonus for candidates near some plausible candidate of another name, whatever that
   name resolves to), containment (a town and a county of two names of the text that lie in each
   other both gain: "Richmond" with "Madison County" is the Kentucky pair), and a penalty for towns
   matched only by a GeoNames alternate name. A town that
   won on context yields to a same-name division of a country the document names when the division
   is over 100 times as populous or the town was matched only by an alternate name. A name that no
   other place of the text gives context to prefers the country whose local-news conventions the text
   follows (:func:`locale_countries`: a lone "Dublin" next to "City Council" and "400 Oak St." is in the US).
   Rules across names (:mod:`eventwire.place_rules`): a list of countries is no "town, country" container,
   a bare name keeps the container it was written with elsewhere, a division gains from other divisions
   of its country the text names ("Georgia" among US states), a small namesake in a country the text
   never names yields to the text's countries, a small namesake far from the text's other places yields
   to a giant ("Rome" in New York), a list of divisions is no container ("Washington, Pennsylvania and
   California") and "the state of X" / "X state" ask for the division, as does each item of a list of one
   country's divisions; a loose match (part of the name, a spelling variant) in a country the text never
   names yields to its neighbours' country; "North and South Korea": the bare "North" is North Korea;
   "the German island of Rügen" states its country. A town written with a division that holds no town
   of its name ("Stroud, Ontario") lies somewhere in that division (precision "admin").
3. :func:`~eventwire.place_fallback.fill_unresolved` — a name no gazetteer entry has (a river, park,
   neighbourhood) takes the division or country the document's resolved places clearly agree on, else
   the country of the place named nearest to it.
4. :func:`geoparse` / :func:`geoparse_documents` — the public API and the ``eventwire geoparse`` command;
   :class:`DocumentPlaces` — the per-document view the event extractor asks.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Iterable, Iterator

from ..errors import UsageError
from .gazetteer.index import Gazetteer, Record, distance_km
from .gazetteer.names import name_key
from .gazetteer.cache import load_gazetteer
from ..models import Document, Place
from .surroundings import (Anchor, Surroundings, anchor_support, cell, document_surroundings, importance, inside,
                            locale_countries, nearest_km)
from .fallback import country_area, fill_unresolved, inferred_place, written_area
from .rules import (CONTAINER_GAP, division_cues, divisions_first, elliptical_names, foreign_namesakes,
                          giants_first, is_country_list, is_listed, listed_divisions, loose_match, share_containers,
                          stated_areas)
from .toponyms import (Toponym, bare_name, core_name, dateline_name, demonym_base, feature_words,
                       find_toponyms, split_feature)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Toponym", "Surroundings", "Geocoder", "DocumentPlaces", "find_toponyms", "geoparse",
           "geoparse_documents", "feature_words", "split_feature", "dateline_name", "core_name", "demonym_base",
           "doc_text", "locale_countries"]

PRECISION = {"country": "country", "continent": "country", "region": "country", "sea": "country",
             "strait": "country", "island": "admin", "admin1": "admin", "admin2": "admin", "city": "city",
             "airport": "site", "military base": "site", "landmark": "site",
             "border crossing": "site"}
ALIAS_PENALTY = 0.4  # a town matched only by a GeoNames alternate name (not a curated alias) ranks lower
ROUNDS = 3  # context rounds after the context-free first pass
ANCHOR_WEIGHT = 0.4  # see Anchor: the bonus of a candidate near the candidates of the document's other names
ANCHOR_SPAN = 0.35  # an anchor holds the candidates whose prior is this close to the name's best
LOCALE_BONUS = 0.4  # a candidate in a country whose local-news conventions the text follows (locale_countries),
# for a name no other place of the text gives context to
LOCAL_KM = 100  # a town this close to another place of the text keeps its place against a giant namesake
AREA_FEATURES = frozenset({"country", "admin1", "region", "continent", "sea", "strait", "island"})  # see resolve
LOCAL = frozenset({"city", "admin2", "airport", "military base", "island"})
ADMIN1_SHARE = 0.0  # the bonus of a candidate in the division holding all of the document's divisions and towns
REGION_WEIGHT = 1.0  # the anchor weight of the publisher's division (a name with one candidate weighs 1)
CONTAIN_KM = 40  # a town this close to the point of a county of the same state lies in it (see containment)
CONTAIN_WEIGHT = 0.4  # the bonus of a town and a county of one document that contain each other
AREA_BONUS = 0.6  # a region, sea or continent fits any document: as much as a country holding 2/3 of it
SIBLING_WEIGHT = 0.1  # per other division of the same country the document names (at least 2, at most 3)


class Geocoder:
    """Resolves place names to :class:`~eventwire.models.Place` with document-level disambiguation."""

    def __init__(self, *, gazetteer: Gazetteer | None = None):
        self._gaz = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    def candidates(self, text: str) -> tuple[str, str | None, list[Record]]:
        """(name, feature hint, records) for a toponym text, trying the full text before the bare name."""
        text = bare_name(text)
        name, feature = split_feature(text)
        records = self.gazetteer.lookup(text)
        if feature and records:
            return text, None, records
        records = records if feature is None else self.gazetteer.lookup(name)
        if not records and feature is None:
            gaz = self.gazetteer
            inner = core_name(text, gazetteer=gaz) or demonym_base(text, gazetteer=gaz, major=True)
            if inner is not None:
                return inner, None, self.gazetteer.lookup(inner)
        if not records:  # no exact key: spelling variants ("St. Marc", "Daqahliya", "Mauritious")
            records = self.gazetteer.fallback(name)
        return name, feature, records

    def resolve(self, toponym_text: str, *, context: Surroundings | None = None) -> Place | None:
        """The best place for one name given ``context`` (None when the gazetteer has no candidate)."""
        context = context or Surroundings()
        text = toponym_text
        if "," in toponym_text:  # "Paris, Texas": the part after the comma contains the place
            head, _, tail = toponym_text.partition(",")
            box = self.containers(tail)
            if box and self.candidates(head)[2]:
                text, context = head, replace(context, container=box)
        name, feature, records = self.candidates(text)
        if context.allow:
            records = [r for r in records if r.country in context.allow]
        feature = feature or context.feature
        written = bool(context.container)  # ", Texas" after the name (not a county's states)
        states = self.gazetteer.county_states(text) if feature == "admin2" else ()
        if states and not context.container:
            context = replace(context, container=tuple(("USA", s) for s in states))
        if context.container and not context.allow and not any(
                inside(r, context.container) and self._own_name(r, name) for r in records):
            area = None if not written or any(r.feature in AREA_FEATURES for r in records) else \
                written_area(context.container, gazetteer=self.gazetteer)
            if area is not None and context.countries.get(area.country):  # "Stroud, Ontario": in Ontario,
                # not Stroud, England (the division's country must hold another place of the text)
                return replace(inferred_place(name, area), text=toponym_text)
            context = replace(context, container=())  # "Alaska, Alabama, Arizona": a list, not "A in B"
        if not records:
            return None
        floor = max(self._prior(r, name=name) for r in records) - ANCHOR_SPAN
        ranked = sorted(((self._score(r, name=name, feature=feature, context=context, floor=floor), r)
                         for r in records), key=lambda x: (-x[0], x[1].id))
        if not context.container:
            ranked = divisions_first(ranked, name=name, countries=context.countries)
            ranked = giants_first(ranked, name=name, local=lambda r: self._local(r, name=name, context=context),
                                  countries=context.countries)
        best_score, best = ranked[0]
        margin = best_score - (ranked[1][0] if len(ranked) > 1 else 0.0)
        score = round(min(0.99, 0.5 + margin / 2 + (0.1 if len(ranked) == 1 else 0.0)), 3)
        if feature in ("airport", "military base"):
            site = self._site(best, name=name, feature=feature)
            if site is not None:
                return _place(toponym_text, site, score=score)
        return _place(toponym_text, best, score=score, feature=feature)

    def _local(self, r: Record, *, name: str, context: Surroundings) -> bool:
        """Whether another place of the document lies within ``LOCAL_KM`` of ``r`` or a county of the
        document holds it (see :func:`~eventwire.place_rules.giants_first`)."""
        if context.contained.get((name_key(name), r.id)):
            return True
        return bool(context.points) and nearest_km(r.lat, r.lon, context.points) < LOCAL_KM

    def containers(self, text: str) -> tuple[tuple[str | None, str | None], ...]:
        """(ISO3, admin1) pairs that a name such as ``"Texas"`` or ``"France"`` can stand for."""
        return tuple((r.country, r.admin1 if r.feature == "admin1" else None)
                     for r in self.gazetteer.lookup(text.strip()) if r.feature in ("admin1", "country"))

    def _own_name(self, r: Record, name: str) -> bool:
        """Whether ``name`` is the record's own name or a curated alias (not a GeoNames alternate name)."""
        return name_key(r.name) == name_key(name) or r.feature not in ("city", "airport", "military base") \
            or self.gazetteer.is_curated(name, r.id)

    def _prior(self, r: Record, *, name: str) -> float:
        """What a candidate is worth without context: its importance, less when only an alternate name matched."""
        s = importance(r)
        if name_key(r.name) == name_key(name):
            s += 0.1
        elif not self._own_name(r, name):
            s -= ALIAS_PENALTY  # a GeoNames alternate name ("Paris" for Swainsboro): the main name ranks first
        return s

    def _score(self, r: Record, *, name: str, feature: str | None, context: Surroundings,
               floor: float = float("inf")) -> float:
        """Prior plus context; only candidates whose prior reaches ``floor`` gain from anchors."""
        s = prior = self._prior(r, name=name)
        if feature == r.feature and feature in ("admin1", "admin2"):
            s += 1.0
        if feature in ("airport", "military base") and r.feature in ("airport", "military base"):
            s -= 0.3  # "X base": X names the town; the site is looked up next to it
        if context.container:
            s += 2.0 if inside(r, context.container) else -1.0
        total = sum(context.countries.values())
        if r.country in context.locale and not total and not context.points:
            s += LOCALE_BONUS  # a lone "Dublin" in a story about a US city council is the US town
        if total and r.country:
            share = context.countries.get(r.country, 0) / total
            s += 0.6 * share + (0.2 if share else -0.1)
        elif total:
            s += AREA_BONUS  # a region or continent fits any document
        weight = context.admin1.get((r.country, r.admin1), 0) if r.admin1 else 0
        if weight and r.feature != "admin1":  # the state/province the document is about
            share = weight / sum(w for (cc, _a), w in context.admin1.items() if cc == r.country)
            s += 0.2 + 0.1 * min(weight, 3.0) + ADMIN1_SHARE * share
        siblings = context.divisions.get(r.country, 0) if r.feature == "admin1" else 0
        if siblings >= 2:  # "Georgia" among "Alabama", "Iowa" and "Texas" is the state
            s += SIBLING_WEIGHT * min(siblings, 3)
        if context.points and r.feature not in ("country", "continent"):
            near = nearest_km(r.lat, r.lon, context.points)
            s += 0.4 if near < 50 else 0.25 if near < 200 else 0.1 if near < 800 else 0.0
        if context.anchors and r.feature in LOCAL | {"admin1"} and prior >= floor:
            s += ANCHOR_WEIGHT * anchor_support(r, name_key(name), context.anchors)
        if context.contained:
            s += context.contained.get((name_key(name), r.id), 0.0)
        return s

    def names(self, toponyms: list[Toponym]) -> dict[str, tuple[str, list[Record]]]:
        """Folded name -> (name, candidate records) for each distinct name of ``toponyms``, first text first."""
        out: dict[str, tuple[str, list[Record]]] = {}
        for t in toponyms:
            name, _feature, records = self.candidates(t.text)
            out.setdefault(name_key(name), (name, records))
        return out

    def anchors(self, toponyms: list[Toponym], *, names: dict | None = None) -> tuple[Anchor, ...]:
        """One :class:`Anchor` per distinct name of ``toponyms`` that has candidates below country level
        (``names``: :meth:`names` of ``toponyms`` when already known)."""
        out = []
        for key, (name, records) in (self.names(toponyms) if names is None else names).items():
            priors = [self._prior(r, name=name) for r in records]
            floor = max(priors, default=0.0) - ANCHOR_SPAN
            local = [r for r, p in zip(records, priors) if r.feature in LOCAL | {"admin1"} and p >= floor]
            if not local:
                continue
            cells = frozenset(cell(r.lat, r.lon) for r in local if r.feature != "admin1")
            divisions = frozenset((r.country, r.admin1) for r in local if r.admin1)
            out.append(Anchor(key, cells, divisions, 1.0 / len(local) ** 0.5))
        return tuple(out)

    def containment(self, toponyms: list[Toponym], *, names: dict | None = None) -> dict[tuple[str, int], float]:
        """(folded name, record id) -> bonus for the towns and counties of different names of the
        document that lie in each other ("Richmond" and "Madison County": the Kentucky pair, where
        Richmond is the county seat, not Richmond, Missouri with a Madison County 300 km away).

        A town lies in a county when both are in one first-level division and the town is within
        ``CONTAIN_KM`` of the county's point. For each pair of names the bonus ``CONTAIN_WEIGHT`` is
        shared by the divisions holding such a pair (a unique pairing is strong evidence, common
        names that nest in several states weak), and goes to both members of each pair.
        """
        names = self.names(toponyms) if names is None else names
        counties: dict[str, dict[tuple, list[Record]]] = {}
        for key, (_name, records) in names.items():
            for r in records:  # a county by its full name ("Scott County", not "Scott", a surname first)
                if r.feature == "admin2" and r.admin1 and name_key(r.name) == key:
                    counties.setdefault(key, {}).setdefault((r.country, r.admin1), []).append(r)
        out: dict[tuple[str, int], float] = {}
        if not counties:
            return out
        towns = {key: [r for r in records if r.feature == "city" and r.admin1 and self._own_name(r, name)]
                 for key, (name, records) in names.items()}
        for county_name, by_division in counties.items():
            for town_name, candidates in towns.items():
                if town_name == county_name:
                    continue
                pairs = [(c, r) for r in candidates for c in by_division.get((r.country, r.admin1), ())
                         if distance_km(c.lat, c.lon, r.lat, r.lon) <= CONTAIN_KM]
                divisions = {(r.country, r.admin1) for _c, r in pairs}
                for c, r in pairs:
                    bonus = CONTAIN_WEIGHT / len(divisions)
                    for key in ((county_name, c.id), (town_name, r.id)):
                        out[key] = max(out.get(key, 0.0), bonus)
        return out

    def _site(self, town: Record, *, name: str, feature: str) -> Record | None:
        """The airport (largest first) or base serving ``name`` or lying near the resolved town."""
        gaz = self.gazetteer
        pool = {r.id: r for r in gaz.airports_of(name) if r.country == town.country}
        if town.feature in ("city", "admin1"):
            km = 40 if town.feature == "city" else 150
            pool.update({r.id: r for r in gaz.sites_near(town.lat, town.lon, km=km)})
        if town.feature in ("airport", "military base"):
            pool[town.id] = town
        if not pool:
            return None
        want = "airport" if feature == "airport" else "military base"
        return max(pool.values(), key=lambda r: (
            r.feature == want, name_key(name) in name_key(r.name), r.population,
            -distance_km(town.lat, town.lon, r.lat, r.lon)))

    def resolve_all(self, toponyms: list[Toponym], *, text: str = "", dateline: str | None = None,
                    region: tuple[str, str] | None = None) -> list[Place | None]:
        """Resolve every toponym of one document; each name sees what the others resolved to.

        Repeated names are resolved once per distinct (text, container, feature, context). ``dateline``:
        the place of a wire dateline cleaned out of the text ("SAN SALVADOR, 3 JAN 90 -- ..."). ``region``:
        (ISO3, first-level division) where the publisher is (a local station's title: "... - WTVM.com-Columbus,
        GA News"), an anchor of :data:`REGION_WEIGHT` for the candidates in that division when no dateline
        with its state anchors the text already. Names
        without any gazetteer candidate finally take the area the others agree on
        (:func:`~eventwire.place_fallback.fill_unresolved`: precision "admin" or "country", score 0.1).
        """
        toponyms = listed_divisions(division_cues(toponyms, text), text,
                                    candidates=lambda t: self.candidates(t)[2])
        names = self.names(toponyms)
        base = Surroundings(anchors=self.anchors(toponyms, names=names), locale=locale_countries(text),
                       contained=self.containment(toponyms, names=names))
        dateline = dateline or dateline_name(text)
        if dateline:
            first = self.resolve(dateline)
            if first is not None and first.country:
                base = replace(base, countries=Counter({first.country: 2}))
            if first is not None and "," in dateline and first.lat is not None and first.admin1:
                # "Dayton, Ohio": a dateline with its state is a name with one candidate, the text's anchor
                home = Anchor(name_key(dateline.partition(",")[0]), frozenset({cell(first.lat, first.lon)}),
                              frozenset({(first.country, first.admin1)}), 1.0)
                base = replace(base, anchors=base.anchors + (home,))
        if region is not None and not (dateline and "," in dateline):
            # a local publisher writes about its region: its names lie there, whatever the other names say
            base = replace(base, anchors=base.anchors + (Anchor("", frozenset(), frozenset({region}), REGION_WEIGHT),))
        boxes = share_containers([name_key(split_feature(t.text)[0]) for t in toponyms],
                                 [self._container_of(toponyms, k, text) for k in range(len(toponyms))])
        memo: dict[tuple, Place | None] = {}
        first_pass = []
        for t, box in zip(toponyms, boxes):
            key = (t.text, box, t.feature)
            if key not in memo:
                memo[key] = self.resolve(t.text, context=replace(base, container=box, feature=t.feature))
            first_pass.append(memo[key])
        out = first_pass
        for _round in range(ROUNDS):  # each round sees the others' latest picks ("Georgia" then "Atlanta")
            out, before = self._pass(toponyms, boxes, out, base=base), out
            if out == before:
                break
        out = foreign_namesakes(toponyms, out, candidates=lambda t: self.candidates(t)[2],
                                resolve_in=lambda k, allow: self._again(toponyms, boxes, out, k, base=base,
                                                                        allow=allow),
                                weak=lambda k: loose_match(toponyms[k], out[k], gazetteer=self.gazetteer))
        out = self._as_written(toponyms, out, text=text, base=base)
        return fill_unresolved([t.text for t in toponyms], out, gazetteer=self.gazetteer,
                               dateline=dateline.partition(",")[0] if dateline else None,
                               spans=[(t.start, t.end) for t in toponyms])

    def _pass(self, toponyms: list[Toponym], boxes: list, previous: list[Place | None], *,
              base: Surroundings) -> list[Place | None]:
        """One round of updates in text order, each name seeing the others' latest picks.

        Updating one name at a time (not all at once from the previous round) lets two ambiguous
        names settle on a consistent pair ("Walker County" and "Huntsville" both in Texas) instead
        of swapping states in step forever.
        """
        out = list(previous)
        groups: dict[str, list[int]] = {}
        for k, t in enumerate(toponyms):
            groups.setdefault(name_key(split_feature(t.text)[0]), []).append(k)
        for name, members in groups.items():
            contexts, memo = {}, {}
            for k in members:
                t, own = toponyms[k], out[k]
                # the context leaves out this toponym's own result unless the same-name rule already does
                ctx_key = None if own is None or name_key(own.text) == name else k
                if ctx_key not in contexts:
                    contexts[ctx_key] = document_surroundings(out, base=base, skip=k, name=name)
                key = (t.text, boxes[k], t.feature, ctx_key)
                if key not in memo:
                    memo[key] = self.resolve(t.text, context=replace(contexts[ctx_key], container=boxes[k],
                                                                      feature=t.feature))
                out[k] = memo[key]
        return out

    def _as_written(self, toponyms: list[Toponym], places: list[Place | None], *, text: str,
                    base: Surroundings) -> list[Place | None]:
        """``places`` with what the words around a name say: "North [Korea] and South Korea" is North
        Korea (:func:`~eventwire.place_rules.elliptical_names`); "the German island of Rügen" lies in
        Germany (:func:`~eventwire.place_rules.stated_areas`)."""
        out = list(places)
        for k, full in enumerate(elliptical_names(toponyms, text)):
            whole = self.resolve(full, context=base) if full else None
            out[k] = replace(whole, text=toponyms[k].text) if whole is not None else out[k]
        return [self._as_stated(t, p, box, base=base)
                for t, p, box in zip(toponyms, out, stated_areas(toponyms, text, containers=self.containers))]

    def _as_stated(self, t: Toponym, p: Place | None, box: tuple, *, base: Surroundings) -> Place | None:
        """``p``, or, when it lies outside the area ``box`` the text states for the name ("the German
        island of Rügen"), the name's best candidate inside it, else a place inferred in that area."""
        if not box or (p is not None and inside(p, box)):
            return p
        country, admin1 = box[0]
        q = self.resolve(t.text, context=replace(base, container=box, feature=t.feature, allow=frozenset({country})))
        if q is not None and inside(q, box):
            return q
        area = (written_area(box, gazetteer=self.gazetteer) if admin1 else None) \
            or country_area(country, gazetteer=self.gazetteer)
        return replace(inferred_place(split_feature(t.text)[0], area), text=t.text) if area is not None else p

    def _again(self, toponyms: list[Toponym], boxes: list, places: list, k: int, *, base: Surroundings,
               allow: frozenset) -> Place | None:
        """Toponym ``k`` resolved again in the context of ``places``, among candidates in ``allow`` only."""
        name = name_key(split_feature(toponyms[k].text)[0])
        context = document_surroundings(places, base=base, skip=k, name=name)
        return self.resolve(toponyms[k].text, context=replace(context, container=boxes[k],
                                                               feature=toponyms[k].feature, allow=allow))

    def _container_of(self, toponyms: list[Toponym], k: int, text: str) -> tuple:
        """The containers of the next name when a comma separates them ("Paris, Texas", "Kalam, north-west
        Pakistan": :data:`~eventwire.place_rules.CONTAINER_GAP`), unless
        the two are items of a list of countries (:func:`~eventwire.place_rules.is_country_list`)."""
        if k + 1 >= len(toponyms) or not text:
            return ()
        gap = text[toponyms[k].end:toponyms[k + 1].start]
        box = self.containers(toponyms[k + 1].text) if CONTAINER_GAP.match(gap) else ()
        if box and k > 0:
            previous = self.candidates(toponyms[k - 1].text)[2]
            previous_gap = text[toponyms[k - 1].end:toponyms[k].start]
        else:
            previous, previous_gap = [], ""
        if box and is_country_list(self.candidates(toponyms[k].text)[2], box, previous=previous,
                                   previous_gap=previous_gap):
            return ()
        if box and is_listed(k, gaps=[text[a.end:b.start] for a, b in zip(toponyms, toponyms[1:])],
                             boxes=[self.containers(t.text) if abs(j - k) <= 3 else ()
                                    for j, t in enumerate(toponyms)]):
            return ()
        return box


def doc_text(doc: "Doc") -> str:
    """``doc.text`` without building a ``Token`` per word (token strings and trailing spaces from arrays)."""
    from spacy.attrs import ORTH, SPACY

    strings = doc.vocab.strings
    return "".join(strings[o] + " " if sp else strings[o] for o, sp in doc.to_array([ORTH, SPACY]).tolist())


def _place(text: str, r: Record, *, score: float, feature: str | None = None) -> Place:
    feat = r.feature
    if feature and feature not in ("admin1", "admin2", "demonym") and r.feature in ("city", "admin1"):
        feat = feature  # "Rafah border crossing": the town's coordinates, the feature named
    return Place(text=text, name=r.name, country=r.country, admin1=r.admin1, lat=round(r.lat, 5),
                 lon=round(r.lon, 5), geonameid=r.geonameid, feature=feat,
                 precision=PRECISION.get(r.feature, "city"), score=score, admin2=r.admin2)


# ---------------------------------------------------------------- public API


def _given_toponyms(text: str, spans: Iterable) -> list[Toponym]:
    out = []
    for item in spans:
        start, end = (item["start"], item["end"]) if isinstance(item, dict) else item
        if not (0 <= int(start) <= int(end) <= len(text)):
            raise UsageError(f"toponym span ({start}, {end}) lies outside the text of length {len(text)}; "
                             "give character offsets into the same text")
        surface = text[int(start):int(end)]
        out.append(Toponym(int(start), int(end), surface, split_feature(surface)[1]))
    return out


def geoparse(text: str, *, toponyms: list | None = None, nlp=None,
             gazetteer: Gazetteer | None = None) -> list[Place | None]:
    """Places of ``text`` in text order: found ones, or exactly one entry per given ``(start, end)`` span, in
    the order given (they are resolved in text order, which the rules across names read)."""
    geocoder = Geocoder(gazetteer=gazetteer)
    if toponyms is not None:
        given = _given_toponyms(text, toponyms)
        order = sorted(range(len(given)), key=lambda k: (given[k].start, given[k].end))
        places = geocoder.resolve_all([given[k] for k in order], text=text)
        out: list[Place | None] = [None] * len(given)
        for k, p in zip(order, places):
            out[k] = p
        return out
    if nlp is None:
        from ..nlp.model import load_nlp

        nlp = load_nlp()
    found = find_toponyms(nlp(text), gazetteer=geocoder.gazetteer, text=text)
    return geocoder.resolve_all(found, text=text)


def geoparse_documents(docs: Iterable[Document], *, nlp=None,
                       gazetteer: Gazetteer | None = None) -> Iterator[dict]:
    """``{"id", "places": [Place dict or None, ...]}`` per document (the ``eventwire geoparse`` command)."""
    for doc in docs:
        spans = list(doc.toponyms) if doc.toponyms is not None else None
        places = geoparse(doc.text, toponyms=spans, nlp=nlp, gazetteer=gazetteer)
        yield {"id": doc.id, "places": [asdict(p) if p else None for p in places]}


class DocumentPlaces:
    """All places of one parsed document, found and resolved once, for the event extractor."""

    def __init__(self, doc: "Doc", *, geocoder: Geocoder | None = None, dateline: str | None = None,
                 region: tuple[str, str] | None = None):
        self.doc = doc
        self.dateline = dateline
        self.region = region  # the publisher's (ISO3, division): see Geocoder.resolve_all
        self._geocoder = geocoder or Geocoder()
        self._pairs: list[tuple[Toponym, Place]] | None = None

    @property
    def pairs(self) -> list[tuple[Toponym, Place]]:
        """(toponym, place) for every resolved toponym, in text order."""
        if self._pairs is None:
            text = doc_text(self.doc)  # spaCy rebuilds ``doc.text`` token by token on every access
            tops = find_toponyms(self.doc, gazetteer=self._geocoder.gazetteer, text=text, demonyms=False,
                                 metonyms=False)
            places = self._geocoder.resolve_all(tops, text=text, dateline=self.dateline, region=self.region)
            self._pairs = [(t, p) for t, p in zip(tops, places) if p is not None]
        return self._pairs

    def places_in(self, start_char: int, end_char: int) -> list[tuple[Toponym, Place]]:
        """Resolved toponyms lying inside ``[start_char, end_char)``."""
        return [(t, p) for t, p in self.pairs if t.start >= start_char and t.end <= end_char]

    def document_countries(self) -> Counter:
        """ISO3 -> number of mentions of places in that country."""
        return Counter(p.country for _t, p in self.pairs if p.country)

    @property
    def gazetteer(self) -> Gazetteer:
        return self._geocoder.gazetteer

    def capital(self, iso3: str) -> Place | None:
        """The capital of ``iso3`` as a city place ("in the capital"), None for a country without one."""
        from ..actors.kb import capitals

        name = capitals().get(iso3)
        place = self._geocoder.resolve(name, context=Surroundings(allow=frozenset({iso3}))) if name else None
        return replace(place, text="the capital") if place is not None else None

    def main_country(self) -> str | None:
        """The most mentioned country, or None when no place resolved."""
        common = self.document_countries().most_common(1)
        return common[0][0] if common else None
