"""The exceptions wsiot raises.

Every error derives from :class:`WsiotError`, and also from the builtin that
fits it (``ValueError`` for a malformed value, ``LookupError`` for a well-formed
value that names nothing wsiot knows), so callers can catch either.

>>> import wsiot
>>> try:
...     wsiot.parse_build("twenty")
... except wsiot.WsiotError as exc:
...     print(type(exc).__name__)
InvalidBuildError
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "AmbiguousBuildError",
    "AmbiguousDateError",
    "CatalogError",
    "ConflictingRequirementsError",
    "FleetError",
    "InvalidApplianceError",
    "InvalidBuildError",
    "InvalidDateError",
    "InvalidWorkloadError",
    "NoEditionError",
    "ProfileError",
    "UnknownApplicationError",
    "UnknownBuildError",
    "UnknownEditionError",
    "UnknownHostError",
    "UnknownQualificationError",
    "UnknownReleaseError",
    "UnknownWorkloadError",
    "WsiotError",
]


class WsiotError(Exception):
    """Base class of every error raised by wsiot."""


# -- values that are malformed -------------------------------------------------


class InvalidBuildError(WsiotError, ValueError):
    """A value that is not a Windows build in any accepted form."""


class InvalidDateError(WsiotError, ValueError):
    """A value that is not a date in any accepted form."""


class AmbiguousDateError(InvalidDateError):
    """A date string that reads as more than one date (day and month swapped)."""


class InvalidWorkloadError(WsiotError, ValueError):
    """A workload requirement with a bad value; ``field`` names it."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class ConflictingRequirementsError(InvalidWorkloadError):
    """Workload requirements that cannot all hold at once."""


class InvalidApplianceError(WsiotError, ValueError):
    """An appliance description with a bad value; ``field`` names it."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class CatalogError(WsiotError, ValueError):
    """A catalogue that breaks its rules; ``problems`` lists every one."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"invalid catalogue ({len(self.problems)} problem(s)):\n{lines}")


class ProfileError(WsiotError, ValueError):
    """A file (appliance profile, catalogue, inventory) that cannot be used as it is."""


class FleetError(WsiotError, ValueError):
    """An inventory (rows or a DataFrame) or audit request that cannot be audited."""


# -- values that name nothing known --------------------------------------------


class UnknownBuildError(WsiotError, LookupError):
    """A well-formed build that belongs to no release in the catalogue."""


class AmbiguousBuildError(WsiotError, LookupError):
    """A build shared by releases whose answers differ, asked for a single answer."""


class UnknownReleaseError(WsiotError, LookupError):
    """A release name or version the catalogue does not hold."""


class UnknownEditionError(WsiotError, LookupError):
    """An edition name the catalogue does not hold."""


class UnknownWorkloadError(WsiotError, LookupError):
    """A workload name that is neither a scenario nor one of its aliases."""


class UnknownApplicationError(WsiotError, LookupError):
    """An application category name that wsiot does not know."""


class UnknownQualificationError(WsiotError, LookupError):
    """A qualification rule id that does not exist."""


class UnknownHostError(WsiotError, LookupError):
    """A container host operating system that wsiot does not know."""


class NoEditionError(WsiotError, LookupError):
    """No edition fits the workload; ``reasons`` says why each was turned down."""

    def __init__(self, message: str, reasons: Iterable[str] = ()) -> None:
        self.reasons = tuple(reasons)
        detail = "".join(f"\n  - {reason}" for reason in self.reasons)
        super().__init__(message + detail)
