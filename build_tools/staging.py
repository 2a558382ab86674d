"""staging: how a build puts its output in place without ever deleting what it did not make.

Three guards, used by `publish.build_project` (and the offline bundle, which only reads docs/):

- **The site folder is checked before anything is touched.** `site_dir` (from `--site-dir` or
  mkdocs.yml) may not be the project folder or one of its parents, nor lie in docs/ or dossier/,
  nor be an existing folder that holds anything but a previous build's site. Every site a build
  makes carries a marker file (`.dossier-site`); a non-empty folder without it is not ours.
- **One build at a time per project.** An exclusive `flock` on `.dossier.lock` in the project
  folder. A second build says that another one is running and waits for it; the lock is released
  by the kernel when a build dies, however it dies. The holder removes the file when it is done;
  a waiter checks that the file it locked is still the one in place, or locks the new one.
- **The swap is all or nothing, even when the build is killed.** docs/ cannot be swapped by one
  rename: it mixes generated parts with the curator's pages. So the swap is journalled:

  1. the new generated parts of docs/ and the new site are staged (under `.dossier-build-*` in the
     project, and beside the final site folder so that moving it is a rename on one filesystem);
  2. a journal (`.dossier-swap/journal.json`, written to a temporary name, flushed to disk and
     renamed) lists every move: each current generated entry to a backup name, each staged entry
     to its place;
  3. the moves are renamed one by one, then the backups and the journal removed.

  Until the journal exists nothing has moved, and a killed build leaves the old pair intact
  (its staging folders are removed by the next build). Once it exists, the swap is rolled forward
  by whoever runs next: every step is a rename whose effect can be seen on disk, so completing
  the remaining steps is safe to repeat. A reader that looks after the next command has run sees
  the old complete pair or the new one, never a mix. SIGINT and SIGTERM are held back while the
  moves run (a few renames), and otherwise remove the staging folders before the build exits.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .yamlfile import DossierError

LOCK_NAME = ".dossier.lock"
SITE_MARKER = ".dossier-site"
STAGING_PREFIX = ".dossier-build-"
SWAP_DIR = ".dossier-swap"
JOURNAL = "journal.json"
_SITE_STAGING = ".dossier-new-"  # beside the final site: .<site name>.dossier-new-<pid>
_SITE_OLD = ".dossier-old"


# --- where the site may go ------------------------------------------------------------------


def _is_previous_site(folder: Path) -> bool:
    """A site that a build made: it has our marker, or (sites built before the marker existed)
    the files that every mkdocs-material build writes."""
    if (folder / SITE_MARKER).is_file():
        return True
    return all((folder / name).is_file() for name in ("index.html", "sitemap.xml", "search/search_index.json"))


def check_site_dir(root: Path, site_dir: Path, *, given_as: str) -> Path:
    """The resolved site folder, or DossierError when a build there could delete or mix with
    files it did not make. `given_as` names where the value came from, for the message."""
    root = root.resolve()
    site = site_dir.resolve()
    protected = {"the project folder": root, "docs/": root / "docs", "dossier/": root / "dossier"}
    for what, folder in protected.items():
        if site == folder or (what != "the project folder" and site.is_relative_to(folder)):
            raise DossierError(
                f"{given_as}: the site folder {site} is {'' if site == folder else 'inside '}{what}; "
                "a build replaces the whole site folder, so it must be a folder of its own "
                "(the default is site/)"
            )
    if root.is_relative_to(site):
        raise DossierError(
            f"{given_as}: the site folder {site} holds the project folder; "
            "a build replaces the whole site folder: choose a folder of its own (e.g. site/)"
        )
    if site.is_symlink() or (site.exists() and not site.is_dir()):
        raise DossierError(f"{given_as}: {site} exists and is not a folder; choose another site folder")
    if site.is_dir() and any(site.iterdir()) and not _is_previous_site(site):
        raise DossierError(
            f"{given_as}: {site} already holds files that no dossier build made "
            f"(no {SITE_MARKER} marker); move them away or choose another site folder"
        )
    return site


def check_bundle_output(root: Path, output: Path) -> Path:
    """The resolved zip to write, or DossierError when writing it would replace a file that no
    bundle made (any file but a zip) or put it among the curator's files."""
    import zipfile

    root = root.resolve()
    target = output.resolve()
    for folder in (root / "docs", root / "dossier"):
        if target.is_relative_to(folder):
            raise DossierError(
                f"--output {output}: {target} is inside {folder.name}/; write the bundle elsewhere "
                "(the default is dist/)"
            )
    if target.is_dir():
        raise DossierError(f"--output {output}: {target} is a folder; name the zip file to write")
    if target.exists() and not zipfile.is_zipfile(target):
        raise DossierError(f"--output {output}: {target} exists and is not a zip; a bundle replaces only a zip")
    return target


def mark_site(site: Path) -> None:
    (site / SITE_MARKER).write_text(
        "This folder is a site built by 'dossier build'; the next build replaces it.\n", encoding="utf-8"
    )


# --- one build at a time --------------------------------------------------------------------


def _open_lock(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise DossierError(f"{path}: cannot create the build lock ({exc.strerror})") from None


def _still_linked(fd: int, path: Path) -> bool:
    """Whether the locked file is still the one at `path` (its holder removes it when done)."""
    try:
        return os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def project_lock(root: Path, log: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's build lock; if another build holds it, say so and wait for it.

    The holder removes the lock file when it is done, and a waiter that then gets the lock on
    the removed file tries again on a new one, so that two builds never hold two locks."""
    path = root / LOCK_NAME
    told = False
    while True:
        fd = _open_lock(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not told:
                other = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                log(
                    f"another build of this project is running{f' (process {other})' if other else ''}; "
                    "waiting for it to finish"
                )
                told = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _still_linked(fd, path):
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)  # releases the lock


# --- staging folders and signals ------------------------------------------------------------


def site_staging_dir(site: Path) -> Path:
    return site.with_name(f".{site.name}{_SITE_STAGING}{os.getpid()}")


def _site_backup(site: Path) -> Path:
    return site.with_name(f".{site.name}{_SITE_OLD}")


def clean_stale(root: Path, site: Path) -> list[Path]:
    """Remove what killed builds left: staging folders in the project and beside the site.
    Only called with the lock held, so no build that is still running owns them."""
    removed: list[Path] = []
    candidates = [p for p in root.glob(STAGING_PREFIX + "*") if p.is_dir() and not p.is_symlink()]
    if site.parent.is_dir():
        candidates += [
            p for p in site.parent.glob(f".{site.name}{_SITE_STAGING}*") if p.is_dir() and not p.is_symlink()
        ]
        old = _site_backup(site)
        if old.is_dir() and not old.is_symlink():
            candidates.append(old)
    for path in sorted(candidates):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """SIGTERM (and SIGHUP) raise SystemExit like SIGINT raises KeyboardInterrupt, so that the
    `finally` blocks of the build remove its staging folders. Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back while the swap's renames run; they are delivered after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# --- the journalled swap --------------------------------------------------------------------


def checkpoint(name: str) -> None:
    """Tests kill the build at a named step (DOSSIER_KILL_AT=name) to check the recovery, or hold
    it there (DOSSIER_WAIT_AT=name, at most a minute) to stop it with a signal at that step."""
    if os.environ.get("DOSSIER_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("DOSSIER_WAIT_AT") == name:
        time.sleep(60)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_journal(swap: Path, moves: list[dict[str, str]]) -> None:
    tmp = swap / (JOURNAL + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"moves": moves}, f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(swap / JOURNAL)
    _fsync_dir(swap)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _roll_forward(swap: Path) -> None:
    """Complete the moves of the journal in `swap` (each step checked on disk), then clean up."""
    moves = json.loads((swap / JOURNAL).read_text(encoding="utf-8"))["moves"]
    for i, move in enumerate(moves):
        final, new, old = Path(move["final"]), Path(move["new"]) if move["new"] else None, Path(move["old"])
        if new is not None and not _exists(new):
            continue  # already in place
        if _exists(final) and not _exists(old):
            old.parent.mkdir(parents=True, exist_ok=True)
            final.rename(old)
            checkpoint(f"moved-old-{i}")
        if new is not None:
            final.parent.mkdir(parents=True, exist_ok=True)
            new.rename(final)
            checkpoint(f"moved-new-{i}")
    checkpoint("moved")
    for move in moves:
        old = Path(move["old"])
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        elif _exists(old):
            old.unlink()
    (swap / JOURNAL).unlink()
    shutil.rmtree(swap, ignore_errors=True)


def recover(root: Path) -> bool:
    """Finish the swap of a build that was killed during it (True), or drop a swap folder whose
    journal was never written (the old pair is intact). Call with the lock held."""
    swap = root / SWAP_DIR
    if not swap.is_dir() or swap.is_symlink():
        return False
    if (swap / JOURNAL).is_file():
        _roll_forward(swap)
        return True
    shutil.rmtree(swap, ignore_errors=True)
    return False


def swap_in(root: Path, docs: Path, stage_docs: Path, generated: tuple[str, ...], site: Path, stage_site: Path) -> None:
    """Replace the generated entries of docs/ by those of `stage_docs`, and `site` by
    `stage_site`, as one journalled step (see the module's docstring)."""
    swap = root / SWAP_DIR
    if _exists(swap):
        raise DossierError(f"{swap}: left by another build; run the build again")
    swap.mkdir()
    backup = swap / "old-docs"
    moves: list[dict[str, str]] = []
    for name in generated:
        new = stage_docs / name
        final = docs / name
        if not _exists(new) and not _exists(final):
            continue
        moves.append({"final": str(final), "new": str(new) if _exists(new) else "", "old": str(backup / name)})
    moves.append({"final": str(site), "new": str(stage_site), "old": str(_site_backup(site))})
    docs.mkdir(exist_ok=True)
    # A rename needs write access to both folders: found out now, before the journal, so that a
    # folder the build may not change stops it with the old pair intact.
    for folder in sorted({Path(m["final"]).parent for m in moves} | {docs, site.parent}):
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # made by the swap: its first existing parent must be writable
        if not os.access(folder, os.W_OK | os.X_OK):
            shutil.rmtree(swap, ignore_errors=True)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
    checkpoint("staged")
    with signals_held():
        _write_journal(swap, moves)
        checkpoint("journal")
        _roll_forward(swap)
