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

from wsiot.errors import (
    CatalogError,
    InvalidApplianceError,
    InvalidWorkloadError,
    ProfileError,
    UpdateDataError,
    describe,
    printable,
)
from wsiot.io.files import MAX_FILE_BYTES, StrPath, check_path, read_json, read_toml, write_text
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Discrepancy, Release, Source
from wsiot.model.updates import UpdateHistory
from wsiot.model.workloads import Workload
from wsiot.rules.qualification import Appliance
from wsiot.values.validators import instance

__all__ = [
    "ENDOFLIFE_FIELDS",
    "MAX_FILE_BYTES",
    "EndoflifeComparison",
    "EndoflifeDifference",
    "catalog_document",
    "compare_endoflife",
    "dump_catalog",
    "dump_updates",
    "from_endoflife",
    "load_appliance",
    "load_catalog",
    "load_updates",
    "read_document",
    "to_endoflife",
]



def read_document(path: StrPath) -> Any:
    """The parsed content of a JSON or TOML file (by its suffix), with typed errors.

    Read through the file door (:mod:`wsiot.io.files`): bounded, regular files
    only, byte-order marks honoured, duplicate JSON keys refused.
    """
    file = check_path(path)
    return read_toml(file) if file.suffix.lower() == ".toml" else read_json(file)


def load_catalog(path: StrPath) -> Catalog:
    """A :class:`~wsiot.Catalog` read from a catalogue JSON file, fully validated.

    The file holds either ``{"version", "as_of", "sources", "editions",
    "releases"}`` as written by :func:`dump_catalog`, or endoflife.date
    records (a v0 list or a v1 response), compared with the embedded catalogue
    by :func:`from_endoflife`: their differing dates become discrepancies. Every problem is reported, each with its location, in
    one :class:`~wsiot.CatalogError`.
    """
    document = read_document(path)
    if isinstance(document, list) or (isinstance(document, dict) and "result" in document):
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
    instance(catalog, Catalog, "catalog", "a wsiot.Catalog")
    return catalog.to_rows() if shape == "wsiot" else to_endoflife(catalog)


def load_updates(path: StrPath) -> UpdateHistory:
    """Update data read from a JSON file, fully validated: the shape ``wsiot updates export``
    and :func:`dump_updates` write.

    Pass the result as ``updates=`` to any patch-level function to use update
    data newer than the embedded one, without a new wsiot release. Every
    problem is reported, each with its location, in one
    :class:`~wsiot.UpdateDataError`.
    """
    document = read_document(path)
    try:
        return UpdateHistory.from_rows(document)
    except UpdateDataError as exc:
        raise UpdateDataError(f"{path}: {problem}" for problem in exc.problems) from None


def dump_updates(data: UpdateHistory, path: StrPath) -> None:
    """Write update data as JSON that :func:`load_updates` reads back."""
    write_text(path, json.dumps(data.to_rows(), indent=2) + "\n")


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


# endoflife.date's own keys: v0 (the classic API) and v1 (api/v1), as its API documentation
# and generators describe them; keys outside these are passed through by v0 and ignored here
_V0_DATES = {"releaseDate": "released", "support": "mainstream_end", "eol": "servicing_end",
             "extendedSupport": "esu_end"}
_V1_DATES = {"releaseDate": "released", "eoasFrom": "mainstream_end", "eolFrom": "servicing_end",
             "eoesFrom": "esu_end"}
_FIELD_WORDS = {"released": "general availability", "mainstream_end": "mainstream end",
                "servicing_end": "end of servicing", "esu_end": "paid ESU end"}


@attrs.frozen
class EndoflifeDifference:
    """A date an endoflife.date record gives that differs from the catalogue's."""

    release: str
    field: str
    ours: date | None
    theirs: date
    cycle: str
    label: str

    def __str__(self) -> str:
        ours = "none" if self.ours is None else self.ours.isoformat()
        return (f"{self.release}: {_FIELD_WORDS[self.field]} {ours}; endoflife.date's "
                f"{self.label} record gives {self.theirs.isoformat()}")


@attrs.frozen
class EndoflifeComparison:
    """How endoflife.date records compare with a catalogue.

    ``differences`` lists every date that differs; ``unmatched`` the cycles
    that match no release (endoflife.date tracks general-purpose Windows
    Server, whose Semi-Annual and Annual Channel cycles have no IoT release).
    """

    differences: tuple[EndoflifeDifference, ...]
    matched: tuple[str, ...]
    unmatched: tuple[str, ...]

    def __str__(self) -> str:
        lines = [f"{len(self.matched)} cycle(s) matched, {len(self.differences)} difference(s)"]
        lines += [f"  - {d}" for d in self.differences]
        if self.unmatched:
            lines.append(f"  no IoT release for: {', '.join(self.unmatched)}")
        return "\n".join(lines)


@attrs.frozen
class _Record:
    cycle: str
    label: str
    dates: dict[str, date]


def _records_of(document: Any) -> list[Any]:
    """The release records in any shape endoflife.date serves (v0 list, v1 envelope)."""
    if isinstance(document, dict) and "result" in document:
        result = document["result"]
        if isinstance(result, dict) and isinstance(result.get("releases"), list):
            return list(result["releases"])
        return [result]
    if isinstance(document, str | bytes | dict) or not isinstance(document, Iterable):
        raise CatalogError([f"records: expected a list of endoflife.date records or an API "
                            f"v1 response, got {describe(document)}"])
    return list(document)


def _label(cycle: str, raw: object) -> str:
    """The product label of a cycle: "Windows Server 2012 R2" for "2012-r2"."""
    if isinstance(raw, str) and raw and "__" not in raw:
        return raw.removesuffix(" (LTSC)").strip()
    words = [w.upper() if not w.isdigit() and len(w) <= 3 else w for w in cycle.split("-")]
    return "Windows Server " + " ".join(words)


def _read_record(where: str, record: object, problems: list[str]) -> _Record | None:
    if not isinstance(record, dict):
        problems.append(f"{where}: expected an object, got {type(record).__name__}")
        return None
    v1 = "cycle" not in record and "name" in record
    cycle = record.get("name" if v1 else "cycle")
    if not isinstance(cycle, str | int) or isinstance(cycle, bool):
        problems.append(f"{where}.{'name' if v1 else 'cycle'}: expected a string, "
                        f"got {describe(cycle)}")
        return None
    dates: dict[str, date] = {}
    for key, field in (_V1_DATES if v1 else _V0_DATES).items():
        value = record.get(key)
        if value is None or isinstance(value, bool):  # no date: unknown, or a yes/no flag
            continue
        try:
            if not isinstance(value, str):
                raise ValueError
            dates[field] = date.fromisoformat(value)
        except ValueError:
            problems.append(f"{where}.{key}: expected an ISO date string or true/false, "
                            f"got {describe(value)}")
    label = _label(str(cycle), record.get("label" if v1 else "releaseLabel"))
    return _Record(str(cycle), label, dates)


def compare_endoflife(records: Any, *, catalog: Catalog | None = None) -> EndoflifeComparison:
    """Compare endoflife.date records with ``catalog`` (default: the embedded one).

    ``records`` is what endoflife.date serves: a list of v0 records
    (``cycle``, ``releaseDate``, ``support``, ``eol``, ``extendedSupport``,
    ``latest``, ``releaseLabel``, ...) or a v1 response (``result`` holding a
    release or a product with ``releases``; ``name``, ``releaseDate``,
    ``eoasFrom``, ``eolFrom``, ``eoesFrom``, ...). A cycle matches the releases
    it names (version, name or slug) and those whose general-purpose twin it
    is ("2019" is the twin of IoT 2019 and IoT 2019 for Storage). A yes/no
    flag where a date may stand is no date, and is not compared.

    >>> record = {"cycle": "2019", "releaseDate": "2018-11-13", "support": "2024-01-09",
    ...           "eol": "2029-01-09", "extendedSupport": False}
    >>> print(compare_endoflife([record]).differences[0])
    Windows Server IoT 2019: general availability 2019-03-04; endoflife.date's Windows Server 2019 record gives 2018-11-13
    """
    cat = resolve_catalog(catalog)
    problems: list[str] = []
    differences: list[EndoflifeDifference] = []
    matched: list[str] = []
    unmatched: list[str] = []
    given: dict[tuple[str, str], tuple[int, date]] = {}  # (cycle, field) -> first record, date
    for index, raw in enumerate(_records_of(records)):
        record = _read_record(f"records[{index}]", raw, problems)
        if record is None:
            continue
        for field, theirs in record.dates.items():
            first = given.setdefault((record.cycle.casefold(), field), (index, theirs))
            if first[1] != theirs:
                problems.append(
                    f"records[{first[0]}] and records[{index}] give cycle "
                    f"{printable(record.cycle)} different {field} dates ({first[1]} and {theirs})")
        try:
            named: list[Release] = [cat.release(record.cycle)]
        except LookupError:
            named = []
        twins = [r for r in cat.releases if r.equivalent_to == record.label and r not in named]
        if not named and not twins:
            unmatched.append(record.cycle)
            continue
        matched.append(record.cycle)
        for rel in (*named, *twins):
            for field, theirs in record.dates.items():
                ours = getattr(rel, field)
                if ours != theirs:
                    differences.append(EndoflifeDifference(
                        rel.name, field, ours, theirs, record.cycle, record.label))
    if problems:
        raise CatalogError(problems)
    return EndoflifeComparison(tuple(differences), tuple(matched), tuple(unmatched))


_IMPORTED = Source("endoflife-import", "Imported endoflife.date records", "https://endoflife.date")


def from_endoflife(records: Any, *, base: Catalog | None = None) -> Catalog:
    """``base`` (default: the embedded catalogue) with endoflife.date ``records`` compared in.

    endoflife.date tracks general-purpose Windows Server, not Windows Server
    IoT, so its records never change a release's dates: each date that
    differs is added to that release's ``discrepancies``, citing the import
    (see :func:`compare_endoflife` for the shapes read and how cycles match).
    To change a date, edit a catalogue file in wsiot's own shape.

    >>> record = {"cycle": "2019", "releaseDate": "2018-11-13", "support": "2024-01-09",
    ...           "eol": "2029-01-09", "extendedSupport": False}
    >>> cat = from_endoflife([record])
    >>> cat.release("2019").released.isoformat()
    '2019-03-04'
    >>> [(d.field, d.value) for d in cat.release("2019").discrepancies]
    [('released', '2018-11-13')]
    """
    cat = resolve_catalog(base)
    found: dict[str, list[EndoflifeDifference]] = {}
    for difference in compare_endoflife(records, catalog=cat).differences:
        found.setdefault(difference.release, []).append(difference)
    releases = tuple(
        attrs.evolve(r, discrepancies=(*r.discrepancies, *(
            Discrepancy(d.field, d.theirs.isoformat(), _IMPORTED,
                        f"endoflife.date's {d.label} record; wsiot keeps the release's own date")
            for d in found[r.name])))
        if r.name in found else r
        for r in cat.releases
    )
    return Catalog(releases, cat.editions, version=f"{cat.version}+endoflife", as_of=cat.as_of)


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
    "roles": ((list,), "a list of role and feature names"),
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
        problems.append(f"{where}{printable(key, 64)}: unknown key (known: {', '.join(spec)})")
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
