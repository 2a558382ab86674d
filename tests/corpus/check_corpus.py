#!/usr/bin/env python3
"""Check a labelled cleaning set: this folder, or the folder given (bench/holdout, bench/holdout2).

Usage: python tests/corpus/check_corpus.py [FOLDER]

Every document NAME must have NAME.raw.txt or NAME.raw.html, NAME.body.txt and
NAME.meta.json.  Every block of NAME.body.txt (minus a leading "## " heading
marker or "- " list marker) must occur in the raw page, in order, after
whitespace normalisation (for HTML: after dropping script/style, removing tags
and unescaping entities).  Exits non-zero on any problem.
"""
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
META_KEYS = ["kind", "language", "title", "authors", "date", "publisher",
             "dateline_place", "dateline_agency"]
INLINE = r"a|abbr|b|bdi|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|time|u"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def html_text(s: str) -> str:
    s = re.sub(r"(?is)<(script|style|template)\b.*?</\1\s*>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(rf"(?i)</?(?:{INLINE})\b[^>]*>", "", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return html.unescape(s)


def check_doc(name: str, folder: Path = HERE) -> list[str]:
    errs = []
    raws = [p for p in (folder / f"{name}.raw.txt", folder / f"{name}.raw.html") if p.exists()]
    if len(raws) != 1:
        return [f"{name}: expected exactly one raw file, found {len(raws)}"]
    raw_path = raws[0]
    raw = raw_path.read_text(encoding="utf-8")
    if raw_path.suffix == ".html":
        raw = html_text(raw)
    raw = norm(raw)

    body_path = folder / f"{name}.body.txt"
    body = body_path.read_text(encoding="utf-8")
    if not body.endswith("\n") or body.endswith("\n\n"):
        errs.append(f"{name}: body.txt must end with exactly one newline")
    if "\n\n\n" in body:
        errs.append(f"{name}: body.txt has more than one blank line between blocks")
    blocks = body.strip("\n").split("\n\n")
    pos = 0
    for i, block in enumerate(blocks, 1):
        if "\n" in block:
            errs.append(f"{name}: block {i} spans several lines: {block[:60]!r}")
        if block != norm(block):
            errs.append(f"{name}: block {i} has unnormalised whitespace: {block[:60]!r}")
        text = norm(block)
        for prefix in ("## ", "- "):
            if text.startswith(prefix):
                text = text[len(prefix):]
                break
        if not text:
            errs.append(f"{name}: block {i} is empty")
            continue
        at = raw.find(text, pos)
        if at < 0:
            where = "out of order" if text in raw else "not found in raw"
            errs.append(f"{name}: block {i} {where}: {text[:80]!r}")
        else:
            pos = at + len(text)

    meta_path = folder / f"{name}.meta.json"
    if not meta_path.exists():
        errs.append(f"{name}: missing meta.json")
        return errs
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except ValueError as e:
        return errs + [f"{name}: meta.json is not valid JSON: {e}"]
    if sorted(meta) != sorted(META_KEYS):
        errs.append(f"{name}: meta.json keys {sorted(meta)} != {sorted(META_KEYS)}")
    if not isinstance(meta.get("authors"), list):
        errs.append(f"{name}: authors must be a list")
    if meta.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"]):
        errs.append(f"{name}: date must be YYYY-MM-DD or empty")
    if not re.fullmatch(r"[a-z]{2}", str(meta.get("language", ""))):
        errs.append(f"{name}: language must be a two-letter code")
    if not meta.get("kind"):
        errs.append(f"{name}: kind is empty")
    return errs


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    names = set()
    for p in folder.iterdir():
        m = re.fullmatch(r"([a-z0-9_]+)\.(raw\.txt|raw\.html|body\.txt|meta\.json)", p.name)
        if m:
            names.add(m.group(1))
        elif p.suffix not in (".py", ".md") and p.name != "__pycache__":
            print(f"unexpected file: {p.name}")
    errors = []
    for name in sorted(names):
        if not (folder / f"{name}.body.txt").exists():
            errors.append(f"{name}: missing body.txt")
            continue
        errors += check_doc(name, folder)
    for e in errors:
        print(e)
    print(f"{len(names)} documents, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
