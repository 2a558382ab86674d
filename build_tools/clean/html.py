"""HTML sources: trafilatura finds the main text and the page's metadata; we turn it into lines.

The result is plain text with one block per line and blank lines between blocks, plus the numbers of
the lines that were HTML headings, so that the text pipeline (`blocks.py`, `article.py`) can judge
it like any page saved as text. No markup survives: only element text is read.

This module does not decide what is article text beyond trafilatura's own choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..model import DetectedMeta


@dataclass(frozen=True)
class Extracted:
    text: str
    heading_lines: frozenset[int]
    meta: DetectedMeta


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def extract_html(html: str) -> Extracted:
    """The main text of an HTML page as blank-line separated blocks, and its metadata."""
    from trafilatura.core import bare_extraction, determine_returnstring
    from trafilatura.settings import DEFAULT_CONFIG, Extractor

    # trafilatura.extract(html, output_format="xml", fast=True, with_metadata=True, comments,
    # tables and images off, no deduplication) step by step, without the content fingerprint that
    # extract() adds to the metadata (a hash of the whole text, which we never read).
    options = Extractor(
        config=DEFAULT_CONFIG,
        output_format="xml",
        fast=True,  # no fallback extractors: several times cheaper, and our own judging follows
        comments=False,
        tables=False,
        images=False,
        dedup=False,
        with_metadata=True,
    )
    document = bare_extraction(html, options=options, as_dict=False)
    xml = determine_returnstring(document, options) if document is not None else None  # type: ignore[arg-type]  # as_dict=False: a Document
    if not xml:
        return Extracted("", frozenset(), DetectedMeta())
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
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
    authors = tuple(a.strip() for a in (doc.get("author") or "").split(";") if a.strip())
    meta = DetectedMeta(
        title=(doc.get("title") or "").strip(),
        authors=authors,
        date=(doc.get("date") or "").strip()[:10],
        publisher=(doc.get("sitename") or "").strip(),
    )
    return Extracted("\n".join(lines) + ("\n" if lines else ""), frozenset(headings), meta)
