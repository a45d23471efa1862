"""The ``extract`` command end to end: stdout parsed as JSON, stderr and exit codes asserted."""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

# the installed console script, as users run it (not the source tree in the current directory)
EXTRACT = [str(Path(sys.executable).with_name("extract"))]

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

MEETING = "Foreign Minister Anna Berg of Sweden will meet her Finnish counterpart Pekka Lahti in Oslo next week."


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``extract ARGS`` run in this process (Typer's runner; the pipeline loads once per test run).
    Tests of what only a process boundary shows (terminals, pipes, signals) start ``EXTRACT`` instead."""
    from typer.testing import CliRunner

    from extractor.cli import app

    res = CliRunner().invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)
    return subprocess.CompletedProcess(list(args), res.exit_code, res.stdout, res.stderr)


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_seeds_as_json_document(tmp_path: Path) -> None:
    r = run(str(SEEDS), "--format", "json")
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)
    assert [d["doc_id"] for d in docs] == ["000_c89a90a817a27df8"]
    assert docs[0]["published"] == "2018-10-31"  # from the sidecar .meta.json
    assert set(docs[0]) == {"doc_id", "source", "published", "title", "url", "schema_version", "rules_version",
                            "events"}
    assert re.fullmatch(r"[0-9a-f]{12}", docs[0]["rules_version"])  # which rules and trained decisions made it


def test_seeds_table_is_readable() -> None:
    r = run(str(SEEDS), "--format", "table", env={"COLUMNS": "160"})
    assert r.returncode == 0, r.stderr
    assert "000_c89a90a817a27df8" in r.stdout
    assert "events in 1 articles" in r.stdout


def test_default_format_when_piped_is_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(MEETING, encoding="utf-8")
    r = run(str(f), "--ref-date", "2018-10-31")
    assert r.returncode == 0, r.stderr
    for rec in jsonl(r.stdout):
        assert rec["doc_id"] == "a" and rec["published"] == "2018-10-31" and rec["source"].endswith("a.txt")


def test_jsonl_input_with_datetime_published_and_dates(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "r1", "text": "Talks are set for Nov. 9.", "published": "2018-10-31T15:01:01"})
                 + "\n", encoding="utf-8")
    r = run(str(f), "--format", "json", "--dates")
    assert r.returncode == 0, r.stderr
    (doc,) = json.loads(r.stdout)
    assert doc["doc_id"] == "r1" and doc["published"] == "2018-10-31"
    assert isinstance(doc["dates"], list)
    for d in doc["dates"]:
        assert doc_text_slice("Talks are set for Nov. 9.", d) == d["text"]


def doc_text_slice(text: str, d: dict) -> str:
    return text[d["start_char"]:d["end_char"]]


def test_stdin_plain_text_and_jsonl() -> None:
    r = run("-", "--format", "json", "--ref-date", "2018-10-31", stdin=MEETING)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["doc_id"] == "stdin"
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": MEETING}) for i in range(3))
    r = run("-", "--format", "json", "--ref-date", "2018-10-31", stdin=lines)
    assert r.returncode == 0, r.stderr
    assert [d["doc_id"] for d in json.loads(r.stdout)] == ["s0", "s1", "s2"]


def test_missing_path_exits_2_and_processes_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(MEETING, encoding="utf-8")
    r = run(str(good), str(tmp_path / "nope.txt"), "--format", "json")
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.strip() == f"Error: no such file or directory: {tmp_path / 'nope.txt'}"


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "c_latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "d_bad.jsonl").write_text(
        json.dumps({"id": "ok1", "text": MEETING}) + "\n{not json\n" + json.dumps({"id": "notext"}) + "\n"
        + json.dumps({"id": "ok2", "text": MEETING}) + "\n", encoding="utf-8")
    (tmp_path / "e_empty.txt").write_text("", encoding="utf-8")
    r = run(str(tmp_path), "--format", "json", "--ref-date", "2018-10-31")
    assert r.returncode == 1
    ids = [d["doc_id"] for d in json.loads(r.stdout)]
    assert ids == ["a_good", "ok1", "ok2", "e_empty"]
    err = r.stderr
    assert f"{tmp_path / 'b_binary.txt'}: binary file" in err
    assert f"{tmp_path / 'c_latin1.txt'}: not UTF-8 text" in err
    assert f"{tmp_path / 'd_bad.jsonl'}:2: malformed JSON" in err
    assert f"{tmp_path / 'd_bad.jsonl'}:3: record has no \"text\"" in err
    assert "4 input(s) failed" in err


def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(MEETING, encoding="utf-8")
    f.chmod(0)
    if os.access(f, os.R_OK):  # root reads anything
        pytest.skip("running as a user who can read mode-000 files")
    r = run(str(f), "--format", "json")
    assert r.returncode == 1 and "cannot read the file" in r.stderr


def test_empty_file_and_no_events_exit_0(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "dull.txt").write_text("Wheat prices rose two percent on Monday.", encoding="utf-8")
    r = run(str(tmp_path), "--format", "json", "--ref-date", "1987-03-02")
    assert r.returncode == 0, r.stderr
    assert [d["events"] for d in json.loads(r.stdout)] == [[], []]


def test_no_reference_date_warns_once(tmp_path: Path) -> None:
    for n in range(2):
        (tmp_path / f"u{n}.txt").write_text("The ministers will meet next week.", encoding="utf-8")
    r = run(str(tmp_path), "--format", "json", "--dates")
    assert r.returncode == 0
    assert r.stderr.count("--ref-date YYYY-MM-DD") == 1
    for doc in json.loads(r.stdout):
        assert doc["published"] is None
        for d in doc["dates"]:
            assert d["start"] is None and d["end"] is None


def test_html_is_reduced_to_article_text(tmp_path: Path) -> None:
    html = ("<html><head><title>Envoys meet</title><script>var x = 'meet';</script>"
            "<meta property='article:published_time' content='2018-10-31T08:00:00Z'></head>"
            f"<body><nav>Home | World</nav><article><h1>Envoys meet</h1><p>{MEETING}</p></article>"
            "<footer>Copyright</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    r = run(str(tmp_path / "page.html"), "--format", "json", "--dates")
    assert r.returncode == 0, r.stderr
    (doc,) = json.loads(r.stdout)
    assert doc["doc_id"] == "page" and doc["published"] == "2018-10-31"


def test_very_long_article_is_processed(tmp_path: Path) -> None:
    """5 MB in one article: cut into pieces for the parser, offsets still into the whole text."""
    # long "words" keep the token count (and the test's run time) low
    filler = ("z" * 999 + " ") * 5_000
    tail = "The foreign ministers will meet next week."
    text = "Ministers met on Tuesday.\n\n" + filler + "\n\n" + tail
    assert len(text) > 5_000_000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    r = run(str(tmp_path / "long.txt"), "--format", "json", "--dates", "--ref-date", "2018-10-31")
    assert r.returncode == 0, r.stderr[-2000:]
    (doc,) = json.loads(r.stdout)
    assert doc["doc_id"] == "long"
    found = {text[d["start_char"]:d["end_char"]] for d in doc["dates"]}
    assert {"Tuesday", "next week"} <= found


def test_unknown_format_and_bad_ref_date() -> None:
    r = run(str(SEEDS), "--format", "xml")
    assert r.returncode == 2 and "unknown format 'xml'" in r.stderr
    r = run(str(SEEDS), "--ref-date", "31/10/2018")
    assert r.returncode == 2 and "write it as YYYY-MM-DD" in r.stderr


def test_unknown_model() -> None:
    r = run(str(SEEDS), "--model", "no_such_pipeline_xyz")
    assert r.returncode == 1 and "cannot load the spaCy pipeline 'no_such_pipeline_xyz'" in r.stderr
    assert r.stdout.strip() in ("", "[]", "[\n]")


def test_csv_has_header_and_one_row_per_event() -> None:
    import csv
    import io

    r = run(str(SEEDS), "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    jl = jsonl(run(str(SEEDS), "--format", "jsonl").stdout)
    assert len(rows) == len(jl)
    assert all(row["doc_id"] == "000_c89a90a817a27df8" for row in rows)


def test_schema_option_prints_json_schema() -> None:
    r = run("--schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert schema["required"] == ["doc_id", "source", "published", "title", "url", "schema_version", "rules_version",
                                  "events"]


def test_output_matches_schema_required_fields() -> None:
    schema = json.loads(run("--schema").stdout)
    ev_required = schema["$defs"]["event"]["required"]
    r = run(str(SEEDS), "--format", "json")
    for ev in json.loads(r.stdout)[0]["events"]:
        assert set(ev_required) <= set(ev)
        assert ev["type"] in schema["$defs"]["event"]["properties"]["type"]["enum"]
        assert ev["status"] in schema["$defs"]["event"]["properties"]["status"]["enum"]


def test_progress_on_a_terminal_never_swallows_stdout(tmp_path: Path) -> None:
    """stderr on a terminal with FORCE_COLOR=1 and stdout piped: the JSON must all arrive."""
    for n in range(3):
        (tmp_path / f"m{n}.txt").write_text(MEETING, encoding="utf-8")
    master, slave = pty.openpty()
    try:
        p = subprocess.run([*EXTRACT, str(tmp_path), "--format", "json",
                            "--ref-date", "2018-10-31"], stdout=subprocess.PIPE, stderr=slave, text=True,
                           env={**os.environ, "FORCE_COLOR": "1"}, timeout=600)
    finally:
        os.close(slave)
        os.close(master)
    assert p.returncode == 0
    assert [d["doc_id"] for d in json.loads(p.stdout)] == ["m0", "m1", "m2"]


def test_quiet_and_force_color_keep_stdout_clean(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text(MEETING, encoding="utf-8")
    r = run(str(tmp_path), "--format", "jsonl", "--ref-date", "2018-10-31", env={"FORCE_COLOR": "1"})
    assert r.returncode == 0
    for line in r.stdout.splitlines():
        json.loads(line)  # no escape codes, no progress text


def test_jobs_2_output_identical_to_jobs_1(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"j{i}", "text": (MEETING if i % 2 else "Markets were calm on Monday.") * (1 + i % 3),
                         "published": "2018-10-31"}) for i in range(40)]
    lines.insert(7, "{broken")
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = run(str(f), "--format", "json", "--dates", "--jobs", "1", "--batch-size", "4")
    two = run(str(f), "--format", "json", "--dates", "--jobs", "2", "--batch-size", "4")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert [d["doc_id"] for d in json.loads(two.stdout)] == [f"j{i}" for i in range(40)]
    assert "in.jsonl:8: malformed JSON" in two.stderr


def test_dask_engine_output_identical_to_local(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    lines = [json.dumps({"id": f"k{i}", "text": MEETING if i % 2 else "Markets were calm on Monday.",
                         "published": "2018-10-31"}) for i in range(6)]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = run(str(f), "--format", "json")
    dask = run(str(f), "--format", "json", "--engine", "dask", "--jobs", "2", "--batch-size", "2")
    assert local.returncode == dask.returncode == 0, dask.stderr[-2000:]
    assert local.stdout == dask.stdout


def test_db_followed_by_an_option_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["--db", "-q", "seeds"])
    assert res.exit_code == 2 and "--db takes a file name" in res.output
    res = CliRunner().invoke(app, ["--db", "-q"])  # with no PATH too: no "no store at -q"
    assert res.exit_code == 2 and "--db takes a file name" in res.output
    assert not (tmp_path / "-q").exists()


def test_a_reader_that_leaves_early_is_not_a_failure(tmp_path: Path) -> None:
    text = "Foreign Minister Ana Ruiz of Peru met Foreign Minister Kenji Mori of Japan in Lima on Monday.\n"
    for i in range(40):
        (tmp_path / f"a{i}.txt").write_text(text * 50, encoding="utf-8")
    p = subprocess.Popen([*EXTRACT, str(tmp_path), "--format", "jsonl", "--ref-date", "2020-03-04"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline()  # one line, then the reader is gone, as with `| head -1`
    p.stdout.close()
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0 and b"Traceback" not in err


def test_closed_stdin_and_a_malformed_scheduler_get_messages() -> None:
    p = subprocess.run([*EXTRACT, "-", "--format", "jsonl"], capture_output=True, text=True, timeout=300,
                       preexec_fn=lambda: os.close(0))
    assert p.returncode == 1 and "standard input is closed" in p.stderr and "Traceback" not in p.stderr
    pytest.importorskip("distributed")
    from typer.testing import CliRunner

    from extractor.cli import app

    res = CliRunner().invoke(app, ["seeds", "--engine", "dask", "--scheduler", "a:b:c"])
    assert res.exit_code == 1 and "is not a scheduler address" in res.output


def test_dates_with_a_format_that_cannot_show_them_warns() -> None:
    r = run(str(SEEDS), "--format", "jsonl", "--dates")
    assert r.returncode == 0 and "--dates adds the date list" in r.stderr
    assert "--dates" not in run(str(SEEDS), "--format", "json", "--dates").stderr


def test_jsonl_csv_and_the_store_hold_the_same_events_ids_urls_and_codes(tmp_path: Path) -> None:
    import csv
    import io
    import sqlite3

    texts = [MEETING, "President Lars Lund of Norway spoke by telephone with Prime Minister Mei Chen of Singapore.",
             "Foreign Minister Ana Ruiz of Peru visited Tokyo on Monday and met Japanese Foreign Minister Kenji Mori."]
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": t, "published": "2018-10-31", "title": f"Story {i}",
                                       "url": f"https://news.example/{i}"}) + "\n" for i, t in enumerate(texts)),
                   encoding="utf-8")
    key = ("event_id", "doc_id", "url", "title", "type", "plover", "plover_mode", "cameo", "schema_version")
    jl = {tuple(r[k] for k in key) for r in jsonl(run(str(src), "--format", "jsonl").stdout)}
    rows = csv.DictReader(io.StringIO(run(str(src), "--format", "csv").stdout))
    from_csv = {tuple(r[k] or None for k in key) for r in rows}
    db = tmp_path / "e.db"
    assert run(str(src), "--db", str(db), "--format", "jsonl").returncode == 0
    con = sqlite3.connect(db)
    from_db = {row[:-1] + ("2",) for row in con.execute(f"SELECT {', '.join(key[:-1])}, 1 FROM events")}
    roles = {r[0] for r in con.execute("SELECT role FROM participants JOIN events USING (event_id)")}
    con.close()
    assert len(jl) >= 3 and jl == from_csv == from_db
    assert all(url.startswith("https://news.example/") for _, _, url, *_ in jl)
    assert {"041", "042"} <= {r[7] for r in jl} and {"host", "visitor"} <= roles
    # ids are the same on every run and never repeat across articles
    again = {tuple(r[k] for k in key) for r in jsonl(run(str(src), "--format", "jsonl").stdout)}
    assert again == jl and len({r[0] for r in jl}) == len(jl)


def test_a_store_dump_prints_only_the_events_asked_for(tmp_path: Path) -> None:
    texts = ["President Lars Lund of Norway spoke by telephone with Prime Minister Mei Chen of Singapore on Monday.",
             "Foreign Minister Ana Ruiz of Peru will visit Tokyo next month to meet Japanese Foreign Minister Kenji Mori."]
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": t, "published": "2018-10-31"}) + "\n"
                           for i, t in enumerate(texts)), encoding="utf-8")
    db = str(tmp_path / "e.db")
    every = jsonl(run(str(src), "--db", db, "--format", "jsonl").stdout)
    assert {e["type"] for e in every} == {"call", "visit"}

    def dump(*args: str) -> list[dict]:
        r = run("--db", db, "--format", "jsonl", *args)
        assert r.returncode == 0, r.stderr
        return jsonl(r.stdout)
    assert [e["type"] for e in dump("--type", "call")] == ["call"]
    assert [e["type"] for e in dump("--status", "planned")] == ["visit"]
    assert [e["type"] for e in dump("--country", "SGP")] == ["call"]
    assert [e["type"] for e in dump("--country", "sgp")] == ["call"]  # a code in lower case is the same
    assert {e["type"] for e in dump("--country", "SGP", "--country", "PER")} == {"call", "visit"}
    assert [e["type"] for e in dump("--since", "2018-11-01")] == ["visit"]  # November: the visit
    assert [e["type"] for e in dump("--until", "2018-10-31")] == ["call"]  # Monday Oct 29: the call
    assert dump("--type", "summit") == []
    assert run("--db", db, "--type", "party").returncode == 2
    assert run(str(src), "--type", "call").returncode == 2  # filters choose what a store prints


def test_an_article_given_twice_is_read_once(tmp_path: Path) -> None:
    for folder in ("inbox", "archive"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "berg.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "inbox" / "other.txt").write_text(MEETING.replace("Oslo", "Bergen"), encoding="utf-8")
    db = tmp_path / "events.db"
    r = run(str(tmp_path / "inbox"), str(tmp_path / "archive"), "--ref-date", "2018-10-31", "--db", str(db),
            "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    ids = [e["event_id"] for e in jsonl(r.stdout)]
    assert len(ids) == 2 and len(set(ids)) == 2  # berg.txt once, other.txt once
    assert re.search(r"archive.berg\.txt: the same article \(same id, date and text\) as one read before", r.stderr)
    assert f"whose events are {ids[0].split('-')[0]}-E1" in r.stderr
    assert "2 articles" in r.stderr and "2 events" in r.stderr
    stored = run("--db", str(db), "--format", "jsonl")
    assert sorted(e["event_id"] for e in jsonl(stored.stdout)) == sorted(ids)
    # quiet: no warning, the same output
    assert run(str(tmp_path / "inbox"), str(tmp_path / "archive"), "--ref-date", "2018-10-31", "-q").stderr == ""


def test_store_options_say_what_is_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    r = run("--db", str(missing))
    assert r.returncode == 2 and "no store at" in r.stderr and f"extract PATH --db {missing}" in r.stderr
    assert not missing.exists()  # asking what a store holds creates none
    r = run("--country", "FRA")
    assert r.returncode == 2 and "give --db FILE and no PATH" in r.stderr
    db = tmp_path / "events.db"
    assert run(str(SEEDS), "--db", str(db), "-q").returncode == 0
    r = run("--db", str(db), "--since", "2019-01-01", "--until", "2018-01-01")
    assert r.returncode == 2 and "--until 2018-01-01 comes before --since 2019-01-01" in r.stderr
    assert run("--db", str(db), "--since", "2018-01-01", "--until", "2019-01-01").returncode == 0
