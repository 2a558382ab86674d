"""Small text helpers shared by the extractors: sentence spans and offset-preserving case folding.

Sentence splitting here is a rule-based splitter tuned for news copy: it copes with abbreviations
("Dec. 15", "Aug. 8", "Gen. Allen", "U.S."), initials ("John F. Kennedy"), decimal numbers and
quotations that close after the full stop. It does not try to be a general tokenizer, and it
never changes the text: every function returns offsets into the string it was given.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from build_tools import vocab

# Abbreviations after which a full stop never ends a sentence (titles stand before a name).
_TITLES = frozenset(vocab.HONORIFICS + vocab.RANK_ABBREVIATIONS + vocab.PLACE_ABBREVIATIONS)
# Abbreviations that end a sentence only when a capitalised word (not a number) follows.
_ABBREVIATIONS = frozenset(vocab.MONTH_ABBREVIATIONS_EN) | frozenset(
    "no nos vs approx est fig vol pp p para "
    "art sec ch jr sr inc ltd co corp bros dept univ assn ave blvd e.g i.e cf al etc".split()
)
# Words that start sentences: after "U.S." or "U.N." one of these means the sentence ended.
_SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i you but and in on at this that these those there his her "
    "their its our so yet if when while after before as since".split()
)

# A terminator: one or more of . ! ? or an ellipsis, then any closing quotes or brackets.
_BOUNDARY = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s+)")
_TOKEN_BEFORE = re.compile(r"([\w.'’-]+)$")
_FIRST_WORD = re.compile(r"[\"'“‘«(\[]*([\w.'’-]+)")
_SPACES = re.compile(r"\s+")


_SPACE_RUN = re.compile(r"\s*")

# An adverb in -ly written between a subject and its verb ("Smith reportedly told"), as a regex
# fragment: lower case, four letters or more, and none of the -ly nouns and adjectives ("the
# family said", "the daily reported").
LY_ADVERB = r"(?:(?!(?:{})\b)[a-z]{{2,}}ly\b)".format("|".join(sorted(vocab.NOT_ADVERBS_LY)))


def is_ly_adverb(word: str) -> bool:
    """ "reportedly", "flatly": an adverb in -ly, not "family", "ally" or "elderly"."""
    return word.islower() and len(word) > 4 and word.endswith("ly") and word not in vocab.NOT_ADVERBS_LY


def _is_boundary(text: str, stop: int, end: int) -> bool:
    """Decide whether the terminator text[stop:end] ends a sentence."""
    after = _SPACE_RUN.match(text, end)
    at = after.end() if after else end
    if at >= len(text):
        return True
    nxt = text[at]
    if nxt.islower():
        # "e.g. the", "Did they?" he asked: a lower-case continuation never starts a sentence.
        return False
    terminator = text[stop:end]
    if not terminator.startswith(".") or terminator.startswith(".."):
        return True
    token_match = _TOKEN_BEFORE.search(text[max(0, stop - 80) : stop])
    if token_match is None:
        return True
    token = token_match.group(1).lstrip("'’-")
    word = token.lower().rstrip(".")
    first = _FIRST_WORD.match(text, at)
    next_word = first.group(1).lower() if first else ""
    if word in _TITLES:
        return False
    if len(token) == 1 and token.isupper():
        # An initial ("John F. Kennedy"); a one-letter sentence end is rarer than an initial.
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        # A dotted acronym such as U.S or U.N: it ends a sentence only before a typical opener.
        return next_word in _SENTENCE_STARTERS
    if word in _ABBREVIATIONS:
        return not nxt.isdigit()
    return True


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return (start, end) offsets of the sentences of `text`, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match.start(), match.end()):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if trimmed and not any(c.isalnum() for c in text[s:e]):
            # A stray "..." between two sentences belongs to the one before it.
            trimmed[-1] = (trimmed[-1][0], e)
        else:
            trimmed.append((s, e))
    return tuple(trimmed)


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of `text` as strings."""
    return tuple(text[s:e] for s, e in sentence_spans(text))


def sentence_at(text: str, offset: int, spans: tuple[tuple[int, int], ...] | None = None) -> str:
    """The sentence of `text` containing `offset`, with inner runs of whitespace collapsed.

    Pass the precomputed `spans` when asking about many offsets in one text.
    """
    spans = sentence_spans(text) if spans is None else spans
    if not spans:
        return ""
    index = bisect_right([s for s, _ in spans], offset) - 1
    s, e = spans[max(index, 0)]
    return _SPACES.sub(" ", text[s:e])


# Characters folded to one form so that "Da’esh" matches "Da'esh" and "al‑Abadi" (non-breaking
# hyphen) matches "al-Abadi". Every replacement is one character for one, so offsets survive.
_EQUIVALENT = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """Map apostrophe, hyphen and space variants to one form, keeping the length unchanged."""
    return text.translate(_EQUIVALENT)


def fold(text: str) -> str:
    """Lower-case `text` character by character, keeping its length (and so its offsets).

    str.lower() can lengthen a string ("İ" -> "i̇"); such characters are kept as they are.
    """
    text = normalise(text)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_word_char(char: str) -> bool:
    """True for characters that continue a word (letters, digits, underscore)."""
    return char.isalnum() or char == "_"


def find_root(parent: list[int], i: int) -> int:
    """The representative of `i` in a union-find forest (with path halving): groups of
    paragraphs or quotations that were found to be the same passage."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
