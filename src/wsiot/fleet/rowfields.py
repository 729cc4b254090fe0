"""The fields of one inventory row: its device, build, date and product facts.

An audit reads rows of any form: ``(device, build[, date])`` tuples, or mappings by
column name (wsiot's own names, a management tool's export, or columns the caller
names; see :mod:`wsiot.io.inventory`). A row that cannot be audited still names its
device where it has one.

>>> columns = MappingColumns("device=host,build=ver")
>>> columns.read({"host": "nas-01", "ver": "10.0.20348.2762"})
('nas-01', '10.0.20348.2762', None, None)
>>> row_device({"host": "nas-01", "ver": ["not", "hashable"]}, columns)
'nas-01'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from wsiot.errors import WsiotError
from wsiot.io.inventory import (
    OWN_COLUMNS,
    ColumnMap,
    product_columns,
    recognise_columns,
)
from wsiot.model.system import SystemFacts
from wsiot.values.builds import BuildLike

__all__ = ["MappingColumns", "build_with_products", "device_of", "none_if_blank", "row_device"]


class MappingColumns:
    """Reads (device, build, date, products) from mapping rows by column name, once per key set."""

    def __init__(self, columns: Mapping[str, str] | str | None = None) -> None:
        self._columns = columns
        self._keys: tuple[Any, ...] | None = None
        self._map: ColumnMap | None = None
        self._products: tuple[tuple[str, Any], ...] = ()

    def read(self, row: Mapping[Any, Any]) -> tuple[Any, Any, Any, Any]:
        keys = tuple(row)
        if keys != self._keys:
            self._keys = keys
            # csv.DictReader over a file with a byte-order mark keeps it on the first key
            names = tuple(k.removeprefix("\ufeff") if isinstance(k, str) else k for k in keys)
            original = dict(zip(names, keys, strict=True))
            named: ColumnMap | None
            try:
                named = recognise_columns(names, self._columns)
            except WsiotError:
                named = None
                if self._columns is not None and "build" in names:
                    # a row read_inventory gave wsiot's own names, the columns already applied
                    named = recognise_columns(names)
            self._map = None if named is None else attrs.evolve(named, **{
                field: original[getattr(named, field)]
                for field in ("device", "build", "date", "product")
                if getattr(named, field) is not None})
            self._products = tuple((f, original[k]) for f, k in product_columns(names, named))
        found = self._map
        if found is None:
            raise ValueError("no build column")
        value = row[found.date] if found.date is not None else None
        if isinstance(value, str) and not value.strip():
            value = None
        products = tuple((field, none_if_blank(row[key])) for field, key in self._products)
        return ((None if found.device is None else row[found.device]), row[found.build], value,
                products if any(v is not None for _, v in products) else None)


def row_device(row: Any, columns: MappingColumns) -> Any:
    """The device of a row, read as the audit read it."""
    if isinstance(row, Mapping):
        try:
            return columns.read(row)[0]
        except (LookupError, TypeError, ValueError):
            return device_of(row)
    return device_of(row) if isinstance(row, tuple | list) else None


def device_of(row: Any) -> Any:
    """The device of a row that cannot be read: its first item, or a mapping's device column."""
    if isinstance(row, tuple | list):
        return row[0] if row else None
    if isinstance(row, Mapping):
        for key, value in row.items():
            if isinstance(key, str) and key.removeprefix("\ufeff").strip().casefold() in \
                    OWN_COLUMNS["device"]:
                return value
    return None


def none_if_blank(value: Any) -> Any:
    """None for a blank or whitespace cell, the value otherwise."""
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def build_with_products(build: BuildLike, products: tuple[tuple[str, Any], ...] | None
                        ) -> BuildLike | SystemFacts:
    """The build, or SystemFacts when product columns (OS name, edition id...) are given."""
    if products is None:
        return build
    return SystemFacts.from_values(build, **dict(products), source="inventory")
