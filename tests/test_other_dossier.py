"""A dossier on another subject, curated from scratch: nothing may assume the embedded one.

Two pages of the cleaning corpus (a local council budget behind a paywall, a live page on a
state budget in HTML) become a small dossier with its own actors and topics, built for real.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli

CORPUS = Path(__file__).parent / "corpus"
pytestmark = pytest.mark.slow

ACTORS = """\
- name: Mark Treloar
  kind: person
  role: Council leader
  aliases: [Treloar]
- name: Priya Shah
  kind: person
  role: Opposition leader
  aliases: [Shah]
- name: Lena Marchetti
  kind: person
  role: Treasurer
  aliases: [Marchetti, The Treasurer]
- name: Porthaven
  kind: place
"""

TOPICS = """\
- name: Taxes
  description: Council tax, stamp duty, payroll tax.
  keywords: [council tax, stamp duty, payroll tax, tax]
- name: Swimming pool
  keywords: [swimming pool, leisure centre, swimmers]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("budgets") / "budgets"
    assert CliRunner().invoke(cli, ["new", str(root), "--title", "Budgets"]).exit_code == 0
    sources = root / "dossier" / "sources"
    shutil.copy2(CORPUS / "paywall_council_budget.raw.txt", sources / "council.txt")
    shutil.copy2(CORPUS / "live_state_budget.raw.html", sources / "state.html")
    (root / "dossier" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    (root / "dossier" / "topics.yml").write_text(TOPICS, encoding="utf-8")
    res = CliRunner().invoke(cli, ["--project", str(root), "build", "--strict"])
    assert res.exit_code == 0, res.output
    return root


def test_people_of_another_subject_get_pages_with_cited_mentions(project):
    treloar = (project / "site/actors/mark-treloar/index.html").read_text(encoding="utf-8")
    assert "<mark>" in treloar and "sources/council/#p" in treloar
    marchetti = (project / "site/actors/lena-marchetti/index.html").read_text(encoding="utf-8")
    assert "sources/state/#p" in marchetti


def test_quotes_are_attributed_to_this_dossiers_people(project):
    quotes = (project / "docs/quotes/index.md").read_text(encoding="utf-8")
    section = quotes.split("[Mark Treloar]")[1].split("\n## ")[0]
    assert "Nobody stands for election wanting to put up taxes" in section
    section = quotes.split("[Lena Marchetti]")[1].split("\n## ")[0]
    assert "This is a responsible budget for difficult times" in section
    assert "within the forward estimates" in section  # "She blamed ... and said ..."
    # "Priya Shah welcomed the U-turn but said it had come "..."", then ""...," she said."
    section = quotes.split("[Priya Shah]")[1].split("\n## ")[0]
    assert "at the eleventh hour" in section and "It should never have been on the list" in section
    assert "Unattributed" not in quotes


def test_topics_figures_and_check_work_without_the_embedded_dossier(project):
    pool = (project / "docs/topics/swimming-pool.md").read_text(encoding="utf-8")
    assert "council.md#p" in pool
    figures = (project / "docs/figures/index.md").read_text(encoding="utf-8")
    assert "6,000" in figures or "6000" in figures
    res = CliRunner().invoke(cli, ["--project", str(project), "check"])
    assert res.exit_code == 0, res.output
    assert "0 errors" in res.output
