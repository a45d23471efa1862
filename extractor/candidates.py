"""Candidates stage: the rules propose events and arguments; nothing is decided here.

Every draft the rules read (see ``events.propose``) becomes a ``Candidate``:
the rules' own reading of it, their filter verdicts, and the arguments that
could fill each role, gathered from a window of sentences around its mentions
rather than from the trigger's clause alone. Each candidate and argument
carries a sparse feature dict (``{"name=value": 1.0}``) for the learned
decisions in ``decide``. Candidates are plain data (no spaCy objects), so
training can cache them and workers can send them.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import events, geo
from .names import body_members, body_name, sources
from .records import Article, DateMention, Event, Place
from .status import begun
from .where import ent_code

WINDOW = 1  # sentences before and after a mention whose people, states and places are candidates
_LEMMA_WINDOW = 3  # tokens either side of a trigger whose lemmas are features
Features = dict[str, float]


@dataclass
class Argument:
    """One candidate filler of a role: a person, a state, a place or a date."""

    value: str
    features: Features
    title: str | None = None
    country: str | None = None
    date: DateMention | None = None


@dataclass
class Candidate:
    """One proposed event: the rules' reading and every argument that could fill its roles."""

    rule: Event
    verdicts: dict[str, bool]
    features: Features
    people: list[Argument] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    countries: list[Argument] = field(default_factory=list)
    places: list[Argument] = field(default_factory=list)
    dates: list[Argument] = field(default_factory=list)
    status_features: Features = field(default_factory=dict)
    sents: list[int] = field(default_factory=list)
    published: dt.date | None = None
    lead: Lead | None = None


@dataclass(frozen=True)
class Lead:
    """An article's lead: the sentence after its dateline (else its first) and the sentence after
    that, which tell the news of the day where the story was filed. ``day`` is the one day the
    first of them dates the news to, the day of the report or the day before (None when it names
    no such day, or two); ``dateline`` is the place the story was filed from."""

    end_char: int
    day: DateMention | None
    dateline: Place | None


def text_head(text: str) -> str:
    """The last word of a name, lower case ("the State Department" -> "department")."""
    words = text.lower().split()
    return words[-1] if words else ""


def _bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 4, 8)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


class _Sentences:
    """Sentence index of a token or character offset, in log time."""

    def __init__(self, doc: Doc) -> None:
        self.sents = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self.char_starts = [s.start_char for s in self.sents]

    def of_token(self, i: int) -> int:
        return bisect_right(self.starts, i) - 1

    def of_char(self, c: int) -> int:
        return bisect_right(self.char_starts, c) - 1


def _in_sentence(tok: Token, trigs: list[Token], at: int | None = None) -> tuple[list[Token], Token | None]:
    """The event words of ``tok``'s sentence, and the one nearest to position ``at`` (by default
    ``tok`` itself), or None when the sentence holds none."""
    same = [t for t in trigs if t.sent.start == tok.sent.start]
    at = tok.i if at is None else at
    return same, (min(same, key=lambda t: abs(t.i - at)) if same else None)


def _child_features(kid: Token) -> Features:
    """What one word governed by an event word says of it: its relation and lemma ("prep:for" in
    "called for", "compound:phone" in "phone call"), the kind of name it is, and for a
    preposition, the kind of name it governs ("spoke with" a person, "called on" a state)."""
    if kid.is_space or kid.is_punct:
        return {}
    dep = kid.dep_
    # a name's own words say little of other articles; the kind of name does
    out = {f"kid={dep}:{kid.lemma_.lower() if kid.pos_ != 'PROPN' else 'PROPN'}": 1.0}
    if kid.ent_type_:
        out[f"kid={dep}:{kid.ent_type_}"] = 1.0
    if dep in ("prep", "agent"):
        for obj in kid.children:
            if obj.dep_ == "pobj":
                out[f"kid={kid.lemma_.lower()}>{obj.ent_type_ or obj.pos_}"] = 1.0
    return out


def _path_len(a: Token, b: Token, limit: int = 6) -> int:
    """Dependency steps between two tokens of one sentence (``limit + 1`` when further)."""
    up: dict[int, int] = {}
    t, n = a, 0
    while n <= limit:
        up[t.i] = n
        if t.head.i == t.i:
            break
        t, n = t.head, n + 1
    t, n = b, 0
    while n <= limit:
        if t.i in up:
            return min(up[t.i] + n, limit + 1)
        if t.head.i == t.i:
            break
        t, n = t.head, n + 1
    return limit + 1


def _relation(start: dt.date | None, end: dt.date | None, ref: dt.date | None) -> str:
    if start is None or end is None or ref is None:
        return "none"
    if end < ref:
        return "past"
    if start > ref:
        return "future"
    return "now"


class _DocIndex:
    """Per-Doc lookups shared by all candidates (built once, linear in the Doc)."""

    def __init__(self, doc: Doc, reader: events._Reader, dates: list[DateMention]) -> None:
        self.doc = doc
        self.reader = reader
        self.sents = _Sentences(doc)
        lex = reader.lex
        self.reporting = lex.kinds.get("reporting_verb", frozenset())
        # sentence -> [(person, token)] for every mention of every person
        self.people_at: dict[int, list[tuple[str, int]]] = {}
        for person in reader.names.people.values():
            for i in person.mentions:
                self.people_at.setdefault(self.sents.of_token(i), []).append((person.name, i))
        # sentence -> [(body as written, canonical body or None, token)] for named bodies and groups
        self.bodies_at: dict[int, list[tuple[str, str | None, int]]] = {}
        outlets = sources()
        for ent in doc.ents:
            if ent.label_ in ("ORG", "NORP") or (ent.label_ == "GPE" and body_name(ent.text)):
                text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
                text = re.sub(r"['\u2019]s?$", "", text).strip()
                if not text or text.lower() in outlets:
                    continue
                canon = body_name(text)
                if canon is None:
                    text, canon = _body_before_more(text)
                if canon is None and any(i in reader.names.token_name for i in range(ent.start, ent.end)):
                    continue  # a person's name the tagger also read as a group ("Smith's plan")
                if canon is None and (ent.label_ != "ORG" or geo.any_code(text)):
                    if ent.label_ == "ORG" or not text.istitle() or geo.demonym_code(text):
                        continue  # a demonym or a state, not a group
                self.bodies_at.setdefault(self.sents.of_token(ent.start), []).append((text, canon, ent.root.i))
        self.mention_count = {p.name: len(p.mentions) for p in reader.names.people.values()}
        self.first_sent = {p.name: self.sents.of_token(min(p.mentions)) for p in reader.names.people.values()
                           if p.mentions}
        # sentence -> place-like entities, and states named by name or demonym
        self.places_at: dict[int, list] = {}
        self.states_at: dict[int, list[tuple[str, int]]] = {}
        for ent in doc.ents:
            s = self.sents.of_token(ent.start)
            if ent.label_ in ("GPE", "LOC", "FAC") and (geo.place_code(ent.text) or not any(
                    i in reader.names.token_name for i in range(ent.start, ent.end))):
                # (a person's name the tagger read as a place, which the gazetteers do not know, is none)
                self.places_at.setdefault(s, []).append(ent)
            if ent.label_ in ("GPE", "NORP"):
                code = geo.demonym_code(ent.text) or geo.country_code(ent.text)
                if code:
                    self.states_at.setdefault(s, []).append((code, ent.root.i))
        # sentence -> every word that could be an event's (the trigger lexicon's lemmas)
        self.triggers_at: dict[int, list[Token]] = {}
        lemmas = lex.trigger_lemmas
        for tok in doc:
            if tok.lemma_.lower() in lemmas:
                self.triggers_at.setdefault(self.sents.of_token(tok.i), []).append(tok)
        self.dates_at: dict[int, list[DateMention]] = {}
        for m in dates:
            self.dates_at.setdefault(self.sents.of_char(m.start_char), []).append(m)


def propose(doc: Doc, article: Article, dates: list[DateMention], starts_article: bool = True) -> list[Candidate]:
    """Every candidate event of a parsed ``doc``, with its candidate arguments and features
    (``starts_article``: False for a later piece of a long article, which has no lead)."""
    reader, drafts = events.propose(doc, article, dates, loose=True)
    if reader is None:
        return []
    index = _DocIndex(doc, reader, dates + reader.windows)
    lead = _lead(index, dates, article.published) if starts_article else None
    out = []
    seen_people: list[set[str]] = []
    for d in drafts:
        rule, verdicts = events.rule_event(d, reader)
        cand = _candidate(d, rule, verdicts, index, article.published)
        cand.lead = lead
        names = {a.value for a in cand.people if a.features.get("rule")}
        cand.features["earlier_shares_rule_person"] = float(any(names & s for s in seen_people))
        seen_people.append(names)
        out.append(cand)
    _article_features(out)
    return out


def _article_features(cands: list[Candidate]) -> None:
    """What the whole article says of each of its candidates: how many candidate events it holds
    and how many of them the rules keep, how many states the rules read as parties and how many
    titled people it names. A business story with one passing "meeting" reads apart from a
    diplomatic one that tells of several encounters between states. (A long article parsed in
    pieces counts each piece apart.)"""
    edges = (0, 1, 2, 4, 8, 16)
    kept = sum(1 for c in cands if c.verdicts.get("keep"))
    states = {a.value for c in cands for a in c.countries if a.features.get("rule")}
    titled = {a.value for c in cands for a in c.people if a.title}
    shared = {f"doc_cands={_bucket(len(cands), edges)}": 1.0, f"doc_kept={_bucket(kept, edges)}": 1.0,
              f"doc_states={_bucket(len(states), edges)}": 1.0, f"doc_titled={_bucket(len(titled), edges)}": 1.0}
    for c in cands:
        c.features.update(shared)


def _lead(index: _DocIndex, dates: list[DateMention], ref: dt.date | None) -> Lead | None:
    sents = index.sents.sents
    if not sents:
        return None
    reader = index.reader
    k = max(0, index.sents.of_char(reader.dateline_end))
    first = sents[k]
    days = {(m.start, m.end): m for m in dates
            if ref and m.start and m.start == m.end and reader.dateline_end <= m.start_char < first.end_char
            and ref - dt.timedelta(days=1) <= m.start <= ref}
    return Lead(sents[min(k + 1, len(sents) - 1)].end_char, next(iter(days.values())) if len(days) == 1 else None,
                Place(reader.dateline, reader.dateline_code) if reader.dateline else None)


def _candidate(d: events._Draft, rule: Event, verdicts: dict[str, bool], index: _DocIndex,
               ref: dt.date | None) -> Candidate:
    doc = index.doc
    trigs = [m.trigger for m in d.mentions]
    sents = sorted({index.sents.of_token(t.i) for t in trigs})
    window = sorted({s + k for s in sents for k in range(-WINDOW, WINDOW + 1)
                     if 0 <= s + k < len(index.sents.sents)})
    first = trigs[0]
    etype = rule.type
    feats: Features = {
        "bias": 1.0,
        f"type={etype}": 1.0,
        f"lemma={first.lemma_.lower()}": 1.0,
        f"pos={first.pos_}": 1.0,
        f"status={rule.status}": 1.0,
        f"mentions={_bucket(len(trigs))}": 1.0,
        f"first_sent={_bucket(sents[0], (0, 1, 3, 6))}": 1.0,
        f"rule_people={_bucket(len(d.people), (0, 1, 2))}": 1.0,
        f"rule_countries={_bucket(len(rule.countries), (0, 1, 2))}": 1.0,
        "rule_bodies": float(bool(d.bodies)),
        "rule_place": float(rule.location is not None),
        "rule_date": float(rule.date is not None),
        "coreferent": float(d.mentions[0].coreferent),
        "hedged": float(bool(rule.hedges)),
        "beside": float(any(m.beside is not None for m in d.mentions)),
        f"rejected={d.mentions[0].rejected}": 1.0,
    }
    for k, v in verdicts.items():
        feats[f"verdict_{k}={v}"] = 1.0
    for t in trigs[:3]:
        lo, hi = max(t.sent.start, t.i - _LEMMA_WINDOW), min(t.sent.end, t.i + _LEMMA_WINDOW + 1)
        for x in doc[lo:hi]:
            if x.i != t.i and not x.is_punct:
                feats[f"near={x.lemma_.lower()}"] = 1.0
        feats[f"dep={t.dep_}"] = 1.0
        feats[f"head={t.head.lemma_.lower()}"] = 1.0
        for k in t.children:
            feats.update(_child_features(k))
    cand = Candidate(rule=rule, verdicts=verdicts, features=feats, bodies=list(d.bodies), sents=sents,
                     published=ref)
    cand.people = _people(d, rule, index, sents, window, trigs)
    cand.countries = _countries(rule, cand.people, index, sents, window, ref, trigs)
    cand.places = _places(rule, index, sents, window, trigs)
    cand.dates = _dates(rule, index, sents, window, trigs, ref)
    states = {a.value for a in cand.countries if not a.features.get("member_only")}
    feats[f"window_states={_bucket(len(states), (0, 1, 2))}"] = 1.0
    # what the argument candidates say about the encounter: people tied to the trigger, their states
    near = [a for a in cand.people if a.features.get("dist=0")]
    tied = [a for a in near if any(a.features.get(f"path={b}") for b in ("1", "2", "3"))]
    near_states = {a.country for a in near if a.country}
    feats[f"sent_people={_bucket(len(near), (0, 1, 2, 3))}"] = 1.0
    feats[f"tied_people={_bucket(len(tied), (0, 1, 2))}"] = 1.0
    feats[f"tied_titled={_bucket(sum(1 for a in tied if a.title), (0, 1, 2))}"] = 1.0
    feats[f"sent_person_states={_bucket(len(near_states), (0, 1, 2))}"] = 1.0
    feats[f"sent_states={_bucket(len({a.value for a in cand.countries if a.features.get('named_in_sentence')}), (0, 1, 2))}"] = 1.0
    feats["sent_body"] = float(any(a.features.get("body") and a.features.get("body_dist=0") for a in cand.people))
    feats["sent_known_body"] = float(any(a.features.get("known_body") and a.features.get("body_dist=0")
                                         for a in cand.people))
    feats["sent_place"] = float(any(a.features.get("dist=0") or a.features.get("rule") for a in cand.places))
    feats["sent_date"] = float(any(a.features.get("dist=0") or a.features.get("rule") for a in cand.dates))
    feats["speaker_only"] = float(bool(near) and all(a.features.get("says") for a in near))
    feats[f"type={etype}&tied_people={_bucket(len(tied), (0, 1, 2))}"] = 1.0
    feats[f"type={etype}&sent_person_states={_bucket(len(near_states), (0, 1, 2))}"] = 1.0
    feats[f"window_people={_bucket(len(cand.people), (0, 1, 2, 4))}"] = 1.0
    feats[f"type={etype}&rule_people={_bucket(len(d.people), (0, 1, 2))}"] = 1.0
    cand.status_features = _status_features(d, rule, index, ref)
    for a in cand.dates:  # the times told with the mention, whichever the event takes
        if a.date is not None and (a.features.get("dist=0") or a.features.get("rule")):
            rel = _relation(a.date.start, a.date.end, ref)
            cand.status_features[f"sent_date={rel}"] = 1.0
            cand.status_features[f"sent_date={rel}&rule={rule.status}"] = 1.0
            if a.date.start == a.date.end == ref:
                cand.status_features["sent_date_is_today"] = 1.0
    dl = index.reader.dateline
    if dl and any(a.features.get("dateline") or a.features.get("dateline_only") for a in cand.places):
        cand.status_features[f"dateline&rule={rule.status}"] = 1.0
    return cand


def _people(d: events._Draft, rule: Event, index: _DocIndex, sents: list[int], window: list[int],
            trigs: list[Token]) -> list[Argument]:
    doc, names = index.doc, index.reader.names
    rule_names = {p.name for p in rule.participants}
    rule_countries = {p.country for p in rule.participants if p.country}
    found: dict[str, Argument] = {}
    pool: list[tuple[str, int | None]] = [(n, None) for n in d.people]
    for s in window:
        pool.extend(index.people_at.get(s, []))
    for name, at in pool:
        person = names.person(name)
        if person is not None and person.outside_politics:
            continue  # a player or an actor the article names is no political actor
        arg = found.get(name)
        if arg is None:
            arg = found[name] = Argument(value=name, features={"bias": 1.0},
                                         title=person.title if person else None,
                                         country=person.country if person else None)
            f = arg.features
            f["rule"] = float(name in rule_names)
            f["has_title"] = float(bool(arg.title))
            f["has_country"] = float(bool(arg.country))
            f[f"mentions={_bucket(index.mention_count.get(name, 1), (1, 2, 4))}"] = 1.0
            f["headline_person"] = float(index.first_sent.get(name, 99) == 0)
            f["one_word"] = float(" " not in name)
            if arg.country and rule_countries:
                f["country_of_rule_person"] = float(arg.country in rule_countries and name not in rule_names)
                f["country_new"] = float(arg.country not in rule_countries)
            f[f"type={rule.type}&rule={name in rule_names}"] = 1.0
        if at is None:
            continue
        f = arg.features
        s = index.sents.of_token(at)
        dist = min(abs(s - x) for x in sents)
        key = f"dist={dist}"
        if key not in f:
            f[key] = 1.0
            f[f"dist={dist}&type={rule.type}"] = 1.0
        tok = doc[at]
        root = tok
        while root.head.i != root.i and index.reader.names.token_name.get(root.head.i) == index.reader.names.token_name.get(at):
            root = root.head
        f[f"dep={root.dep_}"] = 1.0
        head = root.head
        if root.dep_ == "pobj":
            f[f"prep={head.lemma_.lower()}"] = 1.0
            head = head.head
        f[f"headlemma={head.lemma_.lower()}"] = 1.0
        if head.lemma_.lower() in index.reporting and root.dep_ in ("nsubj", "nsubjpass"):
            f["says"] = 1.0
        if dist == 0:
            same, near = _in_sentence(tok, trigs, at)
            if near is not None:
                f[f"tokdist={_bucket(abs(near.i - at), (2, 5, 10, 20))}"] = 1.0
                steps = _path_len(tok, near)
                f[f"path={_bucket(steps, (1, 2, 3, 4, 6))}"] = 1.0
                _rival(f, index, root, same)
                f["before_trigger"] = float(at < near.i) or f.get("before_trigger", 0.0)
    _bodies(d, index, sents, window, trigs, found)
    return _ranked(_fold_short_names(list(found.values())))


def _nearest(f: Features, prefixes: tuple[str, ...]) -> int | None:
    """The smallest of the bucketed distances that features ``prefix=N`` record (``>N`` counts as
    one more than N), or None when there is none. Read off the features because they are what
    a person keeps of all its mentions, also those of a short name folded into the full one."""
    best = None
    for k in f:
        for prefix in prefixes:
            if k.startswith(prefix):
                v = k[len(prefix):]
                over = v.startswith(">")
                digits = v[1:] if over else v
                if digits.isdigit() and (best is None or int(digits) + over < best):
                    best = int(digits) + over
    return best


def _ranked(args: list[Argument]) -> list[Argument]:
    """How many of the other candidate people stand closer to the event word (fewer dependency
    steps) and in a nearer sentence: a participant is seldom the third-nearest name, however
    its own features read."""
    for prefixes, name, edges in ((("path=", "body_path="), "path_rank", (0, 1, 2)),
                                  (("dist=", "body_dist="), "dist_rank", (0, 1))):
        near = [_nearest(a.features, prefixes) for a in args]
        for a, n in zip(args, near):
            if n is not None:
                a.features[f"{name}={_bucket(sum(1 for m in near if m is not None and m < n), edges)}"] = 1.0
    return args


def _fold_short_names(args: list[Argument]) -> list[Argument]:
    """A bare surname left beside the full name it ends ("Haniya", "Ismail Haniya") is that person,
    unless the two are of different states ("Hussein" of Jordan, "Saddam Hussein" of Iraq)."""
    full = [a for a in args if " " in a.value and not a.features.get("body")]
    out = []
    for a in args:
        words = a.value.lower().split()
        longer = None if a.features.get("body") else next(
            (f for f in full if f is not a and f.value.lower().split()[-len(words):] == words
             and len(f.value.split()) > len(words) and not (a.country and f.country and a.country != f.country)),
            None)
        if longer is None:
            out.append(a)
            continue
        for k, v in a.features.items():
            longer.features[k] = max(v, longer.features.get(k, 0.0))
    return out


def _body_before_more(text: str) -> tuple[str, str | None]:
    """A known body that the tagger ran on into a parenthesis or a place ("Group of Seven (G-7)
    finance ministers", "G-7 Washington"): the body's own words and its canonical name; else the
    text as it was and None."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        canon = body_name(head)
        if canon is not None and (rest.startswith("(") or geo.any_code(rest)):
            return head, canon
    return text, None


def _bodies(d: events._Draft, index: _DocIndex, sents: list[int], window: list[int], trigs: list[Token],
            found: dict[str, Argument]) -> None:
    """Named bodies and groups near the mentions, as participant candidates (written as the article writes them)."""
    rule = set(d.bodies)
    seen: dict[str, Argument] = {}
    for s in window:
        for text, canon, at in index.bodies_at.get(s, []):
            key = canon or text
            if key in seen:
                arg = seen[key]
            else:
                arg = seen[key] = found.setdefault(f"body:{key}", Argument(value=text, features={"bias": 1.0}))
            f = arg.features
            f["body"] = 1.0
            f[f"body_head={text_head(arg.value)}"] = 1.0
            f["known_body"] = float(canon is not None)
            f["rule"] = max(f.get("rule", 0.0), float(canon in rule))
            f[f"body_people={_bucket(len(d.people), (0, 1, 2))}"] = 1.0
            dist = min(abs(s - x) for x in sents)
            f[f"body_dist={dist}"] = 1.0
            root = index.doc[at]
            f[f"body_dep={root.dep_}"] = 1.0
            if root.dep_ == "pobj":
                f[f"body_prep={root.head.lemma_.lower()}"] = 1.0
            if dist == 0:
                _, near = _in_sentence(root, trigs, at)
                if near is not None:
                    f[f"body_path={_bucket(_path_len(root, near), (1, 2, 3, 4, 6))}"] = 1.0


def _rival(f: Features, index: _DocIndex, root: Token, own: list[Token]) -> None:
    """Whether another event word of the sentence holds the argument more closely than the
    candidate's own ("talks planned for Nov. 9, ahead of the trip to France": the date is the talks')."""
    mine = min(_path_len(root, t) for t in own)
    others = [t for t in index.triggers_at.get(index.sents.of_token(root.i), []) if all(t.i != o.i for o in own)]
    if others:
        theirs = min(_path_len(root, t) for t in others)
        f["rival_closer" if theirs < mine else "rival_farther" if theirs > mine else "rival_tied"] = 1.0
        if root.head.i in {t.i for t in others} or (root.dep_ == "pobj" and root.head.head.i in {t.i for t in others}):
            f["rival_holds"] = 1.0


def _countries(rule: Event, people: list[Argument], index: _DocIndex, sents: list[int],
               window: list[int], ref: dt.date | None, trigs: list[Token]) -> list[Argument]:
    found: dict[str, Argument] = {}

    def arg(code: str) -> Argument:
        code = geo.code_in_time(code, ref) or code  # "Moscow" in 1987 is the Soviet Union's
        if code not in found:
            found[code] = Argument(value=code, features={"bias": 1.0, f"type={rule.type}": 1.0})
        return found[code]

    for c in rule.countries:
        arg(c).features["rule"] = 1.0
    for p in rule.participants:
        if p.country:
            arg(p.country).features["rule_person"] = 1.0
    if rule.location and rule.location.country:
        arg(rule.location.country).features[f"rule_place&type={rule.type}"] = 1.0
    for a in people:
        if a.country:
            f = arg(a.country).features
            f["window_person"] = 1.0
            if a.features.get("dist=0"):
                f["sentence_person"] = 1.0
    for s in window:
        for code, i in index.states_at.get(s, []):
            f = arg(code).features
            f["named_in_sentence" if s in sents else "named_nearby"] = 1.0
            if s in sents:
                _state_syntax(f, index.doc[i], trigs, rule.type)
    dl = index.reader.dateline_code
    if dl and dl in found:
        found[dl].features["dateline"] = 1.0
    count = f"n={_bucket(len(found), (1, 2, 3, 5))}"
    for a in found.values():
        a.features[count] = 1.0
    for s in window:
        for _text, canon, _i in index.bodies_at.get(s, []):
            for code in body_members(canon):  # a meeting of the GCC is a meeting of its states
                known = len(found)
                f = arg(code).features
                if len(found) > known:  # named by nothing else
                    f.update({"member_only": 1.0, count: 1.0})
                f["member_of_body_in_sentence" if s in sents else "member_of_body_nearby"] = 1.0
    return list(found.values())


def _state_syntax(f: Features, root: Token, trigs: list[Token], etype: str) -> None:
    """How a state named in the mention's sentence stands to it: a party ("talks with
    Japan", "the Japanese minister") or a topic ("talks on North Korea", "the Korean crisis")."""
    f[f"sdep={root.dep_}"] = 1.0
    head = root.head
    if root.dep_ == "pobj":
        f[f"sprep={head.lower_}"] = 1.0
        f[f"sprep={head.lower_}&type={etype}"] = 1.0
    elif root.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
        f[f"smod={head.lemma_.lower()}"] = 1.0
        f["smod_person"] = float(head.ent_type_ == "PERSON") or f.get("smod_person", 0.0)
    _, near = _in_sentence(root, trigs)
    if near is not None:
        f[f"spath={_bucket(_path_len(root, near), (1, 2, 3, 4, 6))}"] = 1.0


def _places(rule: Event, index: _DocIndex, sents: list[int], window: list[int], trigs: list[Token]) -> list[Argument]:
    found: dict[str, Argument] = {}
    if rule.location:
        a = found[geo.normalise(rule.location.name)] = Argument(
            value=rule.location.name, features={"bias": 1.0, "rule": 1.0}, country=rule.location.country)
        if index.reader.dateline and geo.normalise(index.reader.dateline) == geo.normalise(rule.location.name):
            a.features["dateline"] = 1.0
    for s in sents:  # (places of neighbouring sentences were tried: no better in cross-validation)
        dist = 0
        for ent in index.places_at.get(s, []):
            key = geo.normalise(ent.text)
            a = found.get(key)
            if a is None:
                a = found[key] = Argument(value=ent.text, features={"bias": 1.0}, country=ent_code(ent))
            f = a.features
            f[f"dist={dist}"] = 1.0
            f[f"label={ent.label_}"] = 1.0
            f["is_country"] = float(geo.is_country(ent.text))
            f["known_city"] = float(bool(geo.city_code(ent.text)))
            root = ent.root
            if root.dep_ == "pobj":
                f[f"prep={root.head.lemma_.lower()}"] = 1.0
                f[f"prep={root.head.lemma_.lower()}&type={rule.type}"] = 1.0
            f[f"dep={root.dep_}"] = 1.0
            same, near = _in_sentence(root, trigs)
            if near is not None:
                f[f"path={_bucket(_path_len(root, near), (1, 2, 3, 4, 6))}"] = 1.0
                f[f"tokdist={_bucket(abs(near.i - root.i), (2, 5, 10, 20))}"] = 1.0
                _rival(f, index, root, same)
            if s == 0:
                f["headline"] = 1.0
    dl = index.reader.dateline
    if dl and geo.normalise(dl) not in found:
        found[geo.normalise(dl)] = Argument(value=dl, features={"bias": 1.0, "dateline_only": 1.0,
                                                                f"dateline&status={rule.status}": 1.0},
                                            country=index.reader.dateline_code)
    return list(found.values())


def _dates(rule: Event, index: _DocIndex, sents: list[int], window: list[int], trigs: list[Token],
           ref: dt.date | None) -> list[Argument]:
    doc = index.doc
    found: dict[tuple, Argument] = {}
    if rule.date and rule.date.start:
        m = DateMention(text=rule.date.text, start_char=-1, end_char=-1, start=rule.date.start,
                        end=rule.date.end, granularity=rule.date.granularity)
        found[("rule", rule.date.start, rule.date.end)] = Argument(
            value=rule.date.text, features={"bias": 1.0, "rule": 1.0}, date=m)
    for s in sents:  # (dates of neighbouring sentences were tried: more right dates, more wrong ones)
        dist = 0
        for m in index.dates_at.get(s, []):
            if m.start is None or m.end is None:
                continue
            key = ("text", m.start, m.end)
            same_as_rule = rule.date and rule.date.start == m.start and rule.date.end == m.end
            a = found.get(("rule", m.start, m.end)) if same_as_rule else None
            if a is None:
                a = found.get(key)
            if a is None:
                a = found[key] = Argument(value=m.text, features={"bias": 1.0}, date=m)
            f = a.features
            f[f"dist={dist}"] = 1.0
            f[f"gran={m.granularity}"] = 1.0
            f["approximate"] = float(m.approximate)
            rel = _relation(m.start, m.end, ref)
            f[f"rel={rel}&status={rule.status}"] = 1.0
            span = doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
            if span is not None:
                root = span.root
                head = root.head
                if root.dep_ == "pobj":
                    f[f"prep={head.lemma_.lower()}"] = 1.0
                    head = head.head
                f[f"headlemma={head.lemma_.lower()}"] = 1.0
                if head.lemma_.lower() in index.reporting:
                    f["of_reporting_verb"] = 1.0
                same, near = _in_sentence(root, trigs)
                if near is not None:
                    f[f"path={_bucket(_path_len(root, near), (1, 2, 3, 4, 6))}"] = 1.0
                    _rival(f, index, root, same)
                if s == 0:
                    f["headline"] = 1.0
            if m.start_char < index.reader.dateline_end + 40 and s == 0:
                f["dateline_date"] = 1.0
    return list(found.values())


def _status_features(d: events._Draft, rule: Event, index: _DocIndex, ref: dt.date | None) -> Features:
    f: Features = {"bias": 1.0, f"rule={rule.status}": 1.0, f"type={rule.type}": 1.0}
    for m in d.mentions:
        f[f"mention={m.status}"] = 1.0
        if m.cue:
            f[f"cue={m.cue}"] = 1.0
    if rule.date:
        f[f"rel={_relation(rule.date.start, rule.date.end, ref)}"] = 1.0
        f[f"rel={_relation(rule.date.start, rule.date.end, ref)}&rule={rule.status}"] = 1.0
    f["hedged"] = float(bool(rule.hedges))
    doc = index.doc
    for m in d.mentions[:3]:
        t = m.trigger
        f[f"trigger_tag={t.tag_}"] = 1.0
        if begun(t, events.lexicon()):
            f["begun"] = 1.0  # "opened a two-day meeting", "arrived in the capital"
        verb = t if t.pos_ in ("VERB", "AUX") else next((h for h in t.ancestors if h.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            f[f"verb_tag={verb.tag_}"] = 1.0
            for c in verb.children:
                if c.dep_ in ("aux", "auxpass"):
                    f[f"verb_aux={c.lower_}"] = 1.0
            if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
                f["progressive"] = 1.0
        for x in doc[max(t.sent.start, t.i - 6): min(t.sent.end, t.i + 4)]:
            if x.pos_ in ("AUX", "VERB", "PART", "ADV", "ADJ") and x.i != t.i:
                f[f"near={x.lemma_.lower()}"] = 1.0
            if x.tag_ in ("VBD", "VBN", "VBZ", "VBP", "MD") and x.i != t.i:
                f[f"tag={x.tag_}"] = 1.0
    return f
