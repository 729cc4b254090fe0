"""Installed roles and features: reading Get-WindowsFeature, judging them against the edition."""

import json
import os
from pathlib import Path

import attrs
import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import Appliance, InvalidApplianceError, Outcome, ProfileError, qualify
from wsiot.cli import main
from wsiot.data import roles as role_data
from wsiot.io.formats import load_appliance
from wsiot.io.installed import read_features
from wsiot.model.installed import features_from_document, features_from_table
from wsiot.model.release import EditionKind
from wsiot.rules.roles import RoleFinding, role_findings

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "installed"
need_samples = pytest.mark.skipif(
    not SAMPLES.exists() and not os.environ.get("WSIOT_REQUIRE_SHARED"),
    reason="the reference Get-WindowsFeature reports in ../shared/data/installed are absent",
)

TABLE = """\
Display Name                                            Name                       Install State
------------                                            ----                       -------------
[ ] Active Directory Domain Services                    AD-Domain-Services             Available
[X] DNS Server                                          DNS                            Installed
[X] File and Storage Services                           FileAndStorage-Services        Installed
    [X] File and iSCSI Services                         File-Services                  Installed
        [X] File Server                                 FS-FileServer                  Installed
    [ ] Print Server                                    Print-Server                   Removed
"""


def _nas(**changes):
    base = Appliance(
        name="Contoso NAS", purpose="network video archive", industry="video security",
        dedicated=True, general_purpose=False, applications=("video archive",),
        preinstalled=True, ships_with_hardware=True, primary_function=True,
        edition="Storage Workgroup", release="2022", workload=wsiot.workload("nas", users=40))
    return attrs.evolve(base, **changes)


def _rule(assessment):
    return next(r for r in assessment.results if r.rule.id == "roles-fit-edition")


# --- judging -------------------------------------------------------------------------------

def test_network_infrastructure_fails_storage_workgroup_with_its_wording():
    findings = role_findings(wsiot.edition("Storage Workgroup"), ["FS-FileServer", "DNS"])
    assert findings == [RoleFinding("failed", "DNS", findings[0].reason)]
    assert "does NOT require network infrastructure services" in findings[0].reason
    assert str(findings[0]).startswith("failed: DNS is a network infrastructure service")


def test_the_same_role_is_for_review_where_the_wording_does_not_exclude_it():
    storage = role_findings(wsiot.edition("Storage Standard"), ["DNS"])
    assert [f.outcome for f in storage] == ["review"]
    assert "Storage Standard" in storage[0].reason and "a person decides" in storage[0].reason
    assert wsiot.edition("Storage Standard").purpose in storage[0].reason
    assert role_findings(wsiot.edition("Standard"), ["DNS", "Web-Server", "DHCP"]) == []


@pytest.mark.parametrize("edition", ["Standard", "Datacenter", "Essentials", "Telecommunications",
                                     "Storage Standard", "Storage Workgroup"])
def test_a_session_host_fails_every_edition(edition):
    (finding,) = role_findings(wsiot.edition(edition), ["RDS-RD-Server"])
    assert finding.outcome == "failed" and "general-purpose computing device" in finding.reason


def test_failed_come_first_unknown_names_are_not_judged_and_case_is_ignored():
    findings = role_findings(wsiot.edition("Storage Workgroup"),
                             ["web-server", "Some-Future-Role", "dhcp", "DHCP", 7])
    assert [(f.outcome, f.role) for f in findings] == [("failed", "DHCP"),
                                                       ("review", "Web-Server")]


def test_every_row_names_known_groups_kinds_and_wording():
    kinds = {k.value for k in EditionKind} | {"any", "storage-workgroup"}
    for row in role_data.ROLES:
        assert row["group"] in role_data.ROLE_GROUPS
        assert set(row["failed_on"]) | set(row["review_on"]) <= kinds
        assert set(row["failed_on"]) <= set(role_data.EXCLUDED_BY)
        assert not set(row["failed_on"]) & set(row["review_on"])
    assert role_data.ROLES_SOURCE in wsiot.data.lifecycle.SOURCES
    names = [row["name"].casefold() for row in role_data.ROLES]
    assert len(names) == len(set(names))


@given(st.lists(st.text(max_size=40), max_size=30))
def test_any_names_are_judged_without_error(names):
    for edition in ("Storage Workgroup", "Standard"):
        findings = role_findings(wsiot.edition(edition), names)
        assert {f.role.casefold() for f in findings} <= {n.casefold() for n in names}


# --- the qualification rule ---------------------------------------------------------------

def test_the_rule_does_not_apply_when_roles_are_not_given():
    assert _rule(qualify(_nas())).outcome is Outcome.NOT_APPLICABLE


def test_the_rule_fails_reviews_and_passes():
    failed = qualify(_nas(roles=["FS-FileServer", "DNS"]))
    assert _rule(failed).outcome is Outcome.FAILED and not failed.eligible
    review = qualify(_nas(roles=["FS-FileServer", "Web-Server"]))
    assert _rule(review).outcome is Outcome.UNKNOWN
    assert _rule(review).reason.startswith("review: Web-Server is a web server, beyond")
    both = _rule(qualify(_nas(roles=["Web-Server", "DNS"]))).reason
    assert both.startswith("DNS is a network infrastructure service: Storage Workgroup")
    assert "; to review: Web-Server is a web server" in both and "failed:" not in both
    assert review.verdict != "eligible"
    passed = qualify(_nas(roles=["FS-FileServer", "Storage-Services"]))
    assert _rule(passed).outcome is Outcome.PASSED and passed.eligible
    assert "2 roles and features" in _rule(passed).reason


def test_roles_without_an_edition_are_unknown():
    assert _rule(qualify(_nas(edition=None, roles=["DNS"]))).outcome is Outcome.UNKNOWN


# --- the Appliance field and its profile key -----------------------------------------------

def test_roles_are_kept_in_order_once_and_written_out():
    appliance = _nas(roles=["DNS", " FS-FileServer", "DNS"])
    assert appliance.roles == ("DNS", "FS-FileServer")
    assert appliance.to_dict()["roles"] == ["DNS", "FS-FileServer"]
    assert _nas().roles is None and _nas(roles=[]).roles == ()


@pytest.mark.parametrize("bad", ["DNS", b"DNS", [1], [""], ["x" * 129], {"DNS": 1},
                                 ["DNS"] * 10_001, iter(["DNS"])])
def test_roles_that_are_not_a_list_of_names_are_refused(bad):
    with pytest.raises(InvalidApplianceError, match="roles must be a list") as info:
        _nas(roles=bad)
    assert info.value.field == "roles"


def test_a_numeric_array_is_refused_with_its_type():
    np = pytest.importorskip("numpy")
    with pytest.raises(InvalidApplianceError, match="got array"):
        _nas(roles=np.array([1, 2]))


@given(st.lists(st.text(min_size=1, max_size=128).filter(str.strip), max_size=20))
def test_any_list_of_names_is_accepted(names):
    assert _nas(roles=names).roles == tuple(dict.fromkeys(n.strip() for n in names))


def test_a_profile_gives_roles(tmp_path):
    path = tmp_path / "nas.toml"
    path.write_text('name = "NAS"\nedition = "Storage Workgroup"\nroles = ["DNS"]\n')
    assert load_appliance(path).roles == ("DNS",)
    path.write_text('name = "NAS"\nroles = "DNS"\n')
    with pytest.raises(ProfileError, match="roles: expected a list of role and feature names"):
        load_appliance(path)
    path.write_text('name = "NAS"\nroles = [3]\n')
    with pytest.raises(ProfileError, match="roles"):
        load_appliance(path)


# --- reading Get-WindowsFeature ------------------------------------------------------------

def test_the_printed_table_gives_the_installed_names():
    assert features_from_table(TABLE) == ("DNS", "FileAndStorage-Services", "File-Services",
                                          "FS-FileServer")
    cut = ("        [X] Active Directory Certificate Services Tools RSAT-ADCS                 "
           "     Installed\n            [X] Certification Authority Management T... "
           "RSAT-ADCS-Mgmt                 Installed\n")
    assert features_from_table(TABLE + cut)[-2:] == ("RSAT-ADCS", "RSAT-ADCS-Mgmt")
    header_only = "\n".join(TABLE.splitlines()[:2])
    with pytest.raises(ProfileError, match="not a Get-WindowsFeature table"):
        features_from_table(header_only)
    no_header = "[X] Remote Desktop Session Host   RDS-RD-Server   Installed\n"
    assert features_from_table(no_header) == ("RDS-RD-Server",)


def test_a_long_line_is_read_in_linear_time():
    line = "[X] " + " " * 2_000_000 + "x\n"
    with pytest.raises(ProfileError):
        features_from_table("Display Name  Name  Install State\n" + line)


def test_json_rows_tell_installed_by_flag_or_state():
    rows = [{"Name": "DNS", "Installed": True, "InstallState": 1},
            {"Name": "DHCP", "Installed": False, "InstallState": 0},
            {"Name": "Web-Server", "InstallState": "Installed"},
            {"Name": "WDS", "InstallState": "InstallPending"},
            {"Name": "NPAS", "Installed": "False", "InstallState": "Available"},
            {"Name": "DHCP", "Installed": False, "InstallState": "Installed"},
            {"Name": "DNS", "Installed": True}, "noise", {"Name": 5, "Installed": False}]
    assert features_from_document(rows) == ("DNS", "Web-Server", "WDS")


@pytest.mark.parametrize("name", [5, None, "  ", "x" * 129])
def test_an_installed_row_without_a_usable_name_names_its_place(name):
    with pytest.raises(ProfileError, match=r"f\.json: entry 2 is installed but its Name is"):
        features_from_document([{"Name": "DNS", "Installed": False},
                                {"Name": name, "Installed": True}], "f.json")
    assert features_from_document({"Name": "DNS", "Installed": True}) == ("DNS",)


@pytest.mark.parametrize("document", [[], {}, [{"DisplayName": "x"}], "DNS", 3,
                                      [{"Name": "DNS"}]])
def test_a_document_that_is_not_a_feature_report_is_refused(document):
    with pytest.raises(ProfileError, match="not a Get-WindowsFeature report"):
        features_from_document(document, "x.json")


def test_files_in_each_form_are_read(tmp_path):
    (tmp_path / "f.json").write_text(json.dumps([{"Name": "DNS", "Installed": True},
                                                 {"Name": "DHCP", "Installed": False}]))
    (tmp_path / "f.csv").write_text('#TYPE Microsoft.Windows.ServerManager.Commands.Feature\n'
                                    '"Name","DisplayName","Installed","InstallState"\n'
                                    '"DNS","DNS Server","True","Installed"\n'
                                    '"DHCP","DHCP Server","False","Available"\n')
    (tmp_path / "f.txt").write_text(TABLE)
    assert read_features(tmp_path / "f.json") == ("DNS",)
    assert read_features(tmp_path / "f.csv") == ("DNS",)
    assert read_features(tmp_path / "f.txt")[0] == "DNS"


@given(st.text(max_size=300))
def test_any_text_is_read_or_refused_with_a_profile_error(text):
    try:
        names = features_from_table(text, "t.txt")
    except ProfileError as exc:
        assert "t.txt" in str(exc)
    else:
        assert all(name in text for name in names)


def test_a_file_that_is_not_a_report_names_itself(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(ProfileError, match=r"notes\.txt: not a Get-WindowsFeature table"):
        read_features(path)


@need_samples
def test_real_reports_give_their_installed_roles():
    web = read_features(SAMPLES / "get-windowsfeature-web-ws2016.txt")
    files = read_features(SAMPLES / "get-windowsfeature-ws2012r2-fileserver.txt")
    for path, names in ((SAMPLES / "get-windowsfeature-web-ws2016.txt", web),
                        (SAMPLES / "get-windowsfeature-ws2012r2-fileserver.txt", files)):
        assert len(names) == path.read_text().count("[X]")
    assert "Web-Server" in web and "FS-FileServer" in files
    verdict = role_findings(wsiot.edition("Storage Standard"), web)
    assert [f.role for f in verdict if f.role == "Web-Server"] == ["Web-Server"]


# --- the command line ----------------------------------------------------------------------

def test_qualify_reads_features(tmp_path, capsys):
    profile = tmp_path / "nas.toml"
    profile.write_text('name = "NAS"\npurpose = "video archive"\nindustry = "video security"\n'
                       'dedicated = true\ngeneral_purpose = false\napplications = []\n'
                       'preinstalled = true\nships_with_hardware = true\n'
                       'primary_function = true\nedition = "Storage Workgroup"\n'
                       'release = "2022"\n')
    features = tmp_path / "features.txt"
    features.write_text(TABLE)
    assert main(["qualify", str(profile), "--features", str(features), "--format", "json"]) == 1
    record = json.loads(capsys.readouterr().out)
    (rule,) = [r for r in record["results"] if r["rule"] == "roles-fit-edition"]
    assert rule["outcome"] == "failed" and "DNS" in rule["reason"]
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing here")
    assert main(["qualify", str(profile), "--features", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.txt" in err and len(err.strip().splitlines()) == 1


def test_a_name_the_table_cut_is_judged_when_only_one_role_begins_so():
    workgroup = wsiot.edition("Storage Workgroup")
    assert [f.role for f in role_findings(workgroup, ["AD-Domain-Serv..."])] == [
        "AD-Domain-Services"]
    assert role_findings(workgroup, ["Print-..."]) == []  # Print-Services or Print-Server
    assert [f.role for f in role_findings(workgroup, ["NET-WCF-HTTP-Activat\u2026"])] == [
        "NET-WCF-HTTP-Activation45"]
    assert role_findings(workgroup, ["..."]) == []


def test_a_feature_export_given_as_installed_software_is_refused(tmp_path):
    path = tmp_path / "features.csv"
    path.write_text('"Name","DisplayName","Installed","InstallState"\n'
                    '"FS-FileServer","File Server","True","Installed"\n')
    with pytest.raises(ProfileError, match="a Get-WindowsFeature report, not installed software"):
        wsiot.read_installed(path)
    path.write_text(json.dumps([{"Name": "DNS", "DisplayName": "DNS Server",
                                 "Installed": True, "InstallState": 1}]))
    with pytest.raises(ProfileError, match="give it as roles and features"):
        wsiot.read_installed(path)
    assert read_features(path) == ("DNS",)


def test_a_table_without_its_header_is_no_json(tmp_path):
    path = tmp_path / "rows.txt"
    path.write_text("[X] Remote Desktop Session Host   RDS-RD-Server   Installed\n")
    assert read_features(path) == ("RDS-RD-Server",)
