"""extractor: diplomatic events (who, what, where, when, status) from news articles.

>>> from extractor import extract
>>> doc = extract("Pompeo will meet Kim Yong-chol in New York next week.", published="2018-10-31")  # doctest: +SKIP
>>> doc["events"][0]["date"]["start"]  # doctest: +SKIP
'2018-11-05'
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from .records import Article, DateMention, DocResult, Event, Participant, Place, When

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "Article", "DateMention", "DocResult", "Event", "Participant", "Place",
           "When", "__version__"]


def _as_article(item: Article | str | dict[str, Any], n: int, published: str | dt.date | None) -> Article:
    from .readers import parse_published

    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(doc_id=f"doc-{n}", text=item, source="<api>", published=parse_published(published))
    return Article(
        doc_id=str(item.get("id", item.get("doc_id", f"doc-{n}"))),
        text=item["text"],
        source=str(item.get("source", "<api>")),
        published=parse_published(item.get("published", published)),
        title=item.get("title"),
        url=item.get("url"),
    )


def extract_many(
    items: Iterable[Article | str | dict[str, Any]],
    published: str | dt.date | None = None,
    model: str | None = None,
    jobs: int = 1,
    with_dates: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stream document objects (the ``--format json`` records) for many articles, in order.

    Items are texts, ``{"id", "text", "published"?}`` dicts or ``Article`` records;
    ``published`` is the reference date for items that carry none.

    >>> docs = extract_many([{"id": "a", "text": "The two leaders met in Paris on Monday.",
    ...                       "published": "2018-11-14"}])  # doctest: +SKIP
    >>> [d["doc_id"] for d in docs]  # doctest: +SKIP
    ['a']
    """
    from .pipeline import DEFAULT_MODEL, process_articles

    articles = (_as_article(it, n, published) for n, it in enumerate(items, 1))
    for result in process_articles(articles, model=model or DEFAULT_MODEL, jobs=jobs):
        yield result.to_dict(with_dates)  # type: ignore[union-attr]  # no ReadErrors from the API


def extract(
    text: str, published: str | dt.date | None = None, model: str | None = None, with_dates: bool = False
) -> dict[str, Any]:
    """The document object (``doc_id``, ``published``, ``events``...) for one article text."""
    return next(extract_many([text], published=published, model=model, with_dates=with_dates))
