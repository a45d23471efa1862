"""Renderers: ``DocResult`` records -> table, JSON, JSON Lines or CSV on a stream.

Each renderer writes as results arrive (JSON is streamed, never built whole),
so the first events appear before the last article is read. Renderers see
plain records only, never a spaCy ``Doc``.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from importlib import resources
from typing import IO, Any

from .records import DocResult, Event
from .safe import csv_cell, markup

FORMATS = ("table", "json", "jsonl", "csv", "ics", "geojson", "html")

# one row per event, every field kept: list fields are JSON arrays in their cells
CSV_COLUMNS = [
    "event_id", "doc_id", "source", "published", "title", "url", "type", "status", "plover", "plover_mode",
    "cameo", "participants", "countries", "location", "location_country", "date_text", "date_start", "date_end",
    "granularity", "hedges", "trigger", "evidence", "schema_version", "rules_version",
]


class MissingExtra(RuntimeError):
    """A view needs a package that is not installed (the ``views`` extra)."""


class Renderer:
    """Base: ``start()``, then ``write()`` per document, then ``end()``."""

    def __init__(self, out: IO[str], with_dates: bool = False) -> None:
        self.out = out
        self.with_dates = with_dates

    def start(self) -> None:
        pass

    def write(self, result: DocResult) -> None:
        raise NotImplementedError

    def end(self) -> None:
        pass


class JSONRenderer(Renderer):
    """One JSON array of document objects, streamed one document at a time."""

    def start(self) -> None:
        self.first = True
        self.out.write("[")

    def write(self, result: DocResult) -> None:
        self.out.write("\n" if self.first else ",\n")
        self.first = False
        self.out.write(json.dumps(result.to_dict(self.with_dates), ensure_ascii=False))
        self.out.flush()

    def end(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")
        self.out.flush()


def event_record(result: DocResult, event: Event) -> dict[str, Any]:
    """An event as one self-contained JSON Lines record: its id, then its document's fields, then its own."""
    ev = event.to_dict()
    return {"event_id": ev.pop("event_id"), **result.head(), **ev}


class JSONLRenderer(Renderer):
    """One event per line, each carrying its document's ``doc_id``, ``source`` and ``published``."""

    def write(self, result: DocResult) -> None:
        for ev in result.events:
            self.out.write(json.dumps(event_record(result, ev), ensure_ascii=False) + "\n")
        self.out.flush()


def _participant_text(p: Any, with_country: bool = True) -> str:
    extra = ", ".join(x for x in (p.title, p.country if with_country else None) if x)
    return f"{p.name} ({extra})" if extra else p.name


def _json_cell(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class CSVRenderer(Renderer):
    """One row per event with every field; list fields (participants, countries, hedges, evidence) are
    JSON arrays in their cells. Cells are made safe for spreadsheets (``safe.csv_cell``)."""

    def start(self) -> None:
        self.writer = csv.writer(self.out)
        self.writer.writerow(CSV_COLUMNS)

    def write(self, result: DocResult) -> None:
        for ev in result.events:
            rec = event_record(result, ev)
            loc, date = rec["location"] or {}, rec["date"] or {}
            row = {**rec, "location": loc.get("name"), "location_country": loc.get("country"),
                   "date_text": date.get("text"), "date_start": date.get("start"), "date_end": date.get("end"),
                   "granularity": date.get("granularity")}
            for key in ("participants", "countries", "hedges", "evidence"):
                row[key] = _json_cell(rec[key])
            self.writer.writerow([csv_cell("" if row[c] is None else row[c]) for c in CSV_COLUMNS])
        self.out.flush()


def when_text(ev: Event, spaced: bool = False) -> str:
    """The interval and the original words, e.g. "2018-11-05..2018-11-11 (next week)" (with
    ``spaced``, "2018-11-05 .. 2018-11-11", which a narrow column can break between the days)."""
    if not ev.date:
        return ""
    d = ev.date
    if d.start and d.end:
        dots = " .. " if spaced else ".."
        span = d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()}{dots}{d.end.isoformat()}"
        return f"{span} ({d.text})"
    return f"? ({d.text})"


TABLE_COLUMNS = (("#", "dim"), ("type", "bold"), ("status", ""), ("participants", ""), ("place", ""), ("when", ""),
                 ("hedges", "italic"))
_LEAST = {"participants": 12, "place": 7, "when": 10, "hedges": 6}  # a heading; a day ("2018-11-05")
_SHARES = {"participants": 0.5, "place": 0.3, "hedges": 0.2}  # of the room the least widths leave


def _shares(width: int, least: dict[str, int] | None = None) -> dict[str, int]:
    """Widths for the columns of free text: what the id, type and status columns and the borders
    leave, each column at least its ``least`` width (by default its heading, and a day for the
    dates; given, the longest word of the article's own cells), and the rest shared out."""
    if least is None:
        fixed = 3 + _widest()["type"] + _widest()["status"] + 3 * len(TABLE_COLUMNS) + 1
        least = _LEAST
    else:
        fixed = least["#"] + least["type"] + least["status"] + 3 * len(TABLE_COLUMNS) + 1
    free = {col: least[col] for col in _LEAST}
    extra = max(0, width - fixed - sum(free.values()))
    return {col: n + int(extra * _SHARES.get(col, 0)) for col, n in free.items()}


def _fits(table: Any, width: int) -> bool:
    """Whether a table shows whole at this width: rich cuts off the right of a table whose
    columns cannot shrink to fit (their minimum widths and longest words), so its top right
    corner is lost."""
    from rich.console import Console

    probe = Console(file=io.StringIO(), width=width, soft_wrap=False, color_system=None)
    probe.print(table)
    top = next((line.rstrip() for line in probe.file.getvalue().splitlines() if line.startswith("\u250f")), "")
    return top.endswith("\u2513")


def _widest_least() -> dict[str, int]:
    """Least widths that keep every heading, type and status whole, whatever the article."""
    return {col: max(len(col), _widest().get(col, 0)) for col, _ in TABLE_COLUMNS}


@functools.cache
def _widest() -> dict[str, int]:
    """The widest word of the columns whose values are a few words: the output schema's types and statuses."""
    schema = json.loads((resources.files("extractor") / "schema.json").read_text(encoding="utf-8"))
    event = schema["$defs"]["event"]["properties"]
    return {k: max(len(v) for v in event[k]["enum"] if v) for k in ("type", "status")}


class TableRenderer(Renderer):
    """A rich table per article: type, status, participants, place, when, hedges."""

    def start(self) -> None:
        from rich.console import Console

        self.console = Console(file=self.out, soft_wrap=False)
        self.n_docs = self.n_events = 0

    def write(self, result: DocResult) -> None:
        self.n_docs += 1
        self.n_events += len(result.events)
        published = result.published.isoformat() if result.published else "no date"
        doc_id = markup(result.doc_id)  # ids, paths and article words are text, never markup
        if not result.events:
            self.console.print(f"[bold]{doc_id}[/bold] [dim]({published}) no diplomatic events[/dim]")
            return
        # a heading, a type or a status is never broken where the terminal leaves room (an
        # 80-column terminal folded "participants" and "conference" in two); rich cuts off the
        # right of a table whose columns cannot shrink that far, so where long words leave too
        # little room the other columns get a share of what is left each (and fold their words),
        # and in a very narrow terminal every column folds
        width = self.console.width
        rows = [self._cells(ev) for ev in result.events]
        # where the widest type and status of any article leave too little room, every heading
        # and every word of the article's own cells whole ("Singapore"; "sources said" wrapped
        # between its words), with the room left shared out
        words = {col: max([len(col)] + [len(w) for row in rows for w in row[k].split()])
                 for k, (col, _) in enumerate(TABLE_COLUMNS)}
        tiers = [(_widest_least(), None), (words, _shares(width, words)), (_widest_least(), _shares(width)), (None, None)]
        for least, caps in tiers:
            table = self._table(rows, doc_id, published, result.source, least, caps)
            if _fits(table, width):
                break
        self.console.print(table)

    @staticmethod
    def _cells(ev: Event) -> list[str]:
        """The plain text of an event's row, one string a column (participants one a line)."""
        place = ev.location.name if ev.location else ""
        if ev.location and ev.location.country:
            place += f" ({ev.location.country})"
        # (an interval's two days may go on two lines: "2018-11-05 .. 2018-11-11")
        return [ev.id.rsplit("-", 1)[-1], ev.type, ev.status, "\n".join(_participant_text(p) for p in ev.participants),
                place, when_text(ev, spaced=True), ", ".join(ev.hedges)]

    @staticmethod
    def _table(rows: list[list[str]], doc_id: str, published: str, source: str,
               least: dict[str, int] | None, caps: dict[str, int] | None) -> Any:
        from rich.table import Table

        table = Table(title=f"{doc_id}  [dim]{published}  {markup(source)}[/dim]", title_justify="left",
                      show_lines=True, expand=False)
        for col, style in TABLE_COLUMNS:
            table.add_column(col, style=style or None, overflow="fold", min_width=(least or {}).get(col),
                             max_width=(caps or {}).get(col))
        for row in rows:
            table.add_row(*(markup(c) if c or k != 3 else "[dim]-[/dim]" for k, c in enumerate(row)))
        return table

    def end(self) -> None:
        self.console.print(f"[dim]{self.n_events} events in {self.n_docs} articles[/dim]")


ENCOUNTER_COLUMNS = [
    "encounter_id", "type", "status", "participants", "countries", "location", "date", "event_ids", "n_events",
    "n_articles", "n_sources", "first_reported", "last_reported", "status_history",
]


class EncounterRenderer(Renderer):
    """``--link``: keeps the results, and at the end prints one record per encounter (``link.link``)."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        super().__init__(out)
        self.fmt = fmt
        self.results: list[DocResult] = []

    def write(self, result: DocResult) -> None:
        self.results.append(result)

    def end(self) -> None:
        from .link import link

        encounters = link(self.results)
        if self.fmt == "json":
            self.out.write("[" + ",\n".join(json.dumps(enc, ensure_ascii=False) for enc in encounters) + "]\n")
        elif self.fmt == "jsonl":
            for enc in encounters:
                self.out.write(json.dumps(enc, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            writer = csv.writer(self.out)
            writer.writerow(ENCOUNTER_COLUMNS)
            for enc in encounters:
                writer.writerow([csv_cell(_json_cell(enc[c]) if isinstance(enc[c], (list, dict)) else
                                          "" if enc[c] is None else enc[c]) for c in ENCOUNTER_COLUMNS])
        else:
            self._table(encounters)
        self.out.flush()

    def _table(self, encounters: list[dict[str, Any]]) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="encounters", title_justify="left", show_lines=True, expand=False)
        for col in ("type", "status", "participants", "place", "when", "articles", "reported", "status over time"):
            table.add_column(col, overflow="fold")
        for enc in encounters:
            date = enc["date"] or {}
            when = date.get("start") or ""
            if date.get("end") and date.get("end") != when:
                when += f"..{date['end']}"
            history = ", ".join(f"{h['status']} ({h['reported']})" for h in enc["status_history"])
            table.add_row(enc["type"], enc["status"], markup("\n".join(enc["participants"])),
                          markup((enc["location"] or {}).get("name") or ""), when, str(enc["n_articles"]),
                          f"{enc['first_reported'] or '?'}..{enc['last_reported'] or '?'}", markup(history))
        console = Console(file=self.out, soft_wrap=False)
        console.print(table)
        console.print(f"[dim]{len(encounters)} encounters from {sum(len(r.events) for r in self.results)} events "
                      f"in {len(self.results)} articles[/dim]")


RENDERERS: dict[str, type[Renderer]] = {
    "table": TableRenderer, "json": JSONRenderer, "jsonl": JSONLRenderer, "csv": CSVRenderer,
}


def make_renderer(fmt: str, out: IO[str], with_dates: bool = False, link: bool = False) -> Renderer:
    """The renderer for ``fmt`` (one of ``FORMATS``) writing to ``out``; with ``link``, of encounters."""
    if link:
        return EncounterRenderer(out, fmt)
    if fmt == "ics":
        from .ics import ICSRenderer

        return ICSRenderer(out, with_dates)
    if fmt == "geojson":
        from .geojson import GeoJSONRenderer

        return GeoJSONRenderer(out, with_dates)
    if fmt == "html":
        from .html_report import HTMLRenderer

        return HTMLRenderer(out, with_dates)
    return RENDERERS[fmt](out, with_dates)
