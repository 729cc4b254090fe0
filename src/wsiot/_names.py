"""Name matching shared by every lookup: one key form and one "did you mean"."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

_SEPARATORS = re.compile(r"[\s_\-]+")


def name_key(name: str) -> str:
    """The lookup key of a name: case-folded, with runs of spaces, ``-`` and ``_`` as one space.

    >>> name_key("  Storage-Workgroup ")
    'storage workgroup'
    """
    return _SEPARATORS.sub(" ", name.casefold()).strip()


def name_index(entries: Iterable[tuple[T, Iterable[str]]]) -> dict[str, T]:
    """A lookup table from the key of every name of every entry to that entry.

    >>> name_index([("std", ["Standard", "std"]), ("wg", ["Storage-Workgroup"])])
    {'standard': 'std', 'std': 'std', 'storage workgroup': 'wg'}
    """
    return {name_key(name): entry for entry, names in entries for name in names}


def unknown_name_message(
    kind: str, value: object, known: Iterable[str], *, aliases: Iterable[str] = ()
) -> str:
    """One sentence naming a bad value, the closest names, and the known names.

    ``aliases`` are other accepted names: suggested when close, but not listed.
    """
    names = sorted(set(known), key=str.casefold)
    message = f"unknown {kind}: {value!r}"
    if isinstance(value, str):
        keyed = {name_key(name): name for name in (*aliases, *names)}
        close = difflib.get_close_matches(name_key(value), list(keyed), n=3, cutoff=0.6)
        if close:
            message += "; did you mean " + " or ".join(repr(keyed[key]) for key in close) + "?"
    return message + " Known: " + ", ".join(names) + "."
