"""Installed roles and features against the edition's described purpose.

>>> import wsiot
>>> [str(f) for f in role_findings(wsiot.edition("Storage Workgroup"), ["FS-FileServer", "DNS"])]
['failed: DNS is a network infrastructure service: Storage Workgroup "does NOT require network infrastructure services (file, print, etc.)"']
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wsiot.data import roles as _roles
from wsiot.model.release import Edition, EditionKind

__all__ = ["RoleFinding", "role_findings"]

_BY_NAME = {row["name"].casefold(): row for row in _roles.ROLES}


@attrs.frozen
class RoleFinding:
    """One installed role the edition's wording excludes (``failed``) or that goes beyond its
    described purpose (``review``), and why."""

    outcome: str
    role: str
    reason: str

    def __str__(self) -> str:
        return f"{self.outcome}: {self.role} is {self.reason}"


def _kinds(edition: Edition) -> set[str]:
    kinds = {edition.kind.value, "any"}
    if edition.kind is EditionKind.STORAGE and not edition.network_services:
        kinds.add("storage-workgroup")
    return kinds


def _row(role: str) -> _roles.Role | None:
    """The row of a role name, also one the printed table cut with "..." (or "…") where only
    one row begins so."""
    key = role.strip().casefold().replace("\u2026", "...")  # PowerShell 7 cuts with "…"
    if not key.endswith("...") or key in _BY_NAME:
        return _BY_NAME.get(key)
    begun = [row for name, row in _BY_NAME.items() if name.startswith(key[:-3])]
    return begun[0] if len(begun) == 1 else None


def role_findings(edition: Edition, roles: Iterable[str]) -> list[RoleFinding]:
    """What the edition's purpose says of each installed role wsiot knows, failed first; a
    role the editions' wording does not speak to is not judged."""
    kinds = _kinds(edition)
    failed, review = [], []
    rows = (_row(role) for role in roles if isinstance(role, str))
    for row in {id(row): row for row in rows if row is not None}.values():
        what = _roles.ROLE_GROUPS[row["group"]]
        if excluded := kinds & set(row["failed_on"]):
            kind = min(excluded)  # "any" sorts before the edition kinds
            failed.append(RoleFinding("failed", row["name"],
                                      f"{what}: {_roles.EXCLUDED_BY[kind]}"))
        elif kinds & set(row["review_on"]):
            review.append(RoleFinding("review", row["name"], f"{what}, beyond the described "
                                      f"purpose of {edition.name} (\"{edition.purpose}\"): a "
                                      "person decides"))
    return failed + review
