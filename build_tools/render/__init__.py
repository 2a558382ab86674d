"""render: Dossier -> {relative path under docs/: Markdown text}.

Pure: returns the pages, writes nothing. Templates live in `build_tools/templates/` (pages) and
`build_tools/templates/partials/`; a dossier overrides any of them by placing a file of the
same name in `dossier/overrides/`. Everything computed (groupings, counts, sort orders) is done
in the `pages_*` modules and passed to the templates, which only lay it out.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateNotFound,
)

from ..model import Dossier
from . import pages_analysis, pages_entities, pages_sources
from .index import Index
from .markdown import Md, code, escape, external_link, finalize, html_escape, html_text, link
from .store import Pages, PageStore, Tidy, storing, tidy

# Folders (and the home page) under docs/ that the build owns: regenerated completely each
# time. Anything else in docs/ is the curator's and is kept as it is.
GENERATED = (
    "index.md",
    "sources",
    "actors",
    "topics",
    "quotes",
    "figures",
    "timeline",
    "coverage",
    "tags",
    "assets/dossier.css",
)
STYLESHEET = "assets/dossier.css"  # from the package, or dossier/overrides/assets/dossier.css


class _OverridesLoader(FileSystemLoader):
    """dossier/overrides/, where a template that leads outside the project (a symlink) or
    nowhere counts as absent, so that the built-in one is used (load.py warns about it)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.root = folder.parent.parent.resolve()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        from ..load import outside_project

        if outside_project(self.root, Path(self.searchpath[0]) / template):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


def make_env(overrides: Path | None = None) -> Environment:
    loaders: list[BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(_OverridesLoader(overrides))
    loaders.append(PackageLoader("build_tools", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # Markdown, not HTML: escaping is done by `finalize`
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        # A page includes its partials once per item (thousands of times on a large page): the
        # files are checked once per render_site instead (see _drop_stale), not at each include.
        auto_reload=False,
    )
    env.filters["link"] = link
    env.filters["external_link"] = external_link
    env.filters["md"] = escape
    # Front matter values (title, tags) are printed by the theme as they are: HTML text, in a
    # JSON string (valid YAML, every character escaped that YAML would read otherwise).
    env.filters["yaml_str"] = lambda s: Md(json.dumps(html_text(s), ensure_ascii=False))
    env.filters["code"] = code
    env.filters["cell"] = lambda s: escape(s) if not isinstance(s, Md) else Md(" ".join(s.split()))
    env.filters["raw"] = lambda s: Md(s)
    env.filters["html"] = html_escape  # text inside a raw HTML block
    return env


@functools.lru_cache(maxsize=8)
def _shared_env(overrides: Path | None, has_overrides: bool) -> Environment:
    """One environment per overrides folder (and whether it exists), so that templates are
    compiled once per process; Jinja reloads an override whose file changed."""
    return make_env(overrides if has_overrides else None)


def render_site(dossier: Dossier, overrides: Path | None = None, store: PageStore | None = None) -> Pages:
    """Every page, sorted by path (held as UTF-8: see Pages). With `store`, the source, actor
    and topic pages whose content is unchanged since an earlier build are taken from it (see
    render_page)."""
    with storing(store, overrides):
        return _render_site(dossier, overrides)


def _drop_stale(env: Environment) -> None:
    """Forget the compiled templates whose file changed since they were loaded, so that the
    next render reads them again (what Jinja's auto_reload does at every use)."""
    if env.cache is None:
        return
    for key, template in list(env.cache.items()):
        if not template.is_up_to_date:
            del env.cache[key]


def _render_site(dossier: Dossier, overrides: Path | None) -> Pages:
    env = _shared_env(overrides, overrides is not None and overrides.is_dir())
    _drop_stale(env)
    index = Index.build(dossier)
    pages = Pages()
    for module in (pages_sources, pages_entities, pages_analysis):
        made = module.pages(dossier, index, env)
        for path in list(made):
            text = made.pop(path)  # each page's untidied text is let go as soon as it is tidied
            pages.add(path, str(text) if isinstance(text, Tidy) else tidy(text))
        del made
    assert env.loader is not None
    pages.add(STYLESHEET, env.loader.get_source(env, STYLESHEET)[0])
    return pages.sorted()


def render_template(env: Environment, name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)
