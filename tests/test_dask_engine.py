"""The Dask engine: same records, same order as one process; only plain records cross processes."""
from __future__ import annotations

import datetime as dt
import pickle
import sys
from collections.abc import Iterable, Iterator

import pytest

distributed = pytest.importorskip("distributed")

from extractor.dask_engine import MISSING_DEPENDENCIES, DaskEngineError, run_dask  # noqa: E402
from extractor.pipeline import DEFAULT_MODEL, ModelError, chunk_segments, process_articles  # noqa: E402
from extractor.readers import ReadError  # noqa: E402
from extractor.records import Article, DocResult  # noqa: E402

PUBLISHED = dt.date(2024, 3, 1)
TEXTS = [
    "Foreign Minister Anna Berg of Sweden will meet her Finnish counterpart Pekka Lahti in Oslo next week.",
    "President Maria Costa of Portugal arrived in Madrid on Tuesday for a two-day state visit.",
    "The weather in the valley stayed dry for most of the week, farmers said.",
    "Prime Minister Jonas Weber held talks with Polish President Adam Nowak in Warsaw on Monday.\n\n"
    "The two leaders agreed to meet again in the spring.",
    "Chancellor Lena Vogel spoke by telephone with Japanese Prime Minister Ken Sato on Friday.",
    "Ministers from ten countries will gather in Geneva in June for a conference on water.",
]
BATCH = 1  # six chunks, more than the four in flight, so that order across workers is put to the test


def _items() -> list[Article | ReadError]:
    items: list[Article | ReadError] = [
        Article(f"doc{i}", text, f"test:{i}", published=PUBLISHED) for i, text in enumerate(TEXTS)
    ]
    items.insert(3, ReadError("broken.bin", "binary file, not text"))
    return items


def _recording(chunks: Iterable, sent: list) -> Iterator:
    for chunk in chunks:
        sent.append(chunk)
        yield chunk


def _as_dicts(results: Iterable[DocResult | ReadError]) -> list[dict]:
    return [r.to_dict(with_dates=True) if isinstance(r, DocResult) else {"error": str(r)} for r in results]


@pytest.fixture(scope="module")
def dask_run() -> tuple[list, list[list[DocResult | ReadError]]]:
    """One run of ``run_dask`` against a two-worker local cluster given by address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        sent: list = []
        chunks = _recording(chunk_segments(_items(), max_docs=BATCH), sent)
        # the window is 2 x 2 workers = 4 chunks, fewer than the 6 chunks sent
        results = list(run_dask(chunks, DEFAULT_MODEL, cluster.scheduler_address, jobs=1))
    return sent, results


@pytest.mark.slow
def test_dask_output_is_identical_to_one_process(dask_run: tuple) -> None:
    sent, results = dask_run
    expected = _as_dicts(process_articles(_items(), model=DEFAULT_MODEL, jobs=1, batch_size=BATCH))
    got = _as_dicts(r for chunk_results in results for r in chunk_results)
    assert len(sent) == len(results) > 4
    assert got == expected
    assert got[3] == {"error": "broken.bin: binary file, not text"}
    assert any(d.get("events") for d in got)  # the comparison is not between empty lists


@pytest.mark.slow
def test_only_plain_records_cross_processes(dask_run: tuple) -> None:
    sent, results = dask_run
    for payload in [*sent, *results]:
        data = pickle.dumps(payload)
        assert len(data) < 100_000
        # a pickled Doc, Span, Vocab or Language names its spaCy module
        assert b"spacy" not in data and b"thinc" not in data
    for chunk_results in results:
        assert all(type(r) in (DocResult, ReadError) for r in chunk_results)


@pytest.mark.slow
def test_local_cluster_when_no_scheduler_is_given() -> None:
    items = _items()[:3]
    results = [r for rs in run_dask(chunk_segments(items, max_docs=BATCH), DEFAULT_MODEL, None, jobs=2) for r in rs]
    assert [r.doc_id for r in results] == [it.doc_id for it in items]


@pytest.mark.slow
def test_bad_model_fails_at_the_first_chunk() -> None:
    sent: list = []
    with pytest.raises(ModelError, match="no_such_pipeline"):
        next(run_dask(_recording(chunk_segments(_items()), sent), "no_such_pipeline", None, jobs=1))
    assert len(sent) == 1


def test_unreachable_scheduler_says_how_to_start_one() -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(DaskEngineError, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:1'"):
            next(run_dask(chunk_segments(_items()), DEFAULT_MODEL, "tcp://127.0.0.1:1"))


def test_chunks_with_nothing_to_parse_need_no_cluster() -> None:
    stored = DocResult("kept", "store", PUBLISHED)
    items = [ReadError("a.bin", "binary file, not text"), stored, ReadError("b.bin", "binary file, not text")]
    # the scheduler address is never reached: nothing needs the pipeline
    results = [r for rs in run_dask(chunk_segments(items, max_docs=1), DEFAULT_MODEL, "tcp://127.0.0.1:1") for r in rs]
    assert results == items


def test_missing_dependencies_give_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(RuntimeError) as exc:
        next(run_dask(iter([]), DEFAULT_MODEL, None))
    assert str(exc.value) == MISSING_DEPENDENCIES
    assert MISSING_DEPENDENCIES == 'the dask engine needs the optional dependencies: pip install ".[dask]" in a checkout of extractor'
    assert isinstance(exc.value, DaskEngineError)
