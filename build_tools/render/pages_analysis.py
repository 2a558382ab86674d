"""Quotes, figures and timeline pages: what the sources say, in numbers and in time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from jinja2 import Environment

from ..model import Dossier, Event, PartialDate, SourceRef
from .compare import figure_anchor, fmt_value
from .index import Index
from .markdown import Md, link
from .pages_entities import cite_link


def _ref_links(ix: Index, refs: Iterable[SourceRef]) -> list[Md]:
    seen = dict.fromkeys((r.source, r.paragraph) for r in refs if r.source in ix.sources)
    return [cite_link(ix, source, paragraph) for source, paragraph in seen]


def quotes_page(d: Dossier, ix: Index, env: Environment) -> str:
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in d.quotes:
        if q.speaker and q.speaker in ix.actors:
            key = ix.actors[q.speaker].name
            who = link(key, f"../actors/{q.speaker}.md")
        else:
            key = q.speaker_text or "Unattributed"
            who = None
        by_speaker[key].append({"text": q.text, "who": who, "speaker_text": q.speaker_text,
                                "links": _ref_links(ix, q.sources), "count": len({r.source for r in q.sources})})
    groups = [{"name": name, "who": items[0]["who"], "quotes": items}
              for name, items in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))]
    return env.get_template("quotes.md.j2").render(groups=groups, total=len(d.quotes))


def figures_page(d: Dossier, ix: Index, env: Environment) -> str:
    compared: list[dict[str, Any]] = []
    single: list[dict[str, Any]] = []
    for g in d.figure_groups:
        rows = [{"quantity": f.quantity, "text": f.text, "value": fmt_value(f.value), "sentence": f.sentence,
                 "cite": cite_link(ix, f.source, f.paragraph)}
                for f in sorted(g.figures, key=lambda f: (ix.source_rank[f.source],
                                                          ix.paragraph_pos.get((f.source, f.paragraph), 0)))]
        if g.verdict != "single":
            span = fmt_value(g.values[0]) if g.agree else f"{fmt_value(g.values[0])} to {fmt_value(g.values[-1])}"
            compared.append({"quantity": g.quantity, "anchor": figure_anchor(g), "agree": g.agree, "span": span,
                             "rows": rows, "sources": g.sources})
        else:
            single.extend(rows)
    return env.get_template("figures.md.j2").render(compared=compared, single=single, total=len(d.figures))


def human_date(when: PartialDate) -> str:
    """2014-12-03 -> "Wednesday 3 December 2014"; 2014-08 -> "August 2014"; 2015 stays."""
    day = when.first_day()
    if when.precision == "day":
        return f"{day:%A} {day.day} {day:%B %Y}"
    if when.precision == "month":
        return f"{day:%B %Y}"
    return when.iso


def timeline_page(d: Dossier, ix: Index, env: Environment) -> str:
    resolved = [e for e in d.events if e.date is not None and e.source in ix.sources]
    unresolved = [e for e in d.events if e.date is None and e.source in ix.sources]

    def row(e: Event) -> dict[str, Any]:
        return {"date": e.date.iso if e.date else "", "date_text": e.date_text, "text": e.text,
                "resolution": e.resolution, "cite": cite_link(ix, e.source, e.paragraph)}

    by_date: dict[PartialDate, list[dict[str, Any]]] = defaultdict(list)
    for e in sorted(resolved, key=lambda e: (e.date, ix.source_rank[e.source], ix.paragraph_pos.get((e.source, e.paragraph), 0))):
        assert e.date is not None
        by_date[e.date].append(row(e))
    return env.get_template("timeline.md.j2").render(
        dates=[{"date": k.iso, "label": human_date(k), "events": v} for k, v in sorted(by_date.items())],
        unresolved=[row(e) for e in unresolved],
    )


def pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    return {
        "quotes/index.md": quotes_page(d, ix, env),
        "figures/index.md": figures_page(d, ix, env),
        "timeline/index.md": timeline_page(d, ix, env),
    }
