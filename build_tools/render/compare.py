"""Figures compared across sources: what the figures page and the home page both show."""

from __future__ import annotations

from typing import Any

from ..load import slugify
from ..model import Dossier, FigureGroup


def fmt_value(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def figure_anchor(g: FigureGroup) -> str:
    """A stable anchor for a compared quantity on the figures page ("countries-or-members-60")."""
    return slugify(f"{g.quantity} {fmt_value(g.values[0])}")


def disagreements(d: Dossier) -> list[dict[str, Any]]:
    """Quantities on which several sources give different figures, most sources first."""
    return [{"quantity": g.quantity, "anchor": figure_anchor(g), "sources": g.sources,
             "stated": [f.text for f in g.figures]}
            for g in d.figure_groups if g.verdict == "differ"]
