"""Figures compared across sources: what the figures page and the home page both show."""

from __future__ import annotations

import math
from typing import Any

from ..load import slugify
from ..model import Dossier, FigureGroup


def fmt_value(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def figure_anchor(g: FigureGroup) -> str:
    """A stable anchor for a compared quantity on the figures page ("countries-or-members-60")."""
    return slugify(f"{g.quantity} {fmt_value(g.values[0])}")


def fmt_range(low: float, high: float, bounds: str) -> str:
    """A statement's range as the figures page writes it: "60", "(60, ∞)", "[60, 70)", "[54, 66]"."""
    if low == high and bounds == "[]":
        return fmt_value(low)
    top = "∞" if math.isinf(high) else fmt_value(high)
    return f"{bounds[0]}{fmt_value(low)}, {top}{bounds[1]}"


def disagreements(d: Dossier) -> list[dict[str, Any]]:
    """Quantities whose statements cannot all be true, most sources first: the statements that
    conflict with another, as stated."""
    out = []
    for g in d.figure_groups:
        if g.verdict != "conflicting":
            continue
        involved = sorted({k for pair in g.conflicts for k in pair})
        out.append(
            {
                "quantity": g.quantity,
                "anchor": figure_anchor(g),
                "sources": g.sources,
                "stated": [g.figures[k].text for k in involved],
            }
        )
    return out
