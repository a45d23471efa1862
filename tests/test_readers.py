"""Readers: files, JSON Lines, HTML and reference dates, without the spaCy model."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from extractor.readers import (
    Article, MissingPathError, ReadError, dateline_date, html_article, parse_published, read_articles, read_stream,
)

D = dt.date


def test_parse_published_accepts_dates_and_datetimes() -> None:
    assert parse_published("1987-02-26T15:01:01") == D(1987, 2, 26)
    assert parse_published("2018-10-31") == D(2018, 10, 31)
    assert parse_published("2018-10-31T08:00:00+09:00") == D(2018, 10, 31)
    assert parse_published(None) is None
    with pytest.raises(ValueError):
        parse_published("last Tuesday")


@pytest.mark.parametrize("text,expected", [
    ("SEOUL, Oct. 31, 2018 (Yonhap) -- Officials met.", D(2018, 10, 31)),
    ("Posted 2005-12-03 by the desk\nLeaders gathered.", D(2005, 12, 3)),
    ("LONDON, 3 December 2005 - Ministers met.", D(2005, 12, 3)),
    ("WASHINGTON, March 11 - Ministers met.", None),  # no year: not enough
    ("Ministers met on Tuesday.", None),
])
def test_dateline_date(text: str, expected: D | None) -> None:
    assert dateline_date(text) == expected


def test_dateline_only_looks_at_the_top() -> None:
    assert dateline_date("x " * 300 + "October 31, 2018") is None


def test_reference_date_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("SEOUL, Oct. 31, 2018 - text", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2018-10-30"}), encoding="utf-8")
    (tmp_path / "b.txt").write_text("SEOUL, Oct. 31, 2018 - text", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "t", "published": "2001-01-01"}) + "\n"
                                      + json.dumps({"id": "c2", "text": "t"}) + "\n", encoding="utf-8")
    got = {a.doc_id: a.published for a in read_articles([str(tmp_path)])}
    assert got == {"a": D(2018, 10, 30), "b": D(2018, 10, 31), "c1": D(2001, 1, 1), "c2": None}
    got = {a.doc_id: a.published for a in read_articles([str(tmp_path)], ref_date=D(1999, 9, 9))}
    # --ref-date comes after the record's own date, before sidecars and datelines
    assert got == {"a": D(1999, 9, 9), "b": D(1999, 9, 9), "c1": D(2001, 1, 1), "c2": D(1999, 9, 9)}


def test_directories_are_recursive_sorted_and_skip_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "a.htm").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("skip", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")
    assert [a.doc_id for a in read_articles([str(tmp_path)])] == ["a", "z"]


def test_missing_path_raises_before_reading(tmp_path: Path) -> None:
    with pytest.raises(MissingPathError, match="no such file or directory: .*nope"):
        list(read_articles([str(tmp_path), str(tmp_path / "nope")]))


def test_bad_jsonl_lines_become_errors_in_place(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text('{"id": 1, "text": "a"}\n\n[1, 2]\n{"id": 3}\n{"id": 4, "text": "b", "published": "soon"}\n{oops\n'
                 '{"id": 5, "text": "c"}\n', encoding="utf-8")
    out = list(read_articles([str(f)]))
    kinds = [(type(o).__name__, getattr(o, "line", None)) for o in out]
    assert kinds == [("Article", 1), ("ReadError", 3), ("ReadError", 4), ("ReadError", 5), ("ReadError", 6),
                     ("Article", 7)]
    assert out[0].doc_id == "1" and out[0].source == f"{f}:1"
    assert "published" in out[3].message and "malformed JSON" in out[4].message


def test_undecodable_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00\x00")
    errs = list(read_articles([str(tmp_path)]))
    assert all(isinstance(e, ReadError) for e in errs)
    assert "not UTF-8" in errs[0].message and "iconv" in errs[0].message
    assert "binary file" in errs[1].message


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffText".encode("utf-8"))
    (art,) = read_articles([str(tmp_path)])
    assert art.text == "Text"


def test_stdin_plain_or_jsonl() -> None:
    (a,) = read_stream(io.StringIO("Just text.\n{not a record}\n"), "<stdin>", "stdin", None)
    assert isinstance(a, Article) and a.doc_id == "stdin"
    recs = list(read_stream(io.StringIO('{"id": "x", "text": "t"}\n\n{"id": "y", "text": "u"}\n'),
                            "<stdin>", "stdin", None))
    assert [r.doc_id for r in recs] == ["x", "y"]


def test_a_broken_line_of_jsonl_on_stdin_is_its_own_error() -> None:
    cut = '{"id": "x", "text": "t"}\n# a note\n{"id": "y", "text": "u"}\n{"id": "z", "te'
    got = list(read_stream(io.StringIO(cut), "<stdin>", "stdin", None))
    assert [r.doc_id for r in got if isinstance(r, Article)] == ["x", "y"]
    errors = [r for r in got if isinstance(r, ReadError)]
    assert [e.line for e in errors] == [2, 4] and all(e.source == "<stdin>" for e in errors)


def test_html_article_text_title_and_date() -> None:
    html = """<html><head><title> Leaders meet </title><style>p {color: red}</style>
    <meta name="date" content="2016-09-05"></head><body><header>Menu</header>
    <div class="story"><h1>Leaders meet</h1><p>First &amp; second paragraph.</p><p>Third<br>line.</p></div>
    <script>alert('x')</script><footer>(c) Someone</footer></body></html>"""
    art = html_article(html, "p", "p.html", None)
    assert art.title == "Leaders meet"
    assert art.published == D(2016, 9, 5)
    assert art.text == "Leaders meet\n\nFirst & second paragraph.\n\nThird\n\nline."
    assert "Menu" not in art.text and "alert" not in art.text and "Someone" not in art.text


def test_html_prefers_the_article_element() -> None:
    html = "<body><div>Related: other story</div><article><p>The story.</p></article><div>More</div></body>"
    assert html_article(html, "p", "p.html", D(2020, 1, 1)).text == "The story."


def test_jsonl_is_read_line_by_line_with_bad_lines_in_place(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": "caf\u00e9 talks \u2028 and more"}, ensure_ascii=False).encode("utf-8")
    f.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + b'{"id": "b", "text": "caf\xe9"}\n' + good.replace(b'"a"', b'"c"') + b"\n")
    out = list(read_articles([str(f)]))
    assert [type(o).__name__ for o in out] == ["Article", "ReadError", "Article"]
    assert out[0].text == "caf\u00e9 talks \u2028 and more"  # a raw U+2028 inside a string is no line break
    assert out[1].line == 2 and "not UTF-8" in out[1].message
    assert out[2].doc_id == "c" and out[2].line == 3



def test_a_folder_that_cannot_be_listed_is_an_error_and_the_rest_is_read(tmp_path: Path, monkeypatch) -> None:
    import os

    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Hidden text.", encoding="utf-8")
    (tmp_path / "z.txt").write_text("Last text.", encoding="utf-8")
    real = os.scandir

    def scandir(p="."):  # as a folder without read permission behaves, even for root
        if Path(p) == locked:
            raise PermissionError(13, "Permission denied", str(p))
        return real(p)
    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_articles([str(tmp_path)]))
    assert [getattr(i, "doc_id", None) for i in items] == ["a", None, "z"]
    assert str(locked) in str(items[1]) and "cannot list the folder" in str(items[1])


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Some text.", encoding="utf-8")
    items = list(read_articles([str(f), str(tmp_path), str(tmp_path / "." / "a.txt")]))
    assert [i.doc_id for i in items] == ["a"]


def test_ids_must_be_plain_values() -> None:
    lines = ['{"id": ["a", "b"], "text": "t"}', '{"id": {"x": 1}, "text": "t"}', '{"id": 7, "text": "t"}']
    a, b, c = read_stream(io.StringIO("\n".join(lines) + "\n"), "<stdin>", "stdin", None)
    assert isinstance(a, ReadError) and "must be a string or a number, not an array" in str(a) and a.line == 1
    assert isinstance(b, ReadError) and "not an object" in str(b)
    assert c.doc_id == "7"


def test_utf16_with_a_bom_is_read_as_text(tmp_path: Path) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes("The envoys met in Quito.".encode("utf-16"))
    (a,) = read_articles([str(f)])
    assert a.text == "The envoys met in Quito."
    j = tmp_path / "wide.jsonl"
    j.write_bytes('{"id": "a", "text": "t"}\n'.encode("utf-16"))
    (e,) = read_articles([str(j)])
    assert isinstance(e, ReadError) and "UTF-16" in str(e) and "iconv" in str(e)


def test_stdin_bytes_are_decoded_like_a_file_and_a_closed_stdin_is_an_error() -> None:
    latin = io.TextIOWrapper(io.BytesIO("Caf\u00e9 talks in Bogot\u00e1.".encode("latin-1")), encoding="utf-8")
    (e,) = read_stream(latin, "<stdin>", "stdin", None)
    assert isinstance(e, ReadError) and "not UTF-8" in str(e)
    (e,) = read_stream(None, "<stdin>", "stdin", None)  # type: ignore[arg-type]
    assert isinstance(e, ReadError) and "standard input is closed" in str(e)
