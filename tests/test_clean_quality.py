"""The cleaner measured on the labelled corpus (tests/corpus): quality, never timing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "clean_quality.py"


def _bench():
    spec = importlib.util.spec_from_file_location("clean_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("clean_quality", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results():
    bench = _bench()
    docs = bench.load_corpus()
    if len(docs) < 5:
        pytest.skip("labelled corpus not present")
    return bench, bench.evaluate(docs)


def test_mean_token_f1_on_the_labelled_corpus_is_at_least_097(results):
    bench, scores = results
    assert bench.mean(scores["ours"]).f1 >= 0.97


def test_cleaner_beats_justext_and_no_cleaning_on_the_same_pages(results):
    bench, scores = results
    ours, justext, none = (bench.mean(scores[s]).f1 for s in ("ours", "justext", "none"))
    assert ours > justext + 0.1 and ours > none + 0.1


def test_token_scores_are_sane():
    bench = _bench()
    assert bench.prf("the cat sat", "the cat sat").f1 == 1.0
    half = bench.prf("the cat", "the cat sat on the mat")
    assert half.precision == 1.0 and half.recall == pytest.approx(2 / 6)
    assert bench.prf("", "something").f1 == 0.0


@pytest.mark.parametrize("folder", ["tests/corpus", "bench/holdout", "bench/holdout2"])
def test_every_labelled_set_is_well_formed(folder):
    """Each body block occurs in its raw page, in order; meta files have every key (check_corpus.py)."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    if not (root / folder).is_dir():
        pytest.skip(f"{folder} not present")
    run = subprocess.run(
        [sys.executable, str(root / "tests" / "corpus" / "check_corpus.py"), str(root / folder)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout
    assert ", 0 problems" in run.stdout.splitlines()[-1]
