"""Cleaning quality on the labelled corpus: token precision, recall and F1, ours vs jusText vs nothing.

Usage: python bench/clean_quality.py [CORPUS_DIR]   (default: tests/corpus)
       python bench/clean_quality.py --corpora [DIR] [--folders l3s,dragnet] [--limit N]
              [--half tuning|held-out|both] [--worst N] [--systems ours,justext,none]
       python bench/clean_quality.py --gold-as-input [DIR] [--folders ...] [--limit N] [--half ...]
              [--worst N] [--reasons N]

With `--corpora`, every folder of the real labelled pages in `../shared/corpora` (resolved from the
repository's parent; see that folder's README) is scored instead, one line per folder and half:
`raw/<id>.txt` is the page saved as text, `truth/<id>.txt` its gold body. Each folder is split in
two by a hash of the page id (`half_of`): the tuning half, on which the cleaner may be tuned and
whose lowest pages are listed, and the held-out half, which is only ever scored (its pages are
never listed). `--limit N` scores the first N pages of each half of each folder (in id order),
`--folders` selects folders; when the corpora are absent, the bench says so and exits 0.

With `--gold-as-input`, each corpus page's gold body itself is the source (a curator pasting the
article, a page with no chrome): the cleaner should keep all of it. One line per folder and half:
the mean token recall of ours against that same gold (ideal 1.0), the pages losing more than 5% of
their tokens, then the removal reasons (the rule, or the scorer's decision with its evidence, numbers
blanked) that cost the most gold tokens on the tuning halves, and the tuning pages that lose most.

Every document NAME in the corpus has NAME.raw.txt or NAME.raw.html (the page), NAME.body.txt (the
true article body) and NAME.meta.json. Tokens are lower-cased words and numbers; scores compare the
multisets of tokens, so that a paragraph kept twice or a boilerplate word counts. Three systems run
on the same pages in one run:

- ours: build_tools.clean, output as `as_text`;
- jusText: plain text pages wrapped paragraph by paragraph (the blocks our cleaner judges: a line,
  or a hard-wrapped paragraph's lines joined) in <p> elements, HTML
  pages as they are, with the stoplist of the document's language;
- none: the whole page text (for HTML, the text of every element but scripts and styles).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_tools.clean import clean_source
from build_tools.clean.blocks import split_blocks
from build_tools.clean.decode import decode_bytes
from build_tools.clean.report import as_text
from build_tools.clean.score import guess_language
from build_tools.model import RawSource

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
CORPORA = ROOT.parent / "shared" / "corpora"
HALVES = ("tuning", "held-out")
_TOKEN = re.compile(r"\w+")
_LANGUAGES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "fi": "Finnish", "pl": "Polish",
    "cs": "Czech", "ro": "Romanian", "hu": "Hungarian", "tr": "Turkish", "ru": "Russian", "el": "Greek",
}  # fmt: skip


@dataclass(frozen=True)
class Doc:
    name: str
    raw: RawSource
    body: str
    language: str


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def load_corpus(folder: Path = CORPUS) -> list[Doc]:
    docs = []
    for body_path in sorted(folder.glob("*.body.txt")):
        name = body_path.name[: -len(".body.txt")]
        raws = [p for p in (folder / f"{name}.raw.txt", folder / f"{name}.raw.html") if p.exists()]
        meta_path = folder / f"{name}.meta.json"
        if len(raws) != 1 or not meta_path.exists():
            continue
        text, encoding = decode_bytes(raws[0].read_bytes())
        fmt = "html" if raws[0].suffix == ".html" else "text"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        raw = RawSource(id=name, file=raws[0].name, format=fmt, text=text, encoding=encoding)
        docs.append(Doc(name, raw, body_path.read_text(encoding="utf-8"), meta.get("language", "en")))
    return docs


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def prf(predicted: str, true: str) -> PRF:
    p, t = tokens(predicted), tokens(true)
    overlap = sum((p & t).values())
    precision = overlap / sum(p.values()) if p else (1.0 if not t else 0.0)
    recall = overlap / sum(t.values()) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def run_ours(doc: Doc) -> str:
    return as_text(clean_source(doc.raw))


def justext_input(doc: Doc) -> str:
    """What jusText reads: the HTML page, or a text page as one <p> per paragraph.

    A text page's paragraphs are the blocks our cleaner judges (`split_blocks`): a line, or the
    lines of a paragraph hard-wrapped at a fixed width joined again. One <p> per line would leave
    jusText judging the single lines of a wrapped paragraph, each too short to pass as prose.
    """
    if doc.raw.format == "html":
        return doc.raw.text
    paras = (f"<p>{html.escape(' '.join(block.raw))}</p>" for block in split_blocks(doc.raw.text))
    return "<html><body>" + "\n".join(paras) + "</body></html>"


@cache
def _stoplist(language: str) -> frozenset[str]:
    """jusText reads its stoplist file on every call: read once, as ours reads its lists once."""
    import justext

    return justext.get_stoplist(language)


def run_justext(doc: Doc, page: str | None = None) -> str:
    import justext

    stoplist = _stoplist(_LANGUAGES.get(doc.language, doc.language if doc.language[:1].isupper() else "English"))
    paragraphs = justext.justext(page if page is not None else justext_input(doc), stoplist)
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def run_none(doc: Doc) -> str:
    if doc.raw.format != "html":
        return doc.raw.text
    from lxml import html as lhtml

    tree = lhtml.fromstring(doc.raw.text)
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return tree.text_content()


SYSTEMS = {"ours": run_ours, "justext": run_justext, "none": run_none}


def evaluate(docs: list[Doc]) -> dict[str, dict[str, PRF]]:
    """system -> document name -> scores."""
    return {system: {d.name: prf(run(d), d.body) for d in docs} for system, run in SYSTEMS.items()}


def mean(scores: dict[str, PRF]) -> PRF:
    n = len(scores) or 1
    return PRF(
        sum(s.precision for s in scores.values()) / n,
        sum(s.recall for s in scores.values()) / n,
        sum(s.f1 for s in scores.values()) / n,
    )


def table(results: dict[str, dict[str, PRF]]) -> str:
    systems = list(results)
    names = sorted(next(iter(results.values())))
    width = max([len(n) for n in names] + [8])
    head = f"{'document':<{width}}  " + "  ".join(f"{s + ' P/R/F1':>20}" for s in systems)
    lines = [head, "-" * len(head)]
    for name in names + ["MEAN"]:
        cells = []
        for s in systems:
            v = mean(results[s]) if name == "MEAN" else results[s][name]
            cells.append(f"{v.precision:6.3f} {v.recall:6.3f} {v.f1:6.3f}")
        if name == "MEAN":
            lines.append("-" * len(head))
        lines.append(f"{name:<{width}}  " + "  ".join(f"{c:>20}" for c in cells))
    return "\n".join(lines)


def half_of(page_id: str) -> str:
    """The half of its corpus a page belongs to, fixed by its id: tuning or held-out."""
    return HALVES[hashlib.sha256(page_id.encode("utf-8")).digest()[0] & 1]


def load_real(folder: Path, half: str, limit: int = 0) -> list[Doc]:
    """The pages of one corpus folder in one half (every page when `half` is "both")."""
    docs = []
    for raw_path in sorted((folder / "raw").glob("*.txt")):
        name = raw_path.stem
        truth = folder / "truth" / raw_path.name
        if not truth.exists() or (half != "both" and half_of(name) != half):
            continue
        text, encoding = decode_bytes(raw_path.read_bytes())
        raw = RawSource(id=name, file=raw_path.name, format="text", text=text, encoding=encoding)
        body, _ = decode_bytes(truth.read_bytes())
        language = guess_language([b.text for b in split_blocks(text)])
        docs.append(Doc(name, raw, body, language))
        if limit and len(docs) >= limit:
            break
    return docs


def _option(argv: list[str], name: str, default: str) -> str:
    if name in argv:
        i = argv.index(name)
        if i + 1 < len(argv) and not argv[i + 1].startswith("--"):
            return argv[i + 1]
    return default


def _chosen_folders(
    argv: list[str], flag: str, needs: tuple[str, ...]
) -> tuple[list[Path], int, tuple[str, ...], int] | None:
    """The corpus folders (holding every sub-folder in `needs`) chosen by `flag DIR` and
    --folders, with --limit, --half and --worst; None when there are no corpora."""
    root = Path(_option(argv, flag, str(CORPORA)))
    if not root.is_dir():
        print(f"no corpora at {root}: nothing to score")
        return None
    wanted = _option(argv, "--folders", "")
    folders = sorted(p for p in root.iterdir() if all((p / n).is_dir() for n in needs))
    if wanted:
        folders = [p for p in folders if p.name in wanted.split(",")]
    limit = int(_option(argv, "--limit", "0"))
    half = _option(argv, "--half", "both")
    halves = HALVES if half == "both" else (half,)
    return folders, limit, halves, int(_option(argv, "--worst", "10"))


def real_corpora(argv: list[str]) -> int:
    """One line per folder and half: ours, jusText and no cleaning, then the lowest tuning pages."""
    chosen = _chosen_folders(argv, "--corpora", ("raw", "truth"))
    if chosen is None:
        return 0
    folders, limit, halves, n_worst = chosen
    systems = {s: SYSTEMS[s] for s in _option(argv, "--systems", ",".join(SYSTEMS)).split(",") if s in SYSTEMS}
    print(
        f"{'folder':<16} {'half':<8} {'pages':>5}  "
        + "  ".join(f"{s + ' P/R/F1':>20}" for s in systems)
        + "   <0.5 (ours)"
    )
    worst: list[tuple[float, str, PRF]] = []
    for folder in folders:
        for half in halves:
            docs = load_real(folder, half, limit)
            if not docs:
                continue
            results = {s: {d.name: prf(run(d), d.body) for d in docs} for s, run in systems.items()}
            cells = []
            for s in systems:
                v = mean(results[s])
                cells.append(f"{v.precision:6.3f} {v.recall:6.3f} {v.f1:6.3f}")
            first = next(iter(results.values()))
            low = sum(1 for v in first.values() if v.f1 < 0.5)
            print(
                f"{folder.name:<16} {half:<8} {len(docs):>5}  " + "  ".join(f"{c:>20}" for c in cells) + f"   {low:>4}",
                flush=True,
            )
            if half == "tuning":
                worst.extend((v.f1, f"{folder.name}/{name}", v) for name, v in first.items())
    if worst and n_worst:
        print(f"\nlowest tuning pages ({next(iter(systems))} P/R/F1):")
        for f1, name, v in sorted(worst)[:n_worst]:
            print(f"  {v.precision:6.3f} {v.recall:6.3f} {f1:6.3f}  {name}")
    return 0


_DIGITS = re.compile(r"-?\d+(?:\.\d+)?")


def reason_class(reason: str) -> str:
    """A removal reason with its numbers blanked, so that one rule or decision is one class."""
    return _DIGITS.sub("#", reason)[:90]


def gold_as_input(argv: list[str]) -> int:
    """Feed each page's gold body as the source: the recall of what the cleaner keeps of it."""
    chosen = _chosen_folders(argv, "--gold-as-input", ("truth",))
    if chosen is None:
        return 0
    folders, limit, halves, n_worst = chosen
    n_reasons = int(_option(argv, "--reasons", "15"))
    print(f"{'folder':<16} {'half':<8} {'pages':>5}  {'recall':>7}  {'>5% lost':>8}  {'tokens lost':>11}")
    lost_by_reason: Counter[str] = Counter()
    example: dict[str, str] = {}
    worst: list[tuple[float, str]] = []
    for folder in folders:
        for half in halves:
            names = [p.stem for p in sorted((folder / "truth").glob("*.txt")) if half_of(p.stem) == half]
            if limit:
                names = names[:limit]
            if not names:
                continue
            recalls: list[float] = []
            total_lost = 0
            for name in names:
                body, encoding = decode_bytes((folder / "truth" / f"{name}.txt").read_bytes())
                raw = RawSource(id=name, file=f"{name}.txt", format="text", text=body, encoding=encoding)
                cleaned = clean_source(raw)
                gold = tokens(body)
                kept = tokens(as_text(cleaned))
                n = sum(gold.values())
                recall = sum((kept & gold).values()) / n if n else 1.0
                recalls.append(recall)
                total_lost += n - sum((kept & gold).values())
                if half == "tuning":
                    worst.append((recall, f"{folder.name}/{name}"))
                    for r in cleaned.removed:
                        key = f"{folder.name}: {reason_class(r.reason)}"
                        lost_by_reason[key] += len(_TOKEN.findall(r.text))
                        example.setdefault(key, f"{name}:{r.line} {r.text[:100]}")
            big = sum(1 for r in recalls if r < 0.95)
            print(
                f"{folder.name:<16} {half:<8} {len(names):>5}  {sum(recalls) / len(recalls):7.4f}  "
                f"{big:>8}  {total_lost:>11}",
                flush=True,
            )
    if lost_by_reason and n_reasons:
        print("\nremoval reasons costing the most gold tokens (tuning halves):")
        for key, n in lost_by_reason.most_common(n_reasons):
            print(f"  {n:>7}  {key}\n           e.g. {example[key]}")
    if worst and n_worst:
        print("\ntuning pages losing most (recall):")
        for recall, name in sorted(worst)[:n_worst]:
            print(f"  {recall:6.3f}  {name}")
    return 0


def main(argv: list[str]) -> int:
    if "--gold-as-input" in argv:
        return gold_as_input(argv)
    if "--corpora" in argv:
        return real_corpora(argv)
    folder = Path(argv[1]) if len(argv) > 1 else CORPUS
    docs = load_corpus(folder)
    if not docs:
        print(f"no labelled documents in {folder}", file=sys.stderr)
        return 1
    print(table(evaluate(docs)))
    print(f"\n{len(docs)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
