"""The site built from hostile inputs, in headless Chromium: every page opened, its links
hovered (tooltips shown), the search run on the payloads; no dialog may open, and no element or
attribute from the inputs may be in any page's DOM, whatever the theme's scripts made of it."""

from __future__ import annotations

import pytest
from conftest import serve_folder
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 15_000
HOVERS_PER_PAGE = 15  # links with a title (the tooltips) first, then others

# The DOM after the theme's scripts ran: what only an input could have put there.
FIND_INPUT_MARKUP = r"""() => {
  const bad = [];
  const foreign = new Set(['IMG', 'IFRAME', 'OBJECT', 'EMBED', 'MATH', 'B', 'FRAME', 'BASE', 'VIDEO', 'AUDIO',
                           'MARQUEE']);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) bad.push(`<${el.tagName}> ${n}=${a.value}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(n)
          && /^[\s\u0000-\u0020]*(javascript|vbscript|data):/i.test(a.value)) bad.push(`<${el.tagName}> ${n}=${a.value}`);
    }
    if (foreign.has(el.tagName)) bad.push(el.outerHTML.slice(0, 100));
    if (el.tagName === 'SCRIPT' && /alert\(/.test(el.textContent)) bad.push('script ' + el.textContent.slice(0, 60));
    if (['foreignObject', 'animate', 'set'].includes(el.tagName)) bad.push(el.outerHTML.slice(0, 100));
  }
  for (const t of document.querySelectorAll('[class*="md-tooltip"]')) {
    if (t.querySelector('img, script, iframe, svg[onload], b, [onerror], [onmouseover], [onclick]'))
      bad.push('tooltip ' + t.innerHTML.slice(0, 100));
  }
  return bad;
}"""


def _pages(site) -> list[str]:
    out = []
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        out.append("/" if rel == "." else f"/{rel}/")
    return out


def test_hostile_site_fires_no_dialog_and_holds_no_input_markup_in_chromium(hostile_built, chromium):
    root, _ = hostile_built
    site = root / "site"
    paths = _pages(site)
    assert len(paths) > 50
    dialogs: list[str] = []
    problems: list[str] = []
    errors: list[str] = []
    hovered = 0
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        with serve_folder(site) as base:
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      or route.request.url.startswith(("data:", "blob:", "about:")) else route.abort())
            page = ctx.new_page()
            current = {"path": ""}
            page.on("dialog", lambda d: (dialogs.append(f"{current['path']}: {d.type} {d.message!r}"), d.dismiss()))
            page.on("pageerror", lambda exc: errors.append(f"{current['path']}: {exc}"))
            for path in paths:
                current["path"] = path
                page.goto(base + path, timeout=TIMEOUT)
                page.wait_for_load_state("load")
                links = page.locator("a:visible")
                titled = [i for i in range(links.count()) if links.nth(i).get_attribute("title")]
                others = [i for i in range(links.count()) if i not in titled]
                for i in (titled + others)[:HOVERS_PER_PAGE]:
                    try:
                        links.nth(i).hover(timeout=2000)
                        hovered += 1
                    except PlaywrightError:  # a link scrolled away or covered: the next one
                        continue
                    if i in titled[:2]:
                        page.wait_for_timeout(250)  # let the theme show its tooltip
                problems += [f"{path}: {p}" for p in page.evaluate(FIND_INPUT_MARKUP)]
            # The theme's search renders titles and text from the index: search for the payloads.
            current["path"] = "search"
            page.goto(base + "/", timeout=TIMEOUT)
            box = page.locator("input.md-search__input")
            for query in ("alert", "onerror", "script", "img", "Minister", "Coalition"):
                if not box.is_visible():
                    page.locator("label.md-search__icon, label[for=__search]").locator("visible=true").first.click()
                box.fill("")
                box.press_sequentially(query, delay=10)
                page.wait_for_timeout(800)
                results = page.locator(".md-search-result__list a.md-search-result__link")
                for i in range(min(results.count(), 8)):
                    try:
                        results.nth(i).hover(timeout=2000)
                    except PlaywrightError:  # a result replaced while typing
                        continue
                problems += [f"search {query!r}: {p}" for p in page.evaluate(FIND_INPUT_MARKUP)]
            shown = page.locator(".md-search-result__list").inner_text()
            assert "alert(" in shown  # the payloads were found and shown, as text
    finally:
        ctx.close()
    assert hovered > len(paths) * 5
    assert dialogs == [], dialogs
    assert problems == [], problems[:30]
    assert errors == [], errors[:10]
