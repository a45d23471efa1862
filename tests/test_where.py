"""The place reading of one mention, alone: pure functions over hand-built Docs (no model)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extractor import events, geo, where

VOCAB = spacy.blank("en").vocab
LEX = events.lexicon()


def doc(words, pos, deps, heads, ents, lemmas=None):
    return Doc(VOCAB, words=words, pos=pos, lemmas=lemmas or [w.lower() for w in words], deps=deps, heads=heads,
               ents=ents, sent_starts=[True] + [False] * (len(words) - 1))


def test_a_place_in_the_trigger_phrase_and_a_topic_that_is_none():
    d = doc(["Ruiz", "met", "Lind", "in", "Lima", "."], ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"],
            ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], [1, 1, 1, 1, 3, 1],
            ["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "O"], ["Ruiz", "meet", "Lind", "in", "Lima", "."])
    assert where.place_of(d[1], None, "meeting", LEX) == ("Lima", "PER", False)
    topic = doc(["talks", "on", "Peru"], ["NOUN", "ADP", "PROPN"], ["ROOT", "prep", "pobj"], [0, 0, 1],
                ["O", "O", "B-GPE"], ["talk", "on", "Peru"])
    assert where.place_of(topic[0], None, "talks", LEX) is None  # "talks on Peru" name a topic


def test_here_is_the_dateline_and_says_so():
    d = doc(["Ruiz", "held", "talks", "here", "."], ["PROPN", "VERB", "NOUN", "ADV", "PUNCT"],
            ["nsubj", "ROOT", "dobj", "advmod", "punct"], [1, 1, 1, 1, 1],
            ["B-PERSON", "O", "O", "O", "O"], ["Ruiz", "hold", "talk", "here", "."])
    assert where.place_of(d[2], d[1], "talks", LEX, ("Lima", "PER")) == ("Lima", "PER", True)
    assert where.place_of(d[2], d[1], "talks", LEX) is None  # no dateline: "here" is nowhere


def test_a_gathering_is_where_its_attendee_arrived():
    # "Ruiz arrived in Lima to attend the summit ."
    d = doc(["Ruiz", "arrived", "in", "Lima", "to", "attend", "the", "summit", "."],
            ["PROPN", "VERB", "ADP", "PROPN", "PART", "VERB", "DET", "NOUN", "PUNCT"],
            ["nsubj", "ROOT", "prep", "pobj", "aux", "advcl", "det", "dobj", "punct"],
            [1, 1, 1, 2, 5, 1, 7, 5, 1],
            ["B-PERSON", "O", "O", "B-GPE", "O", "O", "O", "O", "O"],
            ["Ruiz", "arrive", "in", "Lima", "to", "attend", "the", "summit", "."])
    assert where.attended_from(d[7], LEX) == ("Lima", "PER", False)
    assert where.np_codes(d[3]) == []  # a city names no state
    np = doc(["his", "Peruvian", "counterpart"], ["PRON", "ADJ", "NOUN"], ["poss", "amod", "ROOT"], [2, 2, 2],
             ["O", "B-NORP", "O"])
    assert where.np_codes(np[2]) == ["PER"]


def test_a_place_takes_the_state_named_right_after_it():
    # "Ruiz met Lind in Zqville, Peru": the town is unknown, the state after the comma is not
    d = doc(["Ruiz", "met", "Lind", "in", "Zqville", ",", "Peru", "."],
            ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"],
            ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "appos", "punct"], [1, 1, 1, 1, 3, 4, 4, 1],
            ["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "O", "B-GPE", "O"])
    assert where.place_of(d[1], None, "meeting", LEX) == ("Zqville", "PER", False)
    assert where.ent_code(d.ents[2]) == "PER"
    # a district the tables do not hold takes its city's state
    assert geo.place_code("Washington, DC") == "USA" and geo.place_code("Zqville, Ohio") == "USA"
