"""How build time, memory and site size grow with the number of sources.

Makes dossier projects of N sources (the embedded seeds and the pages of the cleaning corpus,
then copies of them under new names with a varied first line so no two files are identical), builds each with the real mkdocs, and
prints, for each N: seconds for load+clean+extract+render, seconds for mkdocs, peak Python
memory of the pipeline, site size, and the per-source cost relative to the smallest N. With
a small explicit nav, per-source cost should stay roughly flat (linear growth); the
quadratic trap (every page carrying the whole nav) would show as a rising ratio.

Also times the actor matcher on growing text (linear: the ratio per MB should stay ~1).

    python bench/build_scale.py [--sizes 5,50,200]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_tools.pipeline import clean_stage, load_stage, prepare  # noqa: E402
from build_tools.publish import stage_site  # noqa: E402


def make_project(dest: Path, n: int) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "dossier", dest / "dossier")
    shutil.copytree(
        ROOT / "docs",
        dest / "docs",
        ignore=lambda d, names: [x for x in names if x not in ("about.md", "method.md", "assets", "dossier.css")],
    )
    src = dest / "dossier" / "sources"
    # The seeds, then the labelled cleaning corpus (other subjects and publishers), then copies
    # of both under new names with a varied first line so no two files are identical.
    pages = sorted(src.iterdir()) + sorted(
        p for p in (ROOT / "tests" / "corpus").glob("*.raw.*") if not p.name.startswith("seed_")
    )
    for i in range(len(list(src.iterdir())), n):
        page = pages[i % len(pages)]
        text = page.read_text(encoding="utf-8")
        name = page.name.replace(".raw", "")
        if i < len(pages):
            (src / name).write_text(text, encoding="utf-8")
        else:
            (src / f"copy{i:04d}_{name}").write_text(f"Copy {i} of a report\n\n{text}", encoding="utf-8")
    return dest


def dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench_build(sizes: list[int]) -> None:
    print(
        f"{'sources':>8} {'pipeline s':>11} {'mkdocs s':>9} {'peak MB':>8} {'site MB':>8} {'pages':>6} "
        f"{'s/source':>9} {'ratio':>6}"
    )
    base = None
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_project(Path(tmp), n)
            tracemalloc.start()
            t0 = time.perf_counter()
            prepared = prepare(root)
            t1 = time.perf_counter()
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            t2 = time.perf_counter()
            stage_site(prepared, root / "stage-docs", root / "site", strict=False)
            t3 = time.perf_counter()
            pages = prepared.pages
            per = (t1 - t0 + t3 - t2) / n
            base = base or per
            print(
                f"{n:>8} {t1 - t0:>11.2f} {t3 - t2:>9.2f} {peak:>8.1f} {dir_size(root / 'site') / 1e6:>8.1f} "
                f"{len(pages):>6} {per:>9.3f} {per / base:>6.2f}"
            )


def bench_matcher() -> None:
    from build_tools.extract.mentions import find_mentions

    project = load_stage(ROOT)
    cleaned = clean_stage(project)
    size = sum(len(p.text) for s in cleaned for p in s.paragraphs)
    print(f"\n{'copies':>7} {'MB':>6} {'mentions':>9} {'s':>7} {'s/MB':>7} {'ratio':>6}")
    base = None
    for k in (1, 10, 100):
        sources = tuple(cleaned) * k
        t0 = time.perf_counter()
        mentions = find_mentions(sources, project.actors)
        dt = time.perf_counter() - t0
        mb = size * k / 1e6
        base = base or dt / mb
        print(f"{k:>7} {mb:>6.2f} {len(mentions):>9} {dt:>7.3f} {dt / mb:>7.2f} {dt / mb / base:>6.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,50,200")
    args = ap.parse_args()
    bench_build([int(x) for x in args.sizes.split(",")])
    bench_matcher()
