"""The public surface: declared once in ``wsiot/__init__``, mirrored for type checkers, and
every other module-level name either listed in its module's ``__all__`` or private."""

import ast
import importlib
import warnings
from pathlib import Path

import pytest

import wsiot

PACKAGE = Path(wsiot.__file__).parent


def _typing_block():
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for imp in node.body:
                for alias in imp.names:
                    found[alias.name] = imp.module
    return found


def test_the_typing_block_mirrors_the_one_table():
    assert _typing_block() == wsiot._LAZY


@pytest.mark.parametrize("name", sorted(wsiot.__all__))
def test_every_public_name_resolves(name):
    assert getattr(wsiot, name) is not None


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        if name not in ("wsiot", "wsiot.__main__"):
            yield name, path


@pytest.mark.parametrize(("module", "path"), list(_modules()))
def test_module_level_names_are_listed_or_private(module, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign):
            defined.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
    listed = set(getattr(importlib.import_module(module), "__all__", ()))
    public = {n for n in defined if not n.startswith("_")}
    assert public <= listed, f"{module}: public but not in __all__: {sorted(public - listed)}"


@pytest.mark.parametrize(("old", "new"), sorted(wsiot._moved.MOVED.items()))
def test_old_module_paths_warn_and_still_work(old, new):
    with pytest.warns(DeprecationWarning, match=old.replace(".", r"\.")):
        module = importlib.import_module(old) if old not in __import__("sys").modules \
            else wsiot._moved.submodule(old.removeprefix("wsiot."))
    assert module is importlib.import_module(new)


def test_an_old_path_read_as_an_attribute_warns(monkeypatch):
    monkeypatch.delitem(vars(wsiot), "catalog", raising=False)  # set by an earlier import
    with pytest.warns(DeprecationWarning, match="wsiot.catalog moved to wsiot.model.catalog"):
        module = wsiot.catalog
    assert module.Catalog is wsiot.Catalog


def test_an_unknown_attribute_is_an_attribute_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            _ = wsiot.nope


@pytest.mark.parametrize(("module", "path"), list(_modules()))
def test_no_module_imports_another_modules_private_names(module, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wsiot"):
            private = [a.name for a in node.names
                       if a.name.startswith("_") and not a.name.startswith("__")]
            assert not private, f"{module}:{node.lineno} imports {private} from {node.module}"
