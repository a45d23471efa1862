"""Paths, standard input, .txt, .jsonl and .html files -> ``Article`` records.

Readers never raise on bad content: a file or line that cannot be used becomes
a ``ReadError`` in the stream, in its place, so one bad article never stops a
batch. Only a path that does not exist raises (``MissingPathError``), before
anything is read.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from dateutil import parser as date_parser

from .records import Article

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
READABLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
BINARY_FILE = "binary file, not text; give .txt, .jsonl or .html articles"
# a dateline date is looked for only near the top of an article
DATELINE_CHARS = 400


@dataclass
class ReadError:
    """An input that could not be turned into an article."""

    source: str
    message: str
    line: int | None = None
    doc_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class MissingPathError(Exception):
    """A path given on the command line does not exist."""


def parse_published(value: Any) -> dt.date | None:
    """An ISO date or date-time string (or a date) -> date; ValueError if it is neither.

    >>> parse_published("1987-02-26T15:01:01")
    datetime.date(1987, 2, 26)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {type(value).__name__}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return dt.datetime.fromisoformat(text).date()


_DATELINE_CANDIDATES = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\b[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b"
    r"|\b\d{1,2} [A-Z][a-z]{2,8}\.?,? \d{4}\b"
)


def dateline_date(text: str) -> dt.date | None:
    """A full calendar date (with year) in the first lines of an article, if any.

    >>> dateline_date("SEOUL, Oct. 31, 2018 (Yonhap) -- ...")
    datetime.date(2018, 10, 31)
    """
    for m in _DATELINE_CANDIDATES.finditer(text[:DATELINE_CHARS]):
        try:
            # dateutil knows month names and abbreviations; the regex only finds candidates
            return date_parser.parse(m.group(0), default=dt.datetime(1900, 1, 1)).date()
        except (ValueError, OverflowError):
            continue
    return None


def check_paths(paths: Iterable[str]) -> None:
    """Raise ``MissingPathError`` naming the first path that does not exist."""
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise MissingPathError(f"no such file or directory: {p}")


def iter_files(path: Path) -> Iterator[Path | ReadError]:
    """A file itself, or every readable file under a directory (recursive, sorted), with a
    ``ReadError`` in place of each subdirectory that cannot be listed."""
    if not path.is_dir():
        yield path
        return
    found: list[tuple[str, Path | ReadError]] = []

    def unlistable(exc: OSError) -> None:
        where = exc.filename or str(path)
        found.append((where, ReadError(where, f"cannot list the folder ({exc.strerror or exc}); "
                                              "check its permissions")))

    for top, dirs, files in os.walk(path, onerror=unlistable):
        dirs[:] = sorted(dirs)
        for name in files:
            child = Path(top) / name
            if child.suffix.lower() in READABLE_SUFFIXES and not name.startswith(".") and child.is_file():
                found.append((str(child), child))
    found.sort(key=lambda x: Path(x[0]).parts)
    for _, item in found:
        yield item


def count_articles(paths: Iterable[str]) -> int | None:
    """How many inputs ``read_articles`` will yield (for a progress bar); None when unknowable (stdin)."""
    n = 0
    for p in paths:
        if p == "-":
            return None
        for f in iter_files(Path(p)):
            if isinstance(f, ReadError):
                n += 1
            elif f.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with f.open("rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                except OSError:
                    n += 1
            else:
                n += 1
    return n


def read_articles(
    paths: Iterable[str], ref_date: dt.date | None = None, stdin: IO[str] | None = None
) -> Iterator[Article | ReadError]:
    """Stream articles (and read errors, in place) from files, directories and ``-``.

    The reference date of an article is its record's ``published``, else
    ``ref_date``, else a sidecar ``NAME.meta.json``, else a dated dateline.
    """
    paths = list(paths)
    check_paths(paths)
    seen: set[Path] = set()  # a file named twice (or also inside a folder named) is read once
    for p in paths:
        if p == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin, "<stdin>", "stdin", ref_date)
            continue
        for f in iter_files(Path(p)):
            if isinstance(f, ReadError):
                yield f
                continue
            real = f.resolve()
            if real in seen:
                continue
            seen.add(real)
            yield from read_file(f, ref_date)


def _decode(path: Path) -> str | ReadError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadError(str(path), f"cannot read the file ({exc.strerror or exc}); check its permissions")
    return decode_bytes(data, str(path))


def decode_bytes(data: bytes, source: str) -> str | ReadError:
    """Text of a file or of standard input: UTF-8 (with or without a BOM), or UTF-16 with its BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return ReadError(source, "broken UTF-16 text; convert it, e.g. `iconv -f utf-16 -t utf-8`")
    if b"\x00" in data[:8192]:
        return ReadError(source, BINARY_FILE)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(
            source,
            f"not UTF-8 text (bad byte at offset {exc.start}); convert it, e.g. `iconv -f latin1 -t utf-8`",
        )


def read_file(path: Path, ref_date: dt.date | None = None) -> Iterator[Article | ReadError]:
    """Articles from one file, chosen by its extension (.jsonl, .html/.htm, else plain text)."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_lines(_jsonl_lines(path), str(path), ref_date)
        return
    text = _decode(path)
    if isinstance(text, ReadError):
        yield text
        return
    if suffix in HTML_SUFFIXES:
        yield html_article(text, path.stem, str(path), ref_date or _sidecar_date(path))
    else:
        yield _text_article(text, path.stem, str(path), ref_date or _sidecar_date(path))


def _jsonl_lines(path: Path) -> Iterator[str | ReadError]:
    """The lines of a JSON Lines file, read one at a time: memory stays flat however big the file."""
    try:
        f = path.open("rb")
    except OSError as exc:
        yield ReadError(str(path), f"cannot read the file ({exc.strerror or exc}); check its permissions")
        return
    with f:
        head = f.read(8192)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield ReadError(str(path), "UTF-16 text; JSON Lines must be UTF-8: convert it, "
                                       "e.g. `iconv -f utf-16 -t utf-8`")
            return
        if b"\x00" in head:
            yield ReadError(str(path), BINARY_FILE)
            return
        f.seek(0)
        for n, raw in enumerate(f, 1):
            if n == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ReadError(str(path), f"not UTF-8 text (bad byte at column {exc.start + 1}); convert the file, "
                                           "e.g. `iconv -f latin1 -t utf-8`", n)


def _sidecar_date(path: Path) -> dt.date | None:
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.is_file():
        return None
    try:
        return parse_published(json.loads(meta.read_text(encoding="utf-8")).get("published"))
    except (OSError, ValueError, AttributeError):
        return None


def _text_article(text: str, doc_id: str, source: str, ref: dt.date | None) -> Article:
    return Article(doc_id=doc_id, text=text, source=source, published=ref or dateline_date(text))


def read_stream(stream: IO[str], source: str, doc_id: str, ref_date: dt.date | None) -> Iterator[Article | ReadError]:
    """Standard input: JSON Lines when its first non-empty line is a JSON object, else one plain-text
    article. A later line that is no record (a truncated pipe) is then an error of its own line, as
    in a file, and the other records are still read.

    The bytes are read and decoded as files are (so Latin-1 gets the same message as in a file),
    when the stream has them; a closed standard input is an error, not a crash.
    """
    if stream is None or getattr(stream, "closed", False):
        yield ReadError(source, "standard input is closed; pipe articles into it, or give a PATH")
        return
    raw = getattr(stream, "buffer", None)
    text = decode_bytes(raw.read(), source) if raw is not None else stream.read()
    if isinstance(text, ReadError):
        yield text
        return
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is not None and _is_json_object(first):
        yield from read_jsonl_lines(lines, source, ref_date)
    else:
        yield _text_article(text, doc_id, source, ref_date)


def _json_kind(value: object) -> str:
    return {dict: "an object", list: "an array", bool: "true or false"}.get(type(value), type(value).__name__)


def _is_json_object(line: str) -> bool:
    line = line.strip()
    if not (line.startswith("{") and line.endswith("}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def read_jsonl_lines(
    lines: Iterable[str | ReadError], source: str, ref_date: dt.date | None
) -> Iterator[Article | ReadError]:
    """JSON Lines records ``{"id", "text", "published"?, "title"?, "url"?}`` -> articles."""
    for n, line in enumerate(lines, 1):
        if isinstance(line, ReadError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            yield ReadError(source, f"malformed JSON ({exc.msg}: column {exc.colno}); fix or remove the line", n)
            continue
        if not isinstance(rec, dict):
            yield ReadError(source, "expected a JSON object with at least a \"text\" field", n)
            continue
        raw_id = rec.get("id") if rec.get("id") is not None else rec.get("doc_id")
        if raw_id is not None and (not isinstance(raw_id, (str, int, float)) or isinstance(raw_id, bool)):
            yield ReadError(source, f"\"id\" must be a string or a number, not {_json_kind(raw_id)}; "
                                    "give each record a plain id", n)
            continue
        doc_id = str(raw_id) if raw_id not in (None, "") else f"{Path(source).stem}-{n}"
        text = rec.get("text")
        if not isinstance(text, str):
            yield ReadError(source, "record has no \"text\" string; add the article text", n, doc_id)
            continue
        try:
            published = parse_published(rec.get("published"))
        except ValueError:
            yield ReadError(source, f"\"published\" is not an ISO date: {rec.get('published')!r}; use YYYY-MM-DD", n, doc_id)
            continue
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        yield Article(
            doc_id=doc_id,
            text=text,
            source=f"{source}:{n}",
            published=published or ref_date or dateline_date(text),
            title=title,
            url=rec.get("url") if isinstance(rec.get("url"), str) else None,
            line=n,
        )


class _ArticleHTML(HTMLParser):
    """Collects the readable text of a news page: title, headings, paragraphs, list items."""

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template", "iframe"}
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "br", "tr", "pre", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.in_title = False
        self.in_article = 0
        self.title = ""
        self.published: str | None = None
        self.blocks: list[str] = []
        self.article_blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "article":
            self.in_article += 1
        elif tag == "meta" and (a.get("property") or a.get("name") or "").lower() in (
            "article:published_time", "date", "pubdate", "dc.date", "og:published_time"
        ):
            self.published = self.published or a.get("content")
        elif tag == "time" and a.get("datetime"):
            self.published = self.published or a.get("datetime")
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "article" and self.in_article:
            self._flush()
            self.in_article -= 1
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.current.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self.current).split())
        self.current = []
        if block:
            self.blocks.append(block)
            if self.in_article:
                self.article_blocks.append(block)


def html_article(html: str, doc_id: str, source: str, ref: dt.date | None) -> Article:
    """Reduce an HTML page to its article text (the <article> element when there is one).

    ``ref`` is used when the page carries no publication date of its own.
    """
    p = _ArticleHTML()
    p.feed(html)
    p.close()
    p._flush()
    blocks = p.article_blocks or p.blocks
    text = "\n\n".join(blocks)
    # the page's own publication date comes first, like a record's "published"
    published = None
    if p.published:
        try:
            published = parse_published(p.published)
        except ValueError:
            published = None
    published = published or ref
    title = " ".join(p.title.split()) or None
    return Article(doc_id=doc_id, text=text, source=source, published=published or dateline_date(text), title=title)
