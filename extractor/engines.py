"""Runners that spread chunks of articles over processes; plain records in and out.

Every runner calls ``pipeline.process_chunk`` on chunks made by
``pipeline.chunk_segments`` and yields the results in input order, so the
output is the same whatever runs it.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .readers import ReadError
from .records import Article, DocResult

Chunk = Any  # pipeline.chunk_segments' item: (items, segments)


def _init_worker(model: str) -> None:
    from .pipeline import load_nlp

    load_nlp(model)  # once per worker process


def _work(args: tuple[Chunk, str, bool]) -> list[DocResult | ReadError]:
    from .pipeline import process_chunk

    chunk, model, parse_all = args
    return process_chunk(chunk, model, parse_all)


WORKER_DIED = ("a worker process died while processing this article (killed, or out of memory); "
               "run it again, alone or with --jobs 1")


def run_pool(chunks: Iterable[Chunk], model: str, jobs: int, parse_all: bool = True
             ) -> Iterator[list[DocResult | ReadError]]:
    """Process chunks on ``jobs`` worker processes, at most ``2 * jobs`` chunks in flight.

    Results come back in input order; the bounded window keeps memory flat
    however long the input is, and the first results appear early. Chunks with
    nothing to parse pass through without a worker, and the pool (and the
    model) is only started when some chunk needs it.

    A worker that dies (kill -9, the OOM killer) breaks the pool: a new one is
    started and the chunks that were in flight run again, one at a time, so the
    chunk that kills its worker a second time is known. Its articles come back
    as failed results; every other result is kept, marked ``rerun``.
    """
    from .pipeline import load_nlp

    pool: _Pool | None = None
    window: deque[list] = deque()  # [chunk, future] in input order (chunk None: nothing to parse)
    try:
        for chunk in chunks:
            items, segments = chunk
            if not segments:
                window.append([None, _Done(items)])
            else:
                if pool is None:
                    # loaded before forking: workers inherit the pipeline instead of loading it
                    load_nlp(model)
                    pool = _Pool(jobs, model, parse_all)
                window.append([chunk, pool.submit(chunk)])
            while window and (len(window) > 2 * jobs or window[0][1].done()):
                yield _result(window, pool)
        while window:
            yield _result(window, pool)
    finally:
        if pool is not None:
            pool.close()


def _result(window: deque[list], pool: _Pool | None) -> list[DocResult | ReadError]:
    """The results of the window's head (waiting for them), recovering first from a dead worker."""
    try:
        window[0][1].result()
    except BrokenProcessPool:
        assert pool is not None
        _recover(window, pool)
    return window.popleft()[1].result()


def _broken(fut: Future) -> bool:
    return isinstance(fut.exception(), BrokenProcessPool)


def _recover(window: deque, pool: _Pool) -> None:
    """After a worker died: run each chunk that was in flight again, alone, in a fresh pool."""
    for entry in window:
        fut = entry[1]
        if fut.done() and not _broken(fut):
            continue  # finished before the pool broke
        pool.restart()
        try:
            results = pool.submit(entry[0]).result()
            for res in results:
                if isinstance(res, DocResult):
                    res.rerun = True
            entry[1] = _Done(results)
        except BrokenProcessPool:
            entry[1] = _Done(_failed(entry[0]))
    pool.restart()


class _Done(Future):
    """A finished future holding results (so a recovered entry reads like any other)."""

    def __init__(self, value: list[DocResult | ReadError]) -> None:
        super().__init__()
        self.set_result(value)


def _failed(chunk: Chunk) -> list[DocResult | ReadError]:
    items, _segments = chunk
    return [DocResult(doc_id=it.doc_id, source=it.source, published=it.published, line=it.line, error=WORKER_DIED,
                      title=it.title, url=it.url)
            if isinstance(it, Article) else it for it in items]


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, jobs: int, model: str, parse_all: bool) -> None:
        self.jobs, self.model, self.parse_all = jobs, model, parse_all
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        return ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker, initargs=(self.model,))

    def submit(self, chunk: Chunk) -> Future:
        return self.executor.submit(_work, (chunk, self.model, self.parse_all))

    def restart(self) -> None:
        self.close()
        self.executor = self._start()

    def close(self) -> None:
        # a broken pool's processes may be gone already; never wait on them
        for proc in list(getattr(self.executor, "_processes", {}).values()):
            if proc.is_alive():
                proc.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)
