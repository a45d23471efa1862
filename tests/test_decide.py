"""The learned decisions, read without spaCy: hand-built candidates and hand-set weights."""
from __future__ import annotations

import datetime as dt
import json
import math
import re

from extractor import decide
from extractor.candidates import Argument, Candidate, Lead
from extractor.provenance import data_version
from extractor.records import DateMention, Event, Evidence, Participant, Place, When


def linear(weights, intercept=0.0, threshold=0.5):
    return {"weights": weights, "intercept": intercept, "threshold": threshold}


def model(**over):
    models = {
        "event": linear({"lemma=meet": 4.0}, -2.0),
        "person": linear({"dist=0": 3.0, "says": -6.0}, -1.0),
        "country": linear({"rule": 3.0}, -1.0),
        "place": linear({"prep=in": 3.0}, -1.0),
        "date": linear({"rule": 3.0}, -1.0),
        "status": {"occurred": linear({"rule=occurred": 2.0}), "planned": linear({"rule=planned": 2.0})},
    }
    models.update(over)
    return decide.Decisions.from_dict({"models": models})


def rule_event(status="occurred", etype="meeting"):
    return Event(id="", type=etype, status=status, trigger="met", participants=[], countries=[],
                 evidence=[Evidence("Ana Ruiz met Kenji Mori in Lima.", 0, 32)])


def candidate(lemma="meet", status="occurred"):
    return Candidate(
        rule=rule_event(status), verdicts={"keep": True}, features={f"lemma={lemma}": 1.0},
        people=[Argument("Ana Ruiz", {"dist=0": 1.0}, title="Minister", country="CHL"),
                Argument("Kenji Mori", {"dist=0": 1.0}, country="JPN"),
                Argument("Sam Lee", {"dist=0": 1.0, "says": 1.0})],
        countries=[Argument("CHL", {"rule": 1.0}), Argument("JPN", {"rule": 1.0}), Argument("FRA", {})],
        places=[Argument("Lima", {"prep=in": 1.0}, country="PER"), Argument("Tokyo", {})],
        dates=[Argument("on Monday", {"rule": 1.0}, date=DateMention("on Monday", 40, 49, dt.date(2020, 3, 2),
                                                                     dt.date(2020, 3, 2), "day"))],
        status_features={f"rule={status}": 1.0},
    )


def test_linear_is_a_logistic_score():
    m = decide.Linear({"a": 2.0}, intercept=-1.0)
    assert math.isclose(m.score({"a": 1.0}), 1 / (1 + math.exp(-1.0)))
    assert m.score({"unknown": 1.0}) < 0.5


def test_decide_keeps_an_event_and_fills_each_role():
    ev, p = decide.decide(candidate(), model())
    assert p > 0.8 and ev is not None
    assert [x.name for x in ev.participants] == ["Ana Ruiz", "Kenji Mori"]  # the speaker is left out
    assert ev.participants[0].country == "CHL" and ev.participants[0].title == "Minister"
    assert ev.countries == ["CHL", "JPN"]
    assert ev.location == Place("Lima", "PER")
    assert ev.date.start == dt.date(2020, 3, 2) and ev.status == "occurred"


def test_decide_drops_what_the_event_model_rejects():
    ev, p = decide.decide(candidate(lemma="speak"), model())
    assert ev is None and p < 0.5


def test_the_likeliest_person_takes_part_when_nobody_passes_the_bar():
    m = model(person={**linear({"dist=0": 1.0, "says": -6.0}, -1.5, 0.5), "floor": 0.0})
    ev, _ = decide.decide(candidate(), m)
    assert len(ev.participants) == 1 and ev.participants[0].name in ("Ana Ruiz", "Kenji Mori")


def test_a_doubtful_person_beside_a_sure_one_takes_no_part_unless_the_only_one_of_a_state():
    m = model(person=linear({"dist=0": 3.0, "far": -2.4}, -1.0, 0.3))  # the far one scores 0.40
    cand = candidate()
    cand.people = [Argument("Ana Ruiz", {"dist=0": 1.0}, country="CHL"),
                   Argument("Kenji Mori", {"dist=0": 1.0}, country="JPN"),
                   Argument("Sam Lee", {"dist=0": 1.0, "far": 1.0})]
    # every one passes the bar; the doubtful one beside the sure ones is a bystander
    assert len(decide.decide(cand, m)[0].participants) == 3
    assert [p.name for p in decide.assemble([cand], m)[0].participants] == ["Ana Ruiz", "Kenji Mori"]
    # beside one sure person too, when of the sure one's state or of none known
    cand.people = [cand.people[0], cand.people[2]]
    assert [p.name for p in decide.assemble([cand], m)[0].participants] == ["Ana Ruiz"]
    cand.people[1] = Argument("Sam Lee", {"dist=0": 1.0, "far": 1.0}, country="CHL")
    assert [p.name for p in decide.assemble([cand], m)[0].participants] == ["Ana Ruiz"]
    # the only one of another state is the other side, and stays
    cand.people[1] = Argument("Sam Lee", {"dist=0": 1.0, "far": 1.0}, country="KOR")
    assert [p.name for p in decide.assemble([cand], m)[0].participants] == ["Ana Ruiz", "Sam Lee"]
    # with nobody sure, everyone who passed stays
    cand.people = [Argument("Ana Ruiz", {"dist=0": 1.0, "far": 1.0}, country="CHL"),
                   Argument("Sam Lee", {"dist=0": 1.0, "far": 1.0}, country="CHL")]
    assert len(decide.assemble([cand], m)[0].participants) == 2


def test_a_spokesperson_takes_no_part():
    cand = candidate()
    cand.people.append(Argument("Eva Soto", {"dist=0": 1.0}, title="Foreign Ministry spokeswoman", country="PER"))
    ev, _ = decide.decide(cand, model())
    assert [p.name for p in ev.participants] == ["Ana Ruiz", "Kenji Mori"]
    # nor when she is the only one named
    cand.people = [cand.people[-1]]
    assert decide.decide(cand, model())[0].participants == []


def test_a_person_named_in_another_encounters_sentence_is_of_that_encounter():
    m = model(person=linear({"dist=0": 3.0, "dist=1": 3.0}, -1.0))
    talks = candidate()  # "Ana Ruiz met Kenji Mori in Lima." with two people of the next sentence
    talks.people = [Argument("Ana Ruiz", {"dist=0": 1.0}), Argument("Kenji Mori", {"dist=0": 1.0}),
                    Argument("Li Wei", {"dist=1": 1.0}), Argument("Eva Soto", {"dist=1": 1.0})]
    call = candidate()  # "Li Wei phoned Eva Soto."
    call.rule = rule_event(etype="call")
    call.rule.evidence = [Evidence("Li Wei phoned Eva Soto.", 40, 63)]
    call.people = [Argument("Li Wei", {"dist=0": 1.0}), Argument("Eva Soto", {"dist=0": 1.0}),
                   Argument("Ana Ruiz", {"dist=1": 1.0})]
    first, second = decide.assemble([talks, call], m)
    assert [p.name for p in first.participants] == ["Ana Ruiz", "Kenji Mori"]
    assert [p.name for p in second.participants] == ["Li Wei", "Eva Soto"]
    # with fewer than two left, an event keeps whom it has
    talks.people = talks.people[:1] + talks.people[2:3]
    call.people = call.people[:2]
    first, _ = decide.assemble([talks, call], m)
    assert [p.name for p in first.participants] == ["Ana Ruiz", "Li Wei"]


def test_a_meeting_one_person_passed_for_takes_its_likeliest_other_side_only_when_firm():
    # "far" stands for what lowers a candidate below the bar: Mori, of another state, scores 0.38
    m = model(person=linear({"dist=0": 3.0, "far": -2.5}, -1.0))
    cand = candidate()
    cand.people = [Argument("Ana Ruiz", {"dist=0": 1.0}, country="CHL"),
                   Argument("Eva Soto", {"dist=0": 1.0, "far": 1.0}, country="CHL"),
                   Argument("Kenji Mori", {"dist=0": 1.0, "far": 1.0}, country="JPN")]
    ev, _ = decide.decide(cand, m)
    assert [p.name for p in ev.participants] == ["Ana Ruiz"]  # Soto is of Ruiz's own state
    other, firm = decide.counterpart(cand, m, ev)
    assert other.name == "Kenji Mori" and other.country == "JPN" and firm
    assert [p.name for p in decide.assemble([cand], m)[0].participants] == ["Ana Ruiz", "Kenji Mori"]
    # named only in a neighbouring sentence: a guess, which leaves the event
    cand.people[2].features = {}
    assert decide.counterpart(cand, m, ev)[0].name == "Kenji Mori" and not decide.counterpart(cand, m, ev)[1]
    assert [p.name for p in decide.assemble([cand], m)[0].participants] == ["Ana Ruiz"]
    # a visit has no other side to guess
    cand.rule = rule_event(etype="visit")
    assert decide.counterpart(cand, m, decide.decide(cand, m)[0]) == (None, False)


def test_a_guessed_other_side_joins_the_mentions_of_one_encounter_and_then_leaves():
    ruiz, mori = Participant("Ana Ruiz", country="PER"), Participant("Kenji Mori", country="JPN")

    def met(*people, start=0):
        return event([p.name for p in people], start=start)
    # "Ruiz held talks ... (Mori named in the next sentence)", then "Mori said after meeting her"
    out = decide.merge([met(ruiz), met(mori, start=50)], maybe=[mori, None])
    assert len(out) == 1 and [p.name for p in out[0].participants] == ["Ana Ruiz", "Kenji Mori"]
    # without the guess the two mentions share nobody
    assert len(decide.merge([met(ruiz), met(mori, start=50)])) == 2
    # a guess that no mention confirms leaves the encounter
    out = decide.merge([met(ruiz), met(ruiz, start=50)], maybe=[mori, None])
    assert len(out) == 1 and [p.name for p in out[0].participants] == ["Ana Ruiz"]


def test_a_call_told_by_a_telephone_word_takes_no_place():
    cand = candidate()  # "Ana Ruiz spoke by phone with Kenji Mori in Lima" read as a call
    cand.rule = rule_event(etype="call")
    assert decide.decide(cand, model())[0].location.name == "Lima"  # no telephone word near it
    cand.features["near=phone"] = 1.0
    assert decide.decide(cand, model())[0].location is None
    # a meeting with such a word nearby ("met after a phone call") keeps its place
    cand.rule = rule_event(etype="meeting")
    assert decide.decide(cand, model())[0].location.name == "Lima"


def test_a_participants_state_is_among_the_countries():
    cand = candidate()
    cand.countries = [Argument("CHL", {"rule": 1.0}), Argument("JPN", {})]  # the model passes Chile only
    ev = decide.assemble([cand], model())[0]
    assert [p.country for p in ev.participants] == ["CHL", "JPN"]
    assert sorted(ev.countries) == ["CHL", "JPN"]


def test_a_short_name_folds_into_the_longer_one_only_of_the_same_state():
    same = decide.fold_names([Participant("Mori", "Minister", "JPN"), Participant("Kenji Mori", None, "JPN")])
    assert [(p.name, p.title) for p in same] == [("Kenji Mori", "Minister")]
    two = decide.fold_names([Participant("Mori", "King", "TON"), Participant("Kenji Mori", None, "JPN")])
    assert [p.name for p in two] == ["Mori", "Kenji Mori"]
    # and so among a candidate's people
    from extractor.candidates import _fold_short_names
    args = [Argument("Mori", {"dist=0": 1.0}, country="TON"), Argument("Kenji Mori", {}, country="JPN")]
    assert [a.value for a in _fold_short_names(args)] == ["Mori", "Kenji Mori"]
    args[0].country = "JPN"
    assert [a.value for a in _fold_short_names(args)] == ["Kenji Mori"]


def test_status_is_the_highest_scoring_class():
    ev, _ = decide.decide(candidate(status="planned"), model())
    assert ev.status == "planned"


def test_a_planned_event_takes_no_time_that_ended_before_its_report():
    # "on Monday" (2020-03-02) told in a report of Thursday 2020-03-05 about a meeting to come
    cand = candidate(status="planned")
    cand.published = dt.date(2020, 3, 5)
    ev, _ = decide.decide(cand, model())
    assert ev.status == "planned" and ev.date is None
    cand.published = dt.date(2020, 2, 27)  # the Monday after the report: the meeting's day
    assert decide.decide(cand, model())[0].date.start == dt.date(2020, 3, 2)
    done = candidate(status="occurred")
    done.published = dt.date(2020, 3, 5)
    assert decide.decide(done, model())[0].date.start == dt.date(2020, 3, 2)


def test_a_time_spanning_the_report_keeps_the_side_the_status_allows():
    year = DateMention("this year", 40, 49, dt.date(2020, 1, 1), dt.date(2020, 12, 31), "year")

    def told(status):
        cand = candidate(status=status)
        cand.dates = [Argument("this year", {"rule": 1.0}, date=year)]
        cand.published = dt.date(2020, 6, 30)
        return decide.assemble([cand], model())[0].date

    coming = told("planned")
    assert (coming.start, coming.end, coming.text) == (dt.date(2020, 6, 30), dt.date(2020, 12, 31), "this year")
    over = told("occurred")
    assert (over.start, over.end) == (dt.date(2020, 1, 1), dt.date(2020, 6, 30))


def test_a_planning_verb_near_the_word_holds_over_the_status_model():
    m = model(status={"occurred": linear({"tag=VBN": 2.0}), "planned": linear({"rule=planned": 0.5})})
    cand = candidate(status="planned")
    cand.status_features = {"rule=planned": 1.0, "mention=planned": 1.0, "tag=VBN": 1.0, "near=slate": 1.0}
    assert decide.decide(cand, m)[0].status == "planned"  # "is slated to meet"
    del cand.status_features["near=slate"]  # no such verb: the model decides
    assert decide.decide(cand, m)[0].status == "occurred"
    cand.status_features.update({"near=slate": 1.0, "mention=occurred": 1.0})  # another mention told it done
    assert decide.decide(cand, m)[0].status == "occurred"


def test_under_way_holds_only_for_an_encounter_whose_days_meet_the_report():
    m = model(status={"ongoing": linear({"rule=ongoing": 2.0}), "planned": linear({"rule=planned": 1.0})})
    cand = candidate(status="ongoing")  # dated Monday 2020-03-02
    cand.published = dt.date(2020, 2, 27)
    assert decide.decide(cand, m)[0].status == "planned"  # its days lie after the report
    cand.published = dt.date(2020, 3, 5)
    assert decide.decide(cand, m)[0].status == "occurred"  # they ended before it
    cand.published = dt.date(2020, 3, 2)
    assert decide.decide(cand, m)[0].status == "ongoing"


def test_an_encounter_said_to_start_a_few_days_before_its_report_is_still_under_way():
    cand = candidate(status="occurred")  # "opened a three-day meeting on Monday" (2020-03-02)
    cand.status_features = {"rule=occurred": 1.0, "begun": 1.0}
    cand.published = dt.date(2020, 3, 3)
    assert decide.decide(cand, model())[0].status == "ongoing"
    cand.published = dt.date(2020, 3, 30)  # told four weeks on: it is over
    assert decide.decide(cand, model())[0].status == "occurred"
    cand.published = dt.date(2020, 3, 3)
    del cand.status_features["begun"]  # "met on Monday": done
    assert decide.decide(cand, model())[0].status == "occurred"
    m = model(status={"ongoing": linear({"rule=ongoing": 2.0}), "planned": linear({"rule=planned": 1.0})})
    started = candidate(status="ongoing")
    started.status_features = {"rule=ongoing": 1.0, "begun": 1.0}
    started.published = dt.date(2020, 3, 4)  # the model's under way stands for a start two days back
    assert decide.decide(started, m)[0].status == "ongoing"


def test_a_cue_that_cancels_or_postpones_holds_over_the_status_model():
    # the model, which has seen few cancelled events, reads "a planned summit" as planned
    m = model(status={"planned": linear({"mention=planned": 3.0}), "cancelled": linear({"cue=cancelled": 0.5})})
    cand = candidate(status="cancelled")
    cand.status_features = {"rule=cancelled": 1.0, "mention=planned": 1.0, "cue=cancelled": 1.0}
    assert decide.decide(cand, m)[0].status == "cancelled"
    # without the cue (the rules' status from elsewhere), the model decides
    del cand.status_features["cue=cancelled"]
    assert decide.decide(cand, m)[0].status == "planned"


def test_an_encounter_put_off_takes_only_a_new_date_still_to_come():
    m = model(status={"postponed": linear({"cue=postponed": 3.0}), "planned": linear({"rule=planned": 0.5})})
    cand = candidate(status="postponed")  # "on Monday" is 2020-03-02
    cand.status_features = {"rule=postponed": 1.0, "cue=postponed": 1.0}
    cand.published = dt.date(2020, 2, 27)
    assert decide.decide(cand, m)[0].date.start == dt.date(2020, 3, 2)  # "put off until Monday"
    cand.dates[0].features["prep=from"] = 1.0  # "put off from Monday": the old date
    assert decide.decide(cand, m)[0].date is None
    del cand.dates[0].features["prep=from"]
    cand.published = dt.date(2020, 3, 5)  # "the talks due on Monday were put off": no new date
    assert decide.decide(cand, m)[0].date is None


def event(names, status="occurred", etype="meeting", place=None, day=None, start=0):
    return Event(id="", type=etype, status=status, trigger="met",
                 participants=[Participant(n) for n in names], countries=[],
                 location=Place(place, None) if place else None,
                 date=When("x", day, day, "day") if day else None,
                 evidence=[Evidence("s", start, start + 1)])


def test_one_person_meeting_other_states_people_twice_is_two_encounters():
    def met(*people, etype="meeting", start=0):
        ev = event([n for n, _ in people], etype=etype, start=start)
        for p, (_, state) in zip(ev.participants, people):
            p.country = state
        return ev
    ruiz, mori, wei = ("Ana Ruiz", "PER"), ("Kenji Mori", "JPN"), ("Li Wei", "CHN")
    # Ruiz met Mori; Ruiz met Wei: one person shared, and each names a state the other lacks
    assert len(decide.merge([met(ruiz, mori), met(ruiz, wei, start=50)])) == 2
    # a second mention read as a retelling is held apart the same way
    assert len(decide.merge([met(ruiz, mori), met(ruiz, wei, start=50)], second=[False, True])) == 2
    # Ruiz's minister (of Peru) joining the meeting with Mori leaves it one encounter
    assert len(decide.merge([met(ruiz, mori), met(ruiz, ("Eva Soto", "PER"), start=50)])) == 1
    # a summit has many sides: whom each mention names does not part it
    assert len(decide.merge([met(ruiz, mori, etype="summit"), met(ruiz, wei, etype="summit", start=50)])) == 1


def test_pieces_of_a_long_article_merge_across_but_not_within():
    # two pieces of one article: the second tells the first piece's meeting again, and holds two
    # calls that its own merge kept apart (another day each)
    first = [event(["Ana Ruiz", "Kenji Mori"], place="Lima", start=0)]
    second = [event(["Kenji Mori"], etype="talks", start=30000),
              event(["Lena Voss"], etype="call", day=dt.date(2020, 3, 2), start=30100),
              event(["Lena Voss"], etype="call", day=dt.date(2020, 3, 9), start=30200)]
    out = decide.merge_pieces([first, second])
    assert len(out) == 3
    assert [e.start_char for e in out[0].evidence] == [0, 30000]
    assert [e.date.start for e in out[1:]] == [dt.date(2020, 3, 2), dt.date(2020, 3, 9)]
    # a piece's own events are left as they are, even where they would pass the test
    same = [event(["Lena Voss"], etype="call", start=10), event(["Lena Voss"], etype="call", start=90)]
    assert len(decide.merge_pieces([same])) == 2


def test_merge_joins_one_encounter_told_twice():
    a = event(["Ana Ruiz", "Kenji Mori"], place="Lima", start=0)
    b = event(["Kenji Mori"], etype="talks", day=dt.date(2020, 3, 2), start=50)
    (one,) = decide.merge([a, b])
    assert [p.name for p in one.participants] == ["Ana Ruiz", "Kenji Mori"]
    assert one.date.start == dt.date(2020, 3, 2) and [e.start_char for e in one.evidence] == [0, 50]


def test_an_encounter_first_told_by_a_word_read_as_no_event_takes_the_type_of_the_next():
    # "... held a joint news conference after their talks": the news conference is no event of
    # its own, and the encounter it joins is the talks
    press = event(["Ana Ruiz", "Kenji Mori"], etype="conference", start=0)
    press.trigger = "conference"
    talks = event(["Ana Ruiz", "Kenji Mori"], etype="talks", start=40)
    talks.trigger = "talks"
    (one,) = decide.merge([press, talks], unlike=[True, False])
    assert (one.type, one.trigger) == ("talks", "talks")
    # told by a proper word first, the encounter keeps its own type
    first = event(["Ana Ruiz", "Kenji Mori"], etype="talks", start=0)
    again = event(["Ana Ruiz", "Kenji Mori"], etype="conference", start=40)
    (one,) = decide.merge([first, again], unlike=[False, True])
    assert one.type == "talks"


def test_an_encounter_takes_a_cancel_that_a_joining_mention_states_outright():
    # "Ruiz was to fly to Lima for talks with Mori, but the trip was called off": the visit is
    # read as done (its day is past), the talks carry the cue
    trip = event(["Ana Ruiz", "Kenji Mori"], etype="visit", place="Lima", start=0)
    talks = event(["Ana Ruiz", "Kenji Mori"], status="cancelled", etype="talks", place="Lima", start=40)
    (one,) = decide.merge([trip, talks], cued=[False, True])
    assert (one.type, one.status) == ("visit", "cancelled")
    # a status the model gave without a cue leaves the encounter as first told
    trip = event(["Ana Ruiz", "Kenji Mori"], etype="visit", place="Lima", start=0)
    talks = event(["Ana Ruiz", "Kenji Mori"], status="cancelled", etype="talks", place="Lima", start=40)
    assert decide.merge([trip, talks])[0].status == "occurred"
    # an encounter whose status was stated outright keeps it
    off = event(["Ana Ruiz", "Kenji Mori"], status="postponed", etype="visit", place="Lima", start=0)
    late = event(["Ana Ruiz", "Kenji Mori"], status="cancelled", etype="talks", place="Lima", start=40)
    assert decide.merge([off, late], cued=[True, True])[0].status == "postponed"
    # a cued mention that brings in someone new may be another encounter run together with it
    trip = event(["Ana Ruiz", "Kenji Mori"], etype="visit", place="Lima", start=0)
    other = event(["Ana Ruiz", "Kenji Mori", "Eva Soto"], status="cancelled", etype="talks", place="Lima", start=40)
    assert decide.merge([trip, other], cued=[False, True])[0].status == "occurred"


def test_a_meeting_with_the_hosts_told_with_no_place_joins_the_visit():
    def told(etype, people, place=None, start=0):
        ev = event([n for n, _ in people], etype=etype, start=start)
        for p, (_, state) in zip(ev.participants, people):
            p.country = state
        ev.location = Place(*place) if place else None
        return ev
    ruiz, mori, sato, wei = ("Ana Ruiz", "PER"), ("Kenji Mori", "JPN"), ("Aiko Sato", "JPN"), ("Li Wei", "CHN")
    visit = told("visit", [ruiz, mori], ("Tokyo", "JPN"))
    # "Ruiz will also hold talks with Japanese Foreign Minister Sato": one visit
    (one,) = decide.merge([visit, told("talks", [ruiz, sato], start=50)])
    assert one.type == "visit" and {p.name for p in one.participants} == {"Ana Ruiz", "Kenji Mori", "Aiko Sato"}
    # talks with a third state's leader, or a visit of no known place, stay apart
    assert len(decide.merge([told("visit", [ruiz, mori], ("Tokyo", "JPN")), told("talks", [ruiz, wei], start=50)])) == 2
    assert len(decide.merge([told("visit", [ruiz, mori], ("Asia", None)), told("talks", [ruiz, sato], start=50)])) == 2
    # talks of the visitor alone name no host
    assert len(decide.merge([told("visit", [ruiz, mori], ("Tokyo", "JPN")), told("talks", [ruiz], start=50)])) == 2


def test_merge_keeps_apart_what_clashes():
    base = event(["Ana Ruiz"], day=dt.date(2020, 3, 2))
    assert len(decide.merge([base, event(["Ana Ruiz"], day=dt.date(2020, 5, 1))])) == 2  # two dates
    assert len(decide.merge([event(["Ana Ruiz"]), event(["Ana Ruiz"], status="planned")])) == 2  # two tenses
    assert len(decide.merge([event(["Ana Ruiz"]), event(["Kenji Mori"])])) == 2  # nobody shared
    visit = event(["Ana Ruiz"], etype="visit", place="Peru")
    assert len(decide.merge([visit, event(["Ana Ruiz"], place="Geneva")])) == 2  # a meeting elsewhere


def test_a_likely_second_mention_joins_the_encounter_it_retells():
    def talks():
        return event(["Ana Ruiz", "Kenji Mori"], status="planned", place="Lima")

    def again():  # told as done, and placed otherwise
        return event(["Kenji Mori"], place="Peru's capital", start=60)

    # the hand-written test keeps them apart (two tenses, two places) ...
    assert len(decide.merge([talks(), again()])) == 2
    # ... unless the repeat model holds the later one for a second mention
    (one,) = decide.merge([talks(), again()], second=[False, True])
    assert [e.start_char for e in one.evidence] == [0, 60] and one.status == "planned"
    # it joins the earlier encounter it shares most people with
    other = event(["Kenji Mori", "Luis Cano"], status="planned", place="Quito", start=30)
    both = event(["Kenji Mori", "Luis Cano"], start=90)
    found = decide.merge([talks(), other, both], second=[False, False, True])
    assert [[e.start_char for e in ev.evidence] for ev in found] == [[0], [30, 90]]
    # never one of another kind, nor one told with other days, nor one it shares nobody with
    call = event(["Kenji Mori"], etype="call", start=60)
    assert len(decide.merge([talks(), call], second=[False, True])) == 2
    dated = event(["Ana Ruiz"], status="planned", day=dt.date(2020, 3, 2))
    later = event(["Ana Ruiz"], day=dt.date(2020, 6, 1), start=60)
    assert len(decide.merge([dated, later], second=[False, True])) == 2
    assert len(decide.merge([talks(), event(["Luis Cano"], start=60)], second=[False, True])) == 2
    # nor a lesser one, when the encounter it shares most with is of another time
    june = event(["Kenji Mori", "Luis Cano"], status="planned", place="Quito", day=dt.date(2020, 6, 1), start=30)
    march = event(["Kenji Mori", "Luis Cano"], day=dt.date(2020, 3, 2), start=90)
    assert len(decide.merge([talks(), june, march], second=[False, False, True])) == 3


def test_a_short_name_joins_the_one_longer_name_it_is_part_of():
    full = Participant("Ana Ruiz", "Foreign Minister", "PER")
    folded = decide.fold_names([Participant("Ruiz", None, None), full, Participant("Kenji Mori")])
    assert [p.name for p in folded] == ["Ana Ruiz", "Kenji Mori"]
    assert (folded[0].title, folded[0].country) == ("Foreign Minister", "PER")
    # "Lee" could be either of two people: both stay, and so does the bare name
    two = [Participant("Lee"), Participant("Lee Min-ho"), Participant("Sara Lee")]
    assert [p.name for p in decide.fold_names(two)] == ["Lee", "Lee Min-ho", "Sara Lee"]
    # the merge folds names that two mentions gave differently
    (one,) = decide.merge([event(["Ana Ruiz", "Kenji Mori"]), event(["Kenji Mori", "Ruiz"], start=40)])
    assert [p.name for p in one.participants] == ["Ana Ruiz", "Kenji Mori"]


def test_the_shipped_decisions_load_and_hold_no_article_text():
    m = decide.shipped()
    assert m is not None and re.fullmatch(r"[0-9a-f]{12}", m.version)
    assert set(m.status) <= set(decide.STATUSES) and m.status
    assert m.repeat is not None and 0 < m.repeat.threshold < 1
    from importlib import resources

    path = resources.files("extractor.models") / decide.MODEL_FILE
    assert len(path.read_bytes()) < 30 * 2**20
    raw = json.loads(path.read_text(encoding="utf-8"))
    for name, part in raw["models"].items():
        for sub in (part.values() if name == "status" else [part]):
            keys = list(sub.get("weights", {}))
            keys += [node[0] for tree in sub.get("trees", []) for node in tree if node[0] is not None]
            keys += (sub.get("flat") or {}).get("features", [])
            for key in keys:
                # features are single words and flags: no sentence of any article is kept
                assert len(key.split()) <= 2, key


def test_trees_score_as_written():
    # one stump on "a" (left leaf -1, right leaf +1) and one constant tree
    trees = decide.Trees(init=0.0, rate=0.5, trees=(
        (("a", 0.5, 1, 2, 0.0), (None, 0.0, 0, 0, -1.0), (None, 0.0, 0, 0, 1.0)),
        ((None, 0.0, 0, 0, 2.0),),
    ))
    assert math.isclose(trees.score({"a": 1.0}), 1 / (1 + math.exp(-1.5)))
    assert math.isclose(trees.score({}), 1 / (1 + math.exp(-0.5)))


def test_trees_walked_all_at_once_score_as_walked_one_by_one():
    import random

    rng = random.Random(3)
    names = [f"f{i}" for i in range(12)]

    def tree():  # a stump, or depth 2 on the left and 1 on the right: leaves at any depth
        if rng.random() < 0.3:
            return [[rng.choice(names), 0.5, 1, 2, 0.0], [None, 0.0, 0, 0, rng.uniform(-1, 1)],
                    [None, 0.0, 0, 0, rng.uniform(-1, 1)]]
        return [[rng.choice(names), 0.5, 1, 4, 0.0], [rng.choice(names), 0.5, 2, 3, 0.0],
                [None, 0.0, 0, 0, rng.uniform(-1, 1)], [None, 0.0, 0, 0, rng.uniform(-1, 1)],
                [None, 0.0, 0, 0, rng.uniform(-1, 1)]]

    forest = [tree() for _ in range(40)]
    nested = decide.Trees(init=-0.3, rate=0.1, trees=forest)
    flat = decide.Trees.from_dict({"init": -0.3, "rate": 0.1, "flat": decide._flatten(forest)})

    def walked(features):
        z = -0.3
        for nodes in forest:
            n = 0
            while nodes[n][0] is not None:
                name, cut, left, right, _ = nodes[n]
                n = left if features.get(name, 0.0) <= cut else right
            z += 0.1 * nodes[n][4]
        return 1 / (1 + math.exp(-z))

    for _ in range(50):
        features = {rng.choice(names + ["unknown"]): float(rng.randint(0, 2)) for _ in range(rng.randint(0, 5))}
        assert math.isclose(nested.score(features), walked(features), rel_tol=1e-9)
        assert math.isclose(flat.score(features), walked(features), rel_tol=1e-9)


def test_the_data_version_changes_with_nothing_but_the_data():
    assert re.fullmatch(r"[0-9a-f]{12}", data_version()) and data_version() == data_version()


def test_a_passing_date_inside_the_chosen_one_refines_it():
    c = candidate()
    week = DateMention("next week", 10, 19, dt.date(2020, 3, 9), dt.date(2020, 3, 15), "week")
    day = DateMention("around March 12", 60, 75, dt.date(2020, 3, 12), dt.date(2020, 3, 12), "day")
    other = DateMention("in May", 80, 86, dt.date(2020, 5, 1), dt.date(2020, 5, 31), "month")
    c.dates = [Argument("next week", {"rule": 1.0, "strong": 1.0}, date=week),
               Argument("around March 12", {"rule": 1.0}, date=day),
               Argument("in May", {"rule": 1.0}, date=other)]
    m = model(date=linear({"rule": 3.0, "strong": 1.0}, -1.0))
    ev, _ = decide.decide(c, m)
    assert ev.date.start == ev.date.end == dt.date(2020, 3, 12)  # the week scores best, the day inside it wins
    c.dates = c.dates[:1] + c.dates[2:]
    ev, _ = decide.decide(c, m)
    assert (ev.date.start, ev.date.end) == (dt.date(2020, 3, 9), dt.date(2020, 3, 15))  # May is no refinement


def _undated(status: str, start: int) -> Candidate:
    c = candidate(status=status)
    c.dates, c.places = [], []
    c.status_features = {f"rule={status}": 1.0}
    c.rule.evidence = [Evidence("Ana Ruiz met Kenji Mori.", start, start + 24)]
    return c


def test_an_event_told_in_the_lead_takes_the_day_and_the_place_of_the_news():
    tuesday = DateMention("on Tuesday", 60, 70, dt.date(2020, 3, 3), dt.date(2020, 3, 3), "day")
    lead = Lead(end_char=80, day=tuesday, dateline=Place("Quito", "ECU"))
    told_in_lead, told_later, planned = _undated("occurred", 0), _undated("occurred", 400), _undated("planned", 0)
    for c in (told_in_lead, told_later, planned):
        c.lead = lead
    [ev] = decide.assemble([told_in_lead], model())
    assert (ev.date.start, ev.date.end) == (dt.date(2020, 3, 3), dt.date(2020, 3, 3))
    assert ev.location == Place("Quito", "ECU")
    [ev] = decide.assemble([told_later], model())
    assert ev.date is None and ev.location is None  # told after the lead: not the lead's news
    [ev] = decide.assemble([planned], model())
    assert ev.date is None and ev.location is None  # still to come: not the day's news
    no_day = _undated("occurred", 0)
    no_day.lead = Lead(end_char=80, day=None, dateline=None)  # a lead naming no day (or two), no dateline
    [ev] = decide.assemble([no_day], model())
    assert ev.date is None and ev.location is None
    placed = candidate()
    placed.lead = lead
    [ev] = decide.assemble([placed], model())
    assert ev.location == Place("Lima", "PER") and ev.date.start == dt.date(2020, 3, 2)  # its own come first


def test_a_visit_told_on_its_own_day_is_under_way():
    def status_of(etype: str, published: dt.date) -> str:
        c = candidate()  # read as done, dated Monday 2020-03-02
        c.rule.type, c.published = etype, published
        [ev] = decide.assemble([c], model())
        return ev.status

    assert status_of("visit", dt.date(2020, 3, 2)) == "ongoing"
    assert status_of("summit", dt.date(2020, 3, 2)) == "ongoing"
    assert status_of("visit", dt.date(2020, 3, 3)) == "occurred"  # the day before the report: over
    assert status_of("meeting", dt.date(2020, 3, 2)) == "occurred"  # a meeting is over within its day


def test_a_merged_mention_narrows_the_date_only_within_it():
    trip = event(["Ana Ruiz"], etype="visit")
    trip.date = When("May 11-15", dt.date(2020, 5, 11), dt.date(2020, 5, 15), "day")
    told = [(dt.date(2020, 5, 11), dt.date(2020, 5, 15)), None]  # the second took its day from a sentence nearby
    (one,) = decide.merge([trip, event(["Ana Ruiz"], etype="visit", day=dt.date(2020, 5, 4), start=80)], told)
    assert (one.date.start, one.date.end) == (dt.date(2020, 5, 11), dt.date(2020, 5, 15))
    trip.date = When("May 11-15", dt.date(2020, 5, 11), dt.date(2020, 5, 15), "day")
    (one,) = decide.merge([trip, event(["Ana Ruiz"], etype="visit", day=dt.date(2020, 5, 12), start=80)], told)
    assert one.date.start == one.date.end == dt.date(2020, 5, 12)


def test_an_undated_encounter_takes_the_date_told_with_the_mention_that_joins_it():
    talks, earlier, later = (event(["Ana Ruiz", "Kenji Mori"], start=0),
                             event(["Kenji Mori"], day=dt.date(2020, 4, 6), start=50),
                             event(["Ana Ruiz"], day=dt.date(2020, 11, 9), start=90))
    found = decide.merge([talks, earlier, later])
    # the April mention dates the talks; the November one is another encounter
    assert [(e.date.start, [x.start_char for x in e.evidence]) for e in found] == [
        (dt.date(2020, 4, 6), [0, 50]), (dt.date(2020, 11, 9), [90])]


def test_people_of_known_states_make_their_states_and_the_host_the_parties():
    def countries_of(etype: str, named: list[str]) -> list[str]:
        c = candidate()  # Ana Ruiz of Chile meets Kenji Mori of Japan in Lima (Peru)
        c.rule.type = etype
        c.countries = [Argument(code, {"rule": 1.0}) for code in named]  # all pass the country model
        [ev] = decide.assemble([c], model())
        return ev.countries

    # France, passed by the country model beside the two leaders, is a topic of their talk
    assert countries_of("meeting", ["CHL", "JPN", "FRA"]) == ["CHL", "JPN"]
    assert countries_of("visit", ["CHL", "JPN", "PER", "FRA"]) == ["CHL", "JPN", "PER"]  # the state visited stays
    assert countries_of("meeting", ["CHL", "JPN", "PER", "FRA"]) == ["CHL", "JPN"]  # a third state they meet in does not
    # a summit lists its member states, named in person or not
    assert countries_of("summit", ["CHL", "JPN", "FRA"]) == ["CHL", "JPN", "FRA"]



def test_a_body_meeting_in_its_own_seat_makes_the_seat_state_no_party():
    def countries_of(people: list[Argument], city: str, state: str) -> list[str]:
        c = candidate()
        c.people = people
        c.places = [Argument(city, {"prep=in": 1.0}, country=state)]
        c.countries = [Argument(code, {"rule": 1.0}) for code in ("CHL", state)]
        [ev] = decide.assemble([c], model())
        return ev.countries

    minister = Argument("Ana Ruiz", {"dist=0": 1.0}, country="CHL")
    nato = Argument("NATO", {"dist=0": 1.0})
    assert countries_of([minister, nato], "Brussels", "BEL") == ["CHL"]  # Belgium hosts NATO, not the talks
    assert countries_of([minister, nato], "Antwerp", "BEL") == ["CHL", "BEL"]  # elsewhere in Belgium
    belgian = Argument("Luc Peeters", {"dist=0": 1.0}, country="BEL")
    assert countries_of([minister, nato, belgian], "Brussels", "BEL") == ["CHL", "BEL"]  # one of its people takes part
