"""Shared fixtures: copies of the embedded dossier project, one real build and one real offline
bundle per test session, a static http server, and headless Chromium driven by Playwright.

The embedded dossier (the repository root is itself a dossier project) is copied before use, so
that no test writes into the repository. Screenshots go to tests/artifacts/ (not committed).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.publish import copy_hand_written

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_project(dest: Path) -> Path:
    """A copy of the embedded dossier project in `dest`: mkdocs.yml, dossier/ and the
    hand-written parts of docs/ (the generated pages are left for the build to write)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "dossier", dest / "dossier", ignore=shutil.ignore_patterns("__pycache__"))
    copy_hand_written(REPO / "docs", dest / "docs")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the embedded dossier that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded dossier copied and built once (strict); its site is in <root>/site. Read only."""
    from build_tools.publish import build_project

    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    build_project(root, strict=True)
    return root


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory: pytest.TempPathFactory):
    """(root, BuildResult): the project of hostile inputs (tests/hostile_project.py) built once,
    strict (it must build without a broken link). Read only."""
    from hostile_project import make_hostile_project

    from build_tools.publish import build_project

    root = make_hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    return root, build_project(root, strict=True)


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory: pytest.TempPathFactory):
    """(BundleResult, folder of the unzipped bundle's index.html). The zip is unzipped into a
    folder unrelated to the project, as a reader would. Read only."""
    from build_tools.bundle import bundle_project

    root = copy_project(tmp_path_factory.mktemp("bundled") / "project")
    result = bundle_project(root, strict=True)
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(result.path) as zf:
        zf.extractall(unzipped)
    return result, unzipped / result.folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` over http on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, launched once per session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found; install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
