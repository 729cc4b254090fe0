import pytest

import wsiot
from wsiot import ContainerHost, ContainerUse, UnknownHostError, container_use


@pytest.mark.parametrize(
    ("host", "build", "use"),
    [
        ("Windows Server", 20348, ContainerUse.COMMERCIAL),
        ("Windows Server IoT", "10.0.26100.1742", ContainerUse.COMMERCIAL),
        ("windows-iot-server", 17763, ContainerUse.COMMERCIAL),
        ("Windows Server", 14393, ContainerUse.COMMERCIAL),
        ("Windows Server", 9600, ContainerUse.UNSUPPORTED),
        ("IoT Enterprise", 19045, ContainerUse.COMMERCIAL),
        ("Windows IoT Core", 17763, ContainerUse.COMMERCIAL),
        ("Windows IoT Core", 10586, ContainerUse.UNSUPPORTED),
        ("Windows Enterprise", 17763, ContainerUse.DEVELOPMENT_AND_TEST),
        ("Windows 11 Pro", 22631, ContainerUse.DEVELOPMENT_AND_TEST),
        ("pro", 17762, ContainerUse.UNSUPPORTED),
        (ContainerHost.WINDOWS_PROFESSIONAL, 14393, ContainerUse.UNSUPPORTED),
        ("Windows Professional", 10240, ContainerUse.UNSUPPORTED),
    ],
)
def test_container_table(host, build, use):
    verdict = container_use(host, build)
    assert verdict.use is use
    assert verdict.commercial is (use is ContainerUse.COMMERCIAL)
    assert verdict.reason in str(verdict)


def test_server_hosts_follow_their_release():
    verdict = container_use("Windows Server IoT", "10.0.20348.1")
    assert verdict.release is wsiot.release("2022")
    assert verdict.release.is_in_servicing("2031-10-14")
    assert not verdict.release.is_in_servicing("2031-10-15")
    assert container_use("Windows 11 Pro", 22631).release is None
    assert verdict.to_dict()["release"] == "Windows Server IoT 2022"
    assert ContainerHost.WINDOWS_SERVER.is_server and not ContainerHost.WINDOWS_IOT_CORE.is_server
    for host in ContainerHost:
        assert host.aliases
        assert all(container_use(alias, 20348).host is host for alias in host.aliases)


def test_container_errors():
    with pytest.raises(UnknownHostError, match="did you mean"):
        container_use("Windows Serve", 20348)
    with pytest.raises(UnknownHostError):
        container_use(None, 20348)  # type: ignore[arg-type]
    with pytest.raises(wsiot.UnknownBuildError):
        container_use("Windows Server", 19045)  # a client build on a server host
    with pytest.raises(wsiot.InvalidBuildError):
        container_use("Windows 11 Pro", "eleven")
