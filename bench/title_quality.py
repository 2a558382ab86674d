"""Title quality on the real saved text pages: the detected title against the page's headline.

Usage: python bench/title_quality.py [--corpora DIR] [--limit N] [--half tuning|held-out|both] [--worst N]

Reads the Dragnet folder of the real labelled pages in `../shared/corpora` (see that folder's
README): its gold body keeps the article's headline as its first line, the reference here. Other
folders' gold bodies leave the headline out, so they have no reference and are not scored. A
page is scored only when that first line is a headline by a simple criterion (`reference`): 3 to
25 words, no date in it, not ending on a full stop, not a byline ("By ..."); the other pages are counted as dropped.

The title scored is the one the cleaner detects (`detected_meta.title`; none counts as empty).
One line per half (the same split by page id as bench/clean_quality.py, `half_of`): pages, exact
match after normalising case, spaces and punctuation, mean token F1, and the share of pages whose
title is site furniture or missing (F1 < 0.3); then the lowest tuning pages, never held-out ones.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from clean_quality import CORPORA, HALVES, _option, half_of, prf

from build_tools.clean import clean_source
from build_tools.clean.decode import decode_bytes
from build_tools.model import RawSource

FOLDER = "dragnet"
FURNITURE_F1 = 0.3
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\b\d{{4}}-\d\d-\d\d\b", re.I
)
_NON_WORD = re.compile(r"[\W_]+")


def reference(gold: str) -> str:
    """The headline the gold body opens with, or "" when its first line is not obviously one."""
    first = next((line.strip() for line in gold.splitlines() if line.strip()), "")
    n_words = len(first.split())
    if not 3 <= n_words <= 25 or _DATE.search(first) or first.endswith(".") or first.startswith("By "):
        return ""
    return first


def normalised(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def detected_title(raw_path: Path) -> str:
    text, encoding = decode_bytes(raw_path.read_bytes())
    raw = RawSource(id=raw_path.stem, file=raw_path.name, format="text", text=text, encoding=encoding)
    return clean_source(raw).detected_meta.title


def score_half(folder: Path, half: str, limit: int) -> tuple[list[tuple[float, str, str, str]], int]:
    """(F1, page id, detected, reference) for each scored page of one half, and the pages dropped."""
    rows, dropped = [], 0
    for raw_path in sorted((folder / "raw").glob("*.txt")):
        truth = folder / "truth" / raw_path.name
        if not truth.exists() or half_of(raw_path.stem) != half:
            continue
        ref = reference(decode_bytes(truth.read_bytes())[0])
        if not ref:
            dropped += 1
            continue
        title = detected_title(raw_path)
        rows.append((prf(title, ref).f1, raw_path.stem, title, ref))
        if limit and len(rows) >= limit:
            break
    return rows, dropped


def main(argv: list[str]) -> int:
    folder = Path(_option(argv, "--corpora", str(CORPORA))) / FOLDER
    if not (folder / "raw").is_dir() or not (folder / "truth").is_dir():
        print(f"no corpus at {folder}: nothing to score")
        return 0
    limit = int(_option(argv, "--limit", "0"))
    half = _option(argv, "--half", "both")
    n_worst = int(_option(argv, "--worst", "15"))
    worst: list[tuple[float, str, str, str]] = []
    print(f"{'folder':10} {'half':9} {'pages':>5} {'dropped':>7} {'exact':>6} {'F1':>6} {'furniture':>9}")
    for h in HALVES if half == "both" else (half,):
        rows, dropped = score_half(folder, h, limit)
        n = len(rows) or 1
        exact = sum(normalised(t) == normalised(r) for _, _, t, r in rows) / n
        f1 = sum(r[0] for r in rows) / n
        furniture = sum(r[0] < FURNITURE_F1 for r in rows) / n
        print(f"{FOLDER:10} {h:9} {len(rows):5d} {dropped:7d} {exact:6.3f} {f1:6.3f} {furniture:9.3f}")
        if h == "tuning":
            worst = sorted(rows)[:n_worst]
    if worst and n_worst:
        print("\nlowest tuning pages (F1, page, detected | headline):")
        for f1, name, title, ref in worst:
            print(f"  {f1:5.2f}  {name:8} {title[:70]!r} | {ref[:70]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
