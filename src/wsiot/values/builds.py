"""Windows build numbers: :class:`Build` and :func:`parse_build`.

A build is ``major.minor.build[.revision]``, the revision being the update
build revision (UBR) that cumulative updates raise. Lifecycle is keyed by the
build number alone; the revision orders updates within one product.

>>> from wsiot import parse_build
>>> b = parse_build("Microsoft Windows [Version 10.0.20348.2762]")
>>> b
<Build('10.0.20348.2762')>
>>> b.build, b.revision
(20348, 2762)
>>> parse_build(20348) < b
True
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

import attrs

if TYPE_CHECKING:
    from packaging.version import Version

from wsiot.data import products as _products, updates as _updates
from wsiot.errors import InvalidBuildError, NotServerError, describe

__all__ = [
    "ACCEPTED_BUILD_FORMS",
    "Build",
    "BuildLike",
    "CarriesBuild",
    "WindowsVersionLike",
    "client_release_name",
    "parse_build",
    "server_build",
]

ACCEPTED_BUILD_FORMS = (
    "a build number (20348 or '20348')",
    "a kernel version ('10.0.20348')",
    "a full version ('10.0.20348.2762')",
    "the output of ver ('Microsoft Windows [Version 10.0.20348.2762]')",
    "a media name ('26100.1742.240906-0331.ge_release_svc_refresh')",
    "an OS build as Microsoft's tables and KB titles write it ('20348.3932')",
    "an object with major, minor and build attributes (sys.getwindowsversion(); product_type 1 "
    "marks a client)",
    "wsiot.SystemFacts",
    "a 3- or 4-tuple of ints",
    "an integer scalar (numpy.int64, ...)",
    "a packaging.version.Version",
    "a Build",
)

class WindowsVersionLike(Protocol):
    """The shape of ``sys.getwindowsversion()``: anything with these three attributes."""

    @property
    def major(self) -> int: ...
    @property
    def minor(self) -> int: ...
    @property
    def build(self) -> int: ...


class CarriesBuild(Protocol):
    """Anything that carries a full :class:`Build`, such as :class:`~wsiot.SystemFacts`."""

    @property
    def build(self) -> Build: ...


BuildLike: TypeAlias = (
    "int | str | Sequence[int] | Build | WindowsVersionLike | CarriesBuild | Version"
)
"""What :func:`parse_build` accepts (see ``ACCEPTED_BUILD_FORMS``); a type for annotations."""

_MAX_TEXT = 256
_MAX_PART = 255  # major and minor are bytes
_MAX_BUILD = 65535  # build numbers are 16-bit
_MAX_REVISION = 2**32 - 1  # the UBR is a DWORD

# Windows NT versions of build numbers, for a bare build number given alone.
_NT_VERSION_FROM = 10240  # Windows 10 / Server 2016 and later are NT 10.0
_OLDER_NT_VERSIONS = {9600: (6, 3), 9200: (6, 2), 7601: (6, 1), 7600: (6, 1), 6003: (6, 0),
                      6002: (6, 0), 6001: (6, 0)}

# UBR ranges of a build that belong to the client alone: (shared_through, server_from, client)
_CLIENT_SERIES = {
    row["build"]: (
        row["shared_through"], row["server_from"],
        f"a {row['client']} update level (since {row['since']}, Windows Server updates of "
        f"build {row['build']} start at UBR {row['server_from']})")
    for row in _updates.SERIES_SPLITS
}
_CLIENT_RELEASES = {row["build"]: row["name"] for row in _products.CLIENT_RELEASES}
_WORKSTATION = 1  # product_type of sys.getwindowsversion() and Win32_OperatingSystem


def client_release_name(build: int) -> str | None:
    """The Windows client release of a build number, where wsiot knows one.

    >>> client_release_name(17763)
    'Windows 10 1809 (LTSC 2019)'
    """
    return _CLIENT_RELEASES.get(build)


_DIGITS = r"[0-9]"
_VERSION_RE = re.compile(
    rf"({_DIGITS}{{1,3}})\.({_DIGITS}{{1,3}})\.({_DIGITS}{{1,5}})(?:\.({_DIGITS}{{1,10}}))?"
)
_VER_OUTPUT_RE = re.compile(r"microsoft windows \[version ([0-9.]{1,40})\]", re.IGNORECASE)
_MEDIA_RE = re.compile(r"([0-9]{4,5})\.([0-9]{1,10})\.[0-9]{6}-[0-9]{4}(?:\..*)?", re.DOTALL)
_NUMBER_RE = re.compile(r"[0-9]{1,5}")
_OS_BUILD_RE = re.compile(r"(?:os build\s+)?([0-9]{4,5})\.([0-9]{1,10})", re.IGNORECASE)


@attrs.frozen(order=False, repr=False, cache_hash=True)
class Build:
    """A Windows build: ``major.minor.build`` and an optional update revision (UBR).

    Builds order by their parts; a build without a revision sorts before every
    revision of itself. ``str()`` round-trips through :func:`parse_build`.

    >>> Build(10, 0, 17763, 5830)
    <Build('10.0.17763.5830')>
    >>> str(Build(6, 3, 9600))
    '6.3.9600'
    """

    major: int
    minor: int
    build: int
    revision: int | None = None
    client: str | None = attrs.field(default=None, kw_only=True)
    """What says this build is a Windows client (None: nothing does). A client build parses
    and compares like any other, but no Windows Server release is looked up for it."""

    def __attrs_post_init__(self) -> None:
        for name, value, top in (
            ("major", self.major, _MAX_PART),
            ("minor", self.minor, _MAX_PART),
            ("build", self.build, _MAX_BUILD),
            ("revision", self.revision, _MAX_REVISION),
        ):
            if value is None and name == "revision":
                continue
            if type(value) is not int or not 0 <= value <= top:
                raise InvalidBuildError(
                    f"invalid build: {name} must be an int from 0 to {top}, got {describe(value)}"
                )
        if self.client is None and self.revision is not None:
            split = _CLIENT_SERIES.get(self.build)
            if split is not None and split[0] < self.revision < split[1]:
                object.__setattr__(self, "client", split[2])

    @classmethod
    def parse(cls, value: BuildLike) -> Build:
        """The build ``value`` denotes; the same as :func:`parse_build`."""
        return parse_build(value)

    @property
    def kernel(self) -> Build:
        """This build without its revision.

        >>> Build(10, 0, 20348, 2762).kernel
        <Build('10.0.20348')>
        """
        if self.revision is None:
            return self
        return Build(self.major, self.minor, self.build, client=self.client)

    def _key(self) -> tuple[int, int, int, int]:
        return (self.major, self.minor, self.build, -1 if self.revision is None else self.revision)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Build):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Build):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Build):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Build):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.build}"
        return text if self.revision is None else f"{text}.{self.revision}"

    def __repr__(self) -> str:
        said = "" if self.client is None else f", client={self.client!r}"
        return f"<Build({str(self)!r}{said})>"

    def server(self) -> Build:
        """This build, for a Windows Server question; raises :class:`~wsiot.NotServerError`
        when something says it is a client. Every release lookup goes through here.

        >>> Build(10, 0, 20348, 2762).server()
        <Build('10.0.20348.2762')>
        """
        if self.client is not None:
            brief = f"{self.client}, not Windows Server IoT: build {self}"
            raise NotServerError(brief, brief=brief)
        return self


def parse_build(value: BuildLike) -> Build:
    """The :class:`Build` that ``value`` denotes, in any of ``ACCEPTED_BUILD_FORMS``.

    A bare build number takes the Windows NT version its number belongs to
    (10.0 from build 10240 on; 6.3 for 9600, 6.2 for 9200, and so on).
    Raises :class:`~wsiot.InvalidBuildError` for anything else. Parsing is
    syntactic: whether a release has that build is the catalogue's question.

    >>> parse_build("10.0.17763")
    <Build('10.0.17763')>
    >>> parse_build(9600)
    <Build('6.3.9600')>
    >>> parse_build((10, 0, 26100, 1742))
    <Build('10.0.26100.1742')>
    >>> parse_build("26100.1742.240906-0331.ge_release_svc_refresh")
    <Build('10.0.26100.1742')>
    >>> parse_build("Windows 11")
    Traceback (most recent call last):
      ...
    wsiot.errors.InvalidBuildError: invalid build: 'Windows 11'; accepted: ...
    """
    if isinstance(value, Build):
        return value
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, int):
        if isinstance(value, bool):
            raise _invalid(value, "True and False are not builds")
        return _from_number(value, int(value))
    try:
        carried = getattr(value, "build", None)
        if isinstance(carried, Build):  # SystemFacts: its build carries its client mark
            return carried
        # named attributes win over shape: sys.getwindowsversion() is a tuple of 5+ items
        # that also has major, minor and build
        shaped: Any = value
        if all(hasattr(value, name) for name in ("major", "minor", "build")):
            found = _from_parts(value, (shaped.major, shaped.minor, shaped.build))
            if getattr(value, "product_type", None) == _WORKSTATION:
                name = client_release_name(found.build) or "Windows"
                return attrs.evolve(found, client=f"a Windows client ({name}, product type 1)")
            return found
        release = getattr(value, "release", None)  # packaging.version.Version
        if isinstance(release, tuple) and hasattr(value, "epoch"):
            if len(release) == 1:
                return _from_number(value, release[0])
            return _from_parts(value, release)
    except InvalidBuildError:
        raise
    except Exception:  # an object whose attribute access raises
        raise _invalid(value, "reading its attributes failed") from None
    if isinstance(value, tuple | list):
        return _from_parts(value, tuple(value))
    if _is_integer(value):  # numpy and other integer scalars
        return _from_number(value, operator.index(value))  # type: ignore[arg-type]
    raise _invalid(value)


def _is_integer(value: object) -> bool:
    """Whether ``value`` is an integer scalar of another library (numpy.int64, ...)."""
    kind = type(value)
    return hasattr(kind, "__index__") and not hasattr(kind, "__len__")


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str) -> Build:
    if len(text) > _MAX_TEXT:
        raise _invalid(text, f"{len(text)} characters is too long for a build; at most {_MAX_TEXT}")
    stripped = text.strip()
    ver = _VER_OUTPUT_RE.fullmatch(stripped)
    if ver:
        stripped = ver.group(1)
    if _NUMBER_RE.fullmatch(stripped):
        return _from_number(text, int(stripped))
    match = _VERSION_RE.fullmatch(stripped)
    if match:
        major, minor, build, revision = match.groups()
        return _make(
            text, int(major), int(minor), int(build), None if revision is None else int(revision)
        )
    os_build = _OS_BUILD_RE.fullmatch(stripped)
    if os_build and not ver:
        number, revision = os_build.groups()
        if revision.strip("0") == "":  # 20348.0 is how a float prints; no OS build is written so
            raise _invalid(text, "a number with a fraction is no build; write 10.0.NNNNN.0")
        found = _from_number(text, int(number))
        return _make(text, found.major, found.minor, found.build, int(revision))
    media = _MEDIA_RE.fullmatch(stripped)
    if media and not ver:
        number, revision = media.groups()
        found = _from_number(text, int(number))
        return _make(text, found.major, found.minor, found.build, int(revision))
    raise _invalid(text)


def _from_number(original: object, number: object) -> Build:
    if type(number) is not int or not 0 < number <= _MAX_BUILD:
        raise _invalid(original, f"a build number is an int from 1 to {_MAX_BUILD}")
    if number >= _NT_VERSION_FROM:
        return Build(10, 0, number)
    if number in _OLDER_NT_VERSIONS:
        major, minor = _OLDER_NT_VERSIONS[number]
        return Build(major, minor, number)
    raise _invalid(
        original, "give the full form (major.minor.build) for builds before 10240"
    )


def _from_parts(original: object, parts: tuple[Any, ...]) -> Build:
    if len(parts) not in (3, 4) or not all(type(part) is int for part in parts):
        raise _invalid(original, "a sequence must hold 3 or 4 ints")
    return _make(original, *parts)


def _make(original: object, major: int, minor: int, build: int, revision: int | None = None) -> Build:
    try:
        return Build(major, minor, build, revision)
    except InvalidBuildError as exc:
        raise _invalid(original, str(exc).removeprefix("invalid build: ")) from None


def _invalid(value: object, why: str = "") -> InvalidBuildError:
    shown = describe(value)
    detail = f" ({why})" if why else ""
    brief = f"invalid build: {shown}{detail}"
    return InvalidBuildError(f"{brief}; accepted: {'; '.join(ACCEPTED_BUILD_FORMS)}", brief=brief)


def server_build(value: BuildLike) -> Build:
    """The :class:`Build` of ``value`` for a Windows Server question: :func:`parse_build`,
    then :meth:`Build.server`, so a client (product type 1, a client-only update level, a
    SystemFacts that says client) raises :class:`~wsiot.NotServerError`.

    >>> server_build("20348.2762")
    <Build('10.0.20348.2762')>
    >>> server_build("10.0.26100.7623")
    Traceback (most recent call last):
      ...
    wsiot.errors.NotServerError: a Windows 11 24H2 update level (since 2026-01-13, Windows Server updates of build 26100 start at UBR 32230), not Windows Server IoT: build 10.0.26100.7623
    """
    return parse_build(value).server()
