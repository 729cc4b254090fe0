"""An appliance as its maker describes it: :class:`Appliance`, every fact checked on the way in.

A fact left unknown stays None; the qualification rules treat it as unknown, never
as passed.

>>> import wsiot
>>> wsiot.Appliance(name="Contoso NAS-4000", dedicated=True).dedicated
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from wsiot.errors import InvalidApplianceError, describe
from wsiot.model.applications import (
    Application,
    ApplicationMatch,
    DeclaredApplication,
    Recognition,
    explain_application,
)
from wsiot.model.installed import InstalledSoftware
from wsiot.model.release import Edition, Release
from wsiot.model.workloads import Workload
from wsiot.values.validators import Validator, with_article

__all__ = ["Appliance", "ApplicationLike"]


def _optional_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not bool:
        raise InvalidApplianceError(
            f"invalid appliance: {attribute.name} must be True, False or None (unknown), "
            f"got {describe(value)}",
            field=attribute.name,
        )


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidApplianceError(
            f"invalid appliance: {attribute.name} must be a string or None, got {describe(value)}",
            field=attribute.name,
        )


def _name(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidApplianceError(
            f"invalid appliance: name must be a non-empty string, got {describe(value)}", field="name"
        )


ApplicationLike = str | Application | DeclaredApplication
"""An application as an appliance lists it: a name, a category, or a declared application."""


def _applications(value: object) -> tuple[ApplicationLike, ...] | None:
    if value is None:
        return None
    if isinstance(value, str | Mapping) or not isinstance(value, Iterable):
        raise InvalidApplianceError(
            f"invalid appliance: applications must be a list of names or None (unknown), "
            f"got {describe(value)}",
            field="applications",
        )
    items: list[ApplicationLike] = []
    for item in value:
        if isinstance(item, Mapping):
            unknown = sorted(set(item) - {"name", "category"}, key=str)
            if unknown or "name" not in item or "category" not in item:
                raise InvalidApplianceError(
                    "invalid appliance: a declared application is a table with exactly "
                    f"'name' and 'category', got {describe(dict(item))}", field="applications")
            item = DeclaredApplication(name=item["name"], category=item["category"])
        if not isinstance(item, str | Application | DeclaredApplication):
            raise InvalidApplianceError(
                f"invalid appliance: each application must be a name, got {describe(item)}",
                field="applications",
            )
        items.append(item)
    return tuple(items)


def _named(kind: type[Release] | type[Edition]) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, str | kind):
            raise InvalidApplianceError(
                f"invalid appliance: {attribute.name} must be a name, {with_article(kind.__name__)} or "
                f"None, got {describe(value)}",
                field=attribute.name,
            )

    return check


def _workload(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Workload):
        raise InvalidApplianceError(
            f"invalid appliance: workload must be a Workload (see wsiot.workload) or None, "
            f"got {describe(value)}",
            field="workload",
        )


def _roles(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, list | tuple) and len(value) <= 10_000 and all(
            isinstance(v, str) and 0 < len(v.strip()) <= 128 for v in value):
        return tuple(dict.fromkeys(v.strip() for v in value))
    raise InvalidApplianceError(
        f"invalid appliance: roles must be a list of at most 10,000 role and feature names "
        f"(as Get-WindowsFeature gives them, 1 to 128 characters) or None, got "
        f"{describe(value)}", field="roles")


@attrs.frozen(kw_only=True)
class Appliance:
    """The shipped system, described by the facts the licence rules ask about.

    Every fact but ``name`` may be None, meaning "not known"; unknown facts make
    their rules *unknown*, never passed. ``applications`` lists the software it
    runs (free-form names, mapped to forbidden categories by
    :func:`~wsiot.classify_application`). ``edition`` and ``release`` name the
    edition and target release; ``workload`` says what the appliance does.
    """

    name: str = attrs.field(validator=_name)
    purpose: str | None = attrs.field(default=None, validator=_optional_text)
    industry: str | None = attrs.field(default=None, validator=_optional_text)
    dedicated: bool | None = attrs.field(default=None, validator=_optional_bool)
    general_purpose: bool | None = attrs.field(default=None, validator=_optional_bool)
    applications: tuple[ApplicationLike, ...] | None = attrs.field(
        default=None, converter=_applications
    )
    preinstalled: bool | None = attrs.field(default=None, validator=_optional_bool)
    ships_with_hardware: bool | None = attrs.field(default=None, validator=_optional_bool)
    primary_function: bool | None = attrs.field(default=None, validator=_optional_bool)
    edition: Edition | str | None = attrs.field(default=None, validator=_named(Edition))
    release: Release | str | None = attrs.field(default=None, validator=_named(Release))
    workload: Workload | None = attrs.field(default=None, validator=_workload)
    roles: tuple[str, ...] | None = attrs.field(default=None, converter=_roles)
    """The Windows roles and features installed (Get-WindowsFeature ``Name``s); None: not
    known, and the roles rule does not apply."""

    def prohibited_applications(self) -> tuple[tuple[str, Application], ...]:
        """Each application the licence forbids, with its (first) category.

        >>> Appliance(name="x", applications=["OWA", "pacs"]).prohibited_applications()
        (('OWA', <Application.EXCHANGE: 'exchange'>),)
        """
        return tuple((m.name, m.categories[0]) for m in self.application_matches()
                     if m.outcome is Recognition.FORBIDDEN)

    def application_matches(self) -> tuple[ApplicationMatch, ...]:
        """What wsiot makes of each listed application (see :func:`~wsiot.explain_application`).

        >>> [m.outcome.value for m in Appliance(
        ...     name="x", applications=["Teams", "Milestone XProtect", "Acme Viewer"]
        ... ).application_matches()]
        ['forbidden', 'allowed', 'not-recognised']
        """
        return tuple(explain_application(item) for item in self.applications or ())

    def with_installed(self, software: InstalledSoftware) -> Appliance:
        """This appliance with the applications an image holds added to the ones its profile
        declares: every installed item but the libraries of applications and the platform
        parts, each judged by name (forbidden, allowed, platform or not recognised). An entry
        that could not be read is added as "unreadable entry N" (its number among them, in
        the order the report's unreadable entries are listed), which no name matches: like any application wsiot does not recognise, it makes the applications
        rule unknown under ``strict``.

        >>> from wsiot.model.installed import InstalledItem, InstalledSoftware
        >>> image = InstalledSoftware(items=(InstalledItem("Mozilla Thunderbird (x64 en-US)"),))
        >>> Appliance(name="NVR", applications=["video archive"]).with_installed(image).applications
        ('video archive', 'Mozilla Thunderbird (x64 en-US)')
        """
        installed = tuple(item.name for item in software.applications)
        # numbered, not named by position: a position's words ("components") could match
        unread = tuple(f"unreadable entry {n}" for n in range(1, len(software.unreadable) + 1))
        return attrs.evolve(self, applications=(*(self.applications or ()), *installed, *unread))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the profile file's shape)."""
        return {
            "name": self.name,
            "purpose": self.purpose,
            "industry": self.industry,
            "dedicated": self.dedicated,
            "general_purpose": self.general_purpose,
            "applications": None if self.applications is None else [
                a if isinstance(a, str) else a.title if isinstance(a, Application)
                else a.to_dict() for a in self.applications
            ],
            "preinstalled": self.preinstalled,
            "ships_with_hardware": self.ships_with_hardware,
            "primary_function": self.primary_function,
            "edition": None if self.edition is None else str(self.edition),
            "release": None if self.release is None else str(self.release),
            "workload": None if self.workload is None else self.workload.to_dict(),
            "roles": None if self.roles is None else list(self.roles),
        }
