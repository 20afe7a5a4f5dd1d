"""Read seed YAML keeping line numbers, so every validation error can say file:line.

Each mapping gets two hidden keys: ``__line__`` (where it starts) and ``__lines__`` (the line of each
key). Duplicate keys inside one mapping are an error, not a silent overwrite as in plain PyYAML.
"""
from __future__ import annotations

from pathlib import Path

import yaml

LINE = "__line__"
LINES = "__lines__"


class SeedFileError(Exception):
    """A seed file that cannot be read as YAML at all, with its file and line."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}:{line or '?'}: {message}")


# libyaml's C parser when PyYAML has it (5x faster), the pure-Python one otherwise; both keep marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):
    pass


def _construct_mapping(loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value, not a list or mapping", key_node.start_mark)
        key = key_node.value
        if key in lines:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {lines[key]})", key_node.start_mark
            )
        lines[key] = key_node.start_mark.line + 1
    mapping = _Base.construct_mapping(loader, node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    mapping[LINES] = lines
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_records(path: Path, display_name: str | None = None) -> list[dict]:
    """The list of records in one seed file; raises SeedFileError naming file and line."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SeedFileError(name, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        data = _load(text, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        context = ""
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            context = f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise SeedFileError(name, line, f"YAML error: {exc.problem or exc}{context}") from None
    except yaml.YAMLError as exc:
        raise SeedFileError(name, None, f"YAML error: {exc}") from None
    except RecursionError:
        raise SeedFileError(name, None, "YAML nested too deeply") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise SeedFileError(name, 1, f"expected a list of records, found {type(data).__name__}")
    for i, rec in enumerate(data):
        if not isinstance(rec, dict):
            raise SeedFileError(name, None, f"item {i + 1}: expected a mapping, found {type(rec).__name__}")
    return data


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
_SPECIAL_KEYS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")  # '<<' and '=': the SafeLoader's own rules
MAX_DEPTH = 50  # nesting; seed records need 4


def _load(text: str, name: str):
    """The document's values, built from libyaml's node tree: mappings (with their line keys), sequences and
    plain strings directly, anything else (numbers, booleans, dates, tags, merge keys) by the SafeLoader's
    own constructors, so the values are the ones ``yaml.load`` gives, in less than half its time (the
    constructors' dispatch per node was most of reading a 100x atlas). A node met twice (an alias) is
    refused, as is nesting past MAX_DEPTH."""
    loader = _LineLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        seen: set[int] = set()
        delegated = []

        def build(node, depth: int):
            if isinstance(node, yaml.ScalarNode):
                return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
            line = node.start_mark.line + 1 if isinstance(node, yaml.MappingNode) else None
            if id(node) in seen:
                raise SeedFileError(name, line, "YAML anchors and aliases (&, *) are not allowed in seed files")
            if depth > MAX_DEPTH:
                raise SeedFileError(name, line, "YAML nested too deeply")
            seen.add(id(node))
            if node.tag == _SEQ:
                return [build(child, depth + 1) for child in node.value]
            if node.tag != _MAP or not all(isinstance(k, yaml.ScalarNode) and k.tag not in _SPECIAL_KEYS
                                           for k, _ in node.value):
                delegated.append(node)  # a tag, a merge key or a key that is not a scalar: as yaml.load does
                return loader.construct_object(node, deep=True)
            mapping, lines = {}, {}
            for key_node, value_node in node.value:
                raw = key_node.value
                if raw in lines:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {raw!r} (first at line {lines[raw]})", key_node.start_mark)
                lines[raw] = key_node.start_mark.line + 1
                key = raw if key_node.tag == _STR else loader.construct_object(key_node, deep=True)
                mapping[key] = build(value_node, depth + 1)
            mapping[LINE] = line
            mapping[LINES] = lines
            return mapping

        data = build(root, 0)
        if delegated:  # what the SafeLoader built was not walked above
            _reject_shared_nodes(data, name)
        return data
    finally:
        loader.dispose()


def _reject_shared_nodes(data, name: str) -> None:
    """Refuse YAML anchors/aliases: hand-edited seed data needs none, and an alias bomb would
    expand exponentially in every later copy. Aliased nodes are the same Python object twice."""
    seen: set[int] = set()
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        if id(value) in seen:
            line = value.get(LINE) if isinstance(value, dict) else None
            raise SeedFileError(name, line, "YAML anchors and aliases (&, *) are not allowed in seed files")
        if depth > 50:
            raise SeedFileError(name, value.get(LINE) if isinstance(value, dict) else None, "YAML nested too deeply")
        seen.add(id(value))
        children = value.values() if isinstance(value, dict) else value
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))


def strip_lines(value):
    """A copy of parsed YAML without the hidden line keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k not in (LINE, LINES)}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
