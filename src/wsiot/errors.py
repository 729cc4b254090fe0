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
from typing import Any

__all__ = [
    "DESCRIBE_LIMIT",
    "AmbiguousBuildError",
    "AmbiguousDateError",
    "CatalogError",
    "ConflictingRequirementsError",
    "FleetError",
    "InvalidApplianceError",
    "InvalidArgumentError",
    "InvalidBuildError",
    "InvalidDateError",
    "InvalidSystemFactsError",
    "InvalidWorkloadError",
    "NoEditionError",
    "NotServerError",
    "NotWindowsError",
    "NotYetReleasedError",
    "ProfileError",
    "UnknownApplicationError",
    "UnknownBuildError",
    "UnknownEditionError",
    "UnknownHostError",
    "UnknownQualificationError",
    "UnknownReleaseError",
    "UnknownUpdateError",
    "UnknownWorkloadError",
    "UpdateDataError",
    "WsiotError",
    "describe",
    "printable",
]

DESCRIBE_LIMIT = 80
"""The most characters :func:`describe` returns."""


_DESCRIBER: Any = None


def _describer() -> Any:
    """reprlib with every piece bounded: no huge int printed, no raising repr let through.

    Built on first use, so importing wsiot does not pay for reprlib.
    """
    global _DESCRIBER
    if _DESCRIBER is not None:
        return _DESCRIBER
    import reprlib

    class Describer(reprlib.Repr):
        def repr_int(self, x: int, level: int) -> str:
            if x.bit_length() > 192:  # about 58 digits: say its size instead of printing it
                return f"<int of {x.bit_length()} bits>"
            return super().repr_int(x, level)

        def repr_instance(self, x: Any, level: int) -> str:
            try:
                text = repr(x)
            except Exception:
                return f"<{type(x).__name__} object>"
            if len(text) > self.maxother:
                return text[: self.maxother - 3] + "..."
            return text

    describer = Describer()
    describer.maxlevel = 2
    describer.maxstring = describer.maxother = describer.maxlong = 60
    describer.maxlist = describer.maxtuple = describer.maxset = describer.maxfrozenset = 4
    describer.maxdict = describer.maxdeque = describer.maxarray = 4
    _DESCRIBER = describer
    return describer


def describe(value: object) -> str:
    """A short, safe description of any value, for an error message.

    Bounded (at most ``DESCRIBE_LIMIT`` characters), free of control
    characters, and it never raises: long strings are cut, huge ints give their
    size, deep containers stop at two levels, and an object whose ``repr``
    fails is named by its type.

    >>> describe("x" * 1000)[:20]
    "'xxxxxxxxxxxxxxxxxxx"
    >>> describe(10**5000)
    '<int of 16610 bits>'
    >>> describe([[[[1]]]])
    '[[[...]]]'
    """
    if isinstance(value, str) and len(value) > DESCRIBE_LIMIT:
        text = repr(value[:48]) + f"... ({len(value)} characters)"
    else:
        try:
            text = _describer().repr(value)
        except Exception:  # a container whose iteration or length raises
            text = f"<{type(value).__name__} object>"
    if not text.isprintable():
        text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    if len(text) > DESCRIBE_LIMIT:
        text = text[: DESCRIBE_LIMIT - 13] + "..." + text[-10:]
    return text


def printable(text: str, limit: int = DESCRIBE_LIMIT) -> str:
    r"""``text`` from a file or a machine, safe inside a message or a line: control, escape and
    line characters shown escaped, cut to ``limit`` characters.

    >>> print(printable("Windows" + chr(10) + "wsiot: forged"))
    Windows\nwsiot: forged
    """
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 13] + "..." + text[-10:]
    if not text.isprintable():
        text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    return text


class WsiotError(Exception):
    """Base class of every error raised by wsiot.

    ``short`` is the message without its list of accepted forms, for places
    that show many errors at once (a fleet audit's rows) or name the forms
    their own way (the command line). ``exit_code`` is what the command line
    exits with when the error ends a command: 2 (bad input) unless a subclass
    says otherwise, so every command maps one error to one code.
    """

    exit_code: int = 2

    def __init__(self, *args: object, brief: str | None = None) -> None:
        super().__init__(*args)
        self._brief = brief

    @property
    def short(self) -> str:
        """The message without the list of accepted forms."""
        return self._brief if self._brief is not None else str(self)


# -- values that are malformed -------------------------------------------------


class InvalidBuildError(WsiotError, ValueError):
    """A value that is not a Windows build in any accepted form."""


class InvalidDateError(WsiotError, ValueError):
    """A value that is not a date in any accepted form."""


class InvalidArgumentError(WsiotError, ValueError):
    """An argument of the wrong kind, such as ``ax=1`` where matplotlib axes belong."""


class InvalidSystemFactsError(WsiotError, ValueError):
    """Facts about a machine that cannot be read, or that contradict each other."""


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


class UpdateDataError(WsiotError, ValueError):
    """Update data (embedded or loaded) that breaks its rules; ``problems`` lists every one."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"invalid update data ({len(self.problems)} problem(s)):\n{lines}")


class ProfileError(WsiotError, ValueError):
    """A file (appliance profile, catalogue, inventory) that cannot be used as it is."""


class FleetError(WsiotError, ValueError):
    """An inventory (rows or a DataFrame) or audit request that cannot be audited."""


# -- values that name nothing known --------------------------------------------


class UnknownBuildError(WsiotError, LookupError):
    """A well-formed build that belongs to no release in the catalogue."""


class UnknownUpdateError(WsiotError, LookupError):
    """A build whose update revision (UBR) is no update in the data, or whose build has none."""


class NotYetReleasedError(WsiotError, ValueError):
    """A build asked about on a day before its update level was released."""


class NotServerError(WsiotError, LookupError):
    """A Windows client install asked about as Windows Server IoT (a build it shares)."""

    exit_code = 4


class NotWindowsError(WsiotError, LookupError):
    """The running machine was asked about, and it is not Windows."""


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
