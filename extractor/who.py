"""Who one role token of an event mention names: a person, a body, or states.

``People`` reads the role tokens the candidates stage (``events._Reader.mention``) finds
around a trigger, over the article's name index (``names.NameIndex``): a name, an office
that stands for a named person ("his Chinese counterpart", "the prime minister"), "he",
a body ("the EU"), or a state ("Japan"). It can be built and tested alone on a hand-built
Doc. ``setting_states`` and ``conjuncts`` are pure functions of the parse.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import geo
from .names import NameIndex, body_name, is_title_word, titles
from .status import SUBJ
from .where import ent_of, np_codes

if TYPE_CHECKING:
    from .events import Lexicon

# offices that stand for anyone of a state ("his Japanese counterpart", "a Chinese official")
GENERIC_OFFICES = {"official", "diplomat", "negotiator", "envoy", "representative", "delegate"}
OFFICE_SYNONYMS = {
    "premier": ("premier", "prime minister"),
    "leader": ("leader", "president", "premier", "prime minister", "chancellor", "king", "chairman"),
}
HONORIFICS = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr"}
SLOT_SENTS = 3  # how far (in sentences) the person behind such an office may be named


def conjuncts(tok: Token) -> list[Token]:
    """A role token and the ones coordinated with it ("Putin and Erdogan")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
        elif c.dep_ in ("nmod", "compound") and c.i < tok.i and any(g.dep_ == "cc" for g in c.children):
            out.append(c)  # "Putin and Turkish President Erdogan", parsed as a modifier of the second name
    return out


def setting_states(trig: Token) -> list[str]:
    """States named as subject or object of a clause set at the gathering ("El Salvador backed
    Brazil at the London talks"): they took part ("during his visit, X warned Y" is no such)."""
    prep = trig.head
    if trig.dep_ != "pobj" or prep.lemma_ != "at" or prep.head.pos_ != "VERB":
        return []
    codes = []
    for c in prep.head.children:
        if c.dep_ in ("nsubj", "dobj", "nsubjpass"):
            for t in conjuncts(c):
                ent = ent_of(t)
                code = geo.country_code(ent.text) if ent is not None and ent.label_ == "GPE" else None
                if code and code not in codes:
                    codes.append(code)
    return codes


class People:
    """Who the role tokens of one article's mentions name (the article's name index, the rule
    data and the sentence of each token's start). ``taken``: the people already named among the
    roles of the trigger being read, whom an office cannot stand for."""

    def __init__(self, names: NameIndex, lex: Lexicon, sent_index: dict[int, int]) -> None:
        self.names = names
        self.doc = names.doc
        self.lex = lex
        self.sent_index = sent_index
        self.taken: set[str] = set()

    def participant(self, tok: Token) -> tuple[str | None, str | None, list[str]]:
        """(person name, body name, countries) for one role token."""
        name = self.names.name_at(tok)
        if name:
            return name, None, []
        ent = ent_of(tok)
        if tok.lower_ in self.lex.kinds.get("anaphor", ()):
            return self.antecedent(tok), None, []
        codes = np_codes(tok)
        for c in tok.children:
            if c.dep_ in ("appos", "compound", "flat") and self.names.name_at(c):
                # "his Brazilian counterpart, Carlos Silva": the description gives his country
                who = self.names.name_at(c)
                person = self.names.person(who)
                if person is not None and person.country is None and codes:
                    person.country = codes[0]
                return who, None, codes
        if ent is not None and ent.label_ in ("GPE", "NORP"):
            code = geo.demonym_code(ent.text) or geo.country_code(ent.text)
            return None, None, [code] if code else []
        body = body_name(ent.text) if ent is not None else body_name(tok.text)
        if body is None:
            for c in tok.children:
                if c.dep_ == "compound" and body_name(c.text):
                    body = body_name(c.text)
                if c.dep_ == "prep" and c.lemma_ == "of":
                    for o in c.children:
                        oe = ent_of(o)
                        if o.dep_ == "pobj" and body_name(oe.text if oe is not None else o.text):
                            body = body_name(oe.text if oe is not None else o.text)
        if body:
            return None, body, codes
        if is_title_word(tok.lemma_) and codes:
            # "the North Korean leader": the one person the article gives that title and country
            who = [p.name for p in self.names.people.values()
                   if p.country == codes[0] and p.title and tok.lemma_ in p.title.lower()]
            if len(who) == 1:
                return who[0], None, codes
            who = self.slot_person(tok, codes[0])
            if who:
                return who, None, codes
        if is_title_word(tok.lemma_) and not codes and tok.tag_ == "NN" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children
        ):
            who = self.titled_person(tok)  # "the prime minister who arrived ...": the one titled so before
            if who:
                return who, None, []
        return None, None, codes

    def titled_person(self, tok: Token) -> str | None:
        """The person last named before ``tok`` (within a few sentences) whose title holds the
        office "the <office>" names ("the prime minister" after "Prime Minister Jan Novak")."""
        office = " ".join(c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i)
        office = f"{office} {tok.lower_}".strip()
        here = self.sent_index.get(tok.sent.start, 0)
        best: tuple[int, str] | None = None
        for person in self.names.people.values():
            if office not in (person.title or "").lower() or person.country is None:
                continue  # a state's office, as the article has described it
            for i in person.mentions:
                if i < tok.i and here - self.sent_index.get(self.doc[i].sent.start, 0) <= SLOT_SENTS:
                    if best is None or tok.i - i < best[0]:
                        best = (tok.i - i, person.name)
        return best[1] if best else None

    def slot_person(self, tok: Token, code: str) -> str | None:
        """The named person an office described by its state stands for ("his North Korean
        counterpart", "the Chinese leader"): the nearest mention, within a few sentences, of a
        person of that state (or of no known state) whose title fits the office."""
        head = tok.lemma_.lower()
        if tok.tag_ not in ("NN", "NNP"):
            return None  # "Soviet counterparts" are several people
        generic = titles().get(head) == "role" or head in GENERIC_OFFICES
        fits = OFFICE_SYNONYMS.get(head, (head,))
        sents = self.sent_index
        here = sents.get(tok.sent.start, 0)
        best: tuple[bool, int, str] | None = None
        for person in self.names.people.values():
            if person.country not in (None, code):
                continue
            title = (person.title or "").lower()
            if person.name in self.taken or (
                not generic and title and not any(f in title for f in fits)
                and not set(title.split()) <= HONORIFICS
            ):
                continue
            for i in person.mentions:
                if i in range(tok.sent.start, tok.sent.end) and any(a.i == tok.i for a in self.doc[i].ancestors):
                    continue  # "Kim's North Korean counterpart" is not Kim
                if abs(sents.get(self.doc[i].sent.start, 0) - here) > SLOT_SENTS:
                    continue
                key = (person.country is None, abs(i - tok.i), person.name)
                if best is None or key < best:
                    best = key
        if best is None:
            return None
        person = self.names.person(best[2])
        if person is not None and person.country is None:
            person.country = code
        return best[2]

    def antecedent(self, tok: Token) -> str | None:
        """The latest named person before ``tok`` in its own or the previous sentence."""
        for a in tok.ancestors:
            for c in a.children:
                if c.dep_ in SUBJ and c.i < tok.i and self.names.name_at(c):
                    return self.names.name_at(c)
        sent_start = tok.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        k = bisect.bisect_left(self.names.starts, tok.i)  # the last name starting before tok
        if k:
            start, end = self.names.spans[k - 1]
            if start >= prev_start:
                return self.names.resolve(self.doc[start:end].text, start)
        return None
