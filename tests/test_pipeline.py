"""Segmenting and batching in the pipeline, without the spaCy model."""
from __future__ import annotations

from extractor.pipeline import chunk_segments, split_text
from extractor.readers import ReadError
from extractor.records import Article


def test_split_text_keeps_offsets_and_cuts_at_breaks() -> None:
    text = ("para one is here.\n\n" * 50) + "tail"
    pieces = split_text(text, limit=200)
    assert "".join(p for _, p in pieces) == text
    for off, piece in pieces:
        assert text[off:off + len(piece)] == piece
        assert len(piece) <= 200
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])


def test_split_text_without_breaks_still_bounded() -> None:
    text = "x" * 1050
    pieces = split_text(text, limit=100)
    assert "".join(p for _, p in pieces) == text and max(len(p) for _, p in pieces) <= 100


def test_chunks_bound_documents_and_characters_and_keep_order() -> None:
    arts = [Article(f"d{i}", "word " * (i * 10), "src") for i in range(30)]
    items = arts[:10] + [ReadError("bad.txt", "binary file")] + arts[10:]
    chunks = list(chunk_segments(items, max_docs=4, max_chars=600))
    flat = [it for c, _ in chunks for it in c]
    assert flat == items
    for its, segs in chunks:
        assert len(segs) <= 4 or len(its) == 1
        assert sum(len(s[2]) for s in segs) <= 600 or len([i for i in its if isinstance(i, Article)]) == 1
        for idx, off, piece in segs:
            assert its[idx].text[off:off + len(piece)] == piece
