"""The shell's doors to files: bounded reads (:mod:`wsiot.io.files`), the formats wsiot
reads and writes (:mod:`wsiot.io.formats`) and inventories as exported
(:mod:`wsiot.io.inventory`)."""

from wsiot.io.formats import (
    ENDOFLIFE_FIELDS,
    MAX_FILE_BYTES,
    EndoflifeComparison,
    EndoflifeDifference,
    catalog_document,
    compare_endoflife,
    dump_catalog,
    dump_updates,
    from_endoflife,
    load_appliance,
    load_catalog,
    load_updates,
    read_document,
    to_endoflife,
)

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
