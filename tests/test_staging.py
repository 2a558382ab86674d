"""No build deletes what it did not make, builds never mix, and a killed build is recovered.

Real builds in subprocesses: killed at named steps of the swap (DOSSIER_KILL_AT, see
build_tools/staging.py) and by SIGTERM/SIGINT while mkdocs runs; two builds started at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

from build_tools import staging
from build_tools.cache import CACHE_DIR
from build_tools.publish import build_project
from build_tools.yamlfile import DossierError

pytestmark = pytest.mark.slow

DOSSIER = [sys.executable, "-c", "from build_tools.cli import main; main()"]
NEW_SOURCE = "900_new_source.txt"
NEW_TEXT = (
    "Fresh report\n\nBRUSSELS (AFP) - John Kerry met the coalition again on Friday, and the "
    "ministers agreed on a new plan for the weeks to come, officials said.\n"
)


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (symlinks as their target) with a hash of its bytes."""
    out: dict[str, str] = {}
    if not folder.exists():
        return out
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha1(path.read_bytes()).hexdigest()
    return out


def run_cli(
    root: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*DOSSIER, "--project", str(root), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


def pair(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    return tree(root / "docs"), tree(root / "site")


def leftovers(root: Path) -> list[str]:
    names = [p.name for p in root.iterdir() if p.name.startswith((".dossier", ".site"))]
    # the lock and the build cache (build_tools/cache.py) stay between builds by design
    return sorted(n for n in names if n not in (staging.LOCK_NAME, CACHE_DIR))


# --- the site folder is checked before anything is touched ------------------------------------


@pytest.mark.parametrize("site_dir", ["docs", "dossier", "dossier/sources", ".", "..", "docs/sub", "dossier/new"])
def test_site_dir_that_would_delete_the_curators_work_is_refused(project: Path, site_dir: str) -> None:
    build_project(project)
    before = tree(project.parent)
    result = run_cli(project, "build", "--site-dir", str(project / site_dir))
    assert result.returncode == 1
    assert result.stderr.startswith("error: --site-dir "), result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree(project.parent) == before


def test_site_dir_of_mkdocs_yml_is_checked_too(project: Path) -> None:
    before = tree(project)
    cfg = project / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: dossier/sources"), encoding="utf-8"
    )
    before = tree(project)
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "mkdocs.yml: site_dir: the site folder" in result.stderr and "inside dossier/" in result.stderr
    assert tree(project) == before


def test_a_folder_of_other_files_is_not_a_site_folder(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "www"
    other.mkdir()
    (other / "keep.html").write_text("mine", encoding="utf-8")
    with pytest.raises(DossierError, match="no dossier build made"):
        build_project(project, site_dir=other)
    assert tree(other) == {"keep.html": hashlib.sha1(b"mine").hexdigest()}
    # an empty folder, or a site an earlier build made (it carries the marker), is fine
    empty = tmp_path / "empty"
    empty.mkdir()
    build_project(project, site_dir=empty)
    assert (empty / staging.SITE_MARKER).is_file() and (empty / "index.html").is_file()
    build_project(project, site_dir=empty)
    assert (empty / "index.html").is_file()


def test_a_site_dir_that_is_a_file_is_refused(project: Path) -> None:
    with pytest.raises(DossierError, match="not a folder"):
        build_project(project, site_dir=project / "mkdocs.yml")
    assert (project / "mkdocs.yml").is_file()


# --- killed builds -------------------------------------------------------------------------


@pytest.fixture
def built_twice_ready(project: Path) -> tuple[Path, tuple, tuple]:
    """A project built once (the old pair), and the pair that the next build makes once a
    source is added (the new pair), both recorded; the project is left with the old pair and
    the new source in place."""
    build_project(project)
    old = pair(project)
    saved = project.parent / "saved-old"
    shutil.copytree(project / "docs", saved / "docs")
    shutil.copytree(project / "site", saved / "site")
    (project / "dossier" / "sources" / NEW_SOURCE).write_text(NEW_TEXT, encoding="utf-8")
    build_project(project)
    new = pair(project)
    assert old != new
    for name in ("docs", "site"):
        shutil.rmtree(project / name)
        shutil.copytree(saved / name, project / name)
    assert pair(project) == old
    return project, old, new


@pytest.mark.parametrize(
    "step", ["staged", "journal", "moved-old-0", "moved-new-3", "moved-old-10", "moved-new-10", "moved"]
)
def test_build_killed_during_the_swap_leaves_old_or_new_pair(built_twice_ready, step: str) -> None:
    root, old, new = built_twice_ready
    result = run_cli(root, "build", env={"DOSSIER_KILL_AT": step})
    assert result.returncode == -signal.SIGKILL, (step, result.stderr)
    staging.recover(root)
    assert pair(root) in (old, new), step
    # before the journal is written nothing has moved; after, the swap is completed
    assert pair(root) == (old if step == "staged" else new), step
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    assert pair(root) == new
    assert leftovers(root) == []
    assert not list(root.glob(".site.dossier-*"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_build_stopped_by_a_signal_removes_its_staging(built_twice_ready, sig: int) -> None:
    root, old, new = built_twice_ready
    proc = subprocess.Popen(
        [*DOSSIER, "--project", str(root), "build"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DOSSIER_WAIT_AT": "staging"},
    )
    # the build holds at its staging step (its folder made): stop it there, whatever the load
    deadline = time.monotonic() + 120
    while not list(root.glob(staging.STAGING_PREFIX + "*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0, err
    assert "Traceback" not in err
    assert leftovers(root) == [], leftovers(root)
    assert not list(root.glob(".site.dossier-*"))
    assert pair(root) == old


def test_stale_staging_of_a_killed_build_is_removed_by_the_next(built_twice_ready) -> None:
    root, old, new = built_twice_ready
    proc = subprocess.Popen(
        [*DOSSIER, "--project", str(root), "build"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while not list(root.glob(".site.dossier-new-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    assert list(root.glob(staging.STAGING_PREFIX + "*")) or list(root.glob(".site.dossier-new-*"))
    assert pair(root) == old
    build_project(root)
    assert leftovers(root) == []
    assert not list(root.glob(".site.dossier-*"))
    assert pair(root) == new


# --- one build at a time -------------------------------------------------------------------


def test_two_builds_at_once_three_rounds(project: Path) -> None:
    build_project(project)
    for round_ in range(3):
        (project / "dossier" / "sources" / f"90{round_}_round.txt").write_text(NEW_TEXT, encoding="utf-8")
        procs = [
            subprocess.Popen(
                [*DOSSIER, "--project", str(project), "build"],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outs = [p.communicate(timeout=300) for p in procs]
        for p, (out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err
            assert "No such file or directory" not in err and "Traceback" not in err
            assert out.startswith("built "), out
        waited = [err for _, err in outs if "another build of this project is running" in err]
        assert len(waited) <= 1
        assert leftovers(project) == []
        assert (project / "site" / "sources" / f"90{round_}-round" / "index.html").is_file()
        assert (project / "docs" / "sources" / f"90{round_}-round.md").is_file()
        assert len([p for p in (project / "docs" / "sources").glob("*.md") if p.name != "index.md"]) == len(
            [p for p in (project / "site" / "sources").iterdir() if p.is_dir()]
        )


def test_second_build_says_another_is_running(project: Path) -> None:
    messages: list[str] = []
    with staging.project_lock(project, messages.append):
        proc = subprocess.Popen(
            [*DOSSIER, "--project", str(project), "build"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert proc.poll() is None  # it waits
        assert not (project / "site").exists()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert f"another build of this project is running (process {os.getpid()}); waiting" in err
    assert messages == []
    assert (project / "site" / "index.html").is_file()
    assert not (project / staging.LOCK_NAME).exists()


# --- errors that name the path -------------------------------------------------------------


def test_no_space_left_names_the_path(project: Path, tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(small)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        result = run_cli(project, "build", "--site-dir", str(small / "site"))
        assert result.returncode == 1
        lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("[")]  # progress
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert "No space left on device" in lines[0]
        assert str(small) in lines[0]
        assert os.listdir(small) == []  # its staging removed
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_permission_denied_names_the_path(project: Path) -> None:
    build_project(project)
    docs = project / "docs"
    # immutable: not even root may change it (the tests run as root, whom modes do not stop)
    locked = subprocess.run(["chattr", "+i", str(docs)], capture_output=True, check=False)
    if locked.returncode != 0:
        pytest.skip(f"cannot make a folder immutable here: {locked.stderr.decode().strip()}")
    try:
        before = tree(project)
        (project / "dossier" / "sources" / NEW_SOURCE).write_text(NEW_TEXT, encoding="utf-8")
        result = run_cli(project, "build", env={"DOSSIER_CACHE": "off"})  # the cache would keep the new record
        assert result.returncode == 1
        lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("[")]  # progress
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert lines[0] == f"error: {docs}: Permission denied", lines[0]
        (project / "dossier" / "sources" / NEW_SOURCE).unlink()
        assert tree(project) == before
        assert leftovers(project) == []
    finally:
        subprocess.run(["chattr", "-i", str(docs)], check=False)


@pytest.mark.parametrize("output", ["dossier/actors.yml", "docs/about.md", "docs/bundle.zip", "mkdocs.yml"])
def test_bundle_output_that_would_replace_the_curators_files_is_refused(project: Path, output: str) -> None:
    before = tree(project)
    result = run_cli(project, "bundle", "--output", str(project / output))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: --output {project / output}: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree(project) == before
