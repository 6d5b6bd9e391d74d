"""The package's folders show the flow: no module at the top but the CLI, no import cycle.

Imports inside functions count too: a cycle hidden in a lazy import is still a cycle.
"""

from __future__ import annotations

import ast

from support import REPO

PACKAGE = REPO / "generator"


def _modules() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                assert node.module is not None
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names if a.name.startswith("generator"))
        found[name] = imported
    return {name: {m for m in deps if m in found and m != name} for name, deps in found.items()}


def test_no_module_at_the_top_but_the_cli() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py"]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle of `graph` as a list of names (first = last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and (cycle := visit(dep, [*path, dep])):
                return cycle
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name, [name])):
            return cycle
    return None


def test_no_import_cycle() -> None:
    cycle = find_cycle(_modules())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_check_can_fail() -> None:
    """The old model <-> catalogue cycle, as a graph: found."""
    graph = {"model": {"catalogue"}, "catalogue": {"model"}, "plugin": {"model"}}
    assert find_cycle(graph) == ["catalogue", "model", "catalogue"]
