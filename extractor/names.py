"""People and bodies named in a Doc: full names, titles and countries.

A ``NameIndex`` is built once per Doc. It repairs entity labels by document
consistency (a string tagged PERSON once is a person everywhere; a news
agency is a source, never a person), resolves a bare surname to the fullest
name the article gives (the nearest preceding mention wins when two people
share it), and remembers each person's title and country as the article
describes them ("Chilean Foreign Minister Ana Ruiz", "Kenji Mori, a senior
adviser to ...", "President Lars Holm of Denmark").
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import geo

_NAME_DEPS = {"compound", "flat", "nmod"}


_DASHES = {"-", "--", "\u2013", "\u2014"}


def _spaced_dash(tok: Token) -> bool:
    """A dash standing alone between spaces (a dateline's "LIMA, March 3 - "), not the hyphen of
    "Vice-President"."""
    return tok.text in _DASHES and bool(tok.whitespace_) and (tok.i == 0 or bool(tok.nbor(-1).whitespace_))


@functools.cache
def titles() -> dict[str, str]:
    """Title word or phrase (lower case) -> kind ("office" or "role")."""
    return {t: kind for t, kind in geo.read_table("titles.tsv")}


@functools.cache
def sources() -> frozenset[str]:
    """Names of news agencies and outlets (lower case)."""
    return frozenset(s.lower() for s in geo.read_lines("sources.txt"))


@functools.cache
def bodies() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Alias or name (lower case) -> (canonical name, member states, seat cities normalised) of named
    international bodies."""
    table: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for row in geo.read_table("bodies.tsv"):
        name = row[0]
        aliases = [a for a in (row[1].split("|") if len(row) > 1 else []) if a]
        members = tuple(c for c in (row[2].split("|") if len(row) > 2 else []) if c)
        seats = tuple(geo.normalise(c) for c in (row[3].split("|") if len(row) > 3 else []) if c)
        for alias in [name, *aliases]:
            table[alias.lower()] = (name, members, seats)
    return table


@functools.cache
def known_people() -> dict[str, str]:
    """Name or alias (lower case, accents kept) -> ISO 3166-1 alpha-3 code of the state a
    well-known political figure acts for (``models/people.tsv``)."""
    table: dict[str, str] = {}
    for row in geo.read_table("people.tsv"):
        name, code = row[0], row[1]
        aliases = [a.strip() for a in (row[2].split(",") if len(row) > 2 else []) if a.strip()]
        for alias in [name, *aliases]:
            table[_person_key(alias)] = code
    return table


def _person_key(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").replace("-", " ").lower().split())


def body_name(text: str) -> str | None:
    """Canonical name of a named international body, or None.

    >>> body_name("OPEC")
    'Organization of the Petroleum Exporting Countries'
    """
    hit = bodies().get(geo.normalise(text))
    return hit[0] if hit else None


def body_members(name: str | None) -> tuple[str, ...]:
    """Member states of a small closed group of states, by any of its names ("GCC"), or ()."""
    hit = bodies().get(geo.normalise(name)) if name else None
    return hit[1] if hit else ()


def body_seat(name: str | None) -> tuple[str, ...]:
    """The cities (normalised) where a named international body sits and usually meets, by any of
    its names ("NATO": Brussels), or ()."""
    hit = bodies().get(geo.normalise(name)) if name else None
    return hit[2] if hit else ()


def is_title_word(word: str) -> bool:
    """True for a word or phrase that names an office or role ("minister", "counterpart")."""
    return word.lower() in titles()


@dataclass
class Person:
    """Everything the article says about one person."""

    name: str
    mentions: list[int] = field(default_factory=list)  # token index of each mention's start
    title: str | None = None
    country: str | None = None
    outside_politics: bool = False  # described somewhere by an occupation outside politics


_CLITICS = frozenset({"'s", "\u2019s", "'", "\u2019"})


def _is_weekday(span: Span) -> bool:
    """A day of the week the tagger read as a name ("on Tues. in Cairo")."""
    if len(span) != 1:
        return False
    from .dates import LEX  # imported late: the date grammar compiles on import, and names need not wait

    days = LEX["weekdays"]
    word, after = span[0].lower_, span.doc[span.end] if span.end < len(span.doc) else None
    dotted = after is not None and after.text == "." and not span[0].whitespace_
    return word in days or (dotted and len(word) > 3 and word + "." in days)


def _shouted(span: Span) -> bool:
    """A span written in capitals throughout, as a headline is, that is longer than an acronym."""
    letters = [c for c in span.text if c.isalpha()]
    return len(letters) > 4 and all(c.isupper() for c in letters)


def _in_capitals(text: str) -> bool:
    """A text written in capitals throughout (most of its letters)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _cased_part(doc: Doc, start: int, end: int, cased: set[str]) -> tuple[int, int]:
    """The longest run of tokens in [start, end) that are words of names the article writes in
    mixed case ("BERG" of "BERG EXPECTS"); (start, start) when there is none."""
    best = (start, start)
    k = start
    while k < end:
        j = k
        while j < end and doc[j].lower_ in cased:
            j += 1
        if j - k > best[1] - best[0]:
            best = (k, j)
        k = j + 1
    return best


def _state_word(tok: Token) -> bool:
    """A state's name or demonym written as a word of its own ("Jordanian", "Syria")."""
    return tok.text[:1].isupper() and bool(geo.demonym_code(tok.text) or geo.country_code(tok.text))


def _opener(tok: Token) -> bool:
    """A sentence's first word that the tagger took into the name after it: a preposition or a
    verb's -ing form ("Following Ana Ruiz's arrival", "Despite Ana Ruiz"), never a name's particle."""
    return bool(tok.is_sent_start) and (tok.tag_ in ("IN", "VBG") or tok.pos_ in ("ADP", "SCONJ")) \
        and tok.lower_ not in _particles()


def _clean(span: Span) -> tuple[int, int]:
    """Token bounds of a PERSON span without leading titles or a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    # a state or its demonym opening a name is said of the person, not part of the name: the
    # tagger's "Danish Queen Ingrid Sol", "Peru Ana Ruiz" (of "the envoy for Peru Ana Ruiz")
    while start < end - 1 and (is_title_word(doc[start].text) or doc[start].pos_ == "DET"
                               or (end - start > 2 and _state_word(doc[start])) or _opener(doc[start])):
        start += 1
    # a photo credit glued to the next sentence ("Ana Ruiz/AFP/Getty Images Mori"): the name is what
    # follows the credit's last slash and the agency it ends with
    slash = [k for k in range(start, end) if "/" in doc[k].text]
    if slash:
        start = slash[-1] + 1
        srcs = sources()
        start += next((n for n in range(min(4, end - start), 0, -1)
                       if _name_text(doc[start:start + n]).lower() in srcs), 0)
        if start >= end:
            return start, start
    # a name ends at its possessive: what follows is the thing owned ("Ona Vey's March visit"),
    # and at a dash standing alone: what follows says who the person is ("Ona Vey - resigned ...")
    end = next((k for k in range(start + 1, end)
                if doc[k].tag_ == "POS" or doc[k].lower_ in _CLITICS or _spaced_dash(doc[k])), end)
    # and at the full stop the tokenizer glued to its last word, reading it as an abbreviation
    # ("Li Jun." taken for June): what follows is the next sentence
    end = next((k + 1 for k in range(start + 1, end - 1) if _glued_stop(doc[k])), end)
    while end > start + 1 and (doc[end - 1].tag_ in ("POS", "HYPH") or doc[end - 1].is_punct
                               or doc[end - 1].lower_ in _CLITICS):
        end -= 1  # the clitic also when tagged as the verb ("Lee's" read as "Lee is")
    return start, end




@functools.cache
def styles() -> frozenset[str]:
    """Titles that are part of a one-word regnal or papal name (``models/styles.txt``)."""
    return frozenset(geo.read_lines("styles.txt"))


@functools.cache
def occupations() -> frozenset[str]:
    """Occupations outside politics (``models/occupations.txt``)."""
    return frozenset(geo.read_lines("occupations.txt"))


@functools.cache
def _particles() -> frozenset[str]:
    return frozenset(geo.read_lines("name_particles.txt"))


def _credited(doc: Doc, end: int) -> bool:
    """Whether the name ending at token ``end`` is a photographer's, credited with the agency
    right after a slash ("Ana Ruiz/Reuters")."""
    return end < len(doc) and doc[end].text.startswith("/") and not doc[end - 1].whitespace_


BYLINE_LINES = 3  # how many line breaks may come before a byline: the headline's, and blank lines


def _bylined(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is the article's author: "by" before it and the end of its
    line right after it, among the article's first lines (a headline ending "... by Ana Ruiz", or a
    line "By Ana Ruiz"). Whoever wrote the report takes no part in what it tells."""
    if start == 0 or doc[start - 1].lower_ != "by":
        return False
    ends_line = end == len(doc) or "\n" in doc[end - 1].whitespace_ or (doc[end].is_space and "\n" in doc[end].text)
    return ends_line and doc.text.count("\n", 0, doc[start].idx) <= BYLINE_LINES


def _paired_family_names(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two family names joined by a hyphen ("the Ruiz-Mori talks"), each that of a different person
    the article names in full, are those two people, not one name. A family name is the last word
    of a full name, or its first (East Asian order: "Xi" of "Xi Jinping")."""
    families: dict[str, set[str]] = {}
    for start, end in spans:
        words = _name_text(doc[start:end]).split()
        if len(words) >= 2:
            for family in (words[0], words[-1]):
                families.setdefault(family, set()).add(" ".join(words))
    out = []
    for start, end in spans:
        if end - start == 3 and doc[start + 1].text == "-" and not doc[start].whitespace_ \
                and not doc[start + 1].whitespace_:
            a, b = families.get(doc[start].text), families.get(doc[start + 2].text)
            if a and b and a != b:
                out += [(start, start + 1), (start + 2, end)]
                continue
        out.append((start, end))
    return out


def _glued_stop(tok: Token) -> bool:
    """A word of three letters or more with the sentence's full stop on it: a name's own
    abbreviations are initials ("J.") or two letters ("Jr."), never such a word."""
    return tok.text.endswith(".") and len(tok.text) >= 4 and tok.text[:-1].isalpha()


def _name_text(span: Span) -> str:
    """A name as one line: a line break or a no-break space inside it is a space ("Ana\nRuiz"),
    without the full stop its last word carries when it ends a sentence."""
    text = " ".join(span.text.split())
    return text[:-1] if len(span) > 1 and _glued_stop(span[-1]) else text


def _words(name: str) -> list[str]:
    return name.replace("-", " ").lower().split()


class NameIndex:
    """The people of one Doc, for name, title and country resolution."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: dict[str, Person] = {}
        self.token_name: dict[int, str] = {}  # token index -> surface name of its PERSON mention
        known: set[str] = set()
        spans: list[tuple[int, int]] = []
        srcs = sources()
        # the words of the names the article writes in mixed case: a name tagged in a capitalised
        # headline ("BERG EXPECTS TALKS") keeps only such words, or is none
        # (an article written in capitals throughout keeps its names as they are)
        persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        cased = {w.lower_ for ent in persons if not _shouted(ent) for w in ent}
        bounds = [_clean(ent) for ent in persons]
        shouted = [_shouted(doc[start:end]) for start, end in bounds]
        cut = any(shouted) and not _in_capitals(doc.text)  # the text is read only when a name is in capitals
        particles = _particles()
        styled = styles()
        for (start, end), loud in zip(bounds, shouted):
            if start == end:
                continue  # a photo credit and nothing else
            if cut and loud:
                start, end = _cased_part(doc, start, end, cased)
                if start == end:
                    continue
            text = _name_text(doc[start:end])
            if text.lower() in srcs or self._is_source_position(start, end) or geo.any_code(text) \
                    or _is_weekday(doc[start:end]) or _credited(doc, end) or _bylined(doc, start, end):
                continue
            # the tagger often stops one word short: "Amadou Toumani [Toure]"
            while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and doc[end - 1].head.i == end:
                end += 1
            # or more than one short, when its last word is a compound of an untagged proper noun further
            # on: "Aung San [Suu Kyi]", where "San" attaches to "Kyi"
            while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i > end \
                    and all(doc[k].pos_ == "PROPN" and not doc[k].ent_type_ and doc[k].text[:1].isupper()
                            for k in range(end, doc[end - 1].head.i + 1)):
                end = doc[end - 1].head.i + 1
            # or before the second half of a hyphenated given name when that half is a word of
            # its own ("Moon Jae-in": "in" reads as the preposition)
            while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].is_lower:
                end += 2
            # or on a particle of the family name ("Ursula von [der Leyen]"), whatever it tagged after it
            if doc[end - 1].lower_ in particles and end - start >= 2:
                k = end
                while k < len(doc) and doc[k].lower_ in particles and doc[k].is_lower:
                    k += 1
                if k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha:
                    end = k + 1
            if end - start == 1 and start > 0 and doc[start - 1].lower_ in styled and doc[start - 1].text[:1].isupper():
                start -= 1  # "Pope Francis", "King Fahd": a regnal name is written with its title
            text = _name_text(doc[start:end])
            known.add(text)
            spans.append((start, end))
        # a state word run into the family name of a person the article names in full is no part of
        # that name ("... heading to Ukraine Orban also said", after "Viktor Orban"): the words
        # before were a headline or a caption without its full stop
        for n, (start, end) in enumerate(spans):
            if end - start != 2 or not _state_word(doc[start]):
                continue
            text, family = _name_text(doc[start:end]), doc[start + 1].text
            if any(k != text and len(k.split()) >= 2 and k.split()[-1] == family for k in known):
                spans[n] = (start + 1, end)
                if all(_name_text(doc[a:b]) != text for a, b in spans):
                    known.discard(text)
                known.add(family)
        # a well-known political figure's full name (``models/people.tsv``) that the tagger missed or
        # read as a place or a group ("Peru's Ana Ruiz" untagged, "President Ana Ruiz" tagged GPE) is
        # that person, unless the gazetteers know the words as a place or a body
        covered = {i for s, e in spans for i in range(s, e)}
        figures = known_people()
        for tok in doc:
            if tok.i in covered or not tok.text[:1].isupper() or tok.pos_ != "PROPN":
                continue
            for n in (4, 3, 2):
                end = tok.i + n
                if end > len(doc) or any(i in covered or not doc[i].text[:1].isupper() for i in range(tok.i, end)):
                    continue
                text = doc[tok.i:end].text
                if _person_key(text) in figures and not geo.any_code(text) and not body_name(text) \
                        and not any(doc[i].ent_type_ == "PERSON" for i in range(tok.i, end)):
                    spans.append((tok.i, end))
                    covered.update(range(tok.i, end))
                    known.add(_name_text(doc[tok.i:end]))
                    break
        # document consistency: an untagged or mistagged copy of a known name is the same person
        words_known = set(known) | {k.split()[-1] for k in known}
        for tok in doc:
            if tok.i in covered or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN"):
                continue
            if tok.text in words_known and not any(c.dep_ in ("compound", "flat") for c in tok.children):
                spans.append((tok.i, tok.i + 1))
                covered.add(tok.i)
        # "President Ana Ruiz" with the name left untagged: proper nouns right after a title are a name
        # (read before the coordinated names below, which would take "Ruiz" alone in "President Ana
        # Ruiz and President Marco Diaz")
        for tok in doc:
            if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.i == 0:
                continue
            if not is_title_word(doc[tok.i - 1].text) or doc[tok.i - 1].i in covered:
                continue
            end = tok.i
            while end < len(doc) and end - tok.i < 4 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and end not in covered and not is_title_word(doc[end].text):
                end += 1
            text = doc[tok.i:end].text
            if end - tok.i < 2 or any(doc[i].ent_type_ in ("GPE", "ORG", "NORP", "LOC", "FAC") for i in range(tok.i, end)):
                continue  # one word may be a place or an office's object; a tagged thing is no person
            if geo.any_code(text) or body_name(text) or text.lower() in srcs:
                continue
            spans.append((tok.i, end))
            covered.update(range(tok.i, end))
        # "Merkel and Abe met": an untagged proper noun coordinated with a person is a person
        ent_len = {i: len(e) for e in doc.ents for i in range(e.start, e.end)}
        for tok in doc:
            if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            if tok.ent_type_ not in ("", "PERSON", "ORG", "GPE") or (tok.ent_type_ and ent_len.get(tok.i, 0) > 1):
                continue  # a mistagged single word ("Dupont" as ORG), never a longer name of a thing
            partners = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
            if any(p.i in covered and p.ent_type_ == "PERSON" for p in partners) and not (
                    geo.any_code(tok.text) or tok.lower_ in srcs or is_title_word(tok.text) or body_name(tok.text)):
                spans.append((tok.i, tok.i + 1))
                covered.add(tok.i)
        # "Envoy for Syria Ana Ruiz", "ambassador to Peru Ana Ruiz": the tagger reads the state a
        # post deals with and the holder's name after it as one name of a thing; the proper nouns
        # after the state are the holder's name ("of" is not among these prepositions: "the
        # head of Peru Coffee Exports" is a group's)
        away = _title_prepositions()
        for ent in doc.ents:
            if ent.label_ == "PERSON" or len(ent) < 3 or ent.start < 2 or ent.start + 1 in covered:
                continue
            prep, title = doc[ent.start - 1], doc[ent.start - 2]
            # (a state's name or a city: a demonym there is said of what follows, "Peruvian Fashion Week")
            if prep.lower_ not in away or not is_title_word(title.text) \
                    or not (geo.country_code(ent[0].text) or geo.city_code(ent[0].text)):
                continue
            rest = ent[1:]
            if len(rest) > 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() and not is_title_word(t.text)
                                        or (t.lower_ in particles and t.is_lower) for t in rest):
                continue
            text = _name_text(rest)
            if geo.any_code(text) or body_name(text) or text.lower() in srcs or not rest[-1].text[:1].isupper():
                continue
            spans.append((rest.start, rest.end))
            covered.update(range(rest.start, rest.end))
        spans = _paired_family_names(doc, spans)
        spans.sort()
        self.spans = spans
        self.starts = [start for start, _ in spans]
        # word -> full name -> starts of its mentions: a name is looked up among the names sharing
        # its first word, never among all mentions (a long article has thousands)
        self._by_word: dict[str, dict[str, list[int]]] = {}
        self._apart: set[int] = set()  # the tokens of short names that stand for nobody longer (below)
        self._full_words: dict[str, list[str]] = {}
        texts = [_name_text(doc[start:end]) for start, end in spans]
        for (start, end), text in zip(spans, texts):
            fw = self._full_words.setdefault(text, _words(text))
            for w in set(fw):
                self._by_word.setdefault(w, {}).setdefault(text, []).append(start)
            for i in range(start, end):
                self.token_name[i] = text
        # a short name said of another state than the full name it would stand for is someone else
        # ("King Hussein of Jordan" beside "Iraq's Saddam Hussein"): it keeps its own name there
        described = [self.describe(start, end) for start, end in spans]
        fulls = [self.resolve(text, start) for (start, _), text in zip(spans, texts)]
        own_state: dict[str, str] = {}
        for text, full, (_, country) in zip(texts, fulls, described):
            if country and full == text:
                own_state.setdefault(text, country)
        kept_apart: set[tuple[str, str]] = set()
        for (start, end), text, full, (title, country) in zip(spans, texts, fulls, described):
            if country and full != text and own_state.get(full, country) != country:
                self._apart.update(range(start, end))
                if title:
                    kept_apart.add((text, title))
        # and so is the same short name under the same title elsewhere ("King Hussein" again)
        for (start, end), text, (title, _) in zip(spans, texts, described):
            if (text, title) in kept_apart:
                self._apart.update(range(start, end))
        for (start, end), text, full, (title, country) in zip(spans, texts, fulls, described):
            full = text if start in self._apart else full
            person = self.people.setdefault(full, Person(full))
            person.mentions.append(start)
            person.outside_politics = person.outside_politics or self.outside_politics(start, end)
            if title and not person.title:
                person.title = title
            if country and not person.country:
                person.country = country
        # a person the article names without a state: a well-known political figure's own
        # (the article's words, read above, always come first)
        known = known_people()
        for person in self.people.values():
            if person.country is None:
                person.country = known.get(_person_key(person.name))

    def _is_source_position(self, start: int, end: int) -> bool:
        # "(Yonhap)" at the very end, or a name in parentheses before the dateline dash
        doc = self.doc
        before = doc[start - 1].text if start > 0 else ""
        after = doc[end].text if end < len(doc) else ""
        return before == "(" and after == ")"

    def resolve(self, name: str, at: int) -> str:
        """The fullest name the article gives for ``name``, as mentioned near token ``at``.

        A bare surname matches a full name ending (or, for East Asian order,
        starting) with it; when several people share it, the nearest mention
        before ``at`` wins, else the nearest after.
        """
        words = _words(name)
        if not words or at in self._apart:
            return name
        best: tuple[int, int, str] | None = None
        for full, starts in self._by_word.get(words[0], {}).items():
            fw = self._full_words[full]
            if len(fw) <= len(words):
                continue
            if fw[-len(words):] == words or fw[: len(words)] == words or (
                len(words) >= 2 and fw[0] == words[0] and fw[-1] == words[-1]
            ) or (len(words) == 1 and len(fw) >= 3 and words[0] in fw[1:-1]):  # "Lechin" of "Juan Lechin Oquendo"
                # preceding mentions first (distance), then following ones
                k = bisect.bisect_right(starts, at)
                rank = (0, at - starts[k - 1]) if k else (1, starts[0] - at)
                if best is None or rank < best[:2]:
                    best = (*rank, full)
        return best[2] if best else name

    def name_at(self, tok: Token) -> str | None:
        """Resolved full name of the person mentioned at ``tok``, or None."""
        surface = self.token_name.get(tok.i)
        if surface is None:
            return None
        start = tok.i
        while start > 0 and self.token_name.get(start - 1) == surface:
            start -= 1
        return self.resolve(surface, start)

    def person(self, name: str) -> Person | None:
        return self.people.get(name)

    def _own_words(self, left: list[Token]) -> list[Token]:
        """The words before a name that describe that person alone: after the last
        coordination or other name ("Putin and Turkish President Erdogan"), and after a dateline's day
        and dash ("LIMA, March 3 - Peruvian Foreign Minister ...")."""
        cut = max((t.i for t in left if t.dep_ == "cc" or self.token_name.get(t.i)
                   or _spaced_dash(t) or (t.like_num and t.ent_type_ == "DATE")), default=-1)
        return [t for t in left if t.i > cut]

    def describe(self, start: int, end: int) -> tuple[str | None, str | None]:
        """Title and country said of the person at tokens [start, end).

        Looks at the words before the name in its noun phrase ("US Secretary of
        State"), an apposition ("Ghanem, secretary of ..."), and an "of <country>"
        after it.
        """
        doc = self.doc
        root = doc[start:end].root
        title_toks: list[Token] = []
        country: str | None = None
        # the noun phrase's own left part: every token before the name whose head chain reaches the name
        left = self._own_words([t for t in root.subtree if t.i < start])
        for t in left:
            if t.dep_ in ("det", "poss", "punct", "case") and not t.ent_type_:
                continue
            title_toks.append(t)
        away = _title_prepositions()
        first = min([t.i for t in title_toks] + [start])
        head = self._title_head(root, first, title_toks, away)
        if head is not None:  # the office's own words, the office, and the words up to the name
            own = [t for t in self._own_words([t for t in head.subtree if t.i < head.i])
                   if not (t.dep_ in ("det", "poss", "punct", "case") and not t.ent_type_)]
            title_toks = own + list(doc[head.i:first]) + title_toks
        for t in root.children:
            if t.dep_ == "appos" and not self._named_before(end, t):
                ap = [x for x in t.subtree]
                if any(is_title_word(x.lemma_) or is_title_word(x.text) for x in ap):
                    if not title_toks and len(ap) <= 12:
                        title_toks = [x for x in ap if x.dep_ != "det" and not x.is_punct]
                    # the state before the apposition's head ("X, assistant U.S. trade representative
                    # and head of ..."), however long the apposition runs on
                    for x in ap:
                        code = self._code(x)
                        if code and x.i < t.i + 1 and not country:
                            country = code
            if t.dep_ == "prep" and t.lower_ == "of" and not self._named_before(end, t):
                country = country or self._of_state(t)
        if root.dep_ == "conj" and not country:
            # "Ana Ruiz and Karl Berg of Norway": the parse hangs the "of" that follows the second
            # name on the first
            for t in root.head.children:
                if t.dep_ == "prep" and t.lower_ == "of" and t.i > root.i and not self._named_before(end, t):
                    country = country or self._of_state(t)
        if root.dep_ == "conj" and not title_toks and not country:
            # "Ana Ruiz and Karl Berg, Norway's prime minister,": the parse hangs the apposition
            # that follows the second name on the first
            for t in root.head.children:
                if t.dep_ == "appos" and t.i > root.i and not self._named_before(end, t):
                    ap = [x for x in t.subtree]
                    if any(is_title_word(x.lemma_) or is_title_word(x.text) for x in ap) and len(ap) <= 12:
                        title_toks = [x for x in ap if x.dep_ != "det" and not x.is_punct]
        said = country  # a state said by an apposition or "of <state>"
        for t in reversed(title_toks):  # the state nearest the office ("Iranian-backed Syrian President")
            code = self._code(t)
            # "Envoy for Syria": the state a post deals with, not its holder's
            if code and not any(a.dep_ == "prep" and a.lower_ in away for a in _up_to(t, root)) \
                    and not (head is not None and any(a.dep_ == "prep" and a.lower_ in away and head.i < a.i < t.i
                                                      for a in title_toks)):
                country = country or code
        if not title_toks and root.dep_ == "conj" and root.head.i in self.token_name:
            # "Foreign ministers Ali Demir and Luis Soto": a plural title before the first of
            # coordinated names is each one's
            shared = [t for t in root.head.subtree if t.i < root.head.i and t.i not in self.token_name
                      and not (t.dep_ in ("det", "poss", "punct", "case", "cc") and not t.ent_type_)]
            if shared and _singular_title(shared[-1]):
                title_toks = [t for t in shared if not self._code(t)]
        respective = self._respective(root)
        if respective:
            # "British and French foreign ministers Ann Cole and Marc Petit": one state each, in order
            country = respective
            title_toks = [t for t in title_toks if not self._code(t) and t.dep_ != "cc"]
        title = _joined([t for t in title_toks if not t.is_punct]) or None
        if title and _singular_title(title_toks[-1]) and not any(is_title_word(w) for w in _title_words(title)):
            last = title_toks[-1]
            one = _singular_title(last) or last.text
            one = one.capitalize() if last.text[:1].isupper() else one
            title = _joined([t for t in title_toks[:-1] if not t.is_punct] + [last])
            title = title[: len(title) - len(last.text)] + one
        if title and not any(is_title_word(w) for w in _title_words(title)):
            title = None
            if not said and any(t.pos_ in ("NOUN", "VERB") and not self._code(t) for t in title_toks):
                # no office but a common noun between the state and the name: the parse ran
                # another phrase into the name's (a question, "does the Peruvian farm union
                # praise Ana Ruiz?", read as one noun phrase)
                country = None
        return title, country

    def _respective(self, root: Token) -> str | None:
        """The state of the name at ``root`` when coordinated states stand before coordinated
        names, as many of each ("British and French ministers Ann Cole and Marc Petit"): the
        states go to the names in order."""
        first = root.head if root.dep_ == "conj" and root.head.i in self.token_name else root
        names, todo = [first], [first]
        while todo:
            for t in todo.pop().children:
                if t.dep_ == "conj" and t.i in self.token_name and t not in names:
                    names.append(t)
                    todo.append(t)
        if len(names) < 2 or root not in names:
            return None
        left = [t for t in first.subtree if t.i < first.i and t.i not in self.token_name]
        if not any(t.dep_ == "cc" for t in left):
            return None
        codes: list[str] = []
        for t in left:
            code = self._code(t)
            if code and not (codes and t.i > 0 and t.ent_iob_ == "I"):  # one state per entity
                codes.append(code)
        names.sort(key=lambda t: t.i)
        return codes[names.index(root)] if len(codes) == len(names) else None

    def _of_state(self, prep: Token) -> str | None:
        """The state an "of" phrase names ("of Peru"), tagged or not, or None."""
        for x in prep.subtree:
            if x.ent_type_ == "GPE":
                code = geo.country_code(self._ent_text(x))
            else:  # "President Xi Jinping of China" with "China" left untagged
                code = geo.country_code(x.text) if x.pos_ == "PROPN" and x.dep_ == "pobj" else None
            if code:
                return code
        return None

    def _named_before(self, end: int, appos: Token) -> bool:
        """Whether another person is named between a name (ending at token ``end``) and an
        apposition the parse gives it: the apposition then describes that nearer person."""
        first = min(x.i for x in appos.subtree)
        return any(i in self.token_name for i in range(end, first))

    def outside_politics(self, start: int, end: int) -> bool:
        """Whether the name at tokens [start, end) is described by an occupation outside politics
        (``occupations``): among the words of its noun phrase before it ("basketball player Ana
        Ruiz") or as the head of an apposition ("Ana Ruiz, the actress,")."""
        root = self.doc[start:end].root
        jobs = occupations()
        left = self._own_words([t for t in root.subtree if t.i < start])
        return any(t.lemma_.lower() in jobs or t.lower_ in jobs for t in left) or any(
            t.dep_ == "appos" and (t.lemma_.lower() in jobs or t.lower_ in jobs) for t in root.children)

    def _title_head(self, root: Token, first: int, left: list[Token], away: frozenset[str]) -> Token | None:
        """The office the name at ``root`` hangs off (``first``: where the name's own words begin), when
        the parse makes the name the object of the title's preposition ("Envoy for Syria Ana Ruiz", with
        the state among the name's own words ``left``: "aide to Ana Ruiz" is no title of hers) or its
        apposition ("the ambassador to Peru Ana Ruiz"); the words between are the rest of the title.
        Not across a comma ("Peru's foreign minister, Ana Ruiz," stays unread, see docs/events.md), nor
        for a role ("his Russian counterpart Ana Ruiz")."""
        doc = self.doc
        if root.dep_ == "pobj" and root.head.i == first - 1 and any(_state_word(t) for t in left):
            head = root.head.head
        elif root.dep_ == "appos":
            head = root.head
        else:
            return None
        if head.i >= first or titles().get(head.lower_) != "office" or head.i in self.token_name:
            return None
        between = doc[head.i + 1:first]
        if all(t in head.subtree and not t.is_punct for t in between) \
                and not any(t.i in self.token_name or t.pos_ in ("VERB", "AUX") for t in between) \
                and all(t.lower_ in away or t.lower_ == "of" for t in between if t.dep_ == "prep"):
            return head
        return None

    def _ent_text(self, tok: Token) -> str:
        for ent in self.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
        return tok.text

    def _code(self, tok: Token) -> str | None:
        """Country meant by a token that is (part of) a demonym, country name or city."""
        if not tok.text[:1].isupper():
            return None
        if tok.ent_type_ in ("GPE", "NORP", "LOC") or tok.pos_ in ("PROPN", "ADJ"):
            text = self._ent_text(tok) if tok.ent_type_ else tok.text
            return geo.demonym_code(text) or geo.country_code(text) or geo.demonym_code(tok.text)
        return None


@functools.cache
def _title_prepositions() -> frozenset[str]:
    return frozenset(geo.read_lines("title_prepositions.txt"))


def _up_to(tok: Token, root: Token) -> list[Token]:
    """The tokens on ``tok``'s head chain below ``root`` (``tok`` itself included)."""
    chain = []
    while tok.i != root.i and tok.head.i != tok.i and len(chain) < 50:
        chain.append(tok)
        tok = tok.head
    return chain


def _singular_title(tok: Token) -> str | None:
    """The title word a plural stands for ("ministers", "Secretaries"), or None."""
    low = tok.lower_
    for one in (tok.lemma_.lower(), low[:-1], low[:-3] + "y" if low.endswith("ies") else ""):
        if one and one != low and low.endswith("s") and is_title_word(one):
            return one
    return None


def _joined(toks: list[Token]) -> str:
    """The words of ``toks`` as the text spells them where they are adjacent ("Norway's")."""
    out = ""
    for k, t in enumerate(toks):
        out += t.text
        if k + 1 < len(toks):
            out += (t.whitespace_ or "") if toks[k + 1].i == t.i + 1 else " "
    return " ".join(out.split())


def _title_words(title: str) -> list[str]:
    words = title.lower().split()
    out = list(words)
    out += [" ".join(words[i : i + 2]) for i in range(len(words) - 1)]
    out += [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    return out
