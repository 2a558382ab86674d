"""The statistical side of the cleaner: named features of a block and a score in [0, 1].

In the spirit of jusText: article prose is long, rich in function words ("the", "of", "that") and
made of sentences; boilerplate is short, poor in function words, list-like, link-like, title-cased
or repeated. Each feature is named so that a removed block can say why ("score=0.31 (short, no
sentence end)"). The language's function words come from jusText's stoplists (a dependency of
trafilatura); the language is guessed from the page itself, so no language is assumed.

This module scores blocks one by one; the context (neighbours, article start and end) is applied
by `article.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import itemgetter, not_
from typing import NamedTuple

from .settings import (
    BAD_BELOW,
    COLON_END_WEIGHT,
    CUT_OFF_MAX_WORDS,
    CUT_OFF_MIN_BLOCKS,
    GOOD_FROM,
    GOOD_WITHOUT_END_WORDS,
    LENGTH_FULL_WORDS,
    LENGTH_WEIGHT,
    LINK_PENALTY,
    LIST_ITEM_PENALTY,
    LOWER_CASE_WEIGHT,
    REPEATED_PENALTY,
    SENTENCE_END_WEIGHT,
    SHARED_PENALTY,
    SHORT_WORDS,
    STOP_DENSITY_FULL,
    STOP_WEIGHT,
    URL_IN_PROSE_WORDS,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
# French and other typographies set a space before closing guillemets ("raison. »"); reference
# works put footnote markers after the full stop ("in 1841.[1][5]", "[citation needed]").
_FOOTNOTES = re.compile(r"(?:\[[^\[\]]{1,24}\])+$")
# closing quotes and brackets after the last stop, as English, German („so“, ‚so‘, »so«) and French
# typographies write them
_SENTENCE_END = re.compile(r"[.!?…][\"'”’“‘»«)\] ]*$")
_COLON_END = re.compile(r"[:;][\"'”’“‘»«)\] ]*$")
# An aside in brackets after the last sentence's end closes a run of sentences as that sentence
# did: "... Try the first chapter now. (For the tablet edition)". Not a photo's credit ("(PHOTO/Jo
# Smith)"), which closes a caption, nor a single sentence's aside (a list item's).
_ASIDE_AFTER_END = re.compile(r"[.!?…][\"'”’]?\s+\([^()/]{1,80}\)$")


# A short text cut off with an ellipsis after a word or a comma ("Can we keep the town's prizes
# out of politic...", "Video - Ri ...", "Saturday in pictures: the band, the choir,…"), when the page holds
# several: teasers cut to length, whose ellipsis ends no sentence (`page_features`).
_CUT_OFF = re.compile(r"[\w,] ?(?:\.\.\.|…)$")


def _cut_off(text: str) -> bool:
    return text[-1:] in ".…" and text.count(" ") < CUT_OFF_MAX_WORDS and _CUT_OFF.search(text) is not None


def _aside_after_end(ending: str) -> bool:
    """`ending` (ending with ")") closes a run of sentences with a bracketed aside (`_ASIDE_AFTER_END`)."""
    m = _ASIDE_AFTER_END.search(ending)
    return (
        m is not None
        and "photo" not in m.group().lower()
        and len(_INNER_SENTENCE.findall(ending, 0, m.start() + 1)) >= 1
        and len(_INNER_SENTENCE.findall(ending, 0, _SENTENCES_WITHIN)) >= 2
    )


_LIST_MARK = re.compile(r"^(?:[•·▪►▸◦*–-]\s|\d{1,2}[.)]\s)")
_EMAIL = re.compile(r"\w@\w+\.\w")
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")  # "MinistersNordic": two link texts run together
# Whether a text holds `_GLUED`, written to open with its capital (the two lower-case letters
# checked behind it), so that the engine skips from capital to capital instead of trying the
# pattern at every character. Its matches are not `_GLUED`'s: it only says whether there is one.
_HAS_GLUED = re.compile(r"[A-Z](?<=[a-z]{2}[A-Z])[a-z]")

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


def guess_language(texts: list[str], sample: int = 400, words: PageWords | None = None) -> str:
    """The jusText stoplist that covers most of the page's words ("English" when undecided).

    The first `sample` words suffice: function words are the most frequent words of any text.
    `words`: the page's `page_words`, when already computed.
    """
    chosen: list[str] = []
    n = 0
    for text in texts:
        chosen.append(text)
        n += text.count(" ") + 1
        if n >= sample:
            break
    # A shortcut for the commonest case spares the count over 100 lists: when a third of the words
    # are English function words the page is English (in other languages' text the English list
    # finds loanwords and names, far below a third).
    english = stopwords("English")
    if words is not None and all(chosen):  # non-empty texts: n is the number of their tokens
        # counted on the page's function-word flags, which the block features reuse when the page
        # is English; a token of punctuation only is no word
        total = min(n, len(words.lows)) - words.empty_before(n)
        if total and words.stop_mask(english).count(1, 0, n) >= total / 3:
            return "English"
        sample_words = list(filter(None, words.lows[:n]))
    else:
        sample_words = tokens(" ".join(chosen).lower())
        total = len(sample_words)
        if total and sum(map(english.__contains__, sample_words)) >= total / 3:
            return "English"
    # every language that lists a word, once per occurrence of the word: counted in C
    index = _stopword_index()
    counts = Counter(chain.from_iterable(map(index.get, sample_words, repeat(()))))
    if not counts:
        return "English"
    # ties go to the alphabetically first language, so that the guess is deterministic
    return min(counts, key=lambda lang: (-counts[lang], lang))


class Features(NamedTuple):
    """A block's features (a named tuple: built for every block of every page, so kept cheap)."""

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


_PAIRED = {"«": "»", "‹": "›", "<": ">", "»": "«", "›": "‹", ">": "<"}


def _arrow_edge(text: str) -> bool:
    """« or ‹ opening the text, » or › closing it, without its partner: a "« Previous" or "More »"
    link. With its partner it is a quotation in guillemets, as French or Italian prose writes them."""
    first, last = text[:1], text[-1:]
    return (first in "«‹<" and first != "" and _PAIRED[first] not in text) or (
        last in "»›>" and last != "" and _PAIRED[last] not in text
    )


def _link_like(text: str) -> bool:
    # plain substring tests first: a regex over every paragraph costs more than all the rest
    # an address inside a long paragraph is cited by it: the paragraph is no link
    if text.count(" ") < URL_IN_PROSE_WORDS and (
        "://" in text or "www." in text or "@" in text and _EMAIL.search(text)
    ):
        return True
    if text.count(" | ") + text.count(" » ") + text.count(" › ") >= 2:
        return True
    return _arrow_edge(text)


def _end_text(text: str) -> str:
    """The text without trailing footnote markers, whose last character says how it ends."""
    return _FOOTNOTES.sub("", text) if text[-1:] == "]" else text


def features(text: str, stop: frozenset[str], repeated: bool = False, shared: int = 0) -> Features:
    # Counted with C-level calls (split, map over a frozenset) rather than a loop over tokens:
    # the cleaner must stay several times faster than jusText.
    toks = tokens(text)
    n = len(toks)
    if not n:
        return Features(0, len(text), 0.0, False, False, 1.0, False, _link_like(text), False, repeated, shared)
    n_stop = sum(map(stop.__contains__, tokens(text.lower())))
    n_caps = sum(map(str.isupper, map(itemgetter(0), toks)))
    ending = _end_text(text)
    last = ending[-1:]
    end = last in _ENDS and (_SENTENCE_END.search(ending) is not None or (last == ")" and _aside_after_end(ending)))
    return Features(
        n,
        len(text),
        n_stop / n,
        end,
        last in _ENDS and _COLON_END.search(ending) is not None,
        n_caps / n,
        text[0] in _LIST_START and _LIST_MARK.match(text) is not None,
        _link_like(text),
        # only where no sentence ends, and not in a run of sentences: "YouTube" or "PayPal" in prose
        # are names, not glued links
        not end and _HAS_GLUED.search(text) is not None and not _sentences(text),
        repeated,
        shared,
    )


class PageWords:
    """A page's whitespace-separated tokens with punctuation stripped, as written and lower-cased.

    The page is split once, for the language guess and the block features. Per-token facts are
    kept as byte strings of 0/1 flags, so that a block's count is one C-level `bytes.count` over
    its slice of the page's tokens instead of a loop over them.
    """

    __slots__ = ("toks", "lows", "empty", "_masks")

    def __init__(self, texts: list[str]) -> None:
        page = "\n".join(texts)
        toks = list(map(str.strip, page.split(), repeat(_PUNCTUATION)))
        # Lower-casing never turns a character into whitespace or punctuation, so the stripped
        # tokens lower-cased in one call are the tokens of the lower-cased page; NUL separates them.
        self.toks = toks
        self.lows = "\0".join(toks).lower().split("\0") if "\0" not in page else list(map(str.lower, toks))
        # tokens of punctuation only ("-", "|") are no words; most pages have a few or none
        self.empty = bytes(map(not_, toks)) if "" in toks else None
        self._masks: list[tuple[frozenset[str], bytes]] = []

    def empty_before(self, n: int) -> int:
        """Tokens of punctuation only among the first n."""
        return self.empty.count(1, 0, n) if self.empty is not None else 0

    def stop_mask(self, stop: frozenset[str]) -> bytes:
        """1 for each token that is one of the function words `stop`, computed once per list."""
        for known, mask in self._masks:
            if known is stop:
                return mask
        mask = bytes(map(stop.__contains__, self.lows))
        self._masks.append((stop, mask))
        return mask


# The features of a block that a rule decided: the context reads only its rule, never these.
RULED = Features(0, 0, 0.0, False, False, 0.0, False, False, False, False, 0)


def page_words(texts: list[str]) -> PageWords:
    return PageWords(texts)


def page_features(
    texts: list[str], stop: frozenset[str], words: PageWords | None = None, decided: list | None = None
) -> list[Features]:
    """`features` of every block of a page, counted over the page's words at once.

    The page is split once; each block's counts of words, function words and capitalised words
    are counts of flags over its run of the page's tokens. Block texts are whitespace-collapsed,
    so block n holds exactly `text.count(" ") + 1` of the page's whitespace-separated tokens.
    `decided`: per block, something not None when a rule already decided the block; such a block
    gets `RULED` (its features are never read) instead of its own.
    """
    if not texts:
        return []
    if words is None:
        words = PageWords(texts)
    empty = words.empty
    stops = words.stop_mask(stop)
    caps = bytes(map(str.isupper, map(_FIRST, words.toks)))
    joined = "\n".join(texts)
    linked = _linked_blocks(texts, joined)
    out: list[Features] = []
    append = out.append
    pos = 0
    for i, text in enumerate(texts):
        nxt = pos + text.count(" ") + 1 if text else pos
        if decided is not None and decided[i] is not None:
            append(RULED)
        else:
            n = nxt - pos if empty is None else nxt - pos - empty.count(1, pos, nxt)
            # `_link_like`: what the block contains was looked for over the page, its edges here
            link = i in linked or (text[:1] in _ARROWS or text[-1:] in _ARROWS) and _arrow_edge(text)
            append(_block_features(text, n, stops.count(1, pos, nxt), caps.count(1, pos, nxt), link))
        pos = nxt
    if "..." in joined or "…" in joined:
        cut = [i for i, f in enumerate(out) if f.sentence_end and _cut_off(texts[i])]
        if len(cut) >= CUT_OFF_MIN_BLOCKS:
            for i in cut:
                out[i] = out[i]._replace(sentence_end=False)
    return out


def _sentences(text: str) -> bool:
    """Two sentence ends or more inside the block and one name in camel case at most ("StorageBot"):
    a run of prose, even when its last sentence lost its full stop or ends on a colon, not link
    texts run together ("Bright HouseGartner Magic Quadrant ... Learn MoreSee how")."""
    return len(_INNER_SENTENCE.findall(text, 0, _SENTENCES_WITHIN)) >= 2 and len(set(_GLUED.findall(text))) < 2


_INNER_SENTENCE = re.compile(r"[\w%)][.!?][\"”’)]*\s+[\"“‘(]?[A-Z0-9]")
_SENTENCES_WITHIN = 2000  # characters searched: a block of link texts has no long run of sentences


def _ending(text: str) -> tuple[bool, bool]:
    """Whether a (non-empty) block text ends a sentence, and whether it ends with a colon: what
    `_SENTENCE_END` and `_COLON_END` find, the last character before closing quotes and brackets
    (a block text holds no newline)."""
    if text[-1] not in _ENDS:
        return False, False
    ending = _FOOTNOTES.sub("", text) if text[-1] == "]" else text
    last = ending.rstrip(_CLOSERS)[-1:]
    if last not in _STOPS and ending[-1:] == ")" and _aside_after_end(ending):
        return True, False
    return last in _STOPS, last in _COLONS


def _block_features(text: str, n: int, n_stop: int, n_caps: int, link: bool) -> Features:
    """A block's `Features` from its counts: words, function words, capitalised words."""
    if not n:
        return _new_tuple(Features, (0, len(text), 0.0, False, False, 1.0, False, link, False, False, 0))
    end, colon = _ending(text)
    # built without the named tuple's Python-level constructor: this runs for every block
    return _new_tuple(
        Features,
        (
            n,
            len(text),
            n_stop / n,
            end,
            colon,
            n_caps / n,
            text[0] in _LIST_START and _LIST_MARK.match(text) is not None,
            link,
            # only where no sentence ends, and not in a run of sentences: "YouTube" or "PayPal" in prose
            # are names, not glued links
            not end and _HAS_GLUED.search(text) is not None and not _sentences(text),
            False,
            0,
        ),
    )


def _linked_blocks(texts: list[str], page: str) -> set[int]:
    """Blocks that `_link_like` finds link-like for what they contain: a URL, an e-mail address, or
    two separators (" | ", " » ", " › ").

    These are looked for over the whole page (`page`: the texts joined by newlines), which most
    often holds none of them, rather than in every block; none of them spans a newline, so the
    page's occurrences are the blocks' own (separators counted without overlap, as `str.count`).
    """
    urls = "://" in page or "www." in page or "@" in page
    separators = " | " in page or " » " in page or " › " in page
    if not (urls or separators):
        return set()
    starts = [0, *accumulate(len(t) + 1 for t in texts)]
    found: set[int] = set()
    for mark in ("://", "www.", "@"):
        at = page.find(mark)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if (mark != "@" or i not in found and _EMAIL.search(texts[i])) and texts[i].count(" ") < URL_IN_PROSE_WORDS:
                found.add(i)
            at = page.find(mark, starts[i + 1] if mark == "@" else at + 1)
    seps: Counter[int] = Counter()
    for mark in (" | ", " » ", " › "):
        at = page.find(mark)
        while at >= 0:
            seps[bisect_right(starts, at) - 1] += 1
            at = page.find(mark, at + len(mark))
    found.update(i for i, n in seps.items() if n >= 2)
    return found


_FIRST = itemgetter(slice(0, 1))
# last characters that may close a sentence or a colon-ended line, quotes and brackets included
_ENDS = frozenset(".!?…:;\"'”’“‘»«)]")
_CLOSERS = "\"'”’“‘»«)] "
_ARROWS = frozenset("«‹<»›>")
_STOPS = frozenset(".!?…")  # sets of characters: "" is in no set, unlike in a string
_COLONS = frozenset(":;")
_LIST_START = frozenset("•·▪►▸◦*–-0123456789")


class Score(NamedTuple):
    value: float
    label: str  # GOOD, NEAR_GOOD, SHORT or BAD
    feats: Features  # what it was computed from; the notes for the reader are derived on demand

    @property
    def notes(self) -> tuple[str, ...]:
        """The features that lowered the score."""
        f = self.feats
        notes: list[str] = []
        if f.stop_density < 0.2:
            notes.append(f"few function words ({f.stop_density:.2f})")
        if f.n_words < SHORT_WORDS:
            notes.append("short")
        if not (f.sentence_end or f.colon_end):
            notes.append("no sentence end")
        if f.title_ratio > 0.6 and f.n_words >= 3:
            notes.append("title-cased")
        if f.list_item:
            notes.append("list item")
        if f.link_like or f.glued:
            notes.append("link-like" if f.link_like else "link texts run together")
        if f.repeated:
            notes.append("repeated on the page")
        if f.shared:
            notes.append(f"on {f.shared} other page(s) of the same publisher")
        return tuple(notes)

    def reason(self) -> str:
        notes = self.notes  # a property, computed on each read
        return f"score={self.value:.2f} ({', '.join(notes) if notes else 'low'})"


_new_tuple = tuple.__new__


def score(f: Features) -> Score:
    """Weighted evidence of article prose; the weights (settings.py) favour sentences rich in function words."""
    # min() and max() spelt as comparisons: this runs for every block of every page
    stops = f.stop_density / STOP_DENSITY_FULL
    value = STOP_WEIGHT * (stops if stops < 1.0 else 1.0)
    length = f.n_words / LENGTH_FULL_WORDS
    value += LENGTH_WEIGHT * (length if length < 1.0 else 1.0)
    value += SENTENCE_END_WEIGHT if f.sentence_end else COLON_END_WEIGHT if f.colon_end else 0.0
    value += LOWER_CASE_WEIGHT * (1.0 - f.title_ratio)
    penalised = f.link_like or f.glued or f.repeated or f.shared or f.list_item
    if penalised:
        if f.list_item:
            value -= LIST_ITEM_PENALTY
        if f.link_like or f.glued:
            value -= LINK_PENALTY
        if f.repeated:
            value -= REPEATED_PENALTY
        if f.shared:
            value -= SHARED_PENALTY
    value = 0.0 if value < 0.0 else 1.0 if value > 1.0 else value
    if f.n_words < SHORT_WORDS and not penalised:
        # too few words for the function-word density to mean anything: the context decides
        label = SHORT
    elif value < BAD_BELOW:
        label = BAD
    elif value >= GOOD_FROM and (f.sentence_end or f.colon_end or f.n_words >= GOOD_WITHOUT_END_WORDS):
        label = GOOD
    else:
        label = NEAR_GOOD
    return _new_tuple(Score, (round(value, 2), label, f))  # Score(...) without its Python-level constructor
