"""Layout in headless Chromium: every page of the embedded site on a phone (390 px) and a
laptop (1280 px) is no wider than the screen, and nothing sticks out of the content except
inside a table's own horizontal scroll; a source page shows its article's first paragraph
above the fold; the coverage matrix keeps its header row in view. Screenshots go to
tests/artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import serve_folder

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"phone": (390, 844), "laptop": (1280, 800)}

# Elements of the content (and the header) that end outside the viewport and are not inside a
# horizontally scrollable box that itself fits: each one is a piece of text a reader cannot see.
OVERFLOW_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  const found = [];
  const page = document.documentElement.scrollWidth;
  if (page > vw + 1) found.push(`page is ${page}px wide on a ${vw}px screen`);
  const scrollable = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a).overflowX;
      if (s === 'auto' || s === 'scroll') {
        const r = a.getBoundingClientRect();
        if (r.left >= -1 && r.right <= vw + 1) return true;  // else a scroller that sticks out itself
      }
    }
    return false;
  };
  for (const el of document.querySelectorAll('.md-content *, .md-header *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (getComputedStyle(el).visibility === 'hidden' || el.closest('.md-search')) continue;  // closed search box
    if (r.left >= -1 && r.right <= vw + 1) continue;
    if (scrollable(el)) continue;
    const id = el.id ? '#' + el.id : '';
    const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    found.push(`${el.tagName.toLowerCase()}${id}${cls} spans ${Math.round(r.left)}..${Math.round(r.right)}px`);
    if (found.length > 10) break;
  }
  return found;
}
"""


def site_pages(site: Path) -> list[str]:
    """Every page of the site, as its URL path (directory URLs)."""
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith(("search", "assets")):
            continue
        out.append("/" if rel == "." else f"/{rel}/")
    return out


@pytest.fixture(scope="module")
def base(built_project):
    with serve_folder(built_project / "site") as url:
        yield url


@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_no_page_is_wider_than_the_screen_and_tables_scroll_inside_themselves(
    built_project, base, chromium, artifacts, device
):
    width, height = WIDTHS[device]
    ctx = chromium.new_context(viewport={"width": width, "height": height}, service_workers="block")
    try:
        page = ctx.new_page()
        pages = site_pages(built_project / "site")
        assert len(pages) > 20, pages
        problems: dict[str, list[str]] = {}
        for path in pages:
            page.goto(base + path, wait_until="load")
            found = page.evaluate(OVERFLOW_JS)
            if found:
                problems[path] = found
                page.screenshot(
                    path=str(artifacts / f"overflow-{device}-{path.strip('/').replace('/', '-') or 'home'}.png")
                )
        for name, path in (("home", "/"), ("coverage", "/coverage/"), ("actors", "/actors/")):
            page.goto(base + path, wait_until="load")
            page.screenshot(path=str(artifacts / f"layout-{device}-{name}.png"), full_page=True)
        assert not problems, problems
    finally:
        ctx.close()


def test_the_first_paragraph_of_a_source_page_is_above_the_fold(built_project, base, chromium, artifacts):
    width, height = WIDTHS["laptop"]
    ctx = chromium.new_context(viewport={"width": width, "height": height}, service_workers="block")
    try:
        page = ctx.new_page()
        sources = [p for p in site_pages(built_project / "site") if p.startswith("/sources/") and p != "/sources/"]
        assert sources
        for path in sources:
            page.goto(base + path, wait_until="load")
            box = page.evaluate("""() => { const p = document.getElementById('p1');
                const r = p.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, h: innerHeight}; }""")
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=str(artifacts / f"fold-{name}.png"))
            # The whole first paragraph, or at least its first lines, shows without scrolling.
            assert box["top"] < box["h"] - 60, (path, box)
    finally:
        ctx.close()


def test_the_coverage_matrix_is_shaded_and_keeps_its_header_in_view(built_project, base, chromium, artifacts):
    ctx = chromium.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(base + "/coverage/", wait_until="load")
        table = page.locator("article table").first
        shaded = page.evaluate("""() => [...document.querySelectorAll('article table td')]
            .filter(td => td.querySelector('.dossier-n')).map(td => getComputedStyle(td).backgroundColor)""")
        assert shaded and len(set(shaded)) > 1, shaded  # more mentions, darker cells
        header = table.locator("thead th").first
        assert page.evaluate("e => getComputedStyle(e).position", header.element_handle()) == "sticky"
        wrapper = page.evaluate("""() => { const t = document.querySelector('article table');
            const w = t.closest('.md-typeset__scrollwrap, .dossier-matrix') || t.parentElement;
            const s = getComputedStyle(w); return {overflowX: s.overflowX, scroll: w.scrollWidth, client: w.clientWidth}; }""")
        assert wrapper["overflowX"] in ("auto", "scroll"), wrapper
        page.screenshot(path=str(artifacts / "coverage-phone.png"))
    finally:
        ctx.close()
