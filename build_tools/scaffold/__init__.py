"""`dossier new`: the files of an empty dossier project that builds as it is.

Besides the dossier itself, a project gets what publishing it needs: a GitHub Actions workflow
(check, strict build, offline bundle, GitHub Pages from main), a requirements.txt naming the
dossier tool it installs, a .gitignore for what the build writes, and a README.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ..yamlfile import DossierError

# Files copied as they are from this package folder: (source in the package, path in the project).
STATIC = (
    ("mkdocs.yml", "mkdocs.yml"),
    ("docs/about.md", "docs/about.md"),
    ("docs/method.md", "docs/method.md"),
    ("workflow.yml", ".github/workflows/dossier.yml"),
    ("gitignore", ".gitignore"),
)

DOSSIER_YML = """\
# The dossier's settings. Put text that YAML could misread ("No", "On", "2015") in quotes.
title: {title}
description: ""
language: en
# Extra cleaning rules: regular expressions matched against a whole raw line.
clean:
  drop: []
  keep: []
"""

ACTORS_YML = """\
# Actors: people, organisations, countries, groups, places.
# - name: Jane Doe
#   kind: person            # person | organisation | country | group | place
#   role: Minister of Water
#   aliases: [Doe, Minister Doe]
#   case_sensitive: false   # short capitalised aliases (up to 4 letters) are always case-sensitive
# None yet: 'dossier suggest --write' adds the names the sources keep mentioning, and
# 'dossier suggest >> dossier/actors.yml' appends them to this file as they are.
"""

TOPICS_YML = """\
# Topics: a paragraph belongs to a topic when it contains one of its keywords
# (whole words, simple plurals and inflections) or matches one of its regex patterns.
# - name: Drought
#   description: Rainfall, reservoirs and rationing.
#   keywords: [drought, reservoir, rationing]
#   patterns: ['water (cuts|restrictions)']
# None yet: write your topics below, in the form above.
"""

SOURCES_YML = """\
# Curated facts about each raw file in dossier/sources/, by file name:
# 2024-05-01_article.txt:
#   title: ...
#   publisher: ...
#   date: "2024-05-01"
#   url: https://...
#   authors: [...]
# 'dossier add FILE' adds an entry here for each source it brings in.
"""


def tool_requirement() -> str:
    """How CI installs this dossier tool: from the place it was installed from, when that is a
    repository pip can fetch (PEP 610), else its released version."""
    from importlib import metadata

    from .. import __version__

    try:
        direct = metadata.distribution("dossier").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    if direct:
        info = json.loads(direct)
        vcs = info.get("vcs_info") or {}
        url = str(info.get("url", ""))
        if vcs.get("vcs") == "git" and url.startswith("https://") and vcs.get("commit_id"):
            return f"dossier @ git+{url}@{vcs['commit_id']}"
    return f"dossier=={__version__}"


def create_project(directory: Path, *, title: str | None = None) -> list[Path]:
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise DossierError(f"{directory}: exists and is not empty; 'dossier new' only creates new projects")
    title = title or directory.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Dossier"
    base = resources.files(__package__)
    created: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        created.append(path)

    for src, rel in STATIC:
        write(rel, base.joinpath(src).read_text(encoding="utf-8"))
    write("README.md", base.joinpath("README.md").read_text(encoding="utf-8").replace("{title}", title))
    write(
        "requirements.txt",
        f"# The dossier tool that builds this dossier (here and in .github/workflows/dossier.yml).\n"
        f"{tool_requirement()}\n",
    )
    write("dossier/dossier.yml", DOSSIER_YML.format(title=json.dumps(title, ensure_ascii=False)))
    write("dossier/actors.yml", ACTORS_YML)
    write("dossier/topics.yml", TOPICS_YML)
    write("dossier/sources.yml", SOURCES_YML)
    write("dossier/sources/.gitkeep", "")
    return created
