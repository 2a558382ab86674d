"""Tie paragraphs to the curated topics by keywords and patterns.

A paragraph belongs to a topic when it contains one of the topic's keywords or matches one of its
regular expressions. Keywords match whole words, ignoring case, with simple English inflections
of their last word ("strike" finds "strikes", "struck" does not; "finance" finds "financing";
"refinery" finds "refineries"); a space in a keyword also matches a hyphen ("air strike" finds
"air-strike"). Keywords containing a capital letter are names and are not inflected.

One TopicHit per (topic, paragraph), recording the earliest match in the paragraph. This module
does not rank topics or decide what is relevant beyond the curated words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from build_tools.model import CleanSource, SourceRef, TopicDef, TopicHit

_VOWELS = "aeiou"


def _inflect(word: str) -> str:
    """A regex for `word` and its simple inflections (plural, -ed, -ing, -er)."""
    escaped = re.escape(word)
    if len(word) < 3 or not word.isalpha() or not word.islower():
        return escaped
    if word.endswith("e"):
        # finance -> finances, financed, financing, financer(s); strike -> striking
        return re.escape(word[:-1]) + r"(?:e|es|ed|ing|ers?)"
    if word.endswith("y") and word[-2] not in _VOWELS:
        # refinery -> refineries; occupy -> occupied, occupying
        return re.escape(word[:-1]) + r"(?:y|ies|ied|ying)"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        # Often a plural already ("antiquities", "funds"): only -es for true stems like "tax".
        return escaped + r"(?:es)?"
    if len(word) <= 5 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        # plot -> plotted, plotting; ban -> banned: a short word's final consonant may double.
        return escaped + r"(?:s|" + re.escape(word[-1]) + r"?(?:ed|ing|ers?))?"
    return escaped + r"(?:s|es|ed|ing|ers?)?"


def keyword_pattern(keyword: str) -> str:
    """The regex source for one keyword: whole words, inflected last word, space or hyphen."""
    words = keyword.split()
    if not words:
        return ""
    parts = [re.escape(w) for w in words[:-1]] + [_inflect(words[-1])]
    # (?<!\w)/(?!\w) rather than \b so that keywords may start or end with punctuation.
    return r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)"


@lru_cache(maxsize=64)
def _compiled(topic: TopicDef) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(label, compiled regex) for each keyword and pattern of a topic, in curated order."""
    compiled: list[tuple[str, re.Pattern[str]]] = []
    for keyword in topic.keywords:
        source = keyword_pattern(keyword.strip())
        if source:
            compiled.append((keyword, re.compile(source, re.IGNORECASE)))
    for pattern in topic.patterns:
        try:
            compiled.append((pattern, re.compile(pattern, re.IGNORECASE)))
        except re.error:
            # The loader rejects bad patterns with file and line; a library caller gets no match.
            continue
    return tuple(compiled)


_PREFIX = 3
_ASCII_WORD = re.compile(r"[a-z0-9]+")
# Letters that `re.IGNORECASE` matches to an ASCII letter but that lower() keeps apart.
_IGNORECASE_TWINS = str.maketrans({"\u0131": "i", "\u017f": "s"})


@lru_cache(maxsize=64)
def _required_prefixes(topic: TopicDef) -> tuple[str | None, ...]:
    """For each compiled entry of `topic`, the lower-cased first letters that a word of the text
    must start with for the entry to match, or None where no such letters are known (patterns,
    short or non-ASCII first words)."""
    out: list[str | None] = []
    for keyword in topic.keywords:
        if not keyword_pattern(keyword.strip()):
            continue
        first = keyword.split()[0].lower()
        out.append(first[:_PREFIX] if len(first) >= _PREFIX and _ASCII_WORD.fullmatch(first) else None)
    out.extend(None for _ in range(len(_compiled(topic)) - len(out)))
    return tuple(out)


def word_prefixes(text: str) -> frozenset[str]:
    """The lower-cased first letters of every word of `text`: what keyword matches need."""
    folded = text.lower().replace("i\u0307", "i").translate(_IGNORECASE_TWINS)
    return frozenset(w[:_PREFIX] for w in re.findall(r"\w+", folded))


def first_match(text: str, topic: TopicDef, prefixes: frozenset[str] | None = None) -> tuple[str, str] | None:
    """(keyword or pattern, matched text) of the earliest match of `topic` in `text`, or None.

    At the same position the longer match wins, then the keyword curated first. `prefixes`
    (from `word_prefixes(text)`) lets a keyword whose first word cannot be in the text be skipped
    without running its regex.
    """
    best: tuple[int, int, int, str, str] | None = None
    required = _required_prefixes(topic) if prefixes is not None else ()
    for order, (label, regex) in enumerate(_compiled(topic)):
        if prefixes is not None and (need := required[order]) is not None and need not in prefixes:
            continue
        match = regex.search(text)
        if match is None or match.end() == match.start():
            continue
        key = (match.start(), -(match.end() - match.start()), order, label, match.group(0))
        if best is None or key[:3] < best[:3]:
            best = key
    return None if best is None else (best[3], best[4])


def match_spans(text: str, topic: TopicDef) -> list[tuple[int, int]]:
    """Every non-overlapping (start, end) match of any keyword or pattern of `topic` in `text`,
    longest first at the same position: what a page highlights."""
    found = sorted(
        (
            (m.start(), -(m.end() - m.start()))
            for _, regex in _compiled(topic)
            for m in regex.finditer(text)
            if m.end() > m.start()
        ),
    )
    spans: list[tuple[int, int]] = []
    for start, neg_len in found:
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, start - neg_len))
    return spans


def find_topic_hits(sources: Sequence[CleanSource], topics: Sequence[TopicDef]) -> tuple[TopicHit, ...]:
    """One hit per (topic, paragraph) that matches, sorted by topic id, source id, paragraph order."""
    hits: list[tuple[str, str, int, TopicHit]] = []
    prefixes = {(s.id, i): word_prefixes(p.text) for s in sources for i, p in enumerate(s.paragraphs)}
    for topic in topics:
        for source in sources:
            for index, paragraph in enumerate(source.paragraphs):
                match = first_match(paragraph.text, topic, prefixes[(source.id, index)])
                if match is None:
                    continue
                keyword, matched = match
                spans = tuple(match_spans(paragraph.text, topic))
                hit = TopicHit(topic.id, SourceRef(source.id, paragraph.id), keyword, matched, spans)
                hits.append((topic.id, source.id, index, hit))
    hits.sort(key=lambda item: item[:3])
    # Two topics with the same id (the loader forbids it) would give duplicate rows: keep the first.
    unique: dict[tuple[str, str, str], TopicHit] = {}
    for *_, hit in hits:
        unique.setdefault((hit.topic, hit.source, hit.paragraph), hit)
    return tuple(unique.values())
