"""A curator's own dossier from `dossier new` on: the files it writes (workflow, .gitignore,
README), then add a text page and a saved HTML page, suggest --write, build: no hand edit."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from build_tools.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HTML = FIXTURES / "pages" / "guardian.html"
REUTERS = FIXTURES / "pages" / "reuters.html"
TEXT = FIXTURES / "add" / "erbil-wire.txt"


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; pip install -e '.[test]'")
    return found


def run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    root = tmp_path / "water-rights"
    run("new", str(root), "--title", "Water rights")
    return root


def test_new_writes_a_workflow_that_passes_githubs_schema_and_zizmor(fresh):
    wf = fresh / ".github" / "workflows" / "dossier.yml"
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(wf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--format", "json", str(wf)], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().startswith("["), result.stderr
    assert json.loads(result.stdout) == []
    data = yaml.safe_load(wf.read_text(encoding="utf-8"))
    runs = "\n".join(s.get("run", "") for s in data["jobs"]["build"]["steps"])
    order = ["pip install -r requirements.txt", "dossier check", "dossier build --strict", "dossier bundle"]
    positions = [runs.find(c) for c in order]
    assert -1 not in positions and positions == sorted(positions), positions
    assert "git clone" not in runs and "pip install -e" not in runs
    assert [s.get("uses", "").split("@")[0] for s in data["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    req = [line for line in (fresh / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert len(req) == 1 and req[0].startswith("dossier")


def test_new_writes_a_gitignore_for_what_the_build_writes_and_a_readme(fresh):
    ignored = (fresh / ".gitignore").read_text(encoding="utf-8").splitlines()
    for entry in ("site/", "dist/", "docs/sources/", "docs/actors/", "docs/index.md", ".dossier-build-*/"):
        assert entry in ignored
    assert "docs/about.md" not in ignored
    readme = (fresh / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Water rights\n")
    assert "Settings → Pages" in readme and "dossier add" in readme


@pytest.mark.slow
def test_from_new_to_a_built_site_with_no_hand_edit(fresh):
    runner = CliRunner()
    for page in (TEXT, HTML, REUTERS):
        res = runner.invoke(cli, ["--project", str(fresh), "add", str(page)])
        assert res.exit_code == 0, res.output
    sources_yml = (fresh / "dossier" / "sources.yml").read_text(encoding="utf-8")
    assert sources_yml.startswith("# Curated facts about each raw file")  # the header is kept
    assert "detected:" in sources_yml

    printed = run("--project", str(fresh), "suggest")
    entries = yaml.safe_load(printed)
    assert entries and all(set(e) <= {"name", "kind", "aliases"} for e in entries)
    # What suggest printed can be appended as it is, to the new project's actors.yml too.
    actors_path = fresh / "dossier" / "actors.yml"
    blank = actors_path.read_text(encoding="utf-8")
    actors_path.write_text(blank + printed, encoding="utf-8")
    assert run("--project", str(fresh), "check")
    actors_path.write_text(blank, encoding="utf-8")
    out = run("--project", str(fresh), "suggest", "--write")
    assert re.search(r"added \d+ actors? to dossier/actors.yml", out), out
    actors_yml = (fresh / "dossier" / "actors.yml").read_text(encoding="utf-8")
    assert actors_yml.startswith("# Actors: people, organisations")
    assert {e["name"] for e in yaml.safe_load(actors_yml)} == {e["name"] for e in entries}
    again = run("--project", str(fresh), "suggest", "--write")
    assert "added 0 actors" in again  # nothing proposed twice

    out = run("--project", str(fresh), "build", "--strict")
    assert re.search(r"^built .*: 3 sources, \d+ pages?, 0 warnings", out, re.M), out
    docs = fresh / "docs" / "sources"
    guardian = next(p for p in docs.glob("2024-02-01-*.md"))
    text = guardian.read_text(encoding="utf-8")
    assert "The Guardian" in text and "(detected)" in text
    assert "https://www.theguardian.com/environment/2024/feb/01/drought-catalonia-water-rationing" in text

    # What the scaffolded workflow runs after the build works too.
    out = run("--project", str(fresh), "check")
    out = run("--project", str(fresh), "bundle", "--output", str(fresh / "dist" / "dossier-offline.zip"))
    assert (fresh / "dist" / "dossier-offline.zip").is_file()

    # And the curator can read it served, with no hand edit.
    from test_serve import _command, _free_port, _get, _stop, _wait_for

    port = _free_port()
    proc = subprocess.Popen(
        [*_command(), "--project", str(fresh), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )
    try:
        home = _wait_for(f"http://127.0.0.1:{port}/", lambda body: "Water rights" in body, 90, proc, "the home page")
        assert "dossier-network" in home
        assert _get(f"http://127.0.0.1:{port}/sources/{guardian.stem}/") is not None
    finally:
        output = _stop(proc)
    assert f"at http://127.0.0.1:{port}/" in output and "Traceback" not in output, output[-2000:]


@pytest.mark.slow
def test_a_value_written_by_the_curator_is_no_longer_marked_detected(fresh):
    run("--project", str(fresh), "add", str(REUTERS))
    path = fresh / "dossier" / "sources.yml"
    text = path.read_text(encoding="utf-8")
    name = re.search(r"^(2024-03-04_[0-9a-f]{8}\.html):$", text, re.M).group(1)
    path.write_text(text.replace(f"{name}:\n", f"{name}:\n  publisher: Reuters Madrid  # checked\n"), encoding="utf-8")
    run("--project", str(fresh), "build")
    page = (fresh / "docs" / "sources" / (name.removesuffix(".html").replace("_", "-") + ".md")).read_text(
        encoding="utf-8"
    )
    publisher_line = next(line for line in page.splitlines() if "Publisher" in line)
    assert "Reuters Madrid" in publisher_line and "detected" not in publisher_line
    date_line = next(line for line in page.splitlines() if "Date" in line)
    assert "2024-03-04" in date_line and "(detected)" in date_line
