"""pipeline: the one place where the stages are put together.

    load -> clean -> extract -> render

Every command that needs the dossier's facts goes through here (build, bundle, serve, check,
add, export, suggest and the benchmarks), so the stages run in one order with one set of
inputs everywhere. Each stage is a pure function from the model in to the model out; only
`load_stage` reads files, and nothing here writes (publish does: see `publish.stage_site`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import parallel
from .cache import Cache
from .clean import clean_all, clean_source
from .clean.meta import parse_date
from .extract import build_dossier
from .extract.quotes import unmatched_attributions
from .load import Project, load_project
from .model import CleanSource, Dossier, PartialDate, RawSource
from .render import render_site
from .yamlfile import located

Timer = Callable[[str, Callable[[], Any]], Any]


@dataclass(frozen=True)
class Prepared:
    """What the stages made of one project: the model and, when rendered, the pages."""

    project: Project
    dossier: Dossier
    pages: Mapping[str, str]  # a render.Pages, held as UTF-8

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every warning of every stage, in stage order."""
        return self.project.warnings + self.dossier.warnings


def load_stage(root: Path) -> Project:
    """load: the project folder as plain data (DossierError on a bad definition)."""
    return load_project(root)


def clean_stage(project: Project, jobs: int | None = None, cache: Cache | None = None) -> tuple[CleanSource, ...]:
    """clean: every raw source cleaned, each knowing its siblings' shared chrome; across the
    cores for a large dossier (`jobs`: see parallel.jobs_for), with the same result. With a
    `cache`, a source whose inputs are unchanged is not cleaned again (see cache.py)."""
    n = parallel.jobs_for(len(project.sources), jobs)
    if cache is not None:
        return tuple(parallel.clean_cached(project.sources, project.config.clean, n, cache))
    if n <= 1:
        return clean_all(project.sources, project.config.clean)
    return tuple(parallel.clean_many(project.sources, project.config.clean, n))


def clean_one(project: Project, raw: RawSource) -> CleanSource:
    """clean one source that is not (yet) in the project, against the project's sources."""
    return clean_source(raw, project.config.clean, project.sources)


def extract_stage(
    project: Project,
    cleaned: Sequence[CleanSource],
    timed: Timer | None = None,
    jobs: int | None = None,
    cache: Cache | None = None,
    date_notes: tuple[str, ...] | None = None,
) -> Dossier:
    """extract: cleaned sources + definitions -> the Dossier, with the cleaner's own warnings.
    `timed(name, step)`, when given, runs each extractor (the benchmarks measure them with it).
    For a large dossier the extractors whose findings are per source run first across the cores
    (timed as "per source": with the reading of each source's quotations, whose merge across the
    dossier is timed as "quotes"), and build_dossier is handed their results; with a `cache`,
    those of a source whose cleaned record, definitions and attributions are unchanged come
    from it. `date_notes`: the warnings of `date_warnings(project, cleaned)`, when they were
    found before the raw texts were let go (see `without_texts`)."""
    attributions = {r.id: r.meta.attributions for r in project.sources if r.meta.attributions}
    n = parallel.jobs_for(len(cleaned), jobs)
    if n > 1 or cache is not None:
        ordered = tuple(sorted(cleaned, key=lambda s: s.id))

        def run() -> dict[str, Any]:
            return parallel.per_source_parts(ordered, project.actors, project.topics, n, cache, attributions)

        parts = timed("per source", run) if timed is not None else run()

        def merge() -> Any:
            return parallel.merge_quotes(parts["quotes"])

        parts["quotes"] = timed("quotes", merge) if timed is not None else merge()
        if cache is not None:
            cached = cache

            def shared() -> Any:
                return parallel.shared_passages(ordered, cached)

            parts["shared"] = timed("shared", shared) if timed is not None else shared()
        dossier = build_dossier(
            project.config,
            ordered,
            project.actors,
            project.topics,
            parallel.substituting(parts, timed, set()),
            attributions=attributions,
        )
    elif timed is None:
        dossier = build_dossier(project.config, cleaned, project.actors, project.topics, attributions=attributions)
    else:
        dossier = build_dossier(project.config, cleaned, project.actors, project.topics, timed, attributions)
    notes = date_warnings(project, dossier.sources) if date_notes is None else date_notes
    notes += unmatched_attributions(project.sources, dossier.quotes)
    return replace(dossier, warnings=notes + dossier.warnings)


def date_warnings(project: Project, cleaned: Sequence[CleanSource]) -> tuple[str, ...]:
    """The warning of each source whose publication date read from the text names no day of the
    calendar, in source id order (the only use of the raw texts after cleaning)."""
    raws = {r.id: r for r in project.sources}
    ordered = sorted(cleaned, key=lambda s: s.id)
    return tuple(w for s in ordered if (w := _impossible_detected_date(s, raws.get(s.id))))


def without_texts(project: Project) -> Project:
    """The project with its raw sources' texts let go (their facts kept): once cleaned, the
    stages after clean read the cleaned records only, and the texts are the largest part of the
    project (63 MB of text at 10,000 generated sources)."""
    return replace(project, sources=tuple(replace(r, text="") for r in project.sources))


def _impossible_detected_date(source: CleanSource, raw: RawSource | None) -> str:
    """A warning when the publication date read from the text names no day of the calendar
    ("Published: 31 February 2016"): the cleaner read it, the model leaves it out."""
    detected = source.detected_meta.date
    if not detected or PartialDate.parse_or_none(detected) is not None:
        return ""
    line = 0
    if raw is not None and raw.format == "text":
        line = next((n for n, text in enumerate(raw.text.splitlines(), 1) if parse_date(text) == detected), 0)
    return located(
        f"dossier/sources/{source.file}", line, f"impossible publication date {detected} in the text; ignored"
    )


def render_stage(project: Project, dossier: Dossier, cache: Cache | None = None) -> Mapping[str, str]:
    """render: the Dossier as Markdown pages, with the project's template overrides; with a
    `cache`, a page whose template and content are unchanged is taken from it."""
    return render_site(dossier, project.root / "dossier" / "overrides", cache)


@contextlib.contextmanager
def fewer_collections() -> Iterator[Callable[[], None]]:
    """Run the preparation with less of Python's cyclic garbage collector, which at its default
    thresholds walks every live object again and again while the stages allocate millions of
    small tuples and dicts (a third of the time of syndication at 3,000 sources). Inside, the
    collector runs after 50,000 new objects rather than 700, and `settle()`, called after each
    stage, freezes what the stages made so far out of its walks. Reference counting frees
    everything else as before; the results are the same."""
    old = gc.get_threshold()
    gc.set_threshold(50_000, old[1], old[2])
    try:
        yield gc.freeze
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def model(root: Path, jobs: int | None = None, cache: Cache | None = None) -> tuple[Project, Dossier]:
    """load -> clean -> extract; nothing written but `cache`'s records when given."""
    with fewer_collections() as settle:
        project = load_stage(root)
        settle()
        cleaned = clean_stage(project, jobs, cache)
        notes = date_warnings(project, cleaned)
        project = without_texts(project)
        settle()
        return project, extract_stage(project, cleaned, jobs=jobs, cache=cache, date_notes=notes)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def prepare(
    root: Path,
    on_stage: Callable[[str, str], None] | None = None,
    *,
    jobs: int | None = None,
    cache: Cache | None = None,
) -> Prepared:
    """load -> clean -> extract -> render; nothing written but `cache`'s records when given.
    `on_stage(stage, detail)` is told as each stage starts (the CLI's progress)."""
    stage = on_stage or (lambda name, detail: None)
    with fewer_collections() as settle:
        stage("load", "")
        project = load_stage(root)
        settle()
        stage("clean", _plural(len(project.sources), "source"))
        cleaned = clean_stage(project, jobs, cache)
        notes = date_warnings(project, cleaned)
        project = without_texts(project)
        settle()
        stage("extract", f"{_plural(len(project.actors), 'actor')}, {_plural(len(project.topics), 'topic')}")
        dossier = extract_stage(project, cleaned, jobs=jobs, cache=cache, date_notes=notes)
        settle()
        stage("render", _plural(len(dossier.mentions), "mention"))
        return Prepared(project, dossier, render_stage(project, dossier, cache))
