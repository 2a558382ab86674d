"""add: bring a new raw source (a text or HTML file) into the dossier.

`add_source` copies the file into `dossier/sources/` under a name of its own that never overwrites
anything: `<date or stem>_<first 8 hex digits of its sha256>.<ext>`. It appends an entry for it
to `dossier/sources.yml` as text, after what is there, so that the curator's comments and layout
stay as they were; the values read from the text (title, publisher, date, authors) are marked
`# detected` for the curator to check. It refuses a file whose bytes are already in the dossier.

It also says what the new source brings, by running the cleaner and the extractors on it: the
actors and topics it touches, and the names `dossier suggest` would propose that it contains
(when the suggest module is present). The source file itself is copied byte for byte and never
edited; nothing else in the project is written.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .load import (
    HTML_EXTENSIONS,
    SOURCE_EXTENSIONS,
    Unusable,
    find_project,
    load_source_metas,
    raw_from_bytes,
    slugify,
)
from .model import ActorDef, CleanSource, DetectedMeta, PartialDate
from .pipeline import clean_one, clean_stage, extract_stage, load_stage
from .yamlfile import DossierError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HASH_DIGITS = 8


@dataclass(frozen=True)
class Touch:
    """An actor or topic the new source touches."""

    id: str
    name: str
    count: int  # mentions (actors) or paragraphs (topics)


@dataclass(frozen=True)
class AddReport:
    file: str  # the new file's name in dossier/sources/
    id: str  # its source id (pages live at sources/<id>/)
    original: str  # the path it was copied from
    sha256: str
    detected: tuple[tuple[str, str], ...]  # (field, value) written to sources.yml as detected
    paragraphs: int
    removed: int
    actors: tuple[Touch, ...]  # most mentioned first
    topics: tuple[Touch, ...]
    suggestions: tuple[str, ...] | None  # names to curate; None when the suggest module is absent


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_duplicate(data: bytes, folder: Path) -> str | None:
    """The name of a file in `folder` with the same bytes as `data`, if any."""
    if not folder.is_dir():
        return None
    digest = sha256_of(data)
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.stat().st_size == len(data) and sha256_of(path.read_bytes()) == digest:
            return path.name
    return None


def source_name(stem: str, date: str, digest: str, suffix: str, taken: set[str], taken_ids: set[str]) -> str:
    """`<date or stem slug>_<hash>.<ext>`: the date when the text gives one (so that the folder
    lists sources in time order), else the original name; more hash digits if ever taken."""
    base = date if date and _DATE.match(date) else slugify(stem)[:60].strip("-") or "source"
    for digits in range(HASH_DIGITS, len(digest) + 1, 4):
        name = f"{base}_{digest[:digits]}{suffix}"
        if name not in taken and slugify(Path(name).stem) not in taken_ids:
            return name
    raise DossierError(f"no free name for {stem}{suffix} in dossier/sources/")  # pragma: no cover


def _yaml_text(value: str) -> str:
    # JSON's double-quoted strings are valid YAML, with the same escapes.
    return json.dumps(value, ensure_ascii=False)


def sources_yml_entry(file: str, original: str, detected: DetectedMeta) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The text appended to sources.yml for a new source, and the (field, value) pairs in it."""
    fields: list[tuple[str, str]] = []
    lines = [f"# {file}: added from {Path(original).name}. Values marked 'detected' were read from",
             "# the text; check them, then remove the mark.",
             f"{file if re.fullmatch(r'[A-Za-z0-9][A-Za-z0-9_.-]*', file) else _yaml_text(file)}:"]
    if detected.title:
        fields.append(("title", detected.title))
        lines.append(f"  title: {_yaml_text(detected.title)}  # detected")
    if detected.publisher:
        fields.append(("publisher", detected.publisher))
        lines.append(f"  publisher: {_yaml_text(detected.publisher)}  # detected")
    if PartialDate.parse_or_none(detected.date):
        fields.append(("date", detected.date))
        lines.append(f"  date: {_yaml_text(detected.date)}  # detected")
    if detected.authors:
        fields.append(("authors", ", ".join(detected.authors)))
        lines.append(f"  authors: [{', '.join(_yaml_text(a) for a in detected.authors)}]  # detected")
    if not fields:
        lines.append("  # nothing detected: add publisher, date, url, title, authors")
    return "\n".join(lines) + "\n", tuple(fields)


def _append(path: Path, text: str) -> None:
    existing = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    if not existing:
        header = ("# Curated facts about each raw file in dossier/sources/, by file name.\n"
                  "# Keys: title, publisher, date (YYYY-MM-DD), url, authors, note.\n")
        path.write_text(header + "\n" + text, encoding="utf-8", newline="\n")
        return
    sep = "" if existing.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write(sep + "\n" + text)


def _suggestions(cleaned: list[CleanSource], new: CleanSource, actors: Sequence[ActorDef]) -> tuple[str, ...] | None:
    try:
        from .suggest import suggest_actors
    except ImportError:
        return None
    return tuple(s.name for s in suggest_actors(cleaned + [new], actors) if new.id in s.sources)


def add_source(root: Path, file: Path) -> AddReport:
    """Copy `file` into the dossier as a new source and record it in sources.yml."""
    root = find_project(root)
    suffix = file.suffix.lower()
    if suffix not in SOURCE_EXTENSIONS:
        raise DossierError(f"{file}: not a source file; use a text ({', '.join(e for e in SOURCE_EXTENSIONS if e not in HTML_EXTENSIONS)}) "
                           f"or HTML ({', '.join(HTML_EXTENSIONS)}) file")
    if not file.is_file():
        raise DossierError(f"{file}: no such file")
    data = file.read_bytes()
    try:
        provisional = raw_from_bytes(data, file.name, display=str(file))
    except Unusable as exc:
        raise DossierError(f"{exc}; not added") from None
    folder = root / "dossier" / "sources"
    duplicate = find_duplicate(data, folder)
    if duplicate:
        raise DossierError(f"{file}: already in the dossier as dossier/sources/{duplicate} (same content); not added")

    # Loading first checks the dossier's YAML (sources.yml included) before anything is written.
    project = load_stage(root)
    load_source_metas(root / "dossier" / "sources.yml", "dossier/sources.yml")
    fmt = provisional.format
    cleaned_new = clean_one(project, provisional)
    digest = sha256_of(data)
    taken = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    name = source_name(file.stem, cleaned_new.detected_meta.date, digest, ".html" if fmt == "html" else suffix,
                       taken, {s.id for s in project.sources})
    sid = slugify(Path(name).stem)
    cleaned_new = replace(cleaned_new, id=sid, file=name)

    cleaned = list(clean_stage(project))
    found = extract_stage(replace(project, sources=()), [cleaned_new])
    mentions = Counter(m.actor for m in found.mentions)
    hits = Counter(h.topic for h in found.topic_hits)
    actor_names = {a.id: a.name for a in project.actors}
    topic_names = {t.id: t.name for t in project.topics}
    entry, fields = sources_yml_entry(name, str(file), cleaned_new.detected_meta)

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(file, target)
    try:
        _append(root / "dossier" / "sources.yml", entry)
    except OSError:
        target.unlink(missing_ok=True)
        raise
    return AddReport(
        file=name,
        id=sid,
        original=str(file),
        sha256=digest,
        detected=fields,
        paragraphs=sum(1 for p in cleaned_new.paragraphs if p.kind == "paragraph"),
        removed=len(cleaned_new.removed),
        actors=tuple(Touch(a, actor_names[a], n) for a, n in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))),
        topics=tuple(Touch(t, topic_names[t], n) for t, n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))),
        suggestions=_suggestions(cleaned, cleaned_new, project.actors),
    )


def describe(report: AddReport) -> list[str]:
    """The report as lines for a person."""
    lines = [f"added dossier/sources/{report.file} (from {report.original}): "
             f"{report.paragraphs} paragraphs kept, {report.removed} lines removed"]
    if report.detected:
        lines.append("detected, written to dossier/sources.yml for you to check:")
        lines.extend(f"  {k}: {v}" for k, v in report.detected)
    else:
        lines.append("nothing detected; add its publisher and date in dossier/sources.yml")
    if report.actors:
        lines.append("actors: " + ", ".join(f"{t.name} ({t.count})" for t in report.actors))
    else:
        lines.append("actors: none of the dossier's actors is mentioned")
    if report.topics:
        lines.append("topics: " + ", ".join(f"{t.name} ({t.count})" for t in report.topics))
    else:
        lines.append("topics: none")
    if report.suggestions:
        lines.append("names to consider for actors.yml (see 'dossier suggest'): " + ", ".join(report.suggestions))
    return lines
