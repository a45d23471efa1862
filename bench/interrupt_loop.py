#!/usr/bin/env python3
"""Interrupt `extract --db` again and again, then check the store equals a clean run's.

Each cycle starts `extract DIR --db STORE` and stops it after a random delay,
alternately with SIGINT (Ctrl-C) and SIGKILL (kill -9). After the cycles one
run finishes the work. The store's articles, events and participants must then
equal those of a store made by one uninterrupted run (times of processing
aside), and every stored article must be whole.

usage: python bench/interrupt_loop.py [--cycles N] [--articles N] [--seed S]
"""
from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Foreign Minister Ana Ruiz of Peru will meet her Chilean counterpart Tomas Berg in Lima next week.",
    "President Kenji Mori hosted Prime Minister Lars Novak at his residence on Tuesday for talks on trade.",
    "The finance ministers of the two countries spoke by telephone on Friday, officials said.",
    "Wheat prices were steady in early trading.",
]


def contents(db: Path) -> tuple[list, list, list]:
    con = sqlite3.connect(db)
    try:
        docs = sorted(con.execute("SELECT key, doc_id, source, published, model, version, n_events, record "
                                  "FROM documents"))
        events = sorted(con.execute("SELECT * FROM events"))
        parts = sorted(con.execute("SELECT * FROM participants"))
        for key, _doc_id, _src, _pub, _model, _ver, n_events, _rec in docs:
            assert con.execute("SELECT COUNT(*) FROM events WHERE doc_key = ?", (key,)).fetchone()[0] == n_events
        return docs, events, parts
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=20)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    extract = shutil.which("extract") or str(Path(sys.executable).with_name("extract"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "news"
        src.mkdir()
        for i in range(args.articles):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(6))
            (src / f"a{i:04d}.txt").write_text(f"Report {i}. {text}\n", encoding="utf-8")
        clean, interrupted = Path(tmp) / "clean.db", Path(tmp) / "interrupted.db"
        common = ["--format", "jsonl", "--ref-date", "2019-05-06", "--quiet"]
        subprocess.run([extract, str(src), "--db", str(clean), *common], check=True, stdout=subprocess.DEVNULL)
        stored = []
        for cycle in range(args.cycles):
            sig = signal.SIGINT if cycle % 2 == 0 else signal.SIGKILL
            p = subprocess.Popen([extract, str(src), "--db", str(interrupted), *common],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(1.5, 4.0))  # model loading takes about 1.5 s
            p.send_signal(sig)
            p.wait(timeout=60)
            n = contents(interrupted)[0] if interrupted.exists() else []
            stored.append(len(n))
        final = subprocess.run([extract, str(src), "--db", str(interrupted), *common], stdout=subprocess.DEVNULL)
        same = contents(clean) == contents(interrupted)
    print(f"{args.cycles} interrupts (SIGINT and SIGKILL in turn); articles stored after each: {stored}")
    print(f"final run exit code {final.returncode}; store equals a clean run's: {same}")
    print("PASS" if same and final.returncode == 0 else "FAIL")
    return 0 if same and final.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
