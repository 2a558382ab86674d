"""clean: RawSource -> CleanSource. Pure: no I/O, no knowledge of actors or topics.

(First, simple version: blank-line paragraphs, nothing removed. Replaced by the full cleaner.)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import CleanRules, CleanSource, Paragraph, RawSource


def clean_source(raw: RawSource, rules: CleanRules = CleanRules(), siblings: Sequence[RawSource] = ()) -> CleanSource:
    paragraphs = []
    line_no = 0
    block: list[str] = []
    start = 0
    for line_no, line in enumerate(raw.text.splitlines() + [""], start=1):
        if line.strip():
            if not block:
                start = line_no
            block.append(line.strip())
        elif block:
            paragraphs.append(Paragraph(id=f"p{len(paragraphs) + 1}", kind="paragraph", text=" ".join(block), line=start))
            block = []
    m = raw.meta
    return CleanSource(
        id=raw.id, file=raw.file, format=raw.format,
        title=m.title or raw.id, publisher=m.publisher, date=m.date, url=m.url, authors=m.authors,
        paragraphs=tuple(paragraphs), removed=(), encoding=raw.encoding, note=m.note,
    )


def clean_all(raws: Sequence[RawSource], rules: CleanRules = CleanRules()) -> tuple[CleanSource, ...]:
    return tuple(clean_source(r, rules, raws) for r in raws)
