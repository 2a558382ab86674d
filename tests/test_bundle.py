"""bundle: the offline zip. Its config overrides, its contents, its links from disk, and its bytes."""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from build_tools.bundle import SHIM_PATH, bundle_project, default_bundle_path, external_fetches, offline_overrides
from build_tools.cli import cli
from build_tools.yamlfile import DossierError

ASSETS = Path(__file__).resolve().parents[1] / "build_tools" / "assets" / "iframe-worker"


# -- the config overrides (pure) --------------------------------------------------------------


def test_overrides_add_offline_plugin_to_a_list_and_keep_the_others():
    raw = {"plugins": ["search", {"tags": {"tags_file": "tags.md"}}]}
    out = offline_overrides(raw)
    assert out["plugins"] == ["search", {"tags": {"tags_file": "tags.md"}}, "offline"]
    assert raw["plugins"] == ["search", {"tags": {"tags_file": "tags.md"}}], "the input must not change"
    assert out["use_directory_urls"] is False


def test_overrides_enable_an_offline_plugin_that_was_disabled():
    out = offline_overrides({"plugins": ["search", {"offline": {"enabled": False}}]})
    assert out["plugins"] == ["search", {"offline": {"enabled": True}}]
    out = offline_overrides({"plugins": {"search": {}, "offline": {"enabled": False}}})
    assert out["plugins"] == {"search": {}, "offline": {"enabled": True}}


def test_overrides_drop_features_that_fetch_pages_and_web_fonts():
    raw = {
        "theme": {
            "name": "material",
            "font": {"text": "Roboto"},
            "features": [
                "navigation.instant",
                "navigation.instant.preview",
                "navigation.instant.prefetch",
                "navigation.tabs",
                "search.highlight",
            ],
        }
    }
    theme = offline_overrides(raw)["theme"]
    assert theme["features"] == ["navigation.tabs", "search.highlight"]
    assert theme["font"] is False
    assert offline_overrides({"theme": "material"})["theme"] == {"name": "material", "features": [], "font": False}


def test_overrides_name_the_local_shim_instead_of_unpkg():
    raw = {"extra": {"polyfills": ["https://unpkg.com/iframe-worker/shim", "js/other.js"], "analytics": None}}
    extra = offline_overrides(raw)["extra"]
    assert extra["polyfills"] == ["js/other.js", SHIM_PATH]
    # The offline plugin adds unpkg's shim only when no polyfill already names iframe-worker.
    assert "iframe-worker" in SHIM_PATH
    assert "analytics" in extra


def test_default_bundle_path_is_in_dist_named_after_the_title(tmp_path):
    assert default_bundle_path(tmp_path, "Water rights: 2024") == tmp_path / "dist" / "water-rights-2024-offline.zip"


def test_vendored_shim_comes_with_its_licence():
    assert (ASSETS / "shim.js").read_bytes().startswith(b'"use strict"')
    assert "IFrameWorker" in (ASSETS / "shim.js").read_text()
    assert "Permission is hereby granted" in (ASSETS / "LICENSE").read_text()


def test_external_fetches_finds_scripts_styles_and_images_from_elsewhere_but_not_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<html><head><script src="https://unpkg.com/x"></script>'
        '<link rel="stylesheet" href="//cdn.example.org/s.css"><link rel="canonical" href="https://e.org/">'
        '<script src="../assets/local.js"></script></head>'
        '<body><a href="https://example.org/article">source</a><img src="http://e.org/i.png">'
        '<img src="pic.png"><img src="/root.png"></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "s.css").write_text('@import "https://fonts.example/f.css"; a{background:url(img/x.png)}')
    assert external_fetches(tmp_path) == (
        "a/index.html: https://unpkg.com/x",
        "a/index.html: //cdn.example.org/s.css",
        "a/index.html: http://e.org/i.png",
        "a/index.html: /root.png",
        "s.css: https://fonts.example/f.css",
    )


# -- the real bundle of the embedded dossier ----------------------------------------------------


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        d = {k: v or "" for k, v in attrs}
        if d.get("id"):
            self.ids.add(d["id"])
        if tag == "a" and d.get("href"):
            self.refs.append(d["href"])
        if tag in ("script", "img") and d.get("src"):
            self.refs.append(d["src"])
        if tag == "link" and d.get("href") and "canonical" not in d.get("rel", ""):
            self.refs.append(d["href"])


def _parse(path: Path) -> _Refs:
    p = _Refs()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.mark.slow
def test_bundle_is_one_folder_with_pages_search_index_and_shim(offline_bundle):
    result, folder = offline_bundle
    with zipfile.ZipFile(result.path) as zf:
        names = zf.namelist()
        infos = zf.infolist()
    assert result.path.name == f"{result.folder}.zip"
    assert all(n.startswith(result.folder + "/") for n in names)
    assert names == sorted(names)
    assert len({i.date_time for i in infos}) == 1
    assert {i.external_attr >> 16 for i in infos if not i.is_dir()} == {0o100644}
    assert result.files == sum(1 for i in infos if not i.is_dir())
    assert not [n for n in names if n.endswith((".map", "/404.html"))]
    for rel in (
        "index.html",
        "search/search_index.js",
        SHIM_PATH,
        "assets/javascripts/iframe-worker/LICENSE",
        "actors/index.html",
        "sources/index.html",
    ):
        assert (folder / rel).is_file(), rel
    index = (folder / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index.startswith("var __index = {")
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/iframe-worker/shim.js"' in home
    assert (folder / SHIM_PATH).read_bytes() == (ASSETS / "shim.js").read_bytes()


@pytest.mark.slow
def test_no_page_of_the_bundle_loads_anything_from_elsewhere(offline_bundle):
    _, folder = offline_bundle
    assert external_fetches(folder) == ()
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, page
        assert "fonts.googleapis.com" not in text, page


@pytest.mark.slow
def test_every_link_of_the_bundle_resolves_to_a_file_and_anchor_on_disk(offline_bundle):
    _, folder = offline_bundle
    pages = sorted(folder.rglob("*.html"))
    parsed = {p: _parse(p) for p in pages}
    broken: list[str] = []
    checked = 0
    for page, refs in parsed.items():
        for ref in refs.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("mailto:", "javascript:")):
                continue
            if parts.path:
                # From file:// a folder link shows a directory listing, not the page: every link
                # must name a file.
                target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), unquote(parts.path))))
                if not target.is_file():
                    broken.append(f"{page.relative_to(folder)}: {ref}")
                    continue
            else:
                target = page
            checked += 1
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(folder)}: {ref} (no such anchor)")
    assert checked > 1000
    assert not broken, broken[:20]


@pytest.mark.slow
def test_bundle_leaves_docs_and_site_alone_and_writes_dist_by_default(project):
    docs_before = {p.relative_to(project): p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    result = CliRunner().invoke(cli, ["--project", str(project), "bundle"])
    assert result.exit_code == 0, result.output
    zips = list((project / "dist").glob("*-offline.zip"))
    assert len(zips) == 1
    assert f"bundled {zips[0]}" in result.output
    assert not (project / "site").exists()
    docs_after = {p.relative_to(project): p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert docs_after == docs_before
    assert not [p for p in project.iterdir() if p.name.startswith(".dossier")]


@pytest.mark.slow
def test_bundle_is_byte_reproducible(project, tmp_path):
    first, second = tmp_path / "one" / "site.zip", tmp_path / "two" / "site.zip"
    bundle_project(project, first)
    bundle_project(project, second)
    assert hashlib.sha256(first.read_bytes()).hexdigest() == hashlib.sha256(second.read_bytes()).hexdigest()


@pytest.mark.slow
def test_bundle_is_refused_when_the_config_loads_a_script_from_elsewhere(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nextra_javascript:\n  - https://cdn.example.org/widget.js\n",
        encoding="utf-8",
    )
    out = tmp_path / "b.zip"
    with pytest.raises(DossierError, match=r"cdn\.example\.org/widget\.js"):
        bundle_project(project, out)
    assert not out.exists()
    result = CliRunner().invoke(cli, ["--project", str(project), "bundle", "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "error: " in result.output


@pytest.mark.slow
def test_a_large_dossiers_bundle_indexes_titles_summaries_and_headings(tmp_path, chromium):
    """From `search.pagefind_from` sources on, the bundle's lunr index holds each page's title,
    a summary of at most a few hundred characters and its headings, not every paragraph; and a
    search opened from disk still finds a source by a word of its title."""
    import json

    from conftest import copy_project

    from build_tools.bundle import build_offline_site
    from build_tools.mkdocs_hooks import SUMMARY_CHARS

    def index_of(site: Path) -> list[dict]:
        text = (site / "search" / "search_index.js").read_text(encoding="utf-8")
        return json.loads(text[text.index("{") : text.rindex("}") + 1])["docs"]

    root = copy_project(tmp_path / "p")
    build_offline_site(root, tmp_path / "full")
    full = index_of(tmp_path / "full")
    settings = root / "dossier" / "dossier.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "search:\n  pagefind_from: 3\n", encoding="utf-8")
    site = tmp_path / "compact"
    build_offline_site(root, site)
    docs = index_of(site)
    assert len(json.dumps(docs)) < len(json.dumps(full)) / 2
    assert all(len(d["text"]) <= SUMMARY_CHARS + 2 for d in docs)
    assert not [d for d in docs if d["title"].startswith("¶")]  # no entry per paragraph
    sources = [d for d in docs if d["location"].startswith("sources/") and "#" not in d["location"]]
    assert len(sources) == 5 and all(d["text"] for d in sources)  # the sources index is a summary
    assert any("#" in d["location"] and d["location"].startswith("actors/") for d in docs)  # headings
    assert not [d for d in docs if d["location"].startswith(("coverage/", "tags/"))]  # summaries left out

    word = next(w for w in sources[1]["title"].split() if len(w) > 5 and w.isalpha())
    page = chromium.new_page()
    page.goto((site / "index.html").as_uri(), wait_until="load")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(word)
    page.locator(".md-search-result__list .md-search-result__item").first.wait_for(state="visible", timeout=20_000)
    page.close()
