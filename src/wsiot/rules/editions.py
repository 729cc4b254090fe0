"""Choosing the edition for a workload: :func:`edition_for` and :func:`recommend_edition`.

The rule, from the licence page's edition table:

1. The edition's purpose must match the workload's: telecommunications
   workloads take Telecommunications; storage workloads take a Storage edition;
   every other workload takes a general edition (Standard, Datacenter, Essentials).
2. The target release must offer it. Without a target release, wsiot targets
   the newest release in the catalogue (a new appliance ships on it).
3. The workload must fit the edition's limits: users, devices, virtual machines
   per licence, no network infrastructure services, no peripherals; a
   Storage Workgroup server does not join an Active Directory domain. A limit
   the workload leaves unknown (``users=None``) is never assumed to fit.
4. Among the editions left, the most constrained one wins: the smallest licence
   that does the job (Storage Workgroup before Storage Standard; Essentials
   before Standard before Datacenter).

Essentials follows from the same rule: it is offered only in Windows Server IoT
2019, so it is chosen only when that release is the target, the workload is a
general one with at most 25 users and 50 devices (both given), needs no
virtual machines (wsiot records no virtualisation rights for Essentials) and no
Active Directory integration with an existing domain (the purpose of Standard
and Datacenter).

>>> import wsiot
>>> wsiot.edition_for("nas", users=30)
<Edition 'Storage Workgroup'>
>>> wsiot.edition_for("nas", users=51)
<Edition 'Storage Standard'>
>>> wsiot.edition_for("video surveillance", virtual_machines=4)
<Edition 'Datacenter'>
"""

from __future__ import annotations

from typing import Any

import attrs

from wsiot.errors import ConflictingRequirementsError, NoEditionError, describe
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Edition, EditionKind, Release
from wsiot.model.workloads import Scenario, Workload, workload
from wsiot.render.html import html_block, html_table
from wsiot.rules.limits import limit_problems

__all__ = ["EditionRecommendation", "Rejection", "edition_for", "recommend_edition"]

_PURPOSE = {
    "telecommunications": (EditionKind.TELECOMMUNICATIONS,),
    "storage": (EditionKind.STORAGE,),
    "general": (EditionKind.GENERAL, EditionKind.SMALL_BUSINESS),
}
_PURPOSE_WORDS = {
    "telecommunications": "telecommunications workloads take the Telecommunications edition",
    "storage": "storage workloads take a Storage edition",
    "general": "workloads other than storage and telecommunications take a general edition",
}


@attrs.frozen
class Rejection:
    """Why one edition was not chosen; ``field`` names the requirement that ruled it out."""

    edition: Edition
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.edition.name}: {self.reason}"


@attrs.frozen(kw_only=True)
class EditionRecommendation:
    """The edition chosen for a workload, why, and why each other edition was not.

    ``bool()`` is always true: when nothing fits, :func:`recommend_edition`
    raises instead of returning.
    """

    workload: Workload
    release: Release
    edition: Edition
    reasons: tuple[str, ...]
    rejected: tuple[Rejection, ...]

    def __str__(self) -> str:
        lines = [f"{self.edition.name} for {self.workload.scenario.title} on {self.release.name}"]
        lines += [f"  because {reason}" for reason in self.reasons]
        lines += [f"  not {rejection}" for rejection in self.rejected]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title = f"{self.edition.name} for {self.workload.scenario.title} on {self.release.name}"
        table = html_table(["Edition", "Not chosen because"],
                           [(r.edition.name, r.reason) for r in self.rejected])
        return html_block(title, table, items=self.reasons)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "edition": self.edition.name,
            "release": self.release.name,
            "workload": self.workload.to_dict(),
            "reasons": list(self.reasons),
            "rejected": [
                {"edition": r.edition.name, "field": r.field, "reason": r.reason}
                for r in self.rejected
            ],
        }


def _constraint_count(edition: Edition) -> int:
    limits = (edition.max_users, edition.max_devices, edition.max_vms)
    return sum(v is not None for v in limits) + (not edition.network_services) + (
        not edition.peripherals
    )


def _fit_reasons(edition: Edition, load: Workload, release: Release) -> tuple[str, ...]:
    reasons = [_PURPOSE_WORDS[load.kind], f"{release.name} offers it"]
    if edition.max_users is not None:
        reasons.append(f"{load.users} users is within its limit of {edition.max_users}")
    if edition.max_devices is not None:
        reasons.append(f"{load.devices} devices is within its limit of {edition.max_devices}")
    if edition.max_vms is not None:
        reasons.append(
            f"{load.virtual_machines} virtual machines fit the {edition.max_vms} one licence covers"
        )
    if not edition.network_services:
        reasons.append("the workload offers no network infrastructure services")
    if not edition.peripherals:
        reasons.append("the workload needs no keyboard, monitor or mouse")
    if edition.kind is EditionKind.SMALL_BUSINESS:
        reasons.append("the workload needs no virtual machines and no Active Directory integration")
    reasons.append("it is the most constrained edition that fits, so the smallest licence needed")
    return tuple(reasons)


def _why_not(edition: Edition, load: Workload, target: Release) -> tuple[str, str] | None:
    """Why ``edition`` cannot serve ``load`` on ``target``, as (field, reason); None if it can."""
    if edition.kind not in _PURPOSE[load.kind]:
        return "scenario", f"its purpose does not match: {_PURPOSE_WORDS[load.kind]}"
    if not target.offers(edition):
        return "release", f"{target.name} does not offer it"
    limits = limit_problems(edition, load)
    return (limits[0].field, limits[0].reason) if limits else None


def recommend_edition(
    load: Workload | Scenario | str,
    release: Release | str | int | None = None,
    *,
    catalog: Catalog | None = None,
    **requirements: Any,
) -> EditionRecommendation:
    """The edition for ``load``, with the reasons and every other edition's rejection.

    ``load`` is a :class:`~wsiot.Workload` or a workload name; ``requirements``
    (``users=30``, ...) adjust it. ``release`` overrides the workload's target
    release. Raises :class:`~wsiot.NoEditionError` when nothing fits and
    :class:`~wsiot.ConflictingRequirementsError` when a required edition
    contradicts the other requirements.

    >>> import wsiot
    >>> rec = wsiot.recommend_edition("pacs", release="2019", users=20, devices=40)
    >>> rec.edition.name
    'Essentials'
    >>> [str(r) for r in rec.rejected][:2]
    ['Standard: a more constrained edition fits', 'Datacenter: a more constrained edition fits']
    """
    cat = resolve_catalog(catalog)
    load = workload(load, **requirements)
    target_key = release if release is not None else load.release
    target = cat.releases[0] if target_key is None else cat.release(target_key)
    required = None if load.edition is None else cat.edition(load.edition)

    problems = {edition: _why_not(edition, load, target) for edition in cat.editions}
    if required is not None:
        problem = problems.get(required) or _why_not(required, load, target)
        if problem is not None:
            raise ConflictingRequirementsError(
                f"conflicting requirements: the workload requires {required.name}, but "
                f"{problem[1]} (field {describe(problem[0])})",
                field=problem[0],
            )
    fitting = [edition for edition, problem in problems.items() if problem is None]
    if required is None and not fitting:
        raise NoEditionError(
            f"no edition fits {load.scenario.title} on {target.name}"
            + _twin_hint(cat, load, target),
            [str(Rejection(edition, *problem)) for edition, problem in problems.items() if problem],
        )
    # the required edition, or the first of the most constrained in catalogue order
    chosen = required if required is not None else max(fitting, key=_constraint_count)
    other = ("edition", "the workload requires another edition" if required is not None
             else "a more constrained edition fits")
    rejected = tuple(Rejection(edition, *(problem or other))
                     for edition, problem in problems.items() if edition != chosen)
    reasons = _fit_reasons(chosen, load, target)
    if required is not None:
        reasons = (f"the workload requires {chosen.name}", *reasons[:-1])
    return EditionRecommendation(
        workload=load, release=target, edition=chosen, reasons=reasons, rejected=rejected
    )


def _twin_hint(cat: Catalog, load: Workload, target: Release) -> str:
    """Where a release that shares ``target``'s build has an edition that fits, say so."""
    for other in cat.releases_for(target.kernel):
        if other != target and any(_why_not(e, load, other) is None for e in cat.editions):
            return f"; {other.name} (release {other.version!r}, same build) has one"
    return ""


def edition_for(
    load: Workload | Scenario | str,
    release: Release | str | int | None = None,
    *,
    catalog: Catalog | None = None,
    **requirements: Any,
) -> Edition:
    """The edition to license for ``load``: ``recommend_edition(...).edition``.

    >>> import wsiot
    >>> wsiot.edition_for("ivr")
    <Edition 'Telecommunications'>
    >>> wsiot.edition_for("nas", release="2019")
    Traceback (most recent call last):
      ...
    wsiot.errors.NoEditionError: no edition fits Network attached storage and storage analytics on Windows Server IoT 2019; Windows Server IoT 2019 for Storage (release '2019 for Storage', same build) has one
      - Standard: its purpose does not match: storage workloads take a Storage edition
      ...
    """
    return recommend_edition(load, release, catalog=catalog, **requirements).edition
