"""Events of different articles that are one real-world encounter, grouped (``extract --link``).

Two events link when they come from different articles, their types are kindred,
they share their people (at least two, or all of the side with fewer; one traveller
for two visits to one country) or, with no people named, the same states, and
nothing tells them apart: their dates overlap
(or, when one is undated, the reports are close in time and the dated one falls
near the other's report; a date that contradicts its event's status counts as
none), and their places agree. Two summits or conferences
held in one state on the same days link whoever each report names. Links are transitive (one
encounter per connected group). Each encounter lists its member events, how
many articles and sources report it, when it was first and last reported, and
how its status changed from report to report.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.resources
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from . import geo
from .records import DocResult, Event


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    text = (importlib.resources.files("extractor.models") / "linking.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass
class Report:
    """One event as one article reports it."""

    event: Event
    doc: DocResult

    @functools.cached_property
    def people(self) -> frozenset[str]:
        """The surnames of its participants (compared for every pair of reports: worked out once)."""
        return frozenset(_person_key(p.name) for p in self.event.participants)


def _person_key(name: str) -> str:
    # the last word, as the scorer and readers match names ("Xi" of "Xi Jinping" aside)
    return name.replace("-", " ").lower().split()[-1] if name.strip() else ""


def _kindred(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in settings()["kindred_types"])


def _interval(r: Report) -> tuple[dt.date, dt.date] | None:
    """The days a report dates its event to, unless they contradict its status: a plan dated
    wholly before the report, or an encounter told as done dated wholly after it, took its
    date from another clause (the day a coming meeting was talked of), so the report counts
    as undated."""
    ev = r.event
    if not (ev.date and ev.date.start and ev.date.end):
        return None
    day = r.doc.published
    if day is not None and ((ev.status == "planned" and ev.date.end < day)
                            or (ev.status == "occurred" and ev.date.start > day)):
        return None
    return ev.date.start, ev.date.end


def _places_agree(a: Event, b: Event) -> bool:
    """Places clash only when both lie in known, different states ("Beijing" and "China" agree;
    a region or a venue the gazetteer does not place, "Asia", clashes with nothing)."""
    if a.location is None or b.location is None:
        return True
    x, y = geo.normalise(a.location.name), geo.normalise(b.location.name)
    if x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} ":
        return True
    ca, cb = a.location.country, b.location.country
    return not (ca and cb and ca != cb)


def _when_reported(r: Report, cfg: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """When an undated event can have happened, judging by its report: before the report when
    it is told as done, after it (by weeks) when planned, around it when under way."""
    day = r.doc.published
    if day is None:
        return None
    back, ahead = dt.timedelta(days=cfg["report_window_days"]), dt.timedelta(days=cfg["planned_window_days"])
    status = r.event.status
    if status == "occurred":
        return day - back, day
    if status == "ongoing":
        return day - back, day + back
    if status == "planned":
        return day, day + ahead
    return day - back, day + ahead  # cancelled or put off: either side of the report


def _span(r: Report, cfg: dict[str, Any], slack: dt.timedelta) -> tuple[dt.date, dt.date] | None:
    """When the reported encounter can have happened: its dates (with the slack), else the
    window its report allows; None when neither is known."""
    known = _interval(r)
    return (known[0] - slack, known[1] + slack) if known else _when_reported(r, cfg)


def _host_state(ev: Event) -> str | None:
    return ev.location.country if ev.location else None


def _same_trip(a: Report, b: Report, shared: frozenset[str]) -> bool:
    """Two visits by one traveller to one country: a person visits one country at a time, whoever
    else each report names ("Trump's visit to Japan" with Abe, or with a minister there before him).
    The shared person must be no host in either report (a host receives many visitors)."""
    if a.event.type != "visit" or b.event.type != "visit" or len(shared) != 1:
        return False
    ha, hb = _host_state(a.event), _host_state(b.event)
    if not (ha and ha == hb):
        return False
    key = next(iter(shared))
    return all(p.role != "host" for r in (a, b) for p in r.event.participants if _person_key(p.name) == key)


def _same_gathering(a: Report, b: Report, ia: tuple | None, ib: tuple | None) -> bool:
    """Two reports of one summit or conference: a gathering is known by its place and day, not by
    who of its many participants a report names. Both must be of one gathering type, dated to the
    same days (a week at most), and held in one state (a report with no place names that state
    among its countries)."""
    kinds = set(settings()["gathering_types"])
    if a.event.type not in kinds or a.event.type != b.event.type or not (ia and ib):
        return False
    if (ia[1] - ia[0]).days > 6 or (ib[1] - ib[0]).days > 6 or ia[1] < ib[0] or ib[1] < ia[0]:
        return False
    ha, hb = _host_state(a.event), _host_state(b.event)
    if ha and hb:
        return ha == hb
    if ha or hb:
        placed, other = (ha, b.event) if ha else (hb, a.event)
        return placed in other.countries
    return False


def same_encounter(a: Report, b: Report) -> bool:
    """Whether two reports from different articles tell of one encounter."""
    if a.doc.doc_id == b.doc.doc_id and a.doc.source == b.doc.source:
        return False  # one article's events are already merged by the extractor
    if not _kindred(a.event.type, b.event.type):
        return False
    pa, pb = a.people, b.people
    ia, ib = _interval(a), _interval(b)
    if _same_gathering(a, b, ia, ib):
        return _places_agree(a.event, b.event)
    if pa and pb:
        shared = pa & pb
        if len(shared) < 2 and not (len(pa) == len(pb) == 1 and shared) and not _same_trip(a, b, shared):
            return False  # one person in common (Trump meeting Xi, Trump meeting Abe) is not enough
        if len(shared) < 2 and not (a.event.type == b.event.type and ((ia and ib) or (
                a.event.location and b.event.location))):
            return False  # one person alone: the same kind of event, with both dates or both places to compare
    elif pa or pb:
        return False
    else:
        ca, cb = set(a.event.countries), set(b.event.countries)
        if len(ca) < 2 or ca != cb:
            return False
    cfg = settings()
    slack = dt.timedelta(days=cfg["date_slack_days"])
    if ia and ib:
        if ia[1] + slack < ib[0] or ib[1] + slack < ia[0]:
            return False
    elif ia or ib:
        dated, undated = (ia, b) if ia else (ib, a)
        span = _when_reported(undated, cfg)
        if span is None or dated[1] < span[0] or dated[0] > span[1]:
            return False
    else:
        sa, sb = _when_reported(a, cfg), _when_reported(b, cfg)
        if sa is None or sb is None or sa[1] < sb[0] or sb[1] < sa[0]:
            return False
    return _places_agree(a.event, b.event)


@dataclass(frozen=True)
class _Traits:
    """What an encounter's reports agree it was: its types, the state it was held in, and the days
    its reports dated to the day (or to a few days, fewer than ``encounter_fine_days``) cover,
    which must stay fewer than ``encounter_max_days``. A link that contradicts them joins no
    encounters (single linkage alone lets a chain of near matches run one trip's stops and
    meetings together). A date of ten days or more ("early April", "this month") says too little
    to keep two encounters apart: one report misdated that way would split the others."""

    types: frozenset[str]
    state: str | None
    days: tuple[dt.date, dt.date] | None

    @classmethod
    def of(cls, r: Report) -> _Traits:
        iv = _interval(r)
        fine = iv if iv and (iv[1] - iv[0]).days < settings()["encounter_fine_days"] else None
        return cls(frozenset({r.event.type}), _host_state(r.event), fine)

    def join(self, other: _Traits) -> _Traits | None:
        if not all(_kindred(a, b) for a in self.types for b in other.types):
            return None
        if self.state and other.state and self.state != other.state:
            return None
        days = self.days or other.days
        if self.days and other.days:
            days = (min(self.days[0], other.days[0]), max(self.days[1], other.days[1]))
            if (days[1] - days[0]).days >= settings()["encounter_max_days"]:
                return None
        return _Traits(self.types | other.types, self.state or other.state, days)




def _closeness(a: Report, b: Report) -> int:
    """How surely two matching reports are one encounter: the people they share, the same type,
    place and state, and dates told to the day on both sides that agree."""
    ia, ib = _interval(a), _interval(b)
    score = 2 * len(a.people & b.people) + (a.event.type == b.event.type)
    if ia and ib and (ia[1] - ia[0]).days < 7 and (ib[1] - ib[0]).days < 7:
        score += 2
    if a.event.location and b.event.location:
        score += geo.normalise(a.event.location.name) == geo.normalise(b.event.location.name)
        score += bool(_host_state(a.event)) and _host_state(a.event) == _host_state(b.event)
    return score


def link(results: Iterable[DocResult]) -> list[dict[str, Any]]:
    """Encounter records for the events of ``results`` (failed articles are left out).

    Reports that match (``same_encounter``) are joined, and so are the encounters they belong
    to (single linkage). Only reports sharing a person (or, with nobody named, the same
    states) are compared.
    """
    reports = [Report(ev, doc) for doc in results if not doc.error for ev in doc.events]
    reports.sort(key=lambda r: (r.doc.published or dt.date.min, r.event.id))
    owner = list(range(len(reports)))  # report -> its encounter
    members: dict[int, list[int]] = {i: [i] for i in range(len(reports))}
    blocks: dict[Any, list[int]] = {}
    cfg = settings()
    for i, r in enumerate(reports):
        for key in r.people or {("states", tuple(sorted(set(r.event.countries))))}:
            blocks.setdefault(key, []).append(i)
        if r.event.type in cfg["gathering_types"]:
            blocks.setdefault(("gathering", r.event.type), []).append(i)
    slack = dt.timedelta(days=cfg["date_slack_days"])
    spans = [_span(r, cfg, slack) for r in reports]
    traits = [_Traits.of(r) for r in reports]  # what each encounter is known to be, so far
    edges: set[tuple[int, int]] = set()
    for block in blocks.values():
        # a sweep over when each report's encounter can have happened: only overlapping ones can match,
        # so a person named in thousands of reports costs no more than the reports near in time
        order = sorted((i for i in block if spans[i]), key=lambda i: spans[i][0])
        for x, i in enumerate(order):
            for j in order[x + 1:]:
                if spans[j][0] > spans[i][1]:
                    break
                if (min(i, j), max(i, j)) not in edges and same_encounter(reports[i], reports[j]):
                    edges.add((min(i, j), max(i, j)))
    # the surest links first, so that a doubtful one cannot decide what an encounter is
    for i, j in sorted(edges, key=lambda e: (-_closeness(reports[e[0]], reports[e[1]]), e)):
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        joined = traits[gi].join(traits[gj])
        if joined is None:
            continue  # a link that would make one encounter of two held in different places or days
        if len(members[gi]) < len(members[gj]):
            gi, gj = gj, gi
        traits[gi] = joined
        for n in members.pop(gj):
            owner[n] = gi
            members[gi].append(n)
    out = [encounter([reports[i] for i in group]) for group in members.values()]
    out.sort(key=lambda e: (e["first_reported"] or "", e["event_ids"][0]))
    return out


def _outlet(doc: DocResult) -> str:
    if doc.url:
        return urlparse(doc.url).netloc.lower() or doc.url
    return doc.source.rsplit(":", 1)[0] if doc.source else doc.doc_id


def encounter(members: list[Report]) -> dict[str, Any]:
    """One encounter record from the reports of it."""
    members = sorted(members, key=lambda r: (r.doc.published or dt.date.min, r.event.id))
    ids = [r.event.id for r in members]
    names = Counter(p.name for r in members for p in r.event.participants)
    keyed: dict[str, str] = {}
    for name, _ in names.most_common():  # the fullest spelling of each person, the commonest first
        key = _person_key(name)
        if key not in keyed or len(name) > len(keyed[key]):
            keyed[key] = name
    countries = list(dict.fromkeys(c for r in members for c in r.event.countries))
    dated = [r.event for r in members if _interval(r)]
    narrow = min(dated, key=lambda e: (e.date.end - e.date.start, e.date.start)) if dated else None
    place = next((r.event.location for r in members if r.event.location), None)
    history: list[dict[str, Any]] = []
    for r in members:
        day = r.doc.published.isoformat() if r.doc.published else None
        if not history or history[-1]["status"] != r.event.status:
            history.append({"reported": day, "status": r.event.status, "event_id": r.event.id})
    reported = [r.doc.published for r in members if r.doc.published]
    return {
        "encounter_id": "enc-" + hashlib.sha256("\x00".join(sorted(ids)).encode()).hexdigest()[:12],
        "type": Counter(r.event.type for r in members).most_common(1)[0][0],
        "status": members[-1].event.status,
        "participants": list(keyed.values()),
        "countries": countries,
        "location": place.to_dict() if place else None,
        "date": narrow.date.to_dict() if narrow else None,
        "event_ids": ids,
        "n_events": len(ids),
        "n_articles": len({(r.doc.doc_id, r.doc.source) for r in members}),
        "n_sources": len({_outlet(r.doc) for r in members}),
        "first_reported": min(reported).isoformat() if reported else None,
        "last_reported": max(reported).isoformat() if reported else None,
        "status_history": history,
    }


__all__ = ["encounter", "link", "same_encounter", "settings"]
