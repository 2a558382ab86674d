"""Search that scales: from `search.pagefind_from` sources on, the hosted site is indexed by
Pagefind and its header search box answers from it (real build, real pagefind, headless Chromium)."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest
from conftest import copy_project, serve_folder

from build_tools.load import load_project
from build_tools.publish import build_project
from build_tools.yamlfile import DossierError

pytestmark = pytest.mark.slow


def with_threshold(root: Path, value: str) -> Path:
    settings = root / "dossier" / "dossier.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"search:\n  pagefind_from: {value}\n", encoding="utf-8")
    return root


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory):
    root = with_threshold(copy_project(tmp_path_factory.mktemp("pf") / "project"), "3")
    build_project(root, strict=True)
    return root


def test_below_the_threshold_material_search_stays(built_project):
    site = built_project / "site"
    assert (site / "search" / "search_index.json").is_file()
    assert not (site / "pagefind").exists()


def test_from_the_threshold_pagefind_replaces_the_lunr_index(pagefind_site):
    site = pagefind_site / "site"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert any((site / "pagefind" / "fragment").iterdir())
    assert not (site / "search" / "search_index.json").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "pagefind/pagefind-ui.js" in home and 'id="dossier-pagefind"' in home


def test_a_pagefind_build_is_byte_identical_when_repeated(pagefind_site, tmp_path):
    first = digest(pagefind_site / "site")
    again = with_threshold(copy_project(tmp_path / "again"), "3")
    build_project(again, strict=True)
    assert digest(again / "site") == first


def test_header_search_box_shows_a_pagefind_result(pagefind_site, chromium, artifacts):
    with serve_folder(pagefind_site / "site") as base:
        page = chromium.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/", wait_until="load")
        box = page.locator("#dossier-pagefind input")
        box.wait_for(state="attached", timeout=10_000)
        if not box.is_visible():  # a narrow window: the box opens from the header's button
            page.locator("label.md-header__button[for=__search]").first.click()
        box.wait_for(state="visible", timeout=10_000)
        box.click()
        t0 = time.perf_counter()
        box.fill("Kerry")
        first = page.locator("#dossier-pagefind .pagefind-ui__result-link").first
        first.wait_for(state="visible", timeout=15_000)
        elapsed = time.perf_counter() - t0
        page.screenshot(path=str(artifacts / "pagefind-search.png"))
        href = first.get_attribute("href") or ""
        page.goto(href if href.startswith("http") else f"{base}{href}", wait_until="load")
        assert "Kerry" in page.locator("article").inner_text()
        assert not errors, errors
        page.screenshot(path=str(artifacts / "pagefind-result-page.png"))
        page.close()
    print(f"first Pagefind result after {elapsed:.2f} s")


def test_typing_key_by_key_ends_on_the_results_of_the_whole_query(pagefind_site, chromium):
    """Pagefind searches 20 ms after each key (not 300): the searches for the first letters may
    run, but what stays shown is the answer for the whole word typed."""
    with serve_folder(pagefind_site / "site") as base:
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/", wait_until="load")
        box = page.locator("#dossier-pagefind input")
        box.wait_for(state="visible", timeout=10_000)
        box.click()
        box.press_sequentially("Kerry", delay=40)
        message = page.locator("#dossier-pagefind .pagefind-ui__message")
        page.wait_for_function(
            "() => (document.querySelector('#dossier-pagefind .pagefind-ui__message') || {}).textContent"
            "?.includes('Kerry')",
            timeout=15_000,
        )
        page.wait_for_timeout(600)  # any search still under way for a prefix has answered by now
        assert "Kerry" in message.inner_text()
        links = page.locator("#dossier-pagefind .pagefind-ui__result-link")
        assert links.count() >= 1
        excerpts = page.locator("#dossier-pagefind .pagefind-ui__result-excerpt").all_inner_texts()
        assert excerpts and all("kerry" in text.casefold() for text in excerpts[:3])
        page.close()


def test_the_threshold_is_checked(tmp_path):
    for bad in ("-1", "many", "true", "[3]"):
        root = with_threshold(copy_project(tmp_path / f"bad{len(bad)}{bad[0]}"), bad)
        with pytest.raises(DossierError, match=r"dossier\.yml:\d+: 'search.pagefind_from' must be"):
            load_project(root)
    root = copy_project(tmp_path / "default")
    assert load_project(root).config.pagefind_from == 1000


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_audit_of_removed_lines_is_not_searched(pagefind_site, chromium):
    """A word that appears only among a source's removed lines finds no result."""
    audits, rest = [], []
    for path in (pagefind_site / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        parts = re.split(r'(<details class="note"[^>]*>.*?</details>)', html, flags=re.S)
        audits += [_text(p) for p in parts if p.startswith('<details class="note"')]
        rest += [_text(p) for p in parts if not p.startswith('<details class="note"')]
    seen = " ".join(rest).lower()
    only_audit = sorted({w for w in re.findall(r"[A-Za-z]{6,}", " ".join(audits)) if w.lower() not in seen})
    assert only_audit, "the embedded dossier's audits name no word of their own"
    with serve_folder(pagefind_site / "site") as base:
        page = chromium.new_page()
        page.goto(f"{base}/", wait_until="load")
        # Pagefind also matches by prefix ("Conduct" finds "co-hosted"): count the results whose
        # indexed text holds the word itself.
        count = """async (word) => { const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
                                     const r = await pf.search(word);
                                     const data = await Promise.all(r.results.map(x => x.data()));
                                     return data.filter(d => d.content.toLowerCase().includes(word.toLowerCase())).length; }"""
        hits = {word: page.evaluate(count, word) for word in only_audit[:5]}
        control = page.evaluate(count, "Kerry")
        page.close()
    assert control > 0
    assert not any(hits.values()), hits


def test_hostile_text_in_a_pagefind_result_stays_text(tmp_path, chromium):
    """A source whose text holds markup: its Pagefind result shows the markup as text, runs nothing."""
    root = with_threshold(copy_project(tmp_path / "p"), "0")
    (root / "dossier" / "sources" / "hostile.txt").write_text(
        "A hostile page about Zanzibarite\n\n"
        'LISBON (Wire) - Zanzibarite officials wrote <img src=x onerror="window.__pwned=1"> and '
        "<script>window.__pwned=2</script> in a memo on Monday, the ministry said of the defaced page.\n",
        encoding="utf-8",
    )
    build_project(root, strict=True)
    with serve_folder(root / "site") as base:
        page = chromium.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/", wait_until="load")
        box = page.locator("#dossier-pagefind input")
        box.wait_for(state="attached", timeout=10_000)
        if not box.is_visible():
            page.locator("label.md-header__button[for=__search]").first.click()
        box.click()
        box.fill("Zanzibarite")
        page.locator("#dossier-pagefind .pagefind-ui__result-link").first.wait_for(state="visible", timeout=15_000)
        page.wait_for_timeout(500)
        results = page.locator("#dossier-pagefind .pagefind-ui__results")
        assert "onerror" in results.inner_text()  # the markup is shown, as text
        assert results.locator("img").count() == 0 and results.locator("script").count() == 0
        assert page.evaluate("window.__pwned === undefined")
        page.close()
    assert not dialogs


def test_summary_pages_are_left_out_of_the_pagefind_index(pagefind_site, chromium):
    """The coverage matrix, the indexes and the tags page name every actor: a search for one
    finds the sources and the actor's page, never those summaries."""
    site = pagefind_site / "site"
    assert 'data-pagefind-ignore="all"' in (site / "coverage" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-ignore="all"' not in (site / "actors" / "john-kerry" / "index.html").read_text(
        encoding="utf-8"
    )
    with serve_folder(site) as base:
        page = chromium.new_page()
        page.goto(f"{base}/", wait_until="load")
        urls = page.evaluate(
            """async () => {
                const pf = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
                const found = await pf.search("Kerry");
                return Promise.all(found.results.map(async (r) => (await r.data()).url));
            }"""
        )
        page.close()
    assert any("/sources/" in u for u in urls) and any("/actors/john-kerry/" in u for u in urls), urls
    summaries = ("/coverage/", "/tags/", "/actors/", "/topics/", "/sources/")
    assert not [u for u in urls if u.rstrip("/").endswith(tuple(s.rstrip("/") for s in summaries))], urls
