"""Find passages carried by several sources: the same wire copy, lightly edited.

Paragraphs are compared through their 5-word shingles (runs of five consecutive words, after
folding case, apostrophes and punctuation). Two paragraphs of different sources share a passage
when either

- containment, the share of the smaller paragraph's shingles found in the other, is at least
  CONTAINMENT (0.5): a wire paragraph re-edited with a few words changed keeps most of its
  shingles, while two independent reports of the same event share almost none, because news
  prose on one subject repeats names and phrases but rarely five words in a row; or
- they share a verbatim run of at least VERBATIM_RUN (10) words: a copied sentence inside an
  otherwise rewritten paragraph ("oil sales, extortion, plunder, ransom, human trafficking and
  the sale of Syrian antiquities"), or the same quotation. Runs of 8 or 9 words still occur between
  independent reports ("the US-led coalition against the Islamic State group"); 10 is the
  shortest run taken as copying.

Paragraphs linked this way are grouped (a passage carried by three sources is one group). For each
group, SharedPassage.text is the stretch of the first paragraph that the others share, and
similarity the lowest containment among the linked pairs.

It does not tell which source copied which, and it does not compare within one source.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from build_tools.extract.text import find_root, fold
from build_tools.model import CleanSource, SharedPassage, SourceRef

SHINGLE = 5
CONTAINMENT = 0.5
VERBATIM_RUN = 10
# A shingle held by at most this many paragraphs has every pair of its holders compared. A more
# common one (a stock phrase, or wire copy carried very widely) compares each holder only with
# the first holder of each group found so far under it, at most REPRESENTATIVES of them: the work
# per shingle stays linear in its holders, and a passage carried by hundreds of sources is still
# one group, linked through its first copy.
ALL_PAIRS_UP_TO = 12
REPRESENTATIVES = 8

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Para:
    source_index: int
    para_index: int
    ref: SourceRef
    text: str
    shingles: dict[str, tuple[int, ...]]  # shingle (its words joined by spaces) -> word positions where it starts

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The character span of each word (computed again when asked: only the first paragraph
        of each group needs them, and kept for every paragraph they would hold most of the memory)."""
        return [m.span() for m in _WORD.finditer(fold(self.text))]


# The positions of a shingle found once in its paragraph (most are): one tuple for each position,
# shared by every paragraph.
_ONCE: list[tuple[int, ...]] = []


def _positions(found: list[int]) -> tuple[int, ...]:
    if len(found) > 1:
        return tuple(found)
    at = found[0]
    while len(_ONCE) <= at:
        _ONCE.append((len(_ONCE),))
    return _ONCE[at]


def _paragraph(source_index: int, source: CleanSource, para_index: int, shingles_seen: dict[str, str]) -> _Para:
    paragraph = source.paragraphs[para_index]
    words = _WORD.findall(fold(paragraph.text))
    # A shingle is its five words joined by spaces (a word holds none): equal shingles give equal
    # strings, and strings sort as the tuples of their words do (a space sorts before any word
    # character). Each shingle once in memory, however many paragraphs hold it.
    shingles: dict[str, list[int]] = {}
    for i in range(len(words) - SHINGLE + 1):
        shingles.setdefault(" ".join(words[i : i + SHINGLE]), []).append(i)
    return _Para(
        source_index,
        para_index,
        SourceRef(source.id, paragraph.id),
        paragraph.text,
        {shingles_seen.setdefault(k, k): _positions(v) for k, v in shingles.items()},
    )


def containment(a: set, b: set) -> float:
    """Share of the smaller set found in the other one (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _longest_run(positions: list[int]) -> int:
    """Words covered by the longest chain of consecutive shared shingle positions."""
    best = run = 0
    previous = None
    for p in sorted(set(positions)):
        run = run + 1 if previous is not None and p == previous + 1 else 1
        best = max(best, run)
        previous = p
    return best + SHINGLE - 1 if best else 0


def _link(a: _Para, b: _Para) -> float | None:
    """The containment of the pair when it counts as a shared passage, else None."""
    shared = set(a.shingles) & set(b.shingles)
    if not shared:
        return None
    score = containment(set(a.shingles), set(b.shingles))
    run = _longest_run([p for s in shared for p in a.shingles[s]])
    if score >= CONTAINMENT or run >= VERBATIM_RUN:
        return score
    return None


def _shared_text(first: _Para, others: list[_Para]) -> str:
    """The stretch of `first` covered by shingles it shares with `others`."""
    positions: list[int] = []
    for other in others:
        for shingle in set(first.shingles) & set(other.shingles):
            positions.extend(first.shingles[shingle])
    if not positions:
        return first.text
    spans = first.spans
    start = spans[min(positions)][0]
    end = spans[max(positions) + SHINGLE - 1][1]
    return first.text[start:end]


def _compare_to_representatives(
    holders: list[int], source_of: list[int], parent: list[int], compare: Callable[[int, int], bool]
) -> None:
    representatives: list[int] = []
    for k in holders:
        root = find_root(parent, k)
        if any(find_root(parent, r) == root for r in representatives):
            continue
        joined = False
        for r in representatives:
            if source_of[r] != source_of[k] and compare(r, k):
                joined = True
                break
        if not joined and len(representatives) < REPRESENTATIVES:
            representatives.append(k)


@dataclass(frozen=True)
class Memo:
    """What a run of find_shared keeps for the next run over the same sources and more: the
    sources it read (id and digest of their paragraphs, in id order), its shingle index (shingle
    -> the paragraphs holding it, numbered in reading order over the sources in id order: the
    only one as such, else a list), the pairs to compare and the widely held shingles that index
    gives, the outcome of every pair it compared (first * 2**32 + second -> containment, or -1.0
    for no link) and the shared text of every group. All of them are pure
    functions of those paragraphs, so that a run handed a Memo of a prefix of its sources reads
    and indexes only the paragraphs of the sources after it, and gives the result of a run from
    nothing (tests/test_syndication.py). The index of a Memo handed in is extended in place."""

    sources: tuple[tuple[str, str], ...]
    index: dict[str, int | list[int]]
    links: dict[int, float]
    texts: dict[tuple[int, ...], str]
    pairs: tuple[int, ...] = ()  # the pairs the shingles held by few paragraphs make (first * 2**32 + second), sorted
    wide: tuple[str, ...] = ()  # the shingles held by more than ALL_PAIRS_UP_TO paragraphs


def digest(source: CleanSource) -> str:
    """What a Memo knows a source by: its id and paragraph texts."""
    texts = (source.id, *(p.text for p in source.paragraphs))
    return hashlib.sha256(repr(texts).encode("utf-8", "surrogatepass")).hexdigest()


def find_shared(sources: Sequence[CleanSource]) -> tuple[SharedPassage, ...]:
    """Groups of paragraphs from different sources that carry the same passage."""
    return find_shared_keeping(sources, keep=False)[0]


def find_shared_keeping(
    sources: Sequence[CleanSource], memo: Memo | None = None, *, keep: bool = True
) -> tuple[tuple[SharedPassage, ...], Memo]:
    """find_shared, and the Memo of this run. With the `memo` of an earlier run whose sources are
    the first of these (by id) unchanged, only the paragraphs of the sources after them are read
    and indexed, and only the pairs and groups it did not see are worked out; any other memo is
    ignored. Same result either way."""
    ordered = sorted(sources, key=lambda s: s.id)
    known = tuple((s.id, digest(s)) for s in ordered)
    if memo is None or known[: len(memo.sources)] != memo.sources:
        memo = Memo((), {}, {}, {})
    old_links, old_texts = memo.links, memo.texts
    owner: list[tuple[int, int]] = []  # paragraph -> (source, paragraph in the source)
    source_of: list[int] = []
    for si, source in enumerate(ordered):
        for pi in range(len(source.paragraphs)):
            owner.append((si, pi))
            source_of.append(si)
    first_new = sum(len(s.paragraphs) for s in ordered[: len(memo.sources)])
    shingles_seen: dict[str, str] = {}
    read: dict[int, _Para] = {}

    def para(k: int) -> _Para:
        found = read.get(k)
        if found is None:
            si, pi = owner[k]
            found = read[k] = _paragraph(si, ordered[si], pi, shingles_seen)
        return found

    # Only paragraphs with a shingle in common are compared at all. The holders of a shingle, by
    # paragraph: the only one as such (most shingles are held by one paragraph), else a list.
    index = memo.index
    touched: dict[str, None] = {}  # the shingles of the new paragraphs, when the index had others
    for k in range(first_new, len(owner)):
        for shingle in para(k).shingles:
            if first_new:
                touched[shingle] = None
            held = index.get(shingle)
            if held is None:
                index[shingle] = k
            elif isinstance(held, int):
                index[shingle] = [held, k]
            else:
                held.append(k)
    parent = list(range(len(owner)))
    scores: dict[int, list[float]] = defaultdict(list)
    linked: list[tuple[int, int, float]] = []
    compared: set[tuple[int, int]] = set()
    links: dict[int, float] = {}

    def compare(i: int, j: int) -> bool:
        if i > j:
            i, j = j, i
        if (i, j) in compared:
            return False
        compared.add((i, j))
        key = i << 32 | j
        outcome = old_links.get(key)
        if outcome is None:
            score = _link(para(i), para(j))
            outcome = -1.0 if score is None else score
        links[key] = outcome
        if outcome < 0:
            return False
        linked.append((i, j, outcome))
        ri, rj = find_root(parent, i), find_root(parent, j)
        parent[max(ri, rj)] = min(ri, rj)
        return True

    # A shingle held by one paragraph links nothing. Those held by up to ALL_PAIRS_UP_TO compare
    # every pair of their holders, and come first (shingles are taken by number of holders): each
    # such pair is compared once, in any order, since the groups they make do not depend on it
    # (a group's root is its smallest paragraph). The widely held ones then compare holders to
    # the representatives of the groups found so far, one shingle after another.
    if memo.sources:
        pairs, wide = _pairs_after(memo, index, touched, first_new, source_of, para)
    else:
        pairs, wide = _pairs(index, source_of)
    del touched
    widely: list[tuple[str, list[int]]] = []
    for shingle in wide:
        held = index[shingle]
        assert isinstance(held, list)
        widely.append((shingle, held))
    widely.sort(key=lambda item: (len(item[1]), item[0]))
    if not keep:  # the index is let go once its pairs are known (the Memo returned is empty)
        index.clear()
        memo = Memo((), {}, {}, {})
    ordered_pairs = sorted(pairs)
    del pairs
    for pair in ordered_pairs:
        compare(pair >> 32, pair & _LOW)
    for _, holders in widely:
        _compare_to_representatives(holders, source_of, parent, compare)
    del widely
    compared.clear()
    for i, _, score in linked:
        scores[find_root(parent, i)].append(score)
    groups: dict[int, set[int]] = defaultdict(set)
    for i, j, _ in linked:
        groups[find_root(parent, i)].update((i, j))
    passages: list[tuple[tuple[int, int], SharedPassage]] = []
    texts: dict[tuple[int, ...], str] = {}
    for root, group in groups.items():
        members = tuple(sorted(group))  # reading order over the sources in id order
        text = old_texts.get(members)
        if text is None:
            text = _shared_text(para(members[0]), [para(k) for k in members[1:]])
        texts[members] = text
        si, pi = owner[members[0]]
        passages.append(
            (
                (si, pi),
                SharedPassage(
                    refs=tuple(
                        SourceRef(ordered[owner[k][0]].id, ordered[owner[k][0]].paragraphs[owner[k][1]].id)
                        for k in members
                    ),
                    text=text,
                    similarity=round(min(scores[root]), 3),
                ),
            )
        )
    passages.sort(key=lambda item: item[0])
    if not keep:
        return tuple(p for _, p in passages), memo
    return tuple(p for _, p in passages), Memo(known, index, links, texts, tuple(ordered_pairs), tuple(sorted(wide)))


_LOW = (1 << 32) - 1


def _holders(index: dict[str, int | list[int]], shingle: str) -> int:
    held = index.get(shingle)
    return 0 if held is None else 1 if isinstance(held, int) else len(held)


def _pairs(index: dict[str, int | list[int]], source_of: list[int]) -> tuple[set[int], set[str]]:
    """The pairs of paragraphs of different sources holding a shingle that at most
    ALL_PAIRS_UP_TO paragraphs hold, and the shingles held by more."""
    pairs: set[int] = set()
    wide: set[str] = set()
    for shingle, holders in index.items():
        if isinstance(holders, int):
            continue
        if len(holders) > ALL_PAIRS_UP_TO:
            wide.add(shingle)
            continue
        for x in range(len(holders)):
            hx = holders[x]
            sx = source_of[hx]
            for y in range(x + 1, len(holders)):
                if source_of[holders[y]] != sx:
                    pairs.add(hx << 32 | holders[y])
    return pairs, wide


def _pairs_after(
    memo: Memo,
    index: dict[str, int | list[int]],
    touched: dict[str, None],
    first_new: int,
    source_of: list[int],
    para: Callable[[int], _Para],
) -> tuple[set[int], set[str]]:
    """_pairs(index, source_of) from the memo's, once the paragraphs from `first_new` on are in
    the index (`touched`: their shingles): only those shingles' holders changed. A pair with a
    new paragraph is added where the shingle is still held by few; a shingle that the new
    paragraphs make widely held becomes wide, and each pair of its earlier holders stays only if
    another shingle they share is held by few."""
    pairs = set(memo.pairs)
    wide = set(memo.wide)
    for shingle in touched:
        holders = index[shingle]
        if isinstance(holders, int):
            continue
        if len(holders) <= ALL_PAIRS_UP_TO:
            for y in range(len(holders)):
                hy = holders[y]
                if hy < first_new:
                    continue
                sy = source_of[hy]
                for x in range(y):
                    if source_of[holders[x]] != sy:
                        pairs.add(holders[x] << 32 | hy)
            continue
        old = sum(1 for h in holders if h < first_new)
        if old > ALL_PAIRS_UP_TO:
            continue  # wide already
        wide.add(shingle)
        for x in range(old):
            for y in range(x + 1, old):
                pair = holders[x] << 32 | holders[y]
                if pair in pairs and not _held_by_few(para(holders[x]), para(holders[y]), index):
                    pairs.discard(pair)
    return pairs, wide


def _held_by_few(a: _Para, b: _Para, index: dict[str, int | list[int]]) -> bool:
    """Whether `a` and `b` share a shingle that at most ALL_PAIRS_UP_TO paragraphs hold."""
    return any(_holders(index, s) <= ALL_PAIRS_UP_TO for s in a.shingles.keys() & b.shingles.keys())
