"""Device names that appear on more than one row of an inventory.

A fleet audit streams, so it cannot keep every name it has seen: a million names
would take about 100 MB. :class:`RepeatedNames` keeps 8 bytes a row instead, the
hash of the row's device name, and counts the repeats when asked. Given the rows'
names a second time, it names the first few. The counts are exact, but for two
different names with one 64-bit hash, which would count as a repeat: among a
million names that happens about once in 10^7 inventories.

Names held in memory whole (an audit's rows given as a list) need no hashes:
:func:`repeats_in` counts them exactly, at C speed.

Names are compared as they are spelled: ``NAS-01`` and ``nas-01`` are two names
here, though Windows would call them one computer (normalising every name would
double the cost of an audit). A missing, empty, blank or non-text name is no name.

>>> devices = ["nas-01", "pbx-07", "nas-01", "lab", "nas-01", None]
>>> names = RepeatedNames()
>>> for device in devices:
...     names.add(device)
>>> str(names.result())
'1 device name on more than one row (2 rows repeat a name)'
>>> str(names.result(devices))
'1 device name on more than one row (2 rows repeat a name): nas-01 (rows 1, 3, 5)'
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from wsiot.errors import printable

__all__ = ["EXAMPLES", "PARTS", "Repeat", "RepeatedNames", "Repeats", "repeats_in"]

EXAMPLES = 10
"""How many repeated names a result shows; its counts cover all of them."""

PARTS = 64
"""Hashes are kept in this many arrays, by their low bits, so each is counted apart."""

_EMPTY = hash("")  # 0: the empty name is no name

_ROWS_SHOWN = 5  # row numbers shown for each example


@attrs.frozen
class Repeat:
    """One name on more than one row: the ``device`` and the numbers of the rows it is on,
    counted from 1 (the first five)."""

    device: str
    rows: tuple[int, ...]

    def __str__(self) -> str:
        return f"{printable(self.device, 64)} (rows {', '.join(map(str, self.rows))})"


@attrs.frozen
class Repeats:
    """Device names found on more than one row: how many ``names``, how many ``rows`` beyond
    the first of each (the rows a count of devices counts twice), and up to ``EXAMPLES`` of
    them, first repeated first."""

    names: int = 0
    rows: int = 0
    examples: tuple[Repeat, ...] = ()

    def __bool__(self) -> bool:
        return self.names > 0

    def __str__(self) -> str:
        if not self.names:
            return "no device name on more than one row"
        counted = (f"{self.names} device name{'s' if self.names != 1 else ''} on more than "
                   f"one row ({self.rows} row{'s' if self.rows != 1 else ''} repeat{'s' if self.rows == 1 else ''} a name)")
        if not self.examples:
            return counted
        more = self.names - len(self.examples)
        return (f"{counted}: " + "; ".join(map(str, self.examples))
                + (f" and {more} more" if more > 0 else ""))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"names": self.names, "rows": self.rows,
                "examples": [{"device": r.device, "rows": list(r.rows)} for r in self.examples]}


class RepeatedNames:
    """Tallies device names row by row, in 8 bytes a row, and finds those repeated.

    ``parts`` is public so a hot loop can add a str name without a call:
    ``hashed = hash(name); parts[hashed & (PARTS - 1)].append(hashed)`` (a name of spaces
    alone is left out first). The empty name hashes to 0, which is never counted.
    """

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts = [array("q") for _ in range(PARTS)]

    def clear(self) -> None:
        """Forget every name added."""
        for part in self.parts:
            del part[:]

    def add(self, device: object) -> None:
        """Count one row's device name (anything but a str with more than spaces is no name)."""
        if isinstance(device, str) and not device.isspace():
            hashed = hash(device)
            self.parts[hashed & (PARTS - 1)].append(hashed)

    def result(self, devices: Iterable[object] | None = None) -> Repeats:
        """The repeats among the names added so far. ``devices``, the same rows' names again
        in the same order, lets the examples name their device and rows."""
        names = rows = 0
        repeated: dict[int, int] = {}
        for part in self.parts:
            distinct = len(set(part))
            if distinct == len(part):
                continue
            for hashed, count in Counter(part).items():
                if count > 1 and hashed != _EMPTY:
                    names += 1
                    rows += count - 1
                    repeated[hashed] = count
        found = _examples(repeated, devices) if repeated and devices is not None else ()
        return Repeats(names, rows, found)


def repeats_in(devices: Sequence[object]) -> Repeats:
    """The repeats among names held in memory (a list of rows' devices), counted exactly
    at C speed; the answer :class:`RepeatedNames` gives for the same names, without a hash
    left to chance.

    >>> print(repeats_in(["nas-01", "pbx", "nas-01", None, None]))
    1 device name on more than one row (1 row repeats a name): nas-01 (rows 1, 3)
    """
    try:
        if len(set(devices)) == len(devices):  # the common case, told quickest
            return Repeats()
        counts = Counter(devices)
    except TypeError:  # an unhashable value is no name
        counts = Counter(d for d in devices if isinstance(d, str))
    repeated = {name: count for name, count in counts.items()
                if count > 1 and isinstance(name, str) and name and not name.isspace()}
    rows = sum(repeated.values()) - len(repeated)
    by_hash = {hash(name): count for name, count in repeated.items()}
    return Repeats(len(repeated), rows, _examples(by_hash, devices) if repeated else ())


def _examples(repeated: dict[int, int], devices: Iterable[object]) -> tuple[Repeat, ...]:
    """The first repeated names found again in ``devices``; reading stops once they are
    found with all the rows shown."""
    found: dict[int, tuple[str, list[int]]] = {}
    wanted = min(EXAMPLES, len(repeated))
    pending = 0  # rows still to find for the names found so far
    for index, device in enumerate(devices, 1):
        if not (isinstance(device, str) and device):
            continue
        hashed = hash(device)
        count = repeated.get(hashed)
        if count is None:
            continue
        seen = found.get(hashed)
        if seen is None:
            if len(found) < wanted:
                found[hashed] = (device, [index])
                pending += min(count, _ROWS_SHOWN) - 1
        elif seen[0] == device and len(seen[1]) < min(count, _ROWS_SHOWN):
            seen[1].append(index)
            pending -= 1
            if not pending and len(found) == wanted:
                break
    return tuple(Repeat(name, tuple(rows)) for name, rows in found.values() if len(rows) > 1)
