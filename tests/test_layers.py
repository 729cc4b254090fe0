"""The map of the house, kept true: layers import only downward, no module imports itself
round a cycle, and no hand-written module grows past the size one reader can hold.

The graph is read from the source, imports inside functions included; imports under
``if TYPE_CHECKING:`` are for type checkers only and do not count.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wsiot"

LAYERS = (
    ("errors",),
    ("data",),
    ("values",),
    ("render",),
    ("model",),
    ("rules",),
    ("io",),
    ("fleet",),
    ("local", "frames", "plot", "testing"),
    ("cli",),
    ("__init__", "__main__", "_moved"),
)
"""Bottom to top. ``render`` formats text and HTML and knows no domain class, so the
model's ``_repr_html_`` may use it; the facade (``wsiot/__init__``) names everything."""

DATA_FOLDER = "data"
MAX_LINES = 600


def _modules():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("wsiot", *parts))
        if name.endswith(".__init__"):
            name = name.removesuffix(".__init__")
        found[name] = path
    return found


MODULES = _modules()


def _layer(module):
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for level, names in enumerate(LAYERS):
        if top in names:
            return level
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS")


def _type_checking_nodes(tree):
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                skipped.update(id(n) for n in ast.walk(inner))
    return skipped


def imports_of(module, path):
    """The wsiot modules ``module`` imports, with the line of each."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            targets = [stem]
            # `from wsiot.data import products` imports a module too
            targets += [f"{stem}.{alias.name}" for alias in node.names
                        if f"{stem}.{alias.name}" in MODULES]
        elif (isinstance(node, ast.Call) and ast.unparse(node.func).endswith("import_module")
              and node.args and isinstance(node.args[0], ast.Constant)):
            targets = [str(node.args[0].value)]
        for target in targets:
            if target.split(".")[0] == "wsiot" and target != module:
                found.append((_known(target), node.lineno))
    return [(t, line) for t, line in found if t is not None]


def _known(target):
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


GRAPH = {module: imports_of(module, path) for module, path in MODULES.items()}


FACADE = ("wsiot", "wsiot.__main__", "wsiot._moved")  # it names every layer; that is its job


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m not in FACADE))
def test_imports_go_only_down(module):
    mine = _layer(module)
    upward = [f"{target} (line {line})" for target, line in GRAPH[module]
              if _layer(target) > mine and not _is_package_of(target, module)]
    assert not upward, f"{module} imports a higher layer: {', '.join(upward)}"


def _is_package_of(target, module):
    return module.startswith(target + ".")


def _cycles():
    edges = {m: {t for t, _ in GRAPH[m] if not _is_package_of(t, m)} for m in GRAPH}
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
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
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert _cycles() == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("wsiot.data")))
def test_hand_written_modules_stay_small(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by job (at most {MAX_LINES})"


def test_the_graph_is_read_from_inside_functions_too(tmp_path):
    """The reader sees an import hidden in a function body, and skips TYPE_CHECKING."""
    source = tmp_path / "probe.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from wsiot.cli import app\n"
                      "def f():\n    from wsiot.fleet import report\n")
    assert [t for t, _ in imports_of("wsiot.model.probe", source)] == ["wsiot.fleet",
                                                                         "wsiot.fleet.report"]


def test_a_cycle_is_caught(monkeypatch):
    monkeypatch.setitem(GRAPH, "wsiot.values.builds", [("wsiot.values.dates", 1)])
    monkeypatch.setitem(GRAPH, "wsiot.values.dates", [("wsiot.values.builds", 1)])
    assert ["wsiot.values.builds", "wsiot.values.dates"] in _cycles()


def test_design_page_names_every_module():
    page = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(wsiot(?:\.\w+)+)`", page))
    missing = sorted(m for m in MODULES if m != "wsiot" and m not in named)
    stale = sorted(n for n in named if n not in MODULES and _known(n) is None)
    assert not missing, f"docs/design.md does not name {missing}"
    assert not stale, f"docs/design.md names modules that do not exist: {stale}"
