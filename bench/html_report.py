#!/usr/bin/env python3
"""Open `extract --format html` reports in headless Chromium: a screenshot and a DOM check.

Two reports: the seed article, and the first N articles of
../shared/corpus/articles.jsonl (joined with their texts). Each is rendered by
Chromium with no network; the script saves a screenshot beside it and checks
the DOM Chromium built for the marked spans, the timeline bars, the event
cards and the filters.

usage: python bench/html_report.py [--n 50] [--out DIR] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def chromium() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


def check(page: Path, browser: str) -> dict:
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
             "--window-size=1280,2400"]
    shot = page.with_suffix(".png")
    subprocess.run(flags + [f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    dom = subprocess.run(flags + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    return {
        "page": str(page), "screenshot": str(shot) if shot.exists() else None,
        "marks": len(re.findall(r"<mark class=\"entity\"", dom)),
        "timeline bars": len(re.findall(r"class=\"bar\"", dom)),
        "cards": len(re.findall(r"class=\"card\"", dom)),
        "filters": len(re.findall(r"<select id=\"f-", dom)),
        "scripts": len(re.findall(r"<script", dom)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--out", default=None)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args()
    browser = chromium()
    if browser is None:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 2
    out = Path(args.out or tempfile.mkdtemp(prefix="html-report-"))
    out.mkdir(parents=True, exist_ok=True)
    extract = shutil.which("extract") or str(Path(sys.executable).with_name("extract"))
    corpus = Path(args.shared) / "corpus"
    items = []
    with open(corpus / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = (corpus / "articles" / f"{r['id']}.txt").read_text(encoding="utf-8")
            items.append({"id": r["id"], "text": text, "published": r["published"], "title": r.get("title")})
            if len(items) == args.n:
                break
    src = out / "articles.jsonl"
    src.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    ok = True
    for name, inp in (("seed", str(REPO / "seeds")), (f"{args.n}-articles", str(src))):
        page = out / f"{name}.html"
        with open(page, "w", encoding="utf-8") as f:
            subprocess.run([extract, inp, "--format", "html", "--quiet"], stdout=f, check=True)
        got = check(page, browser)
        print(json.dumps(got))
        ok &= got["marks"] > 0 and got["timeline bars"] > 0 and got["cards"] > 0 and got["filters"] == 3
    print("PASS" if ok else "FAIL", f"(pages and screenshots in {out})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
