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
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, eq, getitem, itemgetter, lt, mul, sub, truediv
from pathlib import Path
from typing import NamedTuple, Protocol, cast

from .. import vocab
from . import settings
from .rules import END, Match
from .score import GOOD, Features

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
    r"\b(?:says?:|wrote:|writes:|reply|report (?:abuse|comment)|permalink|parent|"
    r"\d+ (?:comments?|responses?|replies)|posted (?:by|on)|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago|"
    r"recommend|flag|thumbs|like this|leave a (?:comment|reply)|add (?:a|your) comment|post a comment)\b"
    # a forum's score and its user with a number: "( Score: 2 , Funny)", "by garaged (579941)"
    r"|\( ?score ?:|^by [^\s()]+(?: [^\s()]+)? \(\d+\)$",
    re.MULTILINE,
)
# A time ("10:23", "9.05 pm") or a year, after a word boundary: `\b\d{1,2}[:.]\d{2} ?(?:[ap]\.?m\.?)?\b|
# \b(?:19|20)\d\d\b`, written to open with its digit (the boundary checked behind it) so that the
# regex engine skips from digit to digit instead of trying the pattern at every character.
_TIME = re.compile(r"\d(?<!\w\d)(?:\d?[:.]\d{2} ?(?:[ap]\.?m\.?)?\b|(?<=1)9\d\d\b|(?<=2)0\d\d\b)")
# (the three patterns are matched against lower-cased text)
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»‹›„–—…•·"
_DIGITS = b"0123456789"


def _digits(text: str) -> float:
    """The share of the text's characters that are ASCII digits (counted on its UTF-8 bytes)."""
    raw = text.encode("utf-8", "surrogatepass")
    return (len(raw) - len(raw.translate(None, _DIGITS))) / (len(text) or 1)


_DIGIT_FLAGS = bytes(1 if c in _DIGITS else 0 for c in range(256))


def _digit_shares(texts: list[str]) -> list[float]:
    """`_digits` of every text. On an ASCII page (most are), the page's bytes are flagged at once
    and each block's digits counted over its slice of them (C-level maps); block texts hold no
    newline, so block i starts one character after block i-1 ends."""
    page = "\n".join(texts)
    if not page.isascii():
        return list(map(_digits, texts))
    flags = page.encode("ascii").translate(_DIGIT_FLAGS)
    lens = list(map(len, texts))
    starts = list(accumulate(map(add, lens, repeat(1)), initial=0))
    counts = map(flags.count, repeat(1), starts, map(add, starts, lens))
    return list(map(truediv, counts, map(max, lens, repeat(1))))


_CATEGORIES = ("chrome", "caption", "link", "social", "metadata", "paywall", "related", "cookie")
_CATEGORY_INDEX = {c: k for k, c in enumerate(_CATEGORIES)}
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
    line: int
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


def _shapes(page: _Page) -> list[tuple[object, ...]]:
    """Each block's shape: its bullet, its length in fours of words (up to 6), whether it ends a
    sentence, is title-cased, is link-like; built column by column (C-level maps)."""
    feats = page.feats
    return list(
        zip(
            [h if h in _BULLETS else "" for h in [t[:2] for t in page.texts]],
            [k // 4 if k < 24 else 6 for k in page.nw],
            map(attrgetter("sentence_end"), feats),
            [r > 0.6 for r in map(attrgetter("title_ratio"), feats)],
            map(attrgetter("link_like"), feats),
            strict=True,
        )
    )


_SHAPE_CLASSES = str.maketrans(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "9" * 10 + "a" * 26 + "A" * 26
)
_RUNS = re.compile(r"(.)\1+")
_FIRST = itemgetter(1)  # a run's character, as a C-level callable (a template is expanded in Python)


def _unit_shape(text: str) -> str:
    """A short line's shape, its characters as classes with runs collapsed: "2. Kate on October
    23rd, 2012 1:38 pm" and "17. Jan Ross on October 23rd, 2012 2:05 pm" share theirs.

    Lines joined by newlines get their shapes joined by newlines: a run never spans one."""
    return _RUNS.sub(_FIRST, text.translate(_SHAPE_CLASSES))


def _dated_units(judged: list[Judged]) -> list[bool]:
    """Short lines with a digit whose shape recurs three times or more on the page: the headers of
    comments (user, date, time) and the date lines of teaser cards."""
    # words counted on the text: a rule-matched block (a date line) carries no features; a live
    # page's entry times are the article's own sequence, not a thread's headers
    short = [
        i
        for i, j in enumerate(judged)
        if j.block.text.count(" ") < _UNIT_MAX_WORDS
        and j.block.text
        and not (j.match is not None and j.match.rule.category == "live")
    ]
    lines = [judged[i].block.text for i in short]
    text = "\n".join(lines)
    starts = [0, *accumulate(len(t) + 1 for t in lines)]
    # those with a digit or "ago", then those of them with a date or a time, each searched as one
    # page; a shape recurs three times only among three lines or more
    candidates = _lines_matching(_DIGIT_OR_AGO, text, starts)
    dated = _dated_lines(text, starts, lines, candidates) if len(candidates) >= 3 else []
    if len(dated) < 3:
        return [False] * len(judged)
    shapes = [""] * len(judged)
    for k, shape in zip(dated, _unit_shape("\n".join([lines[k] for k in dated])).split("\n"), strict=True):
        shapes[short[k]] = shape
    counts = Counter(shapes)
    # a column of dates set beside the article's paragraphs (an archive's months) is no thread:
    # a shape of which one line shares its raw line with prose is that column's
    beside = {s for i, s in enumerate(shapes) if s and counts[s] >= 3 and beside_prose(judged, i)}
    return [bool(s) and counts[s] >= 3 and s not in beside for s in shapes]


_UNIT_MAX_WORDS = 15


def name_units(judged: list[Judged]) -> list[bool]:
    """Undated comment headers: a commenter's name set alone over each comment. Either a bulleted
    line of a few words with no sentence end over unbulleted prose ("* Alayna F", "* http://x.com
    Dana McMahan": a thread laid out as a list, one item a comment), or a short line ending in "said,"
    or "says:" ("Progress Trap said,", "Jo says:"). A thread needs several of them in a row, each
    with a comment's prose under it (`thread_start`)."""
    out = [False] * len(judged)
    for i, j in enumerate(judged[:-1]):
        text = j.block.text
        if j.match is not None or len(text) > _NAME_MAX_CHARS or text.count(" ") >= _NAME_MAX_WORDS + 1:
            continue
        # a menu column beside the article shares its raw lines; a commenter's name has its own line
        # and a blank line under it, where a column of menu items beside the text has none
        line = j.block.line
        if judged[i + 1].block.gap_before == 0 or any(
            0 <= k < len(judged) and judged[k].block.line == line for k in (i - 1, i + 1)
        ):
            continue
        if _SAID.search(text):
            out[i] = True
        elif (
            text[:2] == "* "
            and _NAME.match(text, 2)
            and j.feats.stop_density == 0.0
            and judged[i + 1].block.text[:2] not in _BULLETS
            and _person_like(text[2:])
        ):
            out[i] = True
    return out


def _person_like(name: str) -> bool:
    """A commenter rather than a section's title ("* Employment", "* Job Outlook"): a link to their
    site, an @handle, a handle in lower case or in one word with a digit or an inner capital
    ("DerKrieger", "jo1975"), or a first word that is a known given name."""
    words = name.split()
    return (
        name.startswith(("http", "@"))
        or any(w.islower() for w in words)
        or words[0].lower() in _given_names()
        or (len(words) == 1 and (any(map(str.isdigit, name)) or any(map(str.isupper, name[1:]))))
    )


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """The given names of `build_tools/data/given_names.tsv` (the 1990 US Census first-name lists)."""
    path = Path(__file__).resolve().parent.parent / "data" / "given_names.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t", 1)[0] for line in lines if line and not line.startswith("#"))


_NAME_MAX_CHARS = 80
_NAME_MAX_WORDS = 5
# a name or a handle, after an optional link to the commenter's site: no colon, bracket or sentence end
_NAME = re.compile(r"(?:https?://\S+ )?[\w@][\w@.'’&-]*(?: [\w@][\w@.'’&-]*){0,3}$(?<![.!?])")
_SAID = re.compile(r"^\S.{0,60}\s(?:said|says|dice|dijo)\s?[,:]$", re.IGNORECASE)
# A date or a time in a short line: what makes a repeated line a comment's or a card's header
# ("Heather on October 23rd, 2012 1:37 pm", "3 hours ago"), not a numbered list's item.
_MONTH_ABBREVIATIONS = "|".join(sorted({m[:3] for lang in vocab.LANGUAGES for m in vocab.MONTHS[lang]}))
_DIGIT_OR_AGO = re.compile(r"\d|ago")
_DATED = re.compile(
    rf"\d{{1,2}}:\d{{2}}|\b(?:19|20)\d\d\b|\bago\b|\b(?:{_MONTH_ABBREVIATIONS})[^\W\d]*\.? \d"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\.? (?:{_MONTH_ABBREVIATIONS})",
    re.IGNORECASE,
)

# `_DATED`'s branches in three, so that the engine skips ahead to a digit, an "a" or a space
# instead of trying every branch at every character: those opening with a digit (a word boundary
# before it checked behind it), "ago", and a month's name before a number, which needs " \d".
_DATED_BY_DIGIT = re.compile(
    rf"\d(?:\d?:\d{{2}}|(?<!\w\d)(?:(?<=1)9|(?<=2)0)\d\d\b|(?<!\w\d)\d?(?:st|nd|rd|th)?\.? (?:{_MONTH_ABBREVIATIONS}))",
    re.IGNORECASE,
)
_AGO = re.compile(r"[aA](?<!\w[aA])[gG][oO]\b")  # `\bago\b` in any case: no other letter folds to these
_SPACE_DIGIT = re.compile(r" \d")
_DATED_BY_MONTH = re.compile(rf"\b(?:{_MONTH_ABBREVIATIONS})[^\W\d]*\.? \d", re.IGNORECASE)


def _dated_lines(page: str, starts: list[int], lines: list[str], where: list[int]) -> list[int]:
    """`_blocks_matching(_DATED, ...)` over the lines `where`: a line holds a match of `_DATED` when
    it holds one of any of its branches (none spans a newline), each searched in the lines not
    found yet."""
    found = set(_blocks_matching(_DATED_BY_DIGIT, page, starts, lines, where))
    found.update(_blocks_matching(_AGO, page, starts, lines, [i for i in where if i not in found]))
    rest = _blocks_matching(_SPACE_DIGIT, page, starts, lines, [i for i in where if i not in found])
    found.update(_blocks_matching(_DATED_BY_MONTH, page, starts, lines, rest))
    return sorted(found)


def _vocabulary(text: str) -> set[str]:
    """The block's words of four letters or more, lower-cased (C-level calls only)."""
    return {w for w in map(str.strip, text.lower().split(), repeat(_PUNCTUATION)) if len(w) > 3}


# Strings one of which every match of each pattern holds: only the lines holding one are searched.
# A string opening with a newline is looked for at the start of a line.
_TRIGGERS = {
    _COMMENTISH: (
        "comment", "respons", "replies", "reaction", "say:", "says:", "wrote:", "writes:", "reply",
        "report abuse", "posted ", "permalink", " ago", "login", "log in", "signin", "sign in", "sign up",
        "register", "subscribe", "newsletter",
    ),
    _COMMENT_HEADER: (
        "say:", "says:", "wrote:", "writes:", "reply", "replies", "report abuse", "report comment", "permalink",
        "parent", "comment", "respons", "posted by", "posted on", " ago", "recommend", "flag", "thumbs",
        "like this", "score", "\nby ",
    ),
    _TIME: (),  # opens with a digit: searched over the whole page
}  # fmt: skip


@lru_cache(maxsize=1)
def _trigger_automaton():
    """An Aho-Corasick automaton of every pattern's `_TRIGGERS`, to be run over a page with a newline
    put before it: trigger -> (how far back from its last character its line's position is, the
    indices in `_TRIGGERED` of the patterns it wakes). One pass over a page finds them all."""
    import ahocorasick

    wakes: dict[str, list[int]] = {}
    for k, pattern in enumerate(_TRIGGERED):
        for trigger in _TRIGGERS[pattern]:
            wakes.setdefault(trigger, []).append(k)
    automaton = ahocorasick.Automaton()
    for trigger, which in sorted(wakes.items()):
        # in the page, a trigger starts `len - 1` characters before its last one, one more before
        # that in the page with a newline put first; a leading newline is its line's start there
        back = len(trigger) - 1 if trigger[0] == "\n" else len(trigger)
        automaton.add_word(trigger, (back, tuple(which)))
    automaton.make_automaton()
    return automaton


_TRIGGERED = tuple(p for p, triggers in _TRIGGERS.items() if triggers)


def _lines_holding(page: str, starts: list[int]) -> dict[re.Pattern[str], list[int]]:
    """Per pattern of `_TRIGGERED`, the lines of `page` (lines start at `starts`) that hold one of
    its `_TRIGGERS`, in order; a trigger opening with a newline at their start. The page is read
    once, by one automaton."""
    found: list[set[int]] = [set() for _ in _TRIGGERED]
    for end, (back, which) in _trigger_automaton().iter("\n" + page):
        i = bisect_right(starts, end - back) - 1
        for k in which:
            found[k].add(i)
    return {pattern: sorted(lines) for pattern, lines in zip(_TRIGGERED, found, strict=True)}


def _lines_matching(pattern: re.Pattern[str], page: str, starts: list[int]) -> list[int]:
    """The lines of `page` holding a match of `pattern` (one search per line that has one)."""
    found: list[int] = []
    m = pattern.search(page)
    while m is not None:
        i = bisect_right(starts, m.start()) - 1
        found.append(i)
        m = pattern.search(page, starts[i + 1])
    return found


def _blocks_matching(
    pattern: re.Pattern[str],
    page: str,
    starts: list[int],
    lines: list[str],
    where: list[int] | None = None,
) -> list[int]:
    """The lines of `page` holding a match of `pattern` (which never spans a newline).

    `starts`: where each of its `lines` starts. Only the lines `where` a match may be are searched
    (by default every line: a pattern the engine finds fast by its first character), joined by
    newlines as the page is (a line boundary is a newline for `\\b`, `^` and `$` alike).
    """
    # a line's first match is enough: the search goes on from the next line (`_lines_matching`)
    if where is None:
        return _lines_matching(pattern, page, starts)
    if not where:
        return []
    searched = "\n".join([lines[i] for i in where])
    offsets = [0, *accumulate(len(lines[i]) + 1 for i in where)]
    return [where[k] for k in _lines_matching(pattern, searched, offsets)]


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


def _log_words(k: int) -> float:
    return _LOG_WORDS[k] if k < 2000 else math.log1p(k) / 5


class _Page(NamedTuple):
    """What the features read of a page's blocks, gathered once."""

    judged: list[Judged]
    feats: list[_Feats]
    texts: list[str]
    nw: list[int]  # words per block (0 for a block a rule matched)
    matched: list[int]  # the blocks a rule matched
    ends: list[int]  # of those, the section markers
    categories: list[str]  # the category of each matched block's rule, in `matched`'s order


def beside_prose(judged: list[Judged], i: int) -> bool:
    """Block i is set on the same raw line as a paragraph of prose: a page laid out in columns,
    where a sidebar's "Related news" beside the article's paragraphs ends the sidebar, not the article."""
    line = judged[i].block.line
    return any(
        0 <= k < len(judged) and judged[k].block.line == line and judged[k].match is None and judged[k].score[1] == GOOD
        for k in (i - 1, i + 1)
    )


def _page(judged: list[Judged]) -> _Page:
    feats = [j.feats for j in judged]
    matched = [i for i, j in enumerate(judged) if j.match is not None]
    rules = [judged[i].match.rule for i in matched]  # type: ignore[union-attr]
    ends = [i for i, r in zip(matched, rules, strict=False) if r.action == END and not beside_prose(judged, i)]
    texts = [j.block.text for j in judged]
    return _Page(judged, feats, texts, [f.n_words for f in feats], matched, ends, [r.category for r in rules])


def features(
    judged: list[Judged], kept: dict[int, str], start: int, end: int, title: str, lows: list[str] | None = None
) -> list[list[float]]:
    """The named features (`FEATURES`) of the blocks, one column (a list over the blocks) per feature.

    `lows`: the page's whitespace-separated words, punctuation stripped and lower-cased
    (`score.PageWords.lows`), when already split.

    Computed column by column with C-level maps where possible: a page's blocks are many and
    this runs for every page. Each step below gives the columns of a run of `OWN`, in order;
    the neighbourhood's columns (`CTX`) are read off those.
    """
    if not judged:
        return [[] for _ in FEATURES]
    page = _page(judged)
    scores = [j.score[0] for j in judged]
    for i in page.matched:
        scores[i] = 0.0
    kept_col = _flags(len(judged), kept)
    commentish, times, headers = _header_columns(page)
    units = [1.0 if u else 0.0 for u in _dated_units(judged)]
    own = [
        *_block_columns(page, scores),
        *_verdict_columns(page, kept, kept_col, start, end),
        *_layout_columns(page),
        commentish,
        times,
        *_shared_words(page.texts, page.nw, kept, title, lows),
        _same_shape(page),
        _above(_flags(len(judged), page.ends), 5),
        _digit_shares(page.texts),
        headers,
        _above(headers, 20),
        _window_means(headers, _HW),
        *_position_columns(page, kept, start, end),
        units,
        _above(units, 20),
        _window_means(units, _HW),
    ]
    return own + _context_columns(own, kept_col, scores)


def _block_columns(page: _Page, scores: list[float]) -> list[list[float]]:
    """From "bias" to "prose score": the block's own features, read off the blocks' `Features`
    (named tuples) turned into columns at once."""
    feats = page.feats
    fields = list(zip(*cast("list[Features]", feats), strict=True)) if feats else [() for _ in _FIELD]

    def column(name: str) -> list[float]:
        return list(map(float, fields[_FIELD[name]]))

    return [
        [1.0] * len(feats),
        list(map(_log_words, page.nw)),
        column("stop_density"),
        column("sentence_end"),
        column("colon_end"),
        column("title_ratio"),
        column("list_item"),
        column("link_like"),
        column("glued"),
        column("repeated"),
        [1.0 if k else 0.0 for k in fields[_FIELD["shared"]]],
        scores,
    ]


_FIELD = {name: k for k, name in enumerate(Features._fields)}


def _verdict_columns(
    page: _Page, kept: dict[int, str], kept_col: list[float], start: int, end: int
) -> list[list[float]]:
    """From "kept by the rules and the scorer" to the rules' categories: the first pass's verdicts."""
    n = len(page.feats)
    matched, categories = page.matched, page.categories
    by_category = [[0.0] * n for _ in _CATEGORIES]  # the matched blocks read once for all categories
    for i, c in zip(matched, categories, strict=False):
        k = _CATEGORY_INDEX.get(c)
        if k is not None:
            by_category[k][i] = 1.0
    return [
        kept_col,
        _flags(n, (i for i, kind in kept.items() if kind == "heading")),
        [0.0] * start + [1.0] * (end - start) + [0.0] * (n - end),
        _flags(n, matched),
        _flags(n, page.ends),
        *by_category,
    ]


def _layout_columns(page: _Page) -> list[list[float]]:
    """From "bullet *" to "marked heading": how the block is set on the page."""
    n = len(page.feats)
    heads = [t[:2] for t in page.texts]
    blocks = [j.block for j in page.judged]
    return [
        [1.0 if h == "* " else 0.0 for h in heads],
        [1.0 if h == "+ " else 0.0 for h in heads],
        [1.0 if h == "o " else 0.0 for h in heads],
        [1.0 if h in ("• ", "- ") else 0.0 for h in heads],
        [i / n for i in range(n)],
        [(i / n) ** 2 for i in range(n)],
        [(g if g < 3 else 3) / 3 for g in map(attrgetter("gap_before"), blocks)],
        list(map(float, map(attrgetter("marked_heading"), blocks))),
    ]


def _header_columns(page: _Page) -> tuple[list[float], list[float], list[float]]:
    """Short blocks holding a comment's or a teaser's header, a time or a year, a comment's header
    alone: the short blocks' texts (a header is a short line) searched as one page."""
    n = len(page.feats)
    short = [i for i, k in enumerate(page.nw) if k <= settings.HEADER_MAX_WORDS]
    text = "\n".join([page.texts[i] for i in short]).lower()
    lines = text.split("\n")
    starts = [0, *accumulate(len(t) + 1 for t in lines)]  # lower-casing may change lengths
    where = _lines_holding(text, starts)  # the lines holding each pattern's triggers, found at once
    return tuple(  # type: ignore[return-value]
        _flags(n, (short[k] for k in _blocks_matching(pattern, text, starts, lines, where.get(pattern))))
        for pattern in (_COMMENTISH, _TIME, _COMMENT_HEADER)
    )


def _same_shape(page: _Page) -> list[float]:
    """The share of the four blocks nearest (two each side) with the block's shape (`_shapes`)."""
    shapes = _shapes(page)
    same1 = [1.0 if x else 0.0 for x in map(eq, shapes[:-1], shapes[1:])]  # block i and i+1 alike
    same2 = [1.0 if x else 0.0 for x in map(eq, shapes[:-2], shapes[2:])]
    return [
        (a + b + c + d) / 4
        for a, b, c, d in zip([0.0] + same1, same1 + [0.0], [0.0, 0.0] + same2, same2 + [0.0, 0.0], strict=False)
    ]


def _position_columns(page: _Page, kept: dict[int, str], start: int, end: int) -> list[list[float]]:
    """The columns from "share of the rules' article above" to "after the rules' end"."""
    n, nw = len(page.feats), page.nw
    kept_words = sum(nw[i] for i in kept) or 1
    words_above = [0.0, *accumulate(nw[i] if i in kept else 0 for i in range(n))][:-1]
    return [
        [w / kept_words for w in words_above],
        [1.0] * start + [0.0] * (n - start),
        [0.0] * end + [1.0] * (n - end),
    ]


def _context_columns(own: list[list[float]], kept_col: list[float], scores: list[float]) -> list[list[float]]:
    """The `CTX` columns: some of the neighbours' own features, and means over a window."""
    ctx = [_shifted(own[s], d) for d in _WINDOW for s in _CTX_SOURCES]
    bullets = [1.0 if a or b or c else 0.0 for a, b, c in zip(own[_STAR], own[_STAR + 1], own[_STAR + 2], strict=False)]
    return ctx + [_window_means(kept_col, _CW), _window_means(scores, _CW), _window_means(bullets, _CW)]


def _shared_words(
    texts: list[str], nw: list[int], kept: dict[int, str], title: str, lows: list[str] | None = None
) -> tuple[list[float], list[float]]:
    """Per block: the share of its words in the title, and in the other blocks the rules kept.

    A block's words are its words of four letters or more, lower-cased (`_vocabulary`), read off
    the page's words split once: block texts are whitespace-collapsed and hold no newline, so
    block i holds `texts[i].count(" ") + 1` of the page's whitespace-separated words.
    """
    n = len(texts)
    title_words = _vocabulary(title)
    toks = list(map(str.strip, "\n".join(texts).lower().split(), repeat(_PUNCTUATION))) if lows is None else lows
    # 1 for a word of four letters or more (`lt` is called without an argument tuple, unlike `(3).__lt__`)
    long_enough = bytes(map(lt, repeat(3), map(len, toks)))
    counts = [t.count(" ") + 1 if t else 0 for t in texts]
    bounds = [0, *accumulate(counts)]
    cuts = list(map(slice, bounds[:-1], bounds[1:]))
    vocab = list(map(set, map(compress, map(getitem, repeat(toks), cuts), map(getitem, repeat(long_enough), cuts))))
    for i in (i for i, k in enumerate(nw) if not k):  # a block a rule matched has no words
        vocab[i] = set()
    # the kept blocks' words, and those of them in two kept blocks or more (set operations in C)
    in_article: set[str] = set()
    in_another: set[str] = set()
    for i in kept:
        in_another |= in_article & vocab[i]
        in_article |= vocab[i]
    sizes = list(map(max, map(len, vocab), repeat(1)))  # a block without words shares nothing
    shared_article = list(map(truediv, map(len, map(set.intersection, vocab, repeat(in_article))), sizes))
    for i in kept:
        shared_article[i] = len(vocab[i] & in_another) / sizes[i]
    if not title_words:
        return [0.0] * n, shared_article
    shared_title = list(map(truediv, map(len, map(set.intersection, vocab, repeat(title_words))), sizes))
    return shared_title, shared_article


def rows(columns: list[list[float]]) -> list[list[float]]:
    """The features block by block (for training): one row per block."""
    return [list(r) for r in zip(*columns, strict=False)]


def row(columns: list[list[float]], i: int) -> list[float]:
    return [c[i] for c in columns]


def probabilities(columns: list[list[float]], weights: tuple[float, ...]) -> list[float]:
    """The logistic model's probability for every block, summed feature by feature (C-level maps)."""
    n = len(columns[0]) if columns else 0
    z = [0.0] * n
    blocks = range(n)
    for w, col in zip(weights, columns, strict=False):
        if not w or not any(col):  # most pages have no block with most of the flags
            continue
        if col.count(0.0) * 4 >= n * 3:  # a few flagged blocks: add only theirs (adding 0.0 changes nothing)
            for i in compress(blocks, col):
                z[i] += w * col[i]
        else:
            # `mul` is called without building an argument tuple, unlike the bound `w.__mul__`
            z = list(map(add, z, map(mul, repeat(w), col)))
    exp = math.exp  # the logistic of each block, inline: one comprehension, no call per block
    return [0.0 if x < -30 else 1.0 if x > 30 else 1.0 / (1.0 + exp(-x)) for x in z]


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
    """The blocks a rule matched that are not section markers, in a run of fewer than
    `NEUTRAL_RUN_MAX` matched blocks: an ad label or a share bar inside the article, not a
    sidebar's or a footer's furniture, which the span does not cross for free."""
    matched, markers = columns[_MATCHED], columns[_MATCHED + 1]
    out: list[int] = []
    run: list[int] = []
    for i, m in enumerate([*matched, 0.0]):
        if m:
            run.append(i)
            continue
        if run and len(run) < settings.NEUTRAL_RUN_MAX:
            out.extend(k for k in run if not markers[k])
        run = []
    return frozenset(out)


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
    columns: list[list[float]],
    probs: list[float],
    sizes: list[int],
    start: int,
    end: int,
    threshold: float,
    names: list[bool] | None = None,
) -> int:
    """Where a thread of dated units (comment headers, teaser cards) begins inside the span
    [start, end), once the article has had its say: the first such unit followed by two more
    (in the span or after it), each within `THREAD_GAP` blocks of the one before and with a
    comment's prose (`THREAD_BODY_WORDS`) between them, and with `THREAD_MIN_WORDS` words of
    likely article text before it. `end` when there is none."""
    flags = columns[_UNIT]
    units = [i for i in range(start, len(flags)) if flags[i] or (names is not None and names[i])]
    need = settings.THREAD_MIN_UNITS
    if len(units) < need:
        return end
    words = 0
    k = 0
    marker, marker_words = -1, 0  # the last section marker seen in the span, and the words above it
    markers = columns[_MATCHED + 1]
    for i in range(start, end):
        if markers[i]:
            marker, marker_words = i, words
        if k < len(units) and units[k] == i:
            if words >= settings.THREAD_MIN_WORDS and _is_thread(units[k : k + need], sizes, need):
                # a section marker close above ("Comments") opens the thread: the comments
                # between it and the first dated header are the thread's too
                if 0 <= i - marker <= settings.THREAD_GAP and marker_words >= settings.THREAD_MARKED_WORDS:
                    return marker
                return i
            k += 1
        elif probs[i] >= threshold:
            words += sizes[i]
    return end


def _is_thread(units: list[int], sizes: list[int], need: int) -> bool:
    """`need` units in a row, each close after the one before with a body of prose between."""
    if len(units) < need:
        return False
    for a, b in zip(units, units[1:], strict=False):
        if b - a > settings.THREAD_GAP or max(sizes[a + 1 : b], default=0) < settings.THREAD_BODY_WORDS:
            return False
    return True


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
