"""Inventory columns: which column of an export is the device, its build and its product.

Fleet owners export inventories from their management tools; wsiot reads
those exports unrenamed. :func:`recognise_columns` maps a header to the
fields an audit reads, trying the export shapes in ``EXPORT_SHAPES`` (each
with the page that documents its columns), then wsiot's own names
(``device,build[,date]``), and a mapping the caller gives wins over both.

>>> from wsiot.io.inventory import recognise_columns
>>> found = recognise_columns(["Device ID", "Device Name", "OS Platform", "OS Build"])
>>> found.shape, found.device, found.build, found.product
('Defender for Endpoint device inventory', 'Device Name', 'OS Build', 'OS Platform')
>>> recognise_columns(["host", "ver"], columns="device=host,build=ver").build
'ver'

The audit day is never read from an export: "last check-in" and "last seen"
say when a device reported, not the day to audit on (give ``on=``, or name
a date column with ``date=``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from wsiot.errors import FleetError, describe

__all__ = [
    "COLUMN_FIELDS",
    "EXPORT_SHAPES",
    "OWN_COLUMNS",
    "ColumnMap",
    "ExportShape",
    "parse_columns",
    "recognise_columns",
]

COLUMN_FIELDS = ("device", "build", "date", "product")
"""The fields an audit reads from an inventory; ``product`` is the OS name or platform that
tells a server from a client."""

OWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "device": ("device", "device_id", "id", "name", "hostname"),
    "build": ("build", "version", "os_version", "os_build"),
    "date": ("date", "on", "day"),
    "product": ("os_name", "os", "caption", "product_name", "operating_system"),
}
"""wsiot's own column names for each field (case and surrounding spaces ignored)."""


@attrs.frozen(kw_only=True)
class ExportShape:
    """The columns one management tool's export gives each field, and where they are documented.

    Each field lists the header names that tool uses, best first; ``device``
    and ``build`` must both be present for a header to have this shape.
    """

    name: str
    device: tuple[str, ...]
    build: tuple[str, ...]
    product: tuple[str, ...] = ()
    source: str = ""


EXPORT_SHAPES: tuple[ExportShape, ...] = (
    ExportShape(
        name="Defender for Endpoint device inventory",
        device=("Device Name", "DeviceName", "computerDnsName"),
        build=("OS Build", "OSBuild", "osBuild"),
        product=("OS Platform", "OSPlatform", "osPlatform"),
        source="https://learn.microsoft.com/defender-endpoint/machines-view-overview",
    ),
    ExportShape(
        name="Intune device export",
        device=("Device name", "DeviceName"),
        build=("OS version", "OSVersion"),
        source="https://learn.microsoft.com/mem/intune/fundamentals/reports-export-graph-apis",
    ),
    ExportShape(
        name="Configuration Manager",
        device=("Name0", "Netbios_Name0", "Name"),
        build=("BuildExt", "Build01", "Version0", "BuildNumber0"),
        product=("Caption0", "Operating_System_Name_and0"),
        source="https://learn.microsoft.com/mem/configmgr/develop/core/understand/sqlviews/"
               "hardware-inventory-views-configuration-manager",
    ),
    ExportShape(
        name="Azure Resource Graph (Arc machines)",
        device=("name", "properties.displayName", "displayName"),
        build=("properties.osVersion", "osVersion"),
        product=("properties.osSku", "osSku"),
        source="https://learn.microsoft.com/azure/azure-arc/servers/resource-graph-samples",
    ),
)
"""The export shapes wsiot recognises, in the order they are tried (Defender's export also
has an "OS Version" column, so it is tried before Intune's)."""


@attrs.frozen(kw_only=True)
class ColumnMap:
    """The column each field is read from (None where the inventory has none)."""

    build: str
    device: str | None = None
    date: str | None = None
    product: str | None = None
    shape: str = "wsiot columns"

    def option(self) -> str:
        """The ``--columns`` value that names these columns.

        >>> ColumnMap(build="OS version", device="Device name").option()
        'device=Device name,build=OS version'
        """
        return ",".join(f"{field}={getattr(self, field)}" for field in COLUMN_FIELDS
                        if getattr(self, field) is not None)


def parse_columns(text: str) -> dict[str, str]:
    """``"device=Device name,build=OS version"`` as a mapping of field to column.

    >>> parse_columns("build=OSVersion, device = DeviceName")
    {'build': 'OSVersion', 'device': 'DeviceName'}
    """
    if not isinstance(text, str):
        raise FleetError(f"columns: expected text such as 'device=Name,build=OS version', "
                         f"got {describe(text)}")
    found: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        field, sep, column = part.partition("=")
        field, column = field.strip().casefold(), column.strip()
        if not sep or not column:
            raise FleetError(f"columns: {describe(part.strip())} is not FIELD=COLUMN; fields: "
                             f"{', '.join(COLUMN_FIELDS)}")
        if field not in COLUMN_FIELDS:
            raise FleetError(f"columns: unknown field {describe(field)}; fields: "
                             f"{', '.join(COLUMN_FIELDS)}")
        if field in found:
            raise FleetError(f"columns: {field} is given twice")
        found[field] = column
    return found


def _folded(header: Iterable[Any]) -> dict[str, str]:
    """Each header name by its folded form (case and surrounding spaces ignored); first wins."""
    names: dict[str, str] = {}
    for name in header:
        if isinstance(name, str):
            names.setdefault(name.strip().casefold(), name)
    return names


def _first(names: Mapping[str, str], wanted: Sequence[str]) -> str | None:
    return next((names[w.casefold()] for w in wanted if w.casefold() in names), None)


def recognise_columns(
    header: Sequence[Any], columns: Mapping[str, str] | str | None = None
) -> ColumnMap:
    """The :class:`ColumnMap` of an inventory with ``header``.

    ``columns`` (a mapping, or ``"device=...,build=..."`` text) names columns
    explicitly and wins; fields it leaves out are recognised. Raises
    :class:`~wsiot.FleetError` listing the columns found and a ``--columns``
    that would map them when no build column can be found, or when a named
    column is not in the header.

    >>> recognise_columns(["NAME", "Serial"])
    Traceback (most recent call last):
      ...
    wsiot.errors.FleetError: no build column among the columns found: 'NAME', 'Serial'; name them, e.g. --columns device=NAME,build=COLUMN (fields: device, build, date, product)
    """
    given = parse_columns(columns) if isinstance(columns, str) else dict(columns or {})
    unknown = sorted(set(given) - set(COLUMN_FIELDS))
    if unknown:
        raise FleetError(f"columns: unknown field(s) {', '.join(map(repr, unknown))}; fields: "
                         f"{', '.join(COLUMN_FIELDS)}")
    names = _folded(header)
    chosen: dict[str, str | None] = {}
    for field, column in given.items():
        found = names.get(str(column).strip().casefold())
        if found is None:
            raise FleetError(f"columns: no column {describe(column)} for {field}; columns found: "
                             f"{_listing(header)}")
        chosen[field] = found
    shape_name = "wsiot columns"
    for shape in EXPORT_SHAPES:
        device, build = _first(names, shape.device), _first(names, shape.build)
        if device is not None and build is not None:
            shape_name = shape.name
            chosen.setdefault("device", device)
            chosen.setdefault("build", build)
            chosen.setdefault("product", _first(names, shape.product))
            break
    for field, own in OWN_COLUMNS.items():
        if chosen.get(field) is None:
            chosen[field] = _first(names, own)
    if given and shape_name == "wsiot columns":
        shape_name = "named columns"
    build = chosen.get("build")
    if build is None:
        device = chosen.get("device") or _guess_device(header)
        raise FleetError(
            f"no build column among the columns found: {_listing(header)}; name them, e.g. "
            f"--columns device={device},build=COLUMN (fields: {', '.join(COLUMN_FIELDS)})")
    return ColumnMap(build=build, device=chosen.get("device"), date=chosen.get("date"),
                     product=chosen.get("product"), shape=shape_name)


def _guess_device(header: Sequence[Any]) -> str:
    texts = [h for h in header if isinstance(h, str) and h.strip()]
    return texts[0].strip() if texts else "COLUMN"


def _listing(header: Sequence[Any], limit: int = 12) -> str:
    shown = ", ".join(describe(h) for h in list(header)[:limit])
    more = len(header) - limit
    return shown + (f" and {more} more" if more > 0 else "") if shown else "none"
