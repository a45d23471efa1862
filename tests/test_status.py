"""The status and hedges stage read alone: pure functions over hand-built Docs (no model)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extractor import events, status

VOCAB = spacy.blank("en").vocab
LEX = events.lexicon()


def doc(words, pos, tags, lemmas, deps, heads, ents=None):
    return Doc(VOCAB, words=words, pos=pos, tags=tags, lemmas=lemmas, deps=deps, heads=heads,
               ents=ents or ["O"] * len(words), sent_starts=[True] + [False] * (len(words) - 1))


def test_the_tense_of_the_trigger_verb_gives_the_status():
    will = doc(["Ruiz", "will", "meet", "Lind", "."], ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
               ["NNP", "MD", "VB", "NNP", "."], ["Ruiz", "will", "meet", "Lind", "."],
               ["nsubj", "aux", "ROOT", "dobj", "punct"], [2, 2, 2, 2, 2])
    assert status.status_of(will[2], None, LEX) == ("planned", None)
    met = doc(["Ruiz", "met", "Lind", "."], ["PROPN", "VERB", "PROPN", "PUNCT"], ["NNP", "VBD", "NNP", "."],
              ["Ruiz", "meet", "Lind", "."], ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1])
    assert status.status_of(met[1], None, LEX) == ("occurred", None)
    meeting = doc(["Ruiz", "is", "meeting", "Lind", "."], ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
                  ["NNP", "VBZ", "VBG", "NNP", "."], ["Ruiz", "be", "meet", "Lind", "."],
                  ["nsubj", "aux", "ROOT", "dobj", "punct"], [2, 2, 2, 2, 2])
    assert status.tense(meeting[2], LEX) == "ongoing"


def test_a_past_verb_joined_to_a_plan_is_done_and_a_bare_one_shares_the_plan():
    # "Ruiz agreed to sign it and then met Lind ." : the parser joins "met" to "sign"
    words = ["Ruiz", "agreed", "to", "sign", "it", "and", "then", "met", "Lind", "."]
    pos = ["PROPN", "VERB", "PART", "VERB", "PRON", "CCONJ", "ADV", "VERB", "PROPN", "PUNCT"]
    lemmas = ["Ruiz", "agree", "to", "sign", "it", "and", "then", "meet", "Lind", "."]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "dobj", "cc", "advmod", "conj", "dobj", "punct"]
    heads = [1, 1, 3, 1, 3, 3, 7, 3, 7, 1]
    done = doc(words, pos, ["NNP", "VBD", "TO", "VB", "PRP", "CC", "RB", "VBD", "NNP", "."], lemmas, deps, heads)
    assert status.tense(done[7], LEX) == "occurred"
    # "Ruiz agreed to sign it and then meet Lind ." : the bare verb is part of the plan
    plan = doc(words, pos, ["NNP", "VBD", "TO", "VB", "PRP", "CC", "RB", "VB", "NNP", "."], lemmas, deps, heads)
    assert status.tense(plan[7], LEX) == "planned"


def test_a_governing_verb_cancels_and_a_modifier_sets_apart():
    # "The planned talks were cancelled ."
    d = doc(["The", "planned", "talks", "were", "cancelled", "."], ["DET", "ADJ", "NOUN", "AUX", "VERB", "PUNCT"],
            ["DT", "JJ", "NNS", "VBD", "VBN", "."], ["the", "planned", "talk", "be", "cancel", "."],
            ["det", "amod", "nsubjpass", "auxpass", "ROOT", "punct"], [2, 2, 4, 4, 4, 4])
    st, cue = status.status_of(d[2], d[4], LEX)
    assert cue == "cancelled" and st == "planned"


def test_a_cancel_that_is_only_threatened_refused_or_hedged_cancels_nothing():
    # "Ruiz threatened to cancel the talks ." / "Ruiz decided to cancel the talks ."
    for governor, lemma, cancels in (("threatened", "threaten", False), ("refused", "refuse", False),
                                     ("decided", "decide", True)):
        d = doc(["Ruiz", governor, "to", "cancel", "the", "talks", "."],
                ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"],
                ["NNP", "VBD", "TO", "VB", "DT", "NNS", "."], ["Ruiz", lemma, "to", "cancel", "the", "talk", "."],
                ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"], [1, 1, 3, 1, 5, 3, 1])
        assert status.status_of(d[5], d[3], LEX)[1] == ("cancelled" if cancels else None), governor
    # "Ruiz may cancel the talks ."
    d = doc(["Ruiz", "may", "cancel", "the", "talks", "."], ["PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT"],
            ["NNP", "MD", "VB", "DT", "NNS", "."], ["Ruiz", "may", "cancel", "the", "talk", "."],
            ["nsubj", "aux", "ROOT", "det", "dobj", "punct"], [2, 2, 2, 4, 2, 2])
    assert status.status_of(d[4], d[2], LEX)[1] is None


def test_a_plan_in_the_past_perfect_or_a_perfect_infinitive_after_be_was_not_kept():
    # "Ruiz had been due to travel ." : the plan was not kept
    d = doc(["Ruiz", "had", "been", "due", "to", "travel", "."], ["PROPN", "AUX", "AUX", "ADJ", "PART", "VERB", "PUNCT"],
            ["NNP", "VBD", "VBN", "JJ", "TO", "VB", "."], ["Ruiz", "have", "be", "due", "to", "travel", "."],
            ["nsubj", "aux", "ROOT", "acomp", "aux", "xcomp", "punct"], [2, 2, 2, 2, 5, 3, 2])
    assert status.status_of(d[5], None, LEX)[1] == "cancelled"
    # "Ruiz has been due to travel ." : a plan still standing
    d = doc(["Ruiz", "has", "been", "due", "to", "travel", "."], ["PROPN", "AUX", "AUX", "ADJ", "PART", "VERB", "PUNCT"],
            ["NNP", "VBZ", "VBN", "JJ", "TO", "VB", "."], ["Ruiz", "have", "be", "due", "to", "travel", "."],
            ["nsubj", "aux", "ROOT", "acomp", "aux", "xcomp", "punct"], [2, 2, 2, 2, 5, 3, 2])
    assert status.status_of(d[5], None, LEX) == ("planned", None)
    # "Ruiz was to have met Lind ."
    words = ["Ruiz", "was", "to", "have", "met", "Lind", "."]
    pos = ["PROPN", "AUX", "PART", "AUX", "VERB", "PROPN", "PUNCT"]
    tags = ["NNP", "VBD", "TO", "VB", "VBN", "NNP", "."]
    lemmas = ["Ruiz", "be", "to", "have", "meet", "Lind", "."]
    deps = ["nsubj", "ROOT", "aux", "aux", "xcomp", "dobj", "punct"]
    d = doc(words, pos, tags, lemmas, deps, [1, 1, 4, 4, 1, 4, 1])
    assert status.status_of(d[4], None, LEX)[1] == "cancelled"
    # "Ruiz had planned to meet Lind but the meeting was postponed ." : put off, not called off
    words = ["Ruiz", "had", "planned", "to", "meet", "Lind", "but", "the", "meeting", "was", "postponed", "."]
    pos = ["PROPN", "AUX", "VERB", "PART", "VERB", "PROPN", "CCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    tags = ["NNP", "VBD", "VBN", "TO", "VB", "NNP", "CC", "DT", "NN", "VBD", "VBN", "."]
    lemmas = ["Ruiz", "have", "plan", "to", "meet", "Lind", "but", "the", "meeting", "be", "postpone", "."]
    deps = ["nsubj", "aux", "ROOT", "aux", "xcomp", "dobj", "cc", "det", "nsubjpass", "auxpass", "conj", "punct"]
    d = doc(words, pos, tags, lemmas, deps, [2, 2, 2, 4, 2, 4, 2, 8, 10, 10, 2, 2])
    assert status.status_of(d[4], None, LEX)[1] == "postponed"


def test_hedges_bear_on_the_trigger_and_a_name_hedges_nothing():
    # "May reportedly met Lind ." (May a person's name, not the modal)
    d = doc(["May", "reportedly", "met", "Lind", "."], ["PROPN", "ADV", "VERB", "PROPN", "PUNCT"],
            ["NNP", "RB", "VBD", "NNP", "."], ["May", "reportedly", "meet", "Lind", "."],
            ["nsubj", "advmod", "ROOT", "dobj", "punct"], [2, 2, 2, 2, 2],
            ents=["B-PERSON", "O", "O", "B-PERSON", "O"])
    assert status.hedges_of(d[2], LEX, named={0, 3}) == ["reportedly"]
    assert status.verb_above(d[3]).i == 2


def test_a_word_that_starts_the_event_is_read_and_a_negated_or_modal_start_is_not():
    # "The envoys opened the conference ." / "... did not open ..." / "... may open ..."
    for aux, tag, begins in ((None, None, True), ("not", "RB", False), ("may", "MD", False)):
        words = ["The", "envoys"] + ([aux] if aux else []) + ["opened", "the", "conference", "."]
        n = len(words)
        v = 3 if aux else 2
        pos = ["DET", "NOUN"] + (["PART" if aux == "not" else "AUX"] if aux else []) + ["VERB", "DET", "NOUN", "PUNCT"]
        tags = ["DT", "NNS"] + ([tag] if aux else []) + ["VBD", "DT", "NN", "."]
        lemmas = ["the", "envoy"] + ([aux] if aux else []) + ["open", "the", "conference", "."]
        deps = ["det", "nsubj"] + (["neg" if aux == "not" else "aux"] if aux else []) + ["ROOT", "det", "dobj", "punct"]
        heads = [1, v] + ([v] if aux else []) + [v, n - 2, v, v]
        d = doc(words, pos, tags, lemmas, deps, heads)
        assert status.begun(d[n - 2], LEX) is begins, aux
    # "Ruiz arrived in Lima ." : the arrival word itself starts the stay; "Ruiz met Lind ." does not
    arrived = doc(["Ruiz", "arrived", "in", "Lima", "."], ["PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
                  ["NNP", "VBD", "IN", "NNP", "."], ["Ruiz", "arrive", "in", "Lima", "."],
                  ["nsubj", "ROOT", "prep", "pobj", "punct"], [1, 1, 1, 2, 1])
    assert status.begun(arrived[1], LEX)
    met = doc(["Ruiz", "met", "Lind", "."], ["PROPN", "VERB", "PROPN", "PUNCT"], ["NNP", "VBD", "NNP", "."],
              ["Ruiz", "meet", "Lind", "."], ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1])
    assert not status.begun(met[1], LEX)
