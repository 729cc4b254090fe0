"""The embedded catalogue: every fact wsiot knows, as Python literals, each with its source.

This module holds data only; the rules that read it live elsewhere. Rows are
plain dictionaries so that the same shape serves the embedded catalogue and
catalogue files (see :mod:`wsiot.io.formats`). Dates are ISO strings; a lifecycle end
date is the last serviced day (Microsoft publishes it as 22:59:59.999 at
UTC-08:00 on that day).

When Microsoft changes a date: edit the row, cite the source, bump
``CATALOG_VERSION`` and ``DATA_AS_OF``, and add a CHANGELOG entry.
"""

from __future__ import annotations

from typing import Final, NotRequired, TypedDict

__all__ = [
    "CATALOG_VERSION",
    "CONTAINER_CLIENT_FROM_BUILD",
    "CONTAINER_HOSTS",
    "CONTAINER_MIN_BUILD",
    "CONTAINER_MIN_BUILD_SOURCE",
    "DATA_AS_OF",
    "EDITIONS",
    "PROHIBITED_APPLICATIONS",
    "QUALIFICATION_SOURCE",
    "RELEASES",
    "SOURCES",
    "WORKLOADS",
    "ApplicationRow",
    "ContainerHostRow",
    "DiscrepancyRow",
    "EditionRow",
    "ReleaseRow",
    "WorkloadRow",
]

CATALOG_VERSION: Final = "2026.11.23"
"""Version of the data, apart from the package version (year.month.day of the last revision)."""

DATA_AS_OF: Final = "2026-11-23"
"""The day the lifecycle dates below were last checked against their sources."""

_LC = "https://learn.microsoft.com/lifecycle/products/"


# -- the shape of each table's rows ---------------------------------------------


class EditionRow(TypedDict):
    """One edition: its name, purpose ("kind"), the caps that apply and their sources."""

    name: str
    kind: str
    purpose: str
    sources: tuple[str, ...]
    max_vms: NotRequired[int]
    unlimited_vms: NotRequired[bool]
    max_users: NotRequired[int]
    max_devices: NotRequired[int]
    aliases: NotRequired[tuple[str, ...]]
    network_services: NotRequired[bool]
    peripherals: NotRequired[bool]


class DiscrepancyRow(TypedDict):
    """A value another source gives for a release's field, and why it is not used."""

    field: str
    value: str
    source: str
    note: str


class ReleaseRow(TypedDict):
    """One release: its dates (ISO 8601), editions, identity and the sources of each date."""

    name: str
    version: str
    slug: str
    kernel: str
    released: str
    mainstream_end: str
    servicing_end: str
    editions: tuple[str, ...]
    equivalent_to: str
    link: str
    sources: dict[str, tuple[str, ...]]
    discrepancies: NotRequired[tuple[DiscrepancyRow, ...]]
    notes: NotRequired[tuple[str, ...]]
    aliases: NotRequired[tuple[str, ...]]


class WorkloadRow(TypedDict):
    """One scenario the IoT page names, its purpose and the names people use for it."""

    scenario: str
    title: str
    kind: str
    description: str
    aliases: tuple[str, ...]


class ApplicationRow(TypedDict):
    """One forbidden application category; ``bare`` words name it only when alone."""

    category: str
    title: str
    aliases: tuple[str, ...]
    bare: NotRequired[tuple[str, ...]]


class ContainerHostRow(TypedDict):
    """One container host and the use its licence allows."""

    host: str
    title: str
    use: str
    server: bool
    aliases: tuple[str, ...]


SOURCES: Final[dict[str, dict[str, str]]] = {
    "iot": {
        "title": "About Windows Server IoT (Microsoft Learn, version of 2024-11-04)",
        "url": "https://learn.microsoft.com/windows/iot/server/windows-server",
    },
    "iot-2022": {
        "title": "An overview of Windows Server IoT 2022 (Microsoft Learn, version of 2023-03-31)",
        "url": "https://learn.microsoft.com/windows/iot/server/windows-server",
    },
    "lc:windows-server-2025": {
        "title": "Windows Server 2025 lifecycle",
        "url": _LC + "windows-server-2025",
    },
    "lc:windows-server-2022": {
        "title": "Windows Server 2022 lifecycle (general-purpose twin of IoT 2022)",
        "url": _LC + "windows-server-2022",
    },
    "lc:windows-server-iot-2022": {
        "title": "Windows Server IoT 2022 lifecycle",
        "url": _LC + "windows-server-iot-2022",
    },
    "lc:windows-server-iot-2019": {
        "title": "Windows Server IoT 2019 lifecycle",
        "url": _LC + "windows-server-iot-2019",
    },
    "lc:windows-server-iot-2019-for-storage": {
        "title": "Windows Server IoT 2019 for Storage lifecycle",
        "url": _LC + "windows-server-iot-2019-for-storage",
    },
    "lc:windows-storage-server-2016": {
        "title": "Windows Storage Server 2016 lifecycle",
        "url": _LC + "windows-storage-server-2016",
    },
    "lc:windows-storage-server-2012-r2": {
        "title": "Windows Storage Server 2012 R2 lifecycle",
        "url": _LC + "windows-storage-server-2012-r2",
    },
    "lc:windows-storage-server-2012": {
        "title": "Windows Storage Server 2012 lifecycle",
        "url": _LC + "windows-storage-server-2012",
    },
    "lc:windows-server-2012-r2": {
        "title": "Windows Server 2012 R2 lifecycle (editions include Embedded Systems)",
        "url": _LC + "windows-server-2012-r2",
    },
    "lc:windows-server-2012": {
        "title": "Windows Server 2012 lifecycle (editions include Embedded Systems)",
        "url": _LC + "windows-server-2012",
    },
    "eol": {
        "title": "endoflife.date: Windows Server",
        "url": "https://endoflife.date/windows-server",
    },
    "editions-comparison": {
        "title": "Comparison of Windows Server editions (locks and limits)",
        "url": "https://learn.microsoft.com/windows-server/get-started/editions-comparison",
    },
    "essentials": {
        "title": "Windows Server Essentials documentation",
        "url": "https://learn.microsoft.com/windows-server-essentials/get-started/get-started",
    },
    "container-requirements": {
        "title": "Windows container requirements",
        "url": "https://learn.microsoft.com/virtualization/windowscontainers/deploy-containers/system-requirements",
    },
}

# -- editions -----------------------------------------------------------------
# kind: "general", "storage", "telecommunications" or "small-business".
# max_vms: virtual machines covered by one licence; None where no cap applies.

EDITIONS: Final[tuple[EditionRow, ...]] = (
    {
        "name": "Standard",
        "kind": "general",
        "purpose": (
            "A dedicated server that integrates with Active Directory (file, print and "
            "networking services) or needs a keyboard, monitor or mouse attached to do its job."
        ),
        "max_vms": 2,
        "sources": ("iot", "editions-comparison"),
    },
    {
        "name": "Datacenter",
        "kind": "general",
        "purpose": (
            "The same dedicated purpose as Standard, with no cap on the virtual machines "
            "one licence covers."
        ),
        "unlimited_vms": True,
        "sources": ("iot", "editions-comparison"),
    },
    {
        "name": "Essentials",
        "kind": "small-business",
        "purpose": (
            "A small dedicated server for at most 25 users and 50 devices; among the "
            "IoT releases, offered only in Windows Server IoT 2019."
        ),
        "max_users": 25,
        "max_devices": 50,
        "sources": ("lc:windows-server-iot-2019", "essentials"),
    },
    {
        "name": "Storage Standard",
        "kind": "storage",
        "purpose": (
            "A dedicated file server: network attached storage, a storage area network "
            "gateway, or another storage solution."
        ),
        "aliases": ("Storage Server Standard",),
        "sources": ("iot",),
    },
    {
        "name": "Storage Workgroup",
        "kind": "storage",
        "purpose": (
            "A small storage solution for 50 users or fewer that offers no network "
            "infrastructure services (file, print and the like) and needs no keyboard, "
            "monitor or mouse attached."
        ),
        "aliases": ("Workgroup", "Storage Server Workgroup"),
        "max_users": 50,
        "network_services": False,
        "peripherals": False,
        "sources": ("iot",),
    },
    {
        "name": "Telecommunications",
        "kind": "telecommunications",
        "purpose": (
            "A specialised telecommunications application: PBX, IP PBX, automated "
            "attendant, interactive voice response (IVR) or teleconferencing."
        ),
        "aliases": ("Telecom", "Telco"),
        "sources": ("iot",),
    },
)

# -- releases -----------------------------------------------------------------
# "sources" maps each dated field to the source keys that state it.
# "discrepancies" records values other sources give for the same field.

RELEASES: Final[tuple[ReleaseRow, ...]] = (
    {
        "name": "Windows Server IoT 2025",
        "version": "2025",
        "slug": "windows-server-iot-2025",
        "kernel": "10.0.26100",
        "released": "2024-11-01",
        "mainstream_end": "2029-11-13",
        "servicing_end": "2034-11-14",
        "editions": (
            "Standard",
            "Datacenter",
            "Storage Standard",
            "Storage Workgroup",
            "Telecommunications",
        ),
        "equivalent_to": "Windows Server 2025",
        "link": _LC + "windows-server-2025",
        "sources": {
            "released": ("lc:windows-server-2025", "iot"),
            "mainstream_end": ("lc:windows-server-2025", "eol"),
            "servicing_end": ("lc:windows-server-2025", "eol"),
            "editions": ("iot",),
        },
        "discrepancies": (
            {
                "field": "servicing_end",
                "value": "2034-10-10",
                "source": "iot",
                "note": "the IoT page still shows the pre-release end of servicing",
            },
            {
                "field": "mainstream_end",
                "value": "2029-10-09",
                "source": "eol",
                "note": "endoflife.date's figure until July 2026 (the IoT page has no mainstream "
                "column); superseded by the lifecycle page",
            },
            {
                "field": "released",
                "value": "1014-11-01",
                "source": "iot",
                "note": "a typo once shown on the IoT page, since corrected to 2024-11-01",
            },
        ),
        "notes": (
            "Microsoft publishes no per-release edition list for IoT 2025; the editions "
            "are those of the version-agnostic table on the IoT page.",
        ),
    },
    {
        "name": "Windows Server IoT 2022",
        "version": "2022",
        "slug": "windows-server-iot-2022",
        "kernel": "10.0.20348",
        "released": "2021-08-18",
        "mainstream_end": "2026-10-13",
        "servicing_end": "2031-10-14",
        "editions": (
            "Datacenter",
            "Standard",
            "Storage Standard",
            "Storage Workgroup",
            "Telecommunications",
        ),
        "equivalent_to": "Windows Server 2022",
        "link": _LC + "windows-server-iot-2022",
        "sources": {
            "released": ("lc:windows-server-iot-2022", "iot"),
            "mainstream_end": ("lc:windows-server-iot-2022",),
            "servicing_end": ("lc:windows-server-iot-2022", "iot"),
            "editions": ("lc:windows-server-iot-2022",),
        },
        "discrepancies": (
            {
                "field": "released",
                "value": "2021-11-02",
                "source": "lc:windows-server-2022",
                "note": "the general-purpose Windows Server 2022 lifecycle record once gave this "
                "start; the IoT 2022 record always said 2021-08-18",
            },
        ),
    },
    {
        "name": "Windows Server IoT 2019",
        "version": "2019",
        "slug": "windows-server-iot-2019",
        "kernel": "10.0.17763",
        "released": "2019-03-04",
        "mainstream_end": "2024-01-09",
        "servicing_end": "2029-01-09",
        "editions": ("Datacenter", "Essentials", "Standard", "Telecommunications"),
        "equivalent_to": "Windows Server 2019",
        "link": _LC + "windows-server-iot-2019",
        "sources": {
            "released": ("lc:windows-server-iot-2019", "iot"),
            "mainstream_end": ("lc:windows-server-iot-2019",),
            "servicing_end": ("lc:windows-server-iot-2019", "iot"),
            "editions": ("lc:windows-server-iot-2019",),
        },
    },
    {
        "name": "Windows Server IoT 2019 for Storage",
        "version": "2019 for Storage",
        "slug": "windows-server-iot-2019-for-storage",
        "aliases": ("2019-storage", "IoT 2019 Storage"),
        "kernel": "10.0.17763",
        "released": "2019-03-04",
        "mainstream_end": "2024-01-09",
        "servicing_end": "2029-01-09",
        "editions": ("Storage Standard", "Storage Workgroup"),
        "equivalent_to": "Windows Server 2019",
        "link": _LC + "windows-server-iot-2019-for-storage",
        "sources": {
            "released": ("lc:windows-server-iot-2019-for-storage", "iot-2022"),
            "mainstream_end": ("lc:windows-server-iot-2019-for-storage",),
            "servicing_end": ("lc:windows-server-iot-2019-for-storage", "iot-2022"),
            "editions": ("lc:windows-server-iot-2019-for-storage",),
        },
    },
    {
        "name": "Windows Storage Server 2016",
        "version": "Storage 2016",
        "slug": "windows-storage-server-2016",
        "kernel": "10.0.14393",
        "released": "2016-10-15",
        "mainstream_end": "2022-01-11",
        "servicing_end": "2027-01-12",
        "editions": ("Storage Standard", "Storage Workgroup"),
        "equivalent_to": "Windows Server 2016",
        "link": _LC + "windows-storage-server-2016",
        "sources": {
            "released": ("lc:windows-storage-server-2016",),
            "mainstream_end": ("lc:windows-storage-server-2016",),
            "servicing_end": ("lc:windows-storage-server-2016",),
            "editions": ("lc:windows-storage-server-2016",),
        },
    },
    {
        "name": "Windows Storage Server 2012 R2",
        "version": "Storage 2012 R2",
        "slug": "windows-storage-server-2012-r2",
        "kernel": "6.3.9600",
        "released": "2013-11-25",
        "mainstream_end": "2018-10-09",
        "servicing_end": "2023-10-10",
        "editions": ("Essentials", "Storage Standard", "Storage Workgroup"),
        "equivalent_to": "Windows Server 2012 R2",
        "link": _LC + "windows-storage-server-2012-r2",
        "sources": {
            "released": ("lc:windows-storage-server-2012-r2",),
            "mainstream_end": ("lc:windows-storage-server-2012-r2",),
            "servicing_end": ("lc:windows-storage-server-2012-r2",),
            "editions": ("lc:windows-storage-server-2012-r2",),
        },
        "notes": (
            "Windows Server 2012 R2 had paid Extended Security Updates to 2026-10-13; no "
            "Storage Server lifecycle page lists them, so none are recorded here.",
            "The Essentials edition started later than the others, on 2014-09-25 (a note on "
            "the lifecycle record).",
        ),
    },
    {
        "name": "Windows Storage Server 2012",
        "version": "Storage 2012",
        "slug": "windows-storage-server-2012",
        "kernel": "6.2.9200",
        "released": "2012-10-30",
        "mainstream_end": "2018-10-09",
        "servicing_end": "2023-10-10",
        "editions": ("Storage Standard", "Storage Workgroup"),
        "equivalent_to": "Windows Server 2012",
        "link": _LC + "windows-storage-server-2012",
        "sources": {
            "released": ("lc:windows-storage-server-2012",),
            "mainstream_end": ("lc:windows-storage-server-2012",),
            "servicing_end": ("lc:windows-storage-server-2012",),
            "editions": ("lc:windows-storage-server-2012",),
        },
        "notes": (
            "Windows Server 2012 had paid Extended Security Updates to 2026-10-13; no "
            "Storage Server lifecycle page lists them, so none are recorded here.",
        ),
    },
    {
        "name": "Windows Server 2012 R2 for Embedded Systems",
        "version": "Embedded 2012 R2",
        "slug": "windows-server-2012-r2-for-embedded-systems",
        "kernel": "6.3.9600",
        "released": "2013-11-25",
        "mainstream_end": "2018-10-09",
        "servicing_end": "2023-10-10",
        "editions": (),
        "equivalent_to": "Windows Server 2012 R2",
        "link": _LC + "windows-server-2012-r2",
        "sources": {
            "released": ("lc:windows-server-2012-r2",),
            "mainstream_end": ("lc:windows-server-2012-r2",),
            "servicing_end": ("lc:windows-server-2012-r2",),
        },
        "notes": (
            "An edition of Windows Server 2012 R2 itself; its own edition list is not "
            "recorded, so no edition is offered for it here.",
            "The Windows Server 2012 R2 lifecycle record, whose editions include for Embedded "
            "Systems, lists paid Extended Security Update years to 2026-10-13 for the "
            "product; it does not say whether the Embedded edition could buy them, so no "
            "ESU end is recorded here.",
        ),
    },
    {
        "name": "Windows Server 2012 for Embedded Systems",
        "version": "Embedded 2012",
        "slug": "windows-server-2012-for-embedded-systems",
        "kernel": "6.2.9200",
        "released": "2012-10-30",
        "mainstream_end": "2018-10-09",
        "servicing_end": "2023-10-10",
        "editions": (),
        "equivalent_to": "Windows Server 2012",
        "link": _LC + "windows-server-2012",
        "sources": {
            "released": ("lc:windows-server-2012",),
            "mainstream_end": ("lc:windows-server-2012",),
            "servicing_end": ("lc:windows-server-2012",),
        },
        "notes": (
            "An edition of Windows Server 2012 itself; its own edition list is not "
            "recorded, so no edition is offered for it here.",
            "The Windows Server 2012 lifecycle record, whose editions include for Embedded "
            "Systems, lists paid Extended Security Update years to 2026-10-13 for the "
            "product; it does not say whether the Embedded edition could buy them, so no "
            "ESU end is recorded here.",
        ),
    },
)

# -- workloads ----------------------------------------------------------------
# The scenarios the IoT page names, with the purpose each belongs to ("general",
# "storage" or "telecommunications") and the names people use for them.

WORKLOADS: Final[tuple[WorkloadRow, ...]] = (
    {
        "scenario": "video-surveillance",
        "title": "Video surveillance analytics",
        "kind": "general",
        "description": "Analysing many video streams in surveillance and security monitoring.",
        "aliases": ("video surveillance", "surveillance", "security monitoring", "cctv",
                    "video analytics", "nvr", "network video recorder", "video recorder",
                    "video management system"),
    },
    {
        "scenario": "industrial-automation",
        "title": "Industrial automation and defect detection",
        "kind": "general",
        "description": (
            "Monitoring the health of industrial automation equipment, or detecting defects "
            "on high-speed manufacturing lines."
        ),
        "aliases": ("industrial automation", "defect detection", "manufacturing",
                    "machine monitoring", "factory"),
    },
    {
        "scenario": "intelligent-buildings",
        "title": "Intelligent buildings",
        "kind": "general",
        "description": "Optimising energy use, or monitoring fire and life safety across a building.",
        "aliases": ("smart building", "building automation", "energy management",
                    "fire and life safety", "intelligent building"),
    },
    {
        "scenario": "medical-imaging",
        "title": "Medical imaging (PACS)",
        "kind": "general",
        "description": "Picture archiving and communication systems storing and serving patient images.",
        "aliases": ("pacs", "medical imaging", "picture archiving",
                    "picture archiving and communication system"),
    },
    {
        "scenario": "media-streaming",
        "title": "Audio and video communication and streaming",
        "kind": "general",
        "description": "Live media, entertainment workflows and audio or video streaming.",
        "aliases": ("streaming", "live media", "media", "video streaming", "broadcast",
                    "entertainment"),
    },
    {
        "scenario": "network-storage",
        "title": "Network attached storage and storage analytics",
        "kind": "storage",
        "description": (
            "Heavy-duty network attached storage, storage area network gateways and "
            "storage analytics."
        ),
        "aliases": ("nas", "network attached storage", "storage", "storage analytics",
                    "san gateway", "san", "file server", "backup appliance"),
    },
    {
        "scenario": "telecommunications",
        "title": "Telecommunications",
        "kind": "telecommunications",
        "description": (
            "PBX and IP PBX switchboards, automated attendants, interactive voice response, "
            "teleconferencing and call centres."
        ),
        "aliases": ("telecom", "pbx", "ip pbx", "ivr", "interactive voice response",
                    "automated attendant", "teleconferencing", "call centre", "call center",
                    "contact centre", "contact center"),
    },
    {
        "scenario": "edge-analytics",
        "title": "Edge data aggregation and analytics",
        "kind": "general",
        "description": (
            "Aggregating data from downstream devices and analysing it on-premises, "
            "alone or in hybrid scenarios with Azure."
        ),
        "aliases": ("edge analytics", "data aggregation", "edge", "hybrid azure", "iot edge"),
    },
    {
        "scenario": "large-database",
        "title": "Large on-premises database",
        "kind": "general",
        "description": "Maintaining databases too large to move to the cloud.",
        "aliases": ("database", "large database", "on-premises database"),
    },
    {
        "scenario": "enterprise-gateway",
        "title": "Gateway to enterprise IT",
        "kind": "general",
        "description": "Serving as the gateway between devices and enterprise IT infrastructure.",
        "aliases": ("gateway", "iot gateway", "enterprise gateway", "enterprise it gateway"),
    },
)

# -- licence qualifications ---------------------------------------------------
# The commercial applications a Windows Server IoT appliance may not run (IoT page,
# "License Qualifications"), with the names people give them.

PROHIBITED_APPLICATIONS: Final[tuple[ApplicationRow, ...]] = (
    {
        "category": "accounting",
        "title": "Accounting",
        "aliases": ("accounting software", "general ledger", "accounts payable",
                    "accounts receivable", "bookkeeping software"),
        "bare": ("bookkeeping",),
    },
    {
        "category": "messaging",
        "title": "Messaging or enterprise email",
        "aliases": ("enterprise email", "email server", "e-mail server", "mail server",
                    "messaging server", "smtp server", "email client", "mail client",
                    "webmail", "instant messaging", "team chat"),
        "bare": ("email", "e-mail", "messaging", "mail"),
    },
    {
        "category": "erp",
        "title": "Enterprise resource planning",
        "aliases": ("enterprise resource planning", "erp software"),
    },
    {
        "category": "calendaring",
        "title": "Web-based time management (appointments, meetings, calendaring)",
        "aliases": ("web-based time management", "meeting scheduling", "web calendar",
                    "appointment scheduling", "appointment booking", "shared calendar",
                    "team calendar"),
        "bare": ("time management", "calendar", "calendaring", "scheduling", "appointments"),
    },
    {
        "category": "exchange",
        "title": "Microsoft Exchange Server",
        "aliases": ("exchange server", "microsoft exchange", "outlook web access", "owa",
                    "outlook web app"),
        "bare": ("exchange",),
    },
    {
        "category": "sharepoint",
        "title": "Microsoft SharePoint Portal Server",
        "aliases": ("sharepoint", "sharepoint server", "sharepoint portal server",
                    "microsoft sharepoint"),
    },
    {
        "category": "collaboration",
        "title": "Team collaboration software",
        "aliases": ("team collaboration", "team collaboration software", "groupware",
                    "collaboration suite"),
        "bare": ("collaboration",),
    },
    {
        "category": "word-processing",
        "title": "Word processing",
        "aliases": ("word processing", "word processor", "microsoft word", "office suite"),
    },
    {
        "category": "crm",
        "title": "Customer relationship management",
        "aliases": ("customer relationship management", "crm software", "salesforce-style crm",
                    "sales crm"),
    },
)

QUALIFICATION_SOURCE: Final = "iot"
"""The source of every licence qualification rule."""

# -- containers ---------------------------------------------------------------
# Hosts named by the container note of the IoT 2022 page ("iot-2022"); "use" is what the
# note allows; builds before "min_build" have no Windows containers at all.

CONTAINER_MIN_BUILD: Final = 14393
CONTAINER_MIN_BUILD_SOURCE: Final = "container-requirements"
CONTAINER_CLIENT_FROM_BUILD: Final = 17763

CONTAINER_HOSTS: Final[tuple[ContainerHostRow, ...]] = (
    {"host": "windows-server", "title": "Windows Server", "use": "commercial", "server": True,
     "aliases": ("server",)},
    {"host": "windows-iot-server", "title": "Windows IoT Server", "use": "commercial",
     "server": True, "aliases": ("windows server iot", "iot server", "server iot")},
    {"host": "windows-iot-enterprise", "title": "Windows IoT Enterprise", "use": "commercial",
     "server": False, "aliases": ("iot enterprise", "windows 10 iot enterprise",
                                  "windows 11 iot enterprise")},
    {"host": "windows-iot-core", "title": "Windows IoT Core", "use": "commercial",
     "server": False, "aliases": ("iot core", "windows 10 iot core")},
    {"host": "windows-enterprise", "title": "Windows Enterprise", "use": "dev-test",
     "server": False, "aliases": ("enterprise", "windows 10 enterprise", "windows 11 enterprise")},
    {"host": "windows-professional", "title": "Windows Professional", "use": "dev-test",
     "server": False, "aliases": ("professional", "pro", "windows pro", "windows 10 pro",
                                  "windows 11 pro")},
)
