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


def _work(args: tuple[Chunk, str]) -> list[DocResult | ReadError]:
    from .pipeline import process_chunk

    chunk, model = args
    return process_chunk(chunk, model)


def run_pool(chunks: Iterable[Chunk], model: str, jobs: int) -> Iterator[list[DocResult | ReadError]]:
    """Process chunks on ``jobs`` worker processes, at most ``2 * jobs`` chunks in flight.

    Results come back in input order; the bounded window keeps memory flat
    however long the input is, and the first results appear early.
    """
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        window: deque = deque()
        for chunk in chunks:
            window.append(pool.apply_async(_work, ((chunk, model),)))
            if len(window) >= 2 * jobs:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()
