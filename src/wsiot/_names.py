"""Name matching shared by every lookup: one key form and one "did you mean"."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s_\-]+")


def name_key(name: str) -> str:
    """The lookup key of a name: case-folded, with runs of spaces, ``-`` and ``_`` as one space.

    >>> name_key("  Storage-Workgroup ")
    'storage workgroup'
    """
    return _SEPARATORS.sub(" ", name.casefold()).strip()


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
