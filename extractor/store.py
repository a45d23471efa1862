"""SQLite store for incremental batch runs (``--db PATH``).

Each article is keyed by a hash of its text, its reference date, the spaCy
pipeline, the extractor's version and its rule data and trained decisions: an
article already in the store is not processed again, and a change of any of
these makes it new (and its new result replaces the old one). Each article is
saved in a savepoint of its own, and commits hold whole articles only, so a run
killed half-way loses nothing committed and leaves no half-written article; the
next run picks up where it stopped.

Tables (created by the tool; query them with ``sqlite3``; the README lists every column):

- ``meta(key, value)``: ``schema_version`` of the store.
- ``documents``: one row per article; ``record`` is its document object of
  ``--format json`` (with its dates).
- ``events``: one row per event, keyed by its ``event_id`` (unique across
  articles), with the document's fields; ``countries``, ``hedges`` and
  ``evidence`` are JSON arrays, ``record`` the event's JSON object.
- ``participants(event_id, position, name, title, country, role)``.
- ``errors(id, source, line, doc_id, message, at)``: inputs that failed, run after run.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .provenance import data_version
from .readers import ReadError
from .records import Article, DateMention, DocResult, Event

SCHEMA_VERSION = "3"  # raise it with any change of the tables below

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    source TEXT,
    published TEXT,
    title TEXT,
    url TEXT,
    model TEXT NOT NULL,
    version TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    n_events INTEGER NOT NULL,
    record TEXT NOT NULL,
    processed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents (doc_id);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    doc_key TEXT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    source TEXT,
    published TEXT,
    title TEXT,
    url TEXT,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    plover TEXT,
    plover_mode TEXT,
    cameo TEXT,
    location TEXT,
    location_country TEXT,
    date_text TEXT,
    date_start TEXT,
    date_end TEXT,
    granularity TEXT,
    countries TEXT NOT NULL,
    hedges TEXT NOT NULL,
    trigger TEXT,
    evidence TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_doc_key ON events (doc_key);
CREATE INDEX IF NOT EXISTS events_type_status ON events (type, status);
CREATE INDEX IF NOT EXISTS events_date ON events (date_start, date_end);
CREATE TABLE IF NOT EXISTS participants (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    title TEXT,
    country TEXT,
    role TEXT,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX IF NOT EXISTS participants_name ON participants (name);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    source TEXT,
    line INTEGER,
    doc_id TEXT,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


@dataclass
class EventFilter:
    """Which stored events to print: any of ``types``, ``statuses`` and ``countries`` (empty: all),
    and a date interval that overlaps ``since``..``until`` (an undated event never does)."""

    since: dt.date | None = None
    until: dt.date | None = None
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.countries or self.types or self.statuses)

    def matches(self, ev: Event) -> bool:
        if self.types and ev.type not in self.types or self.statuses and ev.status not in self.statuses:
            return False
        if self.countries and not set(self.countries) & set(ev.countries):
            return False
        if self.since or self.until:
            if not (ev.date and ev.date.start and ev.date.end):
                return False
            if self.since and ev.date.end < self.since or self.until and ev.date.start > self.until:
                return False
        return True

    def sql(self) -> tuple[str, list[Any]]:
        """The same test as ``matches``, as a WHERE clause over ``events`` (to pick documents by index)."""
        where, args = [], []
        for column, values in (("type", self.types), ("status", self.statuses)):
            if values:
                where.append(f"{column} IN ({', '.join('?' * len(values))})")
                args += list(values)
        if self.countries:
            where.append("(" + " OR ".join("countries LIKE ?" for _ in self.countries) + ")")
            args += [f'%"{c}"%' for c in self.countries]
        if self.since:
            where.append("date_end >= ?")
            args.append(self.since.isoformat())
        if self.until:
            where.append("date_start <= ?")
            args.append(self.until.isoformat())
        return " AND ".join(where) or "1", args


def article_key(article: Article, model: str) -> str:
    """Hash of what determines an article's record: id, text, reference date, pipeline, version,
    and the rule data and trained decisions (``provenance.data_version``).

    The id is part of it so that two articles with the same text (wire copy
    filed twice) are both kept, each under its own name.
    """
    h = hashlib.sha256()
    for part in (__version__, data_version(), model, article.doc_id, article.published.isoformat() if article.published else "",
                 article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class StoreError(Exception):
    """The database cannot be opened or is not an extractor store."""


class Store:
    """An extractor database; use as a context manager.

    >>> with Store(":memory:") as s:  # doctest: +SKIP
    ...     s.count()
    0
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:  # only read: a store on read-only media or without write permission will do
                self.db = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True,
                                          isolation_level=None)
            else:
                # autocommit mode: transactions are opened and closed explicitly
                self.db = sqlite3.connect(self.path, isolation_level=None)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            fresh = not self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            if fresh and not readonly:
                self.db.executescript(SCHEMA)
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            else:
                self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use {self.path} as a database ({exc}); give a new file or an extractor store"
                             ) from None

    def _check_schema(self) -> None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:
            row = None
        columns = [r[1] for r in self.db.execute("PRAGMA table_info(documents)")]
        if row is None or not columns:
            raise StoreError(f"{self.path} is a database but not an extractor store; give a new --db file")
        if row[0] != SCHEMA_VERSION or columns != _DOCUMENT_COLUMNS:
            raise StoreError(f"{self.path} was written by another version of extractor (store schema {row[0]}, "
                             f"this one reads {SCHEMA_VERSION}); give a new --db file, or delete this one "
                             "to process its articles again")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.db.close()

    def _begin(self) -> None:
        if not self.db.in_transaction:
            self._write(self.db.execute, "BEGIN")

    def commit(self) -> None:
        """Make everything saved so far durable."""
        if self.db.in_transaction:  # SQLite itself ends a transaction that failed (a full disk)
            self._write(self.db.execute, "COMMIT")

    def _write(self, call, *args):
        try:
            return call(*args)
        except sqlite3.DatabaseError as exc:
            hint = ("free some disk space or give another --db file" if "full" in str(exc)
                    else "check the file, or give another --db file")
            raise StoreError(f"cannot write to {self.path} ({exc}); {hint}") from None

    def get(self, key: str) -> DocResult | None:
        """The stored result for an article key, or None."""
        row = self._read("SELECT record, source FROM documents WHERE key = ?", (key,)).fetchone()
        return _result(row[0]) if row else None

    def _read(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, args)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read {self.path} ({exc}); the file may be damaged: give another --db file"
                             ) from None

    def save(self, key: str, result: DocResult, model: str) -> None:
        """Add one article's result (inside the current transaction; ``commit`` makes it durable).

        The article is saved whole or not at all (a savepoint of its own), even when an
        interrupt arrives half-way, and it replaces any earlier result for the same
        article (same id and source) whose text, date or rules have since changed.
        """
        self._begin()
        self._write(self.db.execute, "SAVEPOINT article")
        try:
            self._write(self._save, key, result, model)
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO SAVEPOINT article")
                self.db.execute("RELEASE SAVEPOINT article")
            raise
        self._write(self.db.execute, "RELEASE SAVEPOINT article")

    def _save(self, key: str, result: DocResult, model: str) -> None:
        record = result.to_dict(with_dates=True)
        ids = [ev.id for ev in result.events]
        # the same article's earlier result: same id and source, or the same events (same article, moved)
        self.db.execute("DELETE FROM documents WHERE key = ? OR (doc_id = ? AND source IS ?)",
                        (key, result.doc_id, result.source))
        if ids:
            marks = ", ".join("?" * len(ids))
            self.db.execute(f"DELETE FROM documents WHERE key IN (SELECT doc_key FROM events WHERE event_id IN ({marks}))",
                            ids)
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, result.doc_id, result.source, record["published"], result.title, result.url, model, __version__,
             record["rules_version"], len(result.events), json.dumps(record, ensure_ascii=False), _now()),
        )
        for ev, ev_rec in zip(result.events, record["events"]):
            date = ev_rec["date"] or {}
            loc = ev_rec["location"] or {}
            self.db.execute(
                f"INSERT INTO events VALUES ({', '.join('?' * 23)})",
                (ev.id, key, result.doc_id, result.source, record["published"], result.title, result.url,
                 ev.type, ev.status, ev.plover, ev.plover_mode, ev.cameo, loc.get("name"), loc.get("country"),
                 date.get("text"), date.get("start"), date.get("end"), date.get("granularity"),
                 json.dumps(ev.countries), json.dumps(ev.hedges, ensure_ascii=False), ev.trigger,
                 json.dumps(ev_rec["evidence"], ensure_ascii=False), json.dumps(ev_rec, ensure_ascii=False)),
            )
            self.db.executemany(
                "INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?)",
                [(ev.id, i, p.name, p.title, p.country, p.role) for i, p in enumerate(ev.participants)],
            )

    def save_error(self, source: str, line: int | None, doc_id: str | None, message: str) -> None:
        """Record an input that failed (kept across runs, for inspection)."""
        self._begin()
        self._write(self.db.execute, "INSERT INTO errors (source, line, doc_id, message, at) VALUES (?, ?, ?, ?, ?)",
                    (source, line, doc_id, message, _now()))

    def count(self) -> int:
        return self._read("SELECT COUNT(*) FROM documents").fetchone()[0]

    def documents(self, only: EventFilter | None = None) -> Iterator[DocResult]:
        """Every stored result, in the order they were stored; with ``only``, the documents holding
        a matching event, with their matching events alone."""
        if only:
            where, args = only.sql()
            rows = self._read("SELECT record FROM documents WHERE key IN "
                              f"(SELECT doc_key FROM events WHERE {where}) ORDER BY rowid", tuple(args))
        else:
            rows = self._read("SELECT record FROM documents ORDER BY rowid")
        while True:
            try:
                row = rows.fetchone()
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot read {self.path} ({exc}); the file may be damaged: give another --db file"
                                 ) from None
            if row is None:
                return
            res = _result(row[0])
            if only:
                res.events = [ev for ev in res.events if only.matches(ev)]
            yield res


_DOCUMENT_COLUMNS = ["key", "doc_id", "source", "published", "title", "url", "model", "version", "rules_version",
                     "n_events", "record", "processed_at"]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _result(record: str) -> DocResult:
    d = json.loads(record)
    published = dt.date.fromisoformat(d["published"]) if d.get("published") else None
    return DocResult(
        doc_id=d["doc_id"], source=d.get("source", ""), published=published, title=d.get("title"), url=d.get("url"),
        events=[Event.from_dict(e) for e in d.get("events", [])],
        dates=[DateMention.from_dict(m) for m in d.get("dates", [])],
    )


def error_of(item: ReadError | DocResult) -> tuple[str, int | None, str | None, str]:
    """(source, line, doc_id, message) of a failed input, for ``Store.save_error``."""
    if isinstance(item, ReadError):
        return item.source, item.line, item.doc_id, item.message
    return item.source, item.line, item.doc_id, item.error or ""
