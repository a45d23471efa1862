"""Linking the events of different articles that are one real-world encounter."""
from __future__ import annotations

import datetime as dt
import json

from extractor import link
from extractor.records import DocResult, Event, Participant, Place, When

D = dt.date


def doc(doc_id: str, published: D, *events: Event, url: str | None = None) -> DocResult:
    return DocResult(doc_id=doc_id, source=f"{doc_id}.txt", published=published, events=list(events), url=url)


def ev(eid: str, etype: str, status: str, people: list[str], day: D | None = None, place: str | None = None,
       country: str | None = None, countries: list[str] | None = None) -> Event:
    return Event(id=eid, type=etype, status=status, trigger="t", participants=[Participant(n) for n in people],
                 countries=countries or [], location=Place(place, country) if place else None,
                 date=When("d", day, day, "day") if day else None)


def groups(encounters: list[dict]) -> list[set[str]]:
    return sorted((set(e["event_ids"]) for e in encounters), key=lambda s: sorted(s))


def test_a_meeting_announced_then_held_is_one_encounter_with_its_status_over_time() -> None:
    docs = [doc("a", D(2020, 3, 2), ev("a-E1", "meeting", "planned", ["Ana Ruiz", "Kenji Mori"], place="Lima",
                                       country="PER"), url="https://one.example/a"),
            doc("b", D(2020, 3, 6), ev("b-E1", "talks", "occurred", ["Kenji Mori", "Ana Ruiz"], D(2020, 3, 5)),
                url="https://two.example/b"),
            doc("c", D(2020, 3, 7), ev("c-E1", "meeting", "occurred", ["Ruiz", "Mori"], D(2020, 3, 5), "Lima", "PER"),
                url="https://one.example/c")]
    (enc,) = link.link(docs)
    assert enc["event_ids"] == ["a-E1", "b-E1", "c-E1"]
    assert (enc["n_articles"], enc["n_sources"]) == (3, 2)
    assert (enc["first_reported"], enc["last_reported"]) == ("2020-03-02", "2020-03-07")
    assert [(h["reported"], h["status"]) for h in enc["status_history"]] == [("2020-03-02", "planned"),
                                                                              ("2020-03-06", "occurred")]
    assert enc["status"] == "occurred" and enc["participants"] == ["Kenji Mori", "Ana Ruiz"] or \
        set(enc["participants"]) == {"Ana Ruiz", "Kenji Mori"}
    assert enc["date"]["start"] == "2020-03-05" and enc["encounter_id"].startswith("enc-")


def test_two_rounds_a_shared_person_and_clashing_places_stay_apart() -> None:
    docs = [doc("a", D(2020, 3, 6), ev("a-E1", "talks", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 3, 5))),
            doc("b", D(2020, 4, 9), ev("b-E1", "talks", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 4, 8))),
            doc("c", D(2020, 3, 6), ev("c-E1", "talks", "occurred", ["Ana Ruiz", "Lars Lund"], D(2020, 3, 5))),
            doc("d", D(2020, 3, 6), ev("d-E1", "meeting", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 3, 5),
                                       "Oslo", "NOR")),
            doc("e", D(2020, 3, 7), ev("e-E1", "meeting", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 3, 5),
                                       "Quito", "ECU"))]
    found = groups(link.link(docs))
    assert not any({"a-E1", "b-E1"} <= g or {"a-E1", "c-E1"} <= g for g in found)
    reports = {e.id: link.Report(e, d) for d in docs for e in d.events}
    assert not link.same_encounter(reports["d-E1"], reports["e-E1"])  # one day, two states: two meetings
    assert link.same_encounter(reports["a-E1"], reports["d-E1"])  # (a report naming no place joins either)


def test_an_undated_report_links_only_near_its_own_report() -> None:
    held = doc("a", D(2020, 3, 6), ev("a-E1", "meeting", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 3, 5)))
    soon = doc("b", D(2020, 2, 20), ev("b-E1", "meeting", "planned", ["Ana Ruiz", "Kenji Mori"]))
    long_before = doc("c", D(2019, 6, 1), ev("c-E1", "meeting", "planned", ["Ana Ruiz", "Kenji Mori"]))
    found = groups(link.link([held, soon, long_before]))
    assert {"a-E1", "b-E1"} in found and {"c-E1"} in found



def test_a_date_that_contradicts_the_status_counts_as_no_date() -> None:
    # a plan dated before its own report took the day of another clause ("said last week ... the
    # coming meeting"); an encounter told as done but dated after its report, likewise
    held = doc("a", D(2020, 3, 6), ev("a-E1", "meeting", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 3, 5)))
    plan = doc("b", D(2020, 2, 20), ev("b-E1", "meeting", "planned", ["Ana Ruiz", "Kenji Mori"], D(2020, 2, 12)))
    done = doc("c", D(2020, 3, 8), ev("c-E1", "meeting", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 9, 1)))
    (enc,) = link.link([held, plan, done])
    assert enc["event_ids"] == ["b-E1", "a-E1", "c-E1"] and enc["date"]["start"] == "2020-03-05"
    # a plan dated after its report keeps its date, and a different one stays apart
    later = doc("d", D(2020, 2, 20), ev("d-E1", "meeting", "planned", ["Ana Ruiz", "Kenji Mori"], D(2020, 5, 2)))
    assert {"d-E1"} in groups(link.link([held, later]))

def test_events_of_states_alone_link_on_the_same_states() -> None:
    a = doc("a", D(2020, 3, 6), ev("a-E1", "talks", "occurred", [], D(2020, 3, 5), countries=["PER", "CHL"]))
    b = doc("b", D(2020, 3, 6), ev("b-E1", "talks", "occurred", [], D(2020, 3, 5), countries=["CHL", "PER"]))
    c = doc("c", D(2020, 3, 6), ev("c-E1", "talks", "occurred", [], D(2020, 3, 5), countries=["CHL", "ARG"]))
    assert groups(link.link([a, b, c])) == [{"a-E1", "b-E1"}, {"c-E1"}]


def test_a_chain_of_near_matches_does_not_join_two_stops_of_a_tour() -> None:
    # an undated report of the whole trip matches each stop; the stops (two states) must stay apart
    trip = doc("t", D(2020, 5, 1), ev("t-E1", "visit", "planned", ["Ana Ruiz"], place="Asia"))
    first = doc("a", D(2020, 5, 4), ev("a-E1", "visit", "occurred", ["Ana Ruiz"], D(2020, 5, 3), "Hanoi", "VNM"))
    second = doc("b", D(2020, 5, 7), ev("b-E1", "visit", "occurred", ["Ana Ruiz"], D(2020, 5, 6), "Manila", "PHL"))
    found = groups(link.link([trip, first, second]))
    assert not any({"a-E1", "b-E1"} <= g for g in found)


def test_a_report_dated_only_to_a_part_of_a_month_does_not_split_an_encounter() -> None:
    # one report puts the talks in "early May" (ten days), the others on May 20: still one encounter
    early = ev("a-E1", "talks", "planned", ["Ana Ruiz", "Kenji Mori"], place="Lima", country="PER")
    early.date = When("early May", D(2020, 5, 1), D(2020, 5, 10), "month")
    docs = [doc("a", D(2020, 4, 28), early),
            doc("b", D(2020, 5, 3), ev("b-E1", "talks", "planned", ["Ana Ruiz", "Kenji Mori"], place="Lima",
                                       country="PER")),
            doc("c", D(2020, 5, 21), ev("c-E1", "talks", "occurred", ["Ana Ruiz", "Kenji Mori"], D(2020, 5, 20),
                                       "Lima", "PER"))]
    assert groups(link.link(docs)) == [{"a-E1", "b-E1", "c-E1"}]
    # reports dated to the day three weeks apart stay two encounters, whatever links them
    docs[0].events[0].date = When("May 1", D(2020, 5, 1), D(2020, 5, 1), "day")
    assert len(link.link(docs)) == 2


def test_visits_of_one_traveller_to_one_state_link_whoever_else_is_named() -> None:
    a = ev("a-E1", "visit", "planned", ["Ana Ruiz", "Kenji Mori"], D(2020, 5, 6), "Tokyo", "JPN")
    b = ev("b-E1", "visit", "occurred", ["Ana Ruiz", "Lars Lund"], D(2020, 5, 6), "Japan", "JPN")
    c = ev("c-E1", "visit", "occurred", ["Kenji Mori", "Eva Berg"], D(2020, 5, 6), "Japan", "JPN")
    for e, role in ((a, ["visitor", "host"]), (b, ["visitor", "visitor"]), (c, ["host", "visitor"])):
        for p, r in zip(e.participants, role):
            p.role = r
    found = groups(link.link([doc("a", D(2020, 5, 1), a), doc("b", D(2020, 5, 7), b), doc("c", D(2020, 5, 7), c)]))
    assert {"a-E1", "b-E1"} in found  # Ruiz travelled both times
    assert not any("c-E1" in g and len(g) > 1 for g in found)  # Mori is the host in one: hosts receive many


def test_one_summit_links_whichever_guests_each_report_names() -> None:
    a = doc("a", D(2020, 9, 2), ev("a-E1", "summit", "planned", ["Ana Ruiz"], D(2020, 9, 8), "Lima", "PER"))
    b = doc("b", D(2020, 9, 9), ev("b-E1", "summit", "occurred", ["Kenji Mori"], D(2020, 9, 8), countries=["PER", "JPN"]))
    other_day = doc("c", D(2020, 9, 30), ev("c-E1", "summit", "occurred", ["Lars Lund"], D(2020, 9, 29), "Lima", "PER"))
    elsewhere = doc("d", D(2020, 9, 9), ev("d-E1", "summit", "occurred", ["Lars Lund"], D(2020, 9, 8), "Quito", "ECU"))
    found = groups(link.link([a, b, other_day, elsewhere]))
    assert {"a-E1", "b-E1"} in found and {"c-E1"} in found and {"d-E1"} in found


def test_the_link_option_prints_encounters(tmp_path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    text = "Foreign Minister Ana Ruiz of Peru met Japanese Foreign Minister Kenji Mori in Lima on Thursday."
    src = tmp_path / "n.jsonl"
    src.write_text("".join(json.dumps({"id": f"s{i}", "text": text, "published": f"2020-03-0{6 + i}",
                                       "url": f"https://o{i}.example/x"}) + "\n" for i in range(2)), encoding="utf-8")
    res = CliRunner().invoke(app, [str(src), "--link", "--format", "jsonl"], catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    (enc,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert enc["n_articles"] == 2 and enc["n_sources"] == 2 and len(enc["event_ids"]) == 2
