#!/usr/bin/env python3
"""The pre-check that decides which articles are tagged and parsed at all, on real news.

For each set it tokenizes every article, asks the pre-check (the word forms whose
lemma is a trigger lemma: ``DiplomaticEvents.may_have_events``) and the old test
(prefixes of the trigger lemmas) whether it may hold a trigger, and reports the
share of articles and of words each sends on to the full pipeline. It then runs
the full pipeline on every article and checks that no article holding a trigger
(a match of the lexicon's Matcher patterns) was turned away: the pre-check must
never change the output. Exit 1 if one was.

Sets: the 360 articles of ../shared/corpus/articles.jsonl (with their texts;
many about diplomacy), ../shared/corpus/pool.jsonl (articles holding meeting
words), and the first N records of Reuters-21578.

usage: python bench/precheck.py [--shared ../shared] [--reuters 2000]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _sets(shared: Path, n_reuters: int) -> dict[str, list[str]]:
    corpus = shared / "corpus"
    diplomatic = []
    with open(corpus / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            diplomatic.append((corpus / "articles" / f"{r['id']}.txt").read_text(encoding="utf-8"))
    with open(corpus / "pool.jsonl", encoding="utf-8") as f:
        pool = [json.loads(line)["text"] for line in f if line.strip()]
    reuters = []
    with open(corpus / "bulk" / "reuters.jsonl", encoding="utf-8") as f:
        for line in f:
            if len(reuters) == n_reuters:
                break
            reuters.append(json.loads(line).get("text") or "")
    return {"articles.jsonl (360)": diplomatic, "pool.jsonl": pool, f"Reuters-21578 (first {n_reuters})": reuters}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--reuters", type=int, default=2000)
    args = ap.parse_args()
    from extractor import events
    from extractor.components import may_hold_trigger_prefix, trigger_surface
    from extractor.pipeline import load_nlp

    nlp = load_nlp()
    component = nlp.get_pipe("diplomatic_events")
    prefixes, _ = trigger_surface()
    lex = events.lexicon()
    missed = 0
    print(f"{'set':28} {'articles':>8} {'pass, old':>10} {'pass, now':>10} {'words, old':>11} {'words, now':>11}")
    for name, texts in _sets(args.shared, args.reuters).items():
        n = old_n = new_n = words = old_w = new_w = 0
        let_through: Counter[str] = Counter()
        for text in texts:
            doc = nlp.make_doc(text)
            old = may_hold_trigger_prefix(doc)
            new = component.may_have_events(doc)
            size = len(text.split())
            n, words = n + 1, words + size
            old_n, old_w = old_n + old, old_w + size * old
            new_n, new_w = new_n + new, new_w + size * new
            if old and not new:
                let_through.update(t.lower_ for t in doc if t.lower_.startswith(prefixes))
            if not new and lex.trigger_words(nlp(text)):
                missed += 1
                print(f"  turned away an article holding a trigger: {text[:80]!r}", file=sys.stderr)
        print(f"{name:28} {n:8d} {old_n / n:10.1%} {new_n / n:10.1%} {old_w / words:11.1%} {new_w / words:11.1%}")
        if let_through:
            print("    words that no longer pass:", ", ".join(f"{w} ({c})" for w, c in let_through.most_common(8)))
    print(f"articles holding a trigger that the pre-check turned away: {missed}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
