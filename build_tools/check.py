"""`dossier check`: validate definitions and sources without building, and report gaps.

Loading validates the YAML (errors with file:line); cleaning and matching then show what the
curator may want to fix: actors never mentioned, topics without evidence, sources without a
date or with nothing left after cleaning. Writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .pipeline import clean_stage, extract_stage, load_stage
from .yamlfile import DossierError, DossierErrors


@dataclass(frozen=True)
class CheckReport:
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    summary: str

    @property
    def ok(self) -> bool:
        return not self.errors


def check_project(root: Path) -> CheckReport:
    try:
        project = load_stage(root)
    except DossierErrors as exc:  # every definition error of the run
        return CheckReport(errors=exc.messages, warnings=(), summary="definitions could not be loaded")
    except DossierError as exc:
        return CheckReport(errors=(str(exc),), warnings=(), summary="definitions could not be loaded")
    cleaned = clean_stage(project)
    dossier = extract_stage(project, cleaned)
    warnings = list(project.warnings + dossier.warnings)
    mentions, hits = dossier.mentions, dossier.topic_hits
    mentioned = {m.actor for m in mentions}
    evidenced = {h.topic for h in hits}
    for s in cleaned:
        where = f"dossier/sources/{s.file}"
        if not s.paragraphs:
            warnings.append(f"{where}: nothing left after cleaning; check its text or add keep rules")
        if not s.date:
            warnings.append(f"{where}: no date (add one in dossier/sources.yml)")
    for a in project.actors:
        if a.id not in mentioned:
            warnings.append(f"dossier/actors.yml:{a.line}: actor '{a.name}' is never mentioned in the sources")
    for t in project.topics:
        if t.id not in evidenced:
            warnings.append(f"dossier/topics.yml:{t.line}: topic '{t.name}' has no evidence in the sources")
    summary = (
        f"{len(cleaned)} sources, {len(project.actors)} actors ({len(mentioned)} mentioned, "
        f"{len(mentions)} mentions), {len(project.topics)} topics ({len(evidenced)} with evidence)"
    )
    return CheckReport(errors=(), warnings=tuple(warnings), summary=summary)
