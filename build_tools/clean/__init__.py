"""clean: RawSource -> CleanSource. Pure: no I/O, no knowledge of actors or topics.

Keeps every sentence of the article and nothing else, says what was removed and why, and reads the
article's metadata from the page:

    blocks.py   cut the text into blocks (paragraphs) with their raw line numbers
    rules.py    named rules, as data: chrome, paywall, captions, links, social, metadata lines
    score.py    a jusText-like score of each block from named features
    article.py  context: where the article starts and ends, subheadings, smoothing, teasers
    meta.py     byline, dateline, credit line and publication date readers
    html.py     HTML pages: trafilatura's main text and metadata, as lines
    decode.py   bytes -> text (used by the loader)
    report.py   the cleaned source as text, JSON or an annotated diff (used by the CLI)

Curated metadata (sources.yml) always wins; what was read from the page fills the gaps, and the
names of those fields are listed in CleanSource.detected.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from ..model import CleanRules, CleanSource, DetectedMeta, Paragraph, PartialDate, RawSource, Removed
from .article import HEADING, find_article
from .blocks import Block, split_blocks
from .html import extract_html
from .rules import RuleSet
from .score import guess_language, page_words, stopwords

__all__ = ["clean_source", "clean_all", "page_text"]

_META_FIELDS = ("title", "authors", "date", "publisher", "dateline_place", "dateline_agency")


def page_text(raw: RawSource) -> tuple[str, frozenset[int], DetectedMeta]:
    """The text the cleaner reads: the raw text, or for HTML trafilatura's extraction as lines."""
    if raw.format == "html":
        extracted = extract_html(raw.text)
        return extracted.text, extracted.heading_lines, extracted.meta
    return raw.text, frozenset(), DetectedMeta()


def _publisher_key(raw: RawSource) -> str:
    if raw.meta.publisher:
        return raw.meta.publisher.strip().lower()
    if raw.meta.url:
        host = urlsplit(raw.meta.url).hostname or ""
        return host.removeprefix("www.")
    return ""


def _block_keys(raw: RawSource) -> set[str]:
    from .article import _keys

    text, headings, _ = page_text(raw)
    return set(_keys([b.text for b in split_blocks(text, headings)]))


def _shared_with_siblings(raw: RawSource, siblings: Sequence[RawSource]) -> Counter[str]:
    """Block texts of `raw`'s publisher's other pages -> on how many of them they appear."""
    key = _publisher_key(raw)
    counts: Counter[str] = Counter()
    if not key:
        return counts
    for other in siblings:
        if other.id != raw.id and _publisher_key(other) == key:
            counts.update(_block_keys(other))
    return counts


@lru_cache(maxsize=16)
def _ruleset(rules: CleanRules) -> RuleSet:
    return RuleSet(extra=rules)


def _merge(curated: str, detected: str) -> str:
    return curated or detected


def clean_source(raw: RawSource, rules: CleanRules = CleanRules(), siblings: Sequence[RawSource] = ()) -> CleanSource:
    """Clean one source. `siblings`: the dossier's other sources, whose shared chrome is recognised."""
    return _clean(raw, _ruleset(rules), _shared_with_siblings(raw, siblings))


def clean_all(raws: Sequence[RawSource], rules: CleanRules = CleanRules()) -> tuple[CleanSource, ...]:
    """Clean every source, each compared with the others of its publisher."""
    ruleset = _ruleset(rules)
    publishers = {r.id: _publisher_key(r) for r in raws}
    keys = {r.id: _block_keys(r) for r in raws if publishers[r.id]}
    # On how many pages of each publisher each block text appears, counted once for all.
    totals: dict[str, Counter[str]] = {}
    for raw in raws:
        if publishers[raw.id]:
            totals.setdefault(publishers[raw.id], Counter()).update(keys[raw.id])
    out = []
    for raw in raws:
        pub = publishers[raw.id]
        shared: Counter[str] = Counter()
        if pub:
            # Only this page's own block texts are ever looked up: on how many *other* pages
            # of its publisher each appears.
            total = totals[pub]
            shared = Counter({k: total[k] - 1 for k in keys[raw.id] if total[k] > 1})
        out.append(_clean(raw, ruleset, shared))
    return tuple(out)


def _clean(raw: RawSource, ruleset: RuleSet, shared: Counter[str]) -> CleanSource:
    # The cleaner makes no reference cycles, but it keeps many small tuples and lists alive for as
    # long as it reads a page, and on a long page the cyclic garbage collector walks them again and
    # again (a third of the time on a page of a megabyte): it is paused while a page is cleaned.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _clean_page(raw, ruleset, shared)
    finally:
        if paused:
            gc.enable()


def _clean_page(raw: RawSource, ruleset: RuleSet, shared: Counter[str]) -> CleanSource:
    text, heading_lines, html_meta = page_text(raw)
    blocks = split_blocks(text, heading_lines)
    texts = [b.text for b in blocks]
    words = page_words(texts)  # split once, for the language guess and the block features
    stop = stopwords(guess_language(texts, words=words))
    kinds, reasons, found, _ = find_article(blocks, ruleset, stop, shared, html_meta.title, words)
    is_html = raw.format == "html"

    paragraphs: list[Paragraph] = []
    removed: list[Removed] = []
    add_removed = removed.append
    for i, block in enumerate(blocks):
        kind = kinds.get(i)
        if kind is None:
            reason = reasons.get(i, "removed")
            if len(block.raw) == 1:  # most blocks are one line
                add_removed(Removed(block.line, block.raw[0], reason))  # line, text, reason
            else:
                removed.extend(_removed_lines(block, reason))
            continue
        # id, kind, text, line (positional: one is built for every kept block)
        paragraphs.append(
            Paragraph(
                f"p{len(paragraphs) + 1}",
                "heading" if kind == HEADING else "paragraph",
                block.text,
                0 if is_html else block.line,
            )
        )

    # For HTML, the page's own metadata (meta tags, read by trafilatura) comes before the text's.
    detected = DetectedMeta(**{f: getattr(html_meta, f) or getattr(found, f) for f in _META_FIELDS})
    m = raw.meta
    curated = {"title": m.title, "authors": m.authors, "date": m.date, "publisher": m.publisher}
    filled = tuple(
        f for f in _META_FIELDS if f in m.detected or (getattr(detected, f) and (f not in curated or not curated[f]))
    ) + (("url",) if "url" in m.detected else ())
    return CleanSource(
        id=raw.id,
        file=raw.file,
        format=raw.format,
        title=_merge(m.title, detected.title) or raw.file.rsplit(".", 1)[0],
        publisher=_merge(m.publisher, detected.publisher),
        date=m.date or PartialDate.parse_or_none(detected.date),
        url=m.url,
        authors=m.authors or detected.authors,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        detected_meta=detected,
        detected=filled,
        encoding=raw.encoding,
        note=m.note,
    )


def _removed_lines(block: Block, reason: str) -> list[Removed]:
    return [Removed(n, t, reason) for n, t in zip(block.lines, block.raw, strict=False)]  # line, text, reason
