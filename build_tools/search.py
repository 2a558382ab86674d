"""search: Pagefind for the hosted site of a large dossier; material's lunr search below it.

Material's search ships one JSON index of every page, which every reader downloads and parses
before the first result: tens of megabytes at thousands of sources. From `search.pagefind_from`
sources on (dossier.yml, default 1000), `dossier build` instead leaves material's index out,
puts Pagefind's interface into the header's search dialog (a theme partial of our own, before
material's), and runs `pagefind` over the staged site before it is swapped in: Pagefind's index
is split in small fragments that a query fetches on demand. The offline bundle always keeps lunr
(Pagefind needs a web server).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

from .yamlfile import DossierError

THEME = Path(__file__).resolve().parent / "search_theme"
# What Pagefind reads of each page: the article, without the heading permalinks and without the
# collapsed audit of removed lines on source pages (a `??? note`, rendered as <details>).
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE = ".headerlink, .md-source-file, details.note"


def uses_pagefind(sources: int, pagefind_from: int) -> bool:
    return sources >= pagefind_from


def configure(cfg: Any) -> None:
    """Turn a loaded mkdocs configuration to Pagefind: our search partial before material's
    templates, and material's search plugin kept (the header shows the search box when it is
    there) but without its events, so that it indexes nothing."""
    spec = importlib.util.find_spec("material")
    origin = spec.origin if spec is not None else None
    material_dir = str(Path(origin).resolve().parent / "templates") if origin else ""
    dirs = [str(Path(d).resolve()) for d in cfg.theme.dirs]
    at = dirs.index(material_dir) if material_dir in dirs else 0
    cfg.theme.dirs.insert(at, str(THEME))
    search = cfg.plugins.get("material/search") or cfg.plugins.get("search")
    if search is None:
        return
    for event, methods in list(cfg.plugins.events.items()):
        cfg.plugins.events[event] = [m for m in methods if getattr(m, "__self__", None) is not search]


def compact(cfg: Any) -> None:
    """Leave material's search plugin without its page event, so that it indexes no page text:
    the build's hook then writes an index of titles, summaries and headings (the offline bundle
    of a large dossier, whose whole text would make an index of tens of megabytes)."""
    search = cfg.plugins.get("material/search") or cfg.plugins.get("search")
    if search is None:
        return
    methods = cfg.plugins.events.get("page_context", [])
    cfg.plugins.events["page_context"] = [m for m in methods if getattr(m, "__self__", None) is not search]


def index_site(site: Path) -> None:
    """Run Pagefind over a built site: its index and interface into site/pagefind/."""
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(site),
                "--root-selector",
                ROOT_SELECTOR,
                "--exclude-selectors",
                EXCLUDE,
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise DossierError(f"pagefind could not run: {exc}") from None
    if out.returncode != 0:
        detail = (out.stderr or out.stdout).strip().splitlines()
        raise DossierError("pagefind failed: " + (detail[-1] if detail else f"exit status {out.returncode}"))
