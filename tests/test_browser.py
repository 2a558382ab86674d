"""What a reader does, in headless Chromium: on the built site over http, and on the unzipped
offline bundle from file:// with every request that leaves the bundle blocked.

Each step is saved as a screenshot in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import serve_folder
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ACTOR = "John Kerry"
SEARCHED = "Stoltenberg"
SEARCHED_PAGE = "actors/jens-stoltenberg"
TIMEOUT = 15_000  # ms, for any one step
# A page's URL ending: "name/" over http, "name.html" or "name/index.html" in the bundle.
PAGE_END = r"(/|/index\.html|\.html)"


def _shot(page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=False)


def _paragraph_state(page, pid: str) -> dict:
    return page.evaluate(
        """pid => {
            const e = document.getElementById(pid);
            if (!e) return {exists: false};
            const r = e.getBoundingClientRect();
            return {exists: true, target: e.matches(':target'),
                    inView: r.bottom > 0 && r.top < window.innerHeight, text: e.textContent};
        }""",
        pid,
    )


def walk_actor_to_paragraph(page, artifacts: Path, prefix: str) -> None:
    """Home -> Actors (nav) -> the actor -> an excerpt's ¶ link -> the paragraph on its source page."""
    _shot(page, artifacts, f"{prefix}-01-home")
    page.get_by_role("link", name="Actors", exact=True).locator("visible=true").first.click()
    page.wait_for_url(re.compile(rf"/actors{PAGE_END}$"), timeout=TIMEOUT)
    _shot(page, artifacts, f"{prefix}-02-actors")
    page.locator("article a:visible", has_text=re.compile(rf"^\s*{ACTOR}\s*$")).first.click()
    page.wait_for_url(re.compile(rf"/actors/john-kerry{PAGE_END}$"), timeout=TIMEOUT)
    assert ACTOR in page.locator("article h1").inner_text()
    _shot(page, artifacts, f"{prefix}-03-actor")

    link = page.locator("article a", has_text=re.compile(r"^¶\s\d+$")).first
    href = link.get_attribute("href")
    assert href and "#" in href, href
    pid = href.split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(rf"/sources/[^/#]+{PAGE_END}#{pid}$"), timeout=TIMEOUT)
    page.wait_for_function(
        "pid => { const e = document.getElementById(pid); if (!e) return false;"
        " const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }",
        arg=pid,
        timeout=TIMEOUT,
    )
    state = _paragraph_state(page, pid)
    assert state["exists"], f"no element with id {pid}"
    assert state["target"], f"#{pid} is not :target"
    assert state["inView"], f"#{pid} is not in the viewport"
    assert state["text"].strip(), f"#{pid} is empty"
    _shot(page, artifacts, f"{prefix}-04-paragraph")


def search(page, artifacts: Path, prefix: str, query: str) -> list[str]:
    """Type `query` in the theme's search box; return the result links' hrefs."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-search__icon, label[for=__search]").locator("visible=true").first.click()
    box.click()
    results = page.locator(".md-search-result__list a.md-search-result__link")
    # The theme searches as the reader types, once its index has loaded; a query typed before
    # that is not run again, so type it again until results show (or the time is up).
    for _ in range(TIMEOUT // 1000):
        box.fill("")
        box.press_sequentially(query, delay=20)
        try:
            results.first.wait_for(state="visible", timeout=1000)
            break
        except PlaywrightTimeout:
            continue
    else:
        pytest.fail(f"no search results for {query!r}: {page.locator('.md-search-result__meta').inner_text()!r}")
    _shot(page, artifacts, f"{prefix}-05-search")
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def open_search_result(page, artifacts: Path, prefix: str, query: str, wanted: str) -> None:
    hrefs = search(page, artifacts, prefix, query)
    matching = [h for h in hrefs if wanted in h]
    assert matching, f"no result for {query!r} links to {wanted}: {hrefs}"
    # The page of the actor searched for by name comes first, above the sources naming them.
    assert wanted in hrefs[0], f"first result for {query!r} is {hrefs[0]}, not {wanted}"
    page.locator(f".md-search-result__list a.md-search-result__link[href='{matching[0]}']").first.click()
    page.wait_for_url(re.compile(re.escape(wanted) + PAGE_END + r"(\?[^#]*)?(#.*)?$"), timeout=TIMEOUT)
    assert query in page.locator("article").inner_text()
    _shot(page, artifacts, f"{prefix}-06-search-result")


@pytest.fixture
def page_factory(chromium):
    contexts = []

    def make():
        ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        contexts.append(ctx)
        return ctx, ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def test_reader_goes_from_home_to_an_actor_to_the_cited_paragraph_and_searches_over_http(
    built_project, page_factory, artifacts
):
    _, page = page_factory()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    with serve_folder(built_project / "site") as base:
        page.goto(base + "/", timeout=TIMEOUT)
        walk_actor_to_paragraph(page, artifacts, "http")
        open_search_result(page, artifacts, "http", SEARCHED, SEARCHED_PAGE)
    assert not errors, errors


def test_offline_bundle_works_from_file_urls_with_no_request_leaving_it(offline_bundle, page_factory, artifacts):
    _, folder = offline_bundle
    inside = folder.resolve().as_uri() + "/"
    ctx, page = page_factory()
    outside: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(inside) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    # Both: the route blocks what it sees, the listener records every request the page made,
    # in case some kind of request is not routed.
    ctx.route("**/*", guard)
    seen: list[str] = []
    ctx.on("request", lambda req: seen.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto((folder / "index.html").as_uri(), timeout=TIMEOUT)
    walk_actor_to_paragraph(page, artifacts, "file")
    open_search_result(page, artifacts, "file", SEARCHED, SEARCHED_PAGE)
    # Search from a page one folder down too: the worker and index paths are relative.
    hrefs = search(page, artifacts, "file-deep", ACTOR.split()[-1])
    assert any("actors/john-kerry" in h for h in hrefs), hrefs
    outside += [u for u in seen if not u.startswith((inside, "data:", "blob:", "about:"))]
    assert not outside, f"pages of the bundle requested: {sorted(set(outside))}"
    # The search ran on the bundle's own shim and inlined index (so the requests were seen).
    assert any(u.split("?")[0].endswith("/iframe-worker/shim.js") for u in seen), seen
    assert any(u.split("?")[0].endswith("/search/search_index.js") for u in seen), seen
    assert not errors, errors
