"""Find where the curated actors are named in the cleaned paragraphs.

One Aho-Corasick automaton holds every alias of every actor (case-folded), so a paragraph is
scanned once whatever the number of actors. Each hit is then checked against the rules:

- whole words only: the characters either side must not be letters or digits, so "US-led",
  "Anti-IS", "Kerry's" and "ISIS'" count while "USA" does not contain "US";
- case: an alias of up to four letters written in capitals ("IS", "US", "UN", "EU", "U.S.")
  matches only as written, as does every alias of an actor marked `case_sensitive`; other
  aliases ignore case; in a run of capitals ("WHY IS THE US FAILING") short aliases are skipped;
- the longest alias wins where hits overlap: "US Secretary of State John Kerry" is one mention
  of Kerry, not also one of the US, and "Islamic State group" beats "Islamic State".

It does not resolve pronouns or descriptions ("the top US diplomat"), and it does not read the
dossier folder: the actors come from the loader, the paragraphs from the cleaner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from build_tools.extract.text import fold, is_word_char, normalise, sentence_at, sentence_spans
from build_tools.model import ActorDef, CleanSource, Mention, SourceRef

# At most four letters, all capitals, optionally dotted: "IS", "US", "NATO", "U.S.", "U.N.".
_SHORT_CAPITALS = re.compile(r"(?:[A-Z]\.?){1,4}")


@dataclass(frozen=True)
class _Alias:
    text: str  # as curated, apostrophes and hyphens normalised
    actor: str
    exact: bool  # must match with the same case
    short: bool  # a short all-capitals alias such as "IS" or "US"
    rank: int  # curated order of the actor: the earlier actor wins a shared alias


@dataclass(frozen=True)
class AliasMatcher:
    """All aliases of an actor set, compiled once."""

    automaton: object  # ahocorasick.Automaton, or None when there is no alias at all

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of every mention in `text`, sorted by start."""
        if self.automaton is None or not text:
            return []
        folded = fold(text)
        written = normalise(text)
        candidates: list[tuple[int, int, int, int, str]] = []
        for last, aliases in self.automaton.iter(folded):  # type: ignore[attr-defined]
            end = last + 1
            for alias in aliases:
                start = end - len(alias.text)
                if start > 0 and is_word_char(folded[start - 1]) and is_word_char(alias.text[0]):
                    continue
                if end < len(folded) and is_word_char(folded[end]) and is_word_char(alias.text[-1]):
                    continue
                if alias.exact and written[start:end] != alias.text:
                    continue
                if alias.short and _inside_capitals(written, start, end):
                    continue
                # Longest first; on a tie an exact-case alias beats a folded one, then curated order.
                candidates.append((-(end - start), 0 if alias.exact else 1, alias.rank, start, alias.actor))
        candidates.sort(key=lambda c: (c[0], c[3], c[1], c[2]))
        taken = bytearray(len(text))
        chosen: list[tuple[int, int, str]] = []
        for negative_length, _, _, start, actor in candidates:
            end = start - negative_length
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, actor))
        chosen.sort()
        return chosen


_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*?(\w+)")


def _inside_capitals(text: str, start: int, end: int) -> bool:
    """True when the words either side are in capitals too: "WHY IS THE US FAILING".

    In a line set in capitals, "IS" and "US" are the verb and the pronoun as often as not, so
    short aliases are only trusted where the text around them is in ordinary case.
    """
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    after = _WORD_AFTER.search(text[end : end + 40])
    if before is None or after is None:
        return False
    return all(len(w) > 1 and w.isupper() for w in (before.group(1), after.group(1)))


def is_short_capitals(alias: str) -> bool:
    """True for aliases such as "IS", "US", "EU", "NATO", "U.S." that must match in capitals."""
    return _SHORT_CAPITALS.fullmatch(alias.strip()) is not None


def actor_aliases(actor: ActorDef) -> tuple[str, ...]:
    """The actor's name and aliases, without duplicates, in curated order."""
    seen: dict[str, None] = {}
    for alias in (actor.name, *actor.aliases):
        alias = alias.strip()
        if alias:
            seen.setdefault(alias, None)
    return tuple(seen)


def build_matcher(actors: Sequence[ActorDef]) -> AliasMatcher:
    """Compile every alias of `actors` into one automaton.

    An alias curated for two actors (the loader rejects this, but a library caller may not have
    used the loader) goes to the first of them, so the output stays deterministic.
    """
    by_key: dict[str, list[_Alias]] = {}
    claimed: set[tuple[str, bool]] = set()
    for rank, actor in enumerate(actors):
        for alias in actor_aliases(actor):
            text = normalise(alias)
            exact = actor.case_sensitive or is_short_capitals(alias)
            identity = (text if exact else fold(text), exact)
            if identity in claimed:
                continue
            claimed.add(identity)
            alias_def = _Alias(text, actor.id, exact, is_short_capitals(alias), rank)
            by_key.setdefault(fold(text), []).append(alias_def)
    if not by_key:
        return AliasMatcher(None)
    automaton = ahocorasick.Automaton()
    for key in sorted(by_key):
        automaton.add_word(key, tuple(by_key[key]))
    automaton.make_automaton()
    return AliasMatcher(automaton)


@lru_cache(maxsize=8)
def _cached_matcher(actors: tuple[ActorDef, ...]) -> AliasMatcher:
    return build_matcher(actors)


def find_mentions(sources: Sequence[CleanSource], actors: Sequence[ActorDef]) -> tuple[Mention, ...]:
    """Every mention of every actor in every paragraph, sorted by source id, paragraph, offset."""
    matcher = _cached_matcher(tuple(actors))
    found: list[tuple[str, int, int, str, Mention]] = []
    for source in sources:
        for index, paragraph in enumerate(source.paragraphs):
            hits = matcher.find(paragraph.text)
            if not hits:
                continue
            spans = sentence_spans(paragraph.text)
            for start, end, actor in hits:
                mention = Mention(
                    actor=actor,
                    ref=SourceRef(source.id, paragraph.id),
                    alias=paragraph.text[start:end],
                    start=start,
                    end=end,
                    sentence=sentence_at(paragraph.text, start, spans),
                )
                found.append((source.id, index, start, actor, mention))
    found.sort(key=lambda item: item[:4])
    return tuple(item[4] for item in found)
