import pytest

import wsiot
from wsiot import (
    ConflictingRequirementsError,
    NoEditionError,
    Scenario,
    edition_for,
    recommend_edition,
    workload,
)

DEFAULTS = {
    Scenario.VIDEO_SURVEILLANCE: "Standard",
    Scenario.INDUSTRIAL_AUTOMATION: "Standard",
    Scenario.INTELLIGENT_BUILDINGS: "Standard",
    Scenario.MEDICAL_IMAGING: "Standard",
    Scenario.MEDIA_STREAMING: "Standard",
    Scenario.NETWORK_STORAGE: "Storage Standard",  # users not given: Workgroup cannot be assumed
    Scenario.TELECOMMUNICATIONS: "Telecommunications",
    Scenario.EDGE_ANALYTICS: "Standard",
    Scenario.LARGE_DATABASE: "Standard",
    Scenario.ENTERPRISE_GATEWAY: "Standard",
}


@pytest.mark.parametrize(("scenario", "expected"), DEFAULTS.items())
def test_every_scenario_default(scenario, expected):
    assert edition_for(scenario).name == expected
    assert edition_for(scenario.value).name == expected


@pytest.mark.parametrize(("users", "expected"), [(0, "Storage Workgroup"), (50, "Storage Workgroup"),
                                                 (51, "Storage Standard"), (5000, "Storage Standard")])
def test_storage_user_boundary(users, expected):
    assert edition_for("nas", users=users).name == expected


@pytest.mark.parametrize(
    ("requirements", "expected"),
    [
        ({"users": 10}, "Storage Workgroup"),
        ({"users": 10, "network_services": True}, "Storage Standard"),
        ({"users": 10, "peripherals": True}, "Storage Standard"),
        ({"users": 10, "active_directory": True}, "Storage Standard"),
    ],
)
def test_each_requirement_flips_storage(requirements, expected):
    assert edition_for("san gateway", **requirements).name == expected


@pytest.mark.parametrize(
    ("vms", "expected"),
    [(0, "Standard"), (2, "Standard"), (3, "Datacenter"), ("unlimited", "Datacenter")],
)
def test_virtual_machines_flip_general(vms, expected):
    assert edition_for("edge analytics", virtual_machines=vms).name == expected


@pytest.mark.parametrize(
    ("requirements", "expected"),
    [
        ({"users": 25, "devices": 50}, "Essentials"),
        ({"users": 26, "devices": 50}, "Standard"),
        ({"users": 25, "devices": 51}, "Standard"),
        ({"users": 25}, "Standard"),  # devices unknown
        ({"users": 5, "devices": 5, "virtual_machines": 1}, "Standard"),
        ({"users": 5, "devices": 5, "active_directory": True}, "Standard"),
        ({"users": 5, "devices": 5, "virtual_machines": 3}, "Datacenter"),
    ],
)
def test_essentials_only_on_2019_within_limits(requirements, expected):
    assert edition_for("pacs", release="2019", **requirements).name == expected
    # the same small workload on a release without Essentials gets Standard or Datacenter
    assert edition_for("pacs", release="2022", **requirements).name in {"Standard", "Datacenter"}


def test_telecom_on_each_release():
    assert edition_for("ivr", release="2019").name == "Telecommunications"
    with pytest.raises(NoEditionError, match="Telecommunications: Windows Server IoT 2019 for Storage does not offer it"):
        edition_for("ivr", release="2019 for Storage")


def test_storage_on_2019_needs_the_storage_release():
    with pytest.raises(NoEditionError) as info:
        edition_for("nas", release="2019")
    assert "Storage Standard: Windows Server IoT 2019 does not offer it" in info.value.reasons
    assert edition_for("nas", release="2019 for Storage", users=3).name == "Storage Workgroup"
    with pytest.raises(NoEditionError):
        edition_for("video surveillance", release="2019 for Storage")


@pytest.mark.parametrize("release", [r.version for r in wsiot.releases()])
def test_chosen_edition_is_offered_by_each_release(release):
    r = wsiot.release(release)
    for scenario in Scenario:
        try:
            chosen = edition_for(scenario, release=release, users=10, devices=10)
        except NoEditionError as exc:
            assert exc.reasons
            continue
        assert r.offers(chosen)


def test_recommendation_explains_everything():
    rec = recommend_edition("nas", users=30)
    assert rec.edition.name == "Storage Workgroup"
    assert rec.release.name == "Windows Server IoT 2025"  # newest release by default
    assert any("30 users is within its limit of 50" in r for r in rec.reasons)
    rejected = {r.edition.name: r for r in rec.rejected}
    assert set(rejected) == {e.name for e in wsiot.editions()} - {"Storage Workgroup"}
    assert rejected["Storage Standard"].reason == "a more constrained edition fits"
    assert rejected["Standard"].field == "scenario"
    text = str(rec)
    assert text.splitlines()[0] == (
        "Storage Workgroup for Network attached storage and storage analytics on Windows Server IoT 2025")
    assert "not Telecommunications: its purpose does not match" in text
    assert rec.to_dict()["edition"] == "Storage Workgroup"
    assert "<li>" in rec._repr_html_()
    assert edition_for(rec.workload) == rec.edition


def test_release_argument_overrides_workload_release():
    w = workload("pacs", users=5, devices=5, release="2019")
    assert edition_for(w).name == "Essentials"
    assert edition_for(w, release="2022").name == "Standard"


def test_required_edition():
    rec = recommend_edition("nas", edition="Storage Standard", users=3)
    assert rec.edition.name == "Storage Standard"
    assert rec.reasons[0] == "the workload requires Storage Standard"
    assert any(r.reason == "the workload requires another edition" for r in rec.rejected)


@pytest.mark.parametrize(
    ("requirements", "field"),
    [
        ({"edition": "Storage Workgroup", "users": 80}, "users"),
        ({"edition": "Storage Workgroup", "users": 10, "peripherals": True}, "peripherals"),
        ({"edition": "Storage Workgroup", "users": 10, "network_services": True}, "network_services"),
        ({"edition": "Storage Workgroup", "users": 10, "active_directory": True}, "active_directory"),
        ({"edition": "Telecommunications"}, "scenario"),
        ({"edition": "Essentials", "users": 5, "devices": 5, "release": "2022"}, "scenario"),
    ],
)
def test_conflicting_requirements(requirements, field):
    with pytest.raises(ConflictingRequirementsError) as info:
        edition_for("nas", **requirements)
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_required_edition_not_offered():
    with pytest.raises(ConflictingRequirementsError) as info:
        edition_for("pacs", release="2022", edition="Essentials", users=5, devices=5)
    assert info.value.field == "release"


def test_unknown_names():
    with pytest.raises(wsiot.UnknownWorkloadError):
        edition_for("toaster")
    with pytest.raises(wsiot.UnknownReleaseError):
        edition_for("nas", release="2030")
    with pytest.raises(wsiot.UnknownEditionError):
        edition_for("nas", edition="Ultimate")
    with pytest.raises(wsiot.InvalidWorkloadError):
        edition_for("nas", users=-3)
    with pytest.raises(wsiot.InvalidWorkloadError):
        edition_for("nas", virtual_machines=1.5)


@pytest.mark.parametrize("scenario", ["nas", "pbx", "video surveillance"])
@pytest.mark.parametrize("vms", [1, 100, "unlimited"])
def test_an_edition_without_recorded_vm_rights_is_never_chosen_for_vms(scenario, vms):
    try:
        rec = wsiot.recommend_edition(scenario, users=10, devices=10, virtual_machines=vms)
    except wsiot.NoEditionError as exc:
        assert "virtualisation rights" in str(exc) or "virtual machines" in str(exc)
        return
    edition = rec.edition
    assert edition.unlimited_vms or (edition.max_vms is not None and vms != "unlimited"
                                      and vms <= edition.max_vms)


@pytest.mark.parametrize("words", ["nvr", "network video recorder", "NVR"])
def test_a_network_video_recorder_is_video_surveillance(words):
    assert wsiot.workload(words).scenario.value == "video-surveillance"
