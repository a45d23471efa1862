"""The date reading of one mention, alone: pure functions over hand-built Docs (no model)."""
from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from extractor import events, when
from extractor.records import DateMention

VOCAB = spacy.blank("en").vocab
LEX = events.lexicon()
MONDAY, MAY = dt.date(2021, 5, 3), dt.date(2021, 5, 1)


def doc(words, pos, deps, heads, lemmas):
    return Doc(VOCAB, words=words, pos=pos, lemmas=lemmas, deps=deps, heads=heads,
               sent_starts=[True] + [False] * (len(words) - 1))


def mention(d, i, start, end=None):
    tok = d[i]
    return DateMention(tok.text, tok.idx, tok.idx + len(tok.text), start, end or start, "day")


def test_the_date_tied_to_the_trigger_not_the_one_a_reporting_verb_holds():
    # "Ruiz met Lind on Monday , aides said Tuesday ."
    words = ["Ruiz", "met", "Lind", "on", "Monday", ",", "aides", "said", "Tuesday", "."]
    d = doc(words, ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT", "NOUN", "VERB", "PROPN", "PUNCT"],
            ["nsubj", "ccomp", "dobj", "prep", "pobj", "punct", "nsubj", "ROOT", "npadvmod", "punct"],
            [1, 7, 1, 1, 3, 7, 7, 7, 7, 7],
            ["Ruiz", "meet", "Lind", "on", "Monday", ",", "aide", "say", "Tuesday", "."])
    monday, tuesday = mention(d, 4, MONDAY), mention(d, 8, MONDAY + dt.timedelta(days=1))
    assert when.date_of(d[1], None, [tuesday, monday], LEX) == (monday, False)
    assert when.attachment(d[8].head, {1}, LEX) is None  # a reporting verb holds "Tuesday"
    assert when.date_of(d[1], None, [tuesday], LEX) == (None, True)  # the announcement's day is not the event's


def test_a_date_the_trigger_clause_holds_and_time_slots():
    # "Talks followed days later ."
    d = doc(["Talks", "followed", "days", "later", "."], ["NOUN", "VERB", "NOUN", "ADV", "PUNCT"],
            ["nsubj", "ROOT", "npadvmod", "advmod", "punct"], [1, 1, 3, 1, 1],
            ["talk", "follow", "day", "later", "."])
    later = DateMention("days later", d[2].idx, d[3].idx + 5, MAY, MAY, "day")
    assert when.date_of(d[0], None, [later], LEX) == (later, False)  # through the trigger's own verb
    assert when.date_of(d[0], None, [later], LEX, dateline_end=30) == (None, True)  # a dateline's date is none
    assert when.time_slot(d[3]) and not when.time_slot(d[0])
