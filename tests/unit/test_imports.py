"""The house shows its architecture: no import circle in generator/, and MkDocs (or ProperDocs) only in the adapter and the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
MKDOCS_ALLOWED = {"generator.build.plugin", "generator.cli"}


def module_name(path: Path) -> str:
    """The dotted name of a module file under generator/ (a package's __init__ is the package)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, resolved to absolute dotted names (lazy imports inside functions count)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from . import csl` imports a module, not a name
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    """The import graph of generator/, restricted to its own modules."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in files and m != name} for name, path in files.items()}


def strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm: the strongly connected groups of a directed graph."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.add(top)
                if top == node:
                    break
            groups.append(group)

    for node in edges:
        if node not in index:
            visit(node)
    return groups


def test_no_import_circle() -> None:
    circles = [sorted(g) for g in strongly_connected(graph()) if len(g) > 1]
    assert circles == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert [sorted(g) for g in strongly_connected({"a": {"b"}, "b": {"a"}, "c": {"a"}}) if len(g) > 1] == [["a", "b"]]


ENGINES = ("mkdocs", "properdocs")


def test_only_the_adapter_and_the_cli_import_an_engine() -> None:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    offenders = sorted(
        name for name, path in files.items()
        if name not in MKDOCS_ALLOWED
        and any(m == engine or m.startswith(engine + ".") for m in imports_of(path) for engine in ENGINES)
    )
    assert offenders == []


def test_the_cli_is_where_properdocs_is_chosen() -> None:
    assert "properdocs.replacement" in imports_of(PACKAGE / "cli.py")


def test_every_folder_is_a_package() -> None:
    folders = {p.parent for p in PACKAGE.rglob("*.py")}
    assert all((folder / "__init__.py").is_file() for folder in folders)
