#!/usr/bin/env python3
"""Kill one `--jobs 2` worker mid-run (as the OOM killer would) and check that the run survives it.

The run must end within --limit seconds with exit code 1 and print every
article's result on stdout, except those it names on stderr as lost. (The
chunks that were in flight are run again in a new worker, so a one-off kill
usually loses nothing; the death is still reported and fails the run.)
Linux only (worker processes are found through /proc).

usage: python bench/kill_worker.py [--articles N] [--limit S] [DIR]
With no DIR, N articles of generated text are written to a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "The foreign ministers of Chile and Norway met in Oslo on Tuesday to discuss fishing rights.",
    "Officials said a second round of talks would be held in Santiago next month.",
    "The prime minister will visit Canberra in March, her office said.",
    "Trade figures for the quarter were released on Friday.",
    "Both sides described the meeting as constructive.",
]


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--limit", type=float, default=60.0)
    args = ap.parse_args()
    tmp = None
    if args.dir:
        folder = Path(args.dir)
    else:
        tmp = folder = Path(tempfile.mkdtemp(prefix="kill-worker-"))
        for i in range(args.articles):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(12))
            (folder / f"article-{i:04d}.txt").write_text(text + "\n", encoding="utf-8")
    expected = len(list(folder.rglob("*.txt")))
    extract = shutil.which("extract") or str(Path(sys.executable).with_name("extract"))
    cmd = [extract, str(folder), "--format", "json", "--jobs", "2", "--batch-size", "2", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    started = time.monotonic()
    # the workers are the grandchildren forked by the pool: wait until one has work, then kill it
    while proc.poll() is None and time.monotonic() - started < args.limit:
        workers = [c for c in children(proc.pid) if c != proc.pid]
        if len(workers) >= 2 and time.monotonic() - started > 1.0:
            killed = workers[-1]
            os.kill(killed, signal.SIGKILL)
            break
        time.sleep(0.05)
    try:
        out, err = proc.communicate(timeout=args.limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        print(f"FAIL: the run still hung {args.limit:.0f} s after worker {killed} was killed", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - started
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    printed = {d["doc_id"] for d in json.loads(out or "[]")}
    lost = [line for line in err.splitlines() if line.startswith("error:") and "worker process died" in line]
    told = [line for line in err.splitlines() if line.startswith("extract: a worker process died")]
    print(f"killed worker {killed}; run ended in {elapsed:.1f} s with exit code {proc.returncode}")
    print(f"{len(printed)} of {expected} articles printed, {len(lost)} reported lost")
    for line in (lost + told)[:6]:
        print("  " + line)
    # every article is either printed or named as lost, and the death is reported and fails the run
    ok = (killed is not None and proc.returncode == 1 and (lost or told) and elapsed <= args.limit
          and len(printed) + len(lost) == expected)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
