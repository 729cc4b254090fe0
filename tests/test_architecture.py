"""The layout's promises: the core reads no file, clock or environment, and never imports
the shell; dates live in the data package, the one place of literals."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "wsiot"
CORE_PACKAGES = ("data", "values", "render", "model", "rules")
SHELL = {"cli", "io", "local", "__main__", "_moved", "frames", "plot", "fleet"}
CORE = sorted(
    ["__init__", "errors", "testing",
     *(str(p.relative_to(PACKAGE).with_suffix("")).replace("/", ".")
       for package in CORE_PACKAGES for p in (PACKAGE / package).glob("*.py"))])
DATA_MODULES = {m for m in CORE if m.startswith("data.")}  # modules of cited literals
FORBIDDEN_CALLS = {"open", "input", "print"}
FORBIDDEN_ATTRIBUTES = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"),
                        ("datetime", "today"), ("time", "time"), ("os", "environ"),
                        ("os", "getenv"), ("sys", "stdin"), ("sys", "stdout"), ("sys", "argv")}
FORBIDDEN_MODULES = {"os", "socket", "urllib", "http", "subprocess", "pathlib", "shutil",
                     "tempfile", "random"}


def _tree(module):
    return ast.parse((PACKAGE / f"{module.replace('.', '/')}.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("module", CORE)
def test_core_does_no_io(module):
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, (module, node.func.id, node.lineno)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in FORBIDDEN_ATTRIBUTES, (module, node.lineno)
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name.split(".")[0] not in FORBIDDEN_MODULES, (module, alias.name)
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            assert node.module.split(".")[0] not in FORBIDDEN_MODULES, (module, node.module)


@pytest.mark.parametrize("module", [m for m in CORE if m != "__init__"])
def test_core_never_imports_the_shell(module):
    """(The package's __init__ is the facade: it names everything, loading each on use.)"""
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wsiot."):
            top = node.module.split(".")[1]
            assert top not in SHELL, (module, node.module, node.lineno)


def _docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


@pytest.mark.parametrize("module", [m for m in CORE if m not in DATA_MODULES])
def test_dates_are_written_only_in_the_data_module(module):
    """Lifecycle dates appear as literals in the data package alone: one place for each fact.

    Docstrings may show dates in examples; code may not hold them.
    """
    import re

    iso = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
    tree = _tree(module)
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings:
            assert not iso.search(node.value), (module, node.lineno, node.value[:40])
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "date":
            raise AssertionError(f"{module}:{node.lineno}: a date built in code")
