"""What a Windows machine says it is: :class:`SystemFacts` and its readers.

Build 17763 is also Windows 10 1809, 14393 is also Windows 10 1607, 26100 is also Windows 11
24H2: a build number alone cannot tell a server from a client. The facts Windows reports
can. Each reader is a pure function over values the caller already holds (registry values,
WMI properties, ``systeminfo`` text, ``Get-ComputerInfo`` JSON, ``sys.getwindowsversion()``);
reading the running machine is :mod:`wsiot.local`'s job.

>>> import wsiot
>>> facts = wsiot.SystemFacts.from_registry({
...     "CurrentBuild": "26100", "UBR": 4946, "EditionID": "Enterprise",
...     "ProductName": "Windows 10 Enterprise", "InstallationType": "Client",
...     "DisplayVersion": "24H2", "CurrentMajorVersionNumber": 10,
...     "CurrentMinorVersionNumber": 0})
>>> facts.is_server, str(facts.build)
(False, '10.0.26100.4946')
>>> wsiot.is_in_servicing(facts, "2030-01-01")
Traceback (most recent call last):
  ...
wsiot.errors.NotServerError: a Windows client (Windows 11 24H2 (LTSC 2024)), not Windows Server IoT: build 10.0.26100.4946
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from wsiot.data import products as _products
from wsiot.errors import InvalidSystemFactsError, describe, printable
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Edition
from wsiot.render.html import html_block, html_table
from wsiot.values.builds import (
    Build,
    BuildLike,
    WindowsVersionLike,
    client_release_name,
    parse_build,
)
from wsiot.values.validators import whole_number

__all__ = ["Fact", "SystemFacts", "edition_of_id", "edition_of_sku", "server_votes"]

_SKUS = {row["number"]: (row["name"], row["edition"], row["server"]) for row in _products.SKUS}
_EDITION_IDS = {row["edition_id"].casefold(): (row["edition"], row["server"])
                for row in _products.EDITION_IDS}
_PRODUCT_TYPES = {1: "workstation", 2: "domain controller", 3: "server"}
_MULTI_SESSION_SKU = 175  # PRODUCT_SERVERRDSH: Windows Enterprise multi-session
_MAX_TEXT = 1 << 20


@attrs.frozen
class Fact:
    """One raw fact and where it was read: ``Fact("EditionID", "ServerStandard", "registry")``."""

    name: str
    value: object
    source: str


def edition_of_sku(sku: int, catalog: Catalog | None = None) -> Edition | None:
    """The catalogue edition of a GetProductInfo product type, or None (client or unknown).

    >>> edition_of_sku(8)
    <Edition 'Datacenter'>
    >>> edition_of_sku(48) is None
    True
    """
    found = _SKUS.get(sku)
    if found is None or found[1] is None:
        return None
    return resolve_catalog(catalog).edition(found[1])


def edition_of_id(edition_id: str, catalog: Catalog | None = None) -> Edition | None:
    """The catalogue edition of a registry EditionID, or None (client or unknown).

    >>> edition_of_id("ServerStorageWorkgroupCor")
    <Edition 'Storage Workgroup'>
    """
    found = _EDITION_IDS.get(edition_id.casefold())
    if found is None or found[0] is None:
        return None
    return resolve_catalog(catalog).edition(found[0])


@attrs.frozen(kw_only=True)
class SystemFacts:
    """What a Windows installation reports about itself, and what follows from it.

    ``build`` carries the update revision where the source gives one;
    ``is_server`` is None when the source cannot tell; ``edition`` is the
    catalogue edition its SKU or edition id names (None for a client or an id
    wsiot does not know: never a guess). The raw facts it came from stay in
    ``facts``, each with its source.

    A ``SystemFacts`` is a build everywhere a build is accepted: a server
    resolves as its build does; a client raises :class:`~wsiot.NotServerError`.
    """

    build: Build
    is_server: bool | None
    edition: Edition | None
    product_name: str | None = None
    edition_id: str | None = None
    installation_type: str | None = None
    sku: int | None = None
    product_type: int | None = None
    display_version: str | None = None
    source: str = "values"
    facts: tuple[Fact, ...] = ()

    # -- readers ---------------------------------------------------------------------

    @classmethod
    def from_values(
        cls,
        build: BuildLike,
        *,
        product_name: str | None = None,
        edition_id: str | None = None,
        installation_type: str | None = None,
        sku: int | float | str | None = None,
        product_type: int | float | str | None = None,
        display_version: str | None = None,
        source: str = "values",
        catalog: Catalog | None = None,
    ) -> SystemFacts:
        """Facts from loose values: the one place that decides server, client and edition.

        Every other reader gathers its source's values and calls this. Raises
        :class:`~wsiot.InvalidSystemFactsError` naming the fields that
        contradict each other (a client product type with a Server edition
        id, or build 20348, which has no client release).

        >>> SystemFacts.from_values("10.0.20348.2762", edition_id="ServerStandard").edition
        <Edition 'Standard'>
        """
        parsed = parse_build(build)
        if isinstance(sku, str | float):  # as a CSV column, a JSON export or pandas gives it
            sku = _sku_of(sku)
        if isinstance(product_type, str | float):
            product_type = _enum(product_type, "product_type")
        texts = {"product_name": product_name, "edition_id": edition_id,
                 "installation_type": installation_type, "display_version": display_version}
        for name, value in texts.items():
            if value is not None and (not isinstance(value, str) or len(value) > 256):
                raise InvalidSystemFactsError(
                    f"invalid system facts: {name} must be text of at most 256 characters, "
                    f"got {describe(value)}")
        for name, number in (("sku", sku), ("product_type", product_type)):
            if number is not None and (type(number) is not int or not 0 <= number <= 0xFFFF):
                raise InvalidSystemFactsError(
                    f"invalid system facts: {name} must be a whole number, got {describe(number)}")
        if product_type is not None and product_type not in _PRODUCT_TYPES:
            raise InvalidSystemFactsError(
                f"invalid system facts: product_type must be 1 (workstation), 2 (domain "
                f"controller) or 3 (server), got {product_type}")
        votes = server_votes(product_name, edition_id, installation_type, sku, product_type)
        verdicts = set(votes.values())
        if len(verdicts) > 1:
            said = "; ".join(f"{field} says {'server' if v else 'client'}"
                             for field, v in votes.items())
            raise InvalidSystemFactsError(f"contradictory system facts: {said}")
        is_server = verdicts.pop() if verdicts else None
        if is_server is False and client_release_name(parsed.build) is None and parsed.build in {
                r.build for r in resolve_catalog(catalog).releases}:
            raise InvalidSystemFactsError(
                f"contradictory system facts: build {parsed} has no Windows client release, "
                f"but {', '.join(votes)} say{'s' if len(votes) == 1 else ''} client")
        if is_server is False:
            name = client_release_name(parsed.build) or printable(product_name or "Windows", 64)
            parsed = attrs.evolve(parsed, client=f"a Windows client ({name})")
        edition = _edition(edition_id, sku, catalog, product_name if is_server else None)
        facts = tuple(Fact(name, value, source) for name, value in (
            ("build", str(parsed)), ("product_name", product_name), ("edition_id", edition_id),
            ("installation_type", installation_type), ("sku", sku),
            ("product_type", product_type), ("display_version", display_version),
        ) if value is not None)
        return cls(build=parsed, is_server=is_server, edition=edition, product_name=product_name,
                   edition_id=edition_id, installation_type=installation_type, sku=sku,
                   product_type=product_type, display_version=display_version, source=source,
                   facts=facts)

    @classmethod
    def from_windows_version(cls, version: WindowsVersionLike, *,
                             catalog: Catalog | None = None) -> SystemFacts:
        """Facts from ``sys.getwindowsversion()`` (its ``product_type``: 1 workstation,
        2 domain controller, 3 server). It gives no update revision and no edition."""
        product_type = getattr(version, "product_type", None)
        return cls.from_values(version, product_type=product_type, source="getwindowsversion",
                               catalog=catalog)

    @classmethod
    def from_registry(cls, values: Mapping[str, Any], *, catalog: Catalog | None = None
                      ) -> SystemFacts:
        """Facts from the values under ``HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion``.

        Reads CurrentBuild (or CurrentBuildNumber), UBR, EditionID (or
        CompositionEditionID), ProductName, InstallationType, DisplayVersion and
        CurrentMajorVersionNumber / CurrentMinorVersionNumber. ProductName on
        Windows 11 still reads "Windows 10 ...": the build decides the name.
        """
        table = _mapping(values, "registry values")
        number = _first(table, "CurrentBuild", "CurrentBuildNumber")
        if number is None:
            raise InvalidSystemFactsError(
                "invalid system facts: the registry values hold no CurrentBuild or "
                "CurrentBuildNumber")
        major = _int(table.get("CurrentMajorVersionNumber"), "CurrentMajorVersionNumber")
        minor = _int(table.get("CurrentMinorVersionNumber"), "CurrentMinorVersionNumber")
        ubr = _int(table.get("UBR"), "UBR")
        build = _build(number, major, minor, ubr)
        return cls.from_values(
            build, product_name=_text(table.get("ProductName")),
            edition_id=_text(_first(table, "EditionID", "CompositionEditionID")),
            installation_type=_text(table.get("InstallationType")),
            display_version=_text(_first(table, "DisplayVersion", "ReleaseId")),
            source="registry", catalog=catalog)

    @classmethod
    def from_wmi(cls, properties: Mapping[str, Any] | str, *, catalog: Catalog | None = None
                 ) -> SystemFacts:
        """Facts from ``Win32_OperatingSystem`` properties, as a mapping or as the JSON that
        ``Get-CimInstance Win32_OperatingSystem | ConvertTo-Json`` writes (Version,
        BuildNumber, Caption, OperatingSystemSKU, ProductType). WMI gives no update revision."""
        table = _mapping(_json(properties, "WMI properties"), "WMI properties")
        version = _first(table, "Version", "BuildNumber")
        if version is None:
            raise InvalidSystemFactsError("invalid system facts: the WMI properties hold no "
                                          "Version or BuildNumber")
        return cls.from_values(
            _text(version) or str(version), product_name=_text(table.get("Caption")),
            sku=_int(table.get("OperatingSystemSKU"), "OperatingSystemSKU"),
            product_type=_enum(table.get("ProductType"), "ProductType"),
            source="wmi", catalog=catalog)

    @classmethod
    def from_computer_info(cls, data: Mapping[str, Any] | str, *,
                           catalog: Catalog | None = None) -> SystemFacts:
        """Facts from ``Get-ComputerInfo | ConvertTo-Json`` (OsVersion, OsBuildNumber,
        WindowsEditionId, WindowsInstallationType, WindowsProductName, OsName,
        OsOperatingSystemSKU, OsProductType, WindowsUBR where present). Enumerations may
        be numbers (Windows PowerShell 5.1) or names (PowerShell 7)."""
        table = _mapping(_json(data, "Get-ComputerInfo output"), "Get-ComputerInfo output")
        version = _first(table, "OsVersion", "OsBuildNumber", "WindowsBuildLabEx")
        if version is None:
            raise InvalidSystemFactsError("invalid system facts: the Get-ComputerInfo output "
                                          "holds no OsVersion or OsBuildNumber")
        text = _text(version) or str(version)
        ubr = _int(table.get("WindowsUBR"), "WindowsUBR")
        build: BuildLike = text
        if ubr is not None:
            kernel = parse_build(text.split(" ")[0]).kernel
            build = Build(kernel.major, kernel.minor, kernel.build, ubr)
        return cls.from_values(
            build, product_name=_text(_first(table, "OsName", "WindowsProductName")),
            edition_id=_text(table.get("WindowsEditionId")),
            installation_type=_text(table.get("WindowsInstallationType")),
            sku=_sku_of(table.get("OsOperatingSystemSKU")),
            product_type=_enum(table.get("OsProductType"), "OsProductType"),
            display_version=_text(table.get("OSDisplayVersion")),
            source="computer-info", catalog=catalog)

    @classmethod
    def from_systeminfo(cls, text: str, *, catalog: Catalog | None = None) -> SystemFacts:
        """Facts from English ``systeminfo`` output, list form or ``/fo csv`` form.

        ``OS Version`` gives the kernel but no update revision ("10.0.20348 N/A Build
        20348"); ``OS Name`` and ``OS Configuration`` tell a server from a client.
        """
        if not isinstance(text, str) or len(text) > _MAX_TEXT:
            raise InvalidSystemFactsError(
                f"invalid system facts: systeminfo output must be text of at most {_MAX_TEXT} "
                f"characters, got {describe(text)}")
        fields = _systeminfo_fields(text)
        version = _field(fields, "version")
        if not version:
            raise InvalidSystemFactsError(
                "invalid system facts: no 'OS Version' in the systeminfo output (list or CSV "
                "form, in English, German, French, Spanish or Japanese)")
        configuration = (_field(fields, "configuration") or "").casefold()
        product_type = None
        for words, kind in _CONFIGURATIONS:
            if any(word in configuration for word in words):
                product_type = kind
                break
        return cls.from_values(
            version.split(" ")[0], product_name=_field(fields, "name") or None,
            product_type=product_type, source="systeminfo", catalog=catalog)

    # -- what follows ----------------------------------------------------------------

    @property
    def client_release(self) -> str | None:
        """The Windows client release this is, for a client on a known build."""
        if self.is_server is not False:
            return None
        return client_release_name(self.build.build)

    def not_server_message(self) -> str:
        """One sentence saying what this client is."""
        name = self.client_release or printable(self.product_name or "Windows", 64)
        detail = f"build {self.build}"
        if self.edition_id:
            detail += f", edition id {self.edition_id!r}"
        return f"a Windows client ({name}), not Windows Server IoT: {detail}"

    def __str__(self) -> str:
        kind = {True: "server", False: "client", None: "server or client unknown"}[
            self.is_server]
        edition = f", {self.edition.name}" if self.edition else ""
        name = f" {self.product_name}" if self.product_name else ""
        return f"{self.build} ({kind}{edition}){name} [from {self.source}]"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"build": str(self.build), "is_server": self.is_server,
                "edition": None if self.edition is None else self.edition.name,
                "client_release": self.client_release, "product_name": self.product_name,
                "edition_id": self.edition_id, "installation_type": self.installation_type,
                "sku": self.sku, "product_type": self.product_type,
                "display_version": self.display_version, "source": self.source}

    def _repr_html_(self) -> str:
        rows = [(f.name, f.value, f.source) for f in self.facts]
        return html_block(str(self), html_table(["Fact", "Value", "Read from"], rows))


# -- deciding --------------------------------------------------------------------------


def server_votes(product_name: str | None, edition_id: str | None,
                  installation_type: str | None, sku: int | None,
                  product_type: int | None) -> dict[str, bool]:
    """What each fact says about server versus client (facts that cannot tell abstain)."""
    votes: dict[str, bool] = {}
    multi_session = ((edition_id or "").casefold() == "serverrdsh" or sku == _MULTI_SESSION_SKU
                     or "multi-session" in (product_name or "").casefold())
    if product_type is not None and not multi_session:
        # Windows Enterprise multi-session is a client that reports product type 3 (server)
        votes["product_type"] = product_type != 1
    if installation_type:
        kind = installation_type.strip().casefold()
        if kind in ("client", "server", "server core", "nano server"):
            votes["installation_type"] = kind != "client"
    if edition_id:
        found = _EDITION_IDS.get(edition_id.casefold())
        if found is not None:
            votes["edition_id"] = found[1]
        elif edition_id.casefold().startswith("server"):
            votes["edition_id"] = True
    if sku is not None and sku in _SKUS:
        votes["sku"] = _SKUS[sku][2]
    if product_name:
        # names as products report them ("Windows Server 2022 Datacenter"), as Defender for
        # Endpoint's OS platform does ("WindowsServer2022", "Windows11") and as Configuration
        # Manager's OS name does ("Microsoft Windows NT Server 10.0", "... Workstation 10.0")
        name = product_name.casefold()
        if _SERVER_NAME.search(name):
            votes["product_name"] = True
        elif _CLIENT_NAME.search(name):
            votes["product_name"] = False
    return votes


_SERVER_NAME = re.compile(r"windows ?server|storage ?server|windows nt (advanced )?server")
_CLIENT_NAME = re.compile(r"windows ?(10|11|8|7)(?![0-9])|windows nt workstation")


def _edition(edition_id: str | None, sku: int | None, catalog: Catalog | None,
             product_name: str | None = None) -> Edition | None:
    by_id = None if not edition_id else edition_of_id(edition_id, catalog)
    by_sku = None if sku is None else edition_of_sku(sku, catalog)
    if by_id is not None and by_sku is not None and by_id != by_sku:
        raise InvalidSystemFactsError(
            f"contradictory system facts: edition id {edition_id!r} names {by_id.name}, "
            f"SKU {sku} names {by_sku.name}")
    if by_id is None and by_sku is None and product_name:
        return _edition_of_name(product_name, catalog)
    return by_id or by_sku


# The edition words of a server product name, most specific first ("Windows Storage Server
# 2016 Workgroup", "Microsoft Windows Server 2022 Datacenter: Azure Edition").
_NAMED_EDITIONS = (("storage", "workgroup", "Storage Workgroup"),
                   ("storage", "standard", "Storage Standard"),
                   ("", "datacenter", "Datacenter"), ("", "essentials", "Essentials"),
                   ("", "standard", "Standard"))


def _edition_of_name(product_name: str, catalog: Catalog | None) -> Edition | None:
    """The edition a server's product name (systeminfo's OS Name, WMI's Caption) states."""
    name = product_name.casefold()
    if not _SERVER_NAME.search(name):
        return None
    words = set(re.findall(r"[a-z]+", name))
    for needs, word, edition in _NAMED_EDITIONS:
        if word in words and (not needs or needs in words):
            return resolve_catalog(catalog).edition(edition)
    return None


# -- reading values ----------------------------------------------------------------------


def _mapping(values: object, what: str) -> Mapping[str, Any]:
    if isinstance(values, list) and len(values) == 1:  # ConvertTo-Json of one object in a list
        values = values[0]
    if not isinstance(values, Mapping):
        raise InvalidSystemFactsError(
            f"invalid system facts: {what} must be a mapping of names to values, "
            f"got {describe(values)}")
    return values


def _json(data: object, what: str) -> object:
    if not isinstance(data, str):
        return data
    if len(data) > _MAX_TEXT:
        raise InvalidSystemFactsError(f"invalid system facts: {what} longer than {_MAX_TEXT}")
    try:
        return json.loads(data.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        raise InvalidSystemFactsError(f"invalid system facts: {what} is not JSON: "
                                      f"{describe(data)}") from None


def _first(table: Mapping[str, Any], *names: str) -> object:
    for name in names:
        value = table.get(name)
        if value is not None and not (isinstance(value, str) and value == ""):
            return value
    return None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) or (type(value) is int and abs(value) < 10**18):
        return str(value)
    raise InvalidSystemFactsError(f"invalid system facts: expected text, got {describe(value)}")


def _int(value: object, name: str) -> int | None:
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer() and 0 <= value < 2**32:
        return int(value)  # a number column with a blank cell is float
    if isinstance(value, str) and whole_number(value.split(".")[0], text=True) is not None \
            and re.fullmatch(r"\s*[0-9]{1,10}(\.0+)?\s*", value):
        return int(value.split(".")[0])
    if isinstance(value, str) and re.fullmatch(r"\s*0x[0-9a-fA-F]{1,8}\s*", value):
        return int(value, 16)
    raise InvalidSystemFactsError(
        f"invalid system facts: {name} must be a whole number, got {describe(value)}")


_ENUM_NAMES = {"workstation": 1, "domaincontroller": 2, "server": 3}


def _enum(value: object, name: str) -> int | None:
    """A product type given as a number (WMI, PowerShell 5.1) or a name (PowerShell 7)."""
    if isinstance(value, str) and not re.fullmatch(r"\s*[0-9]+(\.0+)?\s*", value):
        key = re.sub(r"[\s_]", "", value).casefold()
        if key in _ENUM_NAMES:
            return _ENUM_NAMES[key]
        raise InvalidSystemFactsError(
            f"invalid system facts: {name} must be 1, 2, 3, WorkStation, DomainController or "
            f"Server, got {describe(value)}")
    return _int(value, name)


def _sku_of(value: object) -> int | None:
    """OsOperatingSystemSKU: a number, or an enumeration name such as 'StandardServerEdition'."""
    if isinstance(value, str) and not re.fullmatch(r"\s*[0-9]+(\.0+)?\s*", value):
        return None  # an enumeration name (PowerShell 7): the edition id decides
    return _int(value, "OsOperatingSystemSKU")


def _build(number: object, major: int | None, minor: int | None, ubr: int | None) -> Build:
    text = _text(number)
    found = None if text is None else whole_number(text, high=65535, text=True)
    if found is None:
        raise InvalidSystemFactsError(
            f"invalid system facts: CurrentBuild must be a build number, got {describe(number)}")
    kernel = parse_build(found)
    if major is not None and minor is not None:
        kernel = Build(major, minor, kernel.build)
    return Build(kernel.major, kernel.minor, kernel.build, ubr)


# systeminfo's labels in the languages Windows Server ships most, as real output prints them
# (the French apostrophe is U+2019, or ' where a console lost it)
_LABELS = {
    "name": ("os name", "betriebssystemname", "nom du système d\u2019exploitation",
             "nom du système d'exploitation", "nombre del sistema operativo", "os 名"),
    "version": ("os version", "betriebssystemversion", "version du système",
                "versión del sistema operativo", "os バージョン"),
    "configuration": ("os configuration", "betriebssystemkonfiguration",
                      "configuration du système d\u2019exploitation",
                      "configuration du système d'exploitation",
                      "configuración del sistema operativo", "os 構成"),
}
# words of the OS Configuration value, most specific first: a domain controller, then a
# workstation, then a server ("Contrôleur principal de domaine", "Station de travail
# autonome", "Servidor independiente", "スタンドアロン ワークステーション")
_CONFIGURATIONS = (
    (("domain controller", "domänencontroller", "contrôleur", "controlador de dominio",
      "ドメイン コントローラー"), 2),
    (("workstation", "arbeitsstation", "station de travail", "estación de trabajo",
      "ワークステーション"), 1),
    (("server", "serveur", "servidor", "サーバー"), 3),
)


def _field(fields: Mapping[str, str], name: str) -> str | None:
    return next((fields[label] for label in _LABELS[name] if fields.get(label)), None)


def _systeminfo_fields(text: str) -> dict[str, str]:
    """The fields of systeminfo's list form ("OS Name:   ...") or CSV form, keys folded."""
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    if lines and lines[0].lstrip().startswith('"'):
        import csv

        try:
            rows = list(csv.reader(lines[:2]))
        except csv.Error as exc:  # a field longer than csv reads (131,072 characters)
            raise InvalidSystemFactsError(
                f"invalid system facts: the systeminfo CSV cannot be read: {exc}") from None
        if len(rows) == 2 and len(rows[0]) == len(rows[1]):
            return {k.strip().casefold(): v.strip() for k, v in zip(*rows, strict=True)}
        return {}
    fields: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and not line.startswith(" "):
            fields.setdefault(key.strip().casefold(), value.strip())
    return fields
