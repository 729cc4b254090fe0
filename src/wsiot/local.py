"""Read the running Windows machine (shell: it reads the registry and the OS).

>>> from wsiot.local import system_facts
>>> system_facts()  # doctest: +SKIP
<SystemFacts ...>

On Windows it reads ``HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion`` with
:mod:`winreg` and the product type from ``sys.getwindowsversion()``, with no subprocess;
elsewhere it raises :class:`~wsiot.NotWindowsError`. Both sources can be passed in, so the
reading itself is tested on any system.
"""

from __future__ import annotations

import sys
from typing import Any

from wsiot.errors import InvalidSystemFactsError, NotWindowsError
from wsiot.model.catalog import Catalog
from wsiot.model.system import SystemFacts

__all__ = ["REGISTRY_KEY", "REGISTRY_VALUES", "read_registry", "system_facts"]

REGISTRY_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion"
REGISTRY_VALUES = ("CurrentBuild", "CurrentBuildNumber", "UBR", "EditionID",
                   "CompositionEditionID", "ProductName", "InstallationType", "DisplayVersion",
                   "ReleaseId", "CurrentMajorVersionNumber", "CurrentMinorVersionNumber")
"""The values :func:`read_registry` reads; a value that is absent is left out."""


def _winreg() -> Any:
    try:
        import winreg
    except ImportError:
        raise NotWindowsError(
            f"wsiot.local reads the running machine only on Windows (this is {sys.platform}); "
            "elsewhere read saved facts: wsiot inspect --from FILE") from None
    return winreg


def read_registry(registry: Any = None) -> dict[str, Any]:
    """The values of ``REGISTRY_VALUES`` under HKLM's ``REGISTRY_KEY``.

    ``registry`` is the :mod:`winreg` module, or a stand-in with the same
    ``OpenKey``, ``QueryValueEx`` and ``HKEY_LOCAL_MACHINE``.
    """
    reg = _winreg() if registry is None else registry
    values: dict[str, Any] = {}
    try:
        key = reg.OpenKey(reg.HKEY_LOCAL_MACHINE, REGISTRY_KEY)
    except OSError as exc:
        raise InvalidSystemFactsError(f"cannot open HKLM\\{REGISTRY_KEY}: {exc}") from None
    try:
        for name in REGISTRY_VALUES:
            try:
                values[name] = reg.QueryValueEx(key, name)[0]
            except OSError:  # FileNotFoundError: this Windows does not write that value
                continue
    finally:
        close = getattr(key, "Close", None)
        if close is not None:
            close()
    return values


def system_facts(
    *, registry: Any = None, windows_version: Any = None, catalog: Catalog | None = None
) -> SystemFacts:
    """What the running machine is: its registry values, and the product type Windows reports.

    ``registry`` and ``windows_version`` default to :mod:`winreg` and
    ``sys.getwindowsversion()``; pass stand-ins to read another source.
    """
    values = read_registry(registry)
    if windows_version is None:
        get = getattr(sys, "getwindowsversion", None)
        if get is None:
            raise NotWindowsError(
                f"wsiot.local reads the running machine only on Windows (this is {sys.platform})")
        windows_version = get()
    from_registry = SystemFacts.from_registry(values, catalog=catalog)
    return SystemFacts.from_values(
        from_registry.build, product_name=from_registry.product_name,
        edition_id=from_registry.edition_id, installation_type=from_registry.installation_type,
        display_version=from_registry.display_version,
        product_type=getattr(windows_version, "product_type", None),
        source="registry+getwindowsversion", catalog=catalog)
