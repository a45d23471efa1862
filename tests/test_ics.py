"""--format ics: the planned and ongoing events as an iCalendar file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

icalendar = pytest.importorskip("icalendar")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args: str):
    from typer.testing import CliRunner

    from extractor.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_the_seed_gives_its_planned_meeting_as_a_calendar_entry() -> None:
    res = run(str(SEEDS), "--format", "ics")
    assert res.exit_code == 0, res.stderr
    cal = icalendar.Calendar.from_ical(res.stdout)
    entries = [c for c in cal.walk("VEVENT")]
    assert entries and all("planned" in str(c.get("categories").to_ical()) or
                           "ongoing" in str(c.get("categories").to_ical()) for c in entries)
    (meeting,) = [c for c in entries if "Pompeo" in str(c["summary"]) and "Kim Yong-chol" in str(c["summary"])]
    assert meeting.decoded("dtstart") == dt.date(2018, 11, 9)
    assert meeting.decoded("dtend") == dt.date(2018, 11, 10)  # all day, the end exclusive
    assert str(meeting["location"]) == "New York" and "likely" in str(meeting["description"])
    # the same run gives the same file: ids and stamps are stable, so a re-import updates
    assert run(str(SEEDS), "--format", "ics").stdout == res.stdout


def test_events_already_held_stay_out_and_summaries_read_well(tmp_path: Path) -> None:
    from extractor.ics import summary
    from extractor.records import Event, Participant, Place

    ev = Event(id="x-E1", type="talks", status="planned", trigger="t",
               participants=[Participant("Ana Ruiz"), Participant("Kenji Mori")], location=Place("Lima", "PER"))
    assert summary(ev) == "Ana Ruiz – Kenji Mori talks, Lima"
    f = tmp_path / "a.txt"
    f.write_text("Foreign Minister Ana Ruiz of Peru met Japanese Foreign Minister Kenji Mori in Lima on Monday.",
                 encoding="utf-8")
    res = run(str(f), "--format", "ics", "--ref-date", "2020-03-04")
    assert res.exit_code == 0 and not icalendar.Calendar.from_ical(res.stdout).walk("VEVENT")
    assert run(str(f), "--format", "ics", "--link").exit_code == 2


def test_without_the_views_extra_the_message_says_what_to_install(monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if it were not installed
    res = run(str(SEEDS), "--format", "ics")
    assert res.exit_code == 2 and 'pip install "extractor[views]"' in res.stderr
