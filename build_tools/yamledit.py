"""Edits of the curator's YAML files that keep what they wrote: comments, order, layout.

`dossier add` and `dossier suggest --write` change `sources.yml`, `actors.yml` and `topics.yml`
with ruamel.yaml. New entries are written by ruamel (in the file's own indentation) and added
after what is there, so the curator's text stays byte for byte as it was: comments, order,
quoting, folded lines. An empty document (`{}` or `[]`, as older projects have it, under its
comment header) gives way to the first entries. Where an edit is inside the document (a
topic's keywords), or the document is written in flow style, the file goes through ruamel's
round-trip mode, which keeps comments and order.

Every string written is double-quoted, so that no value ("No", "On", "2015", "a: b") is read
back as something else by the loader. A file is replaced in one rename, after the new text has
been checked to parse: a failed edit leaves the file as it was.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from .yamlfile import DossierError

Value = str | bool | Sequence[str] | Mapping[str, Any]


def _yaml(text: str) -> YAML:
    """A round-trip YAML reader/writer that indents block lists the way `text` does."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long title over two lines
    try:
        _, indent, block_seq_indent = load_yaml_guess_indent(text) if text.strip() else (None, 2, 0)
    except YAMLError:
        indent, block_seq_indent = 2, 0
    indent = indent or 2
    block_seq_indent = block_seq_indent or 0
    yaml.indent(mapping=indent, sequence=indent + block_seq_indent, offset=block_seq_indent)
    return yaml


def node(value: Value) -> Any:
    """A value as ruamel nodes: strings double-quoted, lists of strings in flow style
    (`[a, b]`), mappings in block style, in the order given."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, Mapping):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = node(v)
        return m
    seq = CommentedSeq([node(v) for v in value])
    seq.fa.set_flow_style()
    return seq


def _read(path: Path, display: str) -> tuple[YAML, Any, str]:
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    yaml = _yaml(text)
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{display}:{mark.line + 1}" if mark is not None else display
        raise DossierError(f"{where}: invalid YAML, not changed: {getattr(exc, 'problem', None) or exc}") from None
    return yaml, data, text


def _write(path: Path, yaml: YAML, data: Any, original: str = "") -> None:
    """The whole document, round-tripped by ruamel; the comment lines at the top of the file,
    which ruamel drops above a flow-style document, are kept."""
    out = _dump(yaml, data)
    header = []
    for line in original.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        header.append(line)
    head = "".join(header)
    if head.strip() and not out.startswith(head):
        out = head + out
    _write_text(path, out)


def _write_text(path: Path, text: str) -> None:
    YAML(typ="safe").load(text)  # what we write must read back
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_EMPTY_DOC = re.compile(r"^\s*(\{\s*\}|\[\s*\])\s*(#.*)?$")


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _append_text(path: Path, yaml: YAML, text: str, data: Any, new: Any) -> None:
    """Write `text` with the entries of `new` added after it (in place of an empty `{}` or
    `[]`); the old text is kept byte for byte. Falls back to a round-trip of `data`, which
    must already hold the new entries, when the document is in flow style."""
    lines = text.splitlines(keepends=True)
    if not data:
        empty = [i for i, line in enumerate(lines) if _EMPTY_DOC.match(line)]
        if empty:
            del lines[empty[-1]]
        elif any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            _write(path, yaml, data, text)  # something else (`---`, a tag): let ruamel write it all
            return
    elif data.fa.flow_style():
        _write(path, yaml, data, text)
        return
    head = "".join(lines)
    if head and not head.endswith("\n"):
        head += "\n"
    if data and not head.endswith("\n\n"):
        head += "\n"  # a blank line between what was there and what is new
    _write_text(path, head + _dump(yaml, new))


def add_mapping_entry(path: Path, display: str, key: str, value: Mapping[str, Any], comment: str = "") -> None:
    """Add `key: value` at the end of the mapping in `path` (created if missing).
    Refuses a key already there."""
    yaml, data, text = _read(path, display)
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise DossierError(f"{display}: must be a mapping (file name: facts); not changed")
    if key in data:
        raise DossierError(f"{display}: already has an entry '{key}'; not changed")
    new = CommentedMap()
    new[key] = node(value)
    if comment:
        new.yaml_set_comment_before_after_key(key, before=comment, indent=0)
    if data.fa.flow_style() and data:
        data[key] = node(value)
    _append_text(path, yaml, text, data, new)


def append_items(path: Path, display: str, items: Iterable[Mapping[str, Any]], comments: Sequence[str] = ()) -> int:
    """Append items (mappings) at the end of the list in `path`; returns how many."""
    yaml, data, text = _read(path, display)
    if data is None:
        data = CommentedSeq()
    if not isinstance(data, CommentedSeq):
        raise DossierError(f"{display}: must be a list (each item starting with '- name: ...'); not changed")
    new = CommentedSeq()
    for i, item in enumerate(items):
        new.append(node(item))
        if i < len(comments) and comments[i]:
            new.yaml_set_comment_before_after_key(len(new) - 1, before=comments[i], indent=0)
    if not new:
        return 0
    if data.fa.flow_style() and data:
        data.extend(new)
    _append_text(path, yaml, text, data, new)
    return len(new)


def extend_lists(path: Path, display: str, key: str, additions: Mapping[int, Sequence[str]]) -> int:
    """Add strings to the list `key` of the items at the given positions of the list in
    `path` (a topic's keywords); the list is created when the item has none. Returns how
    many strings were added."""
    yaml, data, text = _read(path, display)
    if not isinstance(data, CommentedSeq):
        raise DossierError(f"{display}: must be a list; not changed")
    n = 0
    for index, values in sorted(additions.items()):
        item = data[index]
        if not isinstance(item, CommentedMap):
            raise DossierError(f"{display}: item {index + 1} is not a mapping; not changed")
        current = item.get(key)
        if current is None:
            item[key] = node(list(values))
            n += len(values)
            continue
        if not isinstance(current, list):
            raise DossierError(f"{display}: '{key}' of item {index + 1} is not a list; not changed")
        for v in values:
            if v not in current:
                current.append(DoubleQuotedScalarString(v))
                n += 1
    if n:
        _write(path, yaml, data, text)
    return n
