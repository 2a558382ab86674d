"""Quotes, figures and timeline pages: what the sources say, in numbers and in time."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from jinja2 import Environment

from ..load import slugify
from ..model import Dossier, Event, PartialDate, SourceRef
from .compare import figure_anchor, fmt_range, fmt_value
from .index import Index
from .markdown import Md, escape, link
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
        by_speaker[key].append(
            {
                "text": q.text,
                "who": who,
                "speaker_text": q.speaker_text,
                "curated": q.origin == "curated",
                "links": _ref_links(ix, q.sources),
                "count": len({r.source for r in q.sources}),
            }
        )
    groups = [
        {"name": name, "who": items[0]["who"], "quotes": items}
        for name, items in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))
    ]
    return env.get_template("quotes.md.j2").render(groups=groups, total=len(d.quotes))


def figures_page(d: Dossier, ix: Index, env: Environment) -> str:
    compared: list[dict[str, Any]] = []
    single: list[dict[str, Any]] = []
    for g in d.figure_groups:
        order = sorted(
            range(len(g.figures)),
            key=lambda k: (
                ix.source_rank[g.figures[k].source],
                ix.paragraph_pos.get((g.figures[k].source, g.figures[k].paragraph), 0),
            ),
        )
        names = {
            k: ix.sources[g.figures[k].source].publisher or g.figures[k].source
            for k in order
            if g.figures[k].source in ix.sources
        }
        rows = []
        for k in order:
            f = g.figures[k]
            against = [
                g.figures[b if a == k else a].text
                + (f" ({names.get(b if a == k else a, '')})" if names.get(b if a == k else a) else "")
                for a, b in g.conflicts
                if k in (a, b)
            ]
            rows.append(
                {
                    "quantity": f.quantity,
                    "text": f.text,
                    "value": fmt_value(f.value),
                    "range": fmt_range(f.low, f.high, f.bounds),
                    "sentence": f.sentence,
                    "cite": cite_link(ix, f.source, f.paragraph),
                    "against": against,
                }
            )
        if g.verdict != "single":
            span = fmt_value(g.values[0]) if g.agree else f"{fmt_value(g.values[0])} to {fmt_value(g.values[-1])}"
            compared.append(
                {
                    "quantity": g.quantity,
                    "anchor": figure_anchor(g),
                    "consistent": g.verdict == "consistent",
                    "span": span,
                    "rows": rows,
                    "sources": g.sources,
                    "pairs": [f"{g.figures[a].text} / {g.figures[b].text}" for a, b in g.conflicts],
                }
            )
        else:
            single.extend(rows)
    return env.get_template("figures.md.j2").render(compared=compared, single=single, total=len(d.figures))


def human_date(when: PartialDate, period: str = "") -> str:
    """2014-12-03 -> "Wednesday 3 December 2014"; 2014-08 -> "August 2014"; 2015 stays; with a
    period: "Week of Monday 24 November 2014", "Late September 2014", "Mid 2008"."""
    day = when.first_day()
    if when.precision == "day":
        text = f"{day:%A} {day.day} {day:%B %Y}"
    elif when.precision == "month":
        text = f"{day:%B %Y}"
    else:
        text = when.iso
    if period == "week":
        return f"Week of {text}"
    if period == "mid":
        return f"Mid-{text}"
    if period in ("early", "late"):
        return f"{period.capitalize()} {text}"
    return text


def when_with_note(date_text: str, note: str) -> Md:
    """The date as written, with how it was read as a tooltip (shown on demand, not in the text)."""
    if not note:
        return escape(date_text)
    return Md(f'<span class="dossier-when" title="{html.escape(note, quote=True)}">{escape(date_text)}</span>')


def timeline_page(d: Dossier, ix: Index, env: Environment) -> str:
    """One entry per event and source paragraph: several expressions of one date in one
    paragraph ("on Tuesday ... Tuesday's talks") are one entry; vague dates are headed as such."""
    resolved = [e for e in d.events if e.date is not None and e.source in ix.sources]
    unresolved = [e for e in d.events if e.date is None and e.source in ix.sources]

    def order(e: Event) -> tuple[int, int]:
        return ix.source_rank[e.source], ix.paragraph_pos.get((e.source, e.paragraph), 0)

    def entries(events: list[Event]) -> list[dict[str, Any]]:
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for e in sorted(events, key=order):
            entry = merged.setdefault(
                (e.source, e.paragraph), {"whens": [], "texts": [], "cite": cite_link(ix, e.source, e.paragraph)}
            )
            if e.date_text.lower() not in [w[0].lower() for w in entry["whens"]]:
                entry["whens"].append((e.date_text, e.resolution))
            if e.text not in entry["texts"]:
                entry["texts"].append(e.text)
        return [
            {
                "when": Md(" · ".join(when_with_note(t, n) for t, n in v["whens"])),
                "text": " … ".join(v["texts"]),
                "cite": v["cite"],
            }
            for v in merged.values()
        ]

    by_date: dict[tuple[PartialDate, str], list[Event]] = defaultdict(list)
    for e in resolved:
        assert e.date is not None
        by_date[(e.date, e.period)].append(e)
    dates = [
        {
            "date": when.iso,
            "anchor": slugify(f"{period} {when.iso}".strip()),
            "label": human_date(when, period),
            "events": entries(events),
        }
        for (when, period), events in sorted(by_date.items(), key=lambda kv: (kv[0][0], kv[0][1] != "week", kv[0][1]))
    ]
    return env.get_template("timeline.md.j2").render(dates=dates, unresolved=entries(unresolved))


def pages(d: Dossier, ix: Index, env: Environment) -> dict[str, str]:
    return {
        "quotes/index.md": quotes_page(d, ix, env),
        "figures/index.md": figures_page(d, ix, env),
        "timeline/index.md": timeline_page(d, ix, env),
    }
