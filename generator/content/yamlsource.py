"""YAML with line numbers: parse text into data plus a map from field paths to lines.

PyYAML keeps positions on its node tree, so the text is composed into nodes
first, each node's line is recorded under its path (``("quiz", 0, "answer")``),
and only then constructed into Python values. Duplicate keys, which PyYAML
would silently collapse, are reported. Dates stay strings here so the model
can report a bad date with its field and line instead of a parser crash.
Only `true` and `false` are booleans (YAML 1.2): `Yes`, `no`, `on`, `off` are text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[Any, ...]


# libyaml's parser when PyYAML has it (the wheels do): about 20 times faster than the pure-Python one.
_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves timestamps as text (the model parses dates)."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),
)


# Booleans as YAML 1.2 reads them: only true and false. YAML 1.1 (PyYAML's default) also reads
# yes/no, on/off, y/n as booleans, so a quiz choice "- Yes" became true and failed as "not text".
_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class YamlDoc:
    """Parsed YAML: the data, and the 1-based line of every field path."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line_of(self, path: Path_, default: int = 1) -> int:
        """The line of a field, or of its nearest enclosing field that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


@dataclass(frozen=True)
class YamlSyntaxError(Exception):
    """A YAML syntax error with its 1-based line and a plain description."""

    line: int
    message: str


# What a YAML error usually means in a content file, added after the parser's words.
_HINTS = (
    ("mapping values are not allowed", "if a value contains ': ', put the whole value in quotes"),
    ("cannot start any token", "indent with spaces, not tabs"),
    ("expected <block end>", "check that this line is indented like the lines around it"),
    ("did not find expected key", "check that this line is indented like the lines around it"),
    ("while parsing a flow sequence", "a list in [ ] needs its closing ], and text with ',' or ':' needs quotes"),
    ("while parsing a flow mapping", "a group in { } needs its closing }, and text with ',' or ':' needs quotes"),
    ("while scanning a quoted scalar", "a quote was opened and not closed"),
    ("could not find expected ':'", "each field is written as name: value"),
)


_FIELD = re.compile(r"^(\s*)(?:- )?[\w.-]+:\s+\S")


def _hint(problem: str, text: str = "", index: int = -1) -> str:
    """The hint for a parser's problem at line `index` (0-based) of `text`. "Mapping values are not
    allowed" is also what a field indented under a field with a value gives: that is said instead
    of suggesting quotes."""
    if "mapping values are not allowed" in problem and 0 < index < len(lines := text.split("\n")):
        here = lines[index]
        above = next((line for line in reversed(lines[:index]) if line.strip() and not line.lstrip().startswith("#")), "")
        indent = len(here) - len(here.lstrip(" "))
        field = _FIELD.match(above)
        if field and indent > len(field.group(1)) and _FIELD.match(here):
            return ("; this line is indented more than the field above it, which already has a value: "
                    "line it up with the fields around it")
    return next((f"; {hint}" for needle, hint in _HINTS if needle in problem), "")


# Bounds on what one file may expand to. Aliases (`*name`) reuse a node, so a few lines can
# stand for billions of values ("billion laughs") or for a value that contains itself; the
# walk below counts every value it reaches through them and stops at these.
MAX_VALUES = 100_000
MAX_DEPTH = 40


class _TooBig(Exception):
    """The YAML would expand past MAX_VALUES or MAX_DEPTH; `line` is where it went past."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _walk(node: yaml.Node, path: Path_, offset: int, doc: YamlDoc, budget: list[int], open_nodes: set[int]) -> None:
    line = node.start_mark.line + 1 + offset
    budget[0] -= 1
    top = doc.lines.get(path[:1], line)  # report the top-level field that expands, not the anchor
    if budget[0] < 0:
        raise _TooBig(top, f"the file expands to more than {MAX_VALUES:,} values (through aliases such as *name?); "
                      "write the values out instead of repeating aliases")
    if len(path) > MAX_DEPTH:
        raise _TooBig(top, f"values are nested more than {MAX_DEPTH} levels deep")
    if id(node) in open_nodes:
        raise _TooBig(top, "an alias refers to a value that contains it (a value cannot contain itself)")
    doc.lines.setdefault(path, line)
    if isinstance(node, yaml.MappingNode):
        open_nodes.add(id(node))
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            child = path + (key,)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                doc.duplicates.append((child, line))
                continue
            seen.add(key)
            doc.lines[child] = line
            _walk(value_node, child, offset, doc, budget, open_nodes)
            doc.lines[child] = line
        open_nodes.discard(id(node))
    elif isinstance(node, yaml.SequenceNode):
        open_nodes.add(id(node))
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), offset, doc, budget, open_nodes)
        open_nodes.discard(id(node))


def parse_yaml(text: str, line_offset: int = 0) -> YamlDoc:
    """Parse YAML text; raise YamlSyntaxError with a line for any syntax problem.

    ``line_offset`` is added to every line (front matter starts after ``---``).
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        problem = exc.problem or "could not be read"
        if exc.context:
            problem = f"{exc.context}, {problem}"
        raise YamlSyntaxError(line, f"YAML syntax error: {problem}{_hint(problem, text, mark.line if mark else -1)}") from exc
    except yaml.YAMLError as exc:  # not marked: a reader or scanner problem
        raise YamlSyntaxError(1 + line_offset, f"YAML syntax error: {exc}") from exc
    except RecursionError:  # the parser itself recurses on nesting
        raise YamlSyntaxError(1 + line_offset, f"values are nested more than {MAX_DEPTH} levels deep") from None
    if node is None:
        return YamlDoc(data=None, lines={(): 1 + line_offset})
    doc = YamlDoc(data=None)
    try:
        _walk(node, (), line_offset, doc, [MAX_VALUES], set())
    except _TooBig as exc:
        raise YamlSyntaxError(exc.line, exc.message) from None
    loader = _Loader("")
    try:
        doc.data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        raise YamlSyntaxError(line, f"YAML value could not be read: {getattr(exc, 'problem', exc)}") from exc
    finally:
        loader.dispose()
    return doc
