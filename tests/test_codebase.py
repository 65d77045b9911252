"""The shape of the code: no import circles, between modules or between apps.

Each project module (every ``.py`` file of an app folder or of ``website/``, migrations
aside) is read with ``ast``, imports inside functions included: an import moved into a
function still makes a circle, only one that Python no longer trips over at load time.
A circle is broken by giving the helper what it needs as arguments, or by moving the code
to the module or app where it belongs; ``website/`` holds what every app shares and
imports no app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = sorted({path.parent for path in ROOT.glob("*/apps.py")} | {ROOT / "website"})


@pytest.fixture
def migrated_fixture():
    """These tests read files, not the database: they skip the suite's dump of the
    migrated database (tests/conftest.py), which has no test database to read when they
    run alone."""


def project_modules():
    """{dotted module name: file} of every project module."""
    modules = {}
    for package in PACKAGES:
        for path in package.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_names(module, path):
    """The dotted names a module imports, anywhere in it: ``from a.b import c`` imports
    ``a.b`` and, when it is a module, ``a.b.c``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..models import y
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph():
    """{module: the project modules it imports}."""
    modules = project_modules()
    graph = {}
    for module, path in modules.items():
        targets = set()
        for name in imported_names(module, path):
            # A name inside a module (a function, a class) stands for that module.
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def app_graph(graph):
    """{app: the other apps its modules import}."""
    apps = {}
    for module, targets in graph.items():
        app = module.split(".")[0]
        apps.setdefault(app, set()).update(
            target.split(".")[0] for target in targets if target.split(".")[0] != app
        )
    return apps


def reachable(graph, start):
    seen, todo = set(), [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def circles(graph):
    """The groups of nodes that reach one another through the graph's edges, each
    written with the edges that close its circles."""
    reach = {node: reachable(graph, node) for node in graph}
    found, grouped = [], set()
    for node in sorted(graph):
        if node in grouped or node not in reach[node]:
            continue
        group = {other for other in reach[node] if node in reach[other]}
        grouped |= group
        edges = [
            f"{source} -> {target}"
            for source in sorted(group)
            for target in sorted(graph[source] & group)
        ]
        found.append(", ".join(edges))
    return found


def test_no_module_imports_one_that_imports_it_back():
    assert circles(import_graph()) == []


def test_no_app_imports_one_that_imports_it_back():
    assert circles(app_graph(import_graph())) == []


def test_website_imports_no_app():
    graph = app_graph(import_graph())
    assert graph["website"] == set()


def test_imports_inside_functions_count(tmp_path):
    path = tmp_path / "feeds.py"
    path.write_text("def items(index):\n    from .models import FEED_SIZE\n")
    assert set(imported_names("news.feeds", path)) == {"news.models", "news.models.FEED_SIZE"}


def test_circles_are_found():
    graph = {"a.models": {"a.feeds"}, "a.feeds": {"a.models"}, "b.views": {"a.models"}}
    assert circles(graph) == ["a.feeds -> a.models, a.models -> a.feeds"]
    assert circles(app_graph(graph)) == []
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a -> b, b -> c, c -> a"]
