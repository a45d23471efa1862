"""Every rule data file under models/ (except models/dates/, owned by the date rules) is well formed."""
from __future__ import annotations

import datetime as dt
import importlib.resources
import json

import pycountry
import pytest

from extractor import events, geo, names

MODELS = importlib.resources.files("extractor.models")
EVENT_TYPES = {"summit", "meeting", "talks", "visit", "call", "conference"}
STATUSES = {"planned", "ongoing", "occurred", "cancelled", "postponed", "resumed"}
ISO3 = {c.alpha_3 for c in pycountry.countries}
FORMER = {c.alpha_3 for c in pycountry.historic_countries if len(c.alpha_3) == 3}


def _jsonl(name: str) -> list[dict]:
    lines = (MODELS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _no_duplicates(keys: list) -> None:
    seen = set()
    dupes = [k for k in keys if k in seen or seen.add(k)]
    assert not dupes, f"duplicate entries: {dupes}"


def test_triggers_have_legal_fields():
    rows = _jsonl("triggers.jsonl")
    assert rows
    for r in rows:
        assert set(r) <= {"lemma", "pos", "type", "needs", "not_with_object", "not_with_child", "candidate_only", "note",
                          "patterns"}, r
        # not_with_object: the kinds of object (models/patterns.jsonl) that put the verb in another sense
        assert isinstance(r.get("not_with_object", []), list), r
        assert all(k in events.lexicon().kinds for k in r.get("not_with_object", [])), r
        # every entry is found by spaCy Matcher patterns, the first of which reads its own lemma
        assert r["patterns"] and all(isinstance(p, list) and p for p in r["patterns"]), r
        first = r["patterns"][0][0]
        assert r["lemma"] in first["LEMMA"]["IN"] and r["pos"] in first["POS"]["IN"], r
        assert r.get("candidate_only", True) is True, r
        assert r["pos"] in {"VERB", "NOUN"}, r
        assert r["type"] in EVENT_TYPES, r
        for need in ([r["needs"]] if isinstance(r.get("needs"), str) else r.get("needs", [])):
            kind = need.split(":")[0]
            assert kind in {"prep", "particle", "plural", "compound", "child", "person_object", "person_prep",
                            "participant"}, r
        for spec in r.get("not_with_child", ()):
            kind, _, word = spec.partition(":")
            assert (kind == "prep" and word) or (kind in {"oprd", "dobj", "attr", "acomp"} and not word), r
    _no_duplicates([(r["lemma"], r["pos"]) for r in rows])
    assert {r["type"] for r in rows} == EVENT_TYPES


def test_patterns_kinds_are_the_ones_the_code_reads():
    rows = _jsonl("patterns.jsonl")
    kinds = {r["kind"] for r in rows}
    assert kinds == set(events.lexicon().kinds)
    needed = {"support_verb", "role_prep", "place_prep", "destination_prep", "reporting_verb",
              "climb_dep", "time_prep", "time_noun", "delegation", "anaphor"}
    assert needed <= kinds
    _no_duplicates([(r["kind"], r["lemma"]) for r in rows])


def test_status_cues_are_legal():
    rows = _jsonl("status_cues.jsonl")
    for r in rows:
        assert r["status"] in STATUSES, r
        assert r["where"] in {"governor", "aux", "modifier", "for_governor", "unfulfilled", "inception"}, r
        assert (r["where"] in ("unfulfilled", "inception")) == ("on" in r), r
        if r["where"] == "unfulfilled":
            assert r["on"] in {"plan", "event"}, r
        if r["where"] == "inception":
            assert r["on"] in {"governor", "trigger"} and r["status"] == "ongoing", r
    _no_duplicates([(r["lemma"], r.get("particle"), r["where"]) for r in rows])


@pytest.mark.parametrize("name", ["demonyms.tsv", "country_names.tsv", "capitals.tsv"])
def test_geo_tables_use_real_codes(name):
    rows = geo.read_table(name)
    assert rows
    for row in rows:
        assert len(row) == 2, row
        assert row[0] == row[0].lower() and row[0].strip() == row[0], row
        assert row[1] in ISO3 or row[1] in FORMER and name != "capitals.tsv", row
    _no_duplicates([r[0] for r in rows])


def test_towns_table_places_only_names_the_other_tables_leave_free():
    rows = geo.read_table("towns.tsv")
    assert len(rows) >= 1000
    for row in rows:
        assert len(row) == 2 and row[0] == geo.normalise(row[0]) and len(row[0]) >= 4, row
        assert row[1] in ISO3 | {"PSE", "TWN", "HKG", "XKX"}, row
    _no_duplicates([r[0] for r in rows])
    # the states, demonyms, capitals and regions come first: no town repeats them
    known = set(geo._countries()) | set(geo._demonyms()) | set(geo._cities())
    assert not [r[0] for r in rows if r[0] in known]
    # a town gives a place its state, but a town's name is no reason to doubt a person's name
    assert geo.place_code("Danang") == "VNM" and geo.place_code("Cleveland") == "USA"
    assert geo.any_code("Florence") is None


def test_title_prepositions_are_single_words_without_of():
    words = geo.read_lines("title_prepositions.txt")
    assert words and all(w.isalpha() and w == w.lower() for w in words)
    assert "of" not in words  # "Minister of Japan" names the holder's own state
    _no_duplicates(words)


def test_sources_are_listed_once():
    rows = geo.read_lines("sources.txt")
    _no_duplicates([r.lower() for r in rows])
    assert names.sources() >= {"reuters", "getty images"}


def test_styles_are_lower_case_title_words():
    words = geo.read_lines("styles.txt")
    assert {"pope", "king"} <= set(words) and all(w.isalpha() and w == w.lower() for w in words), words
    _no_duplicates(words)


def test_name_particles_are_lower_case_words():
    words = geo.read_lines("name_particles.txt")
    assert {"von", "der", "bin"} <= set(words) and all(w.isalpha() and w == w.lower() for w in words)
    _no_duplicates(words)


def test_former_states_table():
    rows = geo.read_table("former_states.tsv")
    assert {r[0] for r in rows} == {"SUN", "YUG", "CSK", "DDR"}
    for former, held, successor, until in rows:
        assert former in FORMER and successor in ISO3, former
        assert all(c in ISO3 for c in filter(None, held.split("|"))), held
        dt.date.fromisoformat(until)


def test_bodies_table():
    rows = geo.read_table("bodies.tsv")
    aliases = []
    for row in rows:
        assert 2 <= len(row) <= 4, row
        members = [c for c in (row[2].split("|") if len(row) > 2 else []) if c]
        assert all(c in ISO3 for c in members), row
        aliases += [row[0].lower()] + [a.lower() for a in row[1].split("|") if a]
    _no_duplicates(aliases)
    assert names.body_name("IAEA") == "International Atomic Energy Agency"
    assert names.body_name("Comecon") == names.body_name("CMEA") == "Council for Mutual Economic Assistance"
    assert names.body_name("who") is None  # no alias that is an English word
    # members only for small closed groups, whose meetings gather every member
    assert all(len(row[2].split("|")) <= 8 for row in rows if len(row) > 2 and row[2])
    assert names.body_members("G-7") == ("CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA")
    assert names.body_members("OPEC") == () and names.body_members(None) == ()
    # seats are cities the gazetteer places in a state
    seats = [c for row in rows if len(row) > 3 for c in row[3].split("|") if c]
    assert seats and all(geo.city_code(c) for c in seats), [c for c in seats if not geo.city_code(c)]
    assert names.body_seat("NATO") == ("brussels",) and names.body_seat("G-7") == () == names.body_seat(None)


def test_people_table():
    rows = geo.read_table("people.tsv")
    assert len(rows) >= 300
    states: dict[str, set[str]] = {}
    _no_duplicates([row[0] for row in rows])
    for row in rows:
        assert len(row) in (2, 3) and row[0].strip() == row[0] and row[1] in ISO3 | {"PSE", "TWN", "HKG"}, row
        aliases = [a.strip() for a in row[2].split(",") if a.strip()] if len(row) > 2 else []
        for n in [row[0], *aliases]:
            states.setdefault(names._person_key(n), set()).add(row[1])
    assert not {k: v for k, v in states.items() if len(v) > 1}  # one name, one state
    assert not [k for k in states if names.bodies().get(k) or geo.any_code(k)]  # no body or place among them


def test_regions_table():
    rows = geo.read_table("regions.tsv")
    assert len(rows) >= 100
    keys = []
    for row in rows:
        assert len(row) in (2, 3) and row[1] in ISO3 | {"PSE"}, row
        aliases = [a.strip() for a in row[2].split(",") if a.strip()] if len(row) > 2 else []
        keys += [geo.normalise(n) for n in [row[0], *aliases]]
    _no_duplicates(keys)
    assert not [k for k in keys if geo.country_code(k)]  # a region that is also a state's name would hide it
    assert geo.place_code("Bavaria") == "DEU" and geo.place_code("Camp David") == "USA"


def test_titles_table():
    rows = geo.read_table("titles.tsv")
    for row in rows:
        assert len(row) == 2 and row[1] in {"office", "role"}, row
    _no_duplicates([r[0] for r in rows])


@pytest.mark.parametrize("name", ["hedges.txt", "not_events.txt", "sources.txt", "domestic_offices.txt",
                                  "speaker_titles.txt", "occupations.txt"])
def test_word_lists(name):
    words = geo.read_lines(name)
    assert words
    _no_duplicates([w.lower() for w in words])


def test_event_codes_table():
    t = json.loads((MODELS / "event_codes.json").read_text(encoding="utf-8"))
    assert set(t) == {"note", "plover", "cameo", "type_cameo", "type_mode", "multilateral_types", "multilateral_states",
                      "remote_types", "mediator_title_words", "mediation_cues"}
    assert all(len(code) == 3 and code.startswith("04") for code in t["cameo"].values())
    assert {"consult", "third_location", "mediate"} <= set(t["cameo"])  # the keys codes.assign reads
    assert set(t["type_cameo"]) <= EVENT_TYPES and set(t["type_mode"]) <= EVENT_TYPES
    assert set(t["multilateral_types"]) <= EVENT_TYPES and t["multilateral_states"] >= 3
    assert set(t["remote_types"]) <= EVENT_TYPES - {"visit"}  # a visit always has its host
    for words in (t["mediator_title_words"], t["mediation_cues"]):
        assert words and all(w == w.lower().strip() for w in words)


def test_linking_settings():
    t = json.loads((MODELS / "linking.json").read_text(encoding="utf-8"))
    assert set(t) == {"note", "kindred_types", "date_slack_days", "report_window_days", "planned_window_days",
                      "gathering_types", "encounter_max_days", "encounter_fine_days"}
    assert all(set(group) <= EVENT_TYPES for group in t["kindred_types"])
    assert set(t["gathering_types"]) <= EVENT_TYPES and 7 <= t["encounter_max_days"] <= 31
    assert 1 <= t["encounter_fine_days"] <= t["encounter_max_days"]
    assert 0 <= t["date_slack_days"] <= 3 and 0 < t["report_window_days"] <= t["planned_window_days"] <= 90


def test_trigger_patterns_load_into_a_matcher():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    lex = events.lexicon()
    matcher = lex.matcher(nlp.vocab)
    assert len(matcher) == len(lex.triggers)


def test_status_days_name_event_types():
    t = json.loads((MODELS / "status_days.json").read_text(encoding="utf-8"))
    assert set(t) == {"note", "multi_day_types", "begun_within_days"}
    assert t["multi_day_types"] and set(t["multi_day_types"]) <= EVENT_TYPES
    assert isinstance(t["begun_within_days"], int) and 0 <= t["begun_within_days"] <= 7


def test_placeless_names_event_types_and_lemmas():
    t = json.loads((MODELS / "placeless.json").read_text(encoding="utf-8"))
    assert set(t) == {"note", "types", "words"}
    assert t["types"] and set(t["types"]) <= EVENT_TYPES
    assert t["words"] and all(w == w.lower() and " " not in w for w in t["words"])


def test_parties_name_event_types():
    t = json.loads((MODELS / "parties.json").read_text(encoding="utf-8"))
    assert set(t) == {"note", "member_state_types", "host_types", "bystanders", "counterpart_types"}
    assert t["counterpart_types"] and set(t["counterpart_types"]) <= EVENT_TYPES - set(t["member_state_types"])
    assert t["member_state_types"] and set(t["member_state_types"]) <= EVENT_TYPES
    assert t["host_types"] and set(t["host_types"]) <= EVENT_TYPES - set(t["member_state_types"])
    b = t["bystanders"]
    assert set(b) == {"note", "min_people", "sure", "sure_needed", "doubtful"}
    assert 0 < b["doubtful"] < b["sure"] < 1 and 1 <= b["sure_needed"] < b["min_people"]
