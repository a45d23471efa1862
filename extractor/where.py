"""Where one event mention places its event, read from its trigger word's parse.

Pure functions of a parsed ``Token``, the rule data (``events.Lexicon``: the place and
destination prepositions, the planning governors, the verbs of attending) and the
article's dateline (its place and that place's state, for "talks here"). The
candidates stage (``events._Reader.mention``) calls them for every trigger; each can be
tested alone on a hand-built Doc.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from . import geo
from .names import body_name

if TYPE_CHECKING:
    from .events import Lexicon

PLACE_ENTS = {"GPE", "LOC", "FAC"}

Dateline = tuple[str | None, str | None]  # the dateline's place and its state's code
# a place found: its name, its state's code, and whether it is the dateline's "here"
Found = tuple[str, str | None, bool]


def ent_of(tok: Token) -> Span | None:
    """The entity a token is part of, or None."""
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def np_codes(tok: Token) -> list[str]:
    """Countries named inside a noun phrase: "his North Korean counterpart", "US-Canadian"."""
    codes = []
    for t in tok.subtree:
        if t.i > tok.i or not t.text[:1].isupper():
            continue
        if t.ent_type_ in ("NORP", "GPE"):
            ent = ent_of(t)
            text = ent.text if ent is not None else t.text
            code = geo.demonym_code(text) or geo.country_code(text) or geo.demonym_code(t.text)
            if code and code not in codes:
                codes.append(code)
    return codes


def place_of(trig: Token, gov: Token | None, etype: str, lex: Lexicon,
             dateline: Dateline = (None, None)) -> Found | None:
    """The place a trigger word's own phrase names ("met in Lima", "a visit to Peru", "the Lima
    talks", "talks here"), or None."""
    preps = lex.kinds["place_prep"] | (lex.kinds["destination_prep"] if etype == "visit" else set())
    heads = [trig] + ([gov] if gov is not None else []) + plan_clauses(trig, lex)
    heads += [o for c in trig.children if c.dep_ == "prep" and c.lemma_ in ("with", "between")
              for o in c.children if o.dep_ == "pobj"]
    several = len(np_codes(trig)) > 1  # "US-North Korea negotiations" name parties, not a place
    for h in heads:
        for c in h.children:
            if c.dep_ == "advmod" and c.lower_ == "here" and dateline[0]:
                return dateline[0], dateline[1], True
            if c.dep_ == "prep" and c.lemma_ in preps:
                found = _place_in(c, dateline)
                if found:
                    return found
            if c.dep_ == "prep" and c.lemma_ == "of" and h.i == trig.i:
                # "a conference of GATT in Venice": the place hangs on the body
                for o in c.children:
                    for p in o.children if o.dep_ == "pobj" else ():
                        if p.dep_ == "prep" and p.lemma_ in ("in", "at"):
                            found = _place_in(p, dateline)
                            if found:
                                return found
            if c.dep_ == "dobj" and etype == "visit":
                found = _place_tok(c)
                if found:
                    return found
            if (c.dep_ in ("compound", "nmod", "npadvmod") and c.i < h.i and c.ent_type_ in ("GPE", "FAC")
                    and not several and h.i in (trig.i, gov.i if gov is not None else -1)):
                found = _place_tok(c)
                if found:
                    return found
    if trig.dep_ == "relcl" and any(c.lower_ == "where" for c in trig.children):
        # "is in Mexico City, where he is meeting X" (the clause parsed onto "today" at worst)
        found = _place_tok(trig.head) or next(
            (f for c in trig.head.head.children if c.dep_ == "prep" and c.lemma_ in ("in", "at")
             and c.i < trig.i and (f := _place_in(c, dateline))), None)
        if found:
            return found
    if trig.pos_ == "NOUN":
        return _place_after(trig)
    return None


def attended_from(trig: Token, lex: Lexicon, dateline: Dateline = (None, None)) -> Found | None:
    """"came to the harbour town on Monday to attend a summit": the gathering is where the
    attendee arrived ("the city" / "the capital" being the city the article last named)."""
    verb = trig.head
    if trig.dep_ != "dobj" or verb.lemma_ not in lex.kinds["attend_verb"] or verb.dep_ not in ("advcl", "xcomp"):
        return None
    for c in verb.head.children:
        if c.dep_ == "prep" and c.lemma_ in ("in", "at") and c.i < verb.i:
            found = _place_in(c, dateline)
            if found:
                return found
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_ in ("city", "capital") and any(
                    d.lower_ == "the" for d in obj.children):
                named = [e for e in trig.doc.ents if e.end <= obj.i and e.label_ == "GPE"
                         and not geo.is_country(e.text)]
                if named:
                    return named[-1].text, geo.place_code(named[-1].text), False
    return None


def plan_clauses(trig: Token, lex: Lexicon) -> list[Token]:
    """Participle clauses that set the event ("a meeting planned for Thursday in Rome")."""
    planned = {r["lemma"] for r in lex.cues["governor"] if r["status"] in ("planned", "postponed")}
    return [c for c in trig.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and c.lemma_ in planned]


def _place_after(trig: Token) -> Found | None:
    """"the conference of the OSCE (OSCE) in Ljubljana", parsed onto another word: an
    "in"/"at" place right after the trigger's noun phrase (a parenthesis skipped)."""
    doc = trig.doc
    i = trig.right_edge.i + 1
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and doc[i].text != ")" and i - trig.right_edge.i < 8:
            i += 1
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ in ("in", "at") and doc[i + 1].ent_type_ in ("GPE", "FAC"):
        return _place_tok(doc[i + 1])
    return None


def _place_in(prep: Token, dateline: Dateline) -> Found | None:
    for o in prep.children:
        if o.dep_ != "pobj":
            continue
        if o.lower_ == "here" and dateline[0]:
            return dateline[0], dateline[1], True
        # "talks on Iran" name a topic; only "on the sidelines of ... in X" gives a place
        found = _place_tok(o) if prep.lemma_ != "on" else None
        if found:
            return found
        # "at the margins of a summit in Lima", "in the Chilean capital Santiago"
        for sub in o.subtree:
            if sub.i != o.i and sub.ent_type_ in PLACE_ENTS and (
                sub.dep_ == "pobj" or (sub.head.i == o.i and prep.lemma_ != "on")
            ):
                return _place_tok(sub)
    return None


def _place_tok(tok: Token) -> Found | None:
    ent = ent_of(tok)
    if ent is None or ent.label_ not in PLACE_ENTS:
        return None
    text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    if body_name(text) or body_name(tok.text):
        return None  # "the APEC summit" names a body, not a place
    return text, ent_code(ent), False


def ent_code(ent: Span) -> str | None:
    """The state of a place entity: its own, else the state named right after it ("Stresa, Italy")."""
    code = geo.place_code(ent.text)
    doc = ent.doc
    if code is None and ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        nxt = ent_of(doc[ent.end + 1])
        if nxt is not None and nxt.label_ == "GPE" and geo.is_country(nxt.text):
            code = geo.country_code(nxt.text)
    return code
