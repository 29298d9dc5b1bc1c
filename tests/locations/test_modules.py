"""The locations app's modules depend on each other one way: no module imports its importer."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "locations"


def local_imports(path):
    """The locations modules `path` imports, at module level or inside a function."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                yield node.module.split(".")[0]
            else:
                yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("locations."):
            yield node.module.split(".")[1]


def import_graph():
    modules = {path.stem: path for path in PACKAGE.glob("*.py")}
    return {name: set(local_imports(path)) & set(modules) for name, path in modules.items()}


def cycle_from(graph, start, path=()):
    for imported in graph[start]:
        if imported in path or imported == start:
            return [*path, start, imported]
        if found := cycle_from(graph, imported, (*path, start)):
            return found
    return None


def test_no_two_locations_modules_import_each_other():
    graph = import_graph()
    assert {name: cycle_from(graph, name) for name in graph if cycle_from(graph, name)} == {}


def test_the_check_sees_a_cycle_through_an_import_inside_a_function():
    graph = {"models": {"gazetteer"}, "gazetteer": {"models"}, "views": {"models"}}
    assert cycle_from(graph, "views") == ["views", "models", "gazetteer", "models"]
