"""Workloads: what an appliance must do, in the terms that decide its edition.

>>> import wsiot
>>> nas = wsiot.workload("NAS", users=30)
>>> nas.scenario, nas.users, nas.kind
(<Scenario.NETWORK_STORAGE: 'network-storage'>, 30, 'storage')
>>> wsiot.workload("pbx").scenario.title
'Telecommunications'
"""

from __future__ import annotations

import enum
from typing import Any, Literal

import attrs

from wsiot.data import lifecycle as _data
from wsiot.errors import InvalidWorkloadError, UnknownWorkloadError, describe
from wsiot.model.release import Edition, Release
from wsiot.values.names import name_index, name_key, unknown_name_message
from wsiot.values.validators import Validator, whole_number, with_article

__all__ = ["MAX_COUNT", "UNLIMITED", "Scenario", "Workload", "scenarios", "workload"]

UNLIMITED: Literal["unlimited"] = "unlimited"
"""The ``virtual_machines`` value for a workload with no cap on virtual machines."""

_ROWS = {row["scenario"]: row for row in _data.WORKLOADS}


class Scenario(enum.Enum):
    """The workloads the Windows Server IoT licence page names."""

    VIDEO_SURVEILLANCE = "video-surveillance"
    INDUSTRIAL_AUTOMATION = "industrial-automation"
    INTELLIGENT_BUILDINGS = "intelligent-buildings"
    MEDICAL_IMAGING = "medical-imaging"
    MEDIA_STREAMING = "media-streaming"
    NETWORK_STORAGE = "network-storage"
    TELECOMMUNICATIONS = "telecommunications"
    EDGE_ANALYTICS = "edge-analytics"
    LARGE_DATABASE = "large-database"
    ENTERPRISE_GATEWAY = "enterprise-gateway"

    @property
    def title(self) -> str:
        """A short human title."""
        return str(_ROWS[self.value]["title"])

    @property
    def kind(self) -> str:
        """The purpose it belongs to: ``"general"``, ``"storage"`` or ``"telecommunications"``."""
        return str(_ROWS[self.value]["kind"])

    @property
    def description(self) -> str:
        """What the scenario covers."""
        return str(_ROWS[self.value]["description"])

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names that find it with :func:`workload`."""
        return tuple(_ROWS[self.value]["aliases"])


MAX_COUNT = 10**9
"""The most users, devices or virtual machines a workload may give (a bound on bad input)."""


def _count(field: str) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if type(value) is not int or whole_number(value, high=MAX_COUNT) is None:
            raise InvalidWorkloadError(
                f"invalid workload: {field} must be a whole number >= 0 (at most "
                f"{MAX_COUNT:,}) or None, got {describe(value)}",
                field=field,
            )

    return check


def _flag(field: str) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not bool:
            raise InvalidWorkloadError(
                f"invalid workload: {field} must be True or False, got {describe(value)}", field=field
            )

    return check


def _vms(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (isinstance(value, str) and value == UNLIMITED) or (
            type(value) is int and whole_number(value, high=MAX_COUNT) is not None):
        return
    raise InvalidWorkloadError(
        f"invalid workload: virtual_machines must be a whole number >= 0 or 'unlimited', "
        f"got {describe(value)}",
        field="virtual_machines",
    )


def _scenario(value: object) -> Scenario:
    if isinstance(value, Scenario):
        return value
    if isinstance(value, str):
        return _scenario_named(value)
    raise InvalidWorkloadError(
        f"invalid workload: scenario must be a Scenario or its name, got {describe(value)}",
        field="scenario",
    )


def _optional_name(kind: type[Release] | type[Edition]) -> Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None or isinstance(value, str | kind):
            return
        raise InvalidWorkloadError(
            f"invalid workload: {attribute.name} must be a name, {with_article(kind.__name__)} or None, "
            f"got {describe(value)}", field=attribute.name)

    return check


@attrs.frozen(kw_only=True)
class Workload:
    """What an appliance must do, and the requirements that decide its edition.

    ``users`` and ``devices`` are counts (None when not known); ``virtual_machines``
    is a count or ``"unlimited"``; ``active_directory``, ``network_services``
    (file, print or networking services offered to the network) and
    ``peripherals`` (a keyboard, monitor or mouse attached) are yes/no.
    ``release`` names the target release; ``edition`` an edition you require.
    Every bad value raises :class:`~wsiot.InvalidWorkloadError` naming the field.

    >>> Workload(scenario="pacs", users=-1)
    Traceback (most recent call last):
      ...
    wsiot.errors.InvalidWorkloadError: invalid workload: users must be a whole number >= 0 (at most 1,000,000,000) or None, got -1
    """

    scenario: Scenario = attrs.field(converter=_scenario)
    users: int | None = attrs.field(default=None, validator=_count("users"))
    devices: int | None = attrs.field(default=None, validator=_count("devices"))
    virtual_machines: int | Literal["unlimited"] = attrs.field(default=0, validator=_vms)
    active_directory: bool = attrs.field(default=False, validator=_flag("active_directory"))
    network_services: bool = attrs.field(default=False, validator=_flag("network_services"))
    peripherals: bool = attrs.field(default=False, validator=_flag("peripherals"))
    release: Release | str | None = attrs.field(default=None, validator=_optional_name(Release))
    edition: Edition | str | None = attrs.field(default=None, validator=_optional_name(Edition))

    @property
    def kind(self) -> str:
        """The purpose of the scenario: ``"general"``, ``"storage"`` or ``"telecommunications"``."""
        return self.scenario.kind

    def with_(self, **changes: Any) -> Workload:
        """A copy with ``changes`` applied (validated like a new workload).

        >>> import wsiot
        >>> wsiot.workload("nas").with_(users=10).users
        10
        """
        unknown = set(changes) - set(attrs.fields_dict(Workload))
        if unknown:
            field = sorted(unknown)[0]
            raise InvalidWorkloadError(
                f"invalid workload: unknown requirement {describe(field)}; known: "
                + ", ".join(attrs.fields_dict(Workload)),
                field=field,
            )
        return attrs.evolve(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "scenario": self.scenario.value,
            "users": self.users,
            "devices": self.devices,
            "virtual_machines": self.virtual_machines,
            "active_directory": self.active_directory,
            "network_services": self.network_services,
            "peripherals": self.peripherals,
            "release": None if self.release is None else str(self.release),
            "edition": None if self.edition is None else str(self.edition),
        }


_BY_NAME = name_index((s, (s.value, s.title, s.name, *s.aliases)) for s in Scenario)


def _scenario_named(name: str) -> Scenario:
    found = _BY_NAME.get(name_key(name))
    if found is None:
        aliases = [alias for s in Scenario for alias in s.aliases]
        raise UnknownWorkloadError(
            unknown_name_message("workload", name, [s.value for s in Scenario], aliases=aliases)
            + " Aliases such as 'nas', 'pacs' and 'ivr' work too."
        )
    return found


def scenarios() -> tuple[Scenario, ...]:
    """Every scenario, in the licence page's order."""
    return tuple(Scenario)


def workload(name: Workload | Scenario | str, **requirements: Any) -> Workload:
    """The ready-made workload for a scenario name or alias, with ``requirements`` applied.

    Names ignore case, spaces and hyphens (``"NAS"``, ``"san gateway"``, ``"ivr"``).
    Raises :class:`~wsiot.UnknownWorkloadError` listing the known names and the closest.

    >>> import wsiot
    >>> wsiot.workload("San-Gateway").scenario.value
    'network-storage'
    >>> wsiot.workload("nass")
    Traceback (most recent call last):
      ...
    wsiot.errors.UnknownWorkloadError: unknown workload: 'nass'; did you mean 'nas'...? Known: edge-analytics, ...
    """
    if isinstance(name, Workload):
        return name.with_(**requirements)
    if isinstance(name, str):
        base = Workload(scenario=_scenario_named(name))
    elif isinstance(name, Scenario):
        base = Workload(scenario=name)
    else:
        raise UnknownWorkloadError(unknown_name_message("workload", name, [s.value for s in Scenario]))
    return base.with_(**requirements)
