"""The shape of the code: no import circles, between modules or between apps, and no
private attribute of another object read or set.

Each project module (every ``.py`` file of an app folder or of ``website/``, migrations
aside) is read with ``ast``, imports inside functions included: an import moved into a
function still makes a circle, only one that Python no longer trips over at load time.
A circle is broken by giving the helper what it needs as arguments, or by moving the code
to the module or app where it belongs; ``website/`` holds what every app shares and
imports no app.

Private names (``x._name``) are an object's own business: only ``self``, ``cls`` and
``super()`` use them. Django's, Wagtail's and the standard library's change without
notice between releases; use their public API, or write the few lines in the project.
A few underscored names are public API (``Model._meta``, namedtuple's ``_replace``…):
``PUBLIC_UNDERSCORED``."""

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


# --- Private names ------------------------------------------------------------------------

# Underscored, yet documented public API: Django's model options and managers, and the
# methods of namedtuples.
PUBLIC_UNDERSCORED = {
    "_meta",
    "_default_manager",
    "_base_manager",
    "_replace",
    "_asdict",
    "_fields",
}
ATTRIBUTE_FUNCTIONS = {"getattr", "setattr", "hasattr", "delattr"}
SKIPPED_FOLDERS = {"tests", "migrations", "node_modules"}


def project_files():
    """Every project ``.py`` file: the apps, ``website/``, ``bench/``, ``deploy/``,
    ``manage.py``…; not the tests, the migrations, the virtualenv or hidden folders."""
    for path in sorted(ROOT.rglob("*.py")):
        folders = path.relative_to(ROOT).parts[:-1]
        if any(part.startswith(".") or part in SKIPPED_FOLDERS for part in folders):
            continue
        yield path


def is_private(name):
    return (
        name.startswith("_")
        and not (name.startswith("__") and name.endswith("__"))
        and name not in PUBLIC_UNDERSCORED
    )


def is_own(node):
    """``self``, ``cls`` or ``super()``: an object using its own names."""
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls")
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def private_uses(source, filename="<string>"):
    """``line: code`` of each private name of another object that ``source`` uses:
    ``x._name`` (read, set or deleted), ``getattr(x, "_name")`` (and ``setattr``,
    ``hasattr``, ``delattr``), and ``from django.x import _name`` (of a library's
    module: a project module's helpers are the project's own)."""
    project = {path.name for path in PACKAGES} | {"bench", "deploy", "harness"}
    tree = ast.parse(source, filename=filename)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if is_private(node.attr) and not is_own(node.value):
                found.append(node)
        elif isinstance(node, ast.Call):
            if (
                isinstance(node.func, ast.Name)
                and node.func.id in ATTRIBUTE_FUNCTIONS
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and is_private(node.args[1].value)
                and not is_own(node.args[0])
            ):
                found.append(node)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and module.split(".")[0] not in project:
                if any(is_private(part) for part in module.split(".")) or any(
                    is_private(alias.name) for alias in node.names
                ):
                    found.append(node)
        elif isinstance(node, ast.Import):
            if any(is_private(part) for alias in node.names for part in alias.name.split(".")):
                found.append(node)
    found.sort(key=lambda node: (node.lineno, node.col_offset))
    return [f"{node.lineno}: {ast.get_source_segment(source, node)}" for node in found]


def test_no_private_names_of_other_objects():
    found = {}
    for path in project_files():
        uses = private_uses(path.read_text(), filename=str(path))
        if uses:
            found[str(path.relative_to(ROOT))] = uses
    assert found == {}


def test_private_names_are_found():
    source = "\n".join(
        [
            "Page._slug_is_available(slug, parent)",
            "queryset._iterable_class = None",
            "x = getattr(page, '_cached_parent_obj', None)",
            "setattr(request, '_hashes', [])",
            "F('title')._combine(F('body'), '||', False)",
            "self.query_compiler._get_filterable_field('x')",
            "from django.db.models.query import _prefetch",
            "import ssl._private",
        ]
    )
    assert [use.split(":")[0] for use in private_uses(source)] == [str(n) for n in range(1, 9)]


def test_own_and_public_underscored_names_pass():
    source = "\n".join(
        [
            "self._cache = {}",
            "cls._by_slot('tr')",
            "super()._do_search()",
            "hasattr(self, '_base')",
            "Page._meta.get_field('slug')",
            "Page._default_manager.all()",
            "NewsPage._base_manager.all()",
            "parsed._replace(path='/')",
            "model.__name__",
            "from ._helpers import x",
            "from news.models import _words",
        ]
    )
    assert private_uses(source) == []
