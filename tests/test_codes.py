"""PLOVER and CAMEO codes and participant roles from an event's type, states, place and evidence."""
from __future__ import annotations

import json
from importlib import resources

from extractor import codes
from extractor.records import Event, Evidence, Participant, Place


def ev(etype: str, people: list[tuple[str, str | None]], countries: list[str], place: tuple[str, str] | None = None,
       evidence: str = "", title: str | None = None) -> Event:
    return codes.assign(Event(
        id="x-E1", type=etype, status="occurred", trigger="t",
        participants=[Participant(n, title, c) for n, c in people], countries=countries,
        location=Place(*place) if place else None, evidence=[Evidence(evidence, 0, len(evidence))]))


def test_a_call_is_consult_by_phone() -> None:
    e = ev("call", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN")], ["PER", "JPN"])
    assert (e.plover, e.plover_mode, e.cameo) == ("CONSULT", "phone", "041")
    assert [p.role for p in e.participants] == [None, None]
    # placed where one side is (a dateline), it is still hosted by nobody
    e = ev("call", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN")], ["PER", "JPN"], ("Lima", "PER"))
    assert [p.role for p in e.participants] == [None, None]


def test_a_visit_has_a_host_and_a_visitor() -> None:
    e = ev("visit", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN")], ["PER", "JPN"], ("Tokyo", "JPN"))
    assert (e.plover_mode, e.cameo) == ("visit", "042")
    assert [p.role for p in e.participants] == ["visitor", "host"]


def test_the_place_decides_between_host_third_party_and_multilateral() -> None:
    hosted = ev("meeting", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN")], ["PER", "JPN"], ("Lima", "PER"))
    assert (hosted.plover_mode, hosted.cameo) == ("host", "040")
    assert [p.role for p in hosted.participants] == ["host", "visitor"]
    third = ev("meeting", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN")], ["PER", "JPN"], ("Geneva", "CHE"))
    assert (third.plover_mode, third.cameo) == ("third-party", "044")
    assert [p.role for p in third.participants] == [None, None]
    talks = ev("talks", [("Ana Ruiz", "PER")], ["PER", "JPN", "CHL"], ("Lima", "PER"))
    assert (talks.plover_mode, talks.cameo) == ("multilateral", "046")
    conf = ev("conference", [("Ana Ruiz", "PER")], ["PER"])
    assert (conf.plover_mode, conf.cameo) == ("multilateral", "040")
    # the state of the place listed among the countries, with none of its own people there: a venue
    venue = ev("summit", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN")], ["PER", "JPN", "CHE"], ("Geneva", "CHE"))
    assert (venue.plover_mode, venue.cameo) == ("third-party", "044")
    # its people unnamed but its leaders met ("met Swiss leaders in Geneva"): still a party
    met = ev("meeting", [("Ana Ruiz", "PER")], ["PER", "CHE"], ("Geneva", "CHE"))
    assert (met.plover_mode, met.cameo) == ("host", "040")
    unknown = ev("meeting", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN")], ["PER", "JPN"])
    assert (unknown.plover_mode, unknown.cameo) == (None, "040")


def test_a_mediator_is_named_by_title_or_by_a_cue_in_the_evidence() -> None:
    cue = ev("talks", [("Ana Ruiz", "PER"), ("Kenji Mori", "JPN"), ("Lars Lund", "NOR")], ["PER", "JPN", "NOR"],
             evidence="The talks, brokered by Norway's Lund, ended late.")
    assert [p.role for p in cue.participants] == [None, None, "mediator"] and cue.cameo == "045"
    titled = ev("talks", [("Mei Chen", None)], ["PER", "JPN"], title="UN mediator")
    assert titled.participants[0].role == "mediator" and titled.cameo == "045"


def test_the_code_table_is_consistent_with_the_output_schema() -> None:
    table = codes.table()
    schema = json.loads((resources.files("extractor") / "schema.json").read_text(encoding="utf-8"))
    props = schema["$defs"]["event"]["properties"]
    assert set(table["cameo"].values()) <= set(props["cameo"]["enum"])
    assert table["plover"] == props["plover"]["const"]
    modes = set(table["type_mode"].values()) | {"multilateral", "third-party", "host", None}
    assert modes <= set(props["plover_mode"]["enum"])
    types = set(schema["$defs"]["event"]["properties"]["type"]["enum"])
    assert set(table["type_cameo"]) <= types and set(table["type_mode"]) <= types
    assert set(table["type_cameo"].values()) <= set(table["cameo"])
