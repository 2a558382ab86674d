"""Search a reader can use: summary pages (tags, coverage, indexes) are not in the index, a
source is found by its matching paragraph (not the start of its text, not its list of actors),
and the actors and topics are tags of their own pages only."""

from __future__ import annotations

import json
import re

import pytest
from conftest import serve_folder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def index(built_project):
    return json.loads((built_project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_summary_pages_are_left_out_of_search(index):
    pages = {d["location"].split("#")[0] for d in index}
    for summary in ("tags/", "coverage/", "actors/", "topics/", "sources/"):
        assert summary not in pages, summary
    assert "actors/john-kerry/" in pages and any(p.startswith("sources/0") for p in pages)


def test_a_source_is_indexed_paragraph_by_paragraph_without_its_entity_lists_or_tags(index, built_project):
    source = [d for d in index if d["location"].startswith("sources/000-")]
    page, paragraphs = source[0], source[1:]
    assert page["location"] == "sources/000-6da2900302d33055/" and "#" not in page["location"]
    assert [d["location"].rsplit("#", 1)[1] for d in paragraphs] == [f"p{i}" for i in range(1, len(paragraphs) + 1)]
    assert all(re.fullmatch(r"¶ \d+", d["title"]) for d in paragraphs)
    html = (built_project / "site" / "sources" / "000-6da2900302d33055" / "index.html").read_text(encoding="utf-8")
    p3 = re.search(r'id="p3">(.*?)</p>', html, re.S).group(1)
    assert paragraphs[2]["text"] == " ".join(re.sub(r"<[^>]*>", "", p3).split())
    for d in source:
        assert "tags" not in d
        assert "In this source" not in d["text"] and "Publisher:" not in d["text"]
    # The actor's own page keeps its name as a tag.
    kerry = next(d for d in index if d["location"] == "actors/john-kerry/")
    assert kerry.get("tags") == ["John Kerry"]


@pytest.mark.browser
def test_the_search_result_for_a_word_of_a_paragraph_leads_to_that_paragraph(built_project, chromium, artifacts):
    from test_browser import search

    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        page = ctx.new_page()
        with serve_folder(built_project / "site") as base:
            page.goto(base + "/")
            hrefs = search(page, artifacts, "search-paragraph", "delegitimise")
            assert any(re.search(r"/sources/000-6da2900302d33055/(\?h=[^#]*)?#p3$", h) for h in hrefs), hrefs
            shown = page.locator(".md-search-result__list").inner_text()
            assert "delegitimise" in shown and "In this source" not in shown
    finally:
        ctx.close()


def test_the_offline_bundle_carries_the_same_paragraph_index(offline_bundle):
    _, folder = offline_bundle
    script = (folder / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(script.split("=", 1)[1])["docs"]
    locations = [d["location"] for d in index]
    assert "sources/000-6da2900302d33055.html#p3" in locations
    assert not any(loc.startswith(("tags.html", "tags/", "coverage")) for loc in locations)
