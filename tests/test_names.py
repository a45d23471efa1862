"""Name resolution on hand-built Docs (no model needed)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extractor.names import NameIndex, body_name, is_title_word

VOCAB = spacy.blank("en").vocab


def make_doc(words, pos, deps, heads, ents, spaces=None):
    return Doc(VOCAB, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, ents=ents)


def two_kims() -> Doc:
    words = ["Kim", "Jong-un", "received", "Kim", "Yong-chol", ".", "Later", "Kim", "left", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "ADV", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "advmod", "nsubj", "ROOT", "punct"]
    heads = [1, 2, 2, 4, 2, 2, 8, 8, 8, 8]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"]
    return make_doc(words, pos, deps, heads, ents)


def test_bare_surname_takes_the_nearest_preceding_full_name():
    idx = NameIndex(two_kims())
    assert idx.resolve("Kim", 7) == "Kim Yong-chol"
    assert idx.name_at(idx.doc[7]) == "Kim Yong-chol"


def test_bare_surname_before_any_full_name_takes_the_next_one():
    idx = NameIndex(two_kims())
    assert idx.resolve("Kim", 0) == "Kim Jong-un"


def test_a_name_tagged_person_once_is_a_person_everywhere():
    words = ["Ann", "Lee", "spoke", ".", "Lee", "left", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"]
    heads = [1, 2, 2, 2, 5, 5, 5]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "O"]  # the second "Lee" mislabelled
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.name_at(idx.doc[4]) == "Ann Lee"


def test_a_name_in_a_capitalised_headline_keeps_only_the_words_of_a_name_in_the_text():
    # "BERG EXPECTS TALKS" tagged a person in the headline; the text names Anna Berg; "OSLO VOTE" names nobody
    words = ["BERG", "EXPECTS", "TALKS", "\n\n", "OSLO", "VOTE", "NEAR", "\n\n", "Anna", "Berg", "spoke", "."]
    pos = ["PROPN", "PROPN", "PROPN", "SPACE", "PROPN", "PROPN", "ADJ", "SPACE", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "compound", "ROOT", "dep", "compound", "ROOT", "amod", "dep", "compound", "nsubj", "ROOT",
            "punct"]
    heads = [2, 2, 2, 2, 5, 5, 5, 5, 9, 10, 10, 10]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert set(idx.people) == {"Anna Berg"}
    assert idx.name_at(idx.doc[0]) == "Anna Berg" and idx.name_at(idx.doc[1]) is None
    assert idx.name_at(idx.doc[4]) is None and idx.name_at(idx.doc[9]) == "Anna Berg"
    # an article in capitals throughout keeps its names
    shouted = [w.upper() for w in words]
    idx = NameIndex(make_doc(shouted, pos, deps, heads, ents))
    assert "ANNA BERG" in idx.people


def test_a_state_opening_a_tagged_name_describes_the_person():
    # the tagger's "Danish Queen Ingrid Sol" and "Peru Ana Ruiz": the state and title are said of the person
    words = ["Danish", "Queen", "Ingrid", "Sol", "met", "Peru", "Ana", "Ruiz", "."]
    pos = ["ADJ", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PROPN", "PUNCT"]
    deps = ["amod", "compound", "compound", "nsubj", "ROOT", "compound", "compound", "dobj", "punct"]
    heads = [3, 3, 3, 4, 4, 7, 7, 4, 4]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert set(idx.people) == {"Ingrid Sol", "Ana Ruiz"}
    assert (idx.people["Ingrid Sol"].title, idx.people["Ingrid Sol"].country) == ("Danish Queen", "DNK")
    # a state's word with one word after it may be the name itself ("Jordan Lee"): left alone
    words = ["Jordan", "Lee", "spoke", "."]
    idx = NameIndex(make_doc(words, ["PROPN", "PROPN", "VERB", "PUNCT"], ["compound", "nsubj", "ROOT", "punct"],
                             [1, 2, 2, 2], ["B-PERSON", "I-PERSON", "O", "O"]))
    assert set(idx.people) == {"Jordan Lee"}


def test_a_news_agency_in_parentheses_is_a_source_not_a_person():
    words = ["Ann", "Lee", "spoke", ".", "(", "Yonhap", ")"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PUNCT", "PROPN", "PUNCT"]
    deps = ["compound", "nsubj", "ROOT", "punct", "punct", "ROOT", "punct"]
    heads = [1, 2, 2, 2, 5, 5, 5]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert set(idx.people) == {"Ann Lee"}


def test_titles_and_bodies_come_from_data():
    assert is_title_word("counterpart") and is_title_word("Prime Minister")
    assert not is_title_word("banana")
    assert body_name("NATO") == "North Atlantic Treaty Organization"
    assert body_name("Acme Corp") is None


def test_an_untagged_country_after_of_gives_the_persons_state():
    words = ["President", "Ana", "Ruiz", "of", "Peru", "spoke", "."]
    pos = ["PROPN", "PROPN", "PROPN", "ADP", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "compound", "nsubj", "prep", "pobj", "ROOT", "punct"]
    heads = [2, 2, 5, 2, 3, 5, 5]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"]  # "Peru" left untagged
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.person("Ana Ruiz").country == "PER"


def test_a_state_a_post_deals_with_is_not_its_holders_state():
    # "Peruvian Ambassador to Chile Ana Ruiz": Peruvian, not Chilean; with no demonym, no state at all
    words = ["Peruvian", "Ambassador", "to", "Chile", "Ana", "Ruiz", "spoke", "."]
    pos = ["ADJ", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["amod", "nmod", "prep", "pobj", "compound", "nsubj", "ROOT", "punct"]
    heads = [1, 5, 1, 2, 5, 6, 6, 6]
    ents = ["B-NORP", "O", "O", "B-GPE", "B-PERSON", "I-PERSON", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.person("Ana Ruiz").country == "PER"
    idx = NameIndex(make_doc(words[1:], pos[1:], deps[1:], [h - 1 for h in heads[1:]], ["O", *ents[2:]]))
    assert idx.person("Ana Ruiz").country is None
    assert idx.person("Ana Ruiz").title.startswith("Ambassador")


def test_a_name_broken_over_two_lines_is_one_line():
    # wire copy wraps its lines inside names, and some sites join names with a no-break space
    idx = NameIndex(make_doc(["Ana", "\n", "Ruiz", "met", "Kenji\u00a0Mori", "."],
                             ["PROPN", "SPACE", "PROPN", "VERB", "PROPN", "PUNCT"],
                             ["compound", "dep", "nsubj", "ROOT", "dobj", "punct"], [2, 2, 3, 3, 3, 3],
                             ["B-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "O"],
                             spaces=[False, False, True, True, False, False]))
    assert set(idx.people) == {"Ana Ruiz", "Kenji Mori"}


def test_a_photo_credit_glued_to_a_name_is_no_part_of_it():
    words = ["Jana", "Vlk", "/", "AFP", "/", "Getty", "Images", "Kenji", "Mori", "spoke", "."]
    heads = [8, 8, 8, 8, 8, 6, 8, 8, 9, 9, 9]
    deps = ["compound"] * 8 + ["nsubj", "ROOT", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    ents = ["B-PERSON"] + ["I-PERSON"] * 8 + ["O", "O"]
    assert set(NameIndex(make_doc(words, pos, deps, heads, ents)).people) == {"Kenji Mori"}
    # a credit tagged as a person on its own is nobody
    words = ["Jana", "Vlk", "/", "Reuters", "spoke", "."]
    idx = NameIndex(make_doc(words, ["PROPN"] * 4 + ["VERB", "PUNCT"], ["compound"] * 3 + ["nsubj", "ROOT", "punct"],
                             [3, 3, 3, 4, 4, 4], ["B-PERSON"] + ["I-PERSON"] * 3 + ["O", "O"]))
    assert not idx.people


def test_a_name_the_tagger_ends_on_a_particle_runs_on_to_the_family_name():
    # "Ana von der Ruiz" tagged as "Ana von" and a place "Ruiz"
    words = ["Ana", "von", "der", "Ruiz", "spoke", "."]
    idx = NameIndex(make_doc(words, ["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
                             ["compound", "compound", "compound", "nsubj", "ROOT", "punct"], [3, 3, 3, 4, 4, 4],
                             ["B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O"]))
    assert set(idx.people) == {"Ana von der Ruiz"}


def test_a_photographers_name_credited_after_a_slash_is_nobody():
    words = ["Jana", "Vlk", "/", "Reuters", "Ana", "Ruiz", "spoke", "."]
    idx = NameIndex(make_doc(words, ["PROPN"] * 6 + ["VERB", "PUNCT"], ["compound"] * 5 + ["nsubj", "ROOT", "punct"],
                             [5, 5, 5, 5, 5, 6, 6, 6], ["B-PERSON", "I-PERSON", "O", "B-ORG", "B-PERSON", "I-PERSON", "O", "O"],
                             spaces=[True, False, False, True, True, True, False, False]))
    assert set(idx.people) == {"Ana Ruiz"}


def test_the_author_named_by_a_byline_is_nobody():
    def people(words, spaces):
        n = len(words)
        pos = ["PROPN" if w[:1].isupper() else "SPACE" if w.isspace() else "ADP" for w in words]
        ents = ["B-PERSON" if w in ("Ana", "Kenji") else "I-PERSON" if w in ("Ruiz", "Mori") else "O" for w in words]
        return set(NameIndex(make_doc(words, pos, ["dep"] * n, list(range(n)), ents, spaces=spaces)).people)

    # a headline ending with its author, then the story
    head = ["Talks", "resume", "by", "Ana", "Ruiz", "\n\n", "Kenji", "Mori", "spoke"]
    assert people(head, [True, True, True, True, False, False, True, True, False]) == {"Kenji Mori"}
    # "by" a name far into the story is no byline ("hosted by ...")
    body = ["Talks", "\n\n", "\n\n", "\n\n", "\n\n", "hosted", "by", "Ana", "Ruiz", "\n\n", "Kenji", "Mori"]
    assert people(body, [False] * 5 + [True, True, True, False, False, True, False]) == {"Ana Ruiz", "Kenji Mori"}


def test_a_short_name_said_of_another_state_is_not_the_full_name_it_ends():
    # "Minister Hussein of Jordan met Bush . Iraq 's Saddam Hussein left ."
    words = ["Minister", "Hussein", "of", "Jordan", "met", "Bush", ".", "Iraq", "'s", "Saddam", "Hussein", "left", "."]
    pos = ["PROPN", "PROPN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "PART", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct", "poss", "case", "compound", "nsubj", "ROOT",
            "punct"]
    heads = [1, 4, 1, 2, 4, 4, 4, 10, 7, 10, 11, 11, 11]
    ents = ["O", "B-PERSON", "O", "B-GPE", "O", "B-PERSON", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.resolve("Hussein", 1) == "Hussein" and idx.people["Hussein"].country == "JOR"
    assert idx.people["Saddam Hussein"].country == "IRQ"
    # the same short name under the same title later on is still the minister
    more = words + ["Minister", "Hussein", "spoke", "."]
    idx = NameIndex(make_doc(more, pos + ["PROPN", "PROPN", "VERB", "PUNCT"], deps + ["compound", "nsubj", "ROOT", "punct"],
                             heads + [14, 15, 15, 15], ents + ["O", "B-PERSON", "O", "O"]))
    assert idx.resolve("Hussein", 14) == "Hussein"
    # said of no state, or of the same one, the short name is the full name's
    words[3], ents[3] = "Iraq", "B-GPE"
    assert NameIndex(make_doc(words, pos, deps, heads, ents)).resolve("Hussein", 1) == "Saddam Hussein"


def test_two_family_names_joined_by_a_hyphen_are_two_people():
    # "Ana Ruiz met Kenji Mori . The Ruiz-Mori talks ended ."
    words = ["Ana", "Ruiz", "met", "Kenji", "Mori", ".", "The", "Ruiz", "-", "Mori", "talks", "ended", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "DET", "PROPN", "PUNCT", "PROPN", "NOUN", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "det", "compound", "punct", "compound", "nsubj",
            "ROOT", "punct"]
    heads = [1, 2, 2, 4, 2, 2, 10, 9, 9, 10, 11, 11, 11]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O",
            "O"]
    spaces = [True, True, True, True, False, True, True, False, False, True, True, False, False]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents, spaces=spaces))
    assert set(idx.people) == {"Ana Ruiz", "Kenji Mori"}
    assert idx.resolve(idx.token_name[7], 7) == "Ana Ruiz" and idx.resolve(idx.token_name[9], 9) == "Kenji Mori"
    # a hyphenated family name of one person stays whole ("Lee Kim-Park")
    words[7:10], words[3:5] = ["Kim", "-", "Park"], ["Lee", "Kim"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents, spaces=spaces))
    assert "Kim-Park" in idx.people


def test_a_person_described_by_an_occupation_outside_politics_is_marked():
    # "basketball player Ana Ruiz met Kenji Mori , the actor , and President Sam Lee ."
    words = ["basketball", "player", "Ana", "Ruiz", "met", "Kenji", "Mori", ",", "the", "actor", ",", "and",
             "President", "Sam", "Lee", "."]
    pos = ["NOUN", "NOUN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "CCONJ",
           "PROPN", "PROPN", "PROPN", "PUNCT"]
    deps = ["compound", "compound", "compound", "nsubj", "ROOT", "compound", "dobj", "punct", "det", "appos", "punct",
            "cc", "compound", "compound", "conj", "punct"]
    heads = [1, 3, 3, 4, 4, 6, 4, 6, 9, 6, 6, 6, 14, 14, 6, 4]
    ents = ["O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "B-PERSON",
            "I-PERSON", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert {n: p.outside_politics for n, p in idx.people.items()} == {"Ana Ruiz": True, "Kenji Mori": True,
                                                                       "Sam Lee": False}


def test_proper_nouns_right_after_a_title_are_a_name_the_tagger_missed():
    # "President Ana Ruiz met France ." with no entity on "Ana Ruiz"; one word after a title,
    # or words tagged as a state, stay no person
    words = ["President", "Ana", "Ruiz", "met", "President", "France", "."]
    pos = ["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"]
    deps = ["compound", "compound", "nsubj", "ROOT", "compound", "dobj", "punct"]
    heads = [2, 2, 3, 3, 5, 3, 3]
    ents = ["O", "O", "O", "O", "O", "B-GPE", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert list(idx.people) == ["Ana Ruiz"]
    assert idx.name_at(idx.doc[2]) == "Ana Ruiz" and idx.name_at(idx.doc[5]) is None


def test_an_untagged_name_after_a_title_stays_whole_when_coordinated_with_a_tagged_one():
    # only "Marco Diaz" tagged: "Ruiz", coordinated with him, is not taken alone
    doc = make_doc("President Ana Ruiz and President Marco Diaz met .".split(),
                   ["PROPN"] * 3 + ["CCONJ"] + ["PROPN"] * 3 + ["VERB", "PUNCT"],
                   "compound compound nsubj cc compound compound conj ROOT punct".split(),
                   [2, 2, 7, 2, 6, 6, 2, 7, 7], ["O"] * 5 + ["B-PERSON", "I-PERSON", "O", "O"])
    idx = NameIndex(doc)
    assert sorted(idx.people) == ["Ana Ruiz", "Marco Diaz"] and idx.name_at(doc[2]) == "Ana Ruiz"


def _rows(*rows: tuple[str, str, str, int, str]) -> Doc:
    words, pos, deps, heads, ents = (list(x) for x in zip(*rows))
    return make_doc(words, pos, deps, heads, ents)


def test_a_well_known_figure_named_without_a_state_takes_the_gazetteers():
    # the gazetteer fills only what the article leaves open
    idx = NameIndex(_rows(("Vladimir", "PROPN", "compound", 1, "B-PERSON"), ("Putin", "PROPN", "nsubj", 5, "I-PERSON"),
                          ("and", "CCONJ", "cc", 1, "O"), ("Ann", "PROPN", "compound", 4, "B-PERSON"),
                          ("Lee", "PROPN", "conj", 1, "I-PERSON"), ("spoke", "VERB", "ROOT", 5, "O"),
                          (".", "PUNCT", "punct", 5, "O")))
    assert idx.person("Vladimir Putin").country == "RUS"
    assert idx.person("Ann Lee").country is None  # not a figure the gazetteer knows
    idx = NameIndex(_rows(("French", "ADJ", "amod", 1, "B-NORP"), ("envoy", "NOUN", "compound", 3, "O"),
                          ("Vladimir", "PROPN", "compound", 3, "B-PERSON"), ("Putin", "PROPN", "nsubj", 4, "I-PERSON"),
                          ("spoke", "VERB", "ROOT", 4, "O"), (".", "PUNCT", "punct", 4, "O")))
    assert idx.person("Vladimir Putin").country == "FRA"  # the article's word wins


def test_the_second_half_of_a_hyphenated_given_name_stays_with_the_name():
    # the tagger stops at "Jae" when the second half reads as the preposition "in"
    words = ["Ha", "Jae", "-", "in", "met", "Ito", "."]
    spaces = [True, False, False, True, True, False, False]
    doc = Doc(VOCAB, words=words, spaces=spaces, pos=["PROPN", "PROPN", "PUNCT", "ADP", "VERB", "PROPN", "PUNCT"],
              deps=["compound", "nsubj", "punct", "prep", "ROOT", "dobj", "punct"], heads=[1, 4, 4, 4, 4, 4, 4],
              ents=["B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O"])
    assert set(NameIndex(doc).people) == {"Ha Jae-in", "Ito"}


def test_a_possessive_read_as_a_verb_is_not_part_of_the_name():
    words = ["Ona", "Vey", "\u2019s", "cabinet", "met", "."]
    doc = Doc(VOCAB, words=words, spaces=[True, False, True, True, False, False],
              pos=["PROPN", "PROPN", "VERB", "NOUN", "VERB", "PUNCT"], tags=["NNP", "NNP", "VBZ", "NN", "VBD", "."],
              deps=["compound", "nsubj", "ROOT", "attr", "ROOT", "punct"], heads=[1, 2, 2, 2, 4, 4],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"])
    assert list(NameIndex(doc).people) == ["Ona Vey"]


def test_a_name_ends_at_its_possessive():
    words = ["Ona", "Vey", "\u2019s", "March", "visit", "ended", "."]
    doc = Doc(VOCAB, words=words, spaces=[True, False, True, True, True, False, False],
              pos=["PROPN", "PROPN", "PART", "PROPN", "NOUN", "VERB", "PUNCT"],
              tags=["NNP", "NNP", "POS", "NNP", "NN", "VBD", "."],
              deps=["compound", "poss", "case", "compound", "nsubj", "ROOT", "punct"], heads=[1, 4, 1, 4, 5, 5, 5],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"])
    assert list(NameIndex(doc).people) == ["Ona Vey"]


def test_an_abbreviated_weekday_tagged_as_a_person_is_no_person():
    words = ["They", "met", "on", "Thurs", ".", "with", "Ona", "Vey", "."]
    doc = Doc(VOCAB, words=words, spaces=[True, True, True, False, True, True, True, False, False],
              pos=["PRON", "VERB", "ADP", "PROPN", "PUNCT", "ADP", "PROPN", "PROPN", "PUNCT"],
              deps=["nsubj", "ROOT", "prep", "pobj", "punct", "prep", "compound", "pobj", "punct"],
              heads=[1, 1, 1, 2, 1, 1, 7, 5, 1],
              ents=["O", "O", "O", "B-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O"])
    assert list(NameIndex(doc).people) == ["Ona Vey"]


def test_a_name_the_tagger_cut_short_runs_to_the_proper_noun_it_compounds_into():
    # "Lin Tao" tagged, "Mei Hua" left out, though "Tao" attaches to "Hua": one name of four words
    words = ["leader", "Lin", "Tao", "Mei", "Hua", "met", "Ito", "."]
    doc = make_doc(words, ["NOUN", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"],
                   ["compound", "compound", "compound", "compound", "nsubj", "ROOT", "dobj", "punct"],
                   [4, 4, 4, 4, 5, 5, 5, 5], ["O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O"])
    assert set(NameIndex(doc).people) == {"Lin Tao Mei Hua", "Ito"}


def _parsed(text: str) -> Doc:
    """A Doc from "word/POS/dep/head/entity" tokens separated by spaces (as the tagger read a sentence)."""
    return _rows(*((w, p, d, int(h), e) for w, p, d, h, e in (t.rsplit("/", 4) for t in text.split())))


def test_a_datelines_day_before_its_dash_is_no_part_of_the_title():
    # the tagger reads the day, the dash and the words after it as one date entity under the name
    idx = NameIndex(_parsed(
        "LIMA/PROPN/ROOT/0/B-GPE ,/PUNCT/punct/0/O May/PROPN/nmod/10/B-DATE 4/NUM/nummod/2/I-DATE "
        "-/PUNCT/punct/8/I-DATE Chilean/ADJ/amod/8/I-DATE Foreign/PROPN/compound/8/I-DATE Vice/PROPN/compound/8/O "
        "Minister/PROPN/compound/10/O Ana/PROPN/compound/10/B-PERSON Ruiz/PROPN/appos/0/I-PERSON "
        "spoke/VERB/ROOT/11/O ./PUNCT/punct/11/O"))
    person = idx.person("Ana Ruiz")
    assert person.title == "Chilean Foreign Vice Minister" and person.country == "CHL"



def test_a_dash_standing_alone_ends_a_name_the_tagger_ran_on():
    # a list of people, each followed by a dash and what became of them: the tagger takes in the next word
    idx = NameIndex(_parsed(
        "Ana/PROPN/compound/1/B-PERSON Ruiz/PROPN/nsubj/3/I-PERSON -/PUNCT/punct/3/I-PERSON "
        "resigned/VERB/ROOT/3/I-PERSON in/ADP/prep/3/O May/PROPN/pobj/4/B-DATE ./PUNCT/punct/3/O"))
    assert set(idx.people) == {"Ana Ruiz"}


def test_a_hyphen_inside_a_name_is_kept():
    words = ["Jean", "-", "Luc", "Brel", "spoke", "."]
    doc = Doc(VOCAB, words=words, spaces=[False, False, True, True, False, False],
              pos=["PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"],
              deps=["compound", "punct", "compound", "nsubj", "ROOT", "punct"], heads=[3, 3, 3, 4, 4, 4],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    assert set(NameIndex(doc).people) == {"Jean-Luc Brel"}


def test_a_name_the_tagger_joins_to_the_state_of_its_title_is_the_holders():
    # "Special Envoy for Syria Ana Ruiz": the tagger reads state and name as one group's name, and
    # the parse hangs the name off the title's preposition
    words = ["Special", "Envoy", "for", "Syria", "Ana", "Ruiz", "flew", "."]
    pos = ["PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "prep", "compound", "compound", "pobj", "ROOT", "punct"]
    idx = NameIndex(make_doc(words, pos, deps, [1, 6, 1, 5, 5, 2, 6, 6],
                             ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]))
    assert set(idx.people) == {"Ana Ruiz"}
    assert idx.person("Ana Ruiz").title == "Special Envoy for Syria"
    assert idx.person("Ana Ruiz").country is None  # the post deals with Syria
    # after "of" the tagger's reading stands: "the head of Peru Coffee Exports" is a group's name
    words = ["The", "head", "of", "Peru", "Coffee", "Exports", "spoke", "."]
    pos = ["DET", "NOUN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["det", "nsubj", "prep", "compound", "compound", "pobj", "ROOT", "punct"]
    ents = ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]
    assert not NameIndex(make_doc(words, pos, deps, [1, 6, 1, 5, 5, 2, 6, 6], ents)).people
    # nor is a demonym's phrase a person's ("the envoy for Peruvian Coffee Exports")
    words[1:3] = ["envoy", "for"]
    words[3] = "Peruvian"
    assert not NameIndex(make_doc(words, pos, deps, [1, 6, 1, 5, 5, 2, 6, 6], ents)).people


def test_a_name_in_apposition_to_a_title_takes_the_title():
    # "The U.S. ambassador to Rome Ana Ruiz greeted them": the name is the title's apposition;
    # the holder is American, and Rome is where the post is
    words = ["The", "U.S.", "ambassador", "to", "Rome", "Ana", "Ruiz", "greeted", "them", "."]
    pos = ["DET", "PROPN", "NOUN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "PUNCT"]
    deps = ["det", "compound", "nsubj", "prep", "pobj", "compound", "appos", "ROOT", "dobj", "punct"]
    ents = ["O", "B-GPE", "O", "O", "B-GPE", "B-PERSON", "I-PERSON", "O", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, [2, 2, 7, 2, 3, 6, 2, 7, 7, 7], ents))
    assert (idx.person("Ana Ruiz").title, idx.person("Ana Ruiz").country) == ("U.S. ambassador to Rome", "USA")


def test_a_preposition_or_ing_form_opening_the_sentence_is_no_part_of_the_name():
    # "Following Ana Ruiz's arrival, Kenji Mori spoke.": the tagger took the opening word into the name
    words = ["Following", "Ana", "Ruiz", "'s", "arrival", ",", "Kenji", "Mori", "spoke", "."]
    tags = ["VBG", "NNP", "NNP", "POS", "NN", ",", "NNP", "NNP", "VBD", "."]
    pos = ["VERB", "PROPN", "PROPN", "PART", "NOUN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["prep", "compound", "poss", "case", "pobj", "punct", "compound", "nsubj", "ROOT", "punct"]
    heads = [8, 2, 4, 2, 0, 8, 7, 8, 8, 8]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"]
    doc = Doc(VOCAB, words=words, tags=tags, pos=pos, deps=deps, heads=heads, ents=ents)
    assert set(NameIndex(doc).people) == {"Ana Ruiz", "Kenji Mori"}
    # a particle opening a name stays ("De Souza", tagged as a preposition)
    words = ["De", "Souza", "met", "Kenji", "Mori", "."]
    doc = Doc(VOCAB, words=words, tags=["IN", "NNP", "VBD", "NNP", "NNP", "."],
              pos=["ADP", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
              deps=["compound", "nsubj", "ROOT", "compound", "dobj", "punct"], heads=[1, 2, 2, 4, 2, 2],
              ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O"])
    assert set(NameIndex(doc).people) == {"De Souza", "Kenji Mori"}


def test_a_name_ends_at_the_full_stop_the_tokenizer_glued_to_its_last_word():
    # "Lee thanked Li Jun. Kenji Mori spoke.": "Jun." is read as June, and the sentence runs on
    words = ["Lee", "thanked", "Li", "Jun.", "Kenji", "Mori", "spoke", "."]
    doc = Doc(VOCAB, words=words, pos=["PROPN", "VERB", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
              deps=["nsubj", "ROOT", "compound", "compound", "compound", "dobj", "conj", "punct"],
              heads=[1, 1, 5, 5, 5, 1, 1, 1],
              ents=["B-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    assert "Li Jun" in set(NameIndex(doc).people)
    assert not any("." in name for name in NameIndex(doc).people)
    # initials and "Jr." stay in a name
    words = ["Ana", "J.", "Ruiz", "Jr.", "spoke", "."]
    doc = Doc(VOCAB, words=words, pos=["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
              deps=["compound", "compound", "compound", "nsubj", "ROOT", "punct"], heads=[3, 3, 3, 4, 4, 4],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    assert set(NameIndex(doc).people) == {"Ana J. Ruiz Jr."}


def test_a_state_run_into_the_family_name_of_a_person_named_in_full_is_no_part_of_it():
    # "Ana Ruiz met Li Wei . Aid for Peru Ruiz said .": a headline without its full stop ran into the
    # next sentence, and the tagger took "Peru Ruiz" for one name
    words = ["Ana", "Ruiz", "met", "Li", "Wei", ".", "Aid", "for", "Peru", "Ruiz", "said", "."]
    doc = Doc(VOCAB, words=words,
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PROPN", "VERB", "PUNCT"],
              deps=["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "ROOT", "prep", "compound", "pobj",
                    "relcl", "punct"],
              heads=[1, 2, 2, 4, 2, 2, 6, 6, 9, 7, 9, 6],
              ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"],
              sent_starts=[True, False, False, False, False, False, True, False, False, False, False, False])
    index = NameIndex(doc)
    assert set(index.people) == {"Ana Ruiz", "Li Wei"}
    assert index.token_name.get(8) is None and index.resolve(index.token_name[9], 9) == "Ana Ruiz"


def test_an_apposition_after_the_second_of_two_names_is_the_second_ones():
    # the parse hangs ", Norway's prime minister," on the first name of "Ana Ruiz and Karl Berg"
    words = ["Ana", "Ruiz", "and", "Karl", "Berg", ",", "Norway", "'s", "prime", "minister", ",", "met", "."]
    spaces = [True, True, True, True, False, True, False, True, True, False, True, False, False]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT", "PROPN", "PART", "ADJ", "NOUN", "PUNCT", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "cc", "compound", "conj", "punct", "poss", "case", "amod", "appos", "punct", "ROOT", "punct"]
    heads = [1, 11, 1, 4, 1, 1, 9, 6, 9, 1, 1, 11, 11]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O", "O", "O", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents, spaces))
    assert idx.person("Ana Ruiz").country is None and idx.person("Ana Ruiz").title is None
    assert idx.person("Karl Berg").country == "NOR"
    assert idx.person("Karl Berg").title == "Norway's prime minister"


def test_a_plural_title_before_coordinated_names_is_each_ones():
    words = ["Foreign", "Ministers", "Ali", "Demir", "and", "Luis", "Soto", "met", "."]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "compound", "compound", "nsubj", "cc", "compound", "conj", "ROOT", "punct"]
    heads = [1, 3, 3, 7, 3, 6, 3, 7, 7]
    ents = ["O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.person("Ali Demir").title == "Foreign Minister"
    assert idx.person("Luis Soto").title == "Foreign Minister"


def test_coordinated_states_before_as_many_coordinated_names_go_to_them_in_order():
    words = ["British", "and", "French", "ministers", "Ann", "Cole", "and", "Marc", "Petit", "met", "."]
    pos = ["ADJ", "CCONJ", "ADJ", "NOUN", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["amod", "cc", "conj", "compound", "compound", "nsubj", "cc", "compound", "conj", "ROOT", "punct"]
    heads = [3, 0, 0, 5, 5, 9, 5, 8, 5, 9, 9]
    ents = ["B-NORP", "O", "B-NORP", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert (idx.person("Ann Cole").country, idx.person("Marc Petit").country) == ("GBR", "FRA")
    assert idx.person("Ann Cole").title == idx.person("Marc Petit").title == "minister"


def test_the_state_nearest_the_office_is_the_holders():
    words = ["Iranian", "-", "backed", "Syrian", "President", "Omar", "Haddad", "spoke", "."]
    pos = ["ADJ", "PUNCT", "VERB", "ADJ", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    deps = ["npadvmod", "punct", "amod", "amod", "compound", "compound", "nsubj", "ROOT", "punct"]
    heads = [2, 2, 6, 4, 6, 6, 7, 7, 7]
    ents = ["B-NORP", "O", "O", "B-NORP", "O", "B-PERSON", "I-PERSON", "O", "O"]
    spaces = [False, False, True, True, True, True, True, False, False]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents, spaces))
    assert idx.person("Omar Haddad").country == "SYR"


def test_a_state_run_into_a_name_through_a_common_noun_is_not_the_persons():
    # "Does the Peruvian farm union praise Ann Cole?" misparsed as one noun phrase ending in the name
    words = ["Does", "the", "Peruvian", "farm", "union", "praise", "Ann", "Cole", "?"]
    pos = ["AUX", "DET", "ADJ", "NOUN", "NOUN", "NOUN", "PROPN", "PROPN", "PUNCT"]
    deps = ["ROOT", "det", "amod", "compound", "compound", "compound", "compound", "nsubj", "punct"]
    heads = [0, 7, 4, 4, 5, 7, 7, 0, 0]
    ents = ["O", "O", "B-NORP", "O", "O", "O", "B-PERSON", "I-PERSON", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.person("Ann Cole").country is None
    # a state said right before the name still is ("Peruvian Ann Cole")
    idx = NameIndex(make_doc(words[2:3] + words[6:], ["ADJ", "PROPN", "PROPN", "PUNCT"], ["amod", "compound", "ROOT", "punct"],
                             [2, 2, 2, 2], ["B-NORP", "B-PERSON", "I-PERSON", "O"]))
    assert idx.person("Ann Cole").country == "PER"


def test_a_regnal_name_keeps_its_title_and_a_bare_mention_of_it_resolves_there():
    # "Queen Ingrid received Ruiz . Ingrid smiled ." / "President Ruiz ..." keeps the office apart
    words = ["Queen", "Ingrid", "received", "President", "Ruiz", ".", "Ingrid", "smiled", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "nsubj", "ROOT", "punct"]
    heads = [1, 2, 2, 4, 2, 2, 7, 7, 7]
    ents = ["O", "B-PERSON", "O", "O", "B-PERSON", "O", "B-PERSON", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.name_at(idx.doc[1]) == "Queen Ingrid"
    assert idx.name_at(idx.doc[6]) == "Queen Ingrid"
    assert idx.name_at(idx.doc[4]) == "Ruiz"


def test_an_of_state_after_the_second_of_two_names_is_the_second_ones():
    # "Chilean President Ana Ruiz and Karl Berg of Norway met ." with "of Norway" hung on "Ruiz"
    words = ["Chilean", "President", "Ana", "Ruiz", "and", "Karl", "Berg", "of", "Norway", "met", "."]
    pos = ["ADJ", "PROPN", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "ADP", "PROPN", "VERB", "PUNCT"]
    deps = ["amod", "compound", "compound", "nsubj", "cc", "compound", "conj", "prep", "pobj", "ROOT", "punct"]
    heads = [3, 3, 3, 9, 3, 6, 3, 3, 7, 9, 9]
    ents = ["B-NORP", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert idx.people["Ana Ruiz"].country == "CHL"
    assert idx.people["Karl Berg"].country == "NOR"


def test_a_known_figures_full_name_tagged_as_a_place_is_the_person():
    # "President Jimmy Carter met Ana Ruiz in New York ." with the tagger reading the name as a place
    words = ["President", "Jimmy", "Carter", "met", "Ana", "Ruiz", "in", "New", "York", "."]
    pos = ["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PUNCT"]
    deps = ["compound", "compound", "nsubj", "ROOT", "compound", "dobj", "prep", "compound", "pobj", "punct"]
    heads = [2, 2, 3, 3, 5, 3, 3, 8, 6, 3]
    ents = ["O", "B-GPE", "I-GPE", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "I-GPE", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert set(idx.people) == {"Jimmy Carter", "Ana Ruiz"}
    assert idx.people["Jimmy Carter"].country == "USA"
    # or left untagged after a state's possessive ("Peru's Jimmy Carter")
    words = ["Ana", "Ruiz", "met", "Peru", "'s", "Jimmy", "Carter", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PART", "PROPN", "PROPN", "PUNCT"]
    deps = ["compound", "nsubj", "ROOT", "poss", "case", "compound", "dobj", "punct"]
    heads = [1, 2, 2, 6, 3, 6, 2, 2]
    ents = ["B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O", "O", "O"]
    idx = NameIndex(make_doc(words, pos, deps, heads, ents))
    assert set(idx.people) == {"Jimmy Carter", "Ana Ruiz"}
