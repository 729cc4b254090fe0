"""What an image really contains: installed software read from the reports Windows and build
pipelines write, as items a licence can judge.

The readers here are pure (a parsed document in, items out); :func:`wsiot.read_installed`
reads the file. Every entry becomes an item or an *unreadable* entry with its position, so
nothing is dropped: items in = items read + entries reported unreadable (an SBOM's
components that describe the machine itself, its operating system, devices, firmware, files
and data, are no installed software). A component that is a library of an application (an
SBOM's ``library`` of a language ecosystem) is kept apart: it is part of an application, not
one; so are the platform parts an SBOM names as such (drivers, patches, the kernel).

>>> software = installed_from_document({"bomFormat": "CycloneDX", "components": [
...     {"type": "application", "name": "Milestone XProtect", "version": "2024 R1"},
...     {"type": "library", "name": "nodemailer", "purl": "pkg:npm/nodemailer@6.9.0"}]})
>>> [(item.name, item.library) for item in software.items]
[('Milestone XProtect', False), ('nodemailer', True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from wsiot.data import winget as _packages
from wsiot.errors import ProfileError, describe, printable
from wsiot.model.applications import Recognition, explain_application
from wsiot.render.html import html_block, html_table

__all__ = ["FEATURE_TABLE_MARK", "INSTALLED_FORMS", "InstalledItem", "InstalledSoftware", "Unreadable",
           "features_from_document", "features_from_table", "installed_from_document",
           "installed_from_rows"]

INSTALLED_FORMS = (
    "CycloneDX JSON (1.4 to 1.6)",
    "SPDX 2.3 JSON",
    "winget export JSON",
    "Uninstall-key programs as PowerShell writes them (ConvertTo-Json or Export-Csv)",
    "Win32_Product or Win32_InstalledWin32Program JSON",
    "Get-Package CSV",
)
"""The reports :func:`wsiot.read_installed` recognises by their content."""

# package-URL types of language ecosystems: such a component is a library of an application
_LIBRARY_PURLS = frozenset({
    "npm", "pypi", "maven", "nuget", "gem", "cargo", "golang", "composer", "conan", "cocoapods",
    "hex", "pub", "swift", "cran", "hackage", "conda"})
_MAX_ITEMS = 200_000
# cdxgen's operating-system BOM names each component's osquery table: these are platform
_PLATFORM_CATEGORIES = frozenset({"windows_drivers", "windows_patches", "kernel_info",
                                  "chrome_extensions", "firefox_addons", "ie_extensions",
                                  "windows_optional_features", "system_info_snapshot"})
_MAX_DEPTH = 16


@attrs.frozen
class InstalledItem:
    """One installed thing: its name (and version, publisher where given), whether it is a
    library of an application rather than one, and where in the report it stood."""

    name: str
    version: str | None = None
    publisher: str | None = None
    library: bool = False
    position: str = ""
    platform: bool = False
    """A part of the platform its report names as such (a driver, an update, the kernel, a
    browser extension): listed, never judged as an application."""
    identifier: str | None = None
    """A package manager's identifier (winget's ``PackageIdentifier``) where the report gave
    one instead of a name."""

    def __str__(self) -> str:
        version = f" {self.version}" if self.version else ""
        return f"{printable(self.name, 120)}{version}"


@attrs.frozen
class Unreadable:
    """An entry of a report that holds no installed item, and why."""

    position: str
    reason: str

    def __str__(self) -> str:
        return f"{self.position}: {self.reason}"


@attrs.frozen
class InstalledSoftware:
    """The items of one report, its entries that could not be read, and what it was."""

    items: tuple[InstalledItem, ...]
    unreadable: tuple[Unreadable, ...] = ()
    form: str = ""
    source: str = ""

    @property
    def applications(self) -> tuple[InstalledItem, ...]:
        """The items that are neither a library nor a platform part: what a licence judges."""
        return tuple(item for item in self.items if not (item.library or item.platform))

    @property
    def platform_parts(self) -> tuple[InstalledItem, ...]:
        """Drivers, updates, the kernel and browser extensions, as the report names them:
        listed, never judged as applications."""
        return tuple(item for item in self.items if item.platform and not item.library)

    @property
    def libraries(self) -> tuple[InstalledItem, ...]:
        """Libraries of applications: listed, never judged as applications."""
        return tuple(item for item in self.items if item.library)

    @property
    def unrecognised_identifiers(self) -> tuple[str, ...]:
        """The package identifiers wsiot's table does not name: judged by their own text,
        and listed so a person can declare what they are."""
        return tuple(dict.fromkeys(
            item.identifier for item in self.items if item.identifier is not None
            and item.identifier.casefold() not in _packages.BY_IDENTIFIER))

    def primary_function(self) -> tuple[InstalledItem, ...]:
        """The items that look like the appliance's primary function: what remains once
        platform software, libraries and forbidden applications are set apart, those the
        vocabulary recognises as allowed first.

        >>> image = InstalledSoftware(items=(
        ...     InstalledItem("Microsoft Visual C++ 2015-2022 Redistributable (x64)"),
        ...     InstalledItem("Contoso Line Inspector"), InstalledItem("Milestone XProtect")))
        >>> [item.name for item in image.primary_function()]
        ['Milestone XProtect', 'Contoso Line Inspector']
        """
        ranked = []
        for item in self.applications:
            outcome = explain_application(item.name).outcome
            if outcome in (Recognition.ALLOWED, Recognition.NOT_RECOGNISED):
                ranked.append((outcome is not Recognition.ALLOWED, item))
        return tuple(item for _, item in sorted(ranked, key=lambda pair: pair[0]))

    def _repr_html_(self) -> str:
        """Every item with its verdict, the libraries set apart, and the unreadable entries."""
        judged = [(str(item), explain_application(item.name).outcome.value, item.publisher or "",
                   item.identifier or "", item.position) for item in self.applications]
        parts = [html_table(["Item", "Verdict", "Publisher", "Identifier", "Position"], judged)]
        if self.libraries:
            parts.append(html_table(["Library of an application (not judged)", "Position"],
                                    [(str(item), item.position) for item in self.libraries]))
        if self.platform_parts:
            parts.append(html_table(["Platform part (not judged)", "Position"],
                                    [(str(item), item.position) for item in self.platform_parts]))
        if self.unreadable:
            parts.append(html_table(["Unreadable entry", "Reason"],
                                    [(bad.position, bad.reason) for bad in self.unreadable]))
        title = f"{len(self.items)} item(s) read from {self.form or 'an installed-software report'}"
        return html_block(title, *parts, note=self.source)

    def __add__(self, other: InstalledSoftware) -> InstalledSoftware:
        return InstalledSoftware(items=self.items + other.items,
                                 unreadable=self.unreadable + other.unreadable,
                                 form=" + ".join(f for f in (self.form, other.form) if f),
                                 source=" + ".join(s for s in (self.source, other.source) if s))


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:512]
    return None


def _category(component: Mapping[str, Any]) -> str | None:
    for prop in _listed(component.get("properties")):
        if isinstance(prop, Mapping) and prop.get("name") == "cdx:osquery:category":
            return str(prop.get("value"))
    return None


def _purl_type(purl: object) -> str | None:
    found = re.match(r"pkg:([a-z0-9.+-]+)/", purl) if isinstance(purl, str) else None
    return None if found is None else found.group(1).casefold()


def _cyclonedx(document: Mapping[str, Any]) -> tuple[list[InstalledItem], list[Unreadable]]:
    items: list[InstalledItem] = []
    bad: list[Unreadable] = []
    stack: list[tuple[object, str, int]] = [
        (c, f"components[{i}]", 1)
        for i, c in enumerate(_list_of(document, "components", "", bad))]
    stack.reverse()
    while stack:
        component, where, depth = stack.pop()
        if not isinstance(component, Mapping):
            bad.append(Unreadable(where, f"expected an object, got {describe(component)}"))
            continue
        name = _text(component.get("name"))
        purl = component.get("purl")
        kind = _purl_type(purl)
        if name is None:
            bad.append(Unreadable(where, "no name"))
        elif component.get("type") in ("operating-system", "device", "firmware", "file", "data"):
            pass  # the machine itself, not installed software
        else:
            if kind == "swid":  # cdxgen writes a program's spaces as +
                name = name.replace("+", " ")
            supplier = component.get("supplier")
            publisher = _text(component.get("publisher")) or _text(
                supplier.get("name") if isinstance(supplier, Mapping) else None) or _text(
                component.get("group"))
            # a component typed "application" is judged whatever its package URL says; a
            # "library" with a non-ecosystem URL (cdxgen's pkg:swid programs) is a program
            library = component.get("type") != "application" and (kind in _LIBRARY_PURLS or (
                component.get("type") in ("library", "framework") and kind is None))
            items.append(InstalledItem(name=name, version=_text(component.get("version")),
                                       publisher=publisher, library=library, position=where,
                                       platform=_category(component) in _PLATFORM_CATEGORIES))
        inner = _list_of(component, "components", f"{where}.", bad)
        if inner and depth >= _MAX_DEPTH:
            bad.append(Unreadable(f"{where}.components", f"{len(inner)} component(s) nested "
                                  f"deeper than {_MAX_DEPTH} levels, not read"))
        elif inner:
            stack.extend(reversed([(c, f"{where}.components[{i}]", depth + 1)
                                   for i, c in enumerate(inner)]))
    return items, bad


def _spdx(document: Mapping[str, Any]) -> tuple[list[InstalledItem], list[Unreadable]]:
    items: list[InstalledItem] = []
    bad: list[Unreadable] = []
    for index, package in enumerate(_list_of(document, "packages", "", bad)):
        where = f"packages[{index}]"
        if not isinstance(package, Mapping) or _text(package.get("name")) is None:
            bad.append(Unreadable(where, "no package name"))
            continue
        purls = [ref.get("referenceLocator") for ref in _listed(package.get("externalRefs"))
                 if isinstance(ref, Mapping) and ref.get("referenceType") == "purl"]
        library = package.get("primaryPackagePurpose") == "LIBRARY" or any(
            _purl_type(p) in _LIBRARY_PURLS for p in purls)
        supplier = _text(package.get("supplier"))
        if supplier is not None:
            supplier = re.sub(r"^(Organization|Person):\s*", "", supplier)
        items.append(InstalledItem(name=str(_text(package.get("name"))),
                                   version=_text(package.get("versionInfo")),
                                   publisher=None if supplier == "NOASSERTION" else supplier,
                                   library=library, position=where))
    return items, bad


def _winget(document: Mapping[str, Any]) -> tuple[list[InstalledItem], list[Unreadable]]:
    items: list[InstalledItem] = []
    bad: list[Unreadable] = []
    for s, source in enumerate(_list_of(document, "Sources", "", bad)):
        if not isinstance(source, Mapping):
            bad.append(Unreadable(f"Sources[{s}]", f"expected a source, got {describe(source)}"))
            continue
        for p, package in enumerate(_list_of(source, "Packages", f"Sources[{s}].", bad)):
            where = f"Sources[{s}].Packages[{p}]"
            identifier = _text(package.get("PackageIdentifier")) if isinstance(
                package, Mapping) else None
            if identifier is None:
                bad.append(Unreadable(where, "no PackageIdentifier"))
            elif re.fullmatch(r"9[0-9A-Z]{11}|XP[0-9A-Z]{12}", identifier):  # a Microsoft Store product id
                bad.append(Unreadable(where, f"Store product id {identifier} names no product "
                                             "wsiot can read; look it up and declare it"))
            else:
                known = _packages.BY_IDENTIFIER.get(identifier.casefold())
                items.append(InstalledItem(name=identifier if known is None else known["name"],
                                           version=_text(package.get("Version")),
                                           publisher=None if known is None else known["publisher"],
                                           position=where, identifier=identifier))
    return items, bad


_NAME_KEYS = ("DisplayName", "Name")
_VERSION_KEYS = ("DisplayVersion", "Version", "VersionString")
_PUBLISHER_KEYS = ("Publisher", "Vendor")  # Get-Package's ProviderName is "msi", not who


def installed_from_rows(rows: Iterable[Mapping[str, Any]], where: str = "row"
                        ) -> tuple[list[InstalledItem], list[Unreadable]]:
    """Items of program rows (Uninstall keys, Win32_Product, Get-Package): a name, and a
    version and publisher where given; a row with no name is unreadable."""
    items: list[InstalledItem] = []
    bad: list[Unreadable] = []
    for index, row in enumerate(rows):
        place = f"{where}[{index}]" if where != "row" else f"row {index + 1}"
        if not isinstance(row, Mapping):
            bad.append(Unreadable(place, f"expected an object, got {describe(row)}"))
            continue
        name = next((_text(row.get(k)) for k in _NAME_KEYS if _text(row.get(k))), None)
        if name is None:
            bad.append(Unreadable(place, "no DisplayName or Name (a key that names no program)"))
            continue
        items.append(InstalledItem(
            name=name, version=next((_text(row.get(k)) for k in _VERSION_KEYS
                                     if _text(row.get(k))), None),
            publisher=next((_text(row.get(k)) for k in _PUBLISHER_KEYS if _text(row.get(k))),
                           None), position=place))
        if len(items) > _MAX_ITEMS:
            raise ProfileError(f"more than {_MAX_ITEMS:,} installed items")
    return items, bad


def installed_from_document(document: object, source: str = "") -> InstalledSoftware:
    """The installed software of a parsed JSON report, its form told by its content; a
    document in none of ``INSTALLED_FORMS`` is a ProfileError naming them."""
    if isinstance(document, Mapping) and document.get("bomFormat") == "CycloneDX":
        items, bad = _cyclonedx(document)
        form = f"CycloneDX {printable(str(document.get('specVersion', '')), 10)}".strip()
    elif isinstance(document, Mapping) and isinstance(document.get("spdxVersion"), str):
        items, bad = _spdx(document)
        form = printable(str(document["spdxVersion"]), 20)
    elif isinstance(document, Mapping) and "Sources" in document and (
            "winget" in str(document.get("$schema", "")) or "WinGetVersion" in document):
        items, bad = _winget(document)
        form = "winget export"
    else:
        rows = [document] if isinstance(document, Mapping) else document
        if isinstance(rows, list) and any(isinstance(r, Mapping) and "InstallState" in r
                                          for r in rows[:100]):
            raise ProfileError(f"{source or 'the document'}: a Get-WindowsFeature report, not "
                               "installed software: give it as roles and features "
                               "(--features, read_features)")
        if not isinstance(rows, list) or not rows or not any(
                isinstance(r, Mapping) and any(k in r for k in _NAME_KEYS) for r in rows):
            raise ProfileError(f"{source or 'the document'}: not a report of installed software; "
                               f"read: {'; '.join(INSTALLED_FORMS)}")
        items, bad = installed_from_rows(rows, "items")
        form = "program list"
    return InstalledSoftware(items=tuple(items), unreadable=tuple(bad), form=form, source=source)


def _listed(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _list_of(container: Mapping[str, Any], key: str, where: str,
             bad: list[Unreadable]) -> list[Any]:
    """``container[key]`` when it is a list (or absent: nothing); anything else is reported
    unreadable, so nothing it might hold is dropped without a word."""
    value = container.get(key)
    if value is None or isinstance(value, list):
        return value or []
    bad.append(Unreadable(f"{where}{key}", f"expected a list, got {describe(value)}"))
    return []


_TABLE_STATES = frozenset({"Installed", "Available", "Removed", "InstallPending"})
FEATURE_TABLE_MARK = re.compile(r"\s*\[([ Xx])\]\s")
"""How a row of the table ``Get-WindowsFeature`` prints begins: ``[X]`` (installed) or ``[ ]``;
it tells that table from a JSON array, which also begins with ``[``."""


def _table_row(line: str) -> tuple[bool, str] | None:
    """(installed, name) of a printed table row: a mark, a display name, the name (never a
    space in it) and the state, which are the row's last two words. Linear in the line."""
    mark = FEATURE_TABLE_MARK.match(line)
    words = line[mark.end():].split() if mark else ()
    if len(words) < 3 or words[-1] not in _TABLE_STATES:
        return None
    return (mark is not None and mark[1] in "Xx") or words[-1] == "Installed", words[-2]


def _feature_installed(row: Mapping[str, Any]) -> bool:
    # the Installed flag where given (ConvertTo-Json writes true/false, Export-Csv "True");
    # else the InstallState as text, or 1 (Installed) as a number
    flag = row.get("Installed")
    if isinstance(flag, bool) or str(flag).casefold() in ("true", "false"):
        return flag is True or str(flag).casefold() == "true"
    state = str(row.get("InstallState", "")).replace(" ", "").casefold()
    return state in ("installed", "installpending", "1")


def features_from_document(document: object, source: str = "") -> tuple[str, ...]:
    """The installed role and feature names of ``Get-WindowsFeature | ConvertTo-Json`` (or
    Export-Csv rows): those whose ``Installed`` is true (or, without it, whose
    ``InstallState`` is Installed)."""
    where = source or "the document"
    rows = [document] if isinstance(document, Mapping) else document
    if not isinstance(rows, list) or not any(isinstance(r, Mapping) and "Name" in r and (
            "Installed" in r or "InstallState" in r) for r in rows):
        raise ProfileError(f"{where}: not a Get-WindowsFeature report "
                           "(Name with Installed or InstallState)")
    names = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping) or not _feature_installed(row):
            continue
        name = row.get("Name")
        if not isinstance(name, str) or not 0 < len(name.strip()) <= 128:
            raise ProfileError(f"{where}: entry {index + 1} is installed but its Name is "
                               f"{describe(name)}, not a role or feature name")
        names.append(name.strip())
    return tuple(dict.fromkeys(names))


def features_from_table(text: str, source: str = "") -> tuple[str, ...]:
    """The installed role and feature names of the table ``Get-WindowsFeature`` prints
    (``[X]`` marks an installed one; a name cut with ``...`` is kept as printed)."""
    rows = [row for row in map(_table_row, text.splitlines()) if row is not None]
    if not rows:
        raise ProfileError(f"{source or 'the text'}: not a Get-WindowsFeature table (no row "
                           "reads [X] or [ ], a display name, a Name and an Install State)")
    return tuple(dict.fromkeys(name for installed, name in rows if installed))
