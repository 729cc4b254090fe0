"""The cited tables hold rows of the shapes they declare (checked here at run time too)."""

import typing

import pytest

from wsiot.data import lifecycle as data

TABLES = [(data.EDITIONS, data.EditionRow), (data.RELEASES, data.ReleaseRow),
          (data.WORKLOADS, data.WorkloadRow), (data.PROHIBITED_APPLICATIONS, data.ApplicationRow),
          (data.CONTAINER_HOSTS, data.ContainerHostRow)]


def conforms(value, kind):
    """Whether ``value`` is of the annotated ``kind`` (the few forms the tables use)."""
    origin = typing.get_origin(kind)
    if typing.is_typeddict(kind):
        return shape_problems(value, kind) == []
    if origin is typing.NotRequired:
        return conforms(value, typing.get_args(kind)[0])
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return isinstance(value, tuple) and all(conforms(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(kind)
        return isinstance(value, dict) and all(conforms(k, key) and conforms(v, item)
                                               for k, v in value.items())
    return type(value) is kind


def shape_problems(row, kind):
    # the module postpones annotations, so NotRequired is read from the hints themselves
    hints = typing.get_type_hints(kind, include_extras=True)
    required = [key for key, hint in hints.items()
                if typing.get_origin(hint) is not typing.NotRequired]
    problems = [f"unknown key {key}" for key in row if key not in hints]
    problems += [f"missing {key}" for key in required if key not in row]
    problems += [f"{key}: {row[key]!r}" for key, hint in hints.items()
                 if key in row and not conforms(row[key], hint)]
    return problems


@pytest.mark.parametrize(("rows", "kind"), TABLES, ids=[k.__name__ for _, k in TABLES])
def test_every_row_has_its_declared_shape(rows, kind):
    assert rows
    for row in rows:
        assert shape_problems(row, kind) == [], row


def test_the_check_catches_a_bad_row():
    good = dict(data.WORKLOADS[0])
    assert shape_problems(good, data.WorkloadRow) == []
    assert shape_problems({**good, "kind": 3}, data.WorkloadRow) == ["kind: 3"]
    assert shape_problems({**good, "extra": 1}, data.WorkloadRow) == ["unknown key extra"]
    without = {k: v for k, v in good.items() if k != "title"}
    assert shape_problems(without, data.WorkloadRow) == ["missing title"]
    release = dict(data.RELEASES[0])
    bad = {**release, "discrepancies": ({"field": "x"},)}
    assert shape_problems(bad, data.ReleaseRow) != []
