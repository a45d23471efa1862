"""Learned decisions over the rules' candidates: which are events, who takes part, where, when, status.

The decisions are logistic models and boosted trees trained by ``python -m
extractor.train`` and shipped as one JSON file of weights and tree nodes
(``models/trained/decisions.json``): reading it needs no machine-learning
library and no pickle, and the file is small, diffable and hashable. Each decision reads a candidate's sparse features:

- ``event``: is the candidate a diplomatic event (a binary model);
- ``person``, ``country``: is each candidate argument a participant, a party (a doubtful
  third person beside two sure ones is none: ``models/parties.json``);
- ``place``, ``date``: the best-scoring candidate, when it scores above the threshold;
- ``status``: one of the five statuses (one model per class, the highest wins), unless the
  rules read a cue that cancels or postpones the event;
- ``repeat``: is an event a second mention of an encounter told before it.

The kept events are then merged (``merge``): two that share a participant and
agree on type, date, place and tense are one encounter, and an event that the
repeat model reads as a second mention joins the earlier encounter it shares
most people with, whatever its tense and place.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.resources
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from . import geo, names
from .events import codes_in_time, lexicon, other_sides
from .candidates import Argument, Candidate, Features, Lead
from .records import Event, Participant, Place, When

MODEL_FILE = "trained/decisions.json"
STATUSES = ("planned", "ongoing", "occurred", "cancelled", "postponed")


@dataclass(frozen=True)
class Linear:
    """A logistic model over sparse features: ``p = 1 / (1 + exp(-(b + sum w_f x_f)))``."""

    weights: dict[str, float]
    intercept: float = 0.0
    threshold: float = 0.5

    def score(self, features: Features) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Linear":
        return cls(weights=dict(d["weights"]), intercept=float(d.get("intercept", 0.0)),
                   threshold=float(d.get("threshold", 0.5)))


@dataclass(frozen=True)
class Trees:
    """Boosted regression trees over sparse features (a missing feature is 0):
    ``p = 1 / (1 + exp(-(init + rate * sum of the leaves reached))))``.

    Stored flat (``flat``): the model's feature names, then for every node of every tree the
    index of the feature it tests (-1 for a leaf), its threshold, its children (indices into the
    same arrays) and its leaf value, and the root of each tree. All trees are walked at once with
    numpy, one level per step: a model averages thousands of trees, and a node-by-node walk in
    Python cost 0.7 ms a candidate. ``trees`` (per tree, nodes ``[feature, threshold, left, right,
    value]`` with feature None for a leaf) is the older, nested form, still read."""

    init: float
    rate: float
    trees: Sequence[Sequence[Any]] = ()
    threshold: float = 0.5
    flat: dict[str, Any] | None = None

    @functools.cached_property
    def _arrays(self) -> tuple[dict[str, int], Any, Any, Any, Any, Any, Any, int]:
        flat = self.flat if self.flat is not None else _flatten(self.trees)
        names = flat["features"]
        feature = np.asarray(flat["feature"], dtype=np.int64)
        leaf = feature < 0
        index = np.arange(len(feature))
        # a leaf tests a feature that is always 0 against +inf and stays where it is
        feature = np.where(leaf, len(names), feature)
        threshold = np.where(leaf, np.inf, np.asarray(flat["threshold"], dtype=np.float64))
        left = np.where(leaf, index, np.asarray(flat["left"], dtype=np.int64))
        right = np.where(leaf, index, np.asarray(flat["right"], dtype=np.int64))
        value = np.asarray(flat["value"], dtype=np.float64)
        roots = np.asarray(flat["roots"], dtype=np.int64)
        return ({n: i for i, n in enumerate(names)}, feature, threshold, left, right, value, roots,
                int(flat["depth"]))

    def score(self, features: Features) -> float:
        index, feature, threshold, left, right, value, roots, depth = self._arrays
        x = np.zeros(len(index) + 1)
        for k, v in features.items():
            i = index.get(k)
            if i is not None:
                x[i] = v
        node = roots
        for _ in range(depth):
            node = np.where(x[feature[node]] <= threshold[node], left[node], right[node])
        z = self.init + self.rate * float(value[node].sum())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Trees":
        return cls(init=float(d["init"]), rate=float(d["rate"]), trees=d.get("trees", ()),
                   threshold=float(d.get("threshold", 0.5)), flat=d.get("flat"))


def _flatten(trees: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """The flat form of nested trees (``Trees``)."""
    names: dict[str, int] = {}
    flat: dict[str, list[Any]] = {"feature": [], "threshold": [], "left": [], "right": [], "value": [], "roots": []}
    for nodes in trees:
        base = len(flat["feature"])
        flat["roots"].append(base)
        for name, cut, left, right, value in nodes:
            leaf = name is None
            flat["feature"].append(-1 if leaf else names.setdefault(name, len(names)))
            flat["threshold"].append(0.0 if leaf else cut)
            flat["left"].append(0 if leaf else base + left)
            flat["right"].append(0 if leaf else base + right)
            flat["value"].append(value if leaf else 0.0)

    def depth(nodes: Sequence[Any], n: int = 0) -> int:
        return 0 if nodes[n][0] is None else 1 + max(depth(nodes, nodes[n][2]), depth(nodes, nodes[n][3]))

    return {"features": list(names), "depth": max((depth(nodes) for nodes in trees), default=0), **flat}


Model = Linear | Trees


def _model(d: dict[str, Any]) -> Model:
    return Trees.from_dict(d) if d.get("kind") == "trees" else Linear.from_dict(d)


@dataclass(frozen=True)
class Decisions:
    """Every trained decision, and the version (a hash of the file) that identifies them."""

    event: Model
    person: Model
    country: Model
    place: Model
    date: Model
    status: dict[str, Model]
    version: str
    person_floor: float = 0.1
    repeat: Model | None = None  # is an event a second mention of an earlier one (older files: none)

    @classmethod
    def from_dict(cls, d: dict[str, Any], version: str = "") -> "Decisions":
        m = d["models"]
        return cls(
            event=_model(m["event"]),
            person=_model(m["person"]),
            country=_model(m["country"]),
            place=_model(m["place"]),
            date=_model(m["date"]),
            status={k: _model(v) for k, v in m["status"].items()},
            version=version or d.get("version", ""),
            person_floor=float(m["person"].get("floor", 0.1)),
            repeat=_model(m["repeat"]) if "repeat" in m else None,
        )


def file_version(text: str) -> str:
    """The version of a trained file: the first 12 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@functools.cache
def shipped() -> Decisions | None:
    """The decisions shipped with the package, or None when the package has none."""
    path = importlib.resources.files("extractor.models") / MODEL_FILE
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return Decisions.from_dict(json.loads(text), file_version(text))


# the statuses a verb over the event word states outright ("called off", "postponed"), read by the
# rules from models/status_cues.jsonl; the rules' reading holds over the status model's
_CUED = ("cancelled", "postponed")


def _cued(cand: Candidate, status: str) -> bool:
    """Whether ``status`` is the one a verb over the candidate's word states outright (``_CUED``)."""
    rule = cand.rule
    return rule.status in _CUED and status == rule.status and bool(cand.status_features.get(f"cue={rule.status}"))


@functools.lru_cache(maxsize=1)
def _planning_verbs() -> frozenset[str]:
    """The verbs of ``models/status_cues.jsonl`` that put an event word under a plan ("expected to
    meet", "slated to hold talks"), less "be" ("is to meet" reads as often as a plain "is")."""
    return frozenset(r["lemma"] for r in lexicon().cues["governor"] if r["status"] == "planned") - {"be"}


def _planned_outright(cand: Candidate) -> bool:
    """Whether the rules read every mention of the candidate as planned and a planning verb stands
    near its word: such a verb states the plan outright, and the status model, which has seen few
    of the rarer ones ("slated", "poised"), does not overrule it."""
    f = cand.status_features
    return cand.rule.status == "planned" and bool(f.get("mention=planned")) and not f.get("mention=occurred") \
        and any(f.get(f"near={v}") for v in _planning_verbs())


def _begun_lately(cand: Candidate, date: Argument | None) -> bool:
    """Whether the candidate's word tells that the encounter started ("opened a two-day meeting",
    "arrived in the capital"; ``inception`` in ``models/status_cues.jsonl``) on a day at most
    ``begun_within_days`` (``models/status_days.json``) before the report: it is still under way.
    A visit that began that recently is rarely over by its report (docs/learning.md)."""
    if not cand.status_features.get("begun") or date is None or date.date is None or cand.published is None:
        return False
    end = date.date.end
    return end is not None and 0 <= (cand.published - end).days <= status_days()["begun_within_days"]


def _new_dates(cand: Candidate) -> list[Argument]:
    """The times a put-off encounter may take: its new date, which lies after the report and is
    not the one it was put off from ("postponed from March 7 to early April"). An encounter put
    off with no new date has none (ANNOTATION.md)."""
    return [a for a in cand.dates if a.date is not None and a.date.start is not None and not a.features.get("prep=from")
            and (cand.published is None or a.date.start > cand.published)]


def _date_key(a: Argument) -> tuple:
    return (a.value, a.date.start, a.date.end) if a.date else (a.value,)


def _best(args: list[Argument], model: Model, claims: dict[tuple, float] | None = None) -> tuple[Argument | None, float]:
    best, top = None, 0.0
    passing = []
    for a in args:
        p = model.score(a.features)
        if claims and a.features.get("rival_closer") and p < claims.get(_date_key(a), 0.0) - 1e-9:
            continue  # another event word holds this time expression more closely, and more surely
        if p >= model.threshold:
            passing.append(a)
        if p > top:
            best, top = a, p
    if top < model.threshold:
        return None, top
    # the most precise interval the text supports: a passing date inside the best one refines it
    # ("next week" and "around Nov. 9" of one meeting give Nov. 9)
    inside = [a for a in passing if a.date and best.date and a.date.start and a.date.end and best.date.start
              and best.date.end and best.date.start <= a.date.start and a.date.end <= best.date.end
              and (a.date.end - a.date.start) < (best.date.end - best.date.start)]
    if inside:
        best = min(inside, key=lambda a: (a.date.end - a.date.start, a.date.start))
    return best, top


@functools.lru_cache(maxsize=1)
def speaker_titles() -> frozenset[str]:
    """The last words of titles whose holders speak for a party (``models/speaker_titles.txt``)."""
    return frozenset(geo.read_lines("speaker_titles.txt"))


def _speaks_for_a_party(a: Argument) -> bool:
    return bool(a.title) and a.title.lower().split()[-1] in speaker_titles()


def _without_bystanders(found: list[Event], score: dict[str, float]) -> None:
    """After the merge: of an encounter's people, when one at least passed surely, those who passed
    doubtfully stood beside it (the one quoted, an aide, a leader it was about) and take no part,
    unless one is the only person of a known state among those kept: the other side, which the
    article names less plainly (``models/parties.json``, ``bystanders``). ``score`` is each name's
    best score in the article; a name folded into a longer one counts as sure."""
    cfg = parties()["bystanders"]
    for ev in found:
        people = ev.participants
        if len(people) < cfg["min_people"]:
            continue
        if sum(1 for p in people if score.get(p.name, 1.0) >= cfg["sure"]) < cfg["sure_needed"]:
            continue
        states = {p.country for p in people if score.get(p.name, 1.0) >= cfg["doubtful"]}
        ev.participants = [p for p in people if score.get(p.name, 1.0) >= cfg["doubtful"]
                           or (p.country is not None and p.country not in states)]


@functools.lru_cache(maxsize=1)
def placeless() -> dict[str, Any]:
    text = (importlib.resources.files("extractor.models") / "placeless.json").read_text(encoding="utf-8")
    return json.loads(text)


def _at_a_distance(cand: Candidate) -> bool:
    """Whether a candidate is an encounter held at a distance (``models/placeless.json``): of one of
    its types, with a telephone word as its word or within three tokens of it ("spoke by phone")."""
    table = placeless()
    return cand.rule.type in table["types"] and any(
        cand.features.get(f"lemma={w}") or cand.features.get(f"near={w}") for w in table["words"])


def counterpart(cand: Candidate, model: Decisions, ev: Event,
                score: dict[int, float] | None = None) -> tuple[Participant | None, bool]:
    """The likeliest other side of a meeting, talks or call that only one person passed for
    (``models/parties.json``, ``counterpart_types``): the best-scored other candidate of another
    state (or of none known) above the person floor, and whether it is firm: named in the
    mention's own sentence, with both states known. A firm counterpart takes part; another is
    only a guess, good for telling which mentions are one encounter (the merge), and leaves the
    event after it unless a mention of the encounter passed it. ``score``: the person model's
    score of each candidate person (by ``id``), when already known."""
    if ev.type not in parties()["counterpart_types"] or len(ev.participants) != 1:
        return None, False
    first = ev.participants[0]
    day = ev.date.start if ev.date and ev.date.start else cand.published  # states as the event's were
    others = []
    for a in cand.people:
        code = geo.code_in_time(a.country, day)
        if a.value == first.name or _speaks_for_a_party(a) or (
                code is not None and first.country is not None and code == first.country):
            continue
        p = score[id(a)] if score is not None else model.person.score(a.features)
        if p >= model.person_floor:
            others.append((p, a, code))
    if not others:
        return None, False
    _, best, state = max(others, key=lambda x: x[0])
    firm = bool(best.features.get("dist=0")) and state is not None and first.country is not None
    return Participant(name=best.value, title=best.title, country=state), firm


def decide(cand: Candidate, model: Decisions, claims: dict[tuple, float] | None = None,
           sure: float | None = None) -> tuple[Event | None, float]:
    """The event a candidate is (or None), with the model's confidence that it is one.

    ``claims`` maps each time expression of the article to the best score any event gives it:
    an expression that another event word holds more closely dates that event only, when that
    event is surer of it (``assemble`` fills it). ``sure``: the event score, when already known.
    """
    if sure is None:
        sure = model.event.score(cand.features)
    if sure < model.event.threshold:
        return None, sure
    rule = cand.rule
    # a spokesperson tells of the encounter and takes no part in it
    scored = [(model.person.score(a.features), a) for a in cand.people if not _speaks_for_a_party(a)]
    people = [a for p, a in scored if p >= model.person.threshold]
    if not people and scored:
        # an event is between someone: the likeliest candidate takes part when no one passes the bar
        p, a = max(scored, key=lambda x: x[0])
        if p >= model.person_floor:
            people = [a]
    participants = fold_names([Participant(name=a.value, title=a.title, country=a.country) for a in people])
    countries = [a.value for a in cand.countries if model.country.score(a.features) >= model.country.threshold]
    place, _ = _best(cand.places, model.place)
    if _at_a_distance(cand):
        place = None
    scores = {k: m.score(cand.status_features) for k, m in model.status.items()}
    status = max(scores, key=lambda k: scores[k]) if scores else rule.status
    if _cued(cand, rule.status):
        status = rule.status  # "cancelled a planned summit": too rare in the training news for the model
    elif _planned_outright(cand):
        status = "planned"
    date, _ = _best(cand.dates if status != "postponed" else _new_dates(cand), model.date, claims)
    if status == "planned" and date and date.date and date.date.end and cand.published is not None \
            and date.date.end < cand.published:
        # what is still to come is not dated before its report: such a time is another clause's
        # ("tweeted last month that it will be a hard meeting") or an earlier encounter's, and the
        # next likeliest time is no surer (docs/learning.md)
        date = None
    lately = _begun_lately(cand, date)
    if status == "ongoing" and date and date.date and date.date.start and date.date.end \
            and cand.published is not None:
        # under way is said of the report's own days: an encounter whose days all lie after the
        # report is still to come, one whose days all ended before it is over
        if date.date.start > cand.published:
            status = "planned"
        elif date.date.end < cand.published and not lately:
            status = "occurred"
    if status == "occurred" and lately:
        status = "ongoing"
    ev = Event(
        id="",
        type=rule.type,
        status=status,
        trigger=rule.trigger,
        participants=participants,
        countries=countries,
        location=Place(name=place.value, country=place.country) if place else None,
        date=(When(text=date.date.text, start=date.date.start, end=date.date.end,
                   granularity=date.date.granularity) if date and date.date else None),
        hedges=list(rule.hedges),
        evidence=list(rule.evidence),
    )
    return codes_in_time(ev, cand.published), sure


def _interval(ev: Event) -> tuple | None:
    return (ev.date.start, ev.date.end) if ev.date and ev.date.start and ev.date.end else None


def _places_agree(a: Place | None, b: Place | None) -> str:
    if a is None or b is None:
        return "missing"
    x, y = geo.normalise(a.name), geo.normalise(b.name)
    if x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} ":
        return "same"
    if a.country and a.country == b.country and (geo.is_country(a.name) or geo.is_country(b.name)):
        return "same"  # a city inside the country the other names
    return "differ"


_TALKISH = {"summit", "meeting", "talks", "conference"}


def same_encounter(a: Event, b: Event, ia: tuple | None = None, ib: tuple | None = None) -> bool:
    """Whether two decided events are one encounter told twice: a shared participant, kindred
    types, and no clash of date (``ia``/``ib``: the dates told with their mentions, by default
    their own), place or tense. (Hand-written: a model trained to decide this over candidate
    pairs scored lower in cross-validation; see docs/learning.md.)"""
    if not {p.name for p in a.participants} & {p.name for p in b.participants}:
        return False
    if not _kindred(a, b) or _clash(ia, ib) or _two_encounters(a, b):
        return False
    kinds = {a.type, b.type}
    places = _places_agree(a.location, b.location)
    if "visit" in kinds and len(kinds) > 1 and places != "same" and not (places == "missing" and _with_hosts(a, b)):
        return False  # a meeting belongs to a visit only where the visit is
    return places != "differ" and {a.status, b.status} != {"planned", "occurred"}


def _with_hosts(a: Event, b: Event) -> bool:
    """Whether, of a visit and a meeting told with no place, the meeting is one with the hosts: the
    visit's place is in a known state, and the meeting's people are all of that state or of the
    visitors' states, one of them at least of the host's. A visit holds the meetings with its hosts
    (the annotation's convention), and a meeting told with no place is where the visitor is."""
    visit, other = (a, b) if a.type == "visit" else (b, a)
    host = visit.location.country if visit.location else None
    states = {p.country for p in other.participants}
    guests = {p.country for p in visit.participants if p.country}
    return host is not None and None not in states and host in states and states <= guests | {host}


def _two_encounters(a: Event, b: Event) -> bool:
    """Two meetings of one person with other states' people (``events.other_sides``)."""
    return other_sides({a.type, b.type}, {p.name: p.country for p in a.participants},
                       {p.name: p.country for p in b.participants})


def _kindred(a: Event, b: Event) -> bool:
    kinds = {a.type, b.type}
    return len(kinds) == 1 or kinds <= _TALKISH or (kinds - {"visit"}) <= {"meeting", "talks"}


def _clash(ia: tuple | None, ib: tuple | None) -> bool:
    return bool(ia and ib and (ia[1] < ib[0] or ib[1] < ia[0]))


MERGE_SPAN = 40  # how many earlier encounters an event is compared with (keeps long articles linear)


def _told_before(out: list[tuple[Event, tuple | None]], ev: Event, when: tuple | None) -> int | None:
    """The earlier encounter a second mention retells: the one it shares most people with (the
    latest of equals), when it is of a kindred type and no date told with either clashes; None
    otherwise (the encounter it shares most with being of another kind or time, it is no retelling
    of a lesser one)."""
    names = {p.name for p in ev.participants}
    best, most = None, 0
    for k in range(max(0, len(out) - MERGE_SPAN), len(out)):
        shared = len(names & {p.name for p in out[k][0].participants})
        if shared and shared >= most:
            best, most = k, shared
    if best is None or not _kindred(out[best][0], ev) or _clash(out[best][1], when) \
            or _two_encounters(out[best][0], ev):
        return None
    return best


def merge(found: list[Event], told: list[tuple | None] | None = None,
          second: list[bool] | None = None, unlike: list[bool] | None = None,
          cued: list[bool] | None = None, maybe: list[Participant | None] | None = None) -> list[Event]:
    """Events that are one encounter become one: the first keeps its fields and gains the rest.

    ``told`` gives, for each event, the date told with its own mentions (a date picked from a
    neighbouring sentence does not keep two mentions apart); by default each event's date.
    ``second`` tells, for each event, whether the repeat model reads it as a second mention of an
    encounter told before (its score passes the model's threshold): such an event, when the
    hand-written test keeps it apart, joins the earlier encounter it shares most people with,
    even where tense or place differ ("the talks on Monday ... they had planned to meet").
    ``unlike`` tells, for each event, whether the rules read its word as no event (a "joint news
    conference"): an encounter first told so takes its type and word from the first mention
    that names the encounter itself ("... after their talks").
    ``cued`` tells, for each event, whether its status is one a verb over its word states outright
    (``_CUED``: "the trip was called off"): an encounter told first as a plain plan or as done
    takes such a status from a mention of its own people that joins it ("had been due to travel
    to Tokyo for consultations, but the trip was called off"); a mention that brings in someone
    new may be another encounter the merge ran together with this one.
    ``maybe`` gives, for each event, a guessed other side (``counterpart``): it counts as one of the
    event's people while the mentions are compared, and leaves the encounter at the end unless a
    mention of it names that person surely.
    """
    told = told if told is not None else [_interval(e) for e in found]
    maybe = maybe if maybe is not None else [None] * len(found)
    second = second if second is not None else [False] * len(found)
    unlike = unlike if unlike is not None else [False] * len(found)
    cued = cued if cued is not None else [False] * len(found)
    out: list[tuple[Event, tuple | None]] = []
    told_unlike: list[bool] = []  # for each encounter of ``out``: is it still told only by such words
    told_cued: list[bool] = []  # for each encounter of ``out``: has a mention stated its status outright
    guessed: list[set[str]] = []  # for each encounter of ``out``: the people it has only as guesses
    for ev, when, again, odd, said, guess in zip(found, told, second, unlike, cued, maybe):
        ev_guessed = set()
        if guess is not None and guess.name not in {p.name for p in ev.participants}:
            ev.participants.append(guess)
            ev_guessed = {guess.name}
        at = next((k for k in range(max(0, len(out) - MERGE_SPAN), len(out))
                   if same_encounter(out[k][0], ev, out[k][1], when)), None)
        if at is None and again:
            at = _told_before(out, ev, when)
        if at is None:
            out.append((ev, when))
            told_unlike.append(odd)
            told_cued.append(said)
            guessed.append(ev_guessed)
            continue
        known = {p.name for p in out[at][0].participants}
        sure = (known - guessed[at]) | ({p.name for p in ev.participants} - ev_guessed)
        guessed[at] = (guessed[at] | ev_guessed) - sure
        _absorb(out[at][0], ev)
        if said and not told_cued[at] and {p.name for p in ev.participants} <= known:
            out[at][0].status = ev.status
            told_cued[at] = True
        if told_unlike[at] and not odd:
            out[at][0].type, out[at][0].trigger = ev.type, ev.trigger
            told_unlike[at] = False
        if out[at][1] is None and when is not None:
            # an encounter first told with no date is dated by the mention that joins it: a later
            # mention told with another date is another encounter ("their talks", "when they met in
            # April", then "the visit starting on Wednesday")
            out[at] = (out[at][0], when)
    for (ev, _), names in zip(out, guessed):
        if names and len(ev.participants) > len(names):
            ev.participants = [p for p in ev.participants if p.name not in names]
    return [ev for ev, _ in out]


def merge_pieces(pieces: list[list[Event]]) -> list[Event]:
    """The events of an article parsed in pieces (a long text is cut at paragraph breaks), one
    per encounter: an event of a later piece that is one encounter with an event of an earlier
    piece (``same_encounter``, on the dates they hold) joins it. Events of one piece have been
    merged with each other already, and stay as they are."""
    out: list[Event] = []
    for evs in pieces:
        earlier = len(out)
        for ev in evs:
            at = next((k for k in range(max(0, earlier - MERGE_SPAN), earlier) if same_encounter(out[k], ev)), None)
            if at is None:
                out.append(ev)
            else:
                _absorb(out[at], ev)
    return out


def _part_of(short: str, full: str) -> bool:
    """Whether ``short`` is the first or last words of the longer name ``full`` ("Lee" of "Lee Min-ho")."""
    s, f = short.lower().split(), full.lower().split()
    return 0 < len(s) < len(f) and (f[-len(s):] == s or f[:len(s)] == s)


def fold_names(people: list[Participant]) -> list[Participant]:
    """One entry per person: a short name that is part of exactly one longer participant's name is
    that participant (who keeps the first title and state either gives), unless the two are of
    different states."""
    out = []
    for p in people:
        fuller = [q for q in people if q is not p and _part_of(p.name, q.name)
                  and not (p.country and q.country and p.country != q.country)]
        if len(fuller) != 1:
            out.append(p)
            continue
        q = fuller[0]
        q.title = q.title or p.title
        q.country = q.country or p.country
    return out


def _absorb(target: Event, ev: Event) -> None:
    have = {p.name for p in target.participants}
    target.participants.extend(p for p in ev.participants if p.name not in have)
    target.participants = fold_names(target.participants)
    target.countries.extend(c for c in ev.countries if c not in target.countries)
    target.location = target.location or ev.location
    # a date of a later mention fills a gap or narrows the date within it ("in March", then "on
    # March 15"); one that falls outside is another time the article mentions nearby, not a refinement
    if ev.date and ev.date.start and ev.date.end and (
            target.date is None or target.date.start is None or target.date.end is None
            or (target.date.start <= ev.date.start and ev.date.end <= target.date.end
                and (ev.date.end - ev.date.start) < (target.date.end - target.date.start))):
        target.date = ev.date
    target.hedges.extend(h for h in ev.hedges if h not in target.hedges)
    starts = {e.start_char for e in target.evidence}
    target.evidence.extend(e for e in ev.evidence if e.start_char not in starts)
    target.evidence.sort(key=lambda e: e.start_char)


def _people_of_other_encounters(found: list[Event], kept: list[Candidate]) -> None:
    """A person an event has from a neighbouring sentence only, who is named in the very sentence
    of another encounter's mention, is of that encounter ("... will attend the talks. Lee had been
    due to fly to Lima for consultations with Soto": Lee and Soto are not at the talks). The person
    leaves the event when two others at least remain (the merge has run: an encounter told in two
    neighbouring sentences is one event, and keeps everyone its mentions name)."""
    event_of = {e.start_char: k for k, ev in enumerate(found) for e in ev.evidence}
    beside: dict[str, set[int]] = {}  # a name -> the events with a mention in whose sentence it stands
    for cand in kept:
        events = {event_of[e.start_char] for e in cand.rule.evidence if e.start_char in event_of}
        for a in cand.people:
            if a.features.get("dist=0"):
                beside.setdefault(a.value, set()).update(events)
    for k, ev in enumerate(found):
        stay = [p for p in ev.participants if not beside.get(p.name) or k in beside[p.name]]
        if 2 <= len(stay) < len(ev.participants):
            ev.participants = stay


def _from_lead(found: list[Event], lead: Lead | None) -> None:
    """An event told in the lead that took place or is under way, with no date or place of its
    own, took place on the day the lead dates the news to and where the story was filed
    ("BRUSSELS - The minister met allies on Tuesday, ... said"): a wire story's lead tells the
    news of its day, even when the day sits on a reporting verb."""
    if lead is None:
        return
    for ev in found:
        if ev.status not in ("occurred", "ongoing") or not any(e.start_char < lead.end_char for e in ev.evidence):
            continue
        if ev.date is None and lead.day is not None:
            day = lead.day
            ev.date = When(text=day.text, start=day.start, end=day.end, granularity=day.granularity or "day")
        if ev.location is None and lead.dateline is not None:
            ev.location = Place(lead.dateline.name, lead.dateline.country)


@functools.lru_cache(maxsize=1)
def status_days() -> dict[str, Any]:
    text = (importlib.resources.files("extractor.models") / "status_days.json").read_text(encoding="utf-8")
    return json.loads(text)


def _under_way(found: list[Event], published: dt.date | None) -> None:
    """An event of a type that runs over days (``models/status_days.json``), read as done and dated
    to the day of the report, is under way: a visit told on its day is not over."""
    kinds = set(status_days()["multi_day_types"])
    for ev in found:
        if ev.type in kinds and ev.status == "occurred" and published is not None and ev.date \
                and ev.date.start == ev.date.end == published:
            ev.status = "ongoing"


def _on_its_side_of_the_report(found: list[Event], published: dt.date | None) -> None:
    """A time that spans the day of the report holds the event only on one side of it: what is
    still to come happens from that day on ("will visit this year", written in June: June to
    December), what is over happened up to it. The interval narrows to that side, and stays
    within the words' own interval."""
    if published is None:
        return
    for ev in found:
        d = ev.date
        if not (d and d.start and d.end):
            continue
        if ev.status == "planned" and d.start < published <= d.end:
            ev.date = replace(d, start=published)
        elif ev.status == "occurred" and d.start <= published < d.end:
            ev.date = replace(d, end=published)


@functools.lru_cache(maxsize=1)
def parties() -> dict[str, Any]:
    text = (importlib.resources.files("extractor.models") / "parties.json").read_text(encoding="utf-8")
    return json.loads(text)


def _states_of_people(found: list[Event]) -> None:
    """A participant's state is a party (ANNOTATION.md: the states of those taking part), even where
    the country model passed it by: the state was named far from the mention, or only in a title
    ("the Japanese minister") the person took from another sentence."""
    for ev in found:
        for p in ev.participants:
            if p.country and p.country not in ev.countries:
                ev.countries.append(p.country)


def _parties_of_people(found: list[Event]) -> None:
    """An event whose participants are all people of known states, two states or more, is between
    those states (and, for a visit, the state visited): a state the country model passed beside
    them is one the mention names as a topic or a third party ("the two leaders discussed Syria"),
    or the third state they met in. Gatherings (``models/parties.json``) list their member states
    whoever is named, so they are left alone."""
    table = parties()
    gatherings, hosted = set(table["member_state_types"]), set(table["host_types"])
    for ev in found:
        states = {p.country for p in ev.participants}
        if ev.type in gatherings or None in states or len(states) < 2:  # no people, or some of no known state
            continue
        host = ev.location.country if ev.location and ev.type in hosted else None
        ev.countries = [c for c in ev.countries if c in states or c == host]


def _seat_is_no_party(found: list[Event]) -> None:
    """A body's meeting in the city it sits in (NATO in Brussels, OPEC in Vienna) does not make the
    city's state a party, unless one of its people takes part: the state hosts the body, not the
    encounter."""
    for ev in found:
        host = ev.location.country if ev.location else None
        if host is None or host not in ev.countries or any(p.country == host for p in ev.participants):
            continue
        city = geo.normalise(ev.location.name)
        if any(city in names.body_seat(p.name) for p in ev.participants if p.country is None):
            ev.countries = [c for c in ev.countries if c != host]


def assemble(cands: list[Candidate], model: Decisions) -> list[Event]:
    """The events of one Doc: decide every candidate, merge, number them E1, E2, ... in text order."""
    events = [(c, p) for c in cands if (p := model.event.score(c.features)) >= model.event.threshold]
    claims: dict[tuple, float] = {}
    for c, _ in events:
        for a in c.dates:
            key = _date_key(a)
            claims[key] = max(claims.get(key, 0.0), model.date.score(a.features))
    kept = [(c, ev) for c, p in events if (ev := decide(c, model, claims, p)[0]) is not None]
    person_score = {id(a): model.person.score(a.features) for c, _ in kept for a in c.people}
    maybe: list[Participant | None] = []
    for c, ev in kept:
        other, firm = counterpart(c, model, ev, person_score)
        if other is not None and firm:
            ev.participants.append(other)
            other = None
        maybe.append(other)
    # the dates told with each mention keep apart what they clash on
    found = merge([ev for _, ev in kept], [_interval(c.rule) for c, _ in kept],
                  [model.repeat is not None and model.repeat.score(c.features) >= model.repeat.threshold
                   for c, _ in kept],
                  [bool(c.features.get("rejected=not_event")) for c, _ in kept],
                  [_cued(c, ev.status) for c, ev in kept], maybe)
    _people_of_other_encounters(found, [c for c, _ in kept])
    best: dict[str, float] = {}
    for c, _ in kept:
        for a in c.people:
            best[a.value] = max(best.get(a.value, 0.0), person_score[id(a)])
    _without_bystanders(found, best)
    _from_lead(found, cands[0].lead if cands else None)
    _under_way(found, cands[0].published if cands else None)
    _on_its_side_of_the_report(found, cands[0].published if cands else None)
    _states_of_people(found)
    _parties_of_people(found)
    _seat_is_no_party(found)
    found.sort(key=lambda e: e.evidence[0].start_char if e.evidence else 0)
    for i, ev in enumerate(found, 1):
        ev.id = f"E{i}"
    return found


__all__ = ["Decisions", "Linear", "Trees", "assemble", "decide", "file_version", "fold_names", "merge", "shipped"]
