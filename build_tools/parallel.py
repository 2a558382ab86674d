"""parallel: the per-source work of clean and extract spread over the machine's cores.

Only the call boundary of the stages is parallel: one task cleans a run of sources (each with
its publisher's shared block counts computed beforehand, exactly as `clean_all` counts them), or
runs the per-source extractors over a run of cleaned sources; the parts are put back together in
the order the serial code gives, so that the bytes are the same (tests/test_parallel.py).

Work is handed out in a few contiguous chunks per worker, so that little is pickled. Below
`PARALLEL_FROM` sources, or with one core, everything runs in this process. `DOSSIER_JOBS`
in the environment overrides the choice: 1 is always serial, N uses N processes whatever the size.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from .cache import Cache
from .cache import key as cache_key
from .clean import _block_keys, _clean, _publisher_key, _ruleset
from .model import (
    ActorDef,
    CleanRules,
    CleanSource,
    Event,
    Figure,
    Mention,
    Quote,
    RawSource,
    SharedPassage,
    SourceRef,
    TopicDef,
    TopicHit,
)

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 200  # sources: below this a pool costs more than it saves
CHUNKS_PER_JOB = 4

# What the tasks read. Set before a pool is made, so that forked workers inherit it instead of
# receiving it pickled; tasks receive only index ranges.
_WORK: dict[str, Any] = {}


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_for(count: int, jobs: int | None = None) -> int:
    """How many processes to use for `count` sources: `jobs` if given, else DOSSIER_JOBS, else
    every core once there are PARALLEL_FROM sources or more."""
    if jobs is None:
        env = os.environ.get("DOSSIER_JOBS", "").strip()
        if env.isdigit() and int(env) > 0:
            jobs = int(env)
    if jobs is None:
        jobs = cores() if count >= PARALLEL_FROM else 1
    return max(1, min(jobs, count))


def _chunks(count: int, jobs: int) -> list[range]:
    parts = max(1, min(count, jobs * CHUNKS_PER_JOB))
    size, extra = divmod(count, parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(range(start, end))
        start = end
    return out


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the inputs for free, but is only safe while this process runs one thread
    # (serve regenerates from a watcher thread): otherwise a fresh interpreter per worker.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def map_ranges(task: Callable[[range], R], count: int, jobs: int, work: dict[str, Any]) -> list[R]:
    """`task(chunk)` for contiguous chunks of range(count), in order; in a pool when jobs > 1."""
    _WORK.clear()
    _WORK.update(work)
    try:
        chunks = _chunks(count, jobs)
        if jobs <= 1 or len(chunks) <= 1:
            return [task(chunk) for chunk in chunks]
        ctx = _context()
        if ctx.get_start_method() == "fork":
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        else:
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(work,))
        with pool:
            return list(pool.map(task, chunks))
    finally:
        _WORK.clear()


def _init(work: dict[str, Any]) -> None:
    _WORK.update(work)


# --- clean -------------------------------------------------------------------------------------


def _keys_task(chunk: range) -> list[set[str] | None]:
    raws: Sequence[RawSource] = _WORK["raws"]
    return [_block_keys(raws[i]) if _publisher_key(raws[i]) else None for i in chunk]


def _clean_task(chunk: range) -> list[CleanSource]:
    raws: Sequence[RawSource] = _WORK["raws"]
    shared: Sequence[Counter[str]] = _WORK["shared"]
    ruleset = _ruleset(_WORK["rules"])
    return [_clean(raws[i], ruleset, shared[i]) for i in chunk]


def _block_keys_of(raws: Sequence[RawSource], jobs: int, cache: Cache | None) -> list[set[str] | None]:
    if cache is None:
        return [k for part in map_ranges(_keys_task, len(raws), jobs, {"raws": raws}) for k in part]
    keys: list[set[str] | None] = [None] * len(raws)
    digests = [cache_key("keys", r.format, r.text) if _publisher_key(r) else "" for r in raws]
    missing = []
    for i, digest in enumerate(digests):
        if digest:
            found = cache.get(digest, "keys")
            if isinstance(found, list) and all(isinstance(k, str) for k in found):
                keys[i] = set(found)
            else:
                missing.append(i)
    todo = [raws[i] for i in missing]
    computed = [
        k for part in map_ranges(_keys_task, len(todo), jobs_for(len(todo), jobs), {"raws": todo}) for k in part
    ]
    for i, value in zip(missing, computed, strict=True):
        keys[i] = value
        cache.put(digests[i], "keys", sorted(value or ()))
    return keys


def shared_counts(raws: Sequence[RawSource], jobs: int, cache: Cache | None = None) -> list[Counter[str]]:
    """For each source, on how many *other* pages of its publisher each of its block texts
    appears (what `clean_all` computes), the block texts read in parallel (or from `cache`)."""
    keys = _block_keys_of(raws, jobs, cache)
    publishers = [_publisher_key(r) for r in raws]
    totals: dict[str, Counter[str]] = {}
    for pub, own in zip(publishers, keys, strict=True):
        if pub and own is not None:
            totals.setdefault(pub, Counter()).update(own)
    out: list[Counter[str]] = []
    for pub, own in zip(publishers, keys, strict=True):
        if pub and own is not None:
            total = totals[pub]
            out.append(Counter({k: total[k] - 1 for k in own if total[k] > 1}))
        else:
            out.append(Counter())
    return out


def clean_many(
    raws: Sequence[RawSource], rules: CleanRules, jobs: int, shared: Sequence[Counter[str]] | None = None
) -> list[CleanSource]:
    """`clean_all(raws, rules)`, its sources cleaned in `jobs` processes; same result, same order."""
    if shared is None:
        shared = shared_counts(raws, jobs)
    parts = map_ranges(_clean_task, len(raws), jobs, {"raws": raws, "shared": shared, "rules": rules})
    return [s for part in parts for s in part]


def clean_cached(raws: Sequence[RawSource], rules: CleanRules, jobs: int, cache: Cache) -> list[CleanSource]:
    """`clean_all(raws, rules)`, each source's record taken from `cache` when its key (source,
    facts, rules, its publisher's shared counts, code version) is there, the others cleaned (in
    parallel when many) and stored."""
    shared = shared_counts(raws, jobs, cache)
    digests = [cache_key("clean", raw, rules, sorted(counts.items())) for raw, counts in zip(raws, shared, strict=True)]
    out: list[CleanSource | None] = []
    missing = []
    for i, digest in enumerate(digests):
        found = cache.get(digest, "clean")
        if isinstance(found, CleanSource) and found.id == raws[i].id:
            out.append(found)
        else:
            out.append(None)
            missing.append(i)
    todo = [raws[i] for i in missing]
    n = jobs_for(len(todo), jobs)
    if n <= 1:
        ruleset = _ruleset(rules)
        computed = [_clean(raw, ruleset, shared[i]) for i, raw in zip(missing, todo, strict=True)]
    else:
        computed = clean_many(todo, rules, n, [shared[i] for i in missing])
    for i, value in zip(missing, computed, strict=True):
        out[i] = value
        cache.put(digests[i], "clean", value)
    return [s for s in out if s is not None]


# --- extract: the extractors whose output is per source --------------------------------------


Parts = tuple[
    tuple[Mention, ...],
    tuple[TopicHit, ...],
    tuple[Figure, ...],
    tuple[tuple[Event, ...], tuple[str, ...]],
    tuple[tuple[Any, ...], ...],
]


def _grouped(items: Sequence[Any], ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """`items` (each with .ref.source) split by source, in the order of `ids`, each source's
    items in the order they came."""
    by: dict[str, list[Any]] = {i: [] for i in ids}
    for item in items:
        by[item.ref.source].append(item)
    return [tuple(by[i]) for i in ids]


def _extract_task(chunk: range) -> list[Parts]:
    """Each source's own findings: mentions and topic hits found over the whole run at once (one
    matcher lookup) and split by source; figures, dated events (with their warnings) and the
    quotations read from it (before repeats across sources are merged) per source."""
    from .extract.dates import events_and_warnings
    from .extract.figures import find_figures
    from .extract.mentions import build_matcher, find_mentions
    from .extract.topics import find_topic_hits

    ordered: Sequence[CleanSource] = _WORK["sources"]
    actors: tuple[ActorDef, ...] = _WORK["actors"]
    attributions: Mapping[str, Sequence[tuple[str, str]]] = _WORK["attributions"]
    part = [ordered[i] for i in chunk]
    ids = [s.id for s in part]
    mentions = _grouped(find_mentions(part, actors), ids)
    hits = _grouped(find_topic_hits(part, _WORK["topics"]), ids)
    by_id = {a.id: a for a in actors}
    matcher = build_matcher(actors)
    return [
        (
            mentions[n],
            hits[n],
            find_figures([s]),
            events_and_warnings([s]),
            _source_quotes(s, by_id, matcher, mentions[n], attributions.get(s.id, ())),
        )
        for n, s in enumerate(part)
    ]


# --- quotations: read per source, merged across the dossier ----------------------------------
#
# find_quotes reads each source on its own (_SourceReader, then the curated attributions of
# sources.yml) and only then merges repeats across the dossier. The reading is the costly part:
# here it runs with the other per-source extractors (across the cores, and cached), each
# occurrence kept as the tuple of its fields without its position in the dossier, which the
# merge is handed back (tests/test_parallel.py checks that the result equals find_quotes).


def _occurrence_fields() -> tuple[str, ...]:
    from .extract.quotes import _Occurrence

    return tuple(f.name for f in dataclasses.fields(_Occurrence) if f.name != "source_index")


def _source_quotes(
    source: CleanSource,
    by_id: dict[str, ActorDef],
    matcher: object,
    mentions: Sequence[Mention],
    curated: Sequence[tuple[str, str]],
) -> tuple[tuple[Any, ...], ...]:
    from .extract.quotes import _apply_curated, _SourceReader

    known = [m for m in mentions if m.actor in by_id]
    found = _SourceReader(0, source, by_id, matcher, known).read()
    _apply_curated(found, curated, by_id)
    names = _occurrence_fields()
    return tuple(tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(o, n) for n in names)) for o in found)


def merge_quotes(occurrences: Sequence[tuple[tuple[Any, ...], ...]]) -> tuple[Quote, ...]:
    """find_quotes' result from each source's occurrences (`occurrences[i]`: those of the i-th
    source in id order): repeats merged, in source and reading order."""
    from .extract.quotes import _merge, _Occurrence

    names = _occurrence_fields()
    every = []
    for index, found in enumerate(occurrences):
        for values in found:
            fields = dict(zip(names, values, strict=True))
            fields["others"] = list(fields.get("others", ()))
            every.append(_Occurrence(source_index=index, **fields))
    return _merge(every)


PER_SOURCE = ("mentions", "topics", "figures", "events", "quotes")


def per_source_parts(
    ordered: Sequence[CleanSource],
    actors: Sequence[ActorDef],
    topics: Sequence[TopicDef],
    jobs: int,
    cache: Cache | None = None,
    attributions: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> dict[str, Any]:
    """The extractors whose findings belong each to one source (mentions, topic hits, figures,
    dated events, the quotations read from each source with its curated `attributions`), run on runs of `ordered` (sorted by id) in `jobs` processes, or taken from
    `cache` for a source whose cleaned record and definitions are unchanged, and merged in the
    order each extractor gives over all the sources at once:

    - mentions and figures are sorted by source id first: the sources' parts are concatenated;
    - topic hits are sorted by topic, then source, then paragraph: a stable sort on (topic,
      source) of the concatenation keeps each source's paragraph order;
    - events are sorted by (undated, date, source, paragraph, position): a stable sort on
      (undated, date, source) likewise; their warnings come in source order: concatenated;
    - quotations are merged across the sources by `merge_quotes`, timed apart as "quotes"
      (`quotes` here is the per-source occurrences, for it).
    """
    actors, topics = tuple(actors), tuple(topics)
    attributions = {k: tuple(v) for k, v in (attributions or {}).items()}
    found: list[Parts | None] = [None] * len(ordered)
    digests: list[str] = []
    if cache is not None:
        definitions = cache_key("definitions", actors, topics)
        for i, source in enumerate(ordered):
            digest = cache_key("extract", definitions, source, attributions.get(source.id, ()))
            digests.append(digest)
            record = cache.get(digest, "extract")
            if _is_parts(record, source.id):
                found[i] = record
    missing = [i for i, parts in enumerate(found) if parts is None]
    todo = [ordered[i] for i in missing]
    computed = [
        p
        for run in map_ranges(
            _extract_task,
            len(todo),
            jobs_for(len(todo), jobs),
            {"sources": todo, "actors": actors, "topics": topics, "attributions": attributions},
        )
        for p in run
    ]
    for i, parts in zip(missing, computed, strict=True):
        found[i] = parts
        if cache is not None:
            cache.put(digests[i], "extract", parts)
    every = [p for p in found if p is not None]
    mentions = tuple(m for p in every for m in p[0])
    hits = tuple(sorted((h for p in every for h in p[1]), key=lambda h: (h.topic, h.ref.source)))
    figures = tuple(f for p in every for f in p[2])
    events = tuple(
        sorted(
            (e for p in every for e in p[3][0]),
            key=lambda e: (e.date is None, e.date.iso if e.date else "", e.ref.source),
        )
    )
    warnings = tuple(w for p in every for w in p[3][1])
    occurrences = tuple(p[4] for p in every)
    return {
        "mentions": mentions,
        "topics": hits,
        "figures": figures,
        "events": (events, warnings),
        "quotes": occurrences,
    }


def _is_parts(record: Any, source: str) -> bool:
    """A cached record of the right shape, about `source` only."""
    if not (isinstance(record, tuple) and len(record) == 5 and all(isinstance(r, tuple) for r in record)):
        return False
    mentions, hits, figures, dated, quotes = record
    if len(dated) != 2 or not all(isinstance(x, tuple) for x in dated):
        return False
    events, warnings = dated
    return (
        all(isinstance(m, Mention) and m.ref.source == source for m in mentions)
        and all(isinstance(h, TopicHit) and h.ref.source == source for h in hits)
        and all(isinstance(f, Figure) and f.ref.source == source for f in figures)
        and all(isinstance(e, Event) and e.ref.source == source for e in events)
        and all(isinstance(w, str) for w in warnings)
        and all(_is_occurrence(q, source) for q in quotes)
    )


def _is_occurrence(values: Any, source: str) -> bool:
    """A cached occurrence: one value per field, its reference in `source`."""
    names = _occurrence_fields()
    if not (isinstance(values, tuple) and len(values) == len(names)):
        return False
    fields = dict(zip(names, values, strict=True))
    ref, others = fields.get("ref"), fields.get("others", ())
    return (
        isinstance(ref, SourceRef)
        and ref.source == source
        and isinstance(fields.get("text"), str)
        and isinstance(others, tuple)
        and all(isinstance(r, SourceRef) for r in others)
    )


# --- shared passages: what the last run over the same sources and fewer kept ------------------


def shared_passages(ordered: Sequence[CleanSource], cache: Cache) -> tuple[SharedPassage, ...]:
    """find_shared(ordered), handed the Memo the last build kept in `cache` (one record per code
    version): when the sources of that build are the first of these unchanged (a source added
    whose name sorts after the others, or none), only the new paragraphs are read and indexed and
    only the pairs and groups not seen before are worked out. Same result as find_shared."""
    from .extract.syndication import find_shared_keeping

    digest = cache_key("shared passages memo")
    memo = _memo(cache.get(digest, "shared"))
    try:
        passages, kept = find_shared_keeping(ordered, memo)
    except Exception:  # a damaged record: from nothing
        memo = None
        passages, kept = find_shared_keeping(ordered)
    if memo is None or kept.sources != memo.sources:
        cache.put(digest, "shared", (kept.sources, kept.index, kept.links, kept.texts, kept.pairs, kept.wide))
    return passages


def _memo(record: Any) -> Any:
    """The Memo of a cached record of the right shape, else None."""
    from .extract.syndication import Memo

    if not (isinstance(record, tuple) and len(record) == 6):
        return None
    sources, index, links, texts, pairs, wide = record
    if not (
        isinstance(sources, tuple)
        and all(isinstance(s, tuple) and len(s) == 2 and all(isinstance(x, str) for x in s) for s in sources)
        and isinstance(index, dict)
        and isinstance(links, dict)
        and isinstance(texts, dict)
        and isinstance(pairs, tuple)
        and isinstance(wide, tuple)
    ):
        return None
    return Memo(sources, index, links, texts, pairs, wide)


def substituting(
    precomputed: dict[str, Any], timed: Callable[[str, Callable[[], Any]], Any] | None, used: set[str]
) -> Callable[[str, Callable[[], T]], T]:
    """A `timed` hook for build_dossier that hands back the precomputed result of a step instead
    of running it (any other step runs, through `timed` when given). `used` collects the names
    handed back, so that a renamed step is noticed (it would then simply run serially)."""

    def hook(name: str, step: Callable[[], T]) -> T:
        if name in precomputed:
            used.add(name)
            value: T = precomputed[name]
            return value
        return timed(name, step) if timed is not None else step()

    return hook
