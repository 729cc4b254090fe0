"""Every cited table holds rows of the shape it declares, checked here at run time too.

The tables are found from the source: each ``NAME: Final[tuple[RowType, ...]]`` in a module
of ``wsiot.data`` is checked row by row against ``RowType`` (a TypedDict).
"""

import ast
import importlib
import types
import typing
from pathlib import Path

import pytest

import wsiot.data

DATA = Path(wsiot.data.__file__).parent


def declared_tables():
    """(module, table name, row type name) for every table annotated with its row type."""
    found = []
    for path in sorted(DATA.glob("*.py")):
        module = f"wsiot.data.{path.stem}"
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
                continue
            text = ast.unparse(node.annotation)
            if text.startswith("Final[tuple[") and text.endswith(", ...]]"):
                found.append((module, node.target.id, text[len("Final[tuple["):-len(", ...]]")]))
    return found


TABLES = declared_tables()


def conforms(value, kind):
    """Whether ``value`` is of the annotated ``kind`` (the forms the tables use)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if typing.is_typeddict(kind):
        return isinstance(value, dict) and shape_problems(value, kind) == []
    if origin is typing.NotRequired:
        return conforms(value, args[0])
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    if origin is tuple:
        return isinstance(value, tuple) and all(conforms(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(conforms(k, args[0]) and conforms(v, args[1])
                                               for k, v in value.items())
    if kind is type(None):
        return value is None
    return type(value) is kind


def shape_problems(row, kind):
    # the modules postpone annotations, so NotRequired is read from the hints themselves
    hints = typing.get_type_hints(kind, include_extras=True)
    required = [key for key, hint in hints.items()
                if typing.get_origin(hint) is not typing.NotRequired]
    problems = [f"unknown key {key}" for key in row if key not in hints]
    problems += [f"missing {key}" for key in required if key not in row]
    problems += [f"{key}: {row[key]!r}" for key, hint in hints.items()
                 if key in row and not conforms(row[key], hint)]
    return problems


def test_the_tables_are_found():
    names = {table for _, table, _ in TABLES}
    assert {"RELEASES", "EDITIONS", "UPDATES", "FORBIDDEN_PRODUCTS", "ROLES", "PACKAGES",
            "SERIES_SPLITS"} <= names


@pytest.mark.parametrize(("module", "table", "kind"), TABLES,
                         ids=[f"{m.rsplit('.', 1)[1]}.{t}" for m, t, _ in TABLES])
def test_every_row_has_its_declared_shape(module, table, kind):
    source = importlib.import_module(module)
    rows, row_type = getattr(source, table), getattr(source, kind)
    assert rows
    for row in rows:
        assert shape_problems(row, row_type) == [], row


def test_the_check_catches_a_bad_row():
    from wsiot.data import lifecycle as data, updates

    good = dict(data.WORKLOADS[0])
    assert shape_problems(good, data.WorkloadRow) == []
    assert shape_problems({**good, "kind": 3}, data.WorkloadRow) == ["kind: 3"]
    assert shape_problems({**good, "extra": 1}, data.WorkloadRow) == ["unknown key extra"]
    without = {k: v for k, v in good.items() if k != "title"}
    assert shape_problems(without, data.WorkloadRow) == ["missing title"]
    release = dict(data.RELEASES[0])
    assert shape_problems({**release, "discrepancies": ({"field": "x"},)}, data.ReleaseRow)
    update = dict(updates.UPDATES[0])
    assert shape_problems({**update, "kb": None}, updates.UpdateRow) == []  # str | None
    assert shape_problems({**update, "kb": 5}, updates.UpdateRow) == ["kb: 5"]
