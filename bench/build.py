"""Build time, memory and size of generated dossiers, stage by stage, as the dossier grows.

For each size (default 1,000 / 3,000 / 10,000 sources) a dossier is made by bench/generate.py
(real corpus paragraphs recombined, wire copy in small groups of outlets) and built in a fresh
process, which reports for every stage (load, clean, each extractor, render, write, mkdocs) its
seconds and the process's peak memory during it ("per source": the extractors whose findings
are per source, run together across the cores when the dossier is large; those rows are then 0), then pages per second, site bytes per page and
the search index size. The per-source cost of each stage at each size is printed relative to the
smallest size: a ratio that rises with the size is a stage that is not linear.

Then, on the smallest size (or each size of `--incremental-at`), `dossier build` is timed three
more times: with nothing changed, after adding one source, and after adding one alias.

Sizes from `--prep-only-from` on are measured up to render only (load, clean, extract, render):
the preparation, whose per-source cost can then be compared at sizes whose full build would
take too long here. `--bundle-at` sizes also get the offline bundle's site built (the lunr index
of titles, summaries and headings of a large dossier) with its index size and first result.

The table is printed and written to docs/performance.md (a hand-written page of the embedded
site, which the build keeps) with the command that made it.

    python bench/build.py [--sizes 1000,3000,10000] [--no-page] [--no-incremental] [--no-search-timing]
                          [--incremental-at 1000,3000] [--prep-only-from 10000] [--bundle-at 3000]
                          [--engine zensical [--install-zensical]]

The time to the first search result is measured in headless Chromium (/usr/bin/chromium via
Playwright) on the hosted site served over http: material's lunr search below
`search.pagefind_from` sources, Pagefind from it on. It runs from the first key typed into the
search box (the home page loaded, nothing of the search fetched before) to the first result
shown; the home page's load time is reported beside it. With `--engine zensical` the same docs/ is also
built by Zensical (not a dependency of the package: `pip install zensical` in an environment of
its own, or `--install-zensical` to put one under build/), reading the same mkdocs.yml, and the
table says how long it took and which of mkdocs' files it did not write.

Needs ../shared/corpora beside the repository (see bench/generate.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STAGES = (
    "load",
    "clean",
    "per source",
    "mentions",
    "topics",
    "quotes",
    "figures",
    "figure groups",
    "events",
    "shared",
    "render",
    "write",
    "mkdocs",
    "search indexing",
)


def _peak_mb() -> float:
    """The process's peak resident memory since the last reset (Linux VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def measure_one(root: Path, prep_only: bool = False) -> dict[str, object]:
    """Build the project at `root` stage by stage in this process; seconds and peak MB per stage.
    With `prep_only`, stop after render."""
    from build_tools import pipeline, search
    from build_tools.publish import build_epoch, copy_hand_written, mkdocs_config_file, run_mkdocs_build, write_pages

    times: dict[str, float] = {}
    peaks: dict[str, float] = {}

    def stage(name: str, fn):  # noqa: ANN001, ANN202 - a small timing helper
        _reset_peak()
        t0 = time.perf_counter()
        value = fn()
        times[name] = time.perf_counter() - t0
        peaks[name] = _peak_mb()
        return value

    with pipeline.fewer_collections() as settle:  # as pipeline.prepare runs the stages
        project = stage("load", lambda: pipeline.load_stage(root))
        settle()
        cleaned = stage("clean", lambda: pipeline.clean_stage(project))
        notes = pipeline.date_warnings(project, cleaned)
        project = pipeline.without_texts(project)
        settle()
        dossier = pipeline.extract_stage(project, cleaned, timed=stage, date_notes=notes)
        del cleaned
        settle()
        pages = stage("render", lambda: pipeline.render_stage(project, dossier))
    prepared: dict[str, object] = {
        "sources": len(dossier.sources),
        "pages": len(pages),
        "times": times,
        "peaks": peaks,
        "title": project.config.title,
    }
    if prep_only:
        return {**prepared, "peak_mb": max(peaks.values()), "prep_only": True}
    docs = root / ".bench-docs"
    site = root / ".bench-site"

    def write() -> None:
        copy_hand_written(root / "docs", docs)
        write_pages(pages, docs)

    stage("write", write)
    pages.release()  # as `dossier build` does: mkdocs reads the pages from the staging folder
    pagefind = search.uses_pagefind(len(dossier.sources), project.config.pagefind_from)
    stage(
        "mkdocs",
        lambda: run_mkdocs_build(
            mkdocs_config_file(root),
            docs,
            site,
            strict=False,
            epoch=build_epoch(dossier),
            site_name=project.config.title,
            pagefind=pagefind,
        ),
    )
    # material's lunr index is made inside mkdocs; Pagefind's after it, as `dossier build` does
    stage("search indexing", lambda: search.index_site(site) if pagefind else None)
    files = [p for p in site.rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    pagefind_dir = site / "pagefind"
    return {
        **prepared,
        "peak_mb": max(peaks.values()),
        "site_bytes": sum(p.stat().st_size for p in files),
        "html_pages": sum(1 for p in files if p.suffix == ".html"),
        "search_index_bytes": index.stat().st_size
        if index.is_file()
        else sum(p.stat().st_size for p in pagefind_dir.rglob("*") if p.is_file()),
        "search": "pagefind" if pagefind else "lunr",
    }


def first_result_seconds(site: Path, engine: str, query: str, offline: bool = False) -> tuple[float, float]:
    """(seconds to load the home page, seconds from the first key typed into the search box to
    the first result shown for `query`), in a fresh browser with nothing cached; served over
    http, or opened from disk (file://) for the offline bundle's site."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    box, result = (
        ("#dossier-pagefind input", "#dossier-pagefind .pagefind-ui__result-link")
        if engine == "pagefind"
        else ("input.md-search__input", ".md-search-result__list .md-search-result__item")
    )
    url = (site / "index.html").as_uri() if offline else f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            t0 = time.perf_counter()
            page.goto(url, wait_until="load")
            loaded = time.perf_counter() - t0
            if engine != "pagefind":
                page.locator("label.md-search__icon, .md-search__input").first.click()
            page.locator(box).wait_for(state="visible", timeout=60_000)
            page.locator(box).click()
            t1 = time.perf_counter()
            page.locator(box).press_sequentially(query)
            page.locator(result).first.wait_for(state="visible", timeout=120_000)
            if engine == "pagefind":  # results for the whole query, not for its first letters
                page.wait_for_function(
                    "q => { const m = document.querySelector('#dossier-pagefind .pagefind-ui__message');"
                    " return m && m.textContent.includes(q)"
                    " && document.querySelector('#dossier-pagefind .pagefind-ui__result-link'); }",
                    arg=query,
                    timeout=120_000,
                )
            elapsed = time.perf_counter() - t1
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return loaded, elapsed


def bundle_search(root: Path) -> dict[str, object]:
    """Build the offline bundle's site of `root` (as `dossier bundle` does, without the zip):
    seconds, the size of its inlined search index and the first result opened from disk."""
    from build_tools.bundle import build_offline_site

    site = root / ".bench-bundle"
    shutil.rmtree(site, ignore_errors=True)
    t0 = time.perf_counter()
    build_offline_site(root, site)
    seconds = time.perf_counter() - t0
    index = site / "search" / "search_index.js"
    loaded, first = first_result_seconds(site, "lunr", _query(root), offline=True)
    return {
        "seconds": seconds,
        "index_bytes": index.stat().st_size if index.is_file() else 0,
        "load": loaded,
        "first": first,
    }


def _query(root: Path) -> str:
    for line in (root / "dossier" / "actors.yml").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("name:"):
            return line.split(":", 1)[1].strip().strip('"').split()[-1]
    return "minister"


def zensical_command(install: bool) -> list[str] | None:
    """How to run Zensical: beside this Python, on PATH, or (with --install-zensical) from a
    virtual environment of its own under build/ (git-ignored), never in the project's."""
    for candidate in (
        Path(sys.executable).with_name("zensical"),
        shutil.which("zensical"),
        ROOT / "build" / "zensical-venv" / "bin" / "zensical",
    ):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    if not install:
        return None
    venv = ROOT / "build" / "zensical-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "zensical"], check=True)
    return [str(venv / "bin" / "zensical")]


def zensical_build(root: Path, command: list[str], title: str) -> dict[str, object]:
    """Build the same docs/ as mkdocs did (root/.bench-docs) with Zensical, reading the same
    mkdocs.yml (docs_dir, site_dir and site_name changed only); compare with mkdocs' site."""
    import yaml

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    # relative to the configuration file, as Zensical wants them
    config.update(docs_dir=".bench-docs", site_dir=".bench-zensical", site_name=title)
    config_file = root / ".bench-zensical.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    t0 = time.perf_counter()
    out = subprocess.run(
        [*command, "build", "--clean", "-f", str(config_file)], capture_output=True, text=True, cwd=root, check=False
    )
    seconds = time.perf_counter() - t0
    first_log = ""
    if out.returncode != 0 and "search index limit" in (out.stderr + out.stdout):
        # Zensical refuses a page whose search text is too long for its index: say so, and
        # build once more without its search to compare the rest.
        first_log = (out.stderr or out.stdout).strip().splitlines()[-1]
        config["plugins"] = [
            p for p in config.get("plugins", []) if p != "search" and not (isinstance(p, dict) and "search" in p)
        ]
        config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        t0 = time.perf_counter()
        out = subprocess.run(
            [*command, "build", "--clean", "-f", str(config_file)],
            capture_output=True,
            text=True,
            cwd=root,
            check=False,
        )
        seconds = time.perf_counter() - t0
    ours = {str(p.relative_to(root / ".bench-site")) for p in (root / ".bench-site").rglob("*") if p.is_file()}
    theirs = (
        {str(p.relative_to(root / ".bench-zensical")) for p in (root / ".bench-zensical").rglob("*") if p.is_file()}
        if (root / ".bench-zensical").is_dir()
        else set()
    )
    html = sorted(f for f in ours if f.endswith(".html"))
    missing = sorted(f for f in ours - theirs if not f.startswith(("search/", "pagefind/", "assets/")))
    differ = [
        f
        for f in html
        if f in theirs and _article_text(root / ".bench-site" / f) != _article_text(root / ".bench-zensical" / f)
    ]
    return {
        "seconds": seconds,
        "returncode": out.returncode,
        "log": (out.stderr or out.stdout)[-600:],
        "refused_with_search": first_log,
        "differ": len(differ),
        "differ_sample": differ[:5],
        "mkdocs_html": len(html),
        "zensical_html": sum(1 for f in theirs if f.endswith(".html")),
        "missing": missing,
        "extra": sorted(f for f in theirs - ours if f.endswith(".html"))[:10],
        "sitemap": (root / ".bench-zensical" / "sitemap.xml").is_file(),
    }


def _article_text(page: Path) -> str:
    """The words of a page's article (what the reader reads), markup and spacing left out."""
    import re

    html = page.read_text(encoding="utf-8", errors="replace")
    start = html.find("<article")
    end = html.find("</article>", start)
    body = html[start:end] if start >= 0 else ""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).replace("¶", " ").split())


def _run_child(root: Path, prep_only: bool = False) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(root), *(["--measure-prep-only"] if prep_only else [])],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"measuring {root} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


BUILD_STAGES = ("load", "clean", "extract", "render", "write", "mkdocs", "search indexing")


def measure_build(root: Path) -> dict[str, float]:
    """`dossier build` of `root` in this process (what the command runs), seconds per stage:
    load, clean, extract and render as the build reports them; "write" the pages copied and
    written into the staging folder, their times kept, the swap and the manifest of the files
    written; mkdocs; Pagefind."""
    from build_tools import publish, search, staging

    times = dict.fromkeys(BUILD_STAGES, 0.0)
    marks: list[tuple[str, float]] = []

    def timed(module: object, name: str, stage: str) -> None:
        inner = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            t0 = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                times[stage] += time.perf_counter() - t0

        setattr(module, name, wrapper)

    for name in (
        "copy_hand_written",
        "write_pages",
        "keep_unchanged_times",
        "keep_unchanged_site_times",
        "tree_manifest",
    ):
        timed(publish, name, "write")
    timed(staging, "swap_in", "write")
    timed(publish, "run_mkdocs_build", "mkdocs")
    timed(search, "index_site", "search indexing")
    publish.build_project(
        root, on_stage=lambda name, detail: marks.append((name, time.perf_counter())), log=lambda m: None
    )
    at = dict(marks)
    for a, b in zip(("load", "clean", "extract", "render"), ("clean", "extract", "render", "mkdocs"), strict=True):
        times[a] = at[b] - at[a]
    times["other"] = at["done"] - at["mkdocs"] - sum(times[k] for k in ("write", "mkdocs", "search indexing"))
    return times


def _time_build(root: Path) -> dict[str, float]:
    """One `dossier build` in a fresh process: its stages, and the whole command's seconds
    (interpreter start and imports included)."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--measure-build", str(root)], capture_output=True, text=True, check=False
    )
    whole = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"building {root} failed:\n{out.stderr[-3000:]}")
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "whole": whole}


def incremental(root: Path) -> list[tuple[str, dict[str, float]]]:
    rows = [("full build", _time_build(root))]
    rows.append(("nothing changed", _time_build(root)))
    sources = sorted((root / "dossier" / "sources").iterdir())
    extra = root / "dossier" / "sources" / "zz-added.txt"
    extra.write_text("An added report\n\n" + sources[0].read_text(encoding="utf-8"), encoding="utf-8")
    rows.append(("one source added", _time_build(root)))
    actors = root / "dossier" / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    first = text.index("  kind:")
    actors.write_text(text[:first] + "  aliases: [Added Alias]\n" + text[first:], encoding="utf-8")
    rows.append(("one alias added", _time_build(root)))
    return rows


def _preparation(t: dict[str, float]) -> float:
    return sum(t[k] for k in ("load", "clean", "extract", "render", "write"))


def table(results: list[dict], rows: dict[int, list[tuple[str, dict[str, float]]]], command: str) -> str:
    base = results[0]
    lines = [
        f"Made by `{command}` on {platform.machine()} with {os.cpu_count()} cores, one run.",
        "",
        "Seconds per stage (per-source cost relative to the smallest dossier in brackets):",
        "",
    ]
    head = "| stage | " + " | ".join(f"{r['sources']:,} sources" for r in results) + " |"
    lines += [head, "|---" * (len(results) + 1) + "|"]
    for name in STAGES:
        cells = []
        for r in results:
            if name not in r["times"]:  # a step not run at that size (preparation only)
                cells.append("-")
                continue
            t = r["times"][name]
            if base["times"].get(name, 0.0) < 0.01:  # nothing to compare with (a step not run at that size)
                cells.append(f"{t:.2f} (-)")
                continue
            ratio = (t / r["sources"]) / (base["times"][name] / base["sources"])
            cells.append(f"{t:.2f} ({ratio:.2f}x)")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    total = [sum(r["times"].values()) for r in results]
    lines.append("| **total** | " + " | ".join(f"{t:.1f}" for t in total) + " |")
    prep = [sum(t for k, t in r["times"].items() if k not in ("write", "mkdocs", "search indexing")) for r in results]
    lines.append("| preparation (load to render) | " + " | ".join(f"{t:.1f}" for t in prep) + " |")
    lines.append("| peak memory MB | " + " | ".join(f"{r['peak_mb']:.0f}" for r in results) + " |")
    lines.append(
        "| peak memory MB per 1,000 sources | "
        + " | ".join(f"{r['peak_mb'] / r['sources'] * 1000:.0f}" for r in results)
        + " |"
    )
    lines.append("| pages | " + " | ".join(f"{r['pages']:,}" for r in results) + " |")

    def full(key: str, fmt: str) -> str:
        return " | ".join("-" if r.get("prep_only") or key not in r else format(r[key], fmt) for r in results)

    lines.append(
        "| pages/s | "
        + " | ".join(
            "-" if r.get("prep_only") else f"{r['pages'] / t:.1f}" for r, t in zip(results, total, strict=True)
        )
        + " |"
    )
    lines.append(
        "| site KB per page | "
        + " | ".join(
            "-" if r.get("prep_only") else f"{r['site_bytes'] / max(r['html_pages'], 1) / 1024:.1f}" for r in results
        )
        + " |"
    )
    lines.append(
        "| search | " + " | ".join("-" if r.get("prep_only") else str(r.get("search")) for r in results) + " |"
    )
    lines.append(
        "| search index MB | "
        + " | ".join("-" if r.get("prep_only") else f"{r['search_index_bytes'] / 1e6:.1f}" for r in results)
        + " |"
    )
    if any("first_result" in r for r in results):
        lines.append("| home page load s | " + full("page_load", ".2f") + " |")
        lines.append("| first search result s (from typing) | " + full("first_result", ".2f") + " |")
    if any("bundle" in r for r in results):
        lines.append(
            "| offline bundle: site build s | "
            + " | ".join(f"{r['bundle']['seconds']:.1f}" if "bundle" in r else "-" for r in results)
            + " |"
        )
        lines.append(
            "| offline bundle: lunr index MB | "
            + " | ".join(f"{r['bundle']['index_bytes'] / 1e6:.1f}" if "bundle" in r else "-" for r in results)
            + " |"
        )
        lines.append(
            "| offline bundle: first search result s (from typing) | "
            + " | ".join(f"{r['bundle']['first']:.2f}" if "bundle" in r else "-" for r in results)
            + " |"
        )
    for n in sorted(rows):
        lines += [
            "",
            f'`dossier build` at {n:,} sources, seconds per stage ("ours": load to write; the whole command'
            " includes starting Python):",
            "",
            "| build | load | clean | extract | render | write | **ours** | mkdocs | search indexing | whole command |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, t in rows[n]:
            lines.append(
                f"| {name} | "
                + " | ".join(f"{t[k]:.2f}" for k in ("load", "clean", "extract", "render", "write"))
                + f" | **{_preparation(t):.1f}** | {t['mkdocs']:.1f} | {t['search indexing']:.1f} | {t['whole']:.1f} |"
            )
    zensical = [r for r in results if "zensical" in r]
    if zensical:
        lines += [
            "",
            "The same docs/ built by Zensical (`--engine zensical`; mkdocs stays the engine):",
            "",
            "| sources | mkdocs s | Zensical s | HTML pages mkdocs / Zensical | files of ours missing |"
            " pages whose article text differs | exit |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in zensical:
            z = r["zensical"]
            missing = z["missing"]
            shown = ", ".join(f"`{m}`" for m in missing[:5]) + (
                f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            )
            lines.append(
                f"| {r['sources']:,} | {r['times']['mkdocs']:.1f} | {z['seconds']:.1f} | "
                f"{z['mkdocs_html']:,} / {z['zensical_html']:,} | {len(missing)} {shown} | "
                f"{z['differ']:,} {', '.join(f'`{d}`' for d in z['differ_sample'][:3])} | {z['returncode']} |"
            )
        for r in zensical:
            if r["zensical"].get("refused_with_search"):
                lines += [
                    "",
                    f"At {r['sources']:,} sources Zensical refused the build with its search on, and the "
                    "row above is its build without search: `"
                    + str(r["zensical"]["refused_with_search"]).replace("`", "'")
                    + "`",
                ]
    return "\n".join(lines) + "\n"


PAGE_HEAD = """# Performance

How build time, memory and site size grow with the number of sources. The dossiers are made by
`bench/generate.py` from real news pages (the L3S-GN1 and Dragnet corpora, paragraphs recombined,
wire copy carried by small groups of outlets); the figures come from `bench/build.py`, each stage
timed in one process, one run on a noisy shared machine: compare the ratios, not the seconds.

The search rows time the first result from the first key typed into the search box (the home
page loaded, nothing of the search fetched before) to the results of the whole word typed (not
of its first letters) in headless Chromium: Pagefind on the hosted
site from `search.pagefind_from` sources on (material's lunr search below it), and the offline
bundle's lunr index (titles, summaries and headings for a large dossier) opened from disk.
Sizes marked "-" for mkdocs were measured up to render only (`--prep-only-from`); the
extractors marked "-" ran inside "per source" (across the cores, timed together, with the reading
of each source's quotations: "quotes" is then their merge over the dossier).

The rebuild tables time `dossier build` itself, each in a fresh process, stage by stage: "ours"
is the preparation (load, clean, extract, render, and the writing of the pages into the staging
folder and the swap), with mkdocs and Pagefind apart. The first row is a build with an empty
cache; the others reuse what it kept in `.dossier-cache/`.

"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--no-page", action="store_true", help="print only, do not write docs/performance.md")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument(
        "--no-search-timing", action="store_true", help="do not time the first search result in headless Chromium"
    )
    parser.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="zensical: also build the same docs/ with Zensical and compare",
    )
    parser.add_argument(
        "--install-zensical", action="store_true", help="install Zensical into build/zensical-venv if it is not found"
    )
    parser.add_argument(
        "--incremental-at", default="", help="sizes at which to time the rebuilds (default: the smallest)"
    )
    parser.add_argument("--prep-only-from", type=int, default=0, help="from this size on, measure load to render only")
    parser.add_argument("--bundle-at", default="", help="sizes at which to build the offline bundle's site too")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-prep-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_build:
        print(json.dumps(measure_build(args.measure_build)))
        return 0
    if args.measure:
        print(json.dumps(measure_one(args.measure, prep_only=args.measure_prep_only)))
        return 0
    from generate import generate  # bench/ is on sys.path when run as a script

    sizes = [int(x) for x in args.sizes.split(",")]
    zensical = None
    if args.engine == "zensical":
        zensical = zensical_command(args.install_zensical)
        if zensical is None:
            raise SystemExit(
                "Zensical not found: `pip install zensical` (in a virtual environment of its own), "
                "or pass --install-zensical"
            )
    results = []
    rows: dict[int, list[tuple[str, dict[str, float]]]] = {}
    incremental_at = {int(x) for x in args.incremental_at.split(",") if x} or {sizes[0]}
    bundle_at = {int(x) for x in args.bundle_at.split(",") if x}
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        for n in sizes:
            root = generate(Path(tmp) / f"d{n}", n)
            prep_only = bool(args.prep_only_from) and n >= args.prep_only_from
            results.append(_run_child(root, prep_only))
            print(
                f"{n} sources: {sum(results[-1]['times'].values()):.1f} s, peak {results[-1]['peak_mb']:.0f} MB",
                flush=True,
            )
            if prep_only:
                continue
            if not args.no_search_timing:
                results[-1]["page_load"], results[-1]["first_result"] = first_result_seconds(
                    root / ".bench-site", str(results[-1]["search"]), _query(root)
                )
                print(
                    f"  first search result ({results[-1]['search']}): {results[-1]['first_result']:.2f} s "
                    f"from typing (home page loaded in {results[-1]['page_load']:.2f} s)",
                    flush=True,
                )
            if n in bundle_at:
                results[-1]["bundle"] = b = bundle_search(root)
                print(
                    f"  offline bundle: {b['seconds']:.1f} s, index {b['index_bytes'] / 1e6:.1f} MB, "
                    f"first result {b['first']:.2f} s from typing",
                    flush=True,
                )
            if zensical is not None:
                results[-1]["zensical"] = zensical_build(root, zensical, str(results[-1]["title"]))
                z = results[-1]["zensical"]
                print(f"  zensical: {z['seconds']:.1f} s, exit {z['returncode']}", flush=True)
                if z["returncode"]:
                    print("  " + str(z["log"]).strip().replace("\n", "\n  "), flush=True)
            if n in incremental_at and not args.no_incremental:
                for scratch in (".bench-docs", ".bench-site", ".bench-bundle"):
                    shutil.rmtree(root / scratch, ignore_errors=True)
                rows[n] = incremental(root)
                print(
                    "  "
                    + ", ".join(
                        f"{name} {_preparation(t):.1f} s ours, {t['whole']:.1f} s in all" for name, t in rows[n]
                    ),
                    flush=True,
                )
            shutil.rmtree(root, ignore_errors=True)  # the next size needs the disk
    command = (
        "python bench/build.py"
        + (f" --sizes {args.sizes}" if args.sizes != "1000,3000,10000" else "")
        + (f" --incremental-at {args.incremental_at}" if args.incremental_at else "")
        + (f" --prep-only-from {args.prep_only_from}" if args.prep_only_from else "")
        + (f" --bundle-at {args.bundle_at}" if args.bundle_at else "")
        + (" --engine zensical" if zensical is not None else "")
    )
    text = table(results, rows, command)
    print(text)
    if not args.no_page:
        (ROOT / "docs" / "performance.md").write_text(PAGE_HEAD + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
