"""serve: `dossier serve` on a copy of the embedded dossier, as a real process on a free port.
A sentence added to a raw source shows on its served page within a bounded time."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

START_TIMEOUT = 90  # s: the first build of the site
CHANGE_TIMEOUT = 60  # s: from saving a source to the page showing it
NEW_WORD = "Ouagadougou"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _command() -> list[str]:
    script = Path(sys.executable).parent / "dossier"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from build_tools.cli import main; main()"]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, predicate, timeout: float, proc: subprocess.Popen, what: str) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"dossier serve exited with {proc.returncode} while waiting for {what}")
        body = _get(url)
        if body is not None and predicate(body):
            return body
        time.sleep(0.5)
    pytest.fail(f"{what}: not seen at {url} within {timeout} s")


def _stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)  # what a person's Ctrl-C sends
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
    return proc.stdout.read() if proc.stdout else ""


def test_serve_shows_a_changed_source_within_a_bounded_time(project, tmp_path):
    source = sorted((project / "dossier" / "sources").glob("000_*.txt"))[0]
    page_id = source.stem.replace("_", "-")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/sources/{page_id}/"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*_command(), "--project", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
        )
    try:
        first = _wait_for(url, lambda body: 'id="p1"' in body, START_TIMEOUT, proc, "the source page")
        assert NEW_WORD not in first

        # A sentence of its own, after the opening paragraph, where the cleaner keeps prose.
        raw = source.read_text(encoding="utf-8")
        lines = raw.split("\n")
        at = next(i for i, line in enumerate(lines) if len(line) > 120) + 1
        lines[at:at] = [
            "",
            f"Ministers were also joined by an observer who had flown in from {NEW_WORD} for the talks.",
        ]
        started = time.monotonic()
        source.write_text("\n".join(lines), encoding="utf-8")

        _wait_for(url, lambda body: NEW_WORD in body, CHANGE_TIMEOUT, proc, f"the new word {NEW_WORD!r}")
        elapsed = time.monotonic() - started
        print(f"change shown after {elapsed:.1f} s")
        # The served home page is rebuilt from the same sources and stays up.
        assert _get(f"http://127.0.0.1:{port}/") is not None
    finally:
        _stop(proc)
        output = log.read_text(errors="replace")
    assert proc.returncode is not None
    assert "Traceback" not in output, output[-3000:]
    # It says where it serves, and what it rebuilt when the source changed.
    assert f"at http://127.0.0.1:{port}/" in output, output[-3000:]
    assert f"dossier/sources/{source.name} changed: rebuilding" in output, output[-3000:]
    assert f"sources/{page_id}.md" in output, output[-3000:]
    assert "INFO" not in output, output[-3000:]
    # The raw source was changed by the test only; serve writes generated pages, never sources.
    assert NEW_WORD in source.read_text(encoding="utf-8")
