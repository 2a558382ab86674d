"""Reading the dossier's YAML files with line numbers and without YAML 1.1 surprises.

PyYAML follows YAML 1.1, where `no`, `off`, `yes`, `on` are booleans and `2014-12-03` is a date.
A dossier titled "No" or a source dated 2014-12-03 must come through as the text the curator
wrote, so this loader only knows `true`/`false` as booleans and leaves dates as strings.

Every mapping comes back as a `Located` dict that remembers the line of each key, so that the
validators can say `actors.yml:12: unknown key 'alias'`.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml


class DossierError(Exception):
    """Bad input: the message names the file (and line) and says what to do."""


class DossierErrors(DossierError):
    """Several errors found in one pass (every definition is checked before giving up)."""

    def __init__(self, messages: list[str] | tuple[str, ...]) -> None:
        super().__init__("\n".join(messages))
        self.messages = tuple(messages)


class ErrorCollector:
    """Gathers the DossierErrors of independent parts (files, items), so that one run reports
    them all: `with errors.part(): ...` records an error and goes on after the block."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    @contextlib.contextmanager
    def part(self) -> Iterator[None]:
        try:
            yield
        except DossierErrors as exc:
            self.messages.extend(exc.messages)
        except DossierError as exc:
            self.messages.append(str(exc))

    def raise_any(self) -> None:
        if len(self.messages) == 1:
            raise DossierError(self.messages[0])
        if self.messages:
            raise DossierErrors(self.messages)


def located(path: Path | str, line: int, message: str) -> str:
    where = f"{path}:{line}" if line else f"{path}"
    return f"{where}: {message}"


class Located(dict):
    """A mapping that knows where it came from."""

    line: int = 0
    key_lines: dict

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


MAX_DEPTH = 50  # nesting levels; a dossier's files need four


class _Loader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Deep nesting would end in a RecursionError; stop at a depth no dossier needs.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise DossierError(
                    f"{mark.line + 1}: nested more than {MAX_DEPTH} levels deep; a dossier file needs only a few levels"
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise DossierError(f"{line}: duplicate key '{key}' (first on line {result.key_lines[key]})")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, *, display: str | None = None) -> Any:
    """Parse one YAML file; a missing file is None; errors become DossierError with file:line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise DossierError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except DossierError as exc:
        raise DossierError(f"{name}:{exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        raise DossierError(located(name, line, f"invalid YAML: {problem}")) from None
    except yaml.YAMLError as exc:
        raise DossierError(f"{name}: invalid YAML: {exc}") from None
    except RecursionError:
        raise DossierError(f"{name}: nested too deeply to read") from None


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_keys(mapping: Located, allowed: tuple[str, ...], file: str, what: str) -> None:
    for key in mapping:
        if key not in allowed:
            raise DossierError(
                located(
                    file,
                    mapping.line_of(key),
                    f"unknown key '{key}' in {what}{did_you_mean(key, allowed)}; allowed: {', '.join(allowed)}",
                )
            )


def text_value(mapping: Located, key: str, file: str, *, required: bool = False, default: str = "") -> str:
    """A text field. Numbers are accepted as text (a title '1984'); booleans and lists are not."""
    if key not in mapping or mapping[key] is None:
        if required:
            raise DossierError(located(file, mapping.line, f"missing required key '{key}'"))
        return default
    value = mapping[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        kind = "true/false" if isinstance(value, bool) else type(value).__name__
        raise DossierError(located(file, mapping.line_of(key), f"'{key}' must be text, not {kind}; put it in quotes"))
    text = str(value).strip()
    if required and not text:
        raise DossierError(located(file, mapping.line_of(key), f"'{key}' must not be empty"))
    return text


def text_list(mapping: Located, key: str, file: str) -> tuple[str, ...]:
    """A list of texts; a single text is accepted as a list of one."""
    if key not in mapping or mapping[key] is None:
        return ()
    value = mapping[key]
    line = mapping.line_of(key)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise DossierError(located(file, line, f"'{key}' must be a list of texts"))
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise DossierError(located(file, line, f"every item of '{key}' must be text (quote it): got {item!r}"))
        text = str(item).strip()
        if not text:
            raise DossierError(located(file, line, f"'{key}' has an empty item"))
        out.append(text)
    return tuple(out)
