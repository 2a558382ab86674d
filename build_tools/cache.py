"""cache: a content-addressed store of what the build computed per source, under the project.

`.dossier-cache/` (git-ignored) holds one file per record, named by the SHA-256 of everything the
record was computed from: the source's decoded text, its file name, format and encoding, its
curated facts from sources.yml, the cleaning rules of dossier.yml, the shared block counts of its
publisher's other pages, and the code version (a hash of the build_tools package's own files, the
Python version and trafilatura's). Change any of them and the key changes; nothing is ever
looked up by file name or date. A record that cannot be read back is simply computed again.
One record is named by the code version only: syndication's memo of the last build (`.shared`,
see extract/syndication.py), which names the sources it was made from by the digests of their
paragraphs and is used only when those are the first sources of the build, unchanged.
Another is named by the code version and the site folder: the manifest of the files the last
build wrote (`.written`: each generated page of docs/ and each file of the site with its size,
times, inode and SHA-256), from which the next build knows an old file's bytes without reading
them back while its size, times and inode are those recorded (see publish._keep_times).

Records are pickles of the model's frozen dataclasses, read back through an unpickler that
resolves only those classes: a planted file can make a build wrong, never run code. The build
creates the folder and, after each build, removes the records of its own making (files named
`<64 hex digits>.<kind>`) that the build did not use; it never removes anything else, and never
the folder itself. `DOSSIER_CACHE=off` in the environment disables the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import pickle
import re
import sys
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import model

CACHE_DIR = ".dossier-cache"
_RECORD = re.compile(r"[0-9a-f]{64}\.(?:keys|clean|extract|page|page-md|shared|written)")
_JSON_KINDS = ("keys", "page", "page-md", "written")  # records of plain data, stored as JSON
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# dossier's build cache: see build_tools/cache.py\n"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the build_tools package's files (code, rules, templates), the Python version and
    the version of trafilatura (which reads HTML sources)."""
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(sys.version.encode())
    try:
        digest.update(version("trafilatura").encode())
    except PackageNotFoundError:
        pass
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(str(path.relative_to(package)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(*parts: object) -> str:
    """The record key of `parts` (reprs of frozen dataclasses, tuples and strings: stable)."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == model.__name__:
            found = getattr(model, name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a model class")


class Cache:
    """The records of one project; `used` collects the files this build looked up or wrote."""

    def __init__(self, root: Path) -> None:
        self.dir = root / CACHE_DIR
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.missed: Counter[str] = Counter()  # misses by kind of record

    @staticmethod
    def enabled() -> bool:
        return os.environ.get("DOSSIER_CACHE", "").strip().lower() not in ("off", "0", "no", "false")

    def _path(self, digest: str, kind: str) -> Path:
        return self.dir / f"{digest}.{kind}"

    def get(self, digest: str, kind: str) -> Any:
        """The record, or None (absent, unreadable, or not made of model classes)."""
        name = f"{digest}.{kind}"
        self.used.add(name)
        path = self._path(digest, kind)
        try:
            if self.dir.is_symlink() or path.is_symlink():  # never read outside the project
                raise OSError(name)
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            self.missed[kind] += 1
            return None
        try:
            value = json.loads(data) if kind in _JSON_KINDS else _ModelUnpickler(io.BytesIO(data)).load()
        except Exception:  # a damaged or foreign record: computed again, then overwritten
            self.misses += 1
            self.missed[kind] += 1
            return None
        self.hits += 1
        return value

    def put(self, digest: str, kind: str, value: Any) -> None:
        """Store a record (atomically: a reader sees the old file or the new one)."""
        self.used.add(f"{digest}.{kind}")
        data = json.dumps(value).encode() if kind in _JSON_KINDS else pickle.dumps(value, protocol=5)
        try:
            if self.dir.is_symlink():
                return
            self.dir.mkdir(exist_ok=True)
            tag = self.dir / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(_TAG, encoding="utf-8")
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.dir)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, self._path(digest, kind))
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def prune(self) -> int:
        """Remove the records of the build's own making that this build did not use."""
        removed = 0
        if not self.dir.is_dir() or self.dir.is_symlink():
            return 0
        for path in self.dir.iterdir():
            if _RECORD.fullmatch(path.name) and path.name not in self.used and path.is_file() and not path.is_symlink():
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
