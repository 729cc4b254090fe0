"""Validators shared by every reader of plain rows: catalogue and update files, profiles.

A :class:`RowReader` reads typed fields from one mapping; each bad field adds a
problem naming its place (``releases[1].servicing_end``) and returns a stand-in,
so one run reports every problem.

>>> problems = []
>>> row = RowReader("releases[0]", {"name": 7}, frozenset({"name"}), problems)
>>> row.text("name"), problems
('', ['releases[0].name: expected a string, got 7'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeAlias, TypeVar

import attrs

from wsiot.errors import InvalidArgumentError, describe

__all__ = ["MISSING", "RowReader", "Validator", "flag", "instance", "listed", "whole_number",
           "with_article", "wrong_argument"]

Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""An attrs field validator: called with the instance, the field and the value; raises on a
bad value."""

_T = TypeVar("_T")

MISSING = object()
"""Stands for a key a row does not have."""

_DIGITS = re.compile(r"\s*([0-9]{1,18})\s*")  # ASCII digits only: "²" and "٣" are no numbers


def with_article(noun: str) -> str:
    """``noun`` with its indefinite article, as messages name a kind.

    >>> with_article("Release"), with_article("Edition")
    ('a Release', 'an Edition')
    """
    return ("an " if noun[:1].casefold() in ("a", "e", "i", "o", "u") else "a ") + noun


def wrong_argument(name: str, expected: str, value: object) -> InvalidArgumentError:
    """The one error for an argument of the wrong kind: it names the argument, what is
    accepted and what came.

    >>> str(wrong_argument("day", "a datetime.date", "2030-01-01"))
    "day: expected a datetime.date, got '2030-01-01'"
    """
    return InvalidArgumentError(f"{name}: expected {expected}, got {describe(value)}")


def instance(value: object, kind: type[_T], name: str, expected: str) -> _T:
    """``value`` when it is a ``kind``; anything else is :func:`wrong_argument`.

    >>> instance("text", str, "page", "the page as text")
    'text'
    """
    if not isinstance(value, kind):
        raise wrong_argument(name, expected, value)
    return value


def flag(value: object, name: str) -> bool:
    """``value`` when it is True or False; anything else (1, "yes", a numpy array) is an
    :class:`~wsiot.InvalidArgumentError` naming ``name``.

    >>> flag(True, "include_esu")
    True
    """
    if type(value) is not bool:
        raise wrong_argument(name, "True or False", value)
    return value


def whole_number(value: object, *, low: int = 0, high: int | None = None,
                 text: bool = False) -> int | None:
    """``value`` as an int when it is a whole number from ``low`` to ``high``; None otherwise.

    An int counts (a bool does not), and so does a float that holds a whole number
    (a number column with a blank cell is float). With ``text``, a string of ASCII
    digits counts too (at most 18 of them, so no digit limit is ever reached).
    Every reader of counts (rows, profiles, workloads, command-line options) asks here.

    >>> whole_number(30), whole_number(True), whole_number(-1), whole_number(2.0)
    (30, None, None, 2)
    >>> whole_number("²", text=True), whole_number(" 183 ", text=True)
    (None, 183)
    """
    number: int | None = None
    if type(value) is int:
        number = value
    elif type(value) is float and value.is_integer() and abs(value) < 2**53:
        number = int(value)
    elif text and isinstance(value, str):
        found = _DIGITS.fullmatch(value)
        number = None if found is None else int(found.group(1))
    if number is None or number < low or (high is not None and number > high):
        return None
    return number


class RowReader:
    """Typed reads from one mapping; each bad read adds a problem and returns a stand-in."""

    def __init__(self, where: str, row: object, allowed: frozenset[str], problems: list[str]):
        self.where = where
        self.problems = problems
        if not isinstance(row, Mapping):
            problems.append(f"{where}: expected an object, got {type(row).__name__}")
            row = {}
        self.row: Mapping[str, Any] = row
        for key in sorted(set(row) - allowed, key=str):
            problems.append(f"{where}: unknown key {describe(key)} (allowed: {', '.join(sorted(allowed))})")

    def _fail(self, key: str, expected: str, value: object) -> None:
        shown = "missing" if value is MISSING else f"got {describe(value)}"
        self.problems.append(f"{self.where}.{key}: expected {expected}, {shown}")

    def text(self, key: str, default: object = MISSING) -> str:
        value = self.row.get(key, default)
        if not isinstance(value, str):
            self._fail(key, "a string", value)
            return ""
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.row.get(key)
        return None if value is None else self.text(key)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.row.get(key, ())
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self._fail(key, "a list of strings", value)
            return ()
        return tuple(value)

    def day(self, key: str) -> date:
        value = self.row.get(key, MISSING)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self._fail(key, "an ISO date string (YYYY-MM-DD)", value)
        return date.min

    def optional_day(self, key: str) -> date | None:
        return None if self.row.get(key) is None else self.day(key)

    def limit(self, key: str) -> int | None:
        value = self.row.get(key)
        if value is None:
            return None
        number = whole_number(value) if type(value) is int else None
        if number is None:
            self._fail(key, "a whole number >= 0 or null", value)
        return number

    def flag(self, key: str, default: bool) -> bool:
        value = self.row.get(key, default)
        if type(value) is not bool:
            self._fail(key, "true or false", value)
            return default
        return value


def listed(name: str, rows: object, problems: list[str]) -> tuple[object, ...]:
    """``rows`` as a tuple when it is a list; otherwise a problem and no rows."""
    if isinstance(rows, list | tuple):
        return tuple(rows)
    problems.append(f"{name}: expected a list, got {type(rows).__name__}")
    return ()
