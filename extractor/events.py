"""Doc -> diplomatic Event records (placeholder until the rule set lands)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .records import Article, DateMention, Event


def prepare_nlp(nlp: Language) -> None:
    """Add any helper components the event rules need (called once by the pipeline)."""


def extract_events(doc: Doc, article: Article, dates: list[DateMention]) -> list[Event]:
    """All diplomatic events in ``doc``."""
    return []
