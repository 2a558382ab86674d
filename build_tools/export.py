"""The dossier as plain JSON: every fact the site shows, for checks and for other tools.

`export_dossier` turns a `Dossier` into dicts and lists of strings, numbers and booleans only;
`export_json` serialises it with sorted keys, so the same dossier always gives the same bytes.
Figure groups keep the model's order (the figures page's). The shape is documented by `build_tools/schema/export.schema.json`. Lists are sorted: sources,
actors and topics by id; paragraphs in reading order; evidence by source, paragraph order and
offset. This module computes nothing new and writes no file.
"""

from __future__ import annotations

import json
from typing import Any

from build_tools.extract.mentions import actor_aliases
from build_tools.model import CleanSource, Dossier, SourceRef

SCHEMA_VERSION = 1


def _paragraph_order(sources: tuple[CleanSource, ...]) -> dict[tuple[str, str], int]:
    # "p10" must sort after "p9": order by reading position, not by the id string.
    return {(s.id, p.id): i for s in sources for i, p in enumerate(s.paragraphs)}


def export_dossier(d: Dossier) -> dict[str, Any]:
    """The dossier as JSON-ready data (see the module docstring for the order of lists)."""
    order = _paragraph_order(d.sources)

    def place(source: str, paragraph: str) -> tuple[str, int, str]:
        # Unknown refs (should not happen) sort after known ones, by their id.
        return (source, order.get((source, paragraph), len(order)), paragraph)

    def ref(r: SourceRef) -> dict[str, str]:
        return {"source": r.source, "paragraph": r.paragraph}

    sources = [
        {
            "id": s.id,
            "file": s.file,
            "format": s.format,
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date.iso if s.date else "",
            "url": s.url,
            "authors": list(s.authors),
            "note": s.note,
            "detected": sorted(s.detected),
            "paragraphs": [{"id": p.id, "kind": p.kind, "text": p.text, "line": p.line} for p in s.paragraphs],
            "removed": [
                {"line": r.line, "text": r.text, "reason": r.reason}
                for r in sorted(s.removed, key=lambda r: (r.line, r.text, r.reason))
            ],
        }
        for s in sorted(d.sources, key=lambda s: s.id)
    ]

    mentions_of: dict[str, list[dict[str, Any]]] = {a.id: [] for a in d.actors}
    for m in sorted(d.mentions, key=lambda m: (*place(m.source, m.paragraph), m.start, m.end, m.actor)):
        mentions_of.setdefault(m.actor, []).append(
            {
                "source": m.source,
                "paragraph": m.paragraph,
                "alias": m.alias,
                "start": m.start,
                "end": m.end,
                "text": m.sentence,
            }
        )
    actors = [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "role": a.role,
            "description": a.description,
            "aliases": list(actor_aliases(a)),
            "mentions": mentions_of.get(a.id, []),
        }
        for a in sorted(d.actors, key=lambda a: a.id)
    ]

    hits_of: dict[str, list[dict[str, Any]]] = {t.id: [] for t in d.topics}
    for h in sorted(d.topic_hits, key=lambda h: (h.topic, *place(h.source, h.paragraph))):
        hits_of.setdefault(h.topic, []).append(
            {
                "source": h.source,
                "paragraph": h.paragraph,
                "keyword": h.keyword,
                "matched": h.matched,
                "spans": [[a, b] for a, b in h.spans],
            }
        )
    topics = [
        {
            "id": t.id,
            "name": t.name,
            "description": t.description,
            "keywords": list(t.keywords),
            "patterns": list(t.patterns),
            "paragraphs": hits_of.get(t.id, []),
        }
        for t in sorted(d.topics, key=lambda t: t.id)
    ]

    def first_place(refs: tuple[SourceRef, ...]) -> tuple[tuple[str, int, str], ...]:
        return tuple(sorted(place(r.source, r.paragraph) for r in refs))

    quotes = [
        {
            "text": q.text,
            "speaker": q.speaker,
            "speaker_text": q.speaker_text,
            "sources": [ref(r) for r in sorted(q.sources, key=lambda r: place(r.source, r.paragraph))],
        }
        for q in sorted(d.quotes, key=lambda q: (first_place(q.sources), q.text, q.speaker_text))
    ]
    figures = [
        {
            "quantity": f.quantity,
            "value": f.value,
            "qualifier": f.qualifier,
            "text": f.text,
            "source": f.source,
            "paragraph": f.paragraph,
            "sentence": f.sentence,
        }
        for f in sorted(d.figures, key=lambda f: (*place(f.source, f.paragraph), f.text, f.quantity, f.value))
    ]
    figure_groups = [
        {
            "quantity": g.quantity,
            "verdict": g.verdict,
            "values": list(g.values),
            "sources": g.sources,
            "figures": [
                {"source": f.source, "paragraph": f.paragraph, "text": f.text, "value": f.value} for f in g.figures
            ],
        }
        # In the model's order, which is the figures page's: most widely reported first.
        for g in d.figure_groups
    ]
    events = [
        {
            "date": e.date.iso if e.date else "",
            "date_text": e.date_text,
            "text": e.text,
            "source": e.source,
            "paragraph": e.paragraph,
            "resolved": e.resolved,
            "resolution": e.resolution,
        }
        # Dated events in date order first, then the unresolved ones in reading order.
        for e in sorted(
            d.events,
            key=lambda e: (
                e.date is None,
                e.date.iso if e.date else "",
                *place(e.source, e.paragraph),
                e.date_text,
                e.text,
            ),
        )
    ]
    shared = [
        {
            "refs": [ref(r) for r in sorted(p.refs, key=lambda r: place(r.source, r.paragraph))],
            "text": p.text,
            "similarity": p.similarity,
        }
        for p in sorted(d.shared, key=lambda p: (first_place(p.refs), p.text))
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "title": d.config.title,
        "description": d.config.description,
        "language": d.config.language,
        "site_url": d.config.site_url,
        "sources": sources,
        "actors": actors,
        "topics": topics,
        "quotes": quotes,
        "figures": figures,
        "figure_groups": figure_groups,
        "events": events,
        "shared": shared,
    }


def export_json(d: Dossier) -> str:
    """`export_dossier` as JSON: sorted keys, two-space indent, UTF-8 text, trailing newline."""
    return json.dumps(export_dossier(d), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
