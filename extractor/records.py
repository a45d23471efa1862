"""Plain records that flow from readers to renderers.

Nothing here knows about spaCy: records cross process boundaries (``--jobs``,
Dask) and are rendered or stored as they are, so they hold only strings,
numbers, dates and lists of other records.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from .provenance import data_version

# the version of the output records (document objects, JSON Lines and CSV rows, store rows):
# raised whenever a field is renamed, removed or changes meaning
SCHEMA_VERSION = "2"


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | dt.date | None) -> dt.date | None:
    if s is None or isinstance(s, dt.date):
        return s
    return dt.date.fromisoformat(s)


@dataclass
class Article:
    """One article to process, as read from a file, a JSON Lines record or stdin."""

    doc_id: str
    text: str
    source: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    line: int | None = None  # line number in a JSON Lines source

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = _iso(self.published)
        return d

    def fingerprint(self) -> str:
        """12 hex digits that name this article (its id, reference date and text) on every run."""
        h = hashlib.sha256()
        for part in (self.doc_id, _iso(self.published) or "", self.text):
            h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
        return h.hexdigest()[:12]


def event_ids(article: Article, events: list[Event]) -> None:
    """Number ``events`` in text order with ids unique across articles and stable across runs:
    ``FINGERPRINT-E1``, ``FINGERPRINT-E2``, ... (``Article.fingerprint``)."""
    stem = article.fingerprint()
    for i, ev in enumerate(events, 1):
        ev.id = f"{stem}-E{i}"


@dataclass
class DateMention:
    """A date expression found in a text and resolved to an inclusive interval.

    ``start``/``end`` are None when the expression cannot be placed on the
    calendar (no reference date, or an open-ended expression).
    ``approximate`` marks vague expressions ("soon", "in the coming days").
    """

    text: str
    start_char: int
    end_char: int
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "granularity": self.granularity,
            "approximate": self.approximate,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DateMention":
        return cls(d["text"], d["start_char"], d["end_char"], _date(d.get("start")), _date(d.get("end")),
                   d.get("granularity"), bool(d.get("approximate")))


@dataclass
class Participant:
    name: str
    title: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    role: str | None = None  # host, visitor or mediator, where the article shows one (codes.assign)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Place:
    name: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class When:
    """The time of an event: the words used and the interval they resolve to."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": _iso(self.start), "end": _iso(self.end), "granularity": self.granularity}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "When":
        return cls(d["text"], _date(d.get("start")), _date(d.get("end")), d.get("granularity"))


@dataclass
class Evidence:
    text: str
    start_char: int
    end_char: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One diplomatic event: one real-world encounter, however often mentioned."""

    id: str
    type: str
    status: str
    trigger: str
    participants: list[Participant] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    location: Place | None = None
    date: When | None = None
    hedges: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    plover: str | None = None  # event-data codes (codes.assign)
    plover_mode: str | None = None
    cameo: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.id,
            "type": self.type,
            "status": self.status,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "cameo": self.cameo,
            "hedges": list(self.hedges),
            "participants": [p.to_dict() for p in self.participants],
            "countries": list(self.countries),
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict() if self.date else None,
            "trigger": self.trigger,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        """Rebuild an Event from its ``to_dict`` form (as stored or sent between processes)."""
        return cls(
            id=d.get("event_id") or d.get("id") or "",
            type=d["type"],
            status=d["status"],
            trigger=d.get("trigger") or "",
            participants=[Participant(**p) for p in d.get("participants") or []],
            countries=list(d.get("countries") or []),
            location=Place(**d["location"]) if d.get("location") else None,
            date=When.from_dict(d["date"]) if d.get("date") else None,
            hedges=list(d.get("hedges") or []),
            evidence=[Evidence(**e) for e in d.get("evidence") or []],
            plover=d.get("plover"),
            plover_mode=d.get("plover_mode"),
            cameo=d.get("cameo"),
        )


@dataclass
class DocResult:
    """What the extractor made of one article (or the error that stopped it)."""

    doc_id: str
    source: str
    published: dt.date | None
    events: list[Event] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    error: str | None = None
    line: int | None = None
    title: str | None = None
    url: str | None = None
    rerun: bool = False  # run a second time, after the worker process holding it died

    def head(self) -> dict[str, Any]:
        """The document's own fields, as every record made from it carries them."""
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "published": _iso(self.published),
            "title": self.title,
            "url": self.url,
            "schema_version": SCHEMA_VERSION,
            "rules_version": data_version(),
        }

    def to_dict(self, with_dates: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            **self.head(),
            "events": [e.to_dict() for e in self.events],
        }
        if with_dates:
            d["dates"] = [m.to_dict() for m in self.dates]
        return d
