"""Windows containers: may this host run them commercially, for development only, or not?

From the container note of the Windows Server IoT 2022 page: containers are
supported for commercial deployments on Windows Server, Windows IoT Server,
Windows IoT Enterprise and Windows IoT Core; from build 17763 (the October 2018
update) Windows Enterprise and Professional may run them for development and
test only. Windows containers need build 14393 or later on any host. A
container follows its host release's lifecycle: on a server host,
``verdict.release`` is that release.

>>> import wsiot
>>> wsiot.container_use("Windows Server IoT", "10.0.20348.2762").use
<ContainerUse.COMMERCIAL: 'commercial'>
>>> wsiot.container_use("Windows 11 Pro", 22631).use
<ContainerUse.DEVELOPMENT_AND_TEST: 'dev-test'>
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from wsiot.data import lifecycle as _data
from wsiot.errors import UnknownHostError
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Release
from wsiot.values.builds import Build, BuildLike, parse_build
from wsiot.values.names import name_index, name_key, unknown_name_message

__all__ = ["ContainerHost", "ContainerUse", "ContainerVerdict", "container_use"]

_ROWS = {row["host"]: row for row in _data.CONTAINER_HOSTS}


class ContainerHost(enum.Enum):
    """An operating system the container note names."""

    WINDOWS_SERVER = "windows-server"
    WINDOWS_IOT_SERVER = "windows-iot-server"
    WINDOWS_IOT_ENTERPRISE = "windows-iot-enterprise"
    WINDOWS_IOT_CORE = "windows-iot-core"
    WINDOWS_ENTERPRISE = "windows-enterprise"
    WINDOWS_PROFESSIONAL = "windows-professional"

    @property
    def title(self) -> str:
        """The note's name for the host."""
        return str(_ROWS[self.value]["title"])

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names that find it with :func:`container_use`."""
        return tuple(_ROWS[self.value]["aliases"])

    @property
    def is_server(self) -> bool:
        """Whether the host is a Windows Server release the catalogue covers."""
        return bool(_ROWS[self.value]["server"])


class ContainerUse(enum.Enum):
    """What a host may run Windows containers for."""

    COMMERCIAL = "commercial"
    DEVELOPMENT_AND_TEST = "dev-test"
    UNSUPPORTED = "unsupported"


@attrs.frozen(kw_only=True)
class ContainerVerdict:
    """The container use a host allows, why, and (for server hosts) the release it follows."""

    host: ContainerHost
    build: Build
    use: ContainerUse
    reason: str
    release: Release | None

    @property
    def commercial(self) -> bool:
        """Whether commercial container deployments are supported."""
        return self.use is ContainerUse.COMMERCIAL

    def __str__(self) -> str:
        return f"{self.host.title} {self.build}: {self.use.value} ({self.reason})"

    def to_dict(self) -> dict[str, Any]:
        return {"host": self.host.value, "build": str(self.build), "use": self.use.value,
                "reason": self.reason,
                "release": None if self.release is None else self.release.name}


_HOSTS = name_index(
    (host, (host.value, host.title, *host.aliases)) for host in ContainerHost
)


def _host(value: ContainerHost | str) -> ContainerHost:
    if isinstance(value, ContainerHost):
        return value
    found = _HOSTS.get(name_key(value)) if isinstance(value, str) else None
    if found is None:
        raise UnknownHostError(
            unknown_name_message("container host", value, [h.title for h in ContainerHost],
                                 aliases=list(_HOSTS))
        )
    return found


def container_use(
    host: ContainerHost | str, build: BuildLike, *, catalog: Catalog | None = None
) -> ContainerVerdict:
    """What ``host`` at ``build`` may run Windows containers for.

    ``host`` is a :class:`ContainerHost` or a name ("Windows Server IoT",
    "IoT Enterprise", "Windows 11 Pro", ...). For a server host the build must
    be a release in the catalogue (its lifecycle is the container's).
    Raises :class:`~wsiot.UnknownHostError`, :class:`~wsiot.InvalidBuildError`
    or :class:`~wsiot.UnknownBuildError`.

    >>> import wsiot
    >>> wsiot.container_use("Windows 10 Enterprise", 17134).use
    <ContainerUse.UNSUPPORTED: 'unsupported'>
    """
    kind = _host(host)
    parsed = parse_build(build)
    release = None
    if kind.is_server:
        release = resolve_catalog(catalog).release_for(parsed)
    if parsed.build < _data.CONTAINER_MIN_BUILD:
        use, reason = ContainerUse.UNSUPPORTED, (
            f"Windows containers need build {_data.CONTAINER_MIN_BUILD} or later")
    elif _ROWS[kind.value]["use"] == "commercial":
        use, reason = ContainerUse.COMMERCIAL, f"{kind.title} supports commercial deployments"
    elif parsed.build >= _data.CONTAINER_CLIENT_FROM_BUILD:
        use, reason = ContainerUse.DEVELOPMENT_AND_TEST, (
            f"from build {_data.CONTAINER_CLIENT_FROM_BUILD}, {kind.title} runs containers "
            "for development and test only")
    else:
        use, reason = ContainerUse.UNSUPPORTED, (
            f"the container note covers {kind.title} from build "
            f"{_data.CONTAINER_CLIENT_FROM_BUILD} only; wsiot makes no claim for earlier builds")
    return ContainerVerdict(host=kind, build=parsed, use=use, reason=reason, release=release)
