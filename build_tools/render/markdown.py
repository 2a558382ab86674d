"""Markdown safety: every text that comes from a source or a YAML file is escaped here.

The templates write Markdown. Anything a template prints with `{{ ... }}` goes through
`finalize`, which escapes it unless it is already `Md` (Markdown we built ourselves: links,
anchors, highlighted excerpts). So a source that contains `<script>`, `*`, `#`,
`[x](javascript:...)` or `|` renders literally, whichever template prints it.
"""

from __future__ import annotations

import re
from typing import Any


class Md(str):
    """Markdown text that is safe to print as it is."""

    __slots__ = ()


_SPACES = re.compile(r"[ \t\r\n\f\v\u2028\u2029]+")
# Python-Markdown's backslash-escapable characters (plus `|` from the tables extension).
_INLINE = re.compile(r"([\\`*_{}\[\]()|!])")
# Characters that only matter at the start of a block: headings, lists, rules, quotes.
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+(?=[.)]))")


def escape(text: Any) -> Md:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    if isinstance(text, Md):
        return text
    # Line breaks and runs of spaces collapse; a no-break space is kept on purpose ("¶ 4").
    s = _SPACES.sub(" ", str(text)).strip(" ")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _INLINE.sub(r"\\\1", s)
    s = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                        else m.group(1) + m.group(2) + "\\", s)
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
    t = f' "{escape(title)}"' if title else ""
    return Md(f"[{escape(text)}](<{url}>{t})")


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
    s = re.sub(r"\s+", " ", text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", s)
