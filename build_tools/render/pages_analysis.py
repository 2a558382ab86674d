"""Quotes, figures and timeline pages: what the sources say, in numbers and in time."""

from __future__ import annotations

from collections import defaultdict

from jinja2 import Environment

from ..model import Dossier
from .index import Index
from .markdown import link
from .pages_entities import cite_link


def _ref_links(ix: Index, refs) -> list:
    return [cite_link(ix, r.source, r.paragraph) for r in refs if r.source in ix.sources]


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
    by_q: dict[str, list] = defaultdict(list)
    for f in d.figures:
        by_q[f.quantity].append(f)
    groups = []
    for quantity, figs in sorted(by_q.items(), key=lambda kv: (-len({f.source for f in kv[1]}), kv[0])):
        values = sorted({f.value for f in figs})
        rows = [{"text": f.text, "qualifier": f.qualifier, "value": f"{f.value:,.0f}" if f.value == int(f.value) else f"{f.value:,}",
                 "sentence": f.sentence, "cite": cite_link(ix, f.source, f.paragraph)}
                for f in sorted(figs, key=lambda f: (f.value, ix.source_order.index(f.source), f.paragraph))
                if f.source in ix.sources]
        groups.append({"quantity": quantity, "rows": rows, "agree": len(values) == 1,
                       "sources": len({f.source for f in figs})})
    return env.get_template("figures.md.j2").render(groups=groups, total=len(d.figures))


def timeline_page(d: Dossier, ix: Index, env: Environment) -> str:
    resolved = [e for e in d.events if e.resolved and e.source in ix.sources]
    unresolved = [e for e in d.events if not e.resolved and e.source in ix.sources]

    def row(e) -> dict:
        return {"date": e.date, "date_text": e.date_text, "text": e.text, "resolution": e.resolution,
                "cite": cite_link(ix, e.source, e.paragraph)}

    by_date: dict[str, list[dict]] = defaultdict(list)
    for e in sorted(resolved, key=lambda e: (e.date, ix.source_order.index(e.source), ix.paragraph_pos.get((e.source, e.paragraph), 0))):
        by_date[e.date].append(row(e))
    return env.get_template("timeline.md.j2").render(
        dates=[{"date": k, "events": v} for k, v in sorted(by_date.items())],
        unresolved=[row(e) for e in unresolved],
    )


def pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    return {
        "quotes/index.md": quotes_page(d, ix, env),
        "figures/index.md": figures_page(d, ix, env),
        "timeline/index.md": timeline_page(d, ix, env),
    }
