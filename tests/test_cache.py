"""Incremental builds: the content-addressed cache of cleaned sources and the page sync give
the bytes of a full build, and every input that matters invalidates (real builds, real mkdocs)."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import copy_project

from build_tools import pipeline
from build_tools.cache import CACHE_DIR, Cache
from build_tools.cache import key as cache_key
from build_tools.publish import build_project

pytestmark = pytest.mark.slow


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def both(root: Path) -> dict[str, dict[str, str]]:
    return {"docs": tree_digest(root / "docs"), "site": tree_digest(root / "site")}


def full_build(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, str]]:
    monkeypatch.setenv("DOSSIER_CACHE", "off")
    build_project(root)
    monkeypatch.delenv("DOSSIER_CACHE")
    assert not (root / CACHE_DIR).exists()
    return both(root)


def add_source(root: Path) -> None:
    first = sorted((root / "dossier" / "sources").iterdir())[0]
    (root / "dossier" / "sources" / "zz-added.txt").write_text(
        "An added report\n\n" + first.read_text(encoding="utf-8").replace("Kerry", "Kerry, he said,"), encoding="utf-8"
    )


def test_incremental_builds_equal_full_builds(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    inc = copy_project(tmp_path / "inc")
    build_project(inc)
    assert any((inc / CACHE_DIR).glob("*.clean"))
    first = both(inc)
    build_project(inc)  # nothing changed: every record from the cache
    assert both(inc) == first
    full = copy_project(tmp_path / "full")
    assert full_build(full, monkeypatch) == first

    add_source(inc)
    add_source(full)
    build_project(inc)
    after = both(inc)
    assert after != first and any("zz-added" in name for name in after["docs"])
    assert full_build(full, monkeypatch) == after


def test_unchanged_pages_are_not_rewritten(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    root = copy_project(tmp_path / "p")
    build_project(root)
    pages = sorted((root / "docs" / "sources").glob("*.md"))
    site_files = sorted(p for p in (root / "site").rglob("*") if p.is_file())
    old = 1_000_000_000_000_000_000
    for page in pages + site_files:
        os.utime(page, ns=(old, old))
    add_source(root)
    build_project(root)
    kept = [p for p in pages if p.stat().st_mtime_ns == old]
    assert kept, "every source page was rewritten although most did not change"
    assert (root / "docs" / "sources" / "zz-added.md").is_file()
    assert (root / "docs" / "index.md").stat().st_mtime_ns != old
    # the site likewise: unchanged files keep their times, changed and new ones do not
    kept_site = [p for p in site_files if p.is_file() and p.stat().st_mtime_ns == old]
    assert any(p.suffix == ".html" and "sources" in p.parts for p in kept_site)
    assert any(p.suffix in (".js", ".css") for p in kept_site)
    assert (root / "site" / "index.html").stat().st_mtime_ns != old
    assert (root / "site" / "sources" / "zz-added" / "index.html").stat().st_mtime_ns != old


def test_unchanged_files_are_known_from_the_manifest_and_a_changed_one_is_read(tmp_path, monkeypatch):
    """The second build knows the old site's and docs/'s bytes from the manifest the first one
    kept in the cache: it reads back none of them (only the files it wrote). A file changed
    behind the manifest's back (same size, other bytes) is read and not taken as unchanged."""
    from build_tools import publish

    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    root = copy_project(tmp_path / "p")
    build_project(root)
    assert any((root / CACHE_DIR).glob("*.written"))
    read: list[str] = []
    real = publish._file_digest
    monkeypatch.setattr(publish, "_file_digest", lambda path: read.append(path) or real(path))
    old = 1_000_000_000_000_000_000
    page = root / "site" / "sources" / "index.html"
    css = next((root / "site" / "assets").rglob("*.css"))
    build_project(root)  # nothing changed
    finals = (str(root / "site") + "/", str(root / "docs") + "/")
    assert read and not [p for p in read if p.startswith(finals)]
    # a site file changed by hand, its size kept: read back, and its new copy keeps no old time
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<html", b"<HTML", 1))
    os.utime(page, ns=(old, old))
    os.utime(css, ns=(old, old))  # times changed only: read back, found unchanged, time kept
    read.clear()
    build_project(root)
    assert str(page) in read and str(css) in read
    assert page.stat().st_mtime_ns != old and page.read_bytes() == data
    assert css.stat().st_mtime_ns == old


def _missed(root: Path) -> tuple[int, dict[str, int]]:
    """The records found and those missed by kind, but for the laid-out pages (counted by
    test_an_added_source_is_the_only_one_read_and_few_pages_are_laid_out_again)."""
    cache = Cache(root)
    pipeline.prepare(root, jobs=1, cache=cache)
    return cache.hits, {k: v for k, v in cache.missed.items() if k != "page-md"}


def test_a_changed_source_rule_fact_or_definition_invalidates(tmp_path):
    root = copy_project(tmp_path / "p")
    n = len(list((root / "dossier" / "sources").iterdir()))
    hits, missed = _missed(root)
    assert hits == 0 and missed["clean"] == n and missed["extract"] == n
    hits, missed = _missed(root)
    assert missed == {} and hits >= 2 * n

    # One source's bytes: that source (and no unrelated one) is cleaned and read again.
    sources = sorted((root / "dossier" / "sources").iterdir())
    target = sources[1]  # FRANCE 24, the only source of its publisher
    target.write_text(target.read_text(encoding="utf-8") + "\nOne more closing line of the report.\n", encoding="utf-8")
    hits, missed = _missed(root)
    assert missed == {"keys": 1, "clean": 1, "extract": 1}

    # A curated fact of one source.
    facts = root / "dossier" / "sources.yml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("publisher: FRANCE 24", "publisher: France 24 TV"), encoding="utf-8"
    )
    hits, missed = _missed(root)
    assert missed == {"clean": 1, "extract": 1}

    # An alias: nothing is cleaned again, every source's findings are made again.
    actors = root / "dossier" / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    assert "  aliases:\n    - Kerry\n" in text
    actors.write_text(
        text.replace("  aliases:\n    - Kerry\n", "  aliases:\n    - Kerry\n    - Added Alias\n", 1), encoding="utf-8"
    )
    hits, missed = _missed(root)
    assert missed == {"extract": n}

    # A cleaning rule of dossier.yml: every source is cleaned again.
    settings = root / "dossier" / "dossier.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("drop: []", "drop: ['^Photo:']"), encoding="utf-8")
    hits, missed = _missed(root)
    assert missed["clean"] == n

    # The result of a cached run is the result of an uncached one.
    assert pipeline.prepare(root, jobs=1, cache=Cache(root)).pages == pipeline.prepare(root, jobs=1).pages


def test_code_version_is_part_of_every_key():
    assert cache_key("clean", "x") != hashlib.sha256(b"x").hexdigest()
    assert cache_key("clean", "x") == cache_key("clean", "x")
    assert cache_key("clean", "x") != cache_key("clean", "y")


class _Plant:
    """A pickle that, loaded by a plain unpickler, makes a folder."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_a_planted_record_runs_nothing_and_is_replaced(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    root = copy_project(tmp_path / "p")
    build_project(root)
    expected = both(root)
    marker = tmp_path / "planted-pickle-ran"
    planted = pickle.dumps(_Plant(marker))
    records = sorted((root / CACHE_DIR).glob("*.clean"))
    for record in records:
        record.write_bytes(planted)
    cache = Cache(root)
    assert all(cache.get(r.stem, "clean") is None for r in records)
    build_project(root)
    assert not marker.exists()
    assert both(root) == expected
    assert all(r.read_bytes() != planted for r in records)


def test_the_build_removes_only_records_of_its_own_making(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    root = copy_project(tmp_path / "p")
    add_source(root)
    build_project(root)
    cache_dir = root / CACHE_DIR
    foreign = [cache_dir / "notes.txt", cache_dir / ("a" * 64 + ".clean.bak"), cache_dir / ("b" * 63 + ".clean")]
    for path in foreign:
        path.write_text("the curator's own file", encoding="utf-8")
    before = {p.name for p in cache_dir.glob("*.clean")}
    (root / "dossier" / "sources" / "zz-added.txt").unlink()
    build_project(root)
    after = {p.name for p in cache_dir.glob("*.clean")}
    assert after < before  # the added source's record went with it
    assert all(p.read_text(encoding="utf-8") == "the curator's own file" for p in foreign)
    assert (cache_dir / "CACHEDIR.TAG").is_file()


def test_a_cache_folder_that_is_a_symlink_is_not_used(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    root = copy_project(tmp_path / "p")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / CACHE_DIR).symlink_to(outside, target_is_directory=True)
    build_project(root)
    assert list(outside.iterdir()) == []
    shutil.rmtree(root / "site")


def test_unchanged_pages_are_not_converted_again(tmp_path, monkeypatch):
    """The build's hook keeps each generated page's converted HTML: a second build converts
    no generated page, one with an added source only the pages that changed, and both give the
    bytes of a full build (test_incremental_builds_equal_full_builds)."""
    from mkdocs.structure.pages import Page

    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    converted: list[str] = []
    render = Page.render

    def counting(self, config, files):
        converted.append(self.file.src_uri)
        return render(self, config, files)

    monkeypatch.setattr(Page, "render", counting)
    root = copy_project(tmp_path / "p")
    build_project(root)
    first = set(converted)
    assert "sources/index.md" in first and any(p.startswith("actors/") for p in first)
    records = {p.name for p in (root / CACHE_DIR).glob("*.page")}
    assert len(records) >= len([p for p in first if p != "about.md" and p != "method.md"]) - 5

    converted.clear()
    build_project(root)
    assert all(not p.startswith(("sources/", "actors/", "topics/")) and p != "index.md" for p in converted)

    converted.clear()
    add_source(root)
    build_project(root)
    again = set(converted)
    assert "sources/zz-added.md" in again
    unchanged = [p for p in first if p.startswith("sources/") and p not in again]
    assert unchanged, "every source page was converted again although most did not change"
    assert {p.name for p in (root / CACHE_DIR).glob("*.page")} & records  # records kept across builds


def test_an_added_source_is_the_only_one_read_and_few_pages_are_laid_out_again(tmp_path, monkeypatch):
    """Work counted, not timed: after one source is added, the per-source steps (cleaning, the
    extractors, the reading of quotations) run for that source only, and only the pages whose
    content it changes are laid out by their templates; the rest come from the cache."""
    import jinja2

    from build_tools.extract import quotes, syndication

    monkeypatch.delenv("DOSSIER_CACHE", raising=False)
    read: list[str] = []
    laid_out: list[str] = []
    reader_read, template_render = quotes._SourceReader.read, jinja2.Template.render

    def counting_read(self):  # noqa: ANN001, ANN202
        read.append(self.source.id)
        return reader_read(self)

    def counting_render(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        laid_out.append(self.name or "")
        return template_render(self, *args, **kwargs)

    monkeypatch.setattr(quotes._SourceReader, "read", counting_read)
    monkeypatch.setattr(jinja2.Template, "render", counting_render)
    shingled: list[str] = []  # the paragraphs syndication reads, by source
    shingle = syndication._paragraph

    def counting_paragraph(index, source, para, seen):  # noqa: ANN001, ANN202
        shingled.append(source.id)
        return shingle(index, source, para, seen)

    monkeypatch.setattr(syndication, "_paragraph", counting_paragraph)
    root = copy_project(tmp_path / "p")
    n = len(list((root / "dossier" / "sources").iterdir()))
    pipeline.prepare(root, jobs=1, cache=Cache(root))
    assert len(read) == n and laid_out.count("source.md.j2") == n
    actors, topics = laid_out.count("actor.md.j2"), laid_out.count("topic.md.j2")
    assert actors > 5 and topics > 3

    paragraphs = len(shingled)
    read.clear()
    laid_out.clear()
    shingled.clear()
    pipeline.prepare(root, jobs=1, cache=Cache(root))
    assert read == [] and not {"source.md.j2", "actor.md.j2", "topic.md.j2"} & set(laid_out)
    assert shingled == []

    add_source(root)
    read.clear()
    laid_out.clear()
    shingled.clear()
    cache = Cache(root)
    prepared = pipeline.prepare(root, jobs=1, cache=cache)
    assert read == ["zz-added"]
    # syndication reads the new source's paragraphs, and of the others only those it compares
    # them with (they share a shingle), and its passages are found
    others = [s for s in shingled if s != "zz-added"]
    assert "zz-added" in shingled and len(others) < paragraphs / 2
    assert any("zz-added" in {r.source for r in p.refs} for p in prepared.dossier.shared)
    assert {k: v for k, v in cache.missed.items() if k != "page-md"} == {"clean": 1, "extract": 1}
    # the new page, and the pages of the source it copies ("Also in" links) at most
    assert 1 <= laid_out.count("source.md.j2") <= 3
    assert laid_out.count("actor.md.j2") < actors and laid_out.count("topic.md.j2") < topics
    assert cache.missed["page-md"] == sum(laid_out.count(t) for t in ("source.md.j2", "actor.md.j2", "topic.md.j2"))


def test_a_changed_template_override_lays_the_pages_out_again(tmp_path):
    """A stored page is keyed by the overrides too, including an override that is a symlink to a
    file of the project whose bytes change."""
    from build_tools.render import make_env

    root = copy_project(tmp_path / "p")
    first = pipeline.prepare(root, jobs=1, cache=Cache(root)).pages
    builtin = make_env().loader.get_source(make_env(), "topic.md.j2")[0]  # type: ignore[union-attr]
    overrides = root / "dossier" / "overrides"
    overrides.mkdir(exist_ok=True)
    mine = root / "dossier" / "my-topic.md.j2"
    mine.write_text(builtin + "\nFIRST OVERRIDE\n", encoding="utf-8")
    (overrides / "topic.md.j2").symlink_to(mine)
    second = pipeline.prepare(root, jobs=1, cache=Cache(root)).pages
    topics = [p for p in second if p.startswith("topics/") and p != "topics/index.md"]
    assert topics and all("FIRST OVERRIDE" in second[p] for p in topics)
    mine.write_text(builtin + "\nSECOND OVERRIDE\n", encoding="utf-8")
    third = pipeline.prepare(root, jobs=1, cache=Cache(root)).pages
    assert all("SECOND OVERRIDE" in third[p] and "FIRST OVERRIDE" not in third[p] for p in topics)
    assert third == pipeline.prepare(root, jobs=1).pages
    assert first["topics/" + topics[0].split("/")[1]] != third[topics[0]]
