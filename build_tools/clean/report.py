"""A cleaned source as the `dossier clean` command shows it: body text, a JSON record, or an annotated diff.

Pure functions returning strings; the command decides where they go (stdout or --output-dir).

- `as_text`: the article body only: paragraphs and subheadings separated by blank lines; no title,
  byline or credit line (those are metadata).
- `as_json`: the whole record (metadata, which fields were read from the page, paragraphs with ids
  and kinds, removed lines with reasons), keys sorted, indented by 2.
- `as_diff`: every line of the page, marked `+` kept or `-` removed (with the reason); blank lines
  are shown with a leading space. For HTML the page is trafilatura's extracted text.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from ..model import CleanSource, RawSource


def as_text(src: CleanSource) -> str:
    """The cleaned body: one paragraph or heading per block, blocks separated by a blank line."""
    return "\n\n".join(p.text for p in src.paragraphs) + ("\n" if src.paragraphs else "")


def as_json(src: CleanSource) -> str:
    """Every field of the cleaned source as JSON (sorted keys, indent 2, UTF-8 characters kept)."""
    data = asdict(src)
    data["date"] = src.date.iso if src.date else ""  # as sources.yml writes it
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def as_diff(raw: RawSource, src: CleanSource) -> str:
    """Each line of the page: `+ text` kept, `- text  [reason]` removed, ` ` blank."""
    from . import page_text

    text = raw.text if raw.format != "html" else page_text(raw)[0]
    # HTML paragraphs carry no line; the removed ones do (lines of the extracted text)
    removed: dict[int, list[tuple[str, str]]] = {}
    for r in src.removed:
        if r.line:
            removed.setdefault(r.line, []).append((r.text, r.reason))
    out = []
    width = len(str(text.count("\n") + 1))
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            out.append(f" {number:>{width}}")
        elif number not in removed:
            out.append(f"+{number:>{width}} {line}")
        elif len(removed[number]) == 1 and removed[number][0][0] == line:
            out.append(f"-{number:>{width}} {line}  [{removed[number][0][1]}]")
        else:
            # a line laid out in columns, read as several blocks: each removed column with its
            # reason, then what is kept of the line
            rest = line
            for part, reason in removed[number]:
                out.append(f"-{number:>{width}} {part}  [{reason}]")
                rest = rest.replace(part, "", 1)
            rest = " ".join(rest.split())
            if rest:
                out.append(f"+{number:>{width}} {rest}")
    return "\n".join(out) + ("\n" if out else "")
