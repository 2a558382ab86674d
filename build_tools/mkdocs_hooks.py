"""The mkdocs hook of a dossier build: links inside the build's raw HTML (the SVG charts), and
a search index in which a source is found by the paragraph that matches.

mkdocs rewrites the Markdown links of a page into URLs relative to it, which differ between the
site (`actors/x/`) and the offline bundle (`actors/x.html`); links inside raw HTML it leaves
alone. The charts therefore link with `dossier:<page>.md[#anchor]` (a path under docs/), and
this hook gives each the URL mkdocs gives that page, relative to the page it is on. A link to a
page that does not exist becomes a link to nothing, with a warning.

The theme's search indexes a page by its headings, so a source (one long section) would come up
with the start of its text, whatever matched, and with every actor and topic of the source as a
tag of enormous weight. After the build, each source's entries are replaced by one per
paragraph (`sources/<id>/#p4`, titled "¶ 4"), under one for the page (title, first paragraph),
and without the tags, which belong to the actors' and topics' own pages. The text comes from the
page's rendered HTML, tags stripped, its escaping kept.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.dossier")

_LINK = re.compile(r'href="dossier:([A-Za-z0-9_./-]+\.md)(#[A-Za-z0-9_-]*)?"')


_SOURCE_PAGE = re.compile(r"sources/[^/]+\.md")
_BLOCK = re.compile(r"<(p|h2)\b([^>]*)>(.*?)</\1>", re.S)
_ID = re.compile(r'\bid="(p\d+)"')
_TAG = re.compile(r"<[^>]*>")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)

# Source pages seen in this build: url -> (title, [(paragraph id, text)]).
_paragraphs: dict[str, tuple[str, list[tuple[str, str]]]] = {}


def on_pre_build(config: Any) -> None:
    _paragraphs.clear()


def _record_paragraphs(html: str, page: Any) -> None:
    found: list[tuple[str, str]] = []
    for m in _BLOCK.finditer(html):
        if "dossier-para" not in m.group(2):
            continue
        pid = _ID.search(m.group(2))
        text = " ".join(_TAG.sub("", _HEADERLINK.sub("", m.group(3))).split())
        if pid and text:
            found.append((pid.group(1), text))
    title = str(page.meta.get("title") or page.title or "")
    _paragraphs[page.url] = (title, found)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if _SOURCE_PAGE.fullmatch(page.file.src_uri or ""):
        _record_paragraphs(html, page)
    if "dossier:" not in html:
        return html

    def resolve(m: re.Match[str]) -> str:
        target = files.get_file_from_path(m.group(1))
        if target is None:
            log.warning("Doc file '%s' links to '%s', which is not found", page.file.src_uri, m.group(1))
            return 'href="#"'
        return f'href="{target.url_relative_to(page.file)}{m.group(2) or ""}"'

    return _LINK.sub(resolve, html)


def on_post_build(config: Any) -> None:
    """Rewrite the search index: sources by paragraph (see the module docstring)."""
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not _paragraphs or not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    docs: list[dict[str, Any]] = []
    done: set[str] = set()
    for entry in data.get("docs", []):
        url = str(entry.get("location", "")).split("#", 1)[0]
        if url not in _paragraphs:
            docs.append(entry)
            continue
        if url in done:
            continue
        done.add(url)
        title, paragraphs = _paragraphs[url]
        docs.append({"location": url, "title": title, "text": paragraphs[0][1] if paragraphs else ""})
        for n, (pid, text) in enumerate(paragraphs, 1):
            docs.append({"location": f"{url}#{pid}", "title": f"¶ {n}", "text": text})
    data["docs"] = docs
    path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
