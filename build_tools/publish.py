"""publish: the stage that writes. Generated pages into docs/, mkdocs' build into site/, serve.

A build is all or nothing: pages are written into a staging copy of docs/, mkdocs builds from
there into a staging site, and only when both succeeded do the generated parts of docs/ and the
whole of site/ get replaced. A failed build leaves the previous docs/ and site/ as they were.
Hand-written pages in docs/ (anything not in `render.GENERATED`) are never touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import staging
from .clean import clean_all
from .extract import build_dossier
from .load import Project, find_project, load_project
from .model import Dossier
from .render import GENERATED, render_site
from .render.markdown import html_text
from .yamlfile import DossierError

DEFAULT_EPOCH = 946684800  # 2000-01-01: used when no source has a date


@dataclass(frozen=True)
class BuildResult:
    dossier: Dossier
    pages: int
    site_dir: Path
    warnings: tuple[str, ...]


def prepare_model(root: Path) -> tuple[Project, Dossier]:
    """load -> clean -> extract, nothing written."""
    project = load_project(root)
    cleaned = clean_all(project.sources, project.config.clean)
    return project, build_dossier(project.config, cleaned, project.actors, project.topics)


def prepare(root: Path) -> tuple[Project, Dossier, dict[str, str]]:
    """load -> clean -> extract -> render, nothing written."""
    project, dossier = prepare_model(root)
    pages = render_site(dossier, project.root / "dossier" / "overrides")
    return project, dossier, pages


def build_epoch(dossier: Dossier) -> int:
    """The build's timestamp (sitemap dates, gzip headers): the newest source date, so that
    the same inputs give the same bytes, and a new source moves it forward."""
    dates = sorted(s.date for s in dossier.sources if s.date)
    if not dates:
        return DEFAULT_EPOCH
    y, m, d = (dates[-1].split("-") + ["01", "01"])[:3]
    return int(datetime(int(y), int(m), int(d), tzinfo=timezone.utc).timestamp())


@contextlib.contextmanager
def _env(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def mkdocs_config_file(root: Path) -> Path:
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if (root / name).is_file():
            return root / name
    raise DossierError(f"{root}: no mkdocs.yml; a dossier project needs one (see 'dossier new')")


def copy_hand_written(docs: Path, target: Path) -> None:
    """Copy the curator's own pages and assets from docs/ (not the generated parts)."""
    target.mkdir(parents=True, exist_ok=True)
    if not docs.is_dir():
        return
    generated = {docs / name for name in GENERATED}
    for entry in sorted(docs.iterdir()):
        if entry in generated or entry.name.startswith(".dossier"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, ignore=lambda d, names: [
                n for n in names if Path(d) / n in generated])
        else:
            shutil.copy2(entry, target / entry.name)


def write_pages(pages: dict[str, str], docs: Path) -> None:
    for rel, text in pages.items():
        path = docs / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise named(exc, path) from None


def sync_pages(pages: dict[str, str], docs: Path) -> int:
    """Bring the generated parts of docs/ in line with `pages`, touching only what changed.
    Used by serve, where every write triggers a rebuild. Returns the number of files changed."""
    changed = 0
    wanted = {docs / rel for rel in pages}
    for name in GENERATED:
        top = docs / name
        if top.is_dir():
            for path in sorted(top.rglob("*"), reverse=True):
                if path.is_file() and path not in wanted:
                    path.unlink()
                    changed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        elif top.is_file() and top not in wanted:
            top.unlink()
            changed += 1
    for rel, text in pages.items():
        path = docs / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        changed += 1
    return changed


def named(exc: OSError, path: Path) -> OSError:
    """The error with the path that failed, for a one-line message (a failed write, such as
    ENOSPC, often carries no file name of its own)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS) and exc.filename2 is not None:
        return type(exc)(exc.errno, exc.strerror, str(exc.filename2))  # a copy: the target failed
    if exc.filename is None:
        return type(exc)(exc.errno, exc.strerror or str(exc), str(path))
    return exc


def run_mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, *, strict: bool, epoch: int,
                     site_name: str = "", **overrides: object) -> None:
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # The theme prints the site name as it is, in the header and in <title>: HTML text.
    extra = {"site_name": html_text(site_name)} if site_name else {}
    with _env(SOURCE_DATE_EPOCH=str(epoch)):
        try:
            cfg = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                              strict=strict, **extra, **overrides)
        except (exceptions.Abort, exceptions.ConfigurationError) as exc:
            raise DossierError(f"{config_file.name}: {exc}") from None
        try:
            build(cfg)
        except exceptions.Abort as exc:
            raise DossierError(f"mkdocs build failed: {exc}") from None
        except OSError as exc:
            raise named(exc, site_dir) from None


def configured_site_dir(config_file: Path, root: Path) -> Path:
    """site_dir as mkdocs.yml sets it (default site/), read without validating the whole
    configuration: the build itself validates it once, with mkdocs' own messages."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as f:
            data = yaml_load(f)
    except Exception as exc:  # yaml and mkdocs raise several kinds here; all mean a bad config
        raise DossierError(f"{config_file.name}: {exc}") from None
    site_dir = data.get("site_dir", "site") if isinstance(data, dict) else "site"
    if not isinstance(site_dir, str) or not site_dir.strip():
        raise DossierError(f"{config_file.name}: site_dir must be a folder name")
    return config_file.parent / site_dir


def _stderr(message: str) -> None:  # the default `log` of a build: one line on stderr
    print(message, file=sys.stderr, flush=True)


def build_project(root: Path, *, strict: bool = False, site_dir: Path | None = None,
                  log: Callable[[str], None] = _stderr) -> BuildResult:
    """The whole build, all or nothing; see `staging` for the guards around the swap."""
    root = find_project(root)
    config_file = mkdocs_config_file(root)
    if site_dir is not None:
        final_site = staging.check_site_dir(root, site_dir, given_as=f"--site-dir {site_dir}")
    else:
        final_site = staging.check_site_dir(root, configured_site_dir(config_file, root),
                                            given_as=f"{config_file.name}: site_dir")
    with staging.project_lock(root, log), staging.signals_as_exceptions():
        staging.recover(root)
        staging.clean_stale(root, final_site)
        # checked again under the lock: another build may have changed it while this one waited
        staging.check_site_dir(root, final_site, given_as=f"site folder {final_site}")
        project, dossier, pages = prepare(root)
        docs = root / "docs"
        work = Path(tempfile.mkdtemp(prefix=staging.STAGING_PREFIX, dir=root))
        stage_site = staging.site_staging_dir(final_site)
        try:
            stage_docs = work / "docs"
            copy_hand_written(docs, stage_docs)
            write_pages(pages, stage_docs)
            final_site.parent.mkdir(parents=True, exist_ok=True)
            run_mkdocs_build(config_file, stage_docs, stage_site, strict=strict, epoch=build_epoch(dossier),
                             site_name=project.config.title)
            staging.mark_site(stage_site)
            # Both succeeded: swap in the generated docs and the site, as one journalled step.
            staging.swap_in(root, docs, stage_docs, GENERATED, final_site, stage_site)
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(stage_site, ignore_errors=True)
    return BuildResult(dossier=dossier, pages=len(pages), site_dir=final_site, warnings=project.warnings)


def generate_docs(root: Path) -> tuple[Project, Dossier, int]:
    """Write the generated pages into docs/ (changed files only), without running mkdocs."""
    with staging.project_lock(find_project(root), _stderr):
        staging.recover(find_project(root))
        project, dossier, pages = prepare(root)
        changed = sync_pages(pages, project.root / "docs")
    return project, dossier, changed


def watch_dossier(root: Path, on_change: Callable[[], None], stop: threading.Event, *, interval: float = 0.5) -> None:
    """Call `on_change` after files under dossier/ or the package templates change (debounced)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    dirty = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:  # noqa: ANN001 - watchdog's event type
            if event.event_type in ("opened", "closed_no_write"):
                return
            dirty.set()

    observer = Observer()
    observer.schedule(Handler(), str(root / "dossier"), recursive=True)
    observer.schedule(Handler(), str(Path(__file__).parent / "templates"), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            if dirty.wait(interval):
                time.sleep(interval)  # let a burst of saves settle
                dirty.clear()
                on_change()
    finally:
        observer.stop()
        observer.join()


def serve_project(root: Path, *, dev_addr: str | None = None, log: Callable[[str], None] = print) -> None:
    """Generate docs/, then run mkdocs' live server; regenerate docs/ whenever dossier/ or a
    template changes, which mkdocs sees and rebuilds from."""
    from mkdocs.commands.serve import serve

    project, dossier, _ = generate_docs(root)
    root = project.root
    stop = threading.Event()

    def regenerate() -> None:
        try:
            new_project, _, changed = generate_docs(root)
            log(f"dossier changed: {changed} generated page(s) updated")
            if new_project.config.title != project.config.title:
                log("the title in dossier.yml changed: restart 'dossier serve' to see it in the header")
        except DossierError as exc:
            log(f"error: {exc} (the site keeps its previous pages)")

    watcher = threading.Thread(target=watch_dossier, args=(root, regenerate, stop), daemon=True)
    watcher.start()
    try:
        with _env(SOURCE_DATE_EPOCH=str(build_epoch(dossier))):
            kwargs = {"dev_addr": dev_addr} if dev_addr else {}
            serve(config_file=str(mkdocs_config_file(root)), livereload=True, site_name=html_text(project.config.title), **kwargs)
    finally:
        stop.set()

