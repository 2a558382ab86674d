"""bundle: the dossier's site as one zip that works opened from disk, with no network.

`bundle_project` builds the site a second time, into a folder of its own, with mkdocs-material's
`offline` plugin (file:// links, the search index inlined as a script) and zips it. The bundle:

- carries its own copy of the `iframe-worker` shim (build_tools/assets/iframe-worker/), which the
  offline plugin would otherwise load from unpkg.com, so that search works from file:// without
  network;
- leaves out theme features that fetch pages at run time (instant navigation, instant previews),
  which fail on file://;
- leaves out 404.html, whose root-absolute links only work on a server, and the theme's source
  maps, which only its developer would read;
- is refused if any page still loads a script, stylesheet, image or font from elsewhere.

The zip is byte-reproducible: entries sorted, one fixed timestamp (the build's epoch, the newest
source date), fixed permissions, and the same compression settings every time.

It does not touch docs/ or site/: the pages are written into a temporary folder, built there,
and only the zip is written into the project (dist/ by default).
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from . import search, staging
from .load import find_project, slugify
from .model import Dossier
from .pipeline import Prepared, prepare
from .publish import _stderr, build_epoch, mkdocs_config_file, stage_site
from .yamlfile import DossierError

ASSETS = Path(__file__).parent / "assets"
# Where the shim lands inside the site. The offline plugin adds its unpkg.com shim only when no
# polyfill URL already names "iframe-worker", so this path must keep that name.
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"
# Theme features that fetch pages with XMLHttpRequest/fetch, which browsers refuse on file://.
ONLINE_FEATURES = frozenset(
    {
        "navigation.instant",
        "navigation.instant.prefetch",
        "navigation.instant.preview",
        "navigation.instant.progress",
        "content.tooltips.preview",
    }
)
# zip timestamps cannot go before 1980.
_ZIP_EPOCH_MIN = 315532800


@dataclass(frozen=True)
class BundleResult:
    path: Path  # the zip written
    folder: str  # the single top-level folder inside the zip; open <folder>/index.html
    files: int
    size: int  # bytes of the zip
    dossier: Dossier
    warnings: tuple[str, ...]


def default_bundle_path(root: Path, title: str) -> Path:
    """dist/<slug of the dossier's title>-offline.zip in the project folder."""
    return root / "dist" / f"{slugify(title)}-offline.zip"


def _raw_config(config_file: Path) -> dict:
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as f:
            data = yaml_load(f)
    except Exception as exc:  # yaml and mkdocs raise several kinds here; all mean a bad config
        raise DossierError(f"{config_file.name}: {exc}") from None
    return data if isinstance(data, dict) else {}


def offline_overrides(raw: dict) -> dict[str, Any]:
    """Config values that turn the project's mkdocs.yml into the offline build's.

    Takes the raw mkdocs.yml mapping and returns only the keys to replace: plugins with `offline`
    added, the theme without the features that fetch pages, `extra.polyfills` naming the local
    shim, and file:// links. Pure.
    """
    plugins = copy.deepcopy(raw.get("plugins", ["search"]))
    if isinstance(plugins, dict):
        plugins.setdefault("offline", {})
        plugins["offline"] = {**(plugins["offline"] or {}), "enabled": True}
    else:
        names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
        if "offline" in names:
            plugins[names.index("offline")] = {"offline": {"enabled": True}}
        else:
            plugins.append("offline")

    theme = copy.deepcopy(raw.get("theme", {"name": "material"}))
    if isinstance(theme, str):
        theme = {"name": theme}
    theme["features"] = [f for f in theme.get("features", []) or [] if f not in ONLINE_FEATURES]
    # Web fonts come from fonts.googleapis.com; the bundle uses the system's fonts.
    theme["font"] = False

    extra = copy.deepcopy(raw.get("extra", {})) or {}
    polyfills = [p for p in extra.get("polyfills", []) or [] if "iframe-worker" not in str(p)]
    extra["polyfills"] = polyfills + [SHIM_PATH]
    return {"plugins": plugins, "theme": theme, "extra": extra, "use_directory_urls": False}


class _Fetches(HTMLParser):
    """Collects the URLs a page loads by itself (not the links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = set(a.get("rel", "").lower().split())
            if rel & {"stylesheet", "preconnect", "preload", "prefetch", "icon", "manifest", "modulepreload"}:
                self.urls.append(a["href"])
        if a.get("srcset"):
            self.urls.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())
        if a.get("style"):
            self.urls.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", a["style"]))


_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def external_fetches(site_dir: Path) -> tuple[str, ...]:
    """'page: url' for every resource a built page would load from outside the site: from another
    host, or by a root-absolute path ("/assets/..."), which from file:// is the disk's root.

    A static check over the HTML and CSS; the browser test checks the same at run time.
    """
    found: list[str] = []
    for path in sorted(site_dir.rglob("*.html")):
        parser = _Fetches()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        rel = path.relative_to(site_dir).as_posix()
        found.extend(f"{rel}: {u}" for u in parser.urls if _REMOTE.match(u) or u.startswith("/"))
    for path in sorted(site_dir.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site_dir).as_posix()
        for u in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")]+)", text):
            if _REMOTE.match(u) or u.startswith("/"):
                found.append(f"{rel}: {u}")
    return tuple(found)


def write_zip(site_dir: Path, zip_path: Path, folder: str, epoch: int) -> int:
    """Zip every file under `site_dir` into `folder/` of `zip_path`, reproducibly. Returns the
    number of files. Written to a temporary name first, so a failure leaves no half zip."""
    stamp = datetime.fromtimestamp(max(epoch, _ZIP_EPOCH_MIN), tz=UTC).timetuple()[:6]
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_name(zip_path.name + ".part")
    dirs = sorted({p.parent for p in files} - {site_dir})
    entries = sorted(
        [(f"{folder}/{d.relative_to(site_dir).as_posix()}/", None) for d in dirs]
        + [(f"{folder}/{p.relative_to(site_dir).as_posix()}", p) for p in files]
    )
    with zipfile.ZipFile(tmp, "w") as zf:
        for name, path in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # unix, so that the permission bits below are honoured
            if path is None:
                info.external_attr = (0o40755 << 16) | 0x10  # a folder (and its MS-DOS flag)
                zf.writestr(info, b"")
                continue
            info.external_attr = 0o100644 << 16
            # Already-compressed files are stored: deflating them again only costs time.
            info.compress_type = (
                zipfile.ZIP_STORED if path.suffix in (".gz", ".png", ".jpg", ".woff2") else zipfile.ZIP_DEFLATED
            )
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(zip_path)
    return len(files)


def _add_shim(docs: Path) -> None:
    """The vendored iframe-worker shim (and its licence), where the offline plugin looks for it."""
    shim = docs / SHIM_PATH
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ASSETS / "iframe-worker" / "shim.js", shim)
    shutil.copyfile(ASSETS / "iframe-worker" / "LICENSE", shim.with_name("LICENSE"))


def build_offline_site(root: Path, site_dir: Path, *, strict: bool = False) -> Prepared:
    """load -> ... -> mkdocs build with the offline plugin into `site_dir` (which must not exist).
    The project's docs/ and site/ are not touched."""
    prepared = prepare(root)
    overrides = offline_overrides(_raw_config(mkdocs_config_file(prepared.project.root)))
    staging = Path(tempfile.mkdtemp(prefix="dossier-bundle-docs-"))
    try:
        # A large dossier's bundle indexes titles, summaries and headings only (see search.compact).
        large = search.uses_pagefind(len(prepared.dossier.sources), prepared.project.config.pagefind_from)
        stage_site(
            prepared,
            staging / "docs",
            site_dir,
            strict=strict,
            extra_files=_add_shim,
            compact_search=large,
            **overrides,
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return prepared


def bundle_project(root: Path, output: Path | None = None, *, strict: bool = False) -> BundleResult:
    """Build the offline site and zip it to `output` (default: `default_bundle_path`)."""
    if output is not None:
        staging.check_bundle_output(find_project(root), output)  # before anything is built
    workdir = Path(tempfile.mkdtemp(prefix="dossier-bundle-"))
    try:
        site = workdir / "site"
        # docs/ is read under the build lock, after finishing a swap that a killed build left
        with staging.project_lock(find_project(root), _stderr):
            staging.recover(find_project(root))
            prepared = build_offline_site(root, site, strict=strict)
        project, dossier = prepared.project, prepared.dossier
        # The 404 page is for servers: its links are absolute from the site's root, which on
        # file:// is the disk's root. Nothing opens it from disk, so it is left out.
        (site / "404.html").unlink(missing_ok=True)
        # Source maps of the theme's scripts are for debugging the theme; they are a fifth of
        # the bundle and a browser asks for them only with its developer tools open.
        for source_map in sorted(site.rglob("*.map")):
            source_map.unlink()
        remote = external_fetches(site)
        if remote:
            shown = "; ".join(remote[:5]) + (f"; and {len(remote) - 5} more" if len(remote) > 5 else "")
            raise DossierError(
                f"the offline bundle would load files from the network: {shown}; "
                "remove them from mkdocs.yml (extra_css, extra_javascript, theme) or the pages"
            )
        target = (output or default_bundle_path(project.root, project.config.title)).resolve()
        folder = target.name.removesuffix(".zip") or "site"
        count = write_zip(site, target, folder, build_epoch(dossier))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return BundleResult(
        path=target, folder=folder, files=count, size=target.stat().st_size, dossier=dossier, warnings=prepared.warnings
    )
