"""Name matching shared by every lookup: one key form and one "did you mean"."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TypeVar

from wsiot.errors import describe

__all__ = [
    "MAX_NAME",
    "closest_names",
    "name_index",
    "name_key",
    "unknown_name_message",
]

_T = TypeVar("_T")

MAX_NAME = 128
"""Names longer than this match nothing and get no suggestion: refused at once."""

_SEPARATORS = re.compile(r"[\s_\-]+")
_TOO_LONG = "\x00too long"  # a key no name can have
# words that say nothing about which release, edition or workload is meant
_FILLER = frozenset({"windows", "server", "iot", "microsoft", "ms", "the", "edition", "system",
                     "systems", "for", "a", "an", "of", "workload", "appliance", "solution"})


def name_key(name: str) -> str:
    """The lookup key of a name: case-folded, with runs of spaces, ``-`` and ``_`` as one space.

    A name longer than ``MAX_NAME`` gets a key no entry has, in constant time.

    >>> name_key("  Storage-Workgroup ")
    'storage workgroup'
    """
    if len(name) > MAX_NAME:
        return _TOO_LONG
    return _SEPARATORS.sub(" ", name.casefold()).strip()


def name_index(entries: Iterable[tuple[_T, Iterable[str]]]) -> dict[str, _T]:
    """A lookup table from the key of every name of every entry to that entry.

    >>> name_index([("std", ["Standard", "std"]), ("wg", ["Storage-Workgroup"])])
    {'standard': 'std', 'std': 'std', 'storage workgroup': 'wg'}
    """
    return {name_key(name): entry for entry, names in entries for name in names}


def _words(key: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+|[0-9]+", key)) - _FILLER


def closest_names(value: str, names: Iterable[str]) -> list[str]:
    """The names a person most likely meant by ``value``, best first (at most three).

    A name that holds every telling word of ``value`` comes first ("2016" finds
    "Storage 2016"); then one whose telling words all appear in ``value``
    ("server 2022" finds "2022", "IVR system" finds "ivr"); then spelling
    neighbours.

    >>> closest_names("2016", ["2019", "Storage 2016", "2022"])
    ['Storage 2016']
    >>> closest_names("Server 2022", ["Storage 2012 R2", "2022"])
    ['2022']
    """
    if len(value) > MAX_NAME:
        return []
    keyed = {name_key(name): name for name in names}
    wanted = _words(name_key(value))
    if wanted:
        holding = [key for key in keyed if wanted <= _words(key)]
        if holding:
            return [keyed[key] for key in sorted(holding, key=len)[:3]]
        inside = [key for key in keyed if _words(key) and _words(key) <= wanted]
        if inside:
            return [keyed[key] for key in sorted(inside, key=len, reverse=True)[:3]]
    close = difflib.get_close_matches(name_key(value), list(keyed), n=3, cutoff=0.6)
    return [keyed[key] for key in close]


def unknown_name_message(
    kind: str, value: object, known: Iterable[str], *, aliases: Iterable[str] = ()
) -> str:
    """One sentence naming a bad value, the closest names, and the known names.

    ``aliases`` are other accepted names: suggested when close, but not listed.

    >>> unknown_name_message("workload", "IVR system", ["nas", "telecommunications"],
    ...                      aliases=["ivr"])
    "unknown workload: 'IVR system'; did you mean 'ivr'? Known: nas, telecommunications."
    >>> unknown_name_message("edition", "Gold", ["Standard"])
    "unknown edition: 'Gold'. Known: Standard."
    """
    names = sorted(set(known), key=str.casefold)
    message = f"unknown {kind}: {describe(value)}"
    close = closest_names(value, (*aliases, *names)) if isinstance(value, str) else []
    if close:
        message += "; did you mean " + " or ".join(repr(name) for name in close) + "?"
    else:
        message += "."
    return message + " Known: " + ", ".join(names) + "."
