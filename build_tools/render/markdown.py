"""Markdown safety: every text that comes from a source or a YAML file is escaped here.

The templates write Markdown. Anything a template prints with `{{ ... }}` goes through
`finalize`, which escapes it unless it is already `Md` (Markdown we built ourselves: links,
anchors, highlighted excerpts). So a source that contains `<script>`, `*`, `#`,
`[x](javascript:...)` or `|` renders literally, whichever template prints it.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any


class Md(str):
    """Markdown text that is safe to print as it is."""

    __slots__ = ()


_SPACES = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")
# C0 controls (but tab and line breaks), DEL, C1 controls, lone surrogates, non-characters: they
# break mkdocs' front matter (YAML refuses them) and mean nothing on a page.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# Marks that open a block when they start a line and that no backslash escape covers:
# admonitions and collapsible blocks (`!!! note`, `???+ danger`), definition lists, tabs.
_BLOCK_MARK = re.compile(r"^([?:=~])")
# For text that ends up in an HTML attribute which the theme reads back as HTML (link titles,
# shown as tooltips): no character that could make markup, whatever happens to the entities.
_TITLE_CHARS = str.maketrans(
    {"<": "\u2039", ">": "\u203a", "&": "\uff06", '"': "\u201d", "\\": "\u2216", "`": "\u2018"}
)


def plain(text: Any) -> str:
    """The text without control characters, on one line, spaces collapsed."""
    return _plain(text) if type(text) is str else _plain(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    # the same names, dates and labels are printed on many pages: each is cleaned once
    return _SPACES.sub(" ", _CONTROLS.sub("", text)).strip(" ")


def html_text(text: Any) -> str:
    """Plain text as HTML text, for the values that mkdocs and the theme print as they are:
    the page title and tags of the front matter, the site name (header, nav, `<title>`)."""
    return html.escape(plain(text), quote=True)


def title_text(text: Any) -> str:
    """Plain text for a Markdown link's title: no `<`, `>`, `&`, quote, backslash or backtick
    (shown as look-alikes), so that neither Markdown nor a tooltip built from it makes markup."""
    return plain(text).translate(_TITLE_CHARS)


# Python-Markdown's backslash-escapable characters (plus `|` from the tables extension).
_INLINE = re.compile(r"([\\`*_{}\[\]()|!])")
# Characters that only matter at the start of a block: headings, lists, rules, quotes.
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+(?=[.)]))")


def escape(text: Any) -> Md:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    if isinstance(text, Md):
        return text
    return _escape(text) if type(text) is str else _escape(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _escape(text: str) -> Md:
    # Line breaks and runs of spaces collapse; a no-break space is kept on purpose ("¶ 4").
    s = plain(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _INLINE.sub(r"\\\1", s)
    s = _LINE_START.sub(
        lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(1) + m.group(2) + "\\", s
    )
    s = _BLOCK_MARK.sub(lambda m: f"&#{ord(m.group(1))};", s)
    return Md(s)


def finalize(value: Any) -> Any:
    """Jinja's finalize hook: escape what is not known to be safe Markdown."""
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return escape(value)


def link(text: Any, url: str, title: str = "") -> Md:
    """A Markdown link to one of our own pages. `url` is built from ids (safe characters)."""
    if not re.fullmatch(r"[A-Za-z0-9_./#%-]*", url):
        raise ValueError(f"unsafe internal url {url!r}")
    t = f' "{title_text(title)}"' if title else ""
    return Md(f"[{escape(text)}](<{url}>{t})")


def code(text: Any) -> Md:
    """Text as inline code. A code span shows its content literally, but a backtick in it
    would end the span early: such a text (and one with markup characters, so that no page
    holds a `<` from an input) is escaped inside a <code> element instead."""
    s = plain(text)
    if not re.search(r"[`<>&]", s):
        return Md(f"`{s}`")
    return Md(f"<code>{escape(s)}</code>")


def external_link(text: Any, url: str) -> Md:
    """A link to a curated http(s) URL; anything else is printed as text."""
    if not re.match(r"^https?://[^\s<>\"']+$", url):
        return escape(text)
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return Md(f"[{escape(text)}](<{safe}>)")


def highlight(text: str, spans: list[tuple[int, int]]) -> Md:
    """Escape `text` and wrap each (start, end) span in <mark>."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(escape_inline(text[pos:start]))
        out.append("<mark>" + escape_inline(text[start:end]) + "</mark>")
        pos = end
    out.append(escape_inline(text[pos:]))
    return Md("".join(out).strip())


def escape_inline(text: str) -> str:
    """Escape a fragment that does not start a block (whitespace kept, for joining)."""
    s = re.sub(r"\s+", " ", _CONTROLS.sub("", text))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", s)


# HTML for the long parts of generated pages (paragraphs, excerpt lists, tables), which the
# templates write as raw HTML blocks: mkdocs' Markdown copies such a block as it is instead of
# parsing it, which is most of its time on a large dossier. The text is HTML-escaped; and should
# a block ever be read as Markdown after all, the characters that make inline Markdown (links,
# emphasis, code, attribute lists) are character references, so that no syntax can form.
_HTML_MD = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]"})
_HTML_LINE_MARK = re.compile(r"^([#+\-=:~?!|>])")


def html_escape(text: Any) -> Md:
    """Plain text as HTML text for a raw HTML block, on one line."""
    if isinstance(text, Md):
        return text
    return Md(_html_fragment(plain(text)))


def html_attr(text: Any) -> Md:
    """Plain text as the value of an HTML attribute (quoted with `"`)."""
    return Md(html.escape(plain(text), quote=True).translate(_HTML_MD))


def _html_chars(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").translate(_HTML_MD)


def _html_fragment(text: str) -> str:
    return _HTML_LINE_MARK.sub(lambda m: f"&#{ord(m.group(1))};", _html_chars(text))


def html_inline(text: str) -> str:
    """A fragment of HTML text (spaces collapsed, kept at the ends, for joining)."""
    return _html_chars(_ANY_SPACES.sub(" ", _CONTROLS.sub("", text)))


_ANY_SPACES = re.compile(r"\s+")
_PAGE_PATH = re.compile(r"[A-Za-z0-9_./-]+\.md(#[A-Za-z0-9_-]*)?")


def html_link(text: Any, page: str, title: str = "") -> Md:
    """An HTML link to one of our pages, `page` a path under docs/ (`actors/x.md#p3`); the
    build's hook gives it the URL mkdocs gives that page (see mkdocs_hooks.py)."""
    if not _PAGE_PATH.fullmatch(page):
        raise ValueError(f"unsafe internal page {page!r}")
    t = f' title="{html.escape(title_text(title), quote=True)}"' if title else ""
    label = text if isinstance(text, Md) else html_escape(text)
    return Md(f'<a href="dossier:{page}"{t}>{label}</a>')


def html_highlight(text: str, spans: list[tuple[int, int]]) -> Md:
    """`text` as HTML text, each (start, end) span in <mark>."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(html_inline(text[pos:start]))
        out.append("<mark>" + html_inline(text[start:end]) + "</mark>")
        pos = end
    out.append(html_inline(text[pos:]))
    return Md(_HTML_LINE_MARK.sub(lambda m: f"&#{ord(m.group(1))};", "".join(out).strip()))
