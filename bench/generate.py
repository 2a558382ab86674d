"""Deterministic synthetic dossiers of any size that look like real ones.

Every word comes from real pages: the article bodies and the page chrome of the labelled
corpora in ../shared/corpora (L3S-GN1 and Dragnet news pages saved as text), recombined.

- A source is a saved page: chrome lines from the head of a real page (menus, share bars), a
  headline, then paragraphs, then chrome from the tail of a real page (related links, footers).
- About a third of the sources are syndicated: a wire story (the paragraphs of one real
  article) carried by a group of two to five outlets, each lightly edited (a paragraph dropped,
  a word changed, its own headline), as wire copy is. The rest recombine paragraphs of several
  real articles.
- actors.yml holds the most frequent capitalised names of the articles' paragraphs (hundreds of them,
  by default 300), topics.yml dozens of topics built from frequent words (by default 40).
- sources.yml gives each source a publisher (one of some hundred outlets) and a date in 2014-2015.

The same arguments give byte-identical projects.

    python bench/generate.py OUT_DIR --sources 1000 [--seed 1] [--actors 300] [--topics 40]

Without ../shared/corpora beside the repository it stops with a message: the corpora are not
part of the repository (their licences differ from the project's).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
FOLDERS = ("l3s", "dragnet")

_NAME = re.compile(r"\b([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,}){1,2})\b")
_WORD = re.compile(r"[a-z]{5,}")
_STOP = frozenset(
    "about after again against also among another around because before being below between both "
    "could during every first found further their there these those three through today under until "
    "where which while would years people other still since said says according there's year month "
    "months weeks later being think thing things going really should might never little great right "
    "without within world times place called state house added including likely told asked".split()
)


@dataclass(frozen=True)
class Page:
    name: str
    head: tuple[str, ...]  # chrome lines before the body
    tail: tuple[str, ...]  # chrome lines after the body
    paragraphs: tuple[str, ...]


def read_pages(corpora: Path = CORPORA) -> list[Page]:
    pages: list[Page] = []
    for folder in FOLDERS:
        raw_dir = corpora / folder / "raw"
        if not raw_dir.is_dir():
            continue
        for raw_path in sorted(raw_dir.glob("*.txt")):
            truth_path = corpora / folder / "truth" / raw_path.name
            if not truth_path.is_file():
                continue
            raw = [ln.strip() for ln in raw_path.read_text(encoding="utf-8", errors="replace").splitlines()]
            body = [ln.strip() for ln in truth_path.read_text(encoding="utf-8", errors="replace").splitlines()]
            paragraphs = tuple(p for p in body if len(p.split()) >= 12)
            body_set = set(body)
            inside = [i for i, ln in enumerate(raw) if ln in body_set and ln]
            if len(paragraphs) < 3 or not inside:
                continue
            head = tuple(ln for ln in raw[: inside[0]] if ln and ln not in body_set)[-25:]
            tail = tuple(ln for ln in raw[inside[-1] + 1 :] if ln and ln not in body_set)[:25]
            pages.append(Page(f"{folder}/{raw_path.stem}", head, tail, paragraphs))
    return pages


def _edit(paragraph: str, rng: random.Random) -> str:
    """A light edit, as an outlet makes to wire copy: one word replaced or dropped."""
    words = paragraph.split()
    if len(words) < 8 or rng.random() < 0.5:
        return paragraph
    i = rng.randrange(1, len(words) - 1)
    if rng.random() < 0.5:
        del words[i]
    else:
        words[i] = rng.choice(("reportedly", "also", "now", "then", "again"))
    return " ".join(words)


def _page_text(headline: str, paragraphs: list[str], chrome: Page) -> str:
    lines = [*chrome.head, "", headline, ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    lines += list(chrome.tail)
    return "\n".join(lines).strip() + "\n"


def _headline(paragraph: str) -> str:
    words = paragraph.split()[:9]
    return " ".join(words).rstrip(",.;:") or "Report"


def make_sources(pages: list[Page], n: int, rng: random.Random) -> list[tuple[str, str, int]]:
    """(text, date, outlet index) for n sources."""
    out: list[tuple[str, str, int]] = []
    while len(out) < n:
        story = rng.choice(pages)
        if rng.random() < 0.35:
            outlets = rng.randint(2, 5)
            date = f"{rng.choice((2014, 2015))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            for _ in range(min(outlets, n - len(out))):
                kept = [_edit(p, rng) for p in story.paragraphs if rng.random() > 0.15] or list(story.paragraphs)
                headline = _headline(rng.choice(story.paragraphs))
                out.append((_page_text(headline, kept, rng.choice(pages)), date, rng.randrange(120)))
        else:
            paragraphs = list(story.paragraphs[: rng.randint(3, 8)])
            for _ in range(rng.randint(2, 6)):
                paragraphs.append(rng.choice(rng.choice(pages).paragraphs))
            date = f"{rng.choice((2014, 2015))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.append((_page_text(_headline(paragraphs[0]), paragraphs, rng.choice(pages)), date, rng.randrange(120)))
    return out


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def actors_yaml(texts: list[str], count: int) -> str:
    names: Counter[str] = Counter()
    for text in texts:
        names.update(_NAME.findall(text))
    lines = ["# Generated: the most frequent capitalised names in the article text of the corpus pages."]
    taken: set[str] = set()
    for name, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0])):
        last = name.split()[-1]
        if name in taken or len(taken) >= count or name.split()[0] in {"The", "This", "But", "And", "In"}:
            continue
        taken.add(name)
        kind = (
            "organisation"
            if last
            in {
                "Party",
                "Council",
                "Ministry",
                "Department",
                "Bank",
                "Company",
                "University",
                "Association",
                "Commission",
                "Agency",
            }
            else "person"
        )
        lines += [f"- id: actor-{len(taken):04d}", f"  name: {_yaml_string(name)}", f"  kind: {kind}"]
    return "\n".join(lines) + "\n"


def topics_yaml(texts: list[str], count: int) -> str:
    words: Counter[str] = Counter()
    for text in texts:
        words.update(w for w in _WORD.findall(text.lower()) if w not in _STOP)
    common = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[: count * 3]]
    lines = ["# Generated: topics from frequent words in the article text of the corpus pages."]
    for i in range(count):
        keywords = common[i * 3 : i * 3 + 3]
        if not keywords:
            break
        lines += [
            f"- id: topic-{i + 1:03d}",
            f"  name: {_yaml_string(keywords[0].capitalize())}",
            "  keywords: [" + ", ".join(_yaml_string(k) for k in keywords) + "]",
        ]
    return "\n".join(lines) + "\n"


def generate(out: Path, n: int, *, seed: int = 1, actors: int = 300, topics: int = 40, corpora: Path = CORPORA) -> Path:
    pages = read_pages(corpora)
    if not pages:
        raise SystemExit(f"no corpus pages under {corpora}: the generator needs ../shared/corpora")
    rng = random.Random(seed)
    sources = make_sources(pages, n, rng)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    (out / "docs").mkdir(exist_ok=True)
    for name in ("about.md", "method.md"):
        if (ROOT / "docs" / name).is_file():
            shutil.copy2(ROOT / "docs" / name, out / "docs" / name)
    d = out / "dossier"
    src = d / "sources"
    src.mkdir(parents=True, exist_ok=True)
    facts = ["# Generated facts per source."]
    texts: list[str] = []
    for i, (text, date, outlet) in enumerate(sources):
        name = f"{i:05d}.txt"
        (src / name).write_text(text, encoding="utf-8")
        texts.append(text)
        facts += [f"{name}:", f'  publisher: "Outlet {outlet:03d}"', f'  date: "{date}"']
    (d / "sources.yml").write_text("\n".join(facts) + "\n", encoding="utf-8")
    used = [" ".join(page.paragraphs) for page in pages]  # names and words of article text, not chrome
    sample = used[: min(len(used), 2000)]
    (d / "actors.yml").write_text(actors_yaml(sample, actors), encoding="utf-8")
    (d / "topics.yml").write_text(topics_yaml(sample, topics), encoding="utf-8")
    (d / "dossier.yml").write_text(
        f'title: "A generated dossier of {n} sources"\ndescription: Real paragraphs recombined.\nlanguage: en\n',
        encoding="utf-8",
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--topics", type=int, default=40)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"error: {args.out} is not empty", file=sys.stderr)
        return 1
    generate(args.out, args.sources, seed=args.seed, actors=args.actors, topics=args.topics)
    print(f"{args.out}: {args.sources} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
