"""Rebuild the trained decisions from annotated articles, and cross-validate them.

    python -m extractor.train ../shared/eval/train ../shared/eval/dev \\
        --extra annotations/pool-round?.gold.jsonl --texts ../shared/corpus/pool.jsonl
    python -m extractor.train ../shared/eval/train ../shared/eval/dev --cv 5 --scorer ../shared/eval/score.py \\
        --extra annotations/pool-round?.gold.jsonl --texts ../shared/corpus/pool.jsonl

Each DIR holds ``*.gold.jsonl`` (one article a line: ``doc_id``, ``published``,
``events``, in the format of the annotation guide) and the texts ``DOC_ID.txt``.
The gold is event-level; it is projected onto the rules' candidates here: a
candidate that pairs with a gold event (by a shared participant name, or for
events of states alone by a shared state plus place or date) is a positive,
and its candidate arguments are labelled by the gold participants, states,
place, date and status. Logistic models (scikit-learn, ``pip install
".[train]"``) are fitted on those labels and written as plain weights to
``models/trained/decisions.json``; the articles' text is never written.

With ``--cv K`` nothing is written: the articles are cut into K folds by
document, each fold is scored (by ``--scorer``, the project's shared
``score.py``) with models trained on the other folds, and the rules alone are
scored on the same folds for comparison. ``--extra`` articles (news drawn at
random, annotated for this project) join every training set with a lower
weight and are never scored.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import pickle
import re
import statistics
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .candidates import Argument, Candidate, Features
from .decide import STATUSES, Decisions, Trees, _flatten, _interval, assemble

OUT = Path(__file__).resolve().parent / "models" / "trained" / "decisions.json"


# ---------------------------------------------------------------- gold

def load_gold(paths: Iterable[str | Path], texts: str | Path | None = None) -> list[dict[str, Any]]:
    """Every annotated article of ``paths``: its gold line plus ``text``.

    A folder holds ``*.gold.jsonl`` and the texts ``DOC_ID.txt``; a ``.gold.jsonl``
    file takes its texts from ``texts``, a JSON Lines corpus of ``{id, title, text}``
    records (the title, then a blank line, then the text, as the folders keep them).
    """
    corpus: dict[str, str] | None = None
    docs = []
    for p in map(Path, paths):
        if p.is_dir():
            for gold in sorted(p.glob("*.gold.jsonl")):
                for g in _gold_lines(gold):
                    g["text"] = (p / f"{g['doc_id']}.txt").read_text(encoding="utf-8")
                    docs.append(g)
            continue
        if texts is None:
            raise ValueError(f"{p}: a gold file needs --texts, the JSON Lines corpus that holds its articles")
        if corpus is None:
            corpus = {}
            with Path(texts).open(encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    corpus[str(r["id"])] = f"{r['title']}\n\n{r['text']}" if r.get("title") else r["text"]
        for g in _gold_lines(p):
            if g["doc_id"] not in corpus:
                raise ValueError(f"{p}: {g['doc_id']} is not in {texts}")
            g["text"] = corpus[g["doc_id"]]
            docs.append(g)
    return docs


def _gold_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _tokens(s: str | None) -> list[str]:
    s = re.sub(r"'s\b", "", (s or "").lower().replace("\u2019", "'"))
    toks = re.sub(r"[^a-z0-9\u00c0-\u024f]+", " ", s).split()
    while toks and toks[0] == "the":
        toks = toks[1:]
    return toks


def name_matches(name: str, aliases: Sequence[str]) -> bool:
    """A name matches a gold participant when one of its spellings ends the name."""
    p = _tokens(name)
    return bool(p) and any((a := _tokens(x)) and p[-len(a):] == a for x in aliases)


def place_matches(name: str | None, aliases: Sequence[str] | None) -> bool:
    p = " ".join(_tokens(name))
    if not p or not aliases:
        return False
    return any((a := " ".join(_tokens(x))) and (a == p or f" {a} " in f" {p} " or f" {p} " in f" {a} ")
               for x in aliases)


def date_matches(arg: Argument, gold: dict | None) -> bool:
    if not gold or arg.date is None or arg.date.start is None or arg.date.end is None:
        return False
    return gold["start"] <= arg.date.start.isoformat() and arg.date.end.isoformat() <= gold["end"]


# ---------------------------------------------------------------- candidates

def propose_all(docs: list[dict[str, Any]], model: str | None = None, quiet: bool = False) -> list[list[Candidate]]:
    """The rules' candidates for every article (parsed with the extractor's own pipeline)."""
    from . import candidates, dates
    from .pipeline import DEFAULT_MODEL, load_nlp, split_text
    from .records import Article

    nlp = load_nlp(model or DEFAULT_MODEL)
    out = []
    with nlp.select_pipes(disable=["diplomatic_events"]):
        for n, g in enumerate(docs, 1):
            ref = dt.date.fromisoformat(g["published"][:10]) if g.get("published") else None
            found: list[Candidate] = []
            for offset, piece in split_text(g["text"]):
                doc = nlp(piece)
                article = Article(doc_id=g["doc_id"], text=piece, source="", published=ref)
                found += candidates.propose(doc, article, dates.find_dates(doc, ref), starts_article=offset == 0)
            out.append(found)
            if not quiet and n % 50 == 0:
                print(f"candidates: {n}/{len(docs)} articles", file=sys.stderr)
    return out


# ---------------------------------------------------------------- projection

def _pair_score(c: Candidate, g: dict) -> float | None:
    names = [a.value for a in c.people] or list(c.bodies)
    hits = sum(1 for aliases in g["participants"] if any(name_matches(n, aliases) for n in names))
    if g["participants"] and not hits:
        return None
    # only the places and dates told with the mention pair an event of states alone
    place_ok = any(place_matches(a.value, g.get("place")) for a in c.places if not a.features.get("dist=1"))
    date_ok = any(date_matches(a, g.get("date")) for a in c.dates if not a.features.get("dist=1"))
    if not g["participants"]:
        if not {a.value for a in c.countries} & set(g.get("countries") or []):
            return None
        if not (place_ok or date_ok):
            return None
    rule_hits = sum(1 for aliases in g["participants"]
                    if any(name_matches(p.name, aliases) for p in c.rule.participants))
    return 2 * hits + rule_hits + place_ok + date_ok + (c.rule.type in g.get("type", [])) + (
        0 if g.get("optional") else 0.5)


def project(cands: list[Candidate], golds: list[dict]) -> list[dict | None]:
    """The gold event each candidate stands for (greedy, best pairs first), or None."""
    pairs = []
    for i, c in enumerate(cands):
        for j, g in enumerate(golds):
            s = _pair_score(c, g)
            if s is not None:
                pairs.append((s, -i, j))
    pairs.sort(reverse=True)
    used_c: set[int] = set()
    used_g: set[int] = set()
    out: list[dict | None] = [None] * len(cands)
    for _s, neg_i, j in pairs:
        i = -neg_i
        if i in used_c or j in used_g:
            continue
        used_c.add(i)
        used_g.add(j)
        out[i] = golds[j]
    return out


def repeats(c: Candidate, g: dict) -> bool:
    """Whether candidate ``c``, which pairs with gold event ``g`` though another candidate was
    projected onto it, may be a second mention of that encounter: the gold allows its type and its
    own date does not fall outside the gold's."""
    if c.rule.type not in (g.get("type") or []):
        return False
    told, gold = _interval(c.rule), g.get("date")
    return not (gold and told and (told[1].isoformat() < gold["start"] or gold["end"] < told[0].isoformat()))


def _best_gold(c: Candidate, golds: list[dict]) -> dict | None:
    """The gold event ``c`` pairs with best (the first of equals), or None."""
    scored = [(s, g) for g in golds if (s := _pair_score(c, g)) is not None]
    return max(scored, key=lambda x: x[0])[1] if scored else None


Example = tuple[Features, Any, int, int]  # features, label, article (for folds by document), candidate event


def examples(corpus: list[list[Candidate]], docs: list[dict]) -> dict[str, list[Example]]:
    """(features, label, article, candidate) examples of every decision, from candidates and their projected gold."""
    ex: dict[str, list[Example]] = {k: [] for k in ("event", "person", "country", "place", "date", "status",
                                                     "repeat")}
    group = 0
    for n, (cands, g) in enumerate(zip(corpus, docs)):
        for c, gold in zip(cands, project(cands, g["events"])):
            group += 1
            # a second mention of the encounter another candidate stands for (the gold event it
            # pairs with best) is neither a positive (the merge would have to join it) nor a
            # negative (it is an event) of the event model: it is left out, and it is a positive
            # of the repeat model, whose negatives are the mentions that stand for an event
            if gold is None and (best := _best_gold(c, g["events"])) is not None and repeats(c, best):
                ex["repeat"].append((c.features, 1, n, group))
                continue
            if gold is None or not gold.get("optional"):
                ex["event"].append((c.features, int(gold is not None), n, group))
            if gold is not None and not gold.get("optional"):
                ex["repeat"].append((c.features, 0, n, group))
            if gold is None:
                continue
            for a in c.people:
                ex["person"].append((a.features, int(any(name_matches(a.value, al) for al in gold["participants"])), n, group))
            for a in c.countries:
                ex["country"].append((a.features, int(a.value in (gold.get("countries") or [])), n, group))
            # a role's examples are grouped by candidate and by whether the gold fills the role at all
            for a in c.places:
                ex["place"].append((a.features, int(place_matches(a.value, gold.get("place"))), n,
                                    (group, bool(gold.get("place")))))
            for a in c.dates:
                ex["date"].append((a.features, int(date_matches(a, gold.get("date"))), n,
                                   (group, bool(gold.get("date")))))
            ok = gold.get("status") or []
            label = c.rule.status if c.rule.status in ok else (ok[0] if ok else None)
            if label:
                ex["status"].append((c.status_features, label, n, group))
    return ex


# ---------------------------------------------------------------- fitting

Weigh = Callable[[int], float]  # the weight of an article's examples, by its index


def _fit_binary(data: list[Example], tune: bool = False, trees: bool = False, pick: bool = False,
                weigh: Weigh | None = None) -> dict[str, Any]:
    """A logistic model (or, with ``trees``, boosted trees) of ``data``; with ``tune``, its threshold
    is the one that maximises F1 on held-out articles of ``data`` itself (three folds by article),
    never on the data it is scored on, averaged with its neighbours on the grid; with ``pick`` (one
    filler of a role, or none), the one that maximises the harmonic mean of the picks' accuracy and
    precision (``_pick_accuracy``). ``weigh`` gives each article's examples their weight in the fit
    (by default 1)."""
    labels = [y for _, y, _, _ in data]
    if len(set(labels)) < 2:  # nothing to learn: a constant answer
        return {"weights": {}, "intercept": 10.0 if labels and labels[0] else -10.0, "threshold": 0.5}
    learn = _boosted if trees and len(data) >= TREES_MIN else _logistic
    model = learn([f for f, _, _, _ in data], labels, _weights(data, weigh))
    model["threshold"] = (_tuned_threshold(data, learn, pick=pick, weigh=weigh) if tune else 0.5)
    return model


def _weights(data: list[Example], weigh: Weigh | None) -> list[float] | None:
    return None if weigh is None else [weigh(n) for _, _, n, _ in data]


# Articles drawn at random from the news (the pool: one required event in four articles) are
# another kind than the annotated event-dense sets: at full weight they halve the event model's
# false positives on such news but cost 0.04 recall on event-dense articles; at this weight
# they keep most of the first and lose none of the second (docs/learning.md).
EXTRA_WEIGHT = 0.3

TREE_DECISIONS = ("event", "person", "country", "place", "date")  # trees beat a logistic model in CV
TREES_MIN = 200  # fewer examples than this get a logistic model: too few to grow trees on
TREES = {"n_estimators": 200, "max_depth": 3, "learning_rate": 0.1}
# Each tree model is the average of BAGS boosted ensembles, each grown on a random share of the
# examples (seeds 0 .. BAGS-1, so a rebuild still depends on the data alone): one ensemble on all
# the examples scored event F1 0.005-0.010 lower over three fold partitions (docs/learning.md).
BAGS = 5
BAG_SUBSAMPLE = 0.8


def _logistic(feats: list[Features], labels: list[int], weights: list[float] | None = None) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=1.0, max_iter=5000)
    clf.fit(x, labels, sample_weight=weights)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) > 1e-6}
    return {"weights": dict(sorted(weights.items())), "intercept": round(float(clf.intercept_[0]), 5)}


def _boosted(feats: list[Features], labels: list[int], weights: list[float] | None = None) -> dict[str, Any]:
    """Gradient-boosted trees (scikit-learn), written out node by node for ``decide.Trees``."""
    import math

    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    names = vec.get_feature_names_out()
    fitted = [GradientBoostingClassifier(**TREES, subsample=BAG_SUBSAMPLE if BAGS > 1 else 1.0, random_state=k)
              .fit(x, labels, sample_weight=weights) for k in range(BAGS)]
    # every ensemble starts from the same prior (the same labels and weights), so their mean
    # log-odds is that prior plus the learning rate over BAGS times the sum of all their trees
    prior = float(fitted[0].init_.class_prior_[1])
    trees = [[[None, 0.0, 0, 0, round(float(t.value[n][0][0]), 6)] if t.children_left[n] < 0 else
              [str(names[t.feature[n]]), round(float(t.threshold[n]), 6), int(t.children_left[n]),
               int(t.children_right[n]), 0.0]
              for n in range(t.node_count)]
             for clf in fitted for t in (est.tree_ for est in clf.estimators_[:, 0])]
    out = {"kind": "trees", "init": math.log(prior / (1 - prior)), "rate": TREES["learning_rate"] / BAGS,
           "flat": _flatten(trees)}
    # the written trees must score as the mean of scikit-learn's ensembles does
    mine = Trees.from_dict(out)
    mean = sum(clf.decision_function(x[:50]) for clf in fitted) / BAGS
    for f, z in zip(feats[:50], mean):
        p = 1.0 / (1.0 + math.exp(-z))
        assert abs(mine.score(f) - p) < 1e-4, (mine.score(f), p)
    return out


def _tuned_threshold(data: list[Example], learn: Any, k: int = 3, pick: bool = False,
                     weigh: Weigh | None = None) -> float:
    from .decide import _model

    scored: list[tuple[float, int, int]] = []
    for f in range(k):
        train = [e for e in data if e[2] % k != f]
        test = [(x, y, g) for x, y, n, g in data if n % k == f]
        if not test or len({y for _, y, _, _ in train}) < 2:
            continue
        model = _model(learn([x for x, _, _, _ in train], [y for _, y, _, _ in train], _weights(train, weigh)))
        scored += [(model.score(x), y, g) for x, y, g in test]
    grid = [i / 20 for i in range(2, 19)]
    score = [(_pick_accuracy if pick else _f1)(scored, t) for t in grid]
    # the middle of a plateau, not the top of a spike: each threshold is judged with its neighbours
    # on the grid, which keeps a few changed examples from swinging the choice (and the event F1 by 0.01-0.02)
    smooth = [statistics.fmean(score[max(0, i - 1):i + 2]) for i in range(len(grid))]
    return grid[max(range(len(grid)), key=smooth.__getitem__)]


def _f1(scored: list[tuple[float, int, int]], t: float) -> float:
    positives = sum(y for _, y, _ in scored)
    tp = sum(1 for p, y, _ in scored if p >= t and y)
    chosen = sum(1 for p, _, _ in scored if p >= t)
    return 2 * tp / (chosen + positives) if chosen + positives else 0.0


def _pick_accuracy(scored: list[tuple[float, Any, Any]], t: float) -> float:
    """How well one filler of a role is picked (the best candidate of each candidate event, when it
    passes ``t``), as the scorer reads a place or a date: the harmonic mean of its accuracy (the
    share of events the gold gives a filler whose pick is right) and its precision (the share of
    picks that are right). The groups are (candidate event, whether the gold fills the role)."""
    groups: dict[Any, list[tuple[float, int]]] = {}
    for p, y, g in scored:
        groups.setdefault(g, []).append((p, y))
    filled = picked = right = 0
    for (_, has), items in groups.items():
        p, y = max(items)
        filled += has
        picked += p >= t
        right += p >= t and y == 1
    return 2 * right / (filled + picked) if filled + picked else 0.0


def fit(ex: dict[str, list[Example]], sources: list[str] | None = None, extra_from: int | None = None,
        extra_weight: float = 1.0) -> dict[str, Any]:
    """Every decision fitted on ``ex``: the content of ``decisions.json``.

    The examples of articles from index ``extra_from`` on weigh ``extra_weight`` each.
    """
    weigh = None if extra_from is None or extra_weight == 1.0 else (
        lambda n: extra_weight if n >= extra_from else 1.0)
    models: dict[str, Any] = {k: _fit_binary(ex[k], tune=True, trees=k in TREE_DECISIONS, pick=k in ("place", "date"),
                                             weigh=weigh)
                              for k in ("event", "person", "country", "place", "date")}
    # the chance that an event is a second mention of an encounter told before it: the merge joins
    # such an event to the earlier one it shares most people with, even where tense or place differ
    # (docs/learning.md); at 0.5, not tuned
    if ex.get("repeat"):
        models["repeat"] = _fit_binary(ex["repeat"], trees=True, weigh=weigh)
    models["status"] = {s: _fit_binary([(f, int(y == s), n, g) for f, y, n, g in ex["status"]],
                                       trees="status" in TREE_DECISIONS, weigh=weigh)
                        for s in STATUSES if any(y == s for _, y, _, _ in ex["status"])}
    counts = {k: len(v) for k, v in ex.items()}
    out = {"format": 1, "trained_on": sources or [], "examples": counts, "models": models}
    if weigh is not None:
        out["extra_weight"] = extra_weight
    return out


def predict(corpus: list[list[Candidate]], docs: list[dict], model: Decisions) -> list[dict]:
    """Document objects (``doc_id``, ``events``) as the extractor would print them."""
    return [{"doc_id": g["doc_id"], "events": [e.to_dict() for e in assemble(cands, model)]}
            for cands, g in zip(corpus, docs)]


def rules_only(corpus: list[list[Candidate]], docs: list[dict]) -> list[dict]:
    """What the rules alone keep, for the ablation."""
    out = []
    for cands, g in zip(corpus, docs):
        kept = [c.rule for c in cands if c.verdicts["keep"] and not c.verdicts["domestic"]
                and not c.verdicts["unanchored"]]
        out.append({"doc_id": g["doc_id"], "events": [e.to_dict() for e in kept]})
    return out


def folds(docs: list[dict], k: int, seed: str = "") -> list[int]:
    """A fold number for each article, fixed by a hash of its id (the same on every run); another
    ``seed`` deals the articles into other folds (to see how far a figure owes to one partition)."""
    return [int(hashlib.sha256((seed + g["doc_id"]).encode()).hexdigest(), 16) % k for g in docs]


def _scorer(path: str) -> Any:
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def cross_validate(corpus: list[list[Candidate]], docs: list[dict], k: int, scorer: Any,
                   extra: int = 0, extra_weight: float = 1.0, seed: str = "") -> dict[str, Any]:
    """Mean metrics over ``k`` folds by document, for the learned decisions and for the rules alone.

    The last ``extra`` articles join every fold's training set (their examples weighing
    ``extra_weight``) and are never scored.
    """
    scored = len(docs) - extra
    fold_of = folds(docs[:scored], k, seed) + [-1] * extra
    per: dict[str, list[dict]] = {"learned": [], "rules": []}
    for f in range(k):
        train = [i for i in range(len(docs)) if fold_of[i] != f]
        test = [i for i in range(len(docs)) if fold_of[i] == f]
        # the extra articles come last in ``train``, as in ``docs``
        first_extra = sum(1 for i in train if i < scored)
        model = Decisions.from_dict(fit(examples([corpus[i] for i in train], [docs[i] for i in train]),
                                        extra_from=first_extra, extra_weight=extra_weight))
        gold = [docs[i] for i in test]
        for name, pred in (("learned", predict([corpus[i] for i in test], gold, model)),
                           ("rules", rules_only([corpus[i] for i in test], gold))):
            by_doc = {d["doc_id"]: d["events"] for d in pred}
            counts, _ = scorer.score(gold, by_doc)
            per[name].append(scorer.metrics(counts))
    out = {}
    for name, runs in per.items():
        keys = [key for key, v in runs[0].items() if isinstance(v, float)]
        out[name] = {key: sum(r[key] for r in runs) / len(runs) for key in keys}
        out[name]["folds"] = len(runs)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractor.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+", help="folders of *.gold.jsonl and DOC_ID.txt, or .gold.jsonl files (with --texts)")
    ap.add_argument("--texts", help="JSON Lines corpus of {id, title, text} holding the articles of gold files")
    ap.add_argument("--out", default=str(OUT), help="where to write the trained decisions")
    ap.add_argument("--cv", type=int, default=0, help="cross-validate over K folds by document; write nothing")
    ap.add_argument("--extra", "--train-only", nargs="+", default=[], metavar="PATH", dest="extra",
                    help="annotated articles of another kind (news drawn at random, most without an event) that "
                         "join the training with --extra-weight; with --cv they join every fold's training and "
                         "are never scored")
    ap.add_argument("--extra-weight", type=float, default=EXTRA_WEIGHT,
                    help=f"the weight of each example from --extra articles (default {EXTRA_WEIGHT})")
    ap.add_argument("--scorer", help="the shared score.py (needed with --cv)")
    ap.add_argument("--folds-seed", default="", metavar="TEXT",
                    help="deal the articles into other folds for --cv (default: the standard folds)")
    ap.add_argument("--model", help="the spaCy pipeline (default: the extractor's)")
    ap.add_argument("--cache", help="keep the parsed candidates in this file (reused while the inputs match)")
    args = ap.parse_args(argv)
    try:
        docs = load_gold(args.dirs, args.texts)
        extra = load_gold(args.extra, args.texts) if args.extra else []
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not docs:
        print(f"error: no *.gold.jsonl articles in {' '.join(args.dirs)}", file=sys.stderr)
        return 2
    corpus = _cached_candidates(docs + extra, args)
    if args.cv:
        if not args.scorer:
            print("error: --cv needs --scorer PATH/TO/score.py", file=sys.stderr)
            return 2
        result = cross_validate(corpus, docs + extra, args.cv, _scorer(args.scorer), extra=len(extra),
                                extra_weight=args.extra_weight, seed=args.folds_seed)
        print(json.dumps({k: {m: round(v, 3) for m, v in r.items()} for k, r in result.items()}, indent=1))
        return 0
    first_extra = len(docs)
    docs += extra
    model = fit(examples(corpus, docs), [Path(d).name for d in args.dirs + args.extra],
                extra_from=first_extra if extra else None, extra_weight=args.extra_weight)
    model["articles"] = len(docs)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{k} {n}" for k, n in model["examples"].items()), file=sys.stderr)
    return 0


def _cached_candidates(docs: list[dict], args: argparse.Namespace) -> list[list[Candidate]]:
    if not args.cache:
        return propose_all(docs, args.model)
    from .provenance import data_version

    # the candidates follow from the articles, the pipeline, the package's code and its rule data
    key_src = json.dumps([g["doc_id"] for g in docs]) + (args.model or "") + data_version()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        key_src += path.read_text(encoding="utf-8")
    key = hashlib.sha256(key_src.encode()).hexdigest()
    cache = Path(args.cache)
    if cache.is_file():
        with cache.open("rb") as f:
            stored_key, corpus = pickle.load(f)
        if stored_key == key:
            return corpus
    corpus = propose_all(docs, args.model)
    with cache.open("wb") as f:
        pickle.dump((key, corpus), f)
    return corpus


if __name__ == "__main__":
    sys.exit(main())
