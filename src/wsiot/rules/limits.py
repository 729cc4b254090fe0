"""Whether a workload fits an edition's limits: one rule for choosing and for qualifying.

>>> import wsiot
>>> from wsiot.rules.limits import limit_problems
>>> [str(p) for p in limit_problems(wsiot.edition("Storage Workgroup"), wsiot.workload("nas"))]
['users: it allows at most 50 users, and the workload does not say how many']
"""

from __future__ import annotations

import attrs

from wsiot.model.release import Edition, EditionKind
from wsiot.model.workloads import UNLIMITED, Workload

__all__ = ["LimitProblem", "limit_problems"]


@attrs.frozen
class LimitProblem:
    """One limit a workload breaks, or cannot be shown to keep (``unknown``)."""

    field: str
    reason: str
    unknown: bool = False

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


def limit_problems(edition: Edition, load: Workload) -> list[LimitProblem]:
    """Every limit of ``edition`` that ``load`` breaks or leaves unknown, in a fixed order.

    Users and devices left unknown are never assumed to fit. A Storage edition
    that allows no network infrastructure services (Workgroup) does not join an
    Active Directory domain. An edition with no virtualisation rights recorded
    (neither a cap nor "unlimited") is never assumed to fit a need for virtual
    machines. Essentials (small business) does not integrate with an existing domain.
    """
    problems = []
    for field, limit in (("users", edition.max_users), ("devices", edition.max_devices)):
        if limit is None:
            continue
        count = load.users if field == "users" else load.devices
        if count is None:
            problems.append(LimitProblem(
                field, f"it allows at most {limit} {field}, and the workload does not say how many",
                unknown=True))
        elif count > limit:
            problems.append(LimitProblem(
                field, f"it allows at most {limit} {field}; the workload has {count}"))
    vms = load.virtual_machines
    if edition.max_vms is not None and (vms == UNLIMITED or vms > edition.max_vms):
        problems.append(LimitProblem(
            "virtual_machines",
            f"one licence covers {edition.max_vms} virtual machines; the workload needs {vms}"))
    if vms != 0 and edition.max_vms is None and not edition.unlimited_vms:
        problems.append(LimitProblem(
            "virtual_machines",
            f"no virtualisation rights are recorded for it; the workload needs {vms}",
            unknown=True))
    if edition.kind is EditionKind.SMALL_BUSINESS and load.active_directory:
        problems.append(LimitProblem(
            "active_directory",
            "integrating with an existing Active Directory is the purpose of Standard "
            "and Datacenter"))
    if not edition.network_services and load.network_services:
        problems.append(LimitProblem(
            "network_services", "it does not allow offering network infrastructure services"))
    if not edition.peripherals and load.peripherals:
        problems.append(LimitProblem("peripherals", "it does not allow a keyboard, monitor or mouse"))
    if edition.kind is EditionKind.STORAGE and not edition.network_services and load.active_directory:
        problems.append(LimitProblem(
            "active_directory", "a workgroup server does not join an Active Directory domain"))
    return problems
