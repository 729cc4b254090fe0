import pytest

import wsiot
from wsiot import InvalidWorkloadError, Scenario, UnknownWorkloadError, Workload, workload


@pytest.mark.parametrize(
    ("name", "scenario"),
    [
        ("nas", Scenario.NETWORK_STORAGE), ("NAS", Scenario.NETWORK_STORAGE),
        ("san gateway", Scenario.NETWORK_STORAGE), ("SAN-Gateway", Scenario.NETWORK_STORAGE),
        ("network_attached_storage", Scenario.NETWORK_STORAGE),
        ("pacs", Scenario.MEDICAL_IMAGING), ("Medical Imaging", Scenario.MEDICAL_IMAGING),
        ("ivr", Scenario.TELECOMMUNICATIONS), ("pbx", Scenario.TELECOMMUNICATIONS),
        ("IP PBX", Scenario.TELECOMMUNICATIONS), ("call center", Scenario.TELECOMMUNICATIONS),
        ("teleconferencing", Scenario.TELECOMMUNICATIONS),
        ("automated attendant", Scenario.TELECOMMUNICATIONS),
        ("video surveillance", Scenario.VIDEO_SURVEILLANCE),
        ("defect detection", Scenario.INDUSTRIAL_AUTOMATION),
        ("smart building", Scenario.INTELLIGENT_BUILDINGS),
        ("streaming", Scenario.MEDIA_STREAMING), ("edge analytics", Scenario.EDGE_ANALYTICS),
        ("large database", Scenario.LARGE_DATABASE), ("iot gateway", Scenario.ENTERPRISE_GATEWAY),
        ("video-surveillance", Scenario.VIDEO_SURVEILLANCE),
        ("VIDEO_SURVEILLANCE", Scenario.VIDEO_SURVEILLANCE),
    ],
)
def test_names_and_aliases(name, scenario):
    assert workload(name).scenario is scenario


def test_every_scenario_has_a_preset_and_metadata():
    assert len(wsiot.scenarios()) == 10
    for scenario in Scenario:
        preset = workload(scenario)
        assert preset.scenario is scenario
        assert scenario.title and scenario.description and scenario.aliases
        assert scenario.kind in {"general", "storage", "telecommunications"}
        assert workload(scenario.title).scenario is scenario


def test_unknown_workload_lists_and_suggests():
    with pytest.raises(UnknownWorkloadError, match=r"did you mean 'nas'.*Known: .*pacs"):
        workload("nass")
    with pytest.raises(UnknownWorkloadError):
        workload(42)  # type: ignore[arg-type]
    assert issubclass(UnknownWorkloadError, LookupError)


def test_overrides_and_with():
    w = workload("nas", users=30, peripherals=True)
    assert (w.users, w.peripherals) == (30, True)
    assert workload(w, users=5).users == 5
    assert w.with_(devices=3).devices == 3
    with pytest.raises(InvalidWorkloadError, match="unknown requirement 'colour'") as info:
        workload("nas", colour="red")
    assert info.value.field == "colour"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("users", -1), ("users", 1.5), ("users", True), ("users", "10"),
        ("devices", -5), ("virtual_machines", -1), ("virtual_machines", 2.5),
        ("virtual_machines", "many"), ("virtual_machines", None), ("active_directory", "yes"),
        ("network_services", 1), ("peripherals", None), ("release", 3.5), ("edition", 7),
    ],
)
def test_bad_requirements_name_the_field(field, value):
    with pytest.raises(InvalidWorkloadError) as info:
        Workload(scenario="nas", **{field: value})
    assert info.value.field == field
    assert field in str(info.value) and isinstance(info.value, ValueError)


def test_bad_scenario_type():
    with pytest.raises(InvalidWorkloadError) as info:
        Workload(scenario=5)  # type: ignore[arg-type]
    assert info.value.field == "scenario"


def test_to_dict_and_unlimited():
    w = workload("database", virtual_machines=wsiot.UNLIMITED, release="2022")
    d = w.to_dict()
    assert d["virtual_machines"] == "unlimited" and d["scenario"] == "large-database"
    assert d["release"] == "2022"
    assert w.kind == "general"


def test_release_and_edition_take_their_own_kind():
    import wsiot

    standard, iot2022 = wsiot.edition("Standard"), wsiot.release("2022")
    load = wsiot.Workload(scenario="nas", release=iot2022, edition=standard)
    assert load.release is iot2022 and load.edition is standard
    with pytest.raises(wsiot.InvalidWorkloadError, match="release must be a name, a Release"):
        wsiot.Workload(scenario="nas", release=standard)
    with pytest.raises(wsiot.InvalidWorkloadError, match="edition must be a name, an Edition"):
        wsiot.Workload(scenario="nas", edition=iot2022)
