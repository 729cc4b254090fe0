"""Saved machine reports: what a Windows machine said about itself, read from a file.

A report is recognised by its content, not its name: the registry's ``CurrentVersion``
values as JSON, as a ``reg export`` file (UTF-16) or as ``reg query`` output, of ``Win32_OperatingSystem`` (WMI) or of
``Get-ComputerInfo``, or ``systeminfo`` text (list or ``/fo csv``).

>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "registry.json"
>>> _ = path.write_text(json.dumps({"CurrentBuild": "20348", "UBR": 2762,
...                                 "EditionID": "ServerStandard"}))
>>> read_system_facts(path).edition
<Edition 'Standard'>
"""

from __future__ import annotations

from wsiot.errors import ProfileError
from wsiot.io.files import StrPath, parse_json, read_text
from wsiot.model.catalog import Catalog
from wsiot.model.registry import is_registry_text, registry_values
from wsiot.model.system import SystemFacts

__all__ = ["REPORT_FORMS", "read_system_facts"]

REPORT_FORMS = (
    "registry values (CurrentBuild, ...) as JSON, a reg export file or reg query output",
    "Win32_OperatingSystem properties (Version, ...)",
    "Get-ComputerInfo (OsVersion, ...)",
    "systeminfo text (list or CSV)",
)
"""The saved reports :func:`read_system_facts` recognises."""


def read_system_facts(path: StrPath, *, catalog: Catalog | None = None) -> SystemFacts:
    """The :class:`~wsiot.SystemFacts` of a saved report (see ``REPORT_FORMS``), told by its keys
    or its shape; anything else is a :class:`~wsiot.ProfileError` naming the forms read."""
    text = read_text(path)
    if is_registry_text(text):
        return SystemFacts.from_registry(registry_values(text), catalog=catalog)
    if not text.lstrip().startswith(("{", "[")):
        return SystemFacts.from_systeminfo(text, catalog=catalog)
    document = parse_json(text, str(path))
    table = document[0] if isinstance(document, list) and len(document) == 1 else document
    keys = set(table) if isinstance(table, dict) else set()
    if keys & {"CurrentBuild", "CurrentBuildNumber"}:
        return SystemFacts.from_registry(table, catalog=catalog)
    if keys & {"OsVersion", "OsBuildNumber", "WindowsEditionId"}:
        return SystemFacts.from_computer_info(table, catalog=catalog)
    if keys & {"Version", "BuildNumber", "OperatingSystemSKU"}:
        return SystemFacts.from_wmi(table, catalog=catalog)
    raise ProfileError(f"{path}: not a report wsiot reads: expected {', '.join(REPORT_FORMS)}")
