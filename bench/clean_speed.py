"""Cleaning speed: megabytes of raw page text per second, ours vs jusText, on the same pages.

Usage: python bench/clean_speed.py [CORPUS_DIR] [--rounds N] [--big [MB]] [--hashes FILE]

`--big`: one page of MB megabytes (default 50), the corpus's text pages one after another until the
size is reached, cleaned once after a warm-up pass over the corpus's text pages; and a page a tenth as long, so that the ratio of the two times shows
whether the cleaner stays linear in a page's length (about 10 when it does).

`--hashes FILE`: no timing; a hash of the whole cleaned record (every field, every removed line
with its reason) of each page of tests/corpus, of every page of ../shared/corpora/l3s and dragnet
(both halves: only bytes are compared, nothing is scored) and of a 1 MB page, one line each, written
to FILE, with a digest of them all printed. A change meant to make the cleaner faster must leave
the file unchanged.

Both systems read the labelled corpus's pages (tests/corpus); jusText gets the same input as in
clean_quality.py (text pages as one <p> per paragraph, HTML pages as they are, its stoplists read
once as ours are). Each system runs a warm-up pass (stoplists, imports), then N timed rounds, the two
systems' rounds taking turns so that a slow spell of the machine falls on both; each system's best
round counts, and the ratio of the medians is printed beside the ratio of the bests.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clean_quality import CORPORA, CORPUS, justext_input, load_corpus, load_real, run_justext  # noqa: E402

from build_tools.clean import clean_source  # noqa: E402
from build_tools.model import RawSource  # noqa: E402


def timed_rounds(fns: list, rounds: int) -> list[list[float]]:
    """Seconds of each of `fns` per round, after a warm-up call of each; the functions take turns."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for fn, spent in zip(fns, times, strict=False):
            t0 = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - t0)
    return times


def measure(label: str, docs: list, rounds: int) -> None:
    megabytes = sum(len(d.raw.text.encode("utf-8")) for d in docs) / 1e6
    pages = [justext_input(d) for d in docs]

    def ours() -> None:
        for d in docs:
            clean_source(d.raw)

    def justext() -> None:
        for d, page in zip(docs, pages, strict=False):
            run_justext(d, page)

    ours_times, just_times = timed_rounds([ours, justext], rounds)
    t_ours, t_just = min(ours_times), min(just_times)
    print(f"{label}: {len(docs)} pages, {megabytes:.3f} MB of raw text")
    print(f"  ours     {megabytes / t_ours:8.2f} MB/s  ({t_ours * 1000:8.1f} ms)")
    print(f"  jusText  {megabytes / t_just:8.2f} MB/s  ({t_just * 1000:8.1f} ms)")
    print(
        f"  ratio    {t_just / t_ours:8.2f}x  (jusText time / ours, best rounds; medians: "
        f"{statistics.median(just_times) / statistics.median(ours_times):.2f}x)"
    )


def big_page(docs: list, megabytes: float) -> RawSource:
    texts = [d.raw.text for d in docs if d.raw.format != "html"]
    parts, size, k = [], 0, 0
    while size < megabytes * 1e6:
        text = texts[k % len(texts)]
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        k += 1
    return RawSource(id="big", file="big.txt", format="text", text="\n\n".join(parts), encoding="utf-8")


def measure_big(docs: list, megabytes: float) -> None:
    for d in docs:  # warm-up: the rules' alternations are compiled on first use, the stoplists read
        if d.raw.format != "html":
            clean_source(d.raw)
    times = {}
    for size in (megabytes / 10, megabytes):
        page = big_page(docs, size)
        t0 = time.perf_counter()
        clean_source(page)
        times[size] = time.perf_counter() - t0
        mb = len(page.text.encode("utf-8")) / 1e6
        print(f"one page of {mb:6.1f} MB: {times[size]:7.2f} s  ({mb / times[size]:.2f} MB/s)", flush=True)
    print(f"ratio of times for 10x the text: {times[megabytes] / times[megabytes / 10]:.1f} (linear: about 10)")


def write_hashes(path: Path) -> None:
    docs = load_corpus(CORPUS)
    pages = [(f"corpus/{d.name}", d.raw) for d in docs]
    for folder in ("l3s", "dragnet"):
        if (CORPORA / folder).is_dir():
            pages += [(f"{folder}/{d.name}", d.raw) for d in load_real(CORPORA / folder, "both")]
    pages.append(("big1mb", big_page(docs, 1.0)))
    digest = hashlib.sha256()
    lines = []
    for name, raw in pages:
        h = hashlib.sha256(repr(clean_source(raw)).encode("utf-8")).hexdigest()[:16]
        lines.append(f"{name} {h}")
        digest.update(h.encode("ascii"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} pages, digest {digest.hexdigest()[:16]}, written to {path}")


def main(argv: list[str]) -> int:
    if "--hashes" in argv:
        write_hashes(Path(argv[argv.index("--hashes") + 1]))
        return 0
    if "--big" in argv:
        i = argv.index("--big")
        size = float(argv[i + 1]) if i + 1 < len(argv) and not argv[i + 1].startswith("--") else 50.0
        measure_big(load_corpus(CORPUS), size)
        return 0
    args = [a for a in argv[1:] if not a.startswith("--")]
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 9
    if "--rounds" in argv:
        args = [a for a in args if a != argv[argv.index("--rounds") + 1]]
    docs = load_corpus(Path(args[0]) if args else CORPUS)
    if not docs:
        print("no documents", file=sys.stderr)
        return 1
    print(f"best of {rounds} rounds")
    subsets = (
        ("all pages", docs),
        ("text pages", [d for d in docs if d.raw.format != "html"]),
        ("html pages", [d for d in docs if d.raw.format == "html"]),
        # the five pages really saved from news sites (the others were written for the corpus)
        ("seed pages", [d for d in docs if d.name.startswith("seed_")]),
    )
    for label, subset in subsets:
        if subset:
            measure(label, subset, rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
