"""The GitHub Actions workflows: valid against GitHub's schema, clean under zizmor, and doing
what the project expects of them (tests, check, strict build, bundle, Pages on main)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
CI = WORKFLOWS / "ci.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _tool(name: str) -> str:
    """The console script installed beside this Python (the venv's), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; pip install -e '.[test]'")
    return found


def _load(path: Path) -> dict:
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _runs(job: dict) -> str:
    return "\n".join(s.get("run", "") for s in _steps(job))


def _uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in _steps(job) if "uses" in s]


def test_there_is_a_workflow():
    assert CI in FILES


def test_workflows_validate_against_githubs_schema():
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, FILES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_high_severity():
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--format", "json", *map(str, FILES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # zizmor exits non-zero when it has findings; the JSON says which.
    assert result.stdout.strip().startswith("["), result.stderr
    findings = json.loads(result.stdout)
    high = [f for f in findings if f.get("determinations", {}).get("severity") == "High"]
    assert not high, json.dumps(high, indent=1)[:4000]


def test_every_action_is_pinned_by_commit_with_its_version_beside_it():
    for path in FILES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)\s*(#\s*(\S+))?", line)
            if not m or m.group(1).startswith("./"):
                continue
            assert PINNED.match(m.group(1)), f"{path.name}:{n}: {m.group(1)} is not pinned by a full commit SHA"
            assert m.group(3) and re.match(r"^v\d+(\.\d+)*$", m.group(3)), f"{path.name}:{n}: no '# vX.Y.Z' comment"


def test_checkouts_do_not_keep_credentials():
    for path in FILES:
        for name, job in _load(path)["jobs"].items():
            for step in _steps(job):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {name}"


def test_ci_runs_on_main_pull_requests_and_by_hand():
    on = _load(CI)["on"]
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    assert "workflow_dispatch" in on


def test_ci_grants_no_permission_by_default_and_least_per_job():
    wf = _load(CI)
    assert wf["permissions"] == {}
    assert wf["concurrency"]["group"]
    perms = {name: job.get("permissions") for name, job in wf["jobs"].items()}
    assert perms["build"] == {"contents": "read"}
    assert perms["deploy"] == {"pages": "write", "id-token": "write"}


def test_build_job_installs_tests_checks_builds_and_bundles_in_that_order():
    job = _load(CI)["jobs"]["build"]
    setup = next(s for s in _steps(job) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    runs = _runs(job)
    order = [
        "apt-get install -y chromium",
        "python -m pip install --upgrade pip",
        'pip install -e ".[test]"',
        "python -m pytest",
        "dossier check",
        "dossier build --strict",
        "dossier bundle",
    ]
    positions = [runs.find(cmd) for cmd in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    assert _uses(job)[:2] == ["actions/checkout", "actions/setup-python"]


def test_the_bundle_is_kept_and_the_site_published_only_from_main():
    wf = _load(CI)
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    bundle_path = re.search(r"dossier bundle --output (\S+)", _runs(build)).group(1)
    artifact = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert artifact["with"]["path"] == bundle_path
    pages = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "site"
    assert "refs/heads/main" in pages["if"] and "pull_request" in pages["if"]
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert _uses(deploy) == ["actions/deploy-pages"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
