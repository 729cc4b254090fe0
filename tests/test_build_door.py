"""The build door owns the server rule: whatever says a build is a Windows client stops at
every release lookup, in every input form, and no caller can go around it."""

import collections
from datetime import date

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import Build, NotServerError, SystemFacts

WindowsVersion = collections.namedtuple(
    "WindowsVersion", "major minor build platform service_pack product_type")
SHARED = (14393, 17763, 26100)  # builds with a server release and a client release
DAY = "2030-01-01"


def _lookups(value):
    """Every public question that looks a release up for a build."""
    return [
        lambda: wsiot.release_for(value),
        lambda: wsiot.releases_for(value),
        lambda: wsiot.is_in_servicing(value, DAY),
        lambda: wsiot.servicing_status(value, DAY),
        lambda: wsiot.container_use("Windows Server IoT", value),
        lambda: wsiot.patch_status(value, DAY),
        lambda: wsiot.default_catalog().release_for(value),
        lambda: wsiot.parse_build(value).server(),
        lambda: wsiot.server_build(value),
    ]


def _workstation(build, revision=None):
    return WindowsVersion(10, 0, build, 2, "", 1)


def _client_facts(build, revision):
    return SystemFacts.from_values(f"10.0.{build}.{revision}", product_type=1)


@given(st.sampled_from(SHARED), st.integers(1, 40000),
       st.sampled_from([_workstation, _client_facts]))
def test_a_client_is_refused_wherever_a_release_is_looked_up(build, revision, form):
    value = form(build, revision)
    parsed = wsiot.parse_build(value)
    assert parsed.client is not None and parsed.build == build
    for ask in _lookups(value):
        with pytest.raises(NotServerError):
            ask()


@given(st.integers(7463, 32229), st.sampled_from(["text", "tuple", "build", "os-build"]))
def test_a_client_only_update_level_is_no_server_in_any_form(revision, form):
    value = {"text": f"10.0.26100.{revision}", "tuple": (10, 0, 26100, revision),
             "build": Build(10, 0, 26100, revision), "os-build": f"26100.{revision}"}[form]
    assert "Windows 11 24H2" in (wsiot.parse_build(value).client or "")
    for ask in _lookups(value):
        with pytest.raises(NotServerError, match="Windows 11 24H2 update level"):
            ask()


@pytest.mark.parametrize("value", [
    WindowsVersion(10, 0, 20348, 2, "", 3),  # a server
    WindowsVersion(10, 0, 17763, 2, "", 2),  # a domain controller
    "10.0.26100.32230", "10.0.26100.7462", (10, 0, 17763, 5830),
])
def test_servers_pass_the_door(value):
    assert wsiot.parse_build(value).client is None
    assert wsiot.release_for(value).build == wsiot.parse_build(value).build


def test_a_marked_build_differs_from_the_bare_build():
    marked = wsiot.parse_build(_workstation(17763))
    assert marked != Build(10, 0, 17763) and str(marked) == "10.0.17763"
    assert "client=" in repr(marked) and marked.kernel.client == marked.client


def test_a_fleet_row_of_a_client_is_a_not_server_row():
    rows = list(wsiot.audit([("ws", _workstation(17763)), ("w11", "10.0.26100.8000"),
                             ("srv", "10.0.20348.2762")], on=DAY))
    assert [r.error_kind for r in rows] == ["not-server", "not-server", None]


@pytest.mark.parametrize(("text", "expected"), [
    ("20348.3932", "10.0.20348.3932"), ("OS Build 17763.5830", "10.0.17763.5830"),
    (" 26100.32230 ", "10.0.26100.32230"), ("14393.576", "10.0.14393.576"),
])
def test_the_os_build_form_is_read(text, expected):
    assert str(wsiot.parse_build(text)) == expected


@given(st.sampled_from([14393, 17763, 20348, 26100]), st.integers(1, 10**6))
def test_the_os_build_form_round_trips(build, revision):
    parsed = wsiot.parse_build(f"{build}.{revision}")
    assert (parsed.build, parsed.revision) == (build, revision)


@pytest.mark.parametrize("text", ["20348.0", "20348.00", "999.5", "20348.", "20348.1.2.3.4"])
def test_forms_that_read_like_numbers_are_refused(text):
    with pytest.raises(wsiot.InvalidBuildError):
        wsiot.parse_build(text)


def test_the_moment_names_its_parts():
    moment = wsiot.values.dates.lifecycle_moment("2021-08-17T23:30-08:00")
    assert moment == wsiot.Moment(date(2021, 8, 18), early=True)
    assert (moment.day, moment.early) == (date(2021, 8, 18), True)
    assert wsiot.values.dates.lifecycle_moment(date(2030, 1, 1)).early is False
