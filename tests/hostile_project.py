"""A dossier project made of hostile inputs (tests/hostile/), assembled in a temporary folder.

What git should not hold is added here at run time: file names made of payloads, first lines
with control characters, symlinks that point outside the project and dangling ones.
Every payload calls `alert(N)` with its own N, so a test that sees one fire can say which.
"""

from __future__ import annotations

import os
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
