"""When one event mention dates its event, read from its trigger word's parse.

Pure functions of a parsed ``Token``, the article's resolved dates (``DateMention``, from the
``date_resolver`` component) and the rule data (``events.Lexicon``: reporting and wishing
verbs, the trigger lemmas). The candidates stage (``events._Reader.mention``) calls them for
every trigger; each can be tested alone on a hand-built Doc.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .records import DateMention
from .status import SUBJ
from .where import plan_clauses

if TYPE_CHECKING:
    from .events import Lexicon

# a date counted from another event ("three days later")
_RELATIVE = re.compile(r"\b(later|earlier|after|before|afterwards|previously)$", re.I)


def date_of(trig: Token, gov: Token | None, dates: Sequence[DateMention], lex: Lexicon, dateline_end: int = 0,
            ref: dt.date | None = None) -> tuple[DateMention | None, bool]:
    """The date of a trigger's event among the resolved ``dates`` of its sentence (those of the
    dateline, before ``dateline_end``, excepted): the one whose path up the parse reaches the
    trigger closest, else a date of the sentence tied to no clause of its own. The second value
    says whether the date (or its absence) came from that looser reading."""
    sent = trig.sent
    best: tuple[float, DateMention] | None = None
    anchors = {trig.i} | ({gov.i} if gov is not None else set())
    if trig.dep_ in ("nsubj", "nsubjpass", "dobj") and trig.head.pos_ in ("VERB", "AUX"):
        anchors.add(trig.head.i)  # "the talks are being planned for Nov. 9"
    if trig.dep_ == "pobj" and trig.head.lemma_ == "of" and trig.head.head.pos_ == "NOUN":
        anchors.add(trig.head.head.i)  # "the failure of talks last week"
    anchors.update(c.i for c in plan_clauses(trig, lex))  # "a meeting planned for Thursday"
    anchors.update(c.i for c in trig.children if c.dep_ == "relcl" and any(  # "the meetings, which end today"
        s.dep_ in SUBJ and s.tag_ in ("WDT", "WP") for s in c.children))
    doc = trig.doc
    for m in dates:
        if m.start_char < sent.start_char or m.end_char > sent.end_char or m.start_char < dateline_end:
            continue
        span = doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
        if span is None:
            continue
        owner = copula_owner(span.root, lex)
        if owner is not None and owner.i not in anchors:
            continue  # "her trip followed up X's trip of May 2011": X's trip's date
        score = 1.0 if owner is not None else attachment(span.root, anchors, lex)
        if score is None:
            continue
        width = (m.end - m.start).days if m.start and m.end else 400
        key = score + width / 1000.0
        if best is None or key < best[0]:
            best = (key, m)
    if best:
        return best[1], False
    return _loose_date(trig, anchors, dates, lex, dateline_end, ref), True

def _loose_date(trig: Token, anchors: set[int], dates: Sequence[DateMention], lex: Lexicon, dateline_end: int,
                ref: dt.date | None) -> DateMention | None:
    """A date of the trigger's sentence tied to no clause of its own: its path up the tree
    meets the trigger, or the sentence's root, before any reporting verb ("said Monday") or
    other event word ("after his visit in May"); a date owned by a verb the trigger does not
    hang under ("Annan, who arrived on Monday, ...") is not taken either."""
    sent = trig.sent
    tree = set(anchors)
    hoping = False
    for a in () if trig.pos_ in ("VERB", "AUX") else trig.ancestors:
        # a noun trigger's own verb ("hoped for talks within ..."), unless a noun comes first
        if a.pos_ in ("NOUN", "PROPN", "PRON") and a.i not in anchors:
            break
        if a.pos_ in ("VERB", "AUX"):
            tree.add(a.i)
            hoping = a.lemma_ in lex.kinds["wish_verb"] or a.lower_.startswith("hope")
            break
    best: tuple[int, DateMention] | None = None
    doc = trig.doc
    for m in dates:
        if (m.start_char < sent.start_char or m.end_char > sent.end_char or m.start_char < dateline_end
                or m.start is None or m.end is None):
            continue
        span = doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
        if span is None or not time_slot(span.root) or _RELATIVE.search(m.text):
            continue  # "three days later" counts from another event
        if hoping and ref and m.end < ref:
            continue  # "said in August he hoped for talks": the time of the hope
        if copula_owner(span.root, lex) is not None:
            continue  # the date of an event noun in a copula's complement
        cur, ok = span.root, False
        while True:
            if cur.i in anchors:
                ok = True
                break
            if cur.pos_ == "VERB" and cur.lemma_ in lex.kinds["reporting_verb"]:
                break
            if cur.i != span.root.i and cur.lemma_.lower() in lex.trigger_lemmas and cur.pos_ in ("NOUN", "VERB"):
                break
            if cur.pos_ in ("VERB", "AUX") and cur.i != span.root.i:
                ok = cur.i in tree  # the verb of the trigger's clause or of one above it
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        if ok and (best is None or (m.end - m.start).days < best[0]):
            best = ((m.end - m.start).days, m)
    return best[1] if best else None

def copula_owner(root: Token, lex: Lexicon) -> Token | None:
    """The event noun a date phrase follows when the parse hangs it on a copula instead:
    in "her trip was a sequel to X's trip in May 2011" the "in" phrase comes right
    after "X's trip" inside the complement of "was", and is that visit's time, not the
    subject's."""
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.lemma_ != "be":
        return None
    for comp in prep.head.children:
        if comp.dep_ not in ("attr", "acomp") or comp.i > prep.i:
            continue
        for t in comp.subtree:
            if (t.pos_ == "NOUN" and t.lemma_.lower() in lex.trigger_lemmas and t.i != comp.i
                    and t.right_edge.i + 1 == prep.i):
                return t
    return None

def time_slot(root: Token) -> bool:
    """A date said as the time of something ("on Monday", "last week", "within ..."), not a
    name ("Theresa May"), a subject or a modifier ("a second-half strike"); "since", "by",
    "until", "before" and "after" leave the time open."""
    if root.ent_type_ in ("PERSON", "ORG"):
        return False
    if root.dep_ in ("npadvmod", "advmod", "tmod"):
        return True
    return root.dep_ == "pobj" and root.head.lemma_ in ("in", "on", "at", "within", "during", "around", "for", "over")

def attachment(root: Token, anchors: set[int], lex: Lexicon) -> float | None:
    """Tree distance from a date to the trigger; None when a reporting verb owns the date."""
    cur, steps = root, 0
    while True:
        if cur.i in anchors:
            return float(steps)
        if cur.lemma_ in lex.kinds["reporting_verb"] and cur.pos_ == "VERB":
            return None
        if steps > 0 and cur.pos_ in ("NOUN", "PROPN") and cur.lemma_.lower() in lex.trigger_lemmas:
            return None  # the date of another event: "a follow-up to X's visit in August 2003"
        if cur.head.i == cur.i or (steps > 0 and cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux"):
            return None  # the date belongs to another clause
        cur = cur.head
        steps += 1
