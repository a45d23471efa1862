"""The status and the hedges of one event mention, read from its trigger word's parse.

Pure functions of a parsed ``Token`` and the rule data (``events.Lexicon``: the status cues of
``models/status_cues.jsonl``, the hedges of ``models/hedges.txt``): the candidates stage
(``events._Reader.mention``) calls them for every trigger, and each can be tested alone on a
hand-built Doc.
"""
from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from .events import Lexicon

SUBJ = {"nsubj", "nsubjpass"}


def verb_above(tok: Token) -> Token | None:
    """The nearest verb (or auxiliary) above a token in the parse, or None."""
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return a
    return None


def status_of(trig: Token, gov: Token | None, lex: Lexicon) -> tuple[str, str | None]:
    """The status a trigger word tells of its event, from its verb's tense and the cues around it
    (``models/status_cues.jsonl``), and the cue that cancels, postpones or resumes it, if any."""
    cues = lex.cues
    cue = None
    chain = [trig] + list(trig.ancestors)[:4]
    for t in chain:
        if t.i != trig.i and t.pos_ == "VERB" and t.lemma_ in lex.kinds["reporting_verb"]:
            break
        parts = {c.lemma_ for c in t.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == t.i + 1)}
        for r in cues["governor"]:
            if r["status"] in ("cancelled", "postponed", "resumed") and t.lemma_ == r["lemma"] and t.i != trig.i:
                if ("particle" not in r or r["particle"] in parts) and asserted(t, lex):
                    cue = cue or r["status"]
    verb = trig if trig.pos_ in ("VERB", "AUX") and trig.lemma_ != "meeting" else (gov or verb_above(trig))
    status = "occurred"
    planned_govs = {r["lemma"] for r in cues["governor"] if r["status"] == "planned"}
    if verb is not None:
        status = tense(verb, lex)
        copula = verb.lemma_ == "be" and trig.dep_ in SUBJ and trig.head.i == verb.i and any(
            c.dep_ == "acomp" or (c.dep_ == "attr" and any(a.dep_ == "amod" for a in c.children))
            for c in verb.children
        )  # a judgement of the event ("the talks were smooth"), not "the visit is to ..."
        # "is to meet" / "the visit is to ..."; not "the reports were from the meeting"
        idle_be = verb.lemma_ == "be" and trig.dep_ not in SUBJ and trig.dep_ != "xcomp" and gov is None
        if verb.i != trig.i and verb.lemma_ in planned_govs and not copula and not idle_be:
            status = "planned"  # "is to meet", "expected talks"; not "the talks were smooth"
    for_govs = {r["lemma"] for r in cues["for_governor"]}
    if trig.dep_ == "pobj" and trig.head.lemma_ == "for":
        owner = trig.head.head
        if owner.lemma_ in for_govs or any(c.dep_ in SUBJ and c.lemma_ in for_govs for c in owner.children):
            status = "planned"  # "hopes rise for talks", "called for a meeting"
    if trig.pos_ == "NOUN" or trig.lemma_ == "meeting":
        for c in trig.children:
            for r in cues["modifier"]:
                if c.lower_ == r["lemma"] and c.dep_ in ("amod", "advmod", "compound", "nummod", "poss"):
                    if r["status"] == "planned" or status != "planned":
                        status = r["status"]
    if any(t.lower_ == "way" and t.head.lower_ == "under" for t in trig.sent):
        status = "ongoing" if status != "planned" else status
    if cue is None and verb is not None and unfulfilled(verb, lex):
        # a plan not kept is called off, unless its sentence tells that it was put off
        put_off = {r["lemma"] for r in cues["governor"] if r["status"] == "postponed"}
        cue = "postponed" if any(t.lemma_ in put_off and t.pos_ == "VERB" for t in trig.sent) else "cancelled"
    return status, cue


def begun(trig: Token, lex: Lexicon) -> bool:
    """Whether the trigger word tells that its event starts (``inception`` in
    ``models/status_cues.jsonl``): the word is itself such a verb ("arrived in the capital"), or
    the subject or object of one ("the talks opened", "began a two-day visit"). Said in the past
    of the report's own days, such an event is still under way; a start that is not
    ``asserted`` (negated, modal, only wished) is none."""
    rows = lex.cues.get("inception", [])
    verb = None
    for r in rows:
        if r["on"] == "trigger" and trig.lemma_ == r["lemma"] and trig.pos_ in ("VERB", "AUX"):
            verb = trig
        elif r["on"] == "governor" and trig.dep_ in ("dobj", "nsubj", "nsubjpass") and trig.head.lemma_ == r["lemma"]:
            parts = {c.lemma_ for c in trig.head.children if c.dep_ == "prt"}
            if "particle" not in r or r["particle"] in parts:
                verb = trig.head
    return verb is not None and asserted(verb, lex)


def unfulfilled(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb tells of a plan that was not kept (``unfulfilled`` in
    ``models/status_cues.jsonl``): the plan in the past perfect ("had been due to travel", "had
    planned to meet"), or the event as a perfect infinitive after "be" ("was to have met")."""
    rows = lex.cues.get("unfulfilled", [])
    on_plan = {r["lemma"] for r in rows if r["on"] == "plan"}
    on_event = {r["lemma"] for r in rows if r["on"] == "event"}

    def perfect(t: Token, auxes: set[str]) -> bool:
        return any(c.dep_ == "aux" and c.lower_ in auxes for c in t.children)

    if verb.tag_ == "VBN" and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and perfect(verb, on_event):
        return True
    planned_govs = {r["lemma"] for r in lex.cues["governor"] if r["status"] == "planned"}
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "acomp"):
            return False
        head = cur.head
        if head.lemma_ in planned_govs and head.lemma_ != "be":  # "had been a shock to meet" is no plan
            owner = head.head if head.dep_ == "acomp" else head  # "had been due to": "due" hangs on "been"
            return perfect(head, on_plan) or perfect(owner, on_plan)
        cur = head
    return False


def asserted(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb is said to happen, not only threatened, refused, wished, weighed or hedged:
    no negation or modal on it, nor on the word it is the complement of ("threatened to cancel",
    "refused to postpone", "has no plans to call off", "may cancel" leave the event as it was;
    "decided to cancel", "was forced to put off" do not)."""
    def hedged(t: Token) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and c.tag_ == "MD")
                   or (c.dep_ == "det" and c.lower_ == "no") for c in t.children)
    if hedged(verb):
        return False
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "acl") and verb.head.i != verb.i:
        gov = verb.head
        if gov.lemma_ in lex.kinds["wish_verb"] or gov.lemma_ in lex.kinds["unasserting_verb"] or hedged(gov):
            return False
    return True


def tense(verb: Token, lex: Lexicon) -> str:
    """The status a verb's tense and auxiliaries tell: "will meet" planned, "is meeting" ongoing,
    "met" occurred; "is expected to meet" planned through its governor."""
    cues = lex.cues
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_lemmas = {a.lower_ for a in aux}
    if aux_lemmas & {r["lemma"] for r in cues["aux"]}:
        return "planned"
    planned_govs = {r["lemma"] for r in cues["governor"] if r["status"] == "planned"}
    cur = verb
    for _ in range(3):
        if cur.dep_ in ("xcomp", "acomp", "ccomp") and cur.head.lemma_ in planned_govs:
            if cur.head.tag_ not in ("VBD", "VBN") or cur.head.lemma_ in ("be", "set", "due"):
                return "planned"
            return "planned"
        if cur.dep_ not in ("xcomp", "acomp", "conj") or (cur.dep_ == "conj" and cur.tag_ == "VBD"):
            break  # a verb in the simple past joined to a plan is done: "agreed to sign it and then met her"
        cur = cur.head
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am", "'s", "'re", "been") for a in aux):
        return "ongoing"
    if verb.tag_ in ("VBD", "VBN"):
        return "occurred"
    if verb.tag_ in ("VBZ", "VBP"):
        return "ongoing"
    if verb.tag_ == "VB":
        return "planned" if "to" in aux_lemmas or verb.dep_ == "xcomp" else "occurred"
    return "occurred"

def hedges_of(trig: Token, lex: Lexicon, named: Container[int] = ()) -> list[str]:
    """The hedge words and phrases of ``models/hedges.txt`` that bear on a trigger word (on it or
    on a word above it, or anywhere in its sentence for a phrase); ``named``: the indices of
    tokens that are part of a person's name, which hedge nothing ("Theresa May")."""
    sent = trig.sent
    related = {trig.i} | {a.i for a in trig.ancestors}
    found: list[str] = []
    for t in sent:
        if t.ent_type_ == "PERSON" or t.i in named or (t.pos_ == "PROPN" and t.text[:1].isupper()):
            continue  # "Theresa May" names someone; it hedges nothing
        if (t.lower_ in lex.hedges or t.lemma_ in lex.hedges) and (t.i in related or t.head.i in related):
            if t.lower_ not in found:
                found.append(t.lower_)
    low = sent.text.lower()
    for phrase in lex.hedge_phrases:
        if phrase in low and phrase not in found:
            found.append(phrase)
    return found
