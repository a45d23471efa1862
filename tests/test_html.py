"""--format html: a self-contained report, with the article text marked and escaped."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args: str):
    from typer.testing import CliRunner

    from extractor.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


def test_the_seed_report_marks_the_article_and_draws_a_timeline() -> None:
    res = run(str(SEEDS), "--format", "html")
    assert res.exit_code == 0, res.stderr
    page = _parse(res.stdout)
    marks = [a for t, a in page.tags if t == "mark"]
    assert len(marks) >= 10  # triggers, participants, places and dates of the six events
    bars = [a for t, a in page.tags if t == "span" and a.get("class") == "bar"]
    cards = [a for t, a in page.tags if t == "div" and a.get("class") == "card"]
    assert bars and len(cards) == 6
    assert {a["id"] for a in cards} >= {a["href"][1:] for t, a in page.tags if t == "a" and "label" in a.get("class", "")}
    assert {a.get("id") for t, a in page.tags if t == "select"} == {"f-type", "f-status", "f-country"}
    assert "http" not in res.stdout  # nothing to fetch: it works offline
    assert "Mike Pompeo" in "".join(page.text)


def test_nothing_from_an_article_runs_in_the_report(tmp_path: Path) -> None:
    text = ("Foreign Minister Ana Ruiz of Peru met Japanese Foreign Minister Kenji Mori in Lima on Monday. "
            "<script>alert('x')</script> <img src=x onerror=alert(1)>")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "<b onmouseover=alert(2)>id</b>", "text": text, "published": "2020-03-04",
                               "title": "</title><script>alert(3)</script>"}) + "\n", encoding="utf-8")
    res = run(str(src), "--format", "html")
    assert res.exit_code == 0, res.stderr
    page = _parse(res.stdout)
    assert page.scripts == 1  # the report's own filter script only
    assert not any(t == "img" for t, _ in page.tags)
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    assert "<script>alert('x')</script>" in "".join(page.text)  # shown as text
