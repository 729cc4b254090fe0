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

from wsiot.errors import ProfileError
from wsiot.io.files import StrPath, check_path, parse_json, read_text
from wsiot.model.installed import (
    INSTALLED_FORMS,
    InstalledSoftware,
    features_from_document,
    features_from_table,
    installed_from_document,
    installed_from_rows,
)

__all__ = ["read_features", "read_installed"]


def read_installed(path: StrPath) -> InstalledSoftware:
    """The installed software a report lists (see ``INSTALLED_FORMS``): JSON as the tools
    write it, or a CSV with a DisplayName or Name column (PowerShell's ``#TYPE`` line, a
    byte-order mark and UTF-16 are all read)."""
    where = str(check_path(path))
    text = read_text(path)
    start = text.lstrip()
    if start.startswith(("{", "[")):
        return installed_from_document(parse_json(text, where), where)
    lines = [line for line in text.splitlines() if not line.startswith("#TYPE")]
    try:
        reader = csv.DictReader(io.StringIO("\n".join(lines)))
        header = [h.strip() for h in (reader.fieldnames or [])]
        if not {"DisplayName", "Name"} & set(header):
            raise ProfileError(f"{where}: not a report of installed software; read: "
                               f"{'; '.join(INSTALLED_FORMS)}")
        items, bad = installed_from_rows(reader)
    except csv.Error as exc:
        raise ProfileError(f"{where}: not a CSV of installed software: {exc}") from None
    return InstalledSoftware(items=tuple(items), unreadable=tuple(bad), form="program list CSV",
                             source=where)


def read_features(path: StrPath) -> tuple[str, ...]:
    """The installed role and feature names of a saved ``Get-WindowsFeature``: its JSON
    (``ConvertTo-Json``), its CSV (``Export-Csv``) or the table it prints."""
    where = str(check_path(path))
    text = read_text(path)
    if text.lstrip().startswith(("{", "[")):
        return features_from_document(parse_json(text, where), where)
    lines = [line for line in text.splitlines() if not line.startswith("#TYPE")]
    first = next((line for line in lines if line.strip()), "")
    if first.lstrip().startswith('"') and "Name" in first:
        try:
            rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
        except csv.Error as exc:
            raise ProfileError(f"{where}: not a CSV of roles and features: {exc}") from None
        return features_from_document(rows, where)
    return features_from_table(text, where)
