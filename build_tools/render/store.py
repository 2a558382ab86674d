"""store: rendered pages kept between builds, so that an incremental build lays out only the
pages whose content changed.

A page's record is keyed by the SHA-256 of the code version, the files of dossier/overrides/,
the template's name and its whole context, pickled (every value with its type: an `Md` string
and a plain one differ). The same key can only come from the same template and the same
values, so a stored page is the page the template would make; a full build and an incremental
one give the same bytes (tests/test_cache.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Protocol


class PageStore(Protocol):
    """Where rendered pages are kept between builds (cache.Cache is one)."""

    def get(self, digest: str, kind: str) -> Any: ...

    def put(self, digest: str, kind: str, value: Any) -> None: ...


# The store of the render_site call under way, with the digest of what else a page depends on
# (code version, overrides): set by render_site, read by render_page.
_STORE: ContextVar[tuple[PageStore, str] | None] = ContextVar("dossier_page_store", default=None)


@contextlib.contextmanager
def storing(store: PageStore | None, overrides: Path | None) -> Iterator[None]:
    if store is None:
        yield
        return
    from ..cache import code_version

    token = _STORE.set((store, code_version() + _folder_digest(overrides)))
    try:
        yield
    finally:
        _STORE.reset(token)


def _folder_digest(folder: Path | None) -> str:
    """A hash of the names and bytes of the files of `folder` (dossier/overrides/). A file that
    leads outside the project, or nowhere, counts by its name only: it is never read (the
    template loader does not use it either)."""
    from ..load import outside_project

    digest = hashlib.sha256()
    if folder is not None and folder.is_dir() and not folder.is_symlink():
        root = folder.parent.parent
        for path in sorted(folder.rglob("*")):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            try:
                if outside_project(root, path):
                    digest.update(b"refused")
                elif path.is_file():
                    digest.update(path.read_bytes())
            except OSError:
                digest.update(b"?")
            digest.update(b"\0")
    return digest.hexdigest()


def _pickled(value: Any) -> bytes:
    """`value` pickled without the memo, so that equal values give equal bytes whether or not
    they share objects (a record read from the cache shares fewer than one just computed)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True  # no memo: every object written out in full (contexts hold no cycles)
    pickler.dump(value)
    return out.getvalue()


def tidy(text: str) -> str:
    """Collapse runs of blank lines the templates leave behind; one trailing newline."""
    lines: list[str] = []
    blank = 0
    for line in text.splitlines():
        if line.strip():
            blank = 0
            lines.append(line.rstrip())
        else:
            blank += 1
            if blank == 1:
                lines.append("")
    return "\n".join(lines).strip("\n") + "\n"


class Tidy(str):
    """A page text already tidied (one kept by the store): render_site takes it as it is."""


def stored(parts: Any, make: Callable[[], str]) -> str:
    """`make()`, or inside a render_site given a store the text an earlier build made for the
    same `parts` (which must hold everything the text is made from, each with its type); kept
    and returned tidied (`Tidy`), so that a page from the store is not tidied again."""
    held = _STORE.get()
    if held is None:
        return make()
    store, salt = held
    digest = hashlib.sha256(salt.encode())
    digest.update(_pickled(parts))
    key = digest.hexdigest()
    found = store.get(key, "page-md")
    if isinstance(found, str):
        return Tidy(found)
    text = tidy(make())
    store.put(key, "page-md", text)
    return Tidy(text)


def active() -> bool:
    """Whether pages are being stored (fingerprints are then worth computing)."""
    return _STORE.get() is not None


def fingerprint(value: Any) -> str:
    return hashlib.sha256(_pickled(value)).hexdigest()


class Pages(Mapping[str, str]):
    """The rendered pages, path -> Markdown text, each held as its UTF-8 bytes: a page with one
    character outside Latin-1 (a curly quote) would take two bytes for each of its characters as
    text, and the pages are the largest thing a build holds (115 MB of UTF-8 at 3,000 generated
    sources). Read as a mapping of texts; `encoded(path)` gives the bytes to write."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, bytes] | None = None) -> None:
        self._data: dict[str, bytes] = data if data is not None else {}

    def add(self, path: str, text: str) -> None:
        if path in self._data:
            raise ValueError(f"two pages for {path}")
        self._data[path] = text.encode("utf-8")

    def sorted(self) -> Pages:
        return Pages(dict(sorted(self._data.items())))

    def encoded(self, path: str) -> bytes:
        return self._data[path]

    def release(self) -> None:
        """Let go of every page (a build does once they are written to its staging folder, so
        that mkdocs does not run beside a second copy of them)."""
        self._data.clear()

    def __getitem__(self, path: str) -> str:
        return self._data[path].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, path: object) -> bool:
        return path in self._data

    def __repr__(self) -> str:
        return f"Pages({len(self._data)} pages)"


def encoded(pages: Mapping[str, str], path: str) -> bytes:
    """The UTF-8 bytes of a page of `pages` (a Pages or a plain mapping of texts)."""
    return pages.encoded(path) if isinstance(pages, Pages) else pages[path].encode("utf-8")
