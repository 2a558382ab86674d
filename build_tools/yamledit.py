"""Edits of the curator's YAML files that keep what they wrote: comments, order, layout.

`dossier add` and `dossier suggest --write` change `sources.yml`, `actors.yml` and `topics.yml`
through ruamel.yaml's round-trip mode: the file is read with its comments, an entry is added,
and the file is written back with everything else as it was. They start from what `dossier new`
writes (`{}` and `[]`, under a comment header) as well as from a file the curator has filled.

Every string written is double-quoted, so that no value ("No", "On", "2015", "a: b") is read
back as something else by the loader. A file is replaced in one rename, after the new text has
been checked to parse: a failed edit leaves the file as it was.
"""

from __future__ import annotations

import io
import os
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


def _write(path: Path, yaml: YAML, data: Any) -> None:
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
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


def _comment_header(data: CommentedMap | CommentedSeq, text: str) -> None:
    """A file of comments only (no document) keeps its comment lines above the new one."""
    lines = [line[1:].removeprefix(" ") for line in text.splitlines() if line.startswith("#")]
    if lines:
        data.yaml_set_start_comment("\n".join(lines))


def add_mapping_entry(path: Path, display: str, key: str, value: Mapping[str, Any], comment: str = "") -> None:
    """Add `key: value` at the end of the mapping in `path` (created if missing).
    Refuses a key already there."""
    yaml, data, text = _read(path, display)
    if data is None:
        data = CommentedMap()
        _comment_header(data, text)
    if not isinstance(data, CommentedMap):
        raise DossierError(f"{display}: must be a mapping (file name: facts); not changed")
    if key in data:
        raise DossierError(f"{display}: already has an entry '{key}'; not changed")
    data.fa.set_block_style()
    data[key] = node(value)
    if comment:
        data.yaml_set_comment_before_after_key(key, before=comment, indent=0)
    _write(path, yaml, data)


def append_items(path: Path, display: str, items: Iterable[Mapping[str, Any]], comments: Sequence[str] = ()) -> int:
    """Append items (mappings) at the end of the list in `path`; returns how many."""
    yaml, data, text = _read(path, display)
    if data is None:
        data = CommentedSeq()
        _comment_header(data, text)
    if not isinstance(data, CommentedSeq):
        raise DossierError(f"{display}: must be a list (each item starting with '- name: ...'); not changed")
    data.fa.set_block_style()
    n = 0
    for i, item in enumerate(items):
        data.append(node(item))
        if i < len(comments) and comments[i]:
            data.yaml_set_comment_before_after_key(len(data) - 1, before=comments[i], indent=0)
        n += 1
    if n:
        _write(path, yaml, data)
    return n


def extend_lists(path: Path, display: str, key: str, additions: Mapping[int, Sequence[str]]) -> int:
    """Add strings to the list `key` of the items at the given positions of the list in
    `path` (a topic's keywords); the list is created when the item has none. Returns how
    many strings were added."""
    yaml, data, _ = _read(path, display)
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
        _write(path, yaml, data)
    return n
