#!/usr/bin/env python3
"""Incremental runs with the store: first run, run after new articles, re-run of unchanged input.

Writes the first N Reuters-21578 articles (then N + NEW) to a temporary folder
as JSON Lines, runs `extract --db` three times and prints the wall times and
the speed-up of the unchanged re-run over the first run (target: at least 10x).

usage: python bench/incremental.py [--n 1000] [--new 10] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bulk" / "reuters.jsonl"


def timed_run(extract: str, src: Path, db: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    p = subprocess.run([extract, str(src), "--db", str(db), "--format", "jsonl"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(p.stderr)
    return time.perf_counter() - t0, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--new", type=int, default=10)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    extract = shutil.which("extract") or str(Path(sys.executable).with_name("extract"))
    with args.corpus.open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(args.n + args.new)]
    with tempfile.TemporaryDirectory() as tmp:
        src, db = Path(tmp) / "news", Path(tmp) / "events.db"
        src.mkdir()
        (src / "part1.jsonl").write_text("".join(lines[: args.n]), encoding="utf-8")
        first, s1 = timed_run(extract, src, db)
        (src / "part2.jsonl").write_text("".join(lines[args.n:]), encoding="utf-8")
        grown, s2 = timed_run(extract, src, db)
        again, s3 = timed_run(extract, src, db)
    print(f"{'run':34} {'seconds':>8}  store summary")
    print(f"{'first run, ' + str(args.n) + ' articles':34} {first:8.2f}  {s1}")
    print(f"{'after ' + str(args.new) + ' new articles':34} {grown:8.2f}  {s2}")
    print(f"{'unchanged re-run':34} {again:8.2f}  {s3}")
    print(f"speed-up of the unchanged re-run over the first run: {first / again:.1f}x (target >= 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
