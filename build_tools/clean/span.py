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
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, attrgetter, eq, mul, sub, truediv
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
    r"log ?in|sign ?in|sign up|register|subscribe|newsletter|comments?)\b"
)
# A comment's header alone: who wrote it and the links under it.
_COMMENT_HEADER = re.compile(
    r"\b(?:says?:|wrote:|writes:|reply|report (?:abuse|comment)|permalink|\(score:|parent|"
    r"\d+ (?:comments?|responses?|replies)|posted (?:by|on)|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago|"
    r"recommend|flag|thumbs|like this|leave a (?:comment|reply)|add (?:a|your) comment|post a comment)\b"
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2} ?(?:[ap]\.?m\.?)?\b|\b(?:19|20)\d\d\b")
# (the three patterns are matched against lower-cased text)
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»‹›„–—…•·"
_DIGITS = b"0123456789"


def _digits(text: str) -> float:
    """The share of the text's characters that are ASCII digits (counted on its UTF-8 bytes)."""
    raw = text.encode("utf-8", "surrogatepass")
    return (len(raw) - len(raw.translate(None, _DIGITS))) / (len(text) or 1)


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
    "a dated unit repeated down the page",
    "dated units above",
    "dated units around",
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
_MATCHED = _OWN_INDEX["matched by a rule"]  # the next feature is "a section marker"
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
    return SpanModel(
        tuple(float(w) for w in data["weights"]),
        float(data["threshold"]),
        float(data["inside"]),
        float(data["restore"]),
        float(data["min_words"]),
        str(data.get("decoder", "around")),
        float(data.get("outside", 1.01)),
    )


def _shape(j: Judged) -> tuple[object, ...]:
    f = j.feats
    text = j.block.text
    return (
        text[:2] if text[:2] in _BULLETS else "",
        min(f.n_words // 4, 6),
        f.sentence_end,
        f.title_ratio > 0.6,
        f.link_like,
    )


_SHAPE_CLASSES = str.maketrans(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "9" * 10 + "a" * 26 + "A" * 26
)
_RUNS = re.compile(r"(.)\1+")


def _unit_shape(text: str) -> str:
    """A short line's shape, its characters as classes with runs collapsed: "2. Kate on October
    23rd, 2012 1:38 pm" and "17. Jan Ross on October 23rd, 2012 2:05 pm" share theirs."""
    return _RUNS.sub(r"\1", text.translate(_SHAPE_CLASSES))


def _dated_units(judged: list[Judged]) -> list[bool]:
    """Short lines with a digit whose shape recurs three times or more on the page: the headers of
    comments (user, date, time) and the date lines of teaser cards."""
    # words counted on the text: a rule-matched block (a date line) carries no features
    texts = [j.block.text for j in judged]
    shapes = [_unit_shape(t) if t and t.count(" ") < _UNIT_MAX_WORDS and _digits(t) else "" for t in texts]
    counts = Counter(shapes)
    return [bool(s) and counts[s] >= 3 for s in shapes]


_UNIT_MAX_WORDS = 15


def _vocabulary(text: str) -> set[str]:
    """The block's words of four letters or more, lower-cased (C-level calls only)."""
    return {w for w in map(str.strip, text.lower().split(), repeat(_PUNCTUATION)) if len(w) > 3}


def _blocks_matching(pattern: re.Pattern[str], page: str, starts: list[int]) -> set[int]:
    """Blocks holding a match of `pattern` (which never spans a newline), searched page-wide."""
    return {bisect_right(starts, m.start()) - 1 for m in pattern.finditer(page)}


def _flags(n: int, where: object) -> list[float]:
    """1.0 at the indices in `where`, 0.0 elsewhere."""
    out = [0.0] * n
    for i in where:  # type: ignore[attr-defined]
        out[i] = 1.0
    return out


def _shifted(col: list[float], d: int) -> list[float]:
    """Block i gets block i+d's value (0 beyond the page's ends)."""
    if d > 0:
        return col[d:] + [0.0] * d
    return [0.0] * -d + col[: len(col) + d]


@lru_cache(maxsize=256)
def _window_widths(n: int, width: int) -> tuple[float, ...]:
    """How many blocks lie within `width` of each block of a page of n blocks."""
    return tuple(float(min(n, i + width + 1) - max(0, i - width)) for i in range(n))


def _window_means(col: list[float], width: int) -> list[float]:
    """The mean of `col` over the blocks within `width` of each block (C-level maps)."""
    n = len(col)
    sums = [0.0, *accumulate(col)]  # sums[k]: the first k blocks
    upper = sums[width + 1 :] + [sums[-1]] * (width + 1)  # sums[min(n, i + width + 1)]
    lower = [0.0] * width + sums[: n - width + 1] if n > width else [0.0] * n  # sums[max(0, i - width)]
    return list(map(truediv, map(sub, upper[:n], lower[:n]), _window_widths(n, width)))


def _above(col: list[float], cap: float) -> list[float]:
    """How many of the blocks before each one are flagged in `col`, capped and scaled to 1."""
    before = [0.0, *accumulate(col)][:-1]
    return [(c if c < cap else cap) / cap for c in before]


_LOG_WORDS = [math.log1p(k) / 5 for k in range(2000)]


def features(judged: list[Judged], kept: dict[int, str], start: int, end: int, title: str) -> list[list[float]]:
    """The named features (`FEATURES`) of the blocks, one column (a list over the blocks) per feature.

    Computed column by column with C-level maps where possible: a page's blocks are many and
    this runs for every page.
    """
    n = len(judged)
    if not n:
        return [[] for _ in FEATURES]
    feats = [j.feats for j in judged]
    texts = [j.block.text for j in judged]
    matches = [j.match for j in judged]
    nw = [f.n_words for f in feats]

    def column(name: str) -> list[float]:
        return list(map(float, map(attrgetter(name), feats)))

    matched = [i for i, m in enumerate(matches) if m is not None]
    ends = [i for i in matched if matches[i].rule.action == END]  # type: ignore[union-attr]
    categories = [_flags(n, (i for i in matched if matches[i].rule.category == c)) for c in _CATEGORIES]  # type: ignore[union-attr]
    scores = [j.score[0] for j in judged]
    for i in matched:
        scores[i] = 0.0
    heads = [t[:2] for t in texts]
    shapes = [_shape(j) for j in judged]
    same1 = [1.0 if x else 0.0 for x in map(eq, shapes[:-1], shapes[1:])]  # block i and i+1 alike
    same2 = [1.0 if x else 0.0 for x in map(eq, shapes[:-2], shapes[2:])]
    same = [
        (a + b + c + d) / 4
        for a, b, c, d in zip([0.0] + same1, same1 + [0.0], [0.0, 0.0] + same2, same2 + [0.0, 0.0], strict=False)
    ]
    # the short blocks' texts, one page of them searched at once (a header is a short line)
    short = [i for i in range(n) if nw[i] <= settings.HEADER_MAX_WORDS]
    short_texts = [texts[i] for i in short]
    page = "\n".join(short_texts).lower()
    starts = [0, *accumulate(len(t) + 1 for t in page.split("\n"))]  # lower-casing may change lengths
    headers = _flags(n, (short[k] for k in _blocks_matching(_COMMENT_HEADER, page, starts)))
    units = [1.0 if u else 0.0 for u in _dated_units(judged)]
    shared_title, shared_article = _shared_words(texts, nw, kept, title)
    kept_col = _flags(n, kept)
    kept_words = sum(nw[i] for i in kept) or 1
    words_above = [0.0, *accumulate(nw[i] if i in kept else 0 for i in range(n))][:-1]
    inside = [0.0] * start + [1.0] * (end - start) + [0.0] * (n - end)
    own = [
        [1.0] * n,
        [_LOG_WORDS[k] if k < 2000 else math.log1p(k) / 5 for k in nw],
        column("stop_density"),
        column("sentence_end"),
        column("colon_end"),
        column("title_ratio"),
        column("list_item"),
        column("link_like"),
        column("glued"),
        column("repeated"),
        [1.0 if f.shared else 0.0 for f in feats],
        scores,
        kept_col,
        _flags(n, (i for i, kind in kept.items() if kind == "heading")),
        inside,
        _flags(n, matched),
        _flags(n, ends),
        *categories,
        [1.0 if h == "* " else 0.0 for h in heads],
        [1.0 if h == "+ " else 0.0 for h in heads],
        [1.0 if h == "o " else 0.0 for h in heads],
        [1.0 if h in ("• ", "- ") else 0.0 for h in heads],
        [i / n for i in range(n)],
        [(i / n) ** 2 for i in range(n)],
        [(g if g < 3 else 3) / 3 for g in (j.block.gap_before for j in judged)],
        [1.0 if j.block.marked_heading else 0.0 for j in judged],
        _flags(n, (short[k] for k in _blocks_matching(_COMMENTISH, page, starts))),
        _flags(n, (short[k] for k in _blocks_matching(_TIME, page, starts))),
        shared_title,
        shared_article,
        same,
        _above(_flags(n, ends), 5),
        [_digits(t) for t in texts],
        headers,
        _above(headers, 20),
        _window_means(headers, _HW),
        [w / kept_words for w in words_above],
        [1.0] * start + [0.0] * (n - start),
        [0.0] * end + [1.0] * (n - end),
        units,
        _above(units, 20),
        _window_means(units, _HW),
    ]
    ctx = [_shifted(own[s], d) for d in _WINDOW for s in _CTX_SOURCES]
    bullets = [1.0 if a or b or c else 0.0 for a, b, c in zip(own[_STAR], own[_STAR + 1], own[_STAR + 2], strict=False)]
    return own + ctx + [_window_means(kept_col, _CW), _window_means(scores, _CW), _window_means(bullets, _CW)]


def _shared_words(texts: list[str], nw: list[int], kept: dict[int, str], title: str) -> tuple[list[float], list[float]]:
    """Per block: the share of its words in the title, and in the other blocks the rules kept."""
    n = len(texts)
    title_words = _vocabulary(title)
    vocab = [_vocabulary(t) if k else set() for t, k in zip(texts, nw, strict=False)]
    article_words: Counter[str] = Counter()
    for i in kept:
        article_words.update(vocab[i])
    shared_title = [0.0] * n
    shared_article = [0.0] * n
    for i, v in enumerate(vocab):
        if not v:
            continue
        # words in another kept block: a kept block's own words count once in article_words
        others = 1 if i in kept else 0
        shared_article[i] = sum(1 for w in v if article_words[w] > others) / len(v)
        if title_words:
            shared_title[i] = len(v & title_words) / len(v)
    return shared_title, shared_article


def rows(columns: list[list[float]]) -> list[list[float]]:
    """The features block by block (for training): one row per block."""
    return [list(r) for r in zip(*columns, strict=False)]


def row(columns: list[list[float]], i: int) -> list[float]:
    return [c[i] for c in columns]


def _logistic(x: float) -> float:
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


def probabilities(columns: list[list[float]], weights: tuple[float, ...]) -> list[float]:
    """The logistic model's probability for every block, summed feature by feature (C-level maps)."""
    n = len(columns[0]) if columns else 0
    z = [0.0] * n
    for w, col in zip(weights, columns, strict=False):
        if w:
            z = list(map(add, z, map(mul, col, repeat(w))))
    return list(map(_logistic, z))


def gains(
    probs: list[float], sizes: list[int], threshold: float, min_words: float, neutral: frozenset[int]
) -> list[float]:
    """What each block adds to a span: max(words, min_words) x (p - threshold); nothing for a
    block a rule removes anyway (an ad label or a photo credit inside the article does not break
    it), except a section marker."""
    out = [max(size, min_words) * (p - threshold) for p, size in zip(probs, sizes, strict=False)]
    for i in neutral:
        out[i] = 0.0
    return out


def neutral_blocks(columns: list[list[float]]) -> frozenset[int]:
    """The blocks a rule matched that are not section markers."""
    return frozenset(
        i for i, (m, e) in enumerate(zip(columns[_MATCHED], columns[_MATCHED + 1], strict=False)) if m and not e
    )


def decode_around(
    probs: list[float], sizes: list[int], threshold: float, min_words: float, neutral: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """The best run [start, end) that holds the anchor: the block whose words x probability is
    the page's highest. From it, the span reaches left and right as far as the sum of
    max(words, min_words) x (p - threshold) of what it adds is highest."""
    if not probs:
        return 0, 0
    gain = gains(probs, sizes, threshold, min_words, neutral)
    anchor = max(range(len(probs)), key=lambda i: (sizes[i] * probs[i], -i))
    best, start, run = 0.0, anchor, 0.0
    for i in range(anchor - 1, -1, -1):
        run += gain[i]
        if run > best:
            best, start = run, i
    best, end, run = 0.0, anchor + 1, 0.0
    for i in range(anchor + 1, len(probs)):
        run += gain[i]
        if run > best:
            best, end = run, i + 1
    return start, end


def decode(
    probs: list[float], sizes: list[int], threshold: float, min_words: float, neutral: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """The run [start, end) maximising the sum of max(words, min_words) x (p - threshold).

    Kadane's maximum subarray: one pass. An empty page, or one where no block beats the threshold,
    gives the best single block (a page always has its article somewhere).
    """
    best, best_span = -math.inf, (0, 0)
    run, run_start = 0.0, 0
    for i, gain in enumerate(gains(probs, sizes, threshold, min_words, neutral)):
        if run <= 0:
            run, run_start = gain, i
        else:
            run += gain
        if run > best:
            best, best_span = run, (run_start, i + 1)
    return best_span


_UNIT = FEATURES.index("a dated unit repeated down the page")


def thread_start(
    columns: list[list[float]], probs: list[float], sizes: list[int], start: int, end: int, threshold: float
) -> int:
    """Where a run of dated units (comment headers, teaser dates) begins inside the span [start,
    end), once the article has had its say: the first such unit with two or more after it (in
    the span or after it) and `THREAD_MIN_WORDS` words of likely article text before it. `end`
    when there is none."""
    flags = columns[_UNIT]
    units = [i for i in range(start, len(flags)) if flags[i]]
    if len(units) < settings.THREAD_MIN_UNITS:
        return end
    words = 0
    k = 0
    for i in range(start, end):
        if k < len(units) and units[k] == i:
            if len(units) - k >= settings.THREAD_MIN_UNITS and words >= settings.THREAD_MIN_WORDS:
                return i
            k += 1
        elif probs[i] >= threshold:
            words += sizes[i]
    return end


def evidence(row: list[float], weights: tuple[float, ...], limit: int = 3) -> str:
    """The features that weighed most against a block, in words."""
    pulls = sorted(
        (w * x, name)
        for w, x, name in zip(weights, row, FEATURES, strict=False)
        if name != "bias" and w * x < 0 and not name.startswith("position")
    )
    named = [name.replace("ctx ", "neighbours ") for _, name in pulls[:limit]]
    return ", ".join(named) if named else "little article text around it"


DECODERS = {"around": decode_around, "anywhere": decode}
