"""Files in and out: catalogue files (JSON) and their endoflife.date shape.

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
from .errors import CatalogError, ProfileError

__all__ = ["MAX_FILE_BYTES", "dump_catalog", "load_catalog", "read_document"]

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
