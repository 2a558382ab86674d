"""The statistical side of the cleaner: named features of a block and a score in [0, 1].

In the spirit of jusText: article prose is long, rich in function words ("the", "of", "that") and
made of sentences; boilerplate is short, poor in function words, list-like, link-like, title-cased
or repeated. Each feature is named so that a removed block can say why ("score=0.31 (short, no
sentence end)"). The language's function words come from jusText's stoplists (a dependency of
trafilatura); the language is guessed from the page itself, so no language is assumed.

This module scores blocks one by one; the context (neighbours, article start and end) is applied
by `segment.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import itemgetter

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_COLON_END = re.compile(r"[:;][\"'”’»)\]]*$")
_LIST_MARK = re.compile(r"^(?:[•·▪►▸◦*–-]\s|\d{1,2}[.)]\s)")
_EMAIL = re.compile(r"\w@\w+\.\w")
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")  # "MinistersNordic": two link texts run together

GOOD = "good"
NEAR_GOOD = "near-good"
SHORT = "short"
BAD = "bad"


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Every function word of every jusText stoplist -> the languages that list it."""
    import justext

    index: dict[str, list[str]] = {}
    for language in sorted(justext.get_stoplists()):
        for word in justext.get_stoplist(language):
            index.setdefault(word, []).append(language)
    return {w: tuple(langs) for w, langs in index.items()}


@lru_cache(maxsize=64)
def stopwords(language: str) -> frozenset[str]:
    import justext

    try:
        return frozenset(justext.get_stoplist(language))
    except (ValueError, KeyError):
        return frozenset(justext.get_stoplist("English"))


def words(text: str) -> list[str]:
    return tokens(text)


def guess_language(texts: list[str], sample: int = 400) -> str:
    """The jusText stoplist that covers most of the page's words ("English" when undecided).

    The first `sample` words suffice: function words are the most frequent words of any text.
    """
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(words(text.lower()))
        if seen.total() >= sample:
            break
    # A shortcut for the commonest case, which spares the count over 100 lists: when a third of
    # the words are English function words the page is English (in other languages' text the
    # English list finds loanwords and names, far below a third).
    english = stopwords("English")
    total = seen.total()
    if total and sum(n for w, n in seen.items() if w in english) >= total / 3:
        return "English"
    index = _stopword_index()
    counts: Counter[str] = Counter()
    for w, n in seen.items():
        for language in index.get(w, ()):
            counts[language] += n
    if not counts:
        return "English"
    # ties go to the alphabetically first language, so that the guess is deterministic
    return min(counts, key=lambda lang: (-counts[lang], lang))


@dataclass(frozen=True)
class Features:
    n_words: int
    n_chars: int
    stop_density: float
    sentence_end: bool
    colon_end: bool
    title_ratio: float  # share of words that are capitalised: menus, headlines, names
    list_item: bool
    link_like: bool
    glued: bool
    repeated: bool  # the same text is elsewhere on the page
    shared: int  # other pages of the same publisher carry the same text


_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»‹›„–—…•·"


def tokens(text: str) -> list[str]:
    """Whitespace-separated words with surrounding punctuation stripped (C-level calls only)."""
    return list(filter(None, map(str.strip, text.split(), repeat(_PUNCTUATION))))


def _link_like(text: str) -> bool:
    # plain substring tests first: a regex over every paragraph costs more than all the rest
    if "://" in text or "www." in text or "@" in text and _EMAIL.search(text):
        return True
    if text.count(" | ") + text.count(" » ") + text.count(" › ") >= 2:
        return True
    return text[:1] in "«‹<" and text[:1] != "" or text[-1:] in "»›>" and text[-1:] != ""


def features(text: str, stop: frozenset[str], repeated: bool = False, shared: int = 0) -> Features:
    # Counted with C-level calls (split, map over a frozenset) rather than a loop over tokens:
    # the cleaner must stay several times faster than jusText.
    toks = tokens(text)
    n = len(toks)
    n_stop = sum(map(stop.__contains__, map(str.lower, toks)))
    n_caps = sum(map(str.isupper, map(itemgetter(0), toks)))
    end = _SENTENCE_END.search(text) is not None
    return Features(
        n_words=n,
        n_chars=len(text),
        stop_density=n_stop / n if n else 0.0,
        sentence_end=end,
        colon_end=_COLON_END.search(text) is not None,
        title_ratio=n_caps / n if n else 1.0,
        list_item=_LIST_MARK.match(text) is not None,
        link_like=_link_like(text),
        # only where no sentence ends: "YouTube" or "PayPal" in prose are names, not glued links
        glued=not end and _GLUED.search(text) is not None,
        repeated=repeated,
        shared=shared,
    )


@dataclass(frozen=True)
class Score:
    value: float
    label: str  # GOOD, NEAR_GOOD, SHORT or BAD
    notes: tuple[str, ...]  # the features that lowered it, for the reader

    def reason(self) -> str:
        notes = ", ".join(self.notes) if self.notes else "low"
        return f"score={self.value:.2f} ({notes})"


SHORT_WORDS = 8  # fewer words than this: too short to judge alone, the neighbours decide


def score(f: Features) -> Score:
    """Weighted evidence of article prose; the weights favour sentences rich in function words."""
    notes: list[str] = []
    value = 0.35 * min(1.0, f.stop_density / 0.30)
    value += 0.20 * min(1.0, f.n_words / 20)
    value += 0.30 if f.sentence_end else 0.15 if f.colon_end else 0.0
    value += 0.15 * (1.0 - f.title_ratio)
    if f.stop_density < 0.2:
        notes.append(f"few function words ({f.stop_density:.2f})")
    if f.n_words < SHORT_WORDS:
        notes.append("short")
    if not (f.sentence_end or f.colon_end):
        notes.append("no sentence end")
    if f.title_ratio > 0.6 and f.n_words >= 3:
        notes.append("title-cased")
    if f.list_item:
        value -= 0.15
        notes.append("list item")
    if f.link_like or f.glued:
        value -= 0.35
        notes.append("link-like" if f.link_like else "link texts run together")
    if f.repeated:
        value -= 0.30
        notes.append("repeated on the page")
    if f.shared:
        value -= 0.40
        notes.append(f"on {f.shared} other page(s) of the same publisher")
    value = max(0.0, min(1.0, value))
    if f.n_words < SHORT_WORDS and not (f.link_like or f.glued or f.repeated or f.shared or f.list_item):
        # too few words for the function-word density to mean anything: the context decides
        label = SHORT
    elif value < 0.45:
        label = BAD
    elif value >= 0.72 and (f.sentence_end or f.colon_end or f.n_words >= 60):
        label = GOOD
    else:
        label = NEAR_GOOD
    return Score(round(value, 2), label, tuple(notes))
