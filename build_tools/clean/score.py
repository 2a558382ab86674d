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

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_COLON_END = re.compile(r"[:;][\"'”’»)\]]*$")
_LIST_MARK = re.compile(r"^(?:[•·▪►▸◦*–-]\s|\d{1,2}[.)]\s)")
_LINKISH = re.compile(r"https?://|www\.|\S+@\S+\.\w|(?:\s[|»›]\s.*){2,}|^\W*[«‹<]|[»›>]\W*$")
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
    return _WORD.findall(text)


def guess_language(texts: list[str]) -> str:
    """The jusText stoplist that covers most of the page's words ("English" when undecided)."""
    index = _stopword_index()
    counts: Counter[str] = Counter()
    for text in texts:
        for w in words(text.lower()):
            for language in index.get(w, ()):
                counts[language] += 1
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
    sentences: int
    title_ratio: float  # share of content words that are capitalised: menus, headlines, names
    list_item: bool
    link_like: bool
    glued: bool
    repeated: bool  # the same text is elsewhere on the page
    shared: int  # other pages of the same publisher carry the same text


def features(text: str, stop: frozenset[str], repeated: bool = False, shared: int = 0) -> Features:
    tokens = words(text)
    n = len(tokens)
    lowered = [t.lower() for t in tokens]
    n_stop = sum(1 for t in lowered if t in stop)
    content = [t for t, low in zip(tokens, lowered) if low not in stop and not t.isdigit() and len(t) > 2]
    capitalised = sum(1 for t in content if t[:1].isupper())
    return Features(
        n_words=n,
        n_chars=len(text),
        stop_density=n_stop / n if n else 0.0,
        sentence_end=bool(_SENTENCE_END.search(text)),
        colon_end=bool(_COLON_END.search(text)),
        sentences=len(re.findall(r"[.!?…][\"'”’)\]]*\s+[\"'“‘(]?[A-Z]", text)) + (1 if _SENTENCE_END.search(text) else 0),
        title_ratio=capitalised / len(content) if content else 1.0,
        list_item=bool(_LIST_MARK.match(text)),
        link_like=bool(_LINKISH.search(text)),
        # only where no sentence ends: "YouTube" or "PayPal" in prose are names, not glued links
        glued=bool(_GLUED.search(text)) and not _SENTENCE_END.search(text),
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
