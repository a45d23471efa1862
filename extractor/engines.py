"""Runners that spread chunks of articles over processes; plain records in and out.

Every runner calls ``pipeline.process_chunk`` on chunks made by
``pipeline.chunk_segments`` and yields the results in input order, so the
output is the same whatever runs it.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .records import DocResult
from .readers import ReadError

Chunk = Any  # pipeline.chunk_segments' item: (items, segments)


def _init_worker(model: str) -> None:
    from .pipeline import load_nlp

    load_nlp(model)  # once per worker process


def _work(args: tuple[Chunk, str, bool]) -> list[DocResult | ReadError]:
    from .pipeline import process_chunk

    chunk, model, parse_all = args
    return process_chunk(chunk, model, parse_all)


def run_pool(chunks: Iterable[Chunk], model: str, jobs: int, parse_all: bool = True
             ) -> Iterator[list[DocResult | ReadError]]:
    """Process chunks on ``jobs`` worker processes, at most ``2 * jobs`` chunks in flight.

    Results come back in input order; the bounded window keeps memory flat
    however long the input is, and the first results appear early. Chunks with
    nothing to parse pass through without a worker, and the pool (and the
    model) is only started when some chunk needs it.
    """
    from .pipeline import load_nlp

    pool = None
    window: deque = deque()
    try:
        for chunk in chunks:
            items, segments = chunk
            if not segments:
                window.append(items)
            else:
                if pool is None:
                    # loaded before forking: workers inherit the pipeline instead of loading it
                    load_nlp(model)
                    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
                    pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(model,))
                window.append(pool.apply_async(_work, ((chunk, model, parse_all),)))
            while len(window) > 2 * jobs or (window and isinstance(window[0], list)):
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _result(entry: Any) -> list[DocResult | ReadError]:
    return entry if isinstance(entry, list) else entry.get()
