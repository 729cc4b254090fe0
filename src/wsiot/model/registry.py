"""The registry as Windows writes it to text: ``reg export`` files and ``reg query`` output.

Both give the values of one key; :func:`registry_values` reads the first key's values into
the mapping :meth:`SystemFacts.from_registry <wsiot.SystemFacts.from_registry>` reads.
Strings stay strings and DWORDs become ints, as ``Get-ItemProperty`` gives them.

>>> text = '''Windows Registry Editor Version 5.00
...
... [HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\Windows NT\\\\CurrentVersion]
... "CurrentBuild"="20348"
... "UBR"=dword:00000ace
... "EditionID"="ServerStandard"
... '''
>>> registry_values(text)
{'CurrentBuild': '20348', 'UBR': 2766, 'EditionID': 'ServerStandard'}
"""

from __future__ import annotations

import re

from wsiot.errors import InvalidSystemFactsError

__all__ = ["REGISTRY_FORMS", "is_registry_text", "registry_values"]

REGISTRY_FORMS = ("a reg export file (Windows Registry Editor Version 5.00 or REGEDIT4)",
                  "reg query output")
"""The registry texts :func:`registry_values` reads."""

_EXPORT_HEADERS = ("windows registry editor version 5.00", "regedit4")
_QUERY_VALUE = re.compile(r"^ {4}(\S(?:.*?\S)?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$")
_EXPORT_VALUE = re.compile(r'^"((?:[^"\\]|\\.)*)"=(.*)$')
_MAX_VALUES = 4096  # a key's values; more is no CurrentVersion key


def is_registry_text(text: str) -> bool:
    """Whether ``text`` is a reg export file or reg query output."""
    first = text.lstrip("\ufeff").lstrip().split("\n", 1)[0].strip().casefold()
    return first in _EXPORT_HEADERS or first.startswith(("hkey_local_machine\\", "hklm\\"))


def registry_values(text: str) -> dict[str, object]:
    """The values of the first key in a reg export file or reg query output."""
    lines = text.lstrip("\ufeff").splitlines()
    head = next((line.strip().casefold() for line in lines if line.strip()), "")
    values = _export(lines) if head in _EXPORT_HEADERS else _query(lines)
    if not values:
        raise InvalidSystemFactsError(
            "invalid system facts: no registry values found; expected "
            f"{' or '.join(REGISTRY_FORMS)} of HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion")
    return values


def _export(lines: list[str]) -> dict[str, object]:
    values: dict[str, object] = {}
    keys = 0
    pending = ""
    for raw in lines:
        line = pending + raw.strip()
        if line.endswith("\\") and not line.endswith('\\"'):  # a hex value goes on
            pending = line[:-1]
            continue
        pending = ""
        if line.startswith("["):
            keys += 1
            if keys > 1:
                break
            continue
        match = _EXPORT_VALUE.match(line)
        if keys == 1 and match and len(values) < _MAX_VALUES:
            name, data = match.groups()
            values[_unescape(name)] = _export_data(data)
    return values


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _export_data(data: str) -> object:
    if data.startswith('"') and data.endswith('"'):
        return _unescape(data[1:-1])
    if data.casefold().startswith("dword:"):
        digits = data[6:]
        if re.fullmatch(r"[0-9a-fA-F]{1,8}", digits):
            return int(digits, 16)
    return data  # hex(...) and other kinds: kept as written, read by no fact


def _query(lines: list[str]) -> dict[str, object]:
    values: dict[str, object] = {}
    keys = 0
    for line in lines:
        if not line.strip():
            continue
        if not line.startswith(" "):
            keys += 1
            if keys > 1:
                break
            continue
        match = _QUERY_VALUE.match(line.rstrip())
        if keys == 1 and match and len(values) < _MAX_VALUES:
            name, kind, data = match.groups()
            values[name] = _query_data(kind, data or "")
    return values


def _query_data(kind: str, data: str) -> object:
    if kind == "REG_DWORD" and re.fullmatch(r"0x[0-9a-fA-F]{1,8}", data):
        return int(data, 16)
    return data
