"""A dossier project made of hostile inputs (tests/hostile/), assembled in a temporary folder.

What git should not hold is added here at run time: file names made of payloads, first lines
with control characters, symlinks that point outside the project and dangling ones.
Every payload calls `alert(N)` with its own N, so a test that sees one fire can say which.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from conftest import REPO, copy_project

HOSTILE = Path(__file__).resolve().parent / "hostile"
PAYLOADS = tuple(line for line in (HOSTILE / "payloads.txt").read_text(encoding="utf-8").splitlines() if line)

# File names an attacker could give a saved page (no '/', which no file name holds).
HOSTILE_NAMES = (
    "<img src=x onerror=alert(701)>.txt",
    "\" onmouseover=\"alert(702)\" x=\".txt",
    "[x](javascript:alert(703)).txt",
    "{: onclick=alert(704) } `code` *em*.txt",
    "<svg onload=alert(705)>.html",
)
# A secret outside the project that no page may show.
SECRET = "SECRET-OUTSIDE-THE-DOSSIER-7f3a"


def _body(n: int) -> str:
    return (f"BRUSSELS (AFP) - Acme Corp and the coalition held talks on Wednesday, number {n}, "
            "and the Ministry of Tests said the budget rose to 12 million dollars.\n\n"
            "A second paragraph of ordinary article text, long enough for the cleaner to keep it "
            "as the body of the article that it is.\n")


def make_hostile_project(dest: Path, *, outside: Path | None = None) -> Path:
    """The hostile project in `dest` (mkdocs.yml and hand-written docs/ from the repository).
    `outside` is a folder outside the project for the symlinks' targets (default: a sibling)."""
    copy_project(dest)
    ddir = dest / "dossier"
    shutil.rmtree(ddir)
    ddir.mkdir()
    for name in ("dossier.yml", "actors.yml", "topics.yml", "sources.yml"):
        shutil.copy2(HOSTILE / name, ddir / name)
    sources = ddir / "sources"
    shutil.copytree(HOSTILE / "sources", sources)
    # One source per payload, the payload as its first line (where titles are detected).
    for i, payload in enumerate(PAYLOADS):
        (sources / f"1{i:02d}_payload.txt").write_text(f"{payload}\n\n{payload}\n\n{_body(i)}", encoding="utf-8")
    for i, name in enumerate(HOSTILE_NAMES):
        if name.endswith(".html"):
            text = f"<html><head><title>{name}</title></head><body><article><p>{_body(i)}</p></article></body></html>"
        else:
            text = f"{name}\n\n{_body(i)}"
        (sources / name).write_text(text, encoding="utf-8")
    # Control characters and DEL in a first line (they break mkdocs' front matter if left in).
    (sources / "200_control.txt").write_text(
        "Title \x7f with \x1b[31m control \x0b chars \x08\x85\x9b and \u2028 separators\n\n" + _body(200), encoding="utf-8")
    # Symlinks: to a file outside the project, to /etc/passwd, dangling, and one inside the project.
    outside = outside or dest.parent / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"{SECRET}\n\n{_body(300)}", encoding="utf-8")
    (sources / "300_outside.txt").symlink_to(outside / "secret.txt")
    if Path("/etc/passwd").exists():
        (sources / "301_passwd.txt").symlink_to("/etc/passwd")
    (sources / "302_dangling.txt").symlink_to(dest / "no-such-file.txt")
    (sources / "303_relative_escape.txt").symlink_to(Path(os.path.relpath(outside / "secret.txt", sources)))
    inside = dest / "notes.txt"
    inside.write_text("Inside the project.\n\n" + _body(304), encoding="utf-8")
    (sources / "304_inside.txt").symlink_to(inside)
    # An override that is a symlink to a template outside the project.
    overrides = ddir / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (outside / "excerpt.md.j2").write_text(f"{SECRET} {{{{ item.text }}}}\n", encoding="utf-8")
    (overrides / "excerpt.md.j2").symlink_to(outside / "excerpt.md.j2")
    return dest


if __name__ == "__main__":  # build one by hand: python tests/hostile_project.py DEST
    import sys

    print(make_hostile_project(Path(sys.argv[1]).resolve()))
    print(REPO)


# --- what may not be in a built page --------------------------------------------------------

# Elements that only an input could have put there: neither the theme nor our templates make them.
FOREIGN_TAGS = {"script", "img", "iframe", "object", "embed", "math", "mi", "b", "frame", "frameset", "base", "meta",
                "link", "style", "video", "audio", "source", "marquee", "foreignobject", "animate", "set"}
# The admonitions and collapsible blocks that the payloads would make if a paragraph or a name
# were read as Markdown: their titles (the payloads' own) or their kind (none of ours is a danger).
_PAYLOAD_BLOCK = re.compile(r"alert|^x$|^Collapsed")
_JS_URL = re.compile(r"^[\s\x00-\x20]*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data)\s*:", re.IGNORECASE)
_MARKUP = re.compile(r"<[A-Za-z!/?]")


def input_markup(document: str, *, fragment: bool = False, where: str = "") -> list[str]:
    """Every element or attribute in an HTML document (or fragment) that came from an input:
    event handlers, script URLs, elements the site never makes, admonitions and collapsible
    blocks that our templates did not write, titles (tooltips) holding markup, scripts that
    call alert. [] when the page is clean."""
    from lxml import html as lxml_html

    if not document.strip():
        return []
    document = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", document)  # lxml refuses them; not markup
    root = lxml_html.fragment_fromstring(document, create_parent="div") if fragment else lxml_html.document_fromstring(document)
    head = root.find("head")
    theme_head = set(head.iter()) if head is not None else set()  # the theme's own meta, link, script, style
    found: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower().split("}")[-1]
        label = f"{where}: <{tag}>"
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{label} has {name}={value!r}")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc") and \
                    (_JS_URL.match(value) or name.lower() == "srcdoc"):
                found.append(f"{label} has {name}={value!r}")
            if name.lower() == "title" and _MARKUP.search(value):
                found.append(f"{label} has a title with markup: {value!r}")
        if tag == "script":
            if "alert(" in (el.text or "") or el.get("src", "").strip().lower().startswith(("javascript", "data")):
                found.append(f"{label} runs {(el.text or el.get('src'))[:60]!r}")
        elif tag in FOREIGN_TAGS and el not in theme_head:
            found.append(f"{label} {lxml_html.tostring(el, encoding=str)[:80]!r}")
        elif tag == "details" or (tag == "div" and "admonition" in el.get("class", "").split()):
            title_el = el.find("summary") if tag == "details" else el.find("p")
            title = " ".join((title_el.text_content() if title_el is not None else "").split())
            if "danger" in el.get("class", "").split() or _PAYLOAD_BLOCK.search(title):
                found.append(f"{label} a block made from an input: {title[:60]!r}")
    return found


def site_problems(site: Path) -> list[str]:
    """input_markup over every page of a built site, its search index and its tag index."""
    import json

    found: list[str] = []
    for page in sorted(site.rglob("*.html")):
        found += input_markup(page.read_text(encoding="utf-8"), where=str(page.relative_to(site)))
    index = site / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"] if index.is_file() else []
    js_index = site / "search" / "search_index.js"  # the offline bundle's copy of the index
    if js_index.is_file():
        text = js_index.read_text(encoding="utf-8")
        docs += json.loads(text[text.index("{"):text.rindex("}") + 1])["docs"]
    for doc in docs:
        for key in ("title", "text"):
            found += input_markup(doc.get(key, ""), fragment=True, where=f"search index {doc['location']} {key}")
        for tag in doc.get("tags", []):
            if _MARKUP.search(tag):
                found.append(f"search index {doc['location']}: tag with markup {tag!r}")
    tags = site / "tags.json"
    if tags.is_file():
        def strings(value: object) -> list[str]:
            if isinstance(value, str):
                return [value]
            if isinstance(value, dict):
                return [s for v in value.values() for s in strings(v)]
            if isinstance(value, list):
                return [s for v in value for s in strings(v)]
            return []
        found += [f"tags.json: {s!r}" for s in strings(json.loads(tags.read_text(encoding="utf-8"))) if _MARKUP.search(s)]
    return found
