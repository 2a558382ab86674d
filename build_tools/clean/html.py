"""HTML sources: trafilatura finds the main text and the page's metadata; we turn it into lines.

The result is plain text with one block per line and blank lines between blocks, plus the numbers of
the lines that were HTML headings, so that the text pipeline (`blocks.py`, `article.py`) can judge
it like any page saved as text. No markup survives: only element text is read.

This module does not decide what is article text beyond trafilatura's own choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..model import DetectedMeta


@dataclass(frozen=True)
class Extracted:
    text: str
    heading_lines: frozenset[int]
    meta: DetectedMeta


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def extraction_options() -> Any:
    """trafilatura's options for our reading of a saved page: trafilatura.extract(html,
    output_format="xml", fast=True, with_metadata=True, comments, tables and images off, no
    deduplication), step by step without the content fingerprint that extract() adds to the
    metadata (a hash of the whole text, which we never read)."""
    from trafilatura.settings import DEFAULT_CONFIG, Extractor

    return Extractor(
        config=DEFAULT_CONFIG,
        output_format="xml",
        fast=True,  # no fallback extractors: several times cheaper, and our own judging follows
        comments=False,
        tables=False,
        images=False,
        dedup=False,
        with_metadata=True,
    )


def extract_html(html: str) -> Extracted:
    """The main text of an HTML page as blank-line separated blocks, and its metadata."""
    from trafilatura.core import bare_extraction, determine_returnstring

    options = extraction_options()
    document = bare_extraction(html, options=options, as_dict=False)
    if document is None:
        return _EMPTY
    try:
        xml = determine_returnstring(document, options)  # type: ignore[arg-type]  # as_dict=False: a Document
    except (etree.LxmlError, ValueError):
        # trafilatura's own serialisation can fail to parse what it wrote (an attribute name it
        # kept from hostile markup): read the tree it extracted instead.
        body = getattr(document, "body", None)
        if body is None:
            return _EMPTY
        meta = _meta(
            getattr(document, "title", None),
            getattr(document, "author", None),
            getattr(document, "date", None),
            getattr(document, "sitename", None),
        )
        return _lines(body, meta)
    if not xml:
        return _EMPTY
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    meta = _meta(doc.get("title"), doc.get("author"), doc.get("date"), doc.get("sitename"))
    return _lines(main, meta)


_EMPTY = Extracted("", frozenset(), DetectedMeta())


def _meta(title: str | None, author: str | None, date: str | None, sitename: str | None) -> DetectedMeta:
    return DetectedMeta(
        title=(title or "").strip(),
        authors=tuple(a.strip() for a in (author or "").split(";") if a.strip()),
        date=(date or "").strip()[:10],
        publisher=(sitename or "").strip(),
    )


def _lines(main: etree._Element | None, meta: DetectedMeta) -> Extracted:
    """The children of trafilatura's main element as blank-line separated blocks."""
    lines: list[str] = []
    headings: set[int] = set()

    def add(text: str, heading: bool = False) -> None:
        if not text:
            return
        if lines:
            lines.append("")
        lines.append(text)
        if heading:
            headings.add(len(lines))

    for child in main if main is not None else ():
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "head":
            add(_text(child), heading=True)
        elif tag == "list":
            # a bullet glyph, as a page saved as text shows it, so that items are judged as a list
            for item in child.iter("item"):
                text = _text(item)
                add(f"• {text}" if text else "")
        elif tag == "quote" and len(child):
            for part in child:
                add(_text(part))
        elif tag:
            add(_text(child))
    return Extracted("\n".join(lines) + ("\n" if lines else ""), frozenset(headings), meta)
