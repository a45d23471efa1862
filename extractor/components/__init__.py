"""spaCy components of the extractor, published through the ``spacy_factories`` entry point.

``nlp.add_pipe("diplomatic_events")`` works in any pipeline once the package is
installed. The component keeps its results in ``doc.user_data`` as plain,
msgpack-friendly dicts (never Spans or dates) so that Docs survive
``nlp.pipe(n_process>1)`` and ``DocBin``.

The reference date comes from the pipe context (``{"ref": "YYYY-MM-DD"}`` with
``as_tuples=True``) or from ``doc.user_data["extractor.ref_date"]``.
"""
from __future__ import annotations

import datetime as dt
import functools
import traceback
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..records import Article, DateMention, Event

RESULT_KEY = "extractor.result"
REF_KEY = "extractor.ref_date"
DATES_KEY = "extractor.dates"  # the date_resolver's mentions (plain dicts) and its error, if any
SPANS_KEY = "dates"  # doc.spans[SPANS_KEY]: a span per mention; ``span._.date`` is its DateMention


def _reference(doc: Doc) -> tuple[dt.date | None, str]:
    ctx = getattr(doc, "_context", None)
    ref: Any = doc.user_data.get(REF_KEY)
    doc_id = ""
    if isinstance(ctx, dict):
        ref = ctx.get("ref", ref)
        doc_id = str(ctx.get("doc_id") or "")
    if isinstance(ref, str):
        ref = dt.date.fromisoformat(ref)
    return ref, doc_id


def _starts_article(doc: Doc) -> bool:
    """Whether the Doc is an article's beginning, not a later piece of a long one (the pipeline's
    context gives the piece's offset): only the beginning has a lead."""
    ctx = getattr(doc, "_context", None)
    offset = ctx.get("offset") if isinstance(ctx, dict) else None
    return not (isinstance(offset, (tuple, list)) and offset and offset[0])


class DiplomaticEvents:
    """Finds date expressions and diplomatic events in a parsed Doc."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self._nlp = nlp  # for the lemmatizer's tables, read once by ``forms``

    def __call__(self, doc: Doc) -> Doc:
        ref, doc_id = _reference(doc)
        return self.process(doc, ref, doc_id, starts_article=_starts_article(doc))

    def may_have_events(self, doc: Doc) -> bool:
        """Whether a Doc, tokenized only, may hold a trigger word: no other Doc can have events.

        Each token is looked up among the surface forms whose lemma, as this pipeline's
        lemmatizer makes it, is a trigger lemma of the lexicon (``trigger_forms``), so that
        "callable" or "situation" no longer send an article through tagging, parsing and NER.
        A pipeline without a rule lemmatizer falls back to prefixes of the lemmas.
        """
        forms = self.forms
        if forms is not None:
            return any(t.lower_ in forms for t in doc)
        return may_hold_trigger_prefix(doc)

    @functools.cached_property
    def forms(self) -> frozenset[str] | None:
        return trigger_forms(self._nlp)

    def process(self, doc: Doc, ref: dt.date | str | None, doc_id: str = "", starts_article: bool = True) -> Doc:
        """Dates and events of a parsed ``doc`` against the reference date ``ref`` (``starts_article``:
        False for a later piece of a long article, which has no lead)."""
        from .. import dates, events  # imported late: keeps `import extractor` light

        if isinstance(ref, str):
            ref = dt.date.fromisoformat(ref)
        result: dict[str, Any] = {"events": [], "dates": [], "error": None}
        try:
            found = resolved_dates(doc)
            if found is None:  # a pipeline without the date_resolver: resolve here
                found = dates.find_dates(doc, ref)
            article = Article(doc_id=doc_id, text=doc.text, source="", published=ref)
            # "soon", "recently": no calendar time, so no date of the result (the event stages
            # still read them from doc.spans["dates"], labelled "unresolved")
            result["dates"] = [m.to_dict() for m in found if m.granularity]
            result["events"] = [e.to_dict() for e in events.extract_events(doc, article, found,
                                                                          starts_article=starts_article)]
        except DateResolverError as exc:
            result["error"] = str(exc)
        except Exception as exc:  # one bad article must not stop a batch
            last = traceback.extract_tb(exc.__traceback__)[-1]
            result["error"] = f"{type(exc).__name__}: {exc} (at {last.filename.rsplit('/', 1)[-1]}:{last.lineno})"
        doc.user_data[RESULT_KEY] = result
        # the tok2vec tensor is not needed downstream; dropping it makes
        # worker -> parent transfers smaller
        doc.tensor = doc.tensor[:0] if doc.tensor is not None else doc.tensor
        return doc


@Language.factory(
    "diplomatic_events",
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc.user_data"],
)
def make_event_component(nlp: Language, name: str) -> DiplomaticEvents:
    """Factory for ``nlp.add_pipe("diplomatic_events")``."""
    return DiplomaticEvents(nlp, name)


class DateResolver:
    """Finds and resolves the date expressions of a parsed Doc (``dates.find_dates``) against its
    reference date, and writes them as ``doc.spans["dates"]``: one span per expression, labelled
    with its granularity ("day", "month"... or "unresolved"), whose ``span._.date`` is the
    resolved ``DateMention`` (text, exact offsets, interval, approximate). The mentions are kept in
    ``doc.user_data`` as plain dicts, so they survive ``DocBin`` and worker processes. The
    event stages read them from there; an error is kept for them to report."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from .. import dates

        ref, _ = _reference(doc)
        try:
            found = dates.find_dates(doc, ref)
        except Exception as exc:  # one bad article must not stop a batch: diplomatic_events reports it
            last = traceback.extract_tb(exc.__traceback__)[-1]
            doc.user_data[DATES_KEY] = {"mentions": [], "error": f"{type(exc).__name__}: {exc} "
                                        f"(at {last.filename.rsplit('/', 1)[-1]}:{last.lineno})"}
            doc.spans[SPANS_KEY] = []
            return doc
        doc.user_data[DATES_KEY] = {"mentions": [m.to_dict() for m in found], "error": None}
        spans = []
        for n, m in enumerate(found):
            span = doc.char_span(m.start_char, m.end_char, label=m.granularity or "unresolved",
                                 alignment_mode="expand", span_id=str(n))
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


def _span_date(span: Any) -> DateMention | None:
    stored = span.doc.user_data.get(DATES_KEY)
    if not stored or not span.id_.isdigit() or int(span.id_) >= len(stored["mentions"]):
        return None
    return DateMention.from_dict(stored["mentions"][int(span.id_)])


if not Span.has_extension("date"):
    Span.set_extension("date", getter=_span_date)


def resolved_dates(doc: Doc) -> list[DateMention] | None:
    """The date_resolver's mentions of ``doc`` in text order (None when it did not run on it);
    raises what the resolver caught, for the caller to report."""
    stored = doc.user_data.get(DATES_KEY)
    if stored is None:
        return None
    if stored["error"]:
        raise DateResolverError(stored["error"])
    return [DateMention.from_dict(m) for m in stored["mentions"]]


class DateResolverError(Exception):
    """The date_resolver failed on a Doc."""


@Language.factory(
    "date_resolver",
    requires=["token.dep", "token.tag", "doc.ents", "doc.sents"],
    assigns=["doc.spans", "doc.user_data"],
)
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    """Factory for ``nlp.add_pipe("date_resolver", before="diplomatic_events")``."""
    return DateResolver(nlp, name)


def trigger_forms(nlp: Language) -> frozenset[str] | None:
    """Every lower-case word form that ``nlp``'s rule lemmatizer can lemmatize to a trigger
    lemma: the lemma itself, each rule run backwards ("meet" + ing, "negotiate" - e + ed),
    the exceptions that name it ("met", "flew", "sitting"), and the irregular forms of
    ``models/trigger_forms.tsv``. None when the pipeline has no rule lemmatizer to read.
    """
    from .. import events

    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or getattr(lemmatizer, "mode", "") != "rule" or not lookups.has_table("lemma_rules"):
        return None
    lemmas = {lemma.lower() for lemma in events.lexicon().trigger_lemmas}
    forms = set(lemmas) | set(trigger_surface()[1])
    for rules in lookups.get_table("lemma_rules").values():
        for old, new in rules:
            for lemma in lemmas:
                if lemma.endswith(new):
                    forms.add(lemma[: len(lemma) - len(new)] + old)
    if lookups.has_table("lemma_exc"):
        for table in lookups.get_table("lemma_exc").values():
            forms.update(form for form, targets in table.items() if lemmas.intersection(targets))
    return frozenset(forms)


def may_hold_trigger_prefix(doc: Doc) -> bool:
    """The looser pre-check: a word that begins like a trigger lemma, or an irregular form of one."""
    prefixes, irregular = trigger_surface()
    return any(t.lower_.startswith(prefixes) or t.lower_ in irregular for t in doc)


@functools.lru_cache(maxsize=1)
def trigger_surface() -> tuple[tuple[str, ...], frozenset[str]]:
    """(prefixes, irregular forms) that every inflected form of a trigger lemma matches."""
    from importlib import resources

    from .. import events

    # "negotiate" -> "negotiat" matches negotiated/negotiating; "summit" matches summits
    prefixes = tuple(sorted({lemma[:-1] if lemma.endswith("e") else lemma for lemma in events.lexicon().trigger_lemmas}))
    irregular: set[str] = set()
    text = (resources.files("extractor.models") / "trigger_forms.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            _lemma, forms = line.split("\t")
            irregular.update(f.strip() for f in forms.split(","))
    return prefixes, frozenset(irregular)


class ParagraphBreaks:
    """Starts a sentence after every paragraph break, before the parser runs.

    Headlines, datelines and paragraphs rarely end with a full stop the parser
    trusts; without this, "Abe to hold talks in Beijing" runs into the next
    paragraph's first sentence. A break is a blank line, or a line break
    followed by indentation (as in wire copy); a single line break inside a
    wrapped paragraph is not one.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if tok.is_space and _is_break(tok.text):
                doc[tok.i + 1].is_sent_start = True
        return doc


def _is_break(space: str) -> bool:
    if space.count("\n") >= 2:
        return True
    head, nl, tail = space.partition("\n")
    return bool(nl) and len(tail) >= 2 and not tail.strip()


@Language.factory("paragraph_breaks", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    """Factory for ``nlp.add_pipe("paragraph_breaks", before="parser")``."""
    return ParagraphBreaks(nlp, name)


def empty_result(doc: Doc) -> Doc:
    """Mark ``doc`` as holding no events (and no dates looked for): it had no trigger word."""
    doc.user_data[RESULT_KEY] = {"events": [], "dates": [], "error": None}
    return doc


def doc_results(doc: Doc) -> tuple[list[Event], list[DateMention], str | None]:
    """The events, dates and error (if any) the component left on ``doc``."""
    result = doc.user_data.get(RESULT_KEY) or {}
    return (
        [Event.from_dict(e) for e in result.get("events", [])],
        [DateMention.from_dict(m) for m in result.get("dates", [])],
        result.get("error"),
    )
