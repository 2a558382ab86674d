"""Charts drawn at build time as static SVG: the actor network and the timeline.

No script, no font or library from elsewhere: the SVG is part of the page's HTML, so that it
shows on the served site and in the offline bundle alike. The layout is deterministic (fixed
starting positions, a fixed number of steps, coordinates rounded), so the same dossier gives
the same bytes. Every label comes from a source or a YAML file and is escaped as XML text;
links point at our own pages through `dossier:` addresses (`dossier:actors/<id>.md`), which the
build's mkdocs hook turns into the right relative URL for the site or the bundle.

- `actor_network`: who is mentioned with whom (in the same paragraph), each actor a circle
  sized by its mentions and linked to its page, each pair a line as thick as their shared
  paragraphs.
- `timeline_chart`: the sources (by publication date) and the dated events they mention (per
  day), on one time axis.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date, timedelta
from html import escape as _xml
from itertools import combinations

from ..model import CleanSource, Dossier
from .markdown import Md

KIND_COLOURS = {  # one per actor kind, readable on light and dark backgrounds
    "person": "#3f51b5",
    "organisation": "#009688",
    "country": "#ef6c00",
    "group": "#c62828",
    "place": "#6d4c41",
}
MAX_ACTORS = 30  # the most mentioned; a network of hundreds is a hairball
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _text(value: object) -> str:
    """Text for an SVG element or attribute: escaped, one line."""
    return _xml(" ".join(str(value).split()), quote=True)


def _href(path: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_./#-]+", path):
        raise ValueError(f"unsafe chart link {path!r}")
    return f"dossier:{path}"


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _iso(value: object) -> str:
    """The ISO text of a date (a string, or an object with an `iso` attribute or method)."""
    iso = getattr(value, "iso", None)
    if callable(iso):
        iso = iso()
    return str(iso if iso is not None else value or "")


def _day(value: object) -> date | None:
    """A date, or the first day of a month or year; None when there is none."""
    m = _ISO.match(_iso(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


# -- actor network ----------------------------------------------------------------------------


def co_mentions(d: Dossier) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Mentions per actor, and paragraphs shared per pair of actors."""
    mentions: Counter[str] = Counter(m.actor for m in d.mentions)
    by_para: dict[tuple[str, str], set[str]] = {}
    for m in d.mentions:
        by_para.setdefault((m.source, m.paragraph), set()).add(m.actor)
    pairs: Counter[tuple[str, str]] = Counter()
    for actors in by_para.values():
        for a, b in combinations(sorted(actors), 2):
            pairs[(a, b)] += 1
    return mentions, pairs


def _layout(
    nodes: list[str], edges: dict[tuple[str, str], int], width: float, height: float, steps: int = 300
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from positions on a circle (in the nodes' order): deterministic."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (width / 2, height / 2)}
    cx, cy = width / 2, height / 2
    pos = {
        v: [cx + 0.4 * width * math.cos(2 * math.pi * i / n), cy + 0.4 * height * math.sin(2 * math.pi * i / n)]
        for i, v in enumerate(nodes)
    }
    k = math.sqrt(width * height / n)
    heaviest = max(edges.values(), default=1)
    temperature = width / 8
    for _ in range(steps):
        disp = {v: [0.0, 0.0] for v in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx = pos[a][0] - pos[b][0]
                dy = pos[a][1] - pos[b][1]
                dist = math.hypot(dx, dy) or 0.01
                force = k * k / dist
                disp[a][0] += dx / dist * force
                disp[a][1] += dy / dist * force
                disp[b][0] -= dx / dist * force
                disp[b][1] -= dy / dist * force
        for (a, b), w in edges.items():
            dx = pos[a][0] - pos[b][0]
            dy = pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 0.01
            force = dist * dist / k * (0.5 + w / heaviest)
            disp[a][0] -= dx / dist * force
            disp[a][1] -= dy / dist * force
            disp[b][0] += dx / dist * force
            disp[b][1] += dy / dist * force
        for v in nodes:
            # a weak pull to the middle keeps actors that share nothing on the canvas
            disp[v][0] += (cx - pos[v][0]) * 0.02 * k / 10
            disp[v][1] += (cy - pos[v][1]) * 0.02 * k / 10
            dx, dy = disp[v]
            dist = math.hypot(dx, dy) or 0.01
            moved = min(dist, temperature)
            pos[v][0] += dx / dist * moved
            pos[v][1] += dy / dist * moved
        temperature = max(width / 200, temperature * 0.97)
    # Fit the drawing into the canvas, with room for the labels; a lone outlier (one weak tie)
    # may not squeeze the rest, so the fit uses the second-outermost positions and clamps.
    xs = sorted(p[0] for p in pos.values())
    ys = sorted(p[1] for p in pos.values())
    lo_x, hi_x = (xs[1], xs[-2]) if n > 4 else (xs[0], xs[-1])
    lo_y, hi_y = (ys[1], ys[-2]) if n > 4 else (ys[0], ys[-1])
    margin_x, margin_y = 90, 30
    span_x = (hi_x - lo_x) or 1
    span_y = (hi_y - lo_y) or 1
    return {
        v: (
            min(width - margin_x, max(margin_x, margin_x + (p[0] - lo_x) / span_x * (width - 2 * margin_x))),
            min(height - margin_y, max(margin_y, margin_y + (p[1] - lo_y) / span_y * (height - 2 * margin_y))),
        )
        for v, p in pos.items()
    }


def _spread(
    pos: dict[str, tuple[float, float]],
    radius: dict[str, float],
    label: dict[str, int],
    width: float,
    height: float,
    rounds: int = 80,
) -> dict[str, tuple[float, float]]:
    """Push apart circles (and the labels beside them) that overlap; deterministic order."""
    p = {v: [x, y] for v, (x, y) in pos.items()}
    nodes = list(p)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx = p[b][0] - p[a][0]
                dy = p[b][1] - p[a][1]
                dist = math.hypot(dx, dy)
                need = radius[a] + radius[b] + 14
                if dist >= need:
                    # Labels on one line next to each other: move the two apart vertically.
                    wide = radius[a] + radius[b] + 3.2 * (label[a] + label[b]) + 8
                    if abs(dy) < 13 and abs(dx) < wide:
                        shift = (13 - abs(dy)) / 2 * (1 if dy >= 0 else -1)
                        p[a][1] -= shift
                        p[b][1] += shift
                        moved = True
                    continue
                if dist < 0.01:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (need - dist) / 2
                # labels run sideways: separate more vertically than horizontally
                p[a][0] -= dx / dist * push * 0.6
                p[b][0] += dx / dist * push * 0.6
                p[a][1] -= dy / dist * push + (push * 0.4 if abs(dy) < 1 else 0)
                p[b][1] += dy / dist * push + (push * 0.4 if abs(dy) < 1 else 0)
                moved = True
        for v in nodes:
            p[v][0] = min(width - 20, max(20, p[v][0]))
            p[v][1] = min(height - 14, max(14, p[v][1]))
        if not moved:
            break
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in p.items()}


_LAST_NETWORK: list[tuple[Dossier, int, int, Md]] = []  # of the last dossier drawn only


def actor_network(d: Dossier, *, width: int = 720, height: int = 480) -> Md:
    """The actor network as an inline SVG figure; empty when fewer than two actors are mentioned.
    Drawn once per dossier (the home page and the actors index show the same figure)."""
    if _LAST_NETWORK and _LAST_NETWORK[0][0] is d and _LAST_NETWORK[0][1:3] == (width, height):
        return _LAST_NETWORK[0][3]
    figure = _actor_network(d, width, height)
    _LAST_NETWORK[:] = [(d, width, height, figure)]
    return figure


def _actor_network(d: Dossier, width: int, height: int) -> Md:
    mentions, pairs = co_mentions(d)
    names = {a.id: a for a in d.actors}
    ranked = sorted((a for a in mentions if a in names), key=lambda a: (-mentions[a], names[a].name.casefold(), a))
    nodes = ranked[:MAX_ACTORS]
    if len(nodes) < 2:
        return Md("")
    keep = set(nodes)
    edges = {p: w for p, w in sorted(pairs.items()) if p[0] in keep and p[1] in keep}
    most = mentions[nodes[0]]
    radius = {v: 4 + 14 * math.sqrt(mentions[v] / most) for v in nodes}
    label = {v: len(names[v].name) for v in nodes}
    pos = _spread(_layout(nodes, edges, width, height), radius, label, width, height)
    heaviest = max(edges.values(), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="dossier-network-title"><title id="dossier-network-title">Actor network: '
        f"{len(nodes)} most mentioned actors, linked when mentioned in the same paragraph</title>"
    ]
    parts.append('<g class="edges">')
    for (a, b), w in edges.items():
        (x1, y1), (x2, y2) = pos[a], pos[b]
        parts.append(
            f'<line class="edge" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke-width="{_num(0.6 + 3.4 * w / heaviest)}" stroke-opacity="0.6"><title>'
            f"{_text(names[a].name)} and {_text(names[b].name)}: {w} paragraph{'s' if w != 1 else ''}"
            f"</title></line>"
        )
    parts.append("</g>")
    # Smaller circles last, so that they sit on top of bigger ones and stay clickable.
    for v in sorted(nodes, key=lambda v: (-mentions[v], v)):
        x, y = pos[v]
        r = radius[v]
        actor = names[v]
        colour = KIND_COLOURS.get(actor.kind, "#607d8b")
        anchor = "end" if x > width / 2 else "start"
        tx = x - r - 3 if anchor == "end" else x + r + 3
        count = mentions[v]
        parts.append(
            f'<a href="{_href("actors/" + v + ".md")}"><title>{_text(actor.name)}: '
            f"{count} mention{'s' if count != 1 else ''}</title>"
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{colour}" fill-opacity="1" stroke="#fff" stroke-width="1"/>'
            f'<text x="{_num(tx)}" y="{_num(y + 4)}" text-anchor="{anchor}">{_text(actor.name)}</text></a>'
        )
    parts.append("</svg>")
    legend = " · ".join(
        f'<span style="color:{c}">●</span> {k}'
        for k, c in KIND_COLOURS.items()
        if any(names[v].kind == k for v in nodes)
    )
    return Md(
        '<figure class="dossier-chart dossier-network" data-search-exclude="">'
        + "".join(parts)
        + f"<figcaption>Who is mentioned with whom: circles sized by mentions, lines by paragraphs "
        f"shared; each circle links to the actor's page. {legend}</figcaption></figure>"
    )


# -- timeline -----------------------------------------------------------------------------------


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Axis ticks: days for a span of weeks, months for a span of years, else years."""
    span = (last - first).days
    ticks: list[tuple[date, str]] = []
    if span <= 45:
        step = max(1, span // 8 or 1)
        day = first
        while day <= last:
            ticks.append((day, day.strftime("%d %b")))
            day += timedelta(days=step)
    elif span <= 3 * 366:
        y, m = first.year, first.month
        months = span // 30
        every = 1 if months <= 10 else 3 if months <= 30 else 6
        while date(y, m, 1) <= last:
            if date(y, m, 1) >= first and (m - 1) % every == 0:
                ticks.append((date(y, m, 1), date(y, m, 1).strftime("%b %Y")))
            m += 1
            if m > 12:
                y, m = y + 1, 1
    else:
        every = max(1, (last.year - first.year) // 8)
        for y in range(first.year, last.year + 1, every):
            if date(y, 1, 1) >= first:
                ticks.append((date(y, 1, 1), str(y)))
    return ticks


def timeline_chart(d: Dossier, *, width: int = 720) -> Md:
    """Sources by publication date and dated events per day, as an inline SVG figure; empty when
    nothing is dated."""
    source_days: list[tuple[date, CleanSource]] = []
    for s in d.sources:
        published = _day(s.date)
        if published is not None:
            source_days.append((published, s))
    source_days.sort(key=lambda x: (x[0], x[1].id))
    event_days: Counter[date] = Counter()
    for e in d.events:
        day = _day(e.date) if getattr(e, "resolved", True) else None
        if day is not None:
            event_days[day] += 1
    if source_days:
        # The sources' own span, widened; an event decades away (a war recalled in passing)
        # would squeeze everything else into a line. Those are on the timeline page.
        lo, hi = source_days[0][0], source_days[-1][0]
        margin = timedelta(days=max(30, (hi - lo).days))
        outside = sum(n for day, n in event_days.items() if not lo - margin <= day <= hi + margin)
        event_days = Counter({day: n for day, n in event_days.items() if lo - margin <= day <= hi + margin})
    else:
        outside = 0
    days = [day for day, _ in source_days] + list(event_days)
    if not days:
        return Md("")
    first, last = min(days), max(days)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    pad = max(1, (last - first).days // 20)
    first, last = first - timedelta(days=pad), last + timedelta(days=pad)
    left, right = 70, 20
    span = (last - first).days or 1

    def x(day: date) -> float:
        return left + (day - first).days / span * (width - left - right)

    bar_top, bar_base = 20, 110
    dots_y = 140
    height = 185
    most = max(event_days.values(), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="dossier-timeline-title"><title id="dossier-timeline-title">Timeline: '
        f"{sum(event_days.values())} dated events and {len(source_days)} sources</title>"
    ]
    parts.append(f'<text x="4" y="{(bar_top + bar_base) // 2}">Events</text>')
    parts.append(f'<text x="4" y="{dots_y + 4}">Sources</text>')
    parts.append(f'<line class="edge" x1="{left}" y1="{bar_base}" x2="{width - right}" y2="{bar_base}"/>')
    bar_w = max(2.0, min(12.0, (width - left - right) / span * 0.8))
    parts.append(f'<a href="{_href("timeline/index.md")}">')
    for day, n in sorted(event_days.items()):
        h = (bar_base - bar_top) * n / most
        parts.append(
            f'<rect x="{_num(x(day) - bar_w / 2)}" y="{_num(bar_base - h)}" width="{_num(bar_w)}" '
            f'height="{_num(h)}" fill="#3f51b5" fill-opacity="0.8"><title>{day.isoformat()}: '
            f"{n} event{'s' if n != 1 else ''}</title></rect>"
        )
    parts.append("</a>")
    stacked: Counter[date] = Counter()
    for day, s in source_days:
        y = dots_y - 9 * stacked[day]
        stacked[day] += 1
        parts.append(
            f'<a href="{_href("sources/" + s.id + ".md")}"><title>{_text(s.title or s.id)} '
            f"({_text(s.publisher or 'unknown publisher')}, {day.isoformat()})</title>"
            f'<circle cx="{_num(x(day))}" cy="{_num(y)}" r="4" fill="#ef6c00"/></a>'
        )
    for day, label in _ticks(first, last):
        parts.append(
            f'<line class="edge" x1="{_num(x(day))}" y1="{dots_y + 12}" x2="{_num(x(day))}" y2="{dots_y + 17}"/>'
            f'<text x="{_num(x(day))}" y="{dots_y + 32}" text-anchor="middle">{_text(label)}</text>'
        )
    parts.append("</svg>")
    return Md(
        '<figure class="dossier-chart dossier-timeline" data-search-exclude="">'
        + "".join(parts)
        + "<figcaption>Dated events the sources mention (bars, per day; they link to the timeline) and "
        "the sources by publication date (dots, each linked to its page)."
        + (
            f" {outside} event{'s' if outside != 1 else ''} further away in time {'are' if outside != 1 else 'is'} "
            "on the timeline page only."
            if outside
            else ""
        )
        + "</figcaption></figure>"
    )
