"""`dossier new`: the files of an empty dossier project that builds as it is."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ..yamlfile import DossierError

# Files copied as they are from this package folder.
STATIC = ("mkdocs.yml", "docs/about.md", "docs/method.md")

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
[]
"""

TOPICS_YML = """\
# Topics: a paragraph belongs to a topic when it contains one of its keywords
# (whole words, simple plurals and inflections) or matches one of its regex patterns.
# - name: Drought
#   description: Rainfall, reservoirs and rationing.
#   keywords: [drought, reservoir, rationing]
#   patterns: ['water (cuts|restrictions)']
[]
"""

SOURCES_YML = """\
# Curated facts about each raw file in dossier/sources/, by file name:
# 2024-05-01_article.txt:
#   title: ...
#   publisher: ...
#   date: "2024-05-01"
#   url: https://...
#   authors: [...]
{}
"""


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

    for rel in STATIC:
        write(rel, base.joinpath(rel).read_text(encoding="utf-8"))
    write("dossier/dossier.yml", DOSSIER_YML.format(title=json.dumps(title, ensure_ascii=False)))
    write("dossier/actors.yml", ACTORS_YML)
    write("dossier/topics.yml", TOPICS_YML)
    write("dossier/sources.yml", SOURCES_YML)
    write("dossier/sources/.gitkeep", "")
    write(".gitignore", "site/\n.dossier-build-*/\n")
    return created
