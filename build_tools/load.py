"""load: read a dossier project folder into plain data, validating as it goes.

The only stage that reads the dossier folder. It reads `dossier/dossier.yml`, `actors.yml`,
`topics.yml`, `sources.yml` and the raw files in `dossier/sources/`, and returns a `Project`.
Bad definitions raise `DossierError` naming the file and line; a source that cannot be used
(empty, binary, unknown extension) is skipped with a warning so the rest can go on.
It never writes anything.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .clean.decode import _utf16_without_bom, decode_bytes
from .model import ACTOR_KINDS, ActorDef, CleanRules, Config, PartialDate, RawSource, SourceMeta, TopicDef
from .yamlfile import (
    DossierError,
    ErrorCollector,
    Located,
    check_keys,
    did_you_mean,
    located,
    read_yaml,
    text_list,
    text_value,
)

TEXT_EXTENSIONS = (".txt", ".text", ".md")
HTML_EXTENSIONS = (".html", ".htm")
SOURCE_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS

CONFIG_KEYS = ("title", "description", "language", "site_url", "clean", "search")
CLEAN_KEYS = ("drop", "keep")
SEARCH_KEYS = ("pagefind_from",)
SOURCE_KEYS = ("title", "publisher", "date", "url", "authors", "note", "detected", "attributions")
# What `dossier add` read from the page, kept apart from the curated facts it stands in for.
DETECTED_KEYS = ("title", "publisher", "date", "url", "authors")
ACTOR_KEYS = ("id", "name", "kind", "role", "description", "aliases", "case_sensitive")
TOPIC_KEYS = ("id", "name", "description", "keywords", "patterns")

_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


@dataclass(frozen=True)
class Project:
    root: Path
    config: Config
    sources: tuple[RawSource, ...]
    actors: tuple[ActorDef, ...]
    topics: tuple[TopicDef, ...]
    warnings: tuple[str, ...] = ()


def _foreign_script(text: str) -> bool:
    """Whether `text` has a letter of a script other than Latin (Cyrillic, Arabic, CJK...)."""
    for ch in text:
        if ord(ch) > 0x24F and ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return True
    return False


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphens: stable ids for URLs and anchors.

    Accented Latin loses its accents ("Élysée" -> "elysee"); other scripts are transliterated
    with anyascii ("Министерство обороны" -> "ministerstvo-oborony", "防衛省" -> "fangweisheng")
    and followed by a short hash of the original, since two names can share a transliteration.
    A text with nothing to transliterate (symbols only) gets "item-" and its hash.
    """
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFKC", text))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    if slug and not _foreign_script(text):
        return slug
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{slug or 'item'}-{digest}"


# Page names that each folder of the site already uses for its index page.
RESERVED_IDS = frozenset({"index"})


def page_id(text: str) -> str:
    """The id of a page named after `text` (a file stem, an actor's or a topic's name): its slug,
    or, when the slug is the name of an index page, the slug and a short hash of the text."""
    slug = slugify(text)
    if slug in RESERVED_IDS:
        return f"{slug}-{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:6]}"
    return slug


def find_project(start: Path) -> Path:
    """The project folder: `start` itself, which must hold mkdocs.yml and dossier/."""
    root = start.resolve()
    if not (root / "dossier").is_dir():
        raise DossierError(
            f"{root}: not a dossier project (no dossier/ folder here); "
            "pass --project DIR or create one with 'dossier new DIR'"
        )
    return root


def load_project(root: Path, *, with_sources: bool = True) -> Project:
    root = find_project(root)
    warnings: list[str] = []
    ddir = root / "dossier"
    # Every file is checked, and every item of each, before giving up: one run reports every error.
    errors = ErrorCollector()
    config = Config(title="")
    actors: tuple[ActorDef, ...] = ()
    topics: tuple[TopicDef, ...] = ()
    metas: dict[str, tuple[SourceMeta, int]] = {}
    with errors.part():
        config = load_config(ddir / "dossier.yml", _rel(root, ddir / "dossier.yml"))
    with errors.part():
        actors = load_actors(ddir / "actors.yml", _rel(root, ddir / "actors.yml"))
    with errors.part():
        topics = load_topics(ddir / "topics.yml", _rel(root, ddir / "topics.yml"))
    with errors.part():
        metas = load_source_metas(
            ddir / "sources.yml", _rel(root, ddir / "sources.yml"), {a.id for a in actors} or None
        )
    sources: tuple[RawSource, ...] = ()
    warnings.extend(override_warnings(root))
    warnings.extend(docs_warnings(root))
    if with_sources:
        with errors.part():
            sources, source_warnings = load_sources(ddir / "sources", metas, root)
            warnings.extend(source_warnings)
    errors.raise_any()
    if with_sources:
        known = {s.file for s in sources}
        for name, (_meta, line) in sorted(metas.items()):
            if name not in known and not (ddir / "sources" / name).is_file():
                warnings.append(
                    located(
                        _rel(root, ddir / "sources.yml"),
                        line,
                        f"no source file '{name}' in dossier/sources/; entry ignored",
                    )
                )
    return Project(root=root, config=config, sources=sources, actors=actors, topics=topics, warnings=tuple(warnings))


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _compile(pattern: str, file: str, line: int, what: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise DossierError(
            located(file, line, f"{what} {pattern!r} is not a valid regular expression: {exc}")
        ) from None


def load_config(path: Path, file: str) -> Config:
    data = read_yaml(path, display=file)
    if data is None:
        raise DossierError(f"{file}: missing; it needs at least 'title: ...'")
    if not isinstance(data, Located):
        raise DossierError(f"{file}: must be a mapping of settings (title: ..., description: ...)")
    check_keys(data, CONFIG_KEYS, file, "dossier.yml")
    rules = CleanRules()
    if data.get("clean") is not None:
        clean = data["clean"]
        if not isinstance(clean, Located):
            raise DossierError(
                located(file, data.line_of("clean"), "'clean' must be a mapping with 'drop' and 'keep' lists")
            )
        check_keys(clean, CLEAN_KEYS, file, "clean")
        drop = text_list(clean, "drop", file)
        keep = text_list(clean, "keep", file)
        for key, patterns in (("drop", drop), ("keep", keep)):
            for p in patterns:
                _compile(p, file, clean.line_of(key), f"clean.{key} pattern")
        rules = CleanRules(drop=drop, keep=keep)
    language = text_value(data, "language", file, default="en")
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", language):
        raise DossierError(
            located(file, data.line_of("language"), f"'language' must be a code like 'en' or 'fr', not {language!r}")
        )
    return Config(
        title=text_value(data, "title", file, required=True),
        description=text_value(data, "description", file),
        language=language,
        site_url=text_value(data, "site_url", file),
        clean=rules,
        pagefind_from=_pagefind_from(data, file),
    )


def _pagefind_from(data: Located, file: str) -> int:
    """`search: {pagefind_from: N}`: from N sources on, the hosted site searches with Pagefind."""
    search = data.get("search")
    if search is None:
        return Config.pagefind_from
    if not isinstance(search, Located):
        raise DossierError(located(file, data.line_of("search"), "'search' must be a mapping with 'pagefind_from'"))
    check_keys(search, SEARCH_KEYS, file, "search")
    value = search.get("pagefind_from", Config.pagefind_from)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DossierError(
            located(
                file,
                search.line_of("pagefind_from"),
                f"'search.pagefind_from' must be a whole number of sources (0 or more), not {value!r}",
            )
        )
    return value


def _attributions(
    entry: Located, name: str, file: str, actor_ids: set[str] | None
) -> tuple[tuple[tuple[str, str], ...], tuple[int, ...]]:
    """`attributions: {"first words of a quote": actor-id}` of one source, checked, and the
    line of each."""
    value = entry.get("attributions")
    if value is None:
        return (), ()
    if not isinstance(value, Located):
        raise DossierError(
            located(
                file,
                entry.line_of("attributions"),
                f"'attributions' of '{name}' must map the first words of a quotation to an actor id",
            )
        )
    out: list[tuple[str, str]] = []
    lines: list[int] = []
    for start, actor in value.items():
        line = value.line_of(start)
        if not isinstance(start, str) or not start.strip():
            raise DossierError(
                located(
                    file, line, f"an attribution of '{name}' must start with the quotation's first words, in quotes"
                )
            )
        if not isinstance(actor, str) or not actor.strip():
            raise DossierError(located(file, line, f"the attribution {start!r} of '{name}' must name an actor id"))
        if actor_ids is not None and actor.strip() not in actor_ids:
            hint = difflib.get_close_matches(actor.strip(), sorted(actor_ids), n=1)
            raise DossierError(
                located(
                    file,
                    line,
                    f"unknown actor {actor.strip()!r} in the attributions of '{name}'"
                    + (f" (did you mean '{hint[0]}'?)" if hint else ""),
                )
            )
        out.append((start.strip(), actor.strip()))
        lines.append(line)
    return tuple(out), tuple(lines)


def load_source_metas(path: Path, file: str, actor_ids: set[str] | None = None) -> dict[str, tuple[SourceMeta, int]]:
    data = read_yaml(path, display=file)
    if data is None:
        return {}
    if not isinstance(data, Located):
        raise DossierError(f"{file}: must map source file names to their facts (000_x.txt: {{publisher: ...}})")
    metas: dict[str, tuple[SourceMeta, int]] = {}
    errors = ErrorCollector()
    for name, entry in data.items():
        line = data.line_of(name)
        with errors.part():
            if entry is None:
                entry = Located()
                entry.line = line
            if not isinstance(entry, Located):
                raise DossierError(
                    located(file, line, f"'{name}' must map to facts (publisher, date, url, title, authors, note)")
                )
            check_keys(entry, SOURCE_KEYS, file, f"'{name}'")
            curated = _source_facts(entry, name, file)
            found: dict[str, Any] = {}
            if entry.get("detected") is not None:
                det = entry["detected"]
                if not isinstance(det, Located):
                    raise DossierError(
                        located(
                            file,
                            entry.line_of("detected"),
                            f"'detected' of '{name}' must map facts (title, publisher, date, url, authors)",
                        )
                    )
                check_keys(det, DETECTED_KEYS, file, f"'detected' of '{name}'")
                found = _source_facts(det, name, file)
            # A value the curator writes replaces the detected one; detected ones fill the gaps.
            detected = tuple(k for k in DETECTED_KEYS if found.get(k) and not curated.get(k))
            facts = {k: curated.get(k) or found.get(k) for k in DETECTED_KEYS}
            attributions, attribution_lines = _attributions(entry, name, file, actor_ids)
            metas[name] = (
                SourceMeta(
                    title=str(facts["title"] or ""),
                    publisher=str(facts["publisher"] or ""),
                    date=facts["date"],
                    url=str(facts["url"] or ""),
                    authors=tuple(facts["authors"] or ()),
                    note=text_value(entry, "note", file),
                    detected=detected,
                    attributions=attributions,
                    attribution_lines=attribution_lines,
                ),
                line,
            )
    errors.raise_any()
    return metas


def source_date(text: str, name: str, file: str, line: int) -> PartialDate | None:
    """A curated date as a PartialDate (None when not given); DossierError at file:line when it
    is not YYYY-MM-DD, YYYY-MM or YYYY, or names no day of the calendar (2014-13-45, 2099-02-30)."""
    if not text:
        return None
    if not _DATE.match(text):
        raise DossierError(located(file, line, f"date {text!r} of '{name}' must be YYYY-MM-DD (or YYYY-MM, YYYY)"))
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise DossierError(
            located(file, line, f"date {text!r} of '{name}' is not a date of the calendar: {exc}")
        ) from None


def _source_facts(entry: Located, name: str, file: str) -> dict[str, Any]:
    """title, publisher, date, url, authors of a sources.yml entry (or its `detected:`), checked."""
    date = source_date(text_value(entry, "date", file), name, file, entry.line_of("date"))
    url = text_value(entry, "url", file)
    if url and not re.match(r"^https?://", url):
        raise DossierError(
            located(file, entry.line_of("url"), f"url {url!r} of '{name}' must start with http:// or https://")
        )
    return {
        "title": text_value(entry, "title", file),
        "publisher": text_value(entry, "publisher", file),
        "date": date,
        "url": url,
        "authors": text_list(entry, "authors", file),
    }


def outside_project(root: Path, path: Path) -> str:
    """Why `path` must not be read, or "": a symlink (or a link in a parent folder) that leads
    outside the project folder, or one that leads nowhere. Nothing outside the dossier is read."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return f"a symlink to {os.readlink(path)!r}, which does not exist" if path.is_symlink() else "not found"
    except (OSError, RuntimeError) as exc:  # a symlink loop, a folder that cannot be read
        return f"cannot be followed ({getattr(exc, 'strerror', None) or exc})"
    if not target.is_relative_to(root.resolve()):
        return f"a link to {target}, outside the project; refused"
    return ""


def docs_warnings(root: Path) -> list[str]:
    """Warnings for the hand-written files of docs/ that lead outside the project (the build
    leaves them out of the site)."""
    folder = root / "docs"
    if not folder.is_dir():
        return []
    return [
        f"{_rel(root, path)}: {refused}; left out of the site"
        for path in sorted(folder.rglob("*"))
        if (refused := outside_project(root, path))
    ]


def override_warnings(root: Path) -> list[str]:
    """Warnings for the files of dossier/overrides/ that lead outside the project (the template
    loader refuses them and uses the built-in template instead)."""
    folder = root / "dossier" / "overrides"
    warnings: list[str] = []
    if not folder.exists() and not folder.is_symlink():
        return warnings
    refused = outside_project(root, folder)
    if refused:
        return [f"{_rel(root, folder)}: {refused}; the built-in templates are used"]
    for path in sorted(folder.rglob("*")):
        refused = outside_project(root, path)
        if refused:
            warnings.append(f"{_rel(root, path)}: {refused}; the built-in template is used")
    return warnings


class Unusable(Exception):
    """A file that is not a usable source: the caller warns and skips it."""


def read_raw_file(path: Path, meta: SourceMeta = SourceMeta(), display: str | None = None) -> RawSource:
    """One raw source file as a RawSource. Raises Unusable (with the reason) for empty,
    binary, undecodable files or files of another kind."""
    rel = display or str(path)
    if path.suffix.lower() not in SOURCE_EXTENSIONS:
        raise Unusable(f"{rel}: not a source (expected {', '.join(SOURCE_EXTENSIONS)})")
    return raw_from_bytes(path.read_bytes(), path.name, meta, rel)


def raw_from_bytes(data: bytes, name: str, meta: SourceMeta = SourceMeta(), display: str | None = None) -> RawSource:
    """The bytes of a file called `name` as a RawSource; Unusable if they are not usable text."""
    rel = display or name
    if not data.strip():
        raise Unusable(f"{rel}: empty file")
    if (
        b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _utf16_without_bom(data) is None
    ):  # UTF-16 saved without its BOM is text, not binary
        raise Unusable(f"{rel}: looks binary, not text")
    try:
        text, encoding = decode_bytes(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise Unusable(f"{rel}: cannot decode the text ({exc})") from None
    suffix = Path(name).suffix.lower()
    return RawSource(
        id=page_id(Path(name).stem),
        file=name,
        format="html" if suffix in HTML_EXTENSIONS else "text",
        text=text,
        encoding=encoding,
        meta=meta,
    )


def load_sources(
    folder: Path, metas: dict[str, tuple[SourceMeta, int]], root: Path
) -> tuple[tuple[RawSource, ...], list[str]]:
    warnings: list[str] = []
    if not folder.is_dir():
        return (), [f"{_rel(root, folder)}: no sources folder; the dossier has no sources yet"]
    refused = outside_project(root, folder)
    if refused:
        return (), [f"{_rel(root, folder)}: {refused}; no sources read"]
    sources: list[RawSource] = []
    ids: dict[str, str] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        rel = _rel(root, path)
        if path.name.startswith("."):
            continue
        refused = outside_project(root, path)
        if refused:
            warnings.append(f"{rel}: {refused}; skipped")
            continue
        if path.is_dir():
            continue
        meta = metas.get(path.name, (SourceMeta(), 0))[0]
        try:
            raw = read_raw_file(path, meta, rel)
        except Unusable as exc:
            warnings.append(f"{exc}; skipped")
            continue
        if raw.id in ids:
            raise DossierError(f"{rel}: its id '{raw.id}' is the same as that of {ids[raw.id]}; rename one of them")
        ids[raw.id] = rel
        sources.append(raw)
    return tuple(sources), warnings


def _items(path: Path, file: str, what: str, errors: ErrorCollector) -> list[Located]:
    """The file's items; an item that is not a mapping is recorded in `errors` and left out."""
    data = read_yaml(path, display=file)
    if data is None:
        return []
    if not isinstance(data, list):
        raise DossierError(f"{file}: must be a list of {what} (each item starting with '- name: ...')")
    errors.messages.extend(
        f"{file}: item {i + 1} must be a mapping with at least 'name'"
        for i, item in enumerate(data)
        if not isinstance(item, Located)
    )
    return [item for item in data if isinstance(item, Located)]


def _item_id(item: Located, name: str, file: str, ids: dict[str, int], what: str) -> str:
    """The item's id (given, or the slug of its name), checked for form and uniqueness."""
    iid = text_value(item, "id", file) or page_id(name)
    if iid != slugify(iid):
        raise DossierError(
            located(file, item.line_of("id"), f"id {iid!r} must be lowercase letters, digits and hyphens")
        )
    if iid in RESERVED_IDS:
        raise DossierError(
            located(file, item.line_of("id"), f"id {iid!r} is the name of the {what}s' index page; choose another")
        )
    if iid in ids:
        raise DossierError(located(file, item.line, f"duplicate {what} id '{iid}' (first on line {ids[iid]})"))
    ids[iid] = item.line
    return iid


def load_actors(path: Path, file: str) -> tuple[ActorDef, ...]:
    actors: list[ActorDef] = []
    ids: dict[str, int] = {}
    alias_owner: dict[str, tuple[str, int]] = {}
    errors = ErrorCollector()
    for item in _items(path, file, "actors", errors):
        with errors.part():
            check_keys(item, ACTOR_KEYS, file, "an actor")
            name = text_value(item, "name", file, required=True)
            aid = _item_id(item, name, file, ids, "actor")
            kind = text_value(item, "kind", file, required=True).lower()
            if kind not in ACTOR_KINDS:
                raise DossierError(
                    located(
                        file,
                        item.line_of("kind"),
                        f"unknown kind '{kind}' for '{name}'{did_you_mean(kind, ACTOR_KINDS)}; "
                        f"use one of: {', '.join(ACTOR_KINDS)}",
                    )
                )
            case_sensitive = item.get("case_sensitive", False)
            if not isinstance(case_sensitive, bool):
                raise DossierError(
                    located(file, item.line_of("case_sensitive"), "'case_sensitive' must be true or false")
                )
            aliases: list[str] = []
            for alias in (name,) + text_list(item, "aliases", file):
                if alias in aliases:
                    continue
                key = alias.casefold()
                if key in alias_owner and alias_owner[key][0] != aid:
                    other, other_line = alias_owner[key]
                    raise DossierError(
                        located(
                            file,
                            item.line_of("aliases"),
                            f"alias '{alias}' of '{aid}' is also claimed by '{other}' (line {other_line}); "
                            "an alias must name one actor",
                        )
                    )
                alias_owner[key] = (aid, item.line)
                aliases.append(alias)
            actors.append(
                ActorDef(
                    id=aid,
                    name=name,
                    kind=kind,
                    role=text_value(item, "role", file),
                    description=text_value(item, "description", file),
                    aliases=tuple(aliases),
                    case_sensitive=case_sensitive,
                    line=item.line,
                )
            )
    errors.raise_any()
    return tuple(actors)


def load_topics(path: Path, file: str) -> tuple[TopicDef, ...]:
    topics: list[TopicDef] = []
    ids: dict[str, int] = {}
    errors = ErrorCollector()
    for item in _items(path, file, "topics", errors):
        with errors.part():
            check_keys(item, TOPIC_KEYS, file, "a topic")
            name = text_value(item, "name", file, required=True)
            tid = _item_id(item, name, file, ids, "topic")
            keywords = text_list(item, "keywords", file)
            patterns = text_list(item, "patterns", file)
            for p in patterns:
                _compile(p, file, item.line_of("patterns"), f"pattern of '{name}'")
            if not keywords and not patterns:
                raise DossierError(located(file, item.line, f"topic '{name}' needs at least one keyword or pattern"))
            topics.append(
                TopicDef(
                    id=tid,
                    name=name,
                    description=text_value(item, "description", file),
                    keywords=keywords,
                    patterns=patterns,
                    line=item.line,
                )
            )
    errors.raise_any()
    return tuple(topics)
