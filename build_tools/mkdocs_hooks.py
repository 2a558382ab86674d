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

The long parts of generated pages (paragraphs, excerpt lists, tables) are raw HTML blocks between
`<!-- dossier:html -->` and `<!-- /dossier:html -->` lines. Python-Markdown would copy them as
they are, but only after running its HTML parser over every tag; this hook lifts them out of the
Markdown before the conversion (a placeholder element in their place) and puts them back into
the converted page, adding their ids to the page's anchors for mkdocs' link checks. Text from
an input can never make such a line: every `<` of it is escaped.

Pages of a build that are unchanged since an earlier one are not converted again: a generated
page's HTML, table of contents, title and anchors are kept in the build cache (`page_cache`, set
by `publish.run_mkdocs_build`), under the SHA-256 of everything the conversion reads: the page's
Markdown after the other plugins, its path and URL, the Markdown extensions and their settings,
the versions of mkdocs, Markdown, PyMdown and the theme, our code, and for every page it links to
whether that page exists and its URL. A conversion that warned is not kept (so that its warning
comes again). The result is the same bytes as a conversion (a test builds both ways).
"""

from __future__ import annotations

import functools
import html as htmllib
import json
import logging
import posixpath
import re
import types
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.dossier")

_LINK = re.compile(r'href="dossier:([A-Za-z0-9_./-]+\.md)(#[A-Za-z0-9_-]*)?"')


_SOURCE_PAGE = re.compile(r"sources/[^/]+\.md")
_BLOCK = re.compile(r"<(p|h2)\b([^>]*)>(.*?)</\1>", re.S)
_ID = re.compile(r'\bid="(p\d+)"')
_TAG = re.compile(r"<[^>]*>")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)

# Source pages seen in this build: url -> (title, [(paragraph id, text)]); recorded only when
# the theme's search writes an index (not for a site searched by Pagefind).
_paragraphs: dict[str, tuple[str, list[tuple[str, str]]]] = {}
_indexed = [True]


# The build's cache (build_tools.cache.Cache) or None: set before each build.
page_cache: Any = None
# Set for the offline bundle of a large dossier: the search index holds each page's title,
# summary (its first paragraph) and headings, not its whole text (see `on_post_build`).
compact_search = False
_compact: list[dict[str, str]] = []
_FIRST_P = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
SUMMARY_CHARS = 300
_GENERATED = ("index.md", "sources/", "actors/", "topics/", "quotes/", "figures/", "timeline/", "coverage/", "tags/")
_MD_TARGET = re.compile(r"\]\(<?([^)>\s#]+\.md)[#)>\s]|href=\"dossier:([A-Za-z0-9_./-]+\.md)")


_RAW_BLOCK = re.compile(r"^<!-- dossier:html -->\n(.*?)\n<!-- /dossier:html -->$", re.S | re.M)
_PLACEHOLDER = re.compile(r'<div class="dossier-html" data-n="(\d+)"></div>')
_ANCHOR = re.compile(r'\bid="([^"]+)"')
# Raw blocks lifted out of the page being built: page url -> blocks.
_blocks: dict[str, list[str]] = {}


# Told (pages written, pages in all) after each page is written: the CLI's progress bar.
on_progress: Any = None
_written = [0, 0]


def on_pre_build(config: Any) -> None:
    _paragraphs.clear()
    _blocks.clear()
    _held.clear()
    # this hook puts a page's HTML back (see `_held`) before any other plugin's page context
    events = config.plugins.events.get("page_context", [])
    ours = [m for m in events if getattr(m, "__name__", "") == "on_page_context" and m.__module__ == __name__]
    if ours:
        config.plugins.events["page_context"] = ours + [m for m in events if m not in ours]
    _compact.clear()
    _written[:] = [0, 0]
    search = config.plugins.get("material/search") or config.plugins.get("search")
    _indexed[0] = search is not None and any(
        getattr(m, "__self__", None) is search for m in config.plugins.events.get("post_build", [])
    )


def on_files(files: Any, config: Any) -> Any:
    _written[1] = len(files.documentation_pages())
    return files


# The converted HTML of the generated pages between their conversion and their layout, as UTF-8:
# mkdocs converts every page before it lays out any, and holds each page's HTML as text (two
# bytes a character in a page with a curly quote) until the build ends: for a large dossier the
# largest part of the build's memory. Put back into the page before any plugin sees it again.
_held: dict[str, bytes] = {}
_STASHED = ("index.md", "sources/", "actors/", "topics/", "quotes/", "figures/", "timeline/", "coverage/")


def _stash(html: str, page: Any) -> str:
    uri = page.file.src_uri or ""
    if uri != "index.md" and not uri.startswith(_STASHED[1:]):
        return html
    _held[uri] = html.encode("utf-8")
    return ""


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    held = _held.pop(page.file.src_uri or "", None)
    if held is not None:
        page.content = held.decode("utf-8")
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    # The page is written from `output`: its Markdown and converted HTML, which mkdocs would
    # otherwise hold for every page until the build ends, are let go (the largest part of the
    # build's memory for a large dossier; nothing after this event reads them).
    page.markdown = None
    page.content = None
    _written[0] += 1
    if on_progress is not None:
        on_progress(_written[0], _written[1])
    return output


def _text(html: str) -> str:
    """The text of an HTML fragment, as HTML text: tags dropped, `&`, `<`, `>` escaped and every
    other character reference read (the pages write Markdown's marks as references)."""
    text = " ".join(_TAG.sub("", _HEADERLINK.sub("", html)).split())
    return htmllib.escape(htmllib.unescape(text), quote=False) if "&" in text else text


def _summary(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def _record_compact(html: str, page: Any) -> None:
    """The page's entries of a compact index: title and summary, then one per heading."""
    if page.meta.get("search", {}).get("exclude") if isinstance(page.meta.get("search"), dict) else False:
        return
    title = str(page.meta.get("title") or page.title or "")
    recorded = _paragraphs.get(page.url)
    if recorded is not None:
        summary = recorded[1][0][1] if recorded[1] else ""
    else:
        first = _FIRST_P.search(html)
        summary = _text(first.group(1)) if first else ""
    _compact.append({"location": page.url, "title": title, "text": _summary(summary)})

    def walk(items: Any) -> None:
        for item in items:
            if item.level > 1:
                _compact.append({"location": f"{page.url}#{item.id}", "title": _text(item.title), "text": ""})
            walk(item.children)

    walk(page.toc)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "<!-- dossier:html -->" not in markdown:
        return markdown
    blocks: list[str] = []

    def lift(m: re.Match[str]) -> str:
        blocks.append(m.group(1))
        return f'<div class="dossier-html" data-n="{len(blocks) - 1}"></div>'

    out = _RAW_BLOCK.sub(lift, markdown)
    _blocks[page.file.src_uri] = blocks
    return out


def _put_back(html: str, page: Any) -> str:
    blocks = _blocks.pop(page.file.src_uri, None)
    if blocks is None:
        return html
    anchors = page.present_anchor_ids if page.present_anchor_ids is not None else set()
    for block in blocks:
        anchors.update(_ANCHOR.findall(block))
    page.present_anchor_ids = anchors
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else "", html)


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    uri = page.file.src_uri or ""
    if page_cache is not None and (uri == "index.md" or uri.startswith(_GENERATED[1:])):
        page.render = types.MethodType(_cached_render, page)
    return page


@functools.lru_cache(maxsize=1)
def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from build_tools.cache import code_version

    found = [code_version()]
    for name in ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} -")
    return "\n".join(found)


def _page_key(page: Any, config: Any, files: Any) -> str:
    """The cache key of a page's conversion (see the module docstring)."""
    import hashlib

    here = posixpath.dirname(page.file.src_uri)
    targets = []
    for m in _MD_TARGET.finditer(page.markdown):
        path = m.group(2) or posixpath.normpath(posixpath.join(here, m.group(1)))
        targets.append(path)
    links = []
    for path in sorted(set(targets)):
        target = files.get_file_from_path(path)
        links.append((path, target.url if target is not None else None))
    settings = json.dumps(
        [
            [str(e) for e in config["markdown_extensions"]],
            config["mdx_configs"],
            config["use_directory_urls"],
        ],
        default=str,
        sort_keys=True,
    )
    digest = hashlib.sha256(_versions().encode())
    for part in (settings, page.file.src_uri, page.file.dest_uri, page.file.url, json.dumps(links), page.markdown):
        digest.update(b"\0" + str(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _toc_tokens(items: Any) -> list[dict[str, Any]]:
    return [{"name": i.title, "id": i.id, "level": i.level, "children": _toc_tokens(i.children)} for i in items]


def _cached_render(page: Any, config: Any, files: Any) -> None:
    """Page.render, from the cache when the same conversion was done before."""
    from mkdocs.structure.toc import get_toc

    cls = type(page)
    key = _page_key(page, config, files)
    record = page_cache.get(key, "page") if page_cache is not None else None
    if isinstance(record, dict):
        try:
            links = {}
            for uri, anchors in record["links"].items():
                target = files.get_file_from_path(uri)
                if target is None:
                    raise KeyError(uri)
                links[target] = dict(anchors)
            page.content = str(record["content"])
            page.toc = get_toc(record["toc"])
            page._title_from_render = record["title"]
            page.present_anchor_ids = set(record["anchors"])
            if record["links_kept"]:
                page.links_to_anchors = links
            return
        except (KeyError, TypeError, ValueError):
            pass  # a record of another shape: convert again
    watch = _Warnings()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(watch)
    try:
        cls.render(page, config, files)
    finally:
        mkdocs_log.removeHandler(watch)
    if watch.count or page_cache is None:
        return
    kept = page.links_to_anchors is not None
    page_cache.put(
        key,
        "page",
        {
            "content": page.content,
            "toc": _toc_tokens(page.toc),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links_kept": kept,
            "links": {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()},
        },
    )


def _record_paragraphs(html: str, page: Any) -> None:
    found: list[tuple[str, str]] = []
    for m in _BLOCK.finditer(html):
        if "dossier-para" not in m.group(2):
            continue
        pid = _ID.search(m.group(2))
        text = _text(m.group(3))
        if pid and text:
            found.append((pid.group(1), text))
    title = str(page.meta.get("title") or page.title or "")
    _paragraphs[page.url] = (title, found)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    html = _put_back(html, page)
    if _indexed[0] and _SOURCE_PAGE.fullmatch(page.file.src_uri or ""):
        _record_paragraphs(html, page)
    if compact_search:
        _record_compact(html, page)
    if "dossier:" not in html:
        return _stash(html, page)

    def resolve(m: re.Match[str]) -> str:
        target = files.get_file_from_path(m.group(1))
        if target is None:
            log.warning("Doc file '%s' links to '%s', which is not found", page.file.src_uri, m.group(1))
            return 'href="#"'
        return f'href="{target.url_relative_to(page.file)}{m.group(2) or ""}"'

    return _stash(_LINK.sub(resolve, html), page)


def on_post_build(config: Any) -> None:
    """Rewrite the search index: sources by paragraph (see the module docstring)."""
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file() or not (_paragraphs or compact_search):
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    if compact_search:
        data["docs"] = list(_compact)
        path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
        return
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
