"""Figures compared across sources: what the figures page and the home page both show."""

from __future__ import annotations

from ..extract.figures import FigureGroup, group_figures
from ..load import slugify
from ..model import Dossier


def fmt_value(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def figure_anchor(g: FigureGroup) -> str:
    """A stable anchor for a compared quantity on the figures page ("countries-or-members-60")."""
    return slugify(f"{g.quantity} {fmt_value(g.values[0])}")


def disagreements(d: Dossier) -> list[dict]:
    """Quantities on which several sources give different figures, most sources first."""
    out = []
    for g in group_figures(d.figures):
        n = len({f.source for f in g.figures})
        if n > 1 and not g.agree:
            out.append({"quantity": g.quantity, "anchor": figure_anchor(g), "sources": n,
                        "stated": [f.text for f in g.figures]})
    return out
