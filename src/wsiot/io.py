"""Files in and out: catalogue files, the endoflife.date record shape, appliance profiles.

The shell around the core: this module reads and writes files; the core
modules never do. Every problem with a file raises :class:`~wsiot.ProfileError`
or :class:`~wsiot.CatalogError` naming the file and the key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from .builds import parse_build
from .catalog import Catalog, Citation, Release, Source, resolve_catalog
from .errors import (
    CatalogError,
    InvalidApplianceError,
    InvalidWorkloadError,
    ProfileError,
    describe,
)
from .files import MAX_FILE_BYTES, StrPath, check_path, read_json, read_toml, write_text
from .licensing import Appliance
from .workloads import Workload

__all__ = [
    "ENDOFLIFE_FIELDS",
    "MAX_FILE_BYTES",
    "catalog_document",
    "dump_catalog",
    "from_endoflife",
    "load_appliance",
    "load_catalog",
    "read_document",
    "to_endoflife",
]



def read_document(path: StrPath) -> Any:
    """The parsed content of a JSON or TOML file (by its suffix), with typed errors.

    Read through the file door (:mod:`wsiot.files`): bounded, regular files
    only, byte-order marks honoured, duplicate JSON keys refused.
    """
    file = check_path(path)
    return read_toml(file) if file.suffix.lower() == ".toml" else read_json(file)


def load_catalog(path: StrPath) -> Catalog:
    """A :class:`~wsiot.Catalog` read from a catalogue JSON file, fully validated.

    The file holds either ``{"version", "as_of", "sources", "editions",
    "releases"}`` as written by :func:`dump_catalog`, or a list of
    endoflife.date records (see :func:`from_endoflife`), applied to the
    embedded catalogue. Every problem is reported, each with its location, in
    one :class:`~wsiot.CatalogError`.
    """
    document = read_document(path)
    if isinstance(document, list):
        try:
            return from_endoflife(document)
        except CatalogError as exc:
            raise CatalogError(f"{path}: {problem}" for problem in exc.problems) from None
    if not isinstance(document, dict):
        raise CatalogError([f"{path}: expected a JSON object or a list of records at the top"])
    unknown = sorted(set(document) - {"version", "as_of", "sources", "editions", "releases"})
    problems = [f"{path}: unknown key {describe(key)}" for key in unknown]
    missing = [key for key in ("sources", "editions", "releases") if key not in document]
    problems += [f"{path}: missing key {describe(key)}" for key in missing]
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


def dump_catalog(catalog: Catalog, path: StrPath, *, shape: str = "wsiot") -> None:
    """Write ``catalog`` as JSON that :func:`load_catalog` reads back.

    ``shape`` is ``"wsiot"`` (everything, with sources) or ``"endoflife"``
    (the endoflife.date records of :func:`to_endoflife`).
    """
    document = catalog_document(catalog, shape)
    write_text(path, json.dumps(document, indent=2) + "\n")


def catalog_document(catalog: Catalog, shape: str = "wsiot") -> Any:
    """``catalog`` as JSON-ready data in ``shape``: ``"wsiot"`` or ``"endoflife"``."""
    if shape not in ("wsiot", "endoflife"):
        raise ProfileError(f"unknown catalogue shape {describe(shape)}; accepted: 'wsiot', 'endoflife'")
    return catalog.to_rows() if shape == "wsiot" else to_endoflife(catalog)


# -- the endoflife.date record shape ---------------------------------------------

ENDOFLIFE_FIELDS = ("cycle", "releaseDate", "support", "eol", "extendedSupport", "latest",
                    "lts", "link")
"""The fields of an endoflife.date release record, in their order."""


def to_endoflife(catalog: Catalog | None = None) -> list[dict[str, Any]]:
    """Every release as an endoflife.date record, newest first.

    ``cycle`` is the release's version, ``releaseDate`` general availability,
    ``support`` the mainstream end, ``eol`` the end of servicing (extended
    support), ``extendedSupport`` the paid ESU end or false, ``latest`` the
    kernel version (wsiot tracks builds, not update revisions), ``lts`` true
    (every release is LTSC) and ``link`` the lifecycle page.

    >>> to_endoflife()[1]
    {'cycle': '2022', 'releaseDate': '2021-08-18', 'support': '2026-10-13', 'eol': '2031-10-14', 'extendedSupport': False, 'latest': '10.0.20348', 'lts': True, 'link': 'https://learn.microsoft.com/lifecycle/products/windows-server-iot-2022'}
    """
    cat = resolve_catalog(catalog)
    return [
        {
            "cycle": r.version,
            "releaseDate": r.released.isoformat(),
            "support": r.mainstream_end.isoformat(),
            "eol": r.servicing_end.isoformat(),
            "extendedSupport": False if r.esu_end is None else r.esu_end.isoformat(),
            "latest": r.kernel_version,
            "lts": True,
            "link": r.link or None,
        }
        for r in cat.releases
    ]


def _eol_day(where: str, record: dict[str, Any], key: str, problems: list[str]) -> date | None:
    value = record.get(key)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{where}.{key}: expected an ISO date string, got {describe(value)}")
    return None


_IMPORTED = Source("endoflife-import", "Imported endoflife.date records", "https://endoflife.date")
_EOL_DATES = ("released", "mainstream_end", "servicing_end", "esu_end")


def _with_imported_dates(
    release: Release, released: date, mainstream: date, servicing: date, esu_end: date | None
) -> Release:
    """``release`` with new dates; each changed date now cites the imported records."""
    new = {"released": released, "mainstream_end": mainstream, "servicing_end": servicing,
           "esu_end": esu_end}
    changed = {field for field, value in new.items() if getattr(release, field) != value}
    citations = [c for c in release.citations if c.field not in changed]
    citations += [Citation(field, (_IMPORTED,)) for field in sorted(changed)]
    return attrs.evolve(release, citations=citations, released=released,
                        mainstream_end=mainstream, servicing_end=servicing, esu_end=esu_end)


def from_endoflife(records: Iterable[Any], *, base: Catalog | None = None) -> Catalog:
    """A catalogue with endoflife.date ``records`` applied to ``base`` (default: the embedded one).

    A record whose ``cycle`` names a release in ``base`` (by version, name or
    slug) replaces that release's dates, each changed date then citing the
    imported records rather than its old source; any other record adds a release named
    "Windows Server IoT CYCLE" whose kernel is ``latest``. ``extendedSupport``
    is read as the paid ESU end (false for none). The result is validated like
    any catalogue; every problem is reported with the record's index.
    """
    cat = resolve_catalog(base)
    if isinstance(records, str | bytes | dict) or not isinstance(records, Iterable):
        raise CatalogError([f"records: expected a list of endoflife.date records, got {describe(records)}"])
    problems: list[str] = []
    releases = {r.name: r for r in cat.releases}
    for index, record in enumerate(records):
        where = f"records[{index}]"
        if not isinstance(record, dict):
            problems.append(f"{where}: expected an object, got {type(record).__name__}")
            continue
        unknown = sorted(set(record) - set(ENDOFLIFE_FIELDS))
        problems += [f"{where}: unknown key {describe(key)}" for key in unknown]
        cycle = record.get("cycle")
        if not isinstance(cycle, str | int) or isinstance(cycle, bool):
            problems.append(f"{where}.cycle: expected a string, got {describe(cycle)}")
            continue
        released = _eol_day(where, record, "releaseDate", problems)
        mainstream = _eol_day(where, record, "support", problems)
        servicing = _eol_day(where, record, "eol", problems)
        esu = record.get("extendedSupport", False)
        esu_end = None if esu in (False, None) else _eol_day(where, record, "extendedSupport", problems)
        if released is None or mainstream is None or servicing is None:
            continue
        if esu not in (False, None) and esu_end is None:
            continue
        try:
            existing: Release | None = cat.release(str(cycle))
        except LookupError:
            existing = None
        if existing is not None:
            releases[existing.name] = _with_imported_dates(
                existing, released, mainstream, servicing, esu_end)
            continue
        try:
            latest: Any = record.get("latest")
            kernel = parse_build(latest).kernel
        except ValueError:
            problems.append(f"{where}.latest: a new cycle needs its kernel version "
                            f"('10.0.NNNNN'), got {describe(record.get('latest'))}")
            continue
        name = f"Windows Server IoT {cycle}"
        releases[name] = Release(
            name=name, version=str(cycle), slug=name.lower().replace(" ", "-"), kernel=kernel,
            released=released, mainstream_end=mainstream, servicing_end=servicing,
            esu_end=esu_end, link=str(record.get("link") or ""),
            citations=[Citation(f, (_IMPORTED,)) for f in _EOL_DATES])
    if problems:
        raise CatalogError(problems)
    return Catalog(tuple(releases.values()), cat.editions, version=f"{cat.version}+endoflife",
                   as_of=cat.as_of)


_TEXT = ((str,), "a string")
_FLAG = ((bool,), "true or false")
_COUNT = ((int,), "a whole number")
_PROFILE_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "name": _TEXT,
    "purpose": _TEXT,
    "industry": _TEXT,
    "dedicated": _FLAG,
    "general_purpose": _FLAG,
    "applications": ((list,), "a list of names or {name, category} tables"),
    "preinstalled": _FLAG,
    "ships_with_hardware": _FLAG,
    "primary_function": _FLAG,
    "edition": _TEXT,
    "release": _TEXT,
    "workload": ((dict,), "a table of workload requirements"),
}
_DECLARED_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "name": _TEXT,
    "category": ((str,), "a forbidden category name or 'allowed'"),
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
            problems.append(f"{where}{key}: expected {expected}, got {describe(table[key])}")
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
    # JSON null means "not known", as a key left out does (Appliance.to_dict writes them)
    document = {key: value for key, value in document.items() if value is not None}
    if isinstance(document.get("workload"), dict):
        document["workload"] = {k: v for k, v in document["workload"].items() if v is not None}
    problems = _typed_keys("", document, _PROFILE_KEYS)
    if "name" not in document:
        problems.append("name: missing (every profile names its appliance)")
    applications = document.get("applications")
    if isinstance(applications, list):
        for index, item in enumerate(applications):
            if isinstance(item, dict):
                problems += _typed_keys(f"applications[{index}].", item, _DECLARED_KEYS)
                problems += [f"applications[{index}].{key}: missing" for key in _DECLARED_KEYS
                             if key not in item]
            elif not isinstance(item, str):
                problems.append(f"applications[{index}]: expected a name or a table "
                                f"{{name, category}}, got {describe(item)}")
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
