"""Windows Server roles and features, and what the editions' described purposes say of them.

Each row names a role or feature as ``Get-WindowsFeature`` reports it (its ``Name``, which
is never localised), the group it belongs to, and the edition kinds on which it is
*failed* (the edition's wording excludes it) or *review* (beyond the edition's described
purpose: a person decides). Sources: the edition table of the Windows Server IoT page
(source ``iot``): "Storage Workgroup: a small storage solution (for 50 users or less) that
does NOT require network infrastructure services (file, print, etc.)"; "Storage Standard: a
dedicated file server appropriate for Network Attached Storage, Storage Area Network
Gateway, or another storage solution"; "Telecommunications: a specialized
telecommunications application such as PBX, IP PBX, Automated Attendant, IVR, or
teleconferencing"; and its licensing section: an appliance "can't be used as a substitute
for a general-purpose computing device".
"""

from __future__ import annotations

from typing import Final, TypedDict

__all__ = ["EXCLUDED_BY", "ROLES", "ROLES_SOURCE", "ROLE_GROUPS", "Role"]

ROLES_SOURCE: Final = "iot"
"""The source key (of ``wsiot.data.lifecycle.SOURCES``) every row cites."""


class Role(TypedDict):
    """A role or feature (its Get-WindowsFeature ``Name``), its group, and the edition kinds
    ("general", "storage", "telecommunications", "small-business", "any") on which it fails
    the edition's purpose or needs review."""

    name: str
    group: str
    failed_on: tuple[str, ...]
    review_on: tuple[str, ...]


ROLE_GROUPS: Final[dict[str, str]] = {
    "network-infrastructure": "a network infrastructure service",
    "user-desktops": "a role that serves user desktops and applications to people, which is "
                     "general-purpose use",
    "web-server": "a web server",
    "collaboration-prerequisite": "a role Exchange and SharePoint need",
}
"""What each group is."""

EXCLUDED_BY: Final[dict[str, str]] = {
    "storage-workgroup": "Storage Workgroup \"does NOT require network infrastructure services "
                         "(file, print, etc.)\"",
    "any": "every edition's appliance \"can't be used as a substitute for a general-purpose "
           "computing device\"",
}
"""The edition wording that fails a group on an edition kind."""

ROLES: Final[tuple[Role, ...]] = (
    {"name": "AD-Domain-Services", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("storage", "telecommunications")},
    {"name": "DNS", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("storage", "telecommunications")},
    {"name": "DHCP", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("storage", "telecommunications")},
    {"name": "Print-Services", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("telecommunications",)},
    {"name": "Print-Server", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("telecommunications",)},
    {"name": "NPAS", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("storage", "telecommunications")},
    {"name": "WDS", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("storage", "telecommunications")},
    {"name": "ADCS-Cert-Authority", "group": "network-infrastructure",
     "failed_on": ("storage-workgroup",), "review_on": ("storage", "telecommunications")},
    {"name": "RDS-RD-Server", "group": "user-desktops",
     "failed_on": ("any",), "review_on": ()},
    {"name": "Web-Server", "group": "web-server",
     "failed_on": (), "review_on": ("storage", "storage-workgroup")},
    {"name": "NET-WCF-HTTP-Activation45", "group": "collaboration-prerequisite",
     "failed_on": (), "review_on": ("storage", "storage-workgroup", "telecommunications")},
    {"name": "Web-Windows-Auth", "group": "collaboration-prerequisite",
     "failed_on": (), "review_on": ("storage", "storage-workgroup", "telecommunications")},
)
"""The roles the editions' wording speaks to; any other is not judged."""
