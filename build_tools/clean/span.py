"""The article's span: one run of blocks, decoded from each block's learned odds of being article text.

The rules and the scorer judge blocks one at a time and `article.py` adds the layout's context;
this module makes the first of the two decisions on a page of real web text: where the article
starts and where it ends. Each block gets a probability of being article text from a logistic
model over named features of the block and of its neighbours (see `FEATURES`); the span is the run
of blocks that maximises the sum of `words x (p - threshold)` (a maximum-subarray decoding, linear
in the page's length). Blocks outside the span are removed with the evidence against them; inside
it, only what a named rule matches, or what the model is sure is not article text, is removed.

The weights are data (`span_model.json`), trained by `bench/train_span.py` on the tuning halves of
the real labelled corpora (see that script for the recipe and the data's provenance). Pure Python:
no numerical library is needed at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import mul
from pathlib import Path
from typing import NamedTuple, Protocol

from . import settings
from .rules import END, Match

_HW, _CW = settings.HEADERS_WINDOW, settings.CONTEXT_WINDOW

MODEL_FILE = Path(__file__).with_name("span_model.json")

# A comment's or a teaser card's header, found anywhere in a line: "34 responses to", "[ 167
# comments ]", "Jo says:", "Reply", "Report abuse", "posted by ... at 10:23", "3 hours ago".
_COMMENTISH = re.compile(
    r"\b(?:\d+ (?:comments?|responses?|replies|reactions)|says?:|wrote:|writes:|reply|report abuse|"
    r"posted (?:by|on|at)|permalink|\d+ (?:minutes?|hours?|days?|weeks?|months?) ago|"
    r"log ?in|sign ?in|sign up|register|subscribe|newsletter|comments?)\b",
    re.IGNORECASE,
)
# A comment's header alone: who wrote it and the links under it.
_COMMENT_HEADER = re.compile(
    r"\b(?:says?:|wrote:|writes:|reply|report (?:abuse|comment)|permalink|\(score:|parent|"
    r"\d+ (?:comments?|responses?|replies)|posted (?:by|on)|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago|"
    r"recommend|flag|thumbs|like this|leave a (?:comment|reply)|add (?:a|your) comment|post a comment)\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2} ?(?:[ap]\.?m\.?)?\b|\b(?:19|20)\d\d\b", re.IGNORECASE)
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»‹›„–—…•·"
_NO_DIGITS = str.maketrans("", "", "0123456789")
_CATEGORIES = ("chrome", "caption", "link", "social", "metadata", "paywall", "related", "cookie")
_BULLETS = ("* ", "+ ", "o ", "• ", "- ")


class _Feats(Protocol):
    n_words: int
    stop_density: float
    sentence_end: bool
    colon_end: bool
    title_ratio: float
    list_item: bool
    link_like: bool
    glued: bool
    repeated: bool
    shared: int


class _Block(Protocol):
    text: str
    gap_before: int
    marked_heading: bool


class Judged(Protocol):
    """What the span reads of `article._Judged`."""

    block: _Block
    match: Match | None
    feats: _Feats

    @property
    def score(self) -> tuple[float, str]: ...


# The features' names, in the order of the model's weights. "own:" features are the block's own;
# "ctx:" ones are its neighbourhood's.
OWN = (
    "bias",
    "log words",
    "function words",
    "sentence end",
    "colon end",
    "title-cased",
    "list item",
    "link-like",
    "link texts run together",
    "repeated on the page",
    "on other pages of the publisher",
    "prose score",
    "kept by the rules and the scorer",
    "subheading",
    "inside the rules' article",
    "matched by a rule",
    "a section marker",
    *(f"rule: {c}" for c in _CATEGORIES),
    "bullet *",
    "bullet +",
    "bullet o",
    "other bullet",
    "position on the page",
    "position squared",
    "blank lines before",
    "marked heading",
    "comment or teaser header",
    "time or year",
    "shares words with the title",
    "shares words with the article",
    "same shape as its neighbours",
    "section markers above",
    "digits",
    "comment header",
    "comment headers above",
    "comment headers around",
    "share of the rules' article above",
    "before the rules' start",
    "after the rules' end",
)
_WINDOW = (-2, -1, 1, 2)
_CTX_OF = ("kept by the rules and the scorer", "prose score", "link-like", "log words", "sentence end", "bullet *")
CTX = tuple(f"ctx {d:+d}: {name}" for d in _WINDOW for name in _CTX_OF) + (
    "ctx ±6: kept by the rules and the scorer",
    "ctx ±6: prose score",
    "ctx ±6: bullets",
)
FEATURES = OWN + CTX
_OWN_INDEX = {name: k for k, name in enumerate(OWN)}
_CTX_SOURCES = tuple(_OWN_INDEX[name] for name in _CTX_OF)
_KEPT, _SCORE, _STAR = _OWN_INDEX["kept by the rules and the scorer"], _OWN_INDEX["prose score"], _OWN_INDEX["bullet *"]


class SpanModel(NamedTuple):
    weights: tuple[float, ...]
    threshold: float  # the span keeps a run whose blocks' mean probability, word-weighted, beats this
    inside: float  # inside the span, a block below this probability is removed
    restore: float  # inside the span, a block the scorer removed is kept from this probability
    min_words: float  # the weight of a block in the decoding: its words, at least this
    decoder: str  # "around" the page's surest block, or the page's best run "anywhere"
    outside: float  # outside the span, a block the rules kept stays from this probability


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> SpanModel | None:
    """The shipped weights, or None when the file is absent (the rules' own span is used then)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    names = tuple(data["features"])
    if names != FEATURES:
        raise ValueError(f"{path.name}: its features are not this module's (retrain with bench/train_span.py)")
    return SpanModel(tuple(float(w) for w in data["weights"]), float(data["threshold"]), float(data["inside"]), float(data["restore"]), float(data["min_words"]), str(data.get("decoder", "around")), float(data.get("outside", 1.01)))


def _shape(j: Judged) -> tuple[object, ...]:
    f = j.feats
    text = j.block.text
    return (text[:2] if text[:2] in _BULLETS else "", min(f.n_words // 4, 6), f.sentence_end, f.title_ratio > 0.6, f.link_like)


def _vocabulary(text: str) -> set[str]:
    """The block's words of four letters or more, lower-cased (C-level calls only)."""
    return {w for w in map(str.strip, text.lower().split(), repeat(_PUNCTUATION)) if len(w) > 3}


def _blocks_matching(pattern: re.Pattern[str], page: str, starts: list[int]) -> set[int]:
    """Blocks holding a match of `pattern` (which never spans a newline), searched page-wide."""
    return {bisect_right(starts, m.start()) - 1 for m in pattern.finditer(page)}


def features(judged: list[Judged], kept: dict[int, str], start: int, end: int, title: str) -> list[list[float]]:
    """The named features (`FEATURES`) of every block, in order."""
    n = len(judged)
    if not n:
        return []
    title_words = _vocabulary(title)
    # the article's vocabulary as the rules see it: content words of the kept blocks, with counts
    article_words: Counter[str] = Counter()
    vocab = []
    for i, j in enumerate(judged):
        v = _vocabulary(j.block.text) if j.feats.n_words else set()
        vocab.append(v)
        if i in kept:
            article_words.update(v)
    shapes = [_shape(j) for j in judged]
    texts = [j.block.text for j in judged]
    page = "\n".join(texts)
    starts = [0, *accumulate(len(t) + 1 for t in texts)]
    short = {i for i, j in enumerate(judged) if j.feats.n_words <= settings.HEADER_MAX_WORDS}
    header_set = _blocks_matching(_COMMENT_HEADER, page, starts) & short
    commentish = _blocks_matching(_COMMENTISH, page, starts) & short
    timed = _blocks_matching(_TIME, page, starts) & short
    headers = [i in header_set for i in range(n)]
    kept_words = sum(judged[i].feats.n_words for i in kept) or 1
    header_sums = [0, *accumulate(headers)]
    own: list[list[float]] = []
    markers = 0
    headers_above = 0
    words_above = 0
    for i, j in enumerate(judged):
        f = j.feats
        m = j.match
        text = j.block.text
        cat = m.rule.category if m is not None else ""
        head = text[:2]
        v = vocab[i]
        if v:
            mine = Counter(v) if i in kept else None
            shared_article = sum(1 for w in v if article_words[w] - (mine[w] if mine else 0) > 0) / len(v)
            shared_title = len(v & title_words) / len(v) if title_words else 0.0
        else:
            shared_article = shared_title = 0.0
        same = sum(1 for d in (-2, -1, 1, 2) if 0 <= i + d < n and shapes[i + d] == shapes[i])
        row = [
            1.0,
            math.log1p(f.n_words) / 5,
            f.stop_density,
            float(f.sentence_end),
            float(f.colon_end),
            f.title_ratio,
            float(f.list_item),
            float(f.link_like),
            float(f.glued),
            float(f.repeated),
            float(f.shared > 0),
            j.score[0] if m is None else 0.0,
            float(i in kept),
            float(kept.get(i) == "heading"),
            float(start <= i < end),
            float(m is not None),
            float(m is not None and m.rule.action == END),
            *(float(cat == c) for c in _CATEGORIES),
            float(head == "* "),
            float(head == "+ "),
            float(head == "o "),
            float(head in ("• ", "- ")),
            i / n,
            (i / n) ** 2,
            min(j.block.gap_before, 3) / 3,
            float(j.block.marked_heading),
            float(i in commentish),
            float(i in timed),
            shared_title,
            shared_article,
            same / 4,
            min(markers, 5) / 5,
            (len(text) - len(text.translate(_NO_DIGITS))) / (len(text) or 1),
            float(headers[i]),
            min(headers_above, 20) / 20,
            (header_sums[min(n, i + _HW + 1)] - header_sums[max(0, i - _HW)]) / (2 * _HW + 1),
            words_above / kept_words,
            float(i < start),
            float(i >= end),
        ]
        headers_above += headers[i]
        if i in kept:
            words_above += f.n_words
        if m is not None and m.rule.action == END:
            markers += 1
        own.append(row)
    rows = []
    zero = [0.0] * len(_CTX_SOURCES)
    ctx = [[row[s] for s in _CTX_SOURCES] for row in own]
    kept_sums = [0.0, *accumulate(row[_KEPT] for row in own)]
    score_sums = [0.0, *accumulate(row[_SCORE] for row in own)]
    bullet_sums = [0.0, *accumulate(float(bool(row[_STAR] or row[_STAR + 1] or row[_STAR + 2])) for row in own)]
    for i in range(n):
        row = own[i]
        for d in _WINDOW:
            k = i + d
            row.extend(ctx[k] if 0 <= k < n else zero)
        lo, hi = max(0, i - _CW), min(n, i + _CW + 1)
        width = hi - lo
        row.append((kept_sums[hi] - kept_sums[lo]) / width)
        row.append((score_sums[hi] - score_sums[lo]) / width)
        row.append((bullet_sums[hi] - bullet_sums[lo]) / width)
        rows.append(row)
    return rows


def _logistic(x: float) -> float:
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


def probabilities(rows: list[list[float]], weights: tuple[float, ...]) -> list[float]:
    return [_logistic(sum(map(mul, weights, row))) for row in rows]


def decode_around(probs: list[float], sizes: list[int], threshold: float, min_words: float) -> tuple[int, int]:
    """The best run [start, end) that holds the anchor: the block whose words x probability is
    the page's highest. From it, the span reaches left and right as far as the sum of
    max(words, min_words) x (p - threshold) of what it adds is highest."""
    if not probs:
        return 0, 0
    gains = [max(size, min_words) * (p - threshold) for p, size in zip(probs, sizes)]
    anchor = max(range(len(probs)), key=lambda i: (sizes[i] * probs[i], -i))
    best, start, run = 0.0, anchor, 0.0
    for i in range(anchor - 1, -1, -1):
        run += gains[i]
        if run > best:
            best, start = run, i
    best, end, run = 0.0, anchor + 1, 0.0
    for i in range(anchor + 1, len(probs)):
        run += gains[i]
        if run > best:
            best, end = run, i + 1
    return start, end


def decode(probs: list[float], sizes: list[int], threshold: float, min_words: float) -> tuple[int, int]:
    """The run [start, end) maximising the sum of max(words, min_words) x (p - threshold).

    Kadane's maximum subarray: one pass. An empty page, or one where no block beats the threshold,
    gives the best single block (a page always has its article somewhere).
    """
    best, best_span = -math.inf, (0, 0)
    run, run_start = 0.0, 0
    for i, (p, size) in enumerate(zip(probs, sizes)):
        gain = max(size, min_words) * (p - threshold)
        if run <= 0:
            run, run_start = gain, i
        else:
            run += gain
        if run > best:
            best, best_span = run, (run_start, i + 1)
    return best_span


def evidence(row: list[float], weights: tuple[float, ...], limit: int = 3) -> str:
    """The features that weighed most against a block, in words."""
    pulls = sorted(
        (w * x, name) for w, x, name in zip(weights, row, FEATURES) if name != "bias" and w * x < 0 and not name.startswith("position")
    )
    named = [name.replace("ctx ", "neighbours ") for _, name in pulls[:limit]]
    return ", ".join(named) if named else "little article text around it"


DECODERS = {"around": decode_around, "anywhere": decode}
