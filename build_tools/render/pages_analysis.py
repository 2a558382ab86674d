"""Quotes, figures and timeline pages: what the sources say, in numbers and in time."""

from __future__ import annotations

from collections import defaultdict

from jinja2 import Environment

from ..model import Dossier
from .index import Index
from .markdown import link
from ..extract.figures import group_figures
from .compare import figure_anchor, fmt_value
from .pages_entities import cite_link


def _ref_links(ix: Index, refs) -> list:
    seen = dict.fromkeys((r.source, r.paragraph) for r in refs if r.source in ix.sources)
    return [cite_link(ix, source, paragraph) for source, paragraph in seen]


def quotes_page(d: Dossier, ix: Index, env: Environment) -> str:
    by_speaker: dict[str, list[dict]] = defaultdict(list)
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
    compared, single = [], []
    for g in group_figures([f for f in d.figures if f.source in ix.sources]):
        rows = [{"quantity": f.quantity, "text": f.text, "value": fmt_value(f.value), "sentence": f.sentence,
                 "cite": cite_link(ix, f.source, f.paragraph)}
                for f in sorted(g.figures, key=lambda f: (ix.source_rank[f.source],
                                                          ix.paragraph_pos.get((f.source, f.paragraph), 0)))]
        if len({f.source for f in g.figures}) > 1:
            span = fmt_value(g.values[0]) if g.agree else f"{fmt_value(g.values[0])} to {fmt_value(g.values[-1])}"
            compared.append({"quantity": g.quantity, "anchor": figure_anchor(g), "agree": g.agree, "span": span,
                             "rows": rows,
                             "sources": len({f.source for f in g.figures})})
        else:
            single.extend(rows)
    return env.get_template("figures.md.j2").render(compared=compared, single=single, total=len(d.figures))


def human_date(iso: str) -> str:
    """"2014-12-03" -> "Wednesday 3 December 2014"; "2014-08" -> "August 2014"; "2015" stays."""
    from datetime import date

    parts = iso.split("-")
    try:
        if len(parts) == 3:
            d = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{d:%A} {d.day} {d:%B %Y}"
        if len(parts) == 2:
            return f"{date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    except ValueError:
        pass
    return iso


def timeline_page(d: Dossier, ix: Index, env: Environment) -> str:
    resolved = [e for e in d.events if e.resolved and e.source in ix.sources]
    unresolved = [e for e in d.events if not e.resolved and e.source in ix.sources]

    def row(e) -> dict:
        return {"date": e.date, "date_text": e.date_text, "text": e.text, "resolution": e.resolution,
                "cite": cite_link(ix, e.source, e.paragraph)}

    by_date: dict[str, list[dict]] = defaultdict(list)
    for e in sorted(resolved, key=lambda e: (e.date, ix.source_rank[e.source], ix.paragraph_pos.get((e.source, e.paragraph), 0))):
        by_date[e.date].append(row(e))
    return env.get_template("timeline.md.j2").render(
        dates=[{"date": k, "label": human_date(k), "events": v} for k, v in sorted(by_date.items())],
        unresolved=[row(e) for e in unresolved],
    )


def pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    return {
        "quotes/index.md": quotes_page(d, ix, env),
        "figures/index.md": figures_page(d, ix, env),
        "timeline/index.md": timeline_page(d, ix, env),
    }
