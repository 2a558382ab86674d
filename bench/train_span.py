"""Train the cleaner's span model (build_tools/clean/span_model.json) on the tuning halves of the real corpora.

Usage: python bench/train_span.py [--corpora DIR] [--folders l3s,dragnet] [--out PATH] [--limit N]

Needs numpy (training only; the cleaner reads the weights in pure Python): `pip install numpy`.

Recipe, deterministic from the same pages:

1. Pages: the tuning half (`clean_quality.half_of`, a hash of the page id) of each folder of
   `../shared/corpora` named by `--folders` (default l3s and dragnet: news articles whose gold is
   the article's text; see that folder's README for origin and licences: L3S-GN1, research use;
   Dragnet data, AGPL-3.0), plus every page of the labelled corpus in tests/corpus (written for this
   project). The held-out halves are never read. Only the learned numbers are shipped, no text.
2. Each page goes through the cleaner's first pass (`article.rules_verdicts`: rules, scorer,
   datelines, section markers); each block gets the named features of `span.FEATURES` and a label:
   1 when half its word trigrams occur in the gold body (`labels_of`), else 0.
3. A logistic regression (L2 = 0.01, Newton's method) over those features, each block weighted by
   its share of the page's words, so that every page counts alike and long blocks more than short;
   the pages of tests/corpus (the regression fixtures) count ten times.
4. The decoding's constants (threshold, inside, restore, min_words, decoder, outside) are chosen on a
   grid for the best mean token F1 of the kept blocks over the same pages, each folder (l3s,
   dragnet, tests/corpus) counting alike.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clean_quality import CORPORA, CORPUS, _option, load_corpus, load_real  # noqa: E402

from build_tools.clean import (  # noqa: E402
    _ruleset,
    page_text,
    span,  # noqa: E402
)
from build_tools.clean.article import _by_a_rule, _key, _restorable, rules_verdicts  # noqa: E402
from build_tools.clean.blocks import split_blocks  # noqa: E402
from build_tools.clean.score import guess_language, page_words, stopwords  # noqa: E402
from build_tools.model import CleanRules  # noqa: E402

_TOKEN = re.compile(r"\w+")
FIXTURE_WEIGHT = 10.0


class Page:
    def __init__(
        self,
        name: str,
        rows: list[list[float]],
        labels: list[int],
        sizes: list[int],
        toks: list[Counter[str]],
        gold: Counter[str],
        kept: set[int],
        restorable: set[int],
        matched: set[int],
    ) -> None:
        self.name, self.rows, self.labels, self.sizes, self.toks = name, rows, labels, sizes, toks
        self.gold, self.kept, self.restorable, self.matched = gold, kept, restorable, matched


def _grams(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[k : k + 3]) for k in range(len(words) - 2)]


def labels_of(texts: list[str], body: str) -> list[int]:
    """1 for a block that is article text: half its word trigrams are in the gold body (a line of
    saved text may hold the article's sentence and a sidebar's column beside it), or, for a block
    of one or two words, its letters and digits occur in the gold body."""
    gold_words = [t.lower() for t in _TOKEN.findall(body)]
    gold = set(_grams(gold_words))
    gold_key = _key(body)
    out = []
    for text in texts:
        grams = _grams([t.lower() for t in _TOKEN.findall(text)])
        if grams:
            out.append(int(sum(g in gold for g in grams) >= 0.5 * len(grams)))
        else:
            key = _key(text)
            out.append(int(bool(key) and key in gold_key))
    return out


def page(name: str, raw_source, body: str) -> Page:
    text, headings, meta = page_text(raw_source)
    blocks = split_blocks(text, headings)
    texts = [b.text for b in blocks]
    words = page_words(texts)
    stop = stopwords(guess_language(texts, words=words))
    v = rules_verdicts(blocks, _ruleset(CleanRules()), stop, None, meta.title, words)
    rows = span.rows(span.features(v.judged, v.kinds, v.start, v.end, meta.title or v.title))  # type: ignore[arg-type]
    toks = [Counter(t.lower() for t in _TOKEN.findall(b.text)) for b in blocks]
    labels = labels_of([b.text for b in blocks], body)
    restorable = {
        i
        for i, j in enumerate(v.judged)
        if i < v.end
        and j.match is None
        and i not in v.kinds
        and _restorable(v.reasons.get(i, ""))
        and not _by_a_rule(v.judged, i)
    }
    matched = {i for i, j in enumerate(v.judged) if j.match is not None}
    gold = Counter(t.lower() for t in _TOKEN.findall(body))
    return Page(name, rows, labels, [j.feats.n_words for j in v.judged], toks, gold, set(v.kinds), restorable, matched)


def collect(argv: list[str]) -> list[Page]:
    cache = _option(argv, "--cache", "")
    if cache and Path(cache).exists():
        import pickle

        with open(cache, "rb") as fh:
            return pickle.load(fh)
    pages = _collect(argv)
    if cache:
        import pickle

        with open(cache, "wb") as fh:
            pickle.dump(pages, fh)
    return pages


def _collect(argv: list[str]) -> list[Page]:
    root = Path(_option(argv, "--corpora", str(CORPORA)))
    folders = _option(argv, "--folders", "l3s,dragnet").split(",")
    limit = int(_option(argv, "--limit", "0"))
    pages = []
    for folder in folders:
        for d in load_real(root / folder, "tuning", limit):
            pages.append(page(f"{folder}/{d.name}", d.raw, d.body))
    for d in load_corpus(CORPUS):
        pages.append(page(f"corpus/{d.name}", d.raw, d.body))
    return pages


def fit(pages: list[Page], l2: float = 0.01, iterations: int = 25):
    import numpy as np

    X = np.array([r for p in pages for r in p.rows], dtype=float)
    y = np.array([lab for p in pages for lab in p.labels], dtype=float)
    w = []
    for p in pages:
        total = sum(s + 1 for s in p.sizes) or 1
        # the labelled corpus in tests/ holds the regression fixtures: they weigh more
        boost = FIXTURE_WEIGHT if p.name.startswith("corpus/") else 1.0
        w.extend(boost * (s + 1) / total for s in p.sizes)
    sw = np.array(w) * len(pages) / len(w) * 1.0
    beta = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iterations):
        z = np.clip(X @ beta, -30, 30)
        mu = 1 / (1 + np.exp(-z))
        grad = X.T @ (sw * (mu - y)) + reg * beta
        hess = (X * (sw * mu * (1 - mu))[:, None]).T @ X + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return [float(b) for b in beta]


def f1(predicted: Counter[str], gold: Counter[str]) -> float:
    overlap = sum((predicted & gold).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(predicted.values()), overlap / sum(gold.values())
    return 2 * p * r / (p + r)


def kept_blocks(
    p: Page,
    probs: list[float],
    threshold: float,
    inside: float,
    restore: float,
    min_words: float,
    decoder: str,
    outside: float,
) -> set[int]:
    s, e = span.DECODERS[decoder](probs, p.sizes, threshold, min_words, p.neutral)
    e = span.thread_start(p.columns, probs, p.sizes, s, e, threshold)
    out = set()
    for i, pr in enumerate(probs):
        if i in p.kept:
            if pr >= outside or (s <= i < e and pr >= inside):
                out.add(i)
        elif s <= i < e and i in p.restorable and pr >= restore:
            out.add(i)
    if not out:  # as the cleaner does: the span's blocks no rule removed rather than nothing
        out = {i for i in range(s, e) if i not in p.matched}
    return out


def _neutral(pages: list[Page]) -> None:
    for p in pages:
        if not hasattr(p, "columns"):
            p.columns = [list(c) for c in zip(*p.rows, strict=False)] if p.rows else [[] for _ in span.FEATURES]
            p.neutral = span.neutral_blocks(p.columns)
            # pages cached before `_by_a_rule` joined the restore condition
            p.restorable = {i for i in p.restorable if i - 1 not in p.matched and i + 1 not in p.matched}
            # and before the rules' end marker joined it
            after_end = p.columns[span.FEATURES.index("after the rules' end")]
            p.restorable = {i for i in p.restorable if not after_end[i]}


def mean_f1(pages: list[Page], probs: list[list[float]], constants: tuple) -> float:
    """The mean over the folders (each corpus folder, and tests/corpus) of their pages' mean token
    F1: every folder counts alike, however many pages it has."""
    totals: dict[str, list[float]] = {}
    for p, pr in zip(pages, probs, strict=False):
        c: Counter[str] = Counter()
        for i in kept_blocks(p, pr, *constants):
            c.update(p.toks[i])
        totals.setdefault(p.name.split("/", 1)[0], []).append(f1(c, p.gold))
    return sum(sum(v) / len(v) for v in totals.values()) / len(totals)


def main(argv: list[str]) -> int:
    pages = collect(argv)
    _neutral(pages)
    print(f"{len(pages)} pages, {sum(len(p.rows) for p in pages)} blocks")
    weights = fit(pages)
    probs = [
        span.probabilities([list(c) for c in zip(*p.rows, strict=False)], tuple(weights)) if p.rows else []
        for p in pages
    ]
    rules_only = sum(f1(sum((p.toks[i] for i in p.kept), Counter()), p.gold) for p in pages) / len(pages)
    print(f"rules and scorer alone: mean F1 {rules_only:.3f}")
    # one constant at a time, from a fair start, twice over (a coordinate search: the full grid
    # over 1,000 pages takes too long)
    grid = {
        "threshold": (0.3, 0.4, 0.5, 0.6),
        "inside": (0.0, 0.1, 0.2, 0.3),
        "restore": (0.4, 0.5, 0.6, 0.7, 1.01),
        "min_words": (1.0, 4.0, 10.0),
        "decoder": tuple(span.DECODERS),
        "outside": (0.2, 0.3, 0.4, 0.5, 1.01),
    }
    order = ("threshold", "inside", "restore", "min_words", "decoder", "outside")
    chosen = {"threshold": 0.5, "inside": 0.2, "restore": 0.6, "min_words": 4.0, "decoder": "anywhere", "outside": 0.3}
    score = 0.0
    for _ in range(2):
        for name in order:
            for value in grid[name]:
                trial = dict(chosen, **{name: value})
                f = mean_f1(pages, probs, tuple(trial[k] for k in order))
                if f > score:
                    score, chosen = f, trial
    threshold, inside, restore, min_words, decoder, outside = (chosen[k] for k in order)
    print(f"span model: mean F1 {score:.3f} ({chosen})")
    for name, w in sorted(zip(span.FEATURES, weights, strict=False), key=lambda t: -abs(t[1]))[:15]:
        print(f"  {w:+7.3f}  {name}")
    out = Path(_option(argv, "--out", str(span.MODEL_FILE)))
    data = {
        "about": "Weights of the cleaner's span model; trained by bench/train_span.py on the tuning halves of "
        "../shared/corpora ("
        + _option(argv, "--folders", "l3s,dragnet")
        + ") and tests/corpus. Numbers only, no text.",
        "features": list(span.FEATURES),
        "weights": [round(w, 5) for w in weights],
        "threshold": threshold,
        "inside": inside,
        "restore": restore,
        "min_words": min_words,
        "decoder": decoder,
        "outside": outside,
        "pages": len(pages),
        "tuning_f1": round(score, 4),
    }
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
