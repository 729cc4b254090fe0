"""Files in and out: catalogue files (JSON) and appliance profiles (TOML or JSON).

The shell around the core: this module reads and writes files; the core
modules never do. Every problem with a file raises :class:`~wsiot.ProfileError`
or :class:`~wsiot.CatalogError` naming the file and the key.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .errors import CatalogError, InvalidApplianceError, InvalidWorkloadError, ProfileError
from .qualification import Appliance
from .workloads import Workload

__all__ = ["MAX_FILE_BYTES", "dump_catalog", "load_appliance", "load_catalog", "read_document"]

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Files larger than this are refused before they are parsed."""

StrPath = str | os.PathLike[str]


def read_document(path: StrPath) -> Any:
    """The parsed content of a JSON or TOML file (by its suffix), with typed errors."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProfileError(f"{file}: {size} bytes is larger than the {MAX_FILE_BYTES} allowed")
        raw = file.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{file}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
        if file.suffix.lower() == ".toml":
            import tomllib

            return tomllib.loads(text)
        return json.loads(text)
    except UnicodeDecodeError:
        raise ProfileError(f"{file}: not UTF-8 text") from None
    except RecursionError:
        raise ProfileError(f"{file}: nested too deeply") from None
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        raise ProfileError(f"{file}: not valid {_kind(file)}: {exc}") from None


def _kind(file: Path) -> str:
    return "TOML" if file.suffix.lower() == ".toml" else "JSON"


def load_catalog(path: StrPath) -> Catalog:
    """A :class:`~wsiot.Catalog` read from a catalogue JSON file, fully validated.

    The file holds ``{"version", "as_of", "sources", "editions", "releases"}``
    as written by :func:`dump_catalog`. Every problem is reported, each with
    its location, in one :class:`~wsiot.CatalogError`.
    """
    document = read_document(path)
    if not isinstance(document, dict):
        raise CatalogError([f"{path}: expected a JSON object at the top"])
    unknown = sorted(set(document) - {"version", "as_of", "sources", "editions", "releases"})
    problems = [f"{path}: unknown key {key!r}" for key in unknown]
    missing = [key for key in ("sources", "editions", "releases") if key not in document]
    problems += [f"{path}: missing key {key!r}" for key in missing]
    if problems:
        raise CatalogError(problems)
    try:
        return Catalog.from_rows(
            document["releases"],
            document["editions"],
            document["sources"],
            version=document.get("version", "custom"),
            as_of=document.get("as_of"),
        )
    except CatalogError as exc:
        raise CatalogError(f"{path}: {problem}" for problem in exc.problems) from None


def dump_catalog(catalog: Catalog, path: StrPath) -> None:
    """Write ``catalog`` as a catalogue JSON file that :func:`load_catalog` reads back."""
    Path(path).write_text(json.dumps(catalog.to_rows(), indent=2) + "\n", encoding="utf-8")


_TEXT = ((str,), "a string")
_FLAG = ((bool,), "true or false")
_COUNT = ((int,), "a whole number")
_PROFILE_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "name": _TEXT,
    "purpose": _TEXT,
    "industry": _TEXT,
    "dedicated": _FLAG,
    "general_purpose": _FLAG,
    "applications": ((list,), "a list of strings"),
    "preinstalled": _FLAG,
    "ships_with_hardware": _FLAG,
    "primary_function": _FLAG,
    "edition": _TEXT,
    "release": _TEXT,
    "workload": ((dict,), "a table of workload requirements"),
}
_WORKLOAD_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "scenario": _TEXT,
    "users": _COUNT,
    "devices": _COUNT,
    "virtual_machines": ((int, str), "a whole number or 'unlimited'"),
    "active_directory": _FLAG,
    "network_services": _FLAG,
    "peripherals": _FLAG,
    "release": _TEXT,
    "edition": _TEXT,
}


def _typed_keys(
    where: str, table: dict[str, Any], spec: dict[str, tuple[tuple[type, ...], str]]
) -> list[str]:
    problems = []
    for key in sorted(set(table) - set(spec)):
        problems.append(f"{where}{key}: unknown key (known: {', '.join(spec)})")
    for key, (types, expected) in spec.items():
        if key in table and (type(table[key]) not in types):
            problems.append(f"{where}{key}: expected {expected}, got {table[key]!r}")
    return problems


def load_appliance(path: StrPath) -> Appliance:
    """An :class:`~wsiot.Appliance` read from a TOML or JSON profile.

    Keys are the Appliance's fields; ``workload`` is a table with ``scenario``
    and the requirements of :class:`~wsiot.Workload`. Every problem (missing
    ``name``, a wrong type, an unknown key) is reported in one
    :class:`~wsiot.ProfileError` naming the file and the key. A fact left out
    is unknown, never assumed.
    """
    document = read_document(path)
    if not isinstance(document, dict):
        raise ProfileError(f"{path}: expected a table of appliance facts at the top")
    problems = _typed_keys("", document, _PROFILE_KEYS)
    if "name" not in document:
        problems.append("name: missing (every profile names its appliance)")
    applications = document.get("applications")
    if isinstance(applications, list) and not all(isinstance(a, str) for a in applications):
        problems.append(f"applications: expected a list of strings, got {applications!r}")
    table = document.get("workload")
    if isinstance(table, dict):
        problems += _typed_keys("workload.", table, _WORKLOAD_KEYS)
        if "scenario" not in table:
            problems.append("workload.scenario: missing (a workload name such as 'nas')")
    if problems:
        raise ProfileError(f"{path}: invalid profile:\n" + "\n".join(f"  - {p}" for p in problems))
    fields = dict(document)
    try:
        if isinstance(table, dict):
            fields["workload"] = Workload(**table)
        return Appliance(**fields)
    except (InvalidApplianceError, InvalidWorkloadError) as exc:
        where = f"workload.{exc.field}" if isinstance(exc, InvalidWorkloadError) else exc.field
        raise ProfileError(f"{path}: invalid profile:\n  - {where}: {exc}") from None
    except LookupError as exc:  # an unknown scenario name
        raise ProfileError(f"{path}: invalid profile:\n  - workload.scenario: {exc}") from None
