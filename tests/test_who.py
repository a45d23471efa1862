"""Who a role token names, alone: hand-built Docs (no model)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extractor import events, who
from extractor.names import NameIndex

VOCAB = spacy.blank("en").vocab
LEX = events.lexicon()


def test_a_role_token_names_a_person_a_body_or_states():
    # "Ana Ruiz met the EU and Japan and he said ..." (only the parse that matters here)
    words = ["Ana", "Ruiz", "met", "the", "EU", "and", "Japan", "."]
    d = Doc(VOCAB, words=words, pos=["PROPN", "PROPN", "VERB", "DET", "PROPN", "CCONJ", "PROPN", "PUNCT"],
            lemmas=["Ana", "Ruiz", "meet", "the", "EU", "and", "Japan", "."],
            deps=["compound", "nsubj", "ROOT", "det", "dobj", "cc", "conj", "punct"], heads=[1, 2, 2, 4, 2, 4, 4, 2],
            ents=["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O", "B-GPE", "O"],
            sent_starts=[True] + [False] * 7)
    people = who.People(NameIndex(d), LEX, {0: 0})
    assert people.participant(d[1])[0] == "Ana Ruiz"
    assert people.participant(d[4])[1] == "European Union"
    assert people.participant(d[6]) == (None, None, ["JPN"])
    assert [t.text for t in who.conjuncts(d[4])] == ["EU", "Japan"]


def test_states_that_act_at_the_gathering_took_part():
    # "Chile backed Peru at the talks ."
    words = ["Chile", "backed", "Peru", "at", "the", "talks", "."]
    d = Doc(VOCAB, words=words, pos=["PROPN", "VERB", "PROPN", "ADP", "DET", "NOUN", "PUNCT"],
            lemmas=["Chile", "back", "Peru", "at", "the", "talk", "."],
            deps=["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct"], heads=[1, 1, 1, 1, 5, 3, 1],
            ents=["B-GPE", "O", "B-GPE", "O", "O", "O", "O"], sent_starts=[True] + [False] * 6)
    assert who.setting_states(d[5]) == ["CHL", "PER"]
