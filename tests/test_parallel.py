"""Parallel preparation: clean and the per-source extractors across processes give the very
bytes of the serial build (real builds, real process pools)."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest
from conftest import copy_project

from build_tools import parallel, pipeline
from build_tools.clean import clean_all
from build_tools.extract import build_dossier
from build_tools.publish import build_project

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
pytestmark = pytest.mark.slow


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _generated(dest: Path, n: int) -> Path:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside the repository")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    return generate(dest, n, actors=40, topics=8, corpora=CORPORA)


def _build_both_ways(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    other = tmp_path / "other"
    shutil.copytree(root, other)
    monkeypatch.setenv("DOSSIER_JOBS", "1")
    build_project(root)
    monkeypatch.setenv("DOSSIER_JOBS", "2")
    build_project(other)
    serial = {"docs": tree_digest(root / "docs"), "site": tree_digest(root / "site")}
    pooled = {"docs": tree_digest(other / "docs"), "site": tree_digest(other / "site")}
    return serial, pooled


def test_embedded_dossier_same_bytes_serial_and_parallel(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "embedded")
    serial, pooled = _build_both_ways(root, tmp_path, monkeypatch)
    assert len(serial["docs"]) > 20
    assert serial == pooled


def test_generated_dossier_same_bytes_serial_and_parallel(tmp_path, monkeypatch):
    root = _generated(tmp_path / "generated", 80)
    serial, pooled = _build_both_ways(root, tmp_path, monkeypatch)
    assert sum(1 for k in serial["docs"] if k.startswith("sources/")) >= 80
    assert serial == pooled


def test_parallel_parts_equal_the_serial_extractors(tmp_path):
    """Each merged part equals what the extractor gives over all the sources at once, and every
    precomputed part is taken by build_dossier (a renamed step would silently run serially)."""
    root = _generated(tmp_path / "g", 60)
    project = pipeline.load_stage(root)
    cleaned = clean_all(project.sources, project.config.clean)
    assert tuple(parallel.clean_many(project.sources, project.config.clean, 2)) == cleaned
    ordered = tuple(sorted(cleaned, key=lambda s: s.id))
    serial = build_dossier(project.config, ordered, project.actors, project.topics)
    parts = parallel.per_source_parts(ordered, project.actors, project.topics, 3)
    assert parts["mentions"] == serial.mentions and serial.mentions
    assert parts["topics"] == serial.topic_hits and serial.topic_hits
    assert parts["figures"] == serial.figures and serial.figures
    assert parts["events"] == (serial.events, serial.warnings) and serial.events
    # quotations: read per source, then merged across the dossier as find_quotes merges them
    assert len(parts["quotes"]) == len(ordered)
    parts["quotes"] = parallel.merge_quotes(parts["quotes"])
    assert parts["quotes"] == serial.quotes and any(len(q.sources) > 1 for q in serial.quotes)
    from build_tools.cache import Cache

    for _ in range(2):  # computed and stored, then read back from the cache
        cache = Cache(root)
        again = parallel.per_source_parts(ordered, project.actors, project.topics, 2, cache)
        assert parallel.merge_quotes(again.pop("quotes")) == parts["quotes"]
        assert again == {k: v for k, v in parts.items() if k != "quotes"}
    assert cache.missed == {} and cache.hits == len(ordered)
    used: set[str] = set()
    merged = build_dossier(
        project.config, ordered, project.actors, project.topics, parallel.substituting(parts, None, used)
    )
    assert used == set(parallel.PER_SOURCE)
    assert merged == serial


def test_jobs_threshold_and_override(monkeypatch):
    monkeypatch.delenv("DOSSIER_JOBS", raising=False)
    assert parallel.jobs_for(parallel.PARALLEL_FROM - 1) == 1
    assert parallel.jobs_for(parallel.PARALLEL_FROM) == parallel.cores()
    assert parallel.jobs_for(10, 1) == 1
    monkeypatch.setenv("DOSSIER_JOBS", "3")
    assert parallel.jobs_for(10) == 3
    assert parallel.jobs_for(2) == 2  # never more processes than sources


def test_while_other_threads_run_workers_are_fresh_interpreters_with_the_same_result(tmp_path):
    """serve regenerates from a watcher thread, where forking is unsafe: the pool then spawns."""
    import threading

    project = pipeline.load_stage(copy_project(tmp_path / "p"))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel._context().get_start_method() == "spawn"
        pooled = tuple(parallel.clean_many(project.sources, project.config.clean, 2))
    finally:
        stop.set()
        thread.join()
    assert pooled == clean_all(project.sources, project.config.clean)
