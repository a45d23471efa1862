#!/usr/bin/env python3
"""Pairwise precision and recall of `extract --link` against labelled pairs of events.

Each file under annotations/link-set*.jsonl names the articles of one set and their
source (a file of ../shared/corpus/bulk) on its first line, then pairs of events with
two annotators' labels (same encounter or not), made by reading the events'
evidence blind to the linker. Each side names its article and the offsets of its
evidence sentences, so that the pairs outlive changes to the rules: a side is
the event of today's run, in that article, whose evidence overlaps it most (of two
that overlap it as much, the one with less evidence besides). The
set is extracted and linked whole (an encounter can be joined through events
outside the pairs), and a pair counts as linked when both sides land in one
encounter (a side no longer found counts as not linked).

usage: python bench/link_pairs.py [--shared ../shared] [annotations/link-set*.jsonl ...]
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args()
    from extractor import extract_many, link
    from extractor.records import DocResult, Event
    from extractor.readers import parse_published

    sets = args.sets or sorted(glob.glob(str(REPO / "annotations" / "link-set*.jsonl")))
    corpora: dict[str, dict[str, dict]] = {}

    def corpus(source: str) -> dict[str, dict]:
        """The articles of a set's source file (named from the repository, under ../shared)."""
        if source not in corpora:
            corpora[source] = {}
            with open(Path(args.shared) / source.split("shared/", 1)[1], encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    corpora[source][r["id"]] = r
        return corpora[source]

    total = [0, 0, 0]
    for path in sets:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        head, pairs = json.loads(lines[0]), [json.loads(x) for x in lines[1:] if x.strip()]
        texts = corpus(head.get("source", "../shared/corpus/bulk/isot.jsonl"))
        items = [{"id": i, "text": texts[i]["text"], "published": texts[i]["published"][:10]} for i in head["articles"]]
        docs = []
        for d in extract_many(items):
            res = DocResult(d["doc_id"], d["source"], parse_published(d["published"]))
            res.events = [Event.from_dict(e) for e in d["events"]]
            docs.append(res)
        group = {i: n for n, enc in enumerate(link.link(docs)) for i in enc["event_ids"]}
        by_doc = {d.doc_id: d for d in docs}

        def event_of(side: dict) -> str | None:
            # the event whose evidence shares the most characters with the side's; of two that share
            # as many (one sentence cited by both), the one with the less evidence besides
            doc = by_doc.get(side["article"])
            best, most = None, (0, 0)
            for ev in doc.events if doc else []:
                overlap = sum(max(0, min(e.end_char, b) - max(e.start_char, a))
                              for e in ev.evidence for a, b in side["evidence"])
                match = (overlap, -sum(e.end_char - e.start_char for e in ev.evidence))
                if overlap and match > most:
                    best, most = ev.id, match
            return best

        tp = fp = fn = 0
        for p in pairs:
            a, b = event_of(p["a"]), event_of(p["b"])
            linked = a is not None and b is not None and group.get(a) == group.get(b)
            tp += linked and p["same"]
            fp += linked and not p["same"]
            fn += p["same"] and not linked
        agree = sum(p["same"] == p["same_second_annotator"] for p in pairs)
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        print(f"{Path(path).name}: {len(pairs)} pairs ({tp + fn} same), annotators agree on {agree}; "
              f"precision {tp / (tp + fp) if tp + fp else 0:.3f}, recall {tp / (tp + fn) if tp + fn else 0:.3f}")
    tp, fp, fn = total
    print(f"all: precision {tp / (tp + fp) if tp + fp else 0:.3f}, recall {tp / (tp + fn) if tp + fn else 0:.3f} "
          "(targets 0.9 and 0.8)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
