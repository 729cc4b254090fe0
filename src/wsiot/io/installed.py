"""Reports of installed software, read from files: SBOMs, winget exports, PowerShell's
program lists. The format is told by the content, never by the file's name.

>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "programs.json"
>>> _ = path.write_text(json.dumps([{"DisplayName": "Mozilla Thunderbird (x64 en-US)"}]))
>>> [item.name for item in read_installed(path).items]
['Mozilla Thunderbird (x64 en-US)']
"""

from __future__ import annotations

import csv
import io
from typing import Any

from wsiot.errors import ProfileError
from wsiot.io.files import ACCEPTED_ENCODINGS, StrPath, check_path, parse_json, read_text
from wsiot.model.installed import (
    FEATURE_TABLE_MARK,
    INSTALLED_FORMS,
    InstalledSoftware,
    features_from_document,
    features_from_table,
    installed_from_document,
    installed_from_rows,
)

__all__ = ["read_features", "read_installed"]



def _csv_rows(text: str, where: str, what: str) -> list[dict[str, Any]]:
    """The rows of a PowerShell CSV: its ``#TYPE`` line and blank lines skipped, header names
    trimmed, a quote left open an error (never a field that swallows the rest)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#TYPE")]
    try:
        reader = csv.DictReader(io.StringIO("\n".join(lines)), strict=True)
        reader.fieldnames = [name.strip() for name in reader.fieldnames or ()]
        return list(reader)
    except csv.Error as exc:
        raise ProfileError(f"{where}: not a CSV of {what}: {exc}") from None


def _report_text(path: StrPath) -> tuple[str, str]:
    """The file's name and text; NUL characters (UTF-16 saved without its byte-order mark,
    or a binary file) are refused with the encodings accepted."""
    where = str(check_path(path))
    text = read_text(path)
    if "\x00" in text[:4096]:
        raise ProfileError(f"{where}: holds NUL characters, as UTF-16 without a byte-order mark "
                           f"does; accepted: {ACCEPTED_ENCODINGS}")
    return where, text


def read_installed(path: StrPath) -> InstalledSoftware:
    """The installed software a report lists (see ``INSTALLED_FORMS``): JSON as the tools
    write it, or a CSV with a DisplayName or Name column (PowerShell's ``#TYPE`` line, a
    byte-order mark and UTF-16 are all read)."""
    where, text = _report_text(path)
    if text.lstrip().startswith(("{", "[")):
        return installed_from_document(parse_json(text, where), where)
    rows = _csv_rows(text, where, "installed software")
    header = set(rows[0]) if rows else set()
    if "InstallState" in header:
        raise ProfileError(f"{where}: a Get-WindowsFeature report, not installed software: "
                           "give it as roles and features (--features, read_features)")
    if not {"DisplayName", "Name"} & header:
        raise ProfileError(f"{where}: not a report of installed software; read: "
                           f"{'; '.join(INSTALLED_FORMS)}")
    items, bad = installed_from_rows(rows)
    return InstalledSoftware(items=tuple(items), unreadable=tuple(bad), form="program list CSV",
                             source=where)


def read_features(path: StrPath) -> tuple[str, ...]:
    """The installed role and feature names of a saved ``Get-WindowsFeature``: its JSON
    (``ConvertTo-Json``), its CSV (``Export-Csv``) or the table it prints."""
    where, text = _report_text(path)
    start = text.lstrip()
    if start.startswith("{") or (start.startswith("[") and not FEATURE_TABLE_MARK.match(start)):
        return features_from_document(parse_json(text, where), where)
    first = next((line for line in text.splitlines()
                  if line.strip() and not line.startswith("#TYPE")), "")
    if first.lstrip().startswith('"') and "Name" in first:
        return features_from_document(_csv_rows(text, where, "roles and features"), where)
    return features_from_table(text, where)
