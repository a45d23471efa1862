#!/usr/bin/env python3
"""How fast selective processing could make `extract` at best, on diplomatic news.

Selective processing runs NER over the whole article (the name index needs every
person the article names) and the rest of the pipeline (tok2vec, tagger, parser,
attribute ruler, lemmatizer) only where a trigger word stands. This script times,
in CPU seconds and side by side in one process, on the 360 articles of
../shared/corpus/articles.jsonl joined with their texts:

- plain spaCy: every component over every article (`nlp.pipe`, batch 64);
- NER alone over every article (the other components disabled);
- the whole pipeline over the paragraphs that hold a trigger word form alone,
  and over the sentences that do (sentences as the full parse cut them);

and prints the best ratio selective processing could reach against plain spaCy
if the extractor's own work (dates, rules, candidates, decisions) cost nothing:
full / (NER on everything + the whole pipeline on the trigger paragraphs or
sentences). Each measurement is repeated ``--rounds`` times; the machine is
shared, so the rounds show the noise.

usage: python bench/selective_bound.py [--shared ../shared] [--rounds 2] [--model NAME]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    import spacy

    from extractor.pipeline import DEFAULT_MODEL, load_nlp

    model = args.model or DEFAULT_MODEL
    forms = load_nlp(model).get_pipe("diplomatic_events").forms or frozenset()
    nlp = spacy.load(model)
    corpus = args.shared / "corpus"
    with open(corpus / "articles.jsonl", encoding="utf-8") as f:
        ids = [json.loads(line)["id"] for line in f if line.strip()]
    texts = [(corpus / "articles" / f"{i}.txt").read_text(encoding="utf-8") for i in ids]

    def holds_trigger(text: str) -> bool:
        return any(t.lower_ in forms for t in nlp.make_doc(text))

    paragraphs = [p for t in texts for p in t.split("\n") if p.strip() and holds_trigger(p)]
    sentences = [s.text for doc in nlp.pipe(texts, batch_size=64) for s in doc.sents
                 if any(t.lower_ in forms for t in s)]
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    print(f"{len(texts)} articles, {tokens} tokens; trigger paragraphs hold "
          f"{sum(len(nlp.make_doc(p)) for p in paragraphs) / tokens:.2f} of the tokens, trigger sentences "
          f"{sum(len(nlp.make_doc(s)) for s in sentences) / tokens:.2f}")

    def cpu(work) -> float:
        start = time.process_time()
        work()
        return time.process_time() - start

    def ner_only() -> None:
        with nlp.select_pipes(enable=["ner"]):
            for _ in nlp.pipe(texts, batch_size=64):
                pass

    def full(items: list[str]):
        def run() -> None:
            for _ in nlp.pipe(items, batch_size=64):
                pass
        return run

    print("round | plain spaCy CPU s | NER alone | whole pipeline on trigger paragraphs | on trigger sentences "
          "| best ratio (paragraphs) | best ratio (sentences)")
    for n in range(1, args.rounds + 1):
        whole = cpu(full(texts))
        ner = cpu(ner_only)
        par = cpu(full(paragraphs))
        sen = cpu(full(sentences))
        print(f"{n} | {whole:.1f} | {ner:.1f} ({ner / whole:.2f}) | {par:.1f} ({par / whole:.2f}) | "
              f"{sen:.1f} ({sen / whole:.2f}) | {whole / (ner + par):.2f}x | {whole / (ner + sen):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
