import attrs
import pytest

import wsiot
from wsiot import (
    Appliance,
    InvalidApplianceError,
    Outcome,
    UnknownEditionError,
    UnknownQualificationError,
    UnknownReleaseError,
    qualify,
    workload,
)

NAS = Appliance(
    name="Contoso NAS-4000",
    purpose="network video archive",
    industry="video security",
    dedicated=True,
    general_purpose=False,
    applications=("video archive", "PACS viewer"),
    preinstalled=True,
    ships_with_hardware=True,
    primary_function=True,
    edition="Storage Workgroup",
    release="2022",
    workload=workload("nas", users=40),
)


def outcomes(assessment):
    return {r.rule.id: r.outcome for r in assessment.results}


def test_good_nas_is_eligible():
    a = qualify(NAS)
    assert a.eligible and bool(a)
    assert not a.failures and not a.unknowns
    assert a.release.name == "Windows Server IoT 2022"
    assert a.edition.name == "Storage Workgroup"
    assert outcomes(a)["telecommunications-purpose"] is Outcome.NOT_APPLICABLE
    assert outcomes(a)["storage-workgroup-limits"] is Outcome.PASSED
    assert a.verdict == "eligible"
    assert repr(a) == "<Assessment 'Contoso NAS-4000' eligible>"
    assert str(a).startswith("Contoso NAS-4000 [Windows Server IoT 2022, Storage Workgroup]: eligible")


def test_rules_list_is_stable():
    ids = [q.id for q in wsiot.qualifications()]
    assert ids == [
        "special-purpose", "not-general-purpose", "no-prohibited-applications", "preinstalled",
        "ships-with-hardware", "primary-function", "edition-offered",
        "telecommunications-purpose", "storage-purpose", "storage-workgroup-limits",
        "essentials-limits", "roles-fit-edition",
    ]
    for q in wsiot.qualifications():
        assert q.title and q.text and q.source.url.startswith("https://")
        assert repr(q) == f"<Qualification {q.id!r}>"
    assert wsiot.qualification("preinstalled").id == "preinstalled"
    with pytest.raises(UnknownQualificationError, match="did you mean 'preinstalled'"):
        wsiot.qualification("pre-installed")
    with pytest.raises(UnknownQualificationError):
        wsiot.qualification(None)  # type: ignore[arg-type]


# each rule failing on its own: the change, the rule that fails
SINGLE_FAILURES = [
    ({"dedicated": False}, "special-purpose"),
    ({"general_purpose": True}, "not-general-purpose"),
    ({"applications": ("video archive", "Exchange")}, "no-prohibited-applications"),
    ({"preinstalled": False}, "preinstalled"),
    ({"ships_with_hardware": False}, "ships-with-hardware"),
    ({"primary_function": False}, "primary-function"),
    ({"release": "2019"}, "edition-offered"),
    ({"edition": "Telecommunications", "workload": workload("nas", users=40)},
     "telecommunications-purpose"),
    ({"workload": workload("pacs", users=40)}, "storage-purpose"),
    ({"workload": workload("nas", users=51)}, "storage-workgroup-limits"),
    ({"workload": workload("nas", users=10, peripherals=True)}, "storage-workgroup-limits"),
    ({"workload": workload("nas", users=10, network_services=True)}, "storage-workgroup-limits"),
    ({"edition": "Essentials", "release": "2019", "workload": workload("pacs", users=26, devices=5)},
     "essentials-limits"),
    ({"edition": "Essentials", "release": "2019", "workload": workload("pacs", users=5, devices=51)},
     "essentials-limits"),
]


@pytest.mark.parametrize(("changes", "rule"), SINGLE_FAILURES)
def test_each_rule_fails_on_its_own(changes, rule):
    a = qualify(attrs.evolve(NAS, **changes))
    assert not a.eligible
    assert [r.rule.id for r in a.failures] == [rule]
    assert not a.unknowns
    assert rule in repr(a)


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"edition": "Essentials", "release": "2019", "workload": workload("pacs", users=25, devices=50)},
         "essentials-limits"),
        ({"edition": "Telecommunications", "workload": workload("ivr")}, "telecommunications-purpose"),
        ({"workload": workload("nas", users=50)}, "storage-workgroup-limits"),
        ({"edition": "Standard", "workload": workload("pacs")}, "edition-offered"),
    ],
)
def test_edition_rules_pass_at_their_boundaries(changes, rule):
    a = qualify(attrs.evolve(NAS, **changes))
    assert a.eligible, str(a)
    assert a.result(rule).outcome is Outcome.PASSED


@pytest.mark.parametrize(
    ("field", "rule"),
    [
        ("dedicated", "special-purpose"), ("industry", "special-purpose"),
        ("general_purpose", "not-general-purpose"), ("applications", "no-prohibited-applications"),
        ("preinstalled", "preinstalled"), ("ships_with_hardware", "ships-with-hardware"),
        ("primary_function", "primary-function"), ("edition", "edition-offered"),
        ("workload", "storage-purpose"),
    ],
)
def test_unknown_facts_are_never_passed(field, rule):
    a = qualify(attrs.evolve(NAS, **{field: None}))
    assert not a.eligible
    assert [r.rule.id for r in a.unknowns] == [rule] or rule in [r.rule.id for r in a.unknowns]
    assert not a.failures
    assert a.result(rule).outcome is Outcome.UNKNOWN
    lenient = qualify(attrs.evolve(NAS, **{field: None}), lenient=True)
    assert lenient.eligible and lenient.unknowns
    assert "lenient" in lenient.verdict


def test_unknown_user_count_for_workgroup():
    a = qualify(attrs.evolve(NAS, workload=workload("nas")))
    assert a.result("storage-workgroup-limits").outcome is Outcome.UNKNOWN
    assert "does not say how many" in a.result("storage-workgroup-limits").reason


def test_workgroup_without_workload_is_unknown():
    a = qualify(attrs.evolve(NAS, workload=None))
    assert a.result("storage-workgroup-limits").outcome is Outcome.UNKNOWN


def test_release_sources_and_override():
    no_release = attrs.evolve(NAS, release=None)
    a = qualify(no_release)
    assert a.release is None and a.eligible
    assert "(no target release given)" in a.result("edition-offered").reason
    from_workload = attrs.evolve(NAS, release=None, workload=workload("nas", users=4, release="2019"))
    assert qualify(from_workload).release.version == "2019"
    assert not qualify(NAS, "2019").eligible
    assert qualify(NAS, wsiot.release("2025")).eligible


def test_workstation_like_box_fails_with_readable_report():
    box = Appliance(
        name="Office tower", industry="office", dedicated=False, general_purpose=True,
        applications=["Microsoft Word", "Outlook Web Access", "CRM"], preinstalled=False,
        ships_with_hardware=True, primary_function=False, edition="Datacenter", release="2022",
        workload=workload("database"))
    a = qualify(box)
    failed = [r.rule.id for r in a.failures]
    assert failed == ["special-purpose", "not-general-purpose", "no-prohibited-applications",
                      "preinstalled", "primary-function"]
    text = str(a)
    assert text.splitlines()[0] == "Office tower [Windows Server IoT 2022, Datacenter]: not eligible (5 failed)"
    assert "[FAIL] no-prohibited-applications: it runs applications the licence forbids: " \
           "Microsoft Word (Word processing); Outlook Web Access (Microsoft Exchange Server); " \
           "CRM (Customer relationship management)" in text
    assert "[PASS] ships-with-hardware" in text
    d = a.to_dict()
    assert d["eligible"] is False and len(d["results"]) == 12
    assert "#cf222e" in a._repr_html_()


def test_edition_no_release_offers():
    catalog = wsiot.Catalog([wsiot.release("2022")], wsiot.editions())
    a = qualify(attrs.evolve(NAS, release=None, edition="Essentials",
                             workload=workload("pacs", users=1, devices=1)), catalog=catalog)
    assert a.result("edition-offered").outcome is Outcome.FAILED


def test_rule_check_alone():
    rule = wsiot.qualification("no-prohibited-applications")
    result = rule.check(attrs.evolve(NAS, applications=["SharePoint"]))
    assert result.outcome is Outcome.FAILED and not result.passed
    assert str(result).startswith("[FAIL] no-prohibited-applications:")
    assert result.to_dict()["outcome"] == "failed"
    assert rule.check(NAS, "2022").passed


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""), ("name", None), ("dedicated", "yes"), ("general_purpose", 1),
        ("applications", "Exchange"), ("applications", 5), ("applications", [1, 2]),
        ("industry", 3), ("edition", 3), ("release", 2.5), ("workload", "nas"),
    ],
)
def test_bad_appliance_names_the_field(field, value):
    fields = {"name": "x", field: value}
    with pytest.raises(InvalidApplianceError) as info:
        Appliance(**fields)
    assert info.value.field == field and isinstance(info.value, ValueError)


def test_unknown_names_in_appliance():
    with pytest.raises(UnknownEditionError):
        qualify(attrs.evolve(NAS, edition="Ultimate"))
    with pytest.raises(UnknownReleaseError):
        qualify(attrs.evolve(NAS, release="2031"))
    with pytest.raises(wsiot.InvalidArgumentError,
                       match=r"appliance: expected a wsiot\.Appliance, got 'not an appliance'"):
        qualify("not an appliance")  # type: ignore[arg-type]


def test_appliance_helpers():
    assert NAS.prohibited_applications() == ()
    box = Appliance(name="b", applications=[wsiot.Application.CRM, "OWA", "pacs"])
    assert [c for _, c in box.prohibited_applications()] == [wsiot.Application.CRM,
                                                             wsiot.Application.EXCHANGE]
    d = box.to_dict()
    assert d["applications"] == ["Customer relationship management", "OWA", "pacs"]
    assert d["workload"] is None
    assert NAS.to_dict()["workload"]["users"] == 40
