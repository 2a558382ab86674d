"""add: bring a new raw source (a text or HTML file) into the dossier.

`add_source` copies the file into `dossier/sources/` under a name of its own that never overwrites
anything: `<date or stem>_<first 8 hex digits of its sha256>.<ext>`. It adds an entry for it at the end
of `dossier/sources.yml` (after the curator's text, which stays byte for byte as it was), with
what was read from the page under `detected:` (title, publisher, date, url, authors): the site
shows those as *(detected)* until the curator writes a value of their own next to them. It
refuses a file whose bytes are already in the dossier.

A saved HTML page's facts are read the way the page states them: its meta tags and JSON-LD
(`og:site_name` for the publisher, else the site name after the headline in `<title>`, never
the headline itself; `og:title`; `article:published_time`; `og:url` or the canonical link;
authors' names without their job titles), then what trafilatura reads, then the text.

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

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
from .yamledit import add_mapping_entry
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
    detected: tuple[tuple[str, str], ...]  # (field, value) written to sources.yml under `detected:`
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


@dataclass(frozen=True)
class PageFacts:
    """What a page says about itself; empty when it does not say."""

    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()


# Words of a job title or a place line after an author's name ("Senior Correspondent",
# "BBC News, Madrid", "correspondante"): never part of the name itself.
_ROLE_WORDS = frozenset(
    """correspondent correspondante correspondant reporter editor editrice redacteur writer columnist
    staff contributor contributing analyst bureau chief senior junior journalist journaliste producer
    photographer news desk deputy associate special international political economics science
    environment health political reporter envoy envoyee envoye""".split()
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$|^(?:de|da|del|der|van|von|al|el|bin|ibn|la|le|du|dos|di)$")


def _clean_text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _author_names(raw: str) -> list[str]:
    """Names from an author line: "By Ana Ruiz and Tom Kerr", "Emma Pinedo, Senior Correspondent",
    "Sandrine Morel (Madrid, correspondante)" -> the names only."""
    text = re.sub(r"\([^)]*\)", " ", raw)
    text = re.sub(r"^\s*(?:by|par|von|door|por)\s+", "", text, flags=re.IGNORECASE)
    names: list[str] = []
    for part in re.split(r"\s*(?:[,;|/&]|\band\b|\bet\b|\bund\b|\by\b)\s*", text):
        part = " ".join(part.split()).strip(" .-")
        words = part.split()
        if not words or len(words) > 5 or part.startswith(("http://", "https://")):
            continue
        if any(w.lower().strip(".") in _ROLE_WORDS for w in words):
            continue
        if len(words) < 2 or not all(_NAME_WORD.match(w) for w in words):
            continue
        if part not in names:
            names.append(part)
    return names


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:  # an lxml tree
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def page_facts(html: str) -> PageFacts:
    """The facts a saved HTML page states about itself (see the module docstring)."""
    import lxml.html
    from trafilatura import extract_metadata

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return PageFacts()
    meta: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean_text(el.get("content"))
        if key and value and key not in meta:
            meta[key] = value
    canonical = ""
    for el in tree.iter("link"):
        if (el.get("rel") or "").strip().lower() == "canonical":
            canonical = _clean_text(el.get("href"))
            break
    title_el = tree.find(".//title")
    page_title = _clean_text(title_el.text_content()) if title_el is not None else ""
    ld_items = list(_json_ld(tree))
    try:
        traf = extract_metadata(html)
    except Exception:  # trafilatura on a broken page: the meta tags are all we have
        traf = None

    headline = (
        meta.get("og:title")
        or meta.get("twitter:title")
        or next((_clean_text(i.get("headline")) for i in ld_items if _clean_text(i.get("headline"))), "")
    )
    parts = _TITLE_SEPARATORS.split(page_title) if page_title else []
    # "Headline | Section | Site": the last part, when short and capitalised like a name
    suffix = parts[-1] if len(parts) > 1 and len(parts[-1].split()) <= 5 and parts[-1][:1].isupper() else ""
    headline = headline or (" - ".join(parts[:-1]) if suffix else page_title) or _clean_text(getattr(traf, "title", ""))

    def not_headline(name: str) -> str:
        return "" if not name or name.casefold() in (headline.casefold(), page_title.casefold()) else name

    ld_publisher = ""
    for item in ld_items:
        pub = item.get("publisher")
        if isinstance(pub, dict) and _clean_text(pub.get("name")):
            ld_publisher = _clean_text(pub.get("name"))
            break
    publisher = (
        not_headline(meta.get("og:site_name", ""))
        or not_headline(ld_publisher)
        or not_headline(suffix)
        or not_headline(_clean_text(getattr(traf, "sitename", "")))
    )
    if publisher[:1].islower():
        publisher = publisher[0].upper() + publisher[1:]  # "the Guardian" -> "The Guardian"

    authors: list[str] = []
    for item in ld_items:
        people = item.get("author")
        for person in people if isinstance(people, list) else [people]:
            name = _clean_text(person.get("name")) if isinstance(person, dict) else _clean_text(person)
            authors.extend(n for n in _author_names(name) if n not in authors)
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
        if not authors and meta.get(key):
            authors.extend(_author_names(meta[key]))
    if not authors and traf is not None and traf.author:
        authors.extend(_author_names(traf.author.replace(";", ",")))

    date = ""
    for key in ("article:published_time", "datepublished", "date", "dc.date", "pubdate"):
        value = meta.get(key, "")[:10]
        if _DATE.match(value):
            date = value
            break
    if not date:
        for item in ld_items:
            value = _clean_text(item.get("datePublished"))[:10]
            if _DATE.match(value):
                date = value
                break
    if not date and traf is not None and _DATE.match((traf.date or "")[:10]):
        date = (traf.date or "")[:10]

    url = next(
        (
            u
            for u in (meta.get("og:url", ""), canonical, _clean_text(getattr(traf, "url", "")))
            if re.match(r"^https?://[^\s<>\"']+$", u)
        ),
        "",
    )
    # A hostile or broken page may state anything at any length: keep what a person would write.
    return PageFacts(
        title=headline[:300],
        publisher=publisher[:120] if len(publisher) <= 120 else "",
        date=date,
        url=url if len(url) <= 2000 else "",
        authors=tuple(a for a in authors if len(a) <= 80)[:12],
    )


def detected_facts(page: PageFacts, found: DetectedMeta) -> dict[str, str | list[str]]:
    """The `detected:` mapping of a new source: the page's own facts first, then the text's."""
    facts: dict[str, str | list[str]] = {}
    for key in ("title", "publisher", "date", "url"):
        value = getattr(page, key) or getattr(found, key, "")
        if value and (key != "date" or PartialDate.parse_or_none(value)):
            facts[key] = value
    # The text's byline may carry a job title ("Maria Lopez, Water correspondent"): names only.
    from_text = [n for a in found.authors for n in _author_names(a)] or list(found.authors)
    authors = list(page.authors) or from_text
    if authors:
        facts["authors"] = authors
    return facts


def record_source(path: Path, file: str, original: str, facts: dict[str, str | list[str]]) -> None:
    """Add the entry of a new source at the end of sources.yml, its facts as detected."""
    note = (
        f"{file}: added from {Path(original).name}. 'detected' holds what was read from it;\n"
        "a value written next to it (publisher: ..., date: ...) replaces the detected one."
    )
    add_mapping_entry(path, "dossier/sources.yml", file, {"detected": facts} if facts else {}, comment=note)


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
        raise DossierError(
            f"{file}: not a source file; use a text ({', '.join(e for e in SOURCE_EXTENSIONS if e not in HTML_EXTENSIONS)}) "
            f"or HTML ({', '.join(HTML_EXTENSIONS)}) file"
        )
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
    facts = detected_facts(page_facts(provisional.text) if fmt == "html" else PageFacts(), cleaned_new.detected_meta)
    digest = sha256_of(data)
    taken = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    name = source_name(
        file.stem,
        str(facts.get("date", "")),
        digest,
        ".html" if fmt == "html" else suffix,
        taken,
        {s.id for s in project.sources},
    )
    sid = slugify(Path(name).stem)
    cleaned_new = replace(cleaned_new, id=sid, file=name)

    cleaned = list(clean_stage(project))
    found = extract_stage(replace(project, sources=()), [cleaned_new])
    mentions = Counter(m.actor for m in found.mentions)
    hits = Counter(h.topic for h in found.topic_hits)
    actor_names = {a.id: a.name for a in project.actors}
    topic_names = {t.id: t.name for t in project.topics}
    fields = tuple((k, ", ".join(v) if isinstance(v, list) else v) for k, v in facts.items())

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(file, target)
    try:
        record_source(root / "dossier" / "sources.yml", name, str(file), facts)
    except (OSError, DossierError):
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


def plural(n: int, word: str) -> str:
    """ "1 line", "2 lines", "0 lines"."""
    return f"{n} {word if n == 1 else word + 's'}"


def describe(report: AddReport) -> list[str]:
    """The report as lines for a person."""
    lines = [
        f"added dossier/sources/{report.file} (from {report.original}): "
        f"{plural(report.paragraphs, 'paragraph')} kept, {plural(report.removed, 'line')} removed"
    ]
    if report.detected:
        lines.append("detected, written to dossier/sources.yml under 'detected:' for you to check:")
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
