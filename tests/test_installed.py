"""What an image really holds: installed-software reports read into items, judged by the
licence, nothing dropped (items in = items read + entries reported unreadable)."""

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot.cli import main
from wsiot.io.installed import read_installed
from wsiot.model.installed import InstalledItem, InstalledSoftware, installed_from_document

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "installed"
need_samples = pytest.mark.skipif(
    not SAMPLES.exists() and not os.environ.get("WSIOT_REQUIRE_SHARED"),
    reason="the installed-software samples are not beside the checkout "
           "(.ci/run sets WSIOT_REQUIRE_SHARED, so CI never skips this)")

CYCLONEDX = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
    {"type": "application", "name": "Milestone XProtect Corporate", "version": "2024 R1",
     "supplier": {"name": "Milestone Systems"}, "components": [
         {"type": "library", "name": "nodemailer", "purl": "pkg:npm/nodemailer@6.9.0"}]},
    {"type": "library", "name": "Mozilla+Thunderbird+(x64+en-US)",
     "purl": "pkg:swid/Mozilla+Thunderbird@115.0"},
    {"type": "operating-system", "name": "Windows Server 2022"},
    {"type": "application"}, "not a component"]}
SPDX = {"spdxVersion": "SPDX-2.3", "packages": [
    {"name": "nvr-app", "versionInfo": "1.0", "supplier": "Organization: Contoso"},
    {"name": "log4j-core", "primaryPackagePurpose": "LIBRARY"},
    {"name": "mailer", "externalRefs": [{"referenceType": "purl",
                                         "referenceLocator": "pkg:pypi/mailer@0.8"}]},
    {"versionInfo": "2"}]}
WINGET = {"$schema": "https://aka.ms/winget-packages.schema.2.0.json", "Sources": [
    {"Packages": [{"PackageIdentifier": "Mozilla.Thunderbird"},
                  {"PackageIdentifier": "Python.Python.3.12"},
                  {"PackageIdentifier": "9NKSQGP7F2NH"}, {}],
     "SourceDetails": {"Name": "winget"}}]}


def test_each_form_is_told_by_its_content_and_read():
    cdx = installed_from_document(CYCLONEDX, "cdx")
    assert [i.name for i in cdx.applications] == ["Milestone XProtect Corporate",
                                                    "Mozilla Thunderbird (x64 en-US)"]
    assert [i.name for i in cdx.libraries] == ["nodemailer"]
    assert len(cdx.unreadable) == 2 and cdx.applications[0].publisher == "Milestone Systems"
    spdx = installed_from_document(SPDX, "spdx")
    assert [i.name for i in spdx.applications] == ["nvr-app"]
    assert {i.name for i in spdx.libraries} == {"log4j-core", "mailer"}
    assert spdx.applications[0].publisher == "Contoso" and len(spdx.unreadable) == 1
    winget = installed_from_document(WINGET, "winget")
    assert [i.name for i in winget.items] == ["Mozilla Thunderbird (en-US)", "Python 3.12"]
    assert [i.identifier for i in winget.items] == ["Mozilla.Thunderbird", "Python.Python.3.12"]
    assert winget.items[0].publisher == "Mozilla" and winget.unrecognised_identifiers == ()
    assert [u.reason.split(" ")[0] for u in winget.unreadable] == ["Store", "no"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_powershell_program_lists_in_every_encoding(tmp_path, encoding):
    csv_path = tmp_path / "programs.csv"
    csv_path.write_bytes(('#TYPE Selected.System.Management.Automation.PSCustomObject\n'
                          '"DisplayName","DisplayVersion","Publisher"\n'
                          '"Microsoft Visual C++ 2015-2022 Redistributable (x64)","14.38",'
                          '"Microsoft Corporation"\n,,\n').encode(encoding))
    software = read_installed(csv_path)
    assert [i.name for i in software.items] == [
        "Microsoft Visual C++ 2015-2022 Redistributable (x64)"]
    assert len(software.unreadable) == 1
    json_path = tmp_path / "programs.json"
    json_path.write_bytes(json.dumps([{"DisplayName": "Foxmail", "DisplayVersion": "7.2"},
                                      {"DisplayName": None}]).encode(encoding))
    assert [i.name for i in read_installed(json_path).items] == ["Foxmail"]


@pytest.mark.parametrize("content", [b"{}", b"[1, 2]", b"hello, world\n1,2\n", b'{"a": 1}'])
def test_a_file_that_is_none_of_the_forms_names_the_forms_tried(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(wsiot.ProfileError, match="CycloneDX"):
        read_installed(path)
    assert main(["qualify", str(_profile(tmp_path)), "--installed", str(path)]) == 2


@given(st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=5),
                          st.fixed_dictionaries({"name": st.text(max_size=8)}),
                          st.fixed_dictionaries({"type": st.sampled_from(
                              ["library", "application", "operating-system"]),
                              "name": st.text(max_size=8)})), max_size=20))
def test_nothing_is_silently_dropped(components):
    software = installed_from_document({"bomFormat": "CycloneDX", "components": components})
    machine = sum(1 for c in components if isinstance(c, dict)
                  and c.get("type") == "operating-system" and str(c.get("name", "")).strip())
    assert len(software.items) + len(software.unreadable) + machine == len(components)


def _profile(tmp_path):
    path = tmp_path / "nvr.toml"
    path.write_text('name = "Contoso NVR"\nindustry = "video security"\ndedicated = true\n'
                    'general_purpose = false\n'
                    'applications = ["Milestone XProtect Corporate 2024 R1"]\n'
                    'preinstalled = true\nships_with_hardware = true\nprimary_function = true\n'
                    'edition = "Standard"\nrelease = "2022"\n')
    return path


def test_an_image_qualifies_or_not_by_what_it_holds(tmp_path, capsys):
    profile = _profile(tmp_path)
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps({"bomFormat": "CycloneDX", "components": [
        {"type": "application", "name": "Milestone XProtect Corporate"},
        {"type": "application", "name": "Microsoft Visual C++ 2015-2022 Redistributable (x64)"},
        {"type": "library", "name": "nodemailer", "purl": "pkg:npm/nodemailer@6"}]}))
    assert main(["qualify", str(profile), "--installed", str(clean), "--strict"]) == 0
    assert "1 libraries of applications not judged" in " ".join(capsys.readouterr().out.split())
    mail = tmp_path / "mail.json"
    mail.write_text(json.dumps([{"DisplayName": "Mozilla Thunderbird (x64 en-US)"}]))
    assert main(["qualify", str(profile), "--installed", str(clean), "--installed",
                 str(mail), "--format", "json"]) == 1
    record = json.loads(capsys.readouterr().out)
    verdicts = {a["name"]: a["outcome"] for a in record["applications"]}
    assert verdicts["Mozilla Thunderbird (x64 en-US)"] == "forbidden"
    assert verdicts["Microsoft Visual C++ 2015-2022 Redistributable (x64)"] == "platform"
    assert record["installed"]["items"] == 4 and record["installed"]["libraries"]


@need_samples
@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.json"))
                         + sorted(p.name for p in SAMPLES.glob("*.csv"))
                         if SAMPLES.exists() else [])
def test_real_reports_are_read_whole(name):
    software = read_installed(SAMPLES / name)
    assert software.items
    for item in software.applications:
        assert wsiot.explain_application(item.name).outcome is not None


@need_samples
def test_a_real_obom_separates_programs_patches_and_drivers():
    software = read_installed(SAMPLES / "cyclonedx-1.5-cdxgen-obom-windows11.trimmed.json")
    outcomes = [wsiot.explain_application(i.name).outcome for i in software.applications]
    assert outcomes.count(wsiot.Recognition.PLATFORM) >= 20
    assert len(software.applications) == 53  # its windows_programs
    assert len(software.platform_parts) == 106  # 101 drivers, 3 patches, kernel, extension
    assert not any(i.name.startswith("STORAGE\\") for i in software.primary_function())
    assert isinstance(software, InstalledSoftware)


def test_winget_identifiers_the_table_does_not_name_are_listed_and_judged_by_their_text():
    document = {"WinGetVersion": "1.8", "Sources": [{"Packages": [
        {"PackageIdentifier": "contoso.lineinspector"}, {"PackageIdentifier": "ZOOM.ZOOM"},
        {"PackageIdentifier": "Contoso.LineInspector"}, {"PackageIdentifier": "XP88X1XTPKZJDJ"},
        {"PackageIdentifier": "9NBLGGH4VVNH"}]}]}
    software = installed_from_document(document)
    assert [u.position for u in software.unreadable] == ["Sources[0].Packages[3]",
                                                         "Sources[0].Packages[4]"]
    assert [i.name for i in software.items] == ["contoso.lineinspector", "Zoom Workplace",
                                                "Contoso.LineInspector"]
    assert software.unrecognised_identifiers == ("contoso.lineinspector", "Contoso.LineInspector")


def test_every_winget_row_is_a_package_the_vocabulary_knows():
    from wsiot.data import winget

    identifiers = [row["identifier"].casefold() for row in winget.PACKAGES]
    assert len(identifiers) == len(set(identifiers)) == len(winget.BY_IDENTIFIER)
    for row in winget.PACKAGES:
        outcome = wsiot.explain_application(row["name"]).outcome
        assert outcome is not wsiot.Recognition.NOT_RECOGNISED, row
        assert row["manifest"].lower().startswith(row["identifier"][0].lower() + "/")
        assert row["manifest"].count("/") == row["identifier"].count(".") + 1


def test_the_primary_function_is_what_remains_recognised_first():
    image = InstalledSoftware(items=(
        InstalledItem("Microsoft Visual C++ 2015-2022 Redistributable (x64)"),
        InstalledItem("Contoso Line Inspector"), InstalledItem("nodemailer", library=True),
        InstalledItem("Mozilla Thunderbird"), InstalledItem("Milestone XProtect Corporate")))
    assert [i.name for i in image.primary_function()] == ["Milestone XProtect Corporate",
                                                          "Contoso Line Inspector"]
    assert InstalledSoftware(items=()).primary_function() == ()


def test_the_report_names_the_primary_function_and_unnamed_identifiers(tmp_path, capsys):
    profile = _profile(tmp_path)
    export = tmp_path / "winget.json"
    export.write_text(json.dumps({"WinGetVersion": "1.8", "Sources": [{"Packages": [
        {"PackageIdentifier": "Contoso.LineInspector"},
        {"PackageIdentifier": "Microsoft.VCRedist.2015+.x64"}]}]}))
    main(["qualify", str(profile), "--installed", str(export)])
    out = capsys.readouterr().out
    assert max(map(len, out.splitlines())) <= 80
    assert "1 package identifier(s) wsiot's table does not name, judged by their text: " \
           "Contoso.LineInspector" in " ".join(out.split())
    assert "looks like the primary function: Contoso.LineInspector\n" in out
    main(["qualify", str(profile), "--installed", str(export), "--format", "json"])
    record = json.loads(capsys.readouterr().out)["installed"]
    assert record["unrecognised_identifiers"] == ["Contoso.LineInspector"]
    assert record["primary_function"] == ["Contoso.LineInspector"]


@need_samples
def test_real_winget_exports_name_what_the_table_knows():
    software = read_installed(SAMPLES / "winget-export-1.8-lewohy.json")
    named = [i for i in software.items if i.identifier not in software.unrecognised_identifiers]
    assert {i.name for i in named} >= {"KakaoTalk", "Discord", "Notion", "Google Chrome"}
    assert (len(software.items), len(software.unreadable)) == (83, 3)  # 3 Store ids
    assert set(software.unrecognised_identifiers) >= {"Valve.Steam", "Figma.Figma",
                                                      "Zoom.Zoom.EXE"}


NVR = wsiot.Appliance(
    name="NVR", purpose="network video recorder", industry="video security", dedicated=True,
    general_purpose=False, applications=("Milestone XProtect Corporate",), preinstalled=True,
    ships_with_hardware=True, primary_function=True, edition="Standard", release="2022")


@need_samples
@pytest.mark.parametrize(("name", "forbidden"), [
    ("cyclonedx-1.5-cdxgen-obom-windows11.trimmed.json", None),
    ("spdx-2.3-k8s-bom-tool-hello-server.spdx.json", None),
    ("uninstall-ps51-convertto-json.utf16le.json", "eM Client"),
    ("uninstall-ps51-export-csv-notype.utf8bom.csv", "KakaoTalk"),
    ("winget-export-1.28-shresht7.json", "Microsoft Teams"),
    ("winget-export-1.8-lewohy.json", "Discord"),
])
def test_real_images_qualify_or_not_with_the_test_helpers(name, forbidden):
    appliance = NVR.with_installed(read_installed(SAMPLES / name))
    if forbidden is None:
        wsiot.assert_eligible(appliance)
        return
    wsiot.assert_not_eligible(appliance, rule="no-prohibited-applications")
    refused = [m.name for m in appliance.application_matches()
               if m.outcome is wsiot.Recognition.FORBIDDEN]
    assert forbidden in refused


@pytest.mark.parametrize(("component", "library"), [
    ({"type": "application", "name": "Contoso Mail", "purl": "pkg:npm/contoso-mail@1"}, False),
    ({"type": "library", "name": "left-pad", "purl": "pkg:npm/left-pad@1"}, True),
    ({"type": "library", "name": "Some Program", "purl": "pkg:generic/some-program@1"}, False),
    ({"type": "framework", "name": "Spring"}, True),
    ({"type": "container", "name": "nvr-app", "purl": "pkg:github/contoso/nvr@1"}, False),
])
def test_only_ecosystem_packages_not_typed_as_applications_are_libraries(component, library):
    (item,) = installed_from_document({"bomFormat": "CycloneDX", "components": [component]}).items
    assert item.library is library


def test_the_html_form_lists_every_item_library_and_unreadable_entry():
    software = installed_from_document(CYCLONEDX, "<b>cdx</b>")
    page = software._repr_html_()
    assert page.count("<tr>") == 1 + 2 + 1 + 1 + 1 + 2  # three tables: heads and rows
    assert "Mozilla Thunderbird (x64 en-US)</td><td>forbidden" in page
    assert "nodemailer" in page and "components[3]" in page
    assert "<b>" not in page and "&lt;b&gt;cdx&lt;/b&gt;" in page


def test_parts_the_sbom_names_as_platform_are_listed_not_judged():
    def part(category, name):
        return {"type": "library", "name": name, "purl": f"pkg:swid/{name}@1",
                "properties": [{"name": "cdx:osquery:category", "value": category}]}
    software = installed_from_document({"bomFormat": "CycloneDX", "components": [
        part("windows_drivers", "STORAGE\\VOLUME\\{1}"), part("windows_patches", "KB5031356"),
        part("chrome_extensions", "Slack"), part("windows_programs", "Mozilla Thunderbird")]})
    assert [i.name for i in software.applications] == ["Mozilla Thunderbird"]
    assert len(software.platform_parts) == 3 and "Platform part" in software._repr_html_()


def test_csv_headers_are_trimmed_and_an_open_quote_is_an_error(tmp_path):
    path = tmp_path / "programs.csv"
    path.write_text("#TYPE Selected.System.Management.Automation.PSCustomObject\n\n"
                    "DisplayName ,Version\nMicrosoft Teams,1\n")
    assert [i.name for i in read_installed(path).items] == ["Microsoft Teams"]
    path.write_text('DisplayName,Version\n"Contoso UI,1\nMicrosoft Teams,1.0\n')
    with pytest.raises(wsiot.ProfileError, match="not a CSV of installed software"):
        read_installed(path)


@pytest.mark.parametrize(("document", "position"), [
    ({"bomFormat": "CycloneDX", "components": {"name": "Microsoft Teams"}}, "components"),
    ({"spdxVersion": "SPDX-2.3", "packages": {"name": "x"}}, "packages"),
    ({"WinGetVersion": "1.8", "Sources": [None]}, "Sources[0]"),
    ({"WinGetVersion": "1.8", "Sources": [{"Packages": "Zoom.Zoom"}]}, "Sources[0].Packages"),
])
def test_a_container_of_the_wrong_shape_is_reported_not_dropped(document, position):
    software = installed_from_document(document)
    assert [u.position for u in software.unreadable] == [position]


def test_components_nested_too_deep_are_reported():
    component = {"type": "application", "name": "leaf"}
    for depth in range(20):
        component = {"type": "application", "name": f"level {depth}", "components": [component]}
    software = installed_from_document({"bomFormat": "CycloneDX", "components": [component]})
    assert len(software.items) == 16
    assert software.unreadable[0].reason.startswith("1 component(s) nested deeper than 16")


def test_unrecognised_identifiers_are_listed_once():
    document = {"WinGetVersion": "1.8", "Sources": [{"Packages": [
        {"PackageIdentifier": "Valve.Steam"}, {"PackageIdentifier": "Valve.Steam"}]}]}
    software = installed_from_document(document)
    assert len(software.items) == 2 and software.unrecognised_identifiers == ("Valve.Steam",)


def test_an_unreadable_entry_is_an_application_nobody_recognises(tmp_path):
    store = {"WinGetVersion": "1.8", "Sources": [{"Packages": [
        {"PackageIdentifier": "XP8BT8DW290MPQ"}]}]}
    appliance = NVR.with_installed(installed_from_document(store))
    assert appliance.applications[-1] == "unreadable entry 1"
    assert wsiot.qualify(appliance).eligible  # as any name wsiot does not recognise
    strict = wsiot.qualify(appliance, strict=True)
    assert strict.result("no-prohibited-applications").outcome is wsiot.Outcome.UNKNOWN
    nested = {"bomFormat": "CycloneDX", "components": [
        {"type": "application", "name": "Milestone XProtect Corporate",
         "components": [{"type": "library"}]}]}
    deep = NVR.with_installed(installed_from_document(nested))
    assert wsiot.qualify(deep, strict=True).result(
        "no-prohibited-applications").outcome is wsiot.Outcome.UNKNOWN


def test_get_package_provider_is_no_publisher(tmp_path):
    path = tmp_path / "packages.csv"
    path.write_text('"Name","Version","ProviderName"\n"Contoso Line Inspector","2.1","msi"\n')
    (item,) = read_installed(path).items
    assert (item.name, item.version, item.publisher) == ("Contoso Line Inspector", "2.1", None)


def test_the_html_page_lists_every_rule_and_item(tmp_path, capsys):
    profile = _profile(tmp_path)
    export = tmp_path / "winget.json"
    export.write_text(json.dumps({"WinGetVersion": "1.8", "Sources": [{"Packages": [
        {"PackageIdentifier": "<script>.x"}, {"PackageIdentifier": "Mozilla.Thunderbird"},
        {"PackageIdentifier": "9NBLGGH4VVNH"}]}]}))
    assert main(["qualify", str(profile), "--installed", str(export), "--format", "html"]) == 1
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "&lt;script&gt;.x" in page
    for rule in wsiot.qualifications():
        assert f"<td>{rule.id}</td>" in page
    assert "Mozilla Thunderbird (en-US)</td><td>forbidden" in page
    assert "unreadable entry 1" in page and "Sources[0].Packages[2]" in page


def test_utf16_without_its_mark_is_named(tmp_path):
    path = tmp_path / "programs.json"
    path.write_bytes(json.dumps([{"DisplayName": "Microsoft Teams"}]).encode("utf-16-le"))
    with pytest.raises(wsiot.ProfileError, match="UTF-16 without a byte-order mark"):
        read_installed(path)
    path.write_bytes("[X] DNS Server   DNS   Installed\n".encode("utf-16-le"))
    with pytest.raises(wsiot.ProfileError, match="UTF-16 without a byte-order mark"):
        wsiot.read_features(path)
