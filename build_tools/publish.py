"""publish: the stage that writes. Generated pages into docs/, mkdocs' build into site/, serve.

A build is all or nothing: pages are written into a staging copy of docs/, mkdocs builds from
there into a staging site, and only when both succeeded do the generated parts of docs/ and the
whole of site/ get replaced. A failed build leaves the previous docs/ and site/ as they were.
Hand-written pages in docs/ (anything not in `render.GENERATED`) are never touched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import search, staging
from .cache import Cache
from .cache import key as cache_key
from .load import Project, find_project, outside_project
from .model import Dossier
from .pipeline import Prepared, prepare
from .render import GENERATED
from .render.markdown import html_text
from .render.store import Pages, encoded
from .yamlfile import DossierError

DEFAULT_EPOCH = 946684800  # 2000-01-01: used when no source has a date


# `on_stage(stage, detail)` is called as each stage of a build starts: "load", "clean",
# "extract", "render", "mkdocs"; then once with "done". The CLI shows progress and times from it.
StageHook = Callable[[str, str], None]
STAGES = ("load", "clean", "extract", "render", "mkdocs")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class BuildResult:
    dossier: Dossier
    pages: int
    site_dir: Path
    warnings: tuple[str, ...]


def build_epoch(dossier: Dossier) -> int:
    """The build's timestamp (sitemap dates, gzip headers): the newest source date, so that
    the same inputs give the same bytes, and a new source moves it forward."""
    dates = [s.date for s in dossier.sources if s.date]
    if not dates:
        return DEFAULT_EPOCH
    day = max(dates).first_day()
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


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
    """Copy the curator's own pages and assets from docs/ (not the generated parts, nor a
    symlink that leads outside the project: load.py warns about those)."""
    target.mkdir(parents=True, exist_ok=True)
    if not docs.is_dir():
        return
    generated = {docs / name for name in GENERATED}
    root = docs.parent
    for entry in sorted(docs.iterdir()):
        if entry in generated or entry.name.startswith(".dossier") or outside_project(root, entry):
            continue
        if entry.is_dir():
            shutil.copytree(
                entry,
                target / entry.name,
                ignore=lambda d, names: [
                    n for n in names if Path(d) / n in generated or outside_project(root, Path(d) / n)
                ],
            )
        else:
            shutil.copy2(entry, target / entry.name)


def write_pages(pages: Mapping[str, str], docs: Path) -> None:
    made: set[Path] = set()
    for rel in pages:
        path = docs / rel
        try:
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(encoded(pages, rel))
        except OSError as exc:
            raise named(exc, path) from None


def sync_pages(pages: Mapping[str, str], docs: Path) -> list[str]:
    """Bring the generated parts of docs/ in line with `pages`, touching only what changed.
    Used by serve, where every write triggers a rebuild. Returns the files changed (under docs/)."""
    changed: list[str] = []
    wanted = {docs / rel for rel in pages}
    for name in GENERATED:
        top = docs / name
        if top.is_dir():
            for path in sorted(top.rglob("*"), reverse=True):
                if path.is_file() and path not in wanted:
                    path.unlink()
                    changed.append(path.relative_to(docs).as_posix())
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        elif top.is_file() and top not in wanted:
            top.unlink()
            changed.append(name)
    for rel in pages:
        path = docs / rel
        data = encoded(pages, rel)
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(rel)
    return changed


def named(exc: OSError, path: Path) -> OSError:
    """The error with the path that failed, for a one-line message (a failed write, such as
    ENOSPC, often carries no file name of its own)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS) and exc.filename2 is not None:
        return type(exc)(exc.errno, exc.strerror, str(exc.filename2))  # a copy: the target failed
    if exc.filename is None:
        return type(exc)(exc.errno, exc.strerror or str(exc), str(path))
    return exc


HOOKS = Path(__file__).parent / "mkdocs_hooks.py"


def build_hooks(config_file: Path) -> list[str]:
    """The hooks of mkdocs.yml (paths relative to it), plus the dossier's own (chart links)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as f:
            data = yaml_load(f)
    except Exception:  # a broken mkdocs.yml is reported by the build itself
        data = None
    hooks = data.get("hooks") if isinstance(data, dict) else None
    own = [str(config_file.parent / h) for h in hooks if isinstance(h, str)] if isinstance(hooks, list) else []
    return own + [str(HOOKS)]


Manifest = dict[str, list[Any]]  # relative path -> [size, mtime_ns, ctime_ns, inode, SHA-256]


def _regular_files(top: Path) -> dict[str, os.stat_result]:
    """The regular files under `top` (paths relative to it, "/"-separated) with their lstat,
    found without following any symlink (nothing outside is read)."""
    out: dict[str, os.stat_result] = {}
    if not top.is_dir() or top.is_symlink():
        return out
    stack = [("", str(top))]
    while stack:
        rel, folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((f"{rel}{entry.name}/", entry.path))
                    elif entry.is_file(follow_symlinks=False):
                        out[rel + entry.name] = entry.stat(follow_symlinks=False)
        except OSError:
            continue
    return out


def _file_digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _same_stat(st: os.stat_result, known: list[Any] | None) -> bool:
    return known is not None and [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino] == known[:4]


def _keep_times(
    old_top: Path,
    new_top: Path,
    rels: Iterable[str] | None,
    previous: Manifest | None,
    digests: dict[str, str] | None,
) -> int:
    """Give each file under `new_top` (of `rels`, or every regular file) whose bytes equal the
    file of the same path under `old_top` that file's times. The old file's digest is taken from
    `previous` (the manifest an earlier build wrote of `old_top`) when its size, times and inode
    are still those recorded there, so that an unchanged tree is not read back; otherwise both
    files are read. `digests`, when given, receives the SHA-256 of every new file compared."""
    old_files = _regular_files(old_top)
    if rels is None:
        new_files: Iterable[tuple[str, os.stat_result | None]] = _regular_files(new_top).items()
    else:
        new_files = ((rel, None) for rel in rels)
    same = 0
    old_root, new_root = str(old_top), str(new_top)
    for rel, new_st in new_files:
        new = f"{new_root}/{rel}"
        try:
            if new_st is None:
                new_st = os.lstat(new)
                if not stat.S_ISREG(new_st.st_mode):
                    continue
            new_digest = _file_digest(new)
            if digests is not None:
                digests[rel] = new_digest
            old_st = old_files.get(rel)
            if old_st is None or old_st.st_size != new_st.st_size:
                continue
            old = f"{old_root}/{rel}"
            known = previous.get(rel) if previous is not None else None
            old_digest = known[4] if known is not None and _same_stat(old_st, known) else _file_digest(old)
            if old_digest == new_digest:
                os.utime(new, ns=(old_st.st_atime_ns, old_st.st_mtime_ns), follow_symlinks=False)
                same += 1
        except OSError:
            continue
    return same


def keep_unchanged_times(
    pages: Iterable[str],
    docs: Path,
    stage_docs: Path,
    previous: Manifest | None = None,
    digests: dict[str, str] | None = None,
) -> int:
    """Give each staged page (of the paths `pages`) whose bytes equal the page already in docs/
    that page's times, so that after the swap an unchanged page is, to anything watching docs/,
    not rewritten (same bytes, same modification time). Returns how many pages were unchanged.
    `previous` and `digests`: see `_keep_times` (a manifest of docs/'s pages, the new digests)."""
    return _keep_times(docs, stage_docs, pages, previous, digests)


def keep_unchanged_site_times(
    old_site: Path, new_site: Path, previous: Manifest | None = None, digests: dict[str, str] | None = None
) -> int:
    """Give each file of the staged site whose bytes equal those of the same file in the site
    being replaced that file's times, so that after the swap an unchanged page, fragment or
    asset looks untouched to anything that syncs or watches site/ (same bytes, same
    modification time). Returns how many files were unchanged. `previous` and `digests`: see
    `_keep_times` (a manifest of the old site, the new files' digests)."""
    return _keep_times(old_site, new_site, None, previous, digests)


def tree_manifest(top: Path, digests: Mapping[str, str]) -> Manifest:
    """The manifest of the files of `digests` as they now are under `top` (after the swap): what
    the next build's comparison trusts instead of reading them back (see `_keep_times`)."""
    out: Manifest = {}
    for rel, digest in digests.items():
        try:
            st = os.lstat(top / rel)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            out[rel] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest]
    return out


def _manifests(cache: Cache | None, final_site: Path) -> tuple[str, Manifest, Manifest]:
    """The cache key of the manifests of docs/'s pages and of `final_site`, and those the last
    build wrote (empty when there are none, or they are not well formed)."""
    if cache is None:
        return "", {}, {}
    digest = cache_key("written files", str(final_site))
    found = cache.get(digest, "written")

    def valid(value: Any) -> Manifest:
        if not isinstance(value, dict):
            return {}
        return {
            k: v
            for k, v in value.items()
            if isinstance(k, str)
            and isinstance(v, list)
            and len(v) == 5
            and all(isinstance(x, int) for x in v[:4])
            and isinstance(v[4], str)
        }

    if not isinstance(found, dict):
        return digest, {}, {}
    return digest, valid(found.get("docs")), valid(found.get("site"))


def run_mkdocs_build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    strict: bool,
    epoch: int,
    site_name: str = "",
    pagefind: bool = False,
    page_cache: Cache | None = None,
    compact_search: bool = False,
    on_page: Callable[[int, int], None] | None = None,
    **overrides: object,
) -> None:
    """mkdocs' build of `docs_dir` into `site_dir`; with `pagefind`, the theme set for Pagefind
    and material's own index left out (the caller then runs search.index_site). With
    `page_cache`, generated pages unchanged since an earlier build are not converted again; with
    `compact_search`, material's index holds titles, summaries and headings only; `on_page(done,
    total)` is told after each page is written."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    options: dict[str, Any] = {"docs_dir": str(docs_dir), "site_dir": str(site_dir), "strict": strict, **overrides}
    if site_name:
        # The theme prints the site name as it is, in the header and in <title>: HTML text.
        options["site_name"] = html_text(site_name)
    with _env(SOURCE_DATE_EPOCH=str(epoch)):
        try:
            options.setdefault("hooks", build_hooks(config_file))
            cfg = load_config(config_file=str(config_file), **options)
        except (exceptions.Abort, exceptions.ConfigurationError) as exc:
            raise DossierError(f"{config_file.name}: {exc}") from None
        if pagefind:
            search.configure(cfg)
        if compact_search:
            search.compact(cfg)
        hook = cfg["hooks"].get(str(HOOKS))
        if hook is not None:
            hook.page_cache = page_cache
            hook.compact_search = compact_search
            hook.on_progress = on_page
        try:
            build(cfg)
        except exceptions.Abort as exc:
            raise DossierError(f"mkdocs build failed: {exc}") from None
        except OSError as exc:
            raise named(exc, site_dir) from None
        finally:
            if hook is not None:
                hook.page_cache = None
                hook.compact_search = False
                hook.on_progress = None


def stage_site(
    prepared: Prepared,
    stage_docs: Path,
    site_dir: Path,
    *,
    strict: bool,
    extra_files: Callable[[Path], None] | None = None,
    pagefind: bool = False,
    page_cache: Cache | None = None,
    compact_search: bool = False,
    on_page: Callable[[int, int], None] | None = None,
    release_pages: bool = False,
    **overrides: object,
) -> None:
    """The one way a site is made: the curator's pages and the generated ones into `stage_docs`
    (a folder of its own), `extra_files(stage_docs)` if given, then mkdocs into `site_dir`.
    With `release_pages`, `prepared.pages` is emptied once written (see Pages.release): the
    caller reads them from `stage_docs` after."""
    root = prepared.project.root
    copy_hand_written(root / "docs", stage_docs)
    write_pages(prepared.pages, stage_docs)
    if release_pages and isinstance(prepared.pages, Pages):
        prepared.pages.release()
    if extra_files is not None:
        extra_files(stage_docs)
    run_mkdocs_build(
        mkdocs_config_file(root),
        stage_docs,
        site_dir,
        strict=strict,
        epoch=build_epoch(prepared.dossier),
        site_name=prepared.project.config.title,
        pagefind=pagefind,
        page_cache=page_cache,
        compact_search=compact_search,
        on_page=on_page,
        **overrides,
    )
    if pagefind:
        search.index_site(site_dir)


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


def build_project(
    root: Path,
    *,
    strict: bool = False,
    site_dir: Path | None = None,
    on_stage: StageHook | None = None,
    log: Callable[[str], None] = _stderr,
    on_page: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """The whole build, all or nothing; see `staging` for the guards around the swap."""
    stage = on_stage or (lambda name, detail: None)
    root = find_project(root)
    config_file = mkdocs_config_file(root)
    if site_dir is not None:
        final_site = staging.check_site_dir(root, site_dir, given_as=f"--site-dir {site_dir}")
    else:
        final_site = staging.check_site_dir(
            root, configured_site_dir(config_file, root), given_as=f"{config_file.name}: site_dir"
        )
    with staging.project_lock(root, log), staging.signals_as_exceptions():
        staging.recover(root)
        staging.clean_stale(root, final_site)
        # checked again under the lock: another build may have changed it while this one waited
        staging.check_site_dir(root, final_site, given_as=f"site folder {final_site}")
        cache = Cache(root) if Cache.enabled() else None
        prepared = prepare(root, stage, cache=cache)
        paths = list(prepared.pages)
        stage("mkdocs", _plural(len(paths), "page"))
        docs = root / "docs"
        work = Path(tempfile.mkdtemp(prefix=staging.STAGING_PREFIX, dir=root))
        new_site = staging.site_staging_dir(final_site)
        try:
            staging.checkpoint("staging")
            stage_docs = work / "docs"
            final_site.parent.mkdir(parents=True, exist_ok=True)
            pagefind = search.uses_pagefind(len(prepared.dossier.sources), prepared.project.config.pagefind_from)
            stage_site(
                prepared,
                stage_docs,
                new_site,
                strict=strict,
                pagefind=pagefind,
                page_cache=cache,
                on_page=on_page,
                release_pages=True,
            )
            staging.mark_site(new_site)
            manifest_key, old_docs, old_site = _manifests(cache, final_site)
            docs_digests: dict[str, str] = {}
            site_digests: dict[str, str] = {}
            keep_unchanged_times(paths, docs, stage_docs, old_docs, docs_digests)
            keep_unchanged_site_times(final_site, new_site, old_site, site_digests)
            # Both succeeded: swap in the generated docs and the site, as one journalled step.
            staging.swap_in(root, docs, stage_docs, GENERATED, final_site, new_site)
            if cache is not None:
                cache.put(
                    manifest_key,
                    "written",
                    {"docs": tree_manifest(docs, docs_digests), "site": tree_manifest(final_site, site_digests)},
                )
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(new_site, ignore_errors=True)
        if cache is not None:
            cache.prune()  # the records of sources no longer in the dossier, or of old inputs
    stage("done", "")
    return BuildResult(dossier=prepared.dossier, pages=len(paths), site_dir=final_site, warnings=prepared.warnings)


def generate_docs(root: Path) -> tuple[Project, Dossier, list[str]]:
    """Write the generated pages into docs/ (changed files only), without running mkdocs.
    Unchanged sources come from the build's cache (which only `dossier build` prunes)."""
    with staging.project_lock(find_project(root), _stderr):
        staging.recover(find_project(root))
        prepared = prepare(root, cache=Cache(find_project(root)) if Cache.enabled() else None)
        changed = sync_pages(prepared.pages, prepared.project.root / "docs")
    return prepared.project, prepared.dossier, changed


def watch_dossier(
    root: Path, on_change: Callable[[list[str]], None], stop: threading.Event, *, interval: float = 0.5
) -> None:
    """Call `on_change(paths)` after files under dossier/ or the package templates change
    (debounced); `paths` are the changed files, relative to the project where they are in it."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    dirty = threading.Event()
    seen: set[str] = set()
    lock = threading.Lock()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write") or event.is_directory:
                return
            path = Path(os.fsdecode(event.src_path))
            try:
                shown = path.relative_to(root).as_posix()
            except ValueError:
                shown = f"template {path.name}"
            with lock:
                seen.add(shown)
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
                with lock:
                    paths = sorted(seen)
                    seen.clear()
                on_change(paths)
    finally:
        observer.stop()
        observer.join()


def _listing(items: list[str], most: int = 3) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def serve_project(root: Path, *, dev_addr: str | None = None, log: Callable[[str], None] = print) -> None:
    """Generate docs/, then run mkdocs' live server; regenerate docs/ whenever dossier/ or a
    template changes, which mkdocs sees and rebuilds from. Says where it serves and, on each
    change, which files changed and which pages were rebuilt."""
    from mkdocs.commands.serve import serve

    project, dossier, _ = generate_docs(root)
    root = project.root
    stop = threading.Event()
    addr = dev_addr or "127.0.0.1:8000"
    log(
        f"serving {project.config.title} at http://{addr}/ ({_plural(len(dossier.sources), 'source')}); "
        "rebuilds when dossier/ changes; Ctrl+C stops"
    )

    def regenerate(paths: list[str]) -> None:
        what = _listing(paths) or "dossier/"
        try:
            new_project, _, changed = generate_docs(root)
        except DossierError as exc:
            log(f"{what} changed: error: {exc} (the site keeps its previous pages)")
            return
        if changed:
            log(f"{what} changed: rebuilding {_plural(len(changed), 'page')} ({_listing(changed)})")
        else:
            log(f"{what} changed: no page changed")
        if new_project.config.title != project.config.title:
            log("the title in dossier.yml changed: restart 'dossier serve' to see it in the header")

    watcher = threading.Thread(target=watch_dossier, args=(root, regenerate, stop), daemon=True)
    watcher.start()
    try:
        with _env(SOURCE_DATE_EPOCH=str(build_epoch(dossier))):
            kwargs: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
            config_file = mkdocs_config_file(root)
            serve(
                config_file=str(config_file),
                livereload=True,
                site_name=html_text(project.config.title),
                hooks=build_hooks(config_file),
                **kwargs,
            )
    finally:
        stop.set()
