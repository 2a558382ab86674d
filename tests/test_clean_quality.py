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


def test_gold_as_input_reports_recall_lost_pages_and_costly_reasons(tmp_path, capsys):
    """`--gold-as-input`: each gold body is the source; recall of the output against it, per half."""
    bench = _bench()
    prose = (
        "The council said on Tuesday that the repairs to the bridge would take at least three months, "
        "and that a ferry service would run for the people who cross the river every day to work."
    )
    truth = tmp_path / "corpus" / "truth"
    truth.mkdir(parents=True)
    for n in range(6):
        (truth / f"p{n}.txt").write_text(f"{prose}\n\nShare on Facebook\n\n{prose.replace('Tuesday', 'Friday')}\n")
    assert bench.main(["clean_quality.py", "--gold-as-input", str(tmp_path), "--worst", "2"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.startswith("corpus ")]
    assert {row[1] for row in rows} <= set(bench.HALVES) and sum(int(row[2]) for row in rows) == 6
    assert all(0.8 < float(row[3]) < 1.0 for row in rows)  # "Share on Facebook" is lost on every page
    assert "corpus: social" in out and "e.g. p" in out
    assert bench.reason_class("score=0.42 (short), caption-like") == "score=# (short), caption-like"
