"""Renderers show untrusted text as text: no rich markup, no terminal escapes, no spreadsheet formulas."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from extractor.records import DocResult, Event, Evidence, Participant, Place, When
from extractor.render import make_renderer
from extractor.safe import csv_cell, markup, printable

HOSTILE_ID = "notes[/bold] [/dim]\x1b[2J\x07"


def _result() -> DocResult:
    ev = Event(id="E1", type="meeting", status="occurred", trigger="met",
               participants=[Participant("=HYPERLINK(\"x\")", "[red]Minister", "PER"),
                             Participant("@SUM(A1)"), Participant("-2+3")],
               location=Place("+Lima\x1b]0;title\x07", "PER"),
               evidence=[Evidence("=1+1 \x1b[31mred", 0, 10)])
    return DocResult(doc_id=HOSTILE_ID, source="/in/[/bold]/a.txt", published=None, events=[ev])


def _render(fmt: str, result: DocResult) -> str:
    out = io.StringIO()
    r = make_renderer(fmt, out)
    r.start()
    r.write(result)
    r.end()
    return out.getvalue()


def test_table_shows_markup_and_escapes_from_articles_as_plain_text() -> None:
    for res in (_result(), DocResult(doc_id=HOSTILE_ID, source="x", published=None)):  # with and without events
        text = _render("table", res)
        assert "\x1b" not in text and "\x07" not in text
        assert "[/bold]" in text and "\\x1b" in text


def test_csv_cells_from_articles_are_never_formulas_or_escapes() -> None:
    rows = list(csv.reader(io.StringIO(_render("csv", _result()))))
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert not any("\x1b" in c or "\x07" in c for c in cells)
    header = rows[0]
    row = dict(zip(header, rows[1]))
    assert json.loads(row["participants"])[0]["name"] == "=HYPERLINK(\"x\")"  # inside a JSON array: text
    assert row["location"] == "'+Lima\\x1b]0;title\\x07"
    assert row["evidence"].startswith("[") and "\x1b" not in row["evidence"]
    assert json.loads(row["evidence"])[0]["start_char"] == 0  # every sentence, with its offsets


def test_safe_helpers() -> None:
    assert printable("a\x1b[2Jb\tc\nd") == "a\\x1b[2Jb\tc\nd"
    assert printable("a\tb\nc", newlines=False) == "a\\tb\\nc"
    assert printable("C1 \x9b control") == "C1 \\x9b control"
    assert markup("[bold]x[/bold]") == "\\[bold]x\\[/bold]"
    assert csv_cell("=1+2") == "'=1+2" and csv_cell("Lima") == "Lima" and csv_cell(7) == 7


def test_error_lines_write_control_characters_out(tmp_path) -> None:
    from extractor.run import RunOptions, run

    bad = tmp_path / "odd\x1b[2Jname.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out, err = io.StringIO(), io.StringIO()
    summary = run([str(tmp_path)], RunOptions(fmt="jsonl"), out=out, err=err)
    assert summary.failed == 1
    assert "\x1b" not in err.getvalue() and "odd\\x1b[2Jname.txt" in err.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_off_the_screen_while_a_table_is_printed(tmp_path, monkeypatch) -> None:
    from extractor import run as run_mod
    from extractor.render import TableRenderer

    for i in range(3):
        (tmp_path / f"bad{i}.txt").write_bytes(b"\x00binary")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    live_during_write = []
    real_write = TableRenderer.write

    def write(self, res):
        live_during_write.append(run_mod._LAST_PROGRESS.progress.live.is_started)
        real_write(self, res)
    real_init = run_mod._Progress.__init__

    def init(self, *a, **k):
        real_init(self, *a, **k)
        run_mod._LAST_PROGRESS = self
    monkeypatch.setattr(TableRenderer, "write", write)
    monkeypatch.setattr(run_mod._Progress, "__init__", init)
    run_mod.run([str(tmp_path)], run_mod.RunOptions(fmt="table"), out=_Terminal(), err=_Terminal())
    assert live_during_write == [False]  # the one readable article, written with the bar down


def test_no_heading_type_or_status_is_broken_in_an_80_column_terminal(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    ev = Event(id="E1", type="conference", status="postponed", trigger="met",
               participants=[Participant("Ana Maria Ruiz de la Fuente", "Minister of Foreign Affairs", "PER"),
                             Participant("Kenji Mori", "Deputy Minister for Foreign Affairs", "JPN")],
               location=Place("Palacio de Gobierno, Lima", "PER"), hedges=["sources said", "expected"],
               date=When("the second half of next month", dt.date(2020, 4, 16), dt.date(2020, 4, 30), "month"),
               evidence=[Evidence("Ana Ruiz met Kenji Mori in Lima.", 0, 31)])
    text = _render("table", DocResult(doc_id="a", source="a.txt", published=None, events=[ev]))
    assert max(len(line) for line in text.splitlines()) <= 80
    for word in ("participants", "hedges", "conference", "postponed"):
        assert word in text, word


def test_a_crowded_table_folds_its_words_rather_than_lose_its_right_columns(monkeypatch) -> None:
    # long words everywhere: whole types and statuses no longer fit in 80 columns beside them, and
    # rich would cut the table's right side off (the hedges) rather than break them
    monkeypatch.setenv("COLUMNS", "80")
    ev = Event(id="E1", type="conference", status="cancelled", trigger="summit",
               participants=[Participant("Intergovernmental Authority on Development"),
                             Participant("Ana Ruiz", "Plenipotentiary Representative", "PER")],
               location=Place("Washington, DC", "USA"), hedges=["reportedly"],
               date=When("this week", dt.date(2024, 7, 22), dt.date(2024, 7, 28), "week"),
               evidence=[Evidence("Ana Ruiz met the envoys.", 0, 24)])
    text = _render("table", DocResult(doc_id="a", source="a.txt", published=None, events=[ev]))
    lines = text.splitlines()
    table = lines[lines.index(next(line for line in lines if line.startswith("\u250f"))):-1]
    assert all(line.rstrip()[-1] in "\u2513\u2503\u2529\u2502\u2524\u2518" for line in table), text
    assert "hedges" in table[1] and "report" in text
    assert max(len(line) for line in lines) <= 80
    # where there is room, the two days of the interval stand on one line
    monkeypatch.setenv("COLUMNS", "160")
    wide = _render("table", DocResult(doc_id="a", source="a.txt", published=None, events=[ev]))
    assert "2024-07-22 .. 2024-07-28 (this week)" in wide and "conference" in wide


def test_words_of_a_crowded_table_break_only_between_words_when_they_can(monkeypatch) -> None:
    # in 80 columns the widest type and status of any article leave too little room, but this
    # article's own shorter ones leave enough for every word to stand whole
    monkeypatch.setenv("COLUMNS", "80")
    ev = Event(id="E1", type="meeting", status="planned", trigger="meet",
               participants=[Participant("Ana Ruiz", "Secretary of State of the Republic", "PER"),
                             Participant("Kenji Mori", "Deputy Minister for Foreign Affairs", "JPN")],
               location=Place("Singapore", "SGP"), hedges=["likely", "sources said", "potential"],
               date=When("around June 9", dt.date(2020, 6, 9), dt.date(2020, 6, 9), "day"),
               evidence=[Evidence("Ana Ruiz will meet Kenji Mori.", 0, 30)])
    text = _render("table", DocResult(doc_id="a", source="a.txt", published=None, events=[ev]))
    assert max(len(line) for line in text.splitlines()) <= 80
    for word in ("Singapore", "potential", "Secretary", "2020-06-09"):
        assert word in text, text  # a folded word stands on two lines
