"""The dossier as plain JSON: every fact the site shows, for checks and for other tools.

`export_dossier` turns a `Dossier` into dicts and lists of strings, numbers and booleans only;
`export_json` serialises it with sorted keys, so the same dossier always gives the same bytes.
The shape is documented by `build_tools/schema/export.schema.json`. Lists are sorted: sources,
actors and topics by id; paragraphs in reading order; evidence by source, paragraph order and
offset; figure groups keep the model's order, which is the figures page's. This module computes
nothing new and writes no file: one function per top-level list, each a plain formatting step.
"""

from __future__ import annotations

import json
from typing import Any

from build_tools.extract.mentions import actor_aliases
from build_tools.model import Dossier, SourceRef

SCHEMA_VERSION = 1

Place = tuple[str, int, str]


class _Places:
    """Sort keys for paragraph references: "p10" sorts after "p9" (reading position, not id)."""

    def __init__(self, d: Dossier) -> None:
        self.order = {(s.id, p.id): i for s in d.sources for i, p in enumerate(s.paragraphs)}

    def of(self, ref: SourceRef) -> Place:
        # Unknown refs (should not happen) sort after known ones, by their id.
        return (ref.source, self.order.get((ref.source, ref.paragraph), len(self.order)), ref.paragraph)

    def first(self, refs: tuple[SourceRef, ...]) -> tuple[Place, ...]:
        return tuple(sorted(self.of(r) for r in refs))


def _ref(r: SourceRef) -> dict[str, str]:
    return {"source": r.source, "paragraph": r.paragraph}


def _sources(d: Dossier) -> list[dict[str, Any]]:
    return [
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


def _actors(d: Dossier, places: _Places) -> list[dict[str, Any]]:
    mentions_of: dict[str, list[dict[str, Any]]] = {a.id: [] for a in d.actors}
    for m in sorted(d.mentions, key=lambda m: (*places.of(m.ref), m.start, m.end, m.actor)):
        mentions_of.setdefault(m.actor, []).append(
            {**_ref(m.ref), "alias": m.alias, "start": m.start, "end": m.end, "text": m.sentence}
        )
    return [
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


def _topics(d: Dossier, places: _Places) -> list[dict[str, Any]]:
    hits_of: dict[str, list[dict[str, Any]]] = {t.id: [] for t in d.topics}
    for h in sorted(d.topic_hits, key=lambda h: (h.topic, *places.of(h.ref))):
        hits_of.setdefault(h.topic, []).append(
            {**_ref(h.ref), "keyword": h.keyword, "matched": h.matched, "spans": [[a, b] for a, b in h.spans]}
        )
    return [
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


def _quotes(d: Dossier, places: _Places) -> list[dict[str, Any]]:
    return [
        {
            "text": q.text,
            "speaker": q.speaker,
            "speaker_text": q.speaker_text,
            "sources": [_ref(r) for r in sorted(q.sources, key=places.of)],
        }
        for q in sorted(d.quotes, key=lambda q: (places.first(q.sources), q.text, q.speaker_text))
    ]


def _figures(d: Dossier, places: _Places) -> list[dict[str, Any]]:
    return [
        {
            "quantity": f.quantity,
            "value": f.value,
            "qualifier": f.qualifier,
            "text": f.text,
            **_ref(f.ref),
            "sentence": f.sentence,
        }
        for f in sorted(d.figures, key=lambda f: (*places.of(f.ref), f.text, f.quantity, f.value))
    ]


def _figure_groups(d: Dossier) -> list[dict[str, Any]]:
    # In the model's order, which is the figures page's: most widely reported first.
    return [
        {
            "quantity": g.quantity,
            "verdict": g.verdict,
            "values": list(g.values),
            "sources": g.sources,
            "figures": [{**_ref(f.ref), "text": f.text, "value": f.value} for f in g.figures],
        }
        for g in d.figure_groups
    ]


def _events(d: Dossier, places: _Places) -> list[dict[str, Any]]:
    # Dated events in date order first, then the unresolved ones in reading order.
    ordered = sorted(d.events, key=lambda e: (e.date is None, e.iso, *places.of(e.ref), e.date_text, e.text))
    return [
        {
            "date": e.iso,
            "date_text": e.date_text,
            "text": e.text,
            **_ref(e.ref),
            "resolved": e.resolved,
            "resolution": e.resolution,
        }
        for e in ordered
    ]


def _shared(d: Dossier, places: _Places) -> list[dict[str, Any]]:
    return [
        {
            "refs": [_ref(r) for r in sorted(p.refs, key=places.of)],
            "text": p.text,
            "similarity": p.similarity,
        }
        for p in sorted(d.shared, key=lambda p: (places.first(p.refs), p.text))
    ]


def export_dossier(d: Dossier) -> dict[str, Any]:
    """The dossier as JSON-ready data (see the module docstring for the order of lists)."""
    places = _Places(d)
    return {
        "schema_version": SCHEMA_VERSION,
        "title": d.config.title,
        "description": d.config.description,
        "language": d.config.language,
        "site_url": d.config.site_url,
        "sources": _sources(d),
        "actors": _actors(d, places),
        "topics": _topics(d, places),
        "quotes": _quotes(d, places),
        "figures": _figures(d, places),
        "figure_groups": _figure_groups(d),
        "events": _events(d, places),
        "shared": _shared(d, places),
    }


def export_json(d: Dossier) -> str:
    """`export_dossier` as JSON: sorted keys, two-space indent, UTF-8 text, trailing newline."""
    return json.dumps(export_dossier(d), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
