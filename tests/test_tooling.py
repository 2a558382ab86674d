"""Tooling: dependencies bounded, ruff and mypy configured and passing on the whole tree, and
.ci/run running what the workflow runs."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent


def requirement_names(reqs: list[str]) -> dict[str, str]:
    return {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower(): r for r in reqs}


@pytest.mark.parametrize(
    "req",
    PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"],
)
def test_every_dependency_has_an_upper_bound(req):
    assert "<" in req, req


def test_the_site_building_dependencies_are_all_named():
    names = requirement_names(PYPROJECT["project"]["dependencies"])
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "trafilatura", "justext"):
        assert name in names, name
    assert {"ruff", "mypy"} <= set(requirement_names(PYPROJECT["project"]["optional-dependencies"]["test"]))


def test_ruff_and_mypy_are_configured_in_pyproject():
    assert PYPROJECT["tool"]["ruff"]["line-length"] == 120
    assert "E" in PYPROJECT["tool"]["ruff"]["lint"]["select"]
    assert PYPROJECT["tool"]["mypy"]["files"] == ["build_tools"]


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return str(path)


def test_the_tree_passes_ruff_check_and_format():
    lint = subprocess.run(
        [_tool("ruff"), "check", "build_tools", "bench", "tests"], cwd=REPO, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = subprocess.run([_tool("ruff"), "format", "--check"], cwd=REPO, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_finds_nothing_in_build_tools():
    result = subprocess.run([_tool("mypy"), "build_tools"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _workflow_runs() -> list[str]:
    wf = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    return [s["run"] for s in wf["jobs"]["build"]["steps"] if "run" in s]


def test_ci_run_runs_what_the_workflow_runs_in_the_same_order():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    live = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    runs = "\n".join(_workflow_runs())
    commands = ["python -m pytest", "dossier check", "dossier build --strict", "dossier bundle --output"]
    for command in commands:
        assert command in runs, command
    positions = [live.find(c) for c in commands]
    assert -1 not in positions, dict(zip(commands, positions, strict=True))
    assert positions == sorted(positions)
    assert '.venv/bin/pip install -q -e ".[test]"' in live


def test_ci_run_and_the_workflow_both_have_the_lint_format_and_type_checks():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    for text in (script, workflow):
        for command in ("ruff check build_tools bench tests", "ruff format --check", "mypy build_tools"):
            (line,) = [x for x in text.splitlines() if command in x]
            assert not line.lstrip().startswith("#"), line


def test_pre_commit_runs_ruff_and_mypy_from_the_project_environment():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert set(hooks) == {"ruff-check", "ruff-format", "mypy"}
    assert all(h["entry"].startswith(".venv/bin/") for h in hooks.values())
