"""Home page, sources index, one page per source, tags index."""

from __future__ import annotations

import functools
import heapq
from typing import Any

from jinja2 import Environment

from ..model import CleanSource, Dossier, Mention
from .charts import actor_network, timeline_chart
from .compare import disagreements
from .index import Index
from .markdown import Md, escape, escape_inline, html_escape, html_inline, html_link, link
from .store import active, fingerprint, stored

ALSO_SHOWN = 5  # "Also in" links per paragraph; the rest are counted ("and 12 more")
KIND_TITLES = {
    "person": "People",
    "organisation": "Organisations",
    "group": "Groups",
    "country": "Countries",
    "place": "Places",
}


def source_url(source_id: str, paragraph: str = "", prefix: str = "../") -> str:
    return f"{prefix}sources/{source_id}.md" + (f"#{paragraph}" if paragraph else "")


def source_label(s: CleanSource) -> str:
    return s.title or s.id


def _link_spans(text: str, mentions: tuple[Mention, ...], actor_ids: set[str]) -> list[tuple[int, int, str]]:
    """The (start, end, actor) of the first mention of each curated actor, none overlapping."""
    spans: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.actor in seen or m.actor not in actor_ids or not (0 <= m.start < m.end <= len(text)):
            continue
        if spans and m.start < spans[-1][1]:
            continue  # overlaps the previous link
        seen.add(m.actor)
        spans.append((m.start, m.end, m.actor))
    return spans


def linked_text(text: str, mentions: tuple[Mention, ...], actor_ids: set[str]) -> Md:
    """A paragraph's text, escaped, with the first mention of each curated actor in it linked
    to the actor's page. Every piece of the text goes through the escaping helpers."""
    spans = _link_spans(text, mentions, actor_ids)
    if not spans:
        return escape(text)
    out: list[str] = []
    pos = 0
    for start, end, actor in spans:
        head = text[pos:start]
        if pos == 0:
            # The start of the block: escape() also neutralises "#", "-", "1." there.
            stripped = head.rstrip()
            out.append(escape(stripped) + (" " if stripped != head and stripped else ""))
        else:
            out.append(escape_inline(head))
        out.append(link(text[start:end], f"../actors/{actor}.md"))
        pos = end
    out.append(escape_inline(text[pos:]))
    return Md(" ".join("".join(out).split()))


def linked_html(text: str, mentions: tuple[Mention, ...], actor_ids: set[str]) -> Md:
    """The same as `linked_text`, as HTML for a raw block (the links resolved by the build's hook)."""
    out: list[str] = []
    pos = 0
    for start, end, actor in _link_spans(text, mentions, actor_ids):
        out.append(html_inline(text[pos:start]))
        out.append(html_link(Md(html_inline(text[start:end]).strip()), f"actors/{actor}.md"))
        pos = end
    out.append(html_inline(text[pos:]))
    return html_escape(Md(" ".join("".join(out).split())))


def source_facts(s: CleanSource) -> list[tuple[str, str, bool]]:
    """(label, value, detected) rows for a source's metadata box."""
    rows = []
    for label, field, value in (
        ("Publisher", "publisher", s.publisher),
        ("Date", "date", s.date.iso if s.date else ""),
        ("Authors", "authors", ", ".join(s.authors)),
    ):
        if value:
            rows.append((label, value, field in s.detected))
    if s.detected_meta.dateline_place:
        dl = s.detected_meta.dateline_place + (
            f" ({s.detected_meta.dateline_agency})" if s.detected_meta.dateline_agency else ""
        )
        rows.append(("Dateline", dl, True))
    return rows


def _source_rows(ordered: list[CleanSource]) -> list[dict[str, Any]]:
    """One row per source, in date order, for the home page and the sources index."""
    return [
        {
            "link": html_link(source_label(s), f"sources/{s.id}.md"),
            "date": s.date.iso if s.date else "undated",
            "publisher": s.publisher or "unknown",
            "paragraphs": len(s.paragraphs),
        }
        for s in ordered
    ]


def home_page(d: Dossier, ix: Index, env: Environment, rows: list[dict[str, Any]]) -> str:
    return env.get_template("home.md.j2").render(
        config=d.config,
        timeline_chart=timeline_chart(d),
        network=actor_network(d),
        differences=disagreements(d),
        sources=rows,
        counts={
            "sources": len(d.sources),
            "actors": len(d.actors),
            "actors_seen": sum(1 for a in d.actors if ix.mentions_by_actor.get(a.id)),
            "topics": len(d.topics),
            "topics_seen": sum(1 for t in d.topics if ix.hits_by_topic.get(t.id)),
            "mentions": len(d.mentions),
            "quotes": len(d.quotes),
            "figures": len(d.figures),
            "events": sum(1 for e in d.events if e.resolved),
            "shared": len(d.shared),
        },
    )


def _shared_by_paragraph(d: Dossier) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(source, paragraph) -> the paragraphs of other sources that carry the same passage."""
    shared_by_para: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for sp in d.shared:
        for ref in sp.refs:
            others = [(o.source, o.paragraph) for o in sp.refs if o.source != ref.source]
            shared_by_para.setdefault((ref.source, ref.paragraph), []).extend(others)
    return shared_by_para


Also = list[tuple[list[tuple[str, str]], int]]  # per paragraph: the "Also in" shown, how many more


def _also(s: CleanSource, ix: Index, shared_by_para: dict[tuple[str, str], list[tuple[str, str]]]) -> Also:
    out: Also = []
    for p in s.paragraphs:
        others = sorted((o, op) for o, op in set(shared_by_para.get((s.id, p.id), ())) if o in ix.sources)
        shown = heapq.nsmallest(ALSO_SHOWN, others, key=lambda x: (ix.source_rank[x[0]], x[1]))
        out.append((shown, len(others) - len(shown)))
    return out


def _paragraph_rows(s: CleanSource, ix: Index, also_rows: Also) -> list[dict[str, Any]]:
    paragraphs: list[dict[str, Any]] = []
    actor_ids = set(ix.actors)
    for p, (shown, more) in zip(s.paragraphs, also_rows, strict=True):
        # only what is shown
        also = [html_link(source_label(ix.sources[o]), f"sources/{o}.md#{op}") for o, op in shown]
        text = (
            p.text if p.kind == "heading" else linked_html(p.text, ix.mentions_by_para.get((s.id, p.id), ()), actor_ids)
        )
        paragraphs.append(
            {
                "id": p.id,
                "n": len(paragraphs) + 1,
                "kind": p.kind,
                "text": text,
                "also": also,
                "also_more": more,
            }
        )
    return paragraphs


def source_page(
    s: CleanSource, ix: Index, env: Environment, shared_by_para: dict[tuple[str, str], list[tuple[str, str]]]
) -> str:
    """A source's page. Made from the source, its mentions and topic hits, the definitions and
    the "Also in" links shown (with their sources' labels): with a store, taken from it when
    none of these changed (store.stored)."""
    also_rows = _also(s, ix, shared_by_para)
    if not active():
        return _source_page(s, ix, env, also_rows)
    known = fingerprints(ix)
    parts = (
        "source",
        known.source(s.id),
        known.definitions,
        [([(o, op, source_label(ix.sources[o])) for o, op in shown], more) for shown, more in also_rows],
    )
    return stored(parts, functools.partial(_source_page, s, ix, env, also_rows))


class _Fingerprints:
    """The fingerprints of one Index: the definitions', and each source's own (its cleaned
    record, its mentions and topic hits), computed once each."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        self.definitions = fingerprint((tuple(ix.actors.values()), tuple(ix.topics.values())))
        self.sources: dict[str, str] = {}

    def source(self, sid: str) -> str:
        found = self.sources.get(sid)
        if found is None:
            ix = self.ix
            s = ix.sources[sid]
            paragraphs = [(sid, p.id) for p in s.paragraphs]
            found = fingerprint(
                (
                    s,
                    [ix.mentions_by_para.get(k, ()) for k in paragraphs],
                    [ix.hits_by_para.get(k, ()) for k in paragraphs],
                )
            )
            self.sources[sid] = found
        return found


_FINGERPRINTS: list[_Fingerprints] = []  # of the last Index only


def fingerprints(ix: Index) -> _Fingerprints:
    if not _FINGERPRINTS or _FINGERPRINTS[0].ix is not ix:
        _FINGERPRINTS[:] = [_Fingerprints(ix)]
    return _FINGERPRINTS[0]


def _source_page(s: CleanSource, ix: Index, env: Environment, also_rows: Also) -> str:
    actor_counts = ix.actors_in_source(s.id)
    topic_counts = ix.topics_in_source(s.id)
    tags = [ix.actors[a].name for a in sorted(actor_counts) if a in ix.actors]
    tags += [ix.topics[t].name for t in sorted(topic_counts) if t in ix.topics]
    return env.get_template("source.md.j2").render(
        source=s,
        title=source_label(s),
        facts=source_facts(s),
        url=s.url,
        url_detected="url" in s.detected,
        note=s.note,
        tags=sorted(set(tags)),
        actor_groups=[
            {
                "title": title,
                "items": [
                    (html_link(ix.actors[a].name, f"actors/{a}.md"), n)
                    for a, n in sorted(actor_counts.items(), key=lambda kv: (-kv[1], ix.actors[kv[0]].name))
                    if a in ix.actors and ix.actors[a].kind == kind
                ],
            }
            for kind, title in KIND_TITLES.items()
        ],
        topics=[
            (html_link(ix.topics[t].name, f"topics/{t}.md"), n)
            for t, n in sorted(topic_counts.items(), key=lambda kv: (-kv[1], ix.topics[kv[0]].name))
            if t in ix.topics
        ],
        paragraphs=_paragraph_rows(s, ix, also_rows),
        removed=s.removed,
    )


def pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    """The home page, the sources index, one page per source and the tags index."""
    ordered = [ix.sources[sid] for sid in ix.source_order]
    rows = _source_rows(ordered)
    out: dict[str, str] = {"index.md": home_page(d, ix, env, rows)}
    out["sources/index.md"] = env.get_template("sources_index.md.j2").render(
        config=d.config,
        sources=rows,
    )
    shared_by_para = _shared_by_paragraph(d)
    for s in ordered:
        out[f"sources/{s.id}.md"] = source_page(s, ix, env, shared_by_para)
    out["tags/index.md"] = env.get_template("tags.md.j2").render(config=d.config)
    return out


__all__ = ["pages", "source_url", "source_label", "Md"]
