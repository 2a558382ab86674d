"""Actor and topic pages, their indexes, and the coverage matrix (sources x actors and topics)."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict

from jinja2 import Environment

from ..model import ACTOR_KINDS, ActorDef, Dossier, Mention, Quote, TopicDef
from .charts import actor_network
from .index import Index
from .markdown import Md, escape, highlight, html_highlight, html_link, link
from .pages_sources import KIND_TITLES, fingerprints, source_label, source_url
from .store import active, stored


class _Inputs:
    """What an actor or topic page is made from, as fingerprints: each source's own (its cleaned
    record, its mentions and topic hits) and the definitions'. A page keyed by them is laid out
    again only when one of its sources, or a definition, changed (see store.stored)."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        self.known = fingerprints(ix) if active() else None
        self.definitions = self.known.definitions if self.known is not None else ""

    def sources(self, ids: set[str]) -> list[tuple[str, str]]:
        """The fingerprints of `ids`, in the order the pages list sources."""
        if self.known is None:
            return []
        return [(sid, self.known.source(sid)) for sid in self.ix.source_order if sid in ids]


def para_label(ix: Index, source: str, paragraph: str) -> str:
    return f"¶\u00a0{ix.paragraph_pos.get((source, paragraph), 0) + 1}"  # never split from its number


def para_link(ix: Index, source: str, paragraph: str, prefix: str = "../") -> Md:
    return link(
        para_label(ix, source, paragraph),
        source_url(source, paragraph, prefix),
        title=f"{source_label(ix.sources[source])}, paragraph {paragraph}",
    )


def para_link_html(ix: Index, source: str, paragraph: str) -> Md:
    """`para_link` as HTML, for the excerpt lists (raw HTML blocks)."""
    return html_link(
        para_label(ix, source, paragraph),
        f"sources/{source}.md#{paragraph}",
        title=f"{source_label(ix.sources[source])}, paragraph {paragraph}",
    )


def cite_link(ix: Index, source: str, paragraph: str, prefix: str = "../") -> Md:
    """A short citation for lists that mix sources: "FRANCE 24, 2014-12-03, ¶ 4"."""
    s = ix.sources[source]
    who = s.publisher or source_label(s)
    if len(who) > 40:
        who = who[:39].rstrip() + "…"
    label = ", ".join(x for x in (who, s.date.iso if s.date else "", para_label(ix, source, paragraph)) if x)
    return link(label, source_url(source, paragraph, prefix), title=source_label(s))


def source_heading(ix: Index, source: str, prefix: str = "../") -> dict:
    s = ix.sources[source]
    return {
        "link": link(source_label(s), source_url(source, prefix=prefix)),
        "date": s.date.iso if s.date else "undated",
        "publisher": s.publisher,
    }


def _sentence_excerpts(ix: Index, mentions: tuple[Mention, ...]) -> list[dict]:
    """One excerpt per (paragraph, sentence), every mention in it highlighted."""
    grouped: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    order: list[tuple[str, str, str]] = []
    for m in mentions:
        key = (m.source, m.paragraph, m.sentence)
        if key not in grouped:
            order.append(key)
        grouped[key].append(m)
    out = []
    for key in order:
        source, pid, sentence = key
        p = ix.paragraph(source, pid)
        text = sentence or (p.text if p else "")
        offset = p.text.find(text) if p and text else -1
        spans = [(m.start - offset, m.end - offset) for m in grouped[key]] if offset >= 0 else []
        spans = [(a, b) for a, b in spans if 0 <= a < b <= len(text)]
        out.append({"source": source, "text": html_highlight(text, spans), "link": para_link_html(ix, source, pid)})
    return out


def _by_source(ix: Index, items: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        groups[it["source"]].append(it)
    return [dict(source_heading(ix, sid), items=groups[sid]) for sid in ix.source_order if sid in groups]


def _actor_page(ix: Index, env: Environment, a: ActorDef, ms: tuple[Mention, ...], said: list[Quote]) -> str:
    paras = {(m.source, m.paragraph) for m in ms}
    co: Counter = Counter()
    topics: Counter = Counter()
    for key in paras:
        co.update({m.actor for m in ix.mentions_by_para.get(key, ()) if m.actor != a.id})
        topics.update({h.topic for h in ix.hits_by_para.get(key, ())})
    dates = sorted(str(ix.sources[s].date) for s, _ in paras if ix.sources[s].date)
    sources_seen = {s for s, _ in paras}
    quotes = [
        {
            "text": q.text,
            "speaker_text": q.speaker_text,
            "links": [
                cite_link(ix, s, p)
                for s, p in dict.fromkeys((r.source, r.paragraph) for r in q.sources if r.source in ix.sources)
            ],
        }
        for q in said
    ]
    return env.get_template("actor.md.j2").render(
        actor=a,
        facts={
            "sources": len(sources_seen),
            "mentions": len(ms),
            "first": dates[0] if dates else "",
            "last": dates[-1] if dates else "",
        },
        kind_title=KIND_TITLES.get(a.kind, a.kind),
        groups=_by_source(ix, _sentence_excerpts(ix, ms)),
        co_actors=[
            (link(ix.actors[o].name, f"{o}.md"), n)
            for o, n in sorted(co.items(), key=lambda kv: (-kv[1], ix.actors[kv[0]].name))[:15]
        ],
        topics=[
            (link(ix.topics[t].name, f"../topics/{t}.md"), n)
            for t, n in sorted(topics.items(), key=lambda kv: (-kv[1], ix.topics[kv[0]].name))
        ],
        quotes=quotes,
    )


def actor_pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    out: dict[str, str] = {}
    quotes_by_actor: dict[str, list] = defaultdict(list)
    for q in d.quotes:
        if q.speaker:
            quotes_by_actor[q.speaker].append(q)
    inputs = _Inputs(ix)
    for a in d.actors:
        ms = ix.mentions_by_actor.get(a.id, ())
        said = quotes_by_actor.get(a.id, [])
        cited = {m.source for m in ms} | {r.source for q in said for r in q.sources if r.source in ix.sources}
        out[f"actors/{a.id}.md"] = stored(
            ("actor", a, inputs.definitions, inputs.sources(cited), said, ms),
            functools.partial(_actor_page, ix, env, a, ms, said),
        )
    kinds = []
    for kind in ACTOR_KINDS:
        members = [a for a in d.actors if a.kind == kind]
        if not members:
            continue
        rows = []
        for a in sorted(members, key=lambda a: (-len(ix.mentions_by_actor.get(a.id, ())), a.name.casefold())):
            ms = ix.mentions_by_actor.get(a.id, ())
            rows.append(
                {
                    "link": link(a.name, f"{a.id}.md"),
                    "role": a.role or a.description,
                    "mentions": len(ms),
                    "sources": len({m.source for m in ms}),
                }
            )
        kinds.append({"title": KIND_TITLES.get(kind, kind), "rows": rows})
    out["actors/index.md"] = env.get_template("actors_index.md.j2").render(
        kinds=kinds, total=len(d.actors), network=actor_network(d)
    )
    return out


def _topic_page(ix: Index, env: Environment, t: TopicDef) -> str:
    hits = ix.hits_by_topic.get(t.id, ())
    actors: Counter = Counter()
    related: Counter = Counter()
    items = []
    for h in hits:
        key = (h.source, h.paragraph)
        actors.update(m.actor for m in ix.mentions_by_para.get(key, ()))
        related.update({o.topic for o in ix.hits_by_para.get(key, ()) if o.topic != t.id})
        p = ix.paragraph(h.source, h.paragraph)
        if p is None:
            continue
        items.append(
            {
                "source": h.source,
                "text": html_highlight(p.text, list(h.spans)),
                "keyword": h.keyword,
                "link": para_link_html(ix, h.source, h.paragraph),
            }
        )
    return env.get_template("topic.md.j2").render(
        topic=t,
        facts={"paragraphs": len(hits), "sources": len({h.source for h in hits})},
        groups=_by_source(ix, items),
        actors=[
            (link(ix.actors[a].name, f"../actors/{a}.md"), n)
            for a, n in sorted(actors.items(), key=lambda kv: (-kv[1], ix.actors[kv[0]].name))[:20]
            if a in ix.actors
        ],
        related=[
            (link(ix.topics[o].name, f"{o}.md"), n)
            for o, n in sorted(related.items(), key=lambda kv: (-kv[1], ix.topics[kv[0]].name))
        ],
    )


def topic_pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    out: dict[str, str] = {}
    inputs = _Inputs(ix)
    for t in d.topics:
        hits = ix.hits_by_topic.get(t.id, ())
        out[f"topics/{t.id}.md"] = stored(
            ("topic", t, inputs.definitions, inputs.sources({h.source for h in hits}), hits),
            functools.partial(_topic_page, ix, env, t),
        )
    rows = [
        {
            "link": link(t.name, f"{t.id}.md"),
            "description": t.description,
            "paragraphs": len(ix.hits_by_topic.get(t.id, ())),
            "sources": len({h.source for h in ix.hits_by_topic.get(t.id, ())}),
        }
        for t in sorted(d.topics, key=lambda t: (-len(ix.hits_by_topic.get(t.id, ())), t.name.casefold()))
    ]
    out["topics/index.md"] = env.get_template("topics_index.md.j2").render(rows=rows)
    return out


def coverage_page(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    cols = [
        {
            "id": sid,
            "n": i + 1,
            "link": html_link(str(i + 1), f"sources/{sid}.md", title=source_label(ix.sources[sid])),
            "label": source_label(ix.sources[sid]),
            "date": str(ix.sources[sid].date or ""),
        }
        for i, sid in enumerate(ix.source_order)
    ]
    per_source_actor = {sid: ix.actors_in_source(sid) for sid in ix.source_order}
    per_source_topic = {sid: ix.topics_in_source(sid) for sid in ix.source_order}

    @functools.cache
    def cell(n: int) -> str:
        if not n:
            return "<td>·</td>"
        # The shade of a cell grows with its count: 1, 2, 3-4, 5-9, 10 and more.
        level = 1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4 if n <= 9 else 5
        return f'<td><span class="dossier-n" data-n="{level}">{n}</span></td>'

    def nonzero(per_source: dict[str, Counter]) -> dict[str, list[tuple[int, int]]]:
        # each row's nonzero cells (column, count), in column order: most cells of a large
        # matrix are empty, so a row is made from these and runs of empty cells
        out: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for column, sid in enumerate(ix.source_order):
            for key, n in per_source[sid].items():
                if n:
                    out[key].append((column, n))
        return out

    width = len(ix.source_order)

    def row(name: Md, counts: list[tuple[int, int]]) -> dict:
        # The cells of a row as one HTML string (counts only): a matrix has sources x actors.
        cells: list[str] = []
        at = 0
        for column, n in counts:
            cells.append(cell(0) * (column - at))
            cells.append(cell(n))
            at = column + 1
        cells.append(cell(0) * (width - at))
        return {"name": name, "cells": Md("".join(cells)), "total": len(counts)}

    actor_cells = nonzero(per_source_actor)
    topic_cells = nonzero(per_source_topic)
    actor_rows = [
        row(html_link(a.name, f"actors/{a.id}.md"), actor_cells.get(a.id, []))
        for a in sorted(d.actors, key=lambda a: (-len(ix.mentions_by_actor.get(a.id, ())), a.name.casefold()))
    ]
    topic_rows = [
        row(html_link(t.name, f"topics/{t.id}.md"), topic_cells.get(t.id, []))
        for t in sorted(d.topics, key=lambda t: t.name.casefold())
    ]
    return {
        "coverage/index.md": env.get_template("coverage.md.j2").render(
            cols=cols, actor_rows=actor_rows, topic_rows=topic_rows
        )
    }


def pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    out = actor_pages(d, ix, env)
    out.update(topic_pages(d, ix, env))
    out.update(coverage_page(d, ix, env))
    return out


__all__ = ["pages", "para_link", "source_heading", "escape", "highlight"]
