"""The library's readers of files: inventories as exported and saved machine reports; and
one exit code for one error on every command."""

import contextlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import NotServerError, ProfileError, read_inventory, read_system_facts
from wsiot.cli import main

SAMPLES = Path(__file__).parent / "samples" / "identity"
MACHINES = sorted(p for p in SAMPLES.iterdir() if p.is_dir())


@pytest.mark.parametrize("machine", MACHINES, ids=lambda p: p.name)
def test_every_saved_report_is_recognised_by_its_content(machine):
    verdicts = set()
    for report in sorted(machine.iterdir()):
        facts = read_system_facts(report)
        verdicts.add(facts.is_server)
        assert facts.source in {"registry", "wmi", "computer-info", "systeminfo"}
    assert verdicts <= {True, None} if "server" in machine.name else verdicts <= {False, None}


@pytest.mark.parametrize("content", [b"{}", b"[1, 2]", b'{"Caption": "x"}', b"hello"])
def test_a_file_that_is_no_report_is_one_clear_error(tmp_path, content):
    path = tmp_path / "report.json"
    path.write_bytes(content)
    with pytest.raises(wsiot.WsiotError) as caught:
        read_system_facts(path)
    assert len(str(caught.value).splitlines()) == 1


def test_an_unrecognised_json_report_names_the_forms_read(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"Caption": "Microsoft Windows Server 2022 Standard"}))
    with pytest.raises(ProfileError, match="Get-ComputerInfo"):
        read_system_facts(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_an_inventory_is_read_in_every_encoding_windows_writes(tmp_path, encoding):
    path = tmp_path / "fleet.csv"
    path.write_bytes("device,build,date\nnas-01,10.0.20348.2762,2030-01-01\n\npbx,17763,\n"
                     .encode(encoding))
    assert list(read_inventory(path)) == [("nas-01", "10.0.20348.2762", "2030-01-01"),
                                          ("pbx", "17763", None)]


def test_an_export_header_is_recognised_and_product_columns_read_by_name(tmp_path):
    path = tmp_path / "defender.csv"
    path.write_text("Device Name,OS Platform,OS Build\nsrv,WindowsServer2022,20348\n"
                    "ws,Windows10,17763\n")
    rows = list(read_inventory(path))
    assert rows[0]["device"] == "srv" and rows[0]["product_name"] == "WindowsServer2022"
    audited = list(wsiot.audit(rows, on="2030-01-01"))
    assert [r.error_kind for r in audited] == [None, "not-server"]


def test_counted_reading_gives_devices_per_build_and_day(tmp_path):
    path = tmp_path / "fleet.csv"
    path.write_text("device,build\na,20348\nb,20348\nc,17763\n")
    counts = read_inventory(path, counted=True)
    assert counts == {("20348", None): 2, ("17763", None): 1}


def test_progress_is_reported_while_reading(tmp_path, monkeypatch):
    from wsiot.io import inventory

    monkeypatch.setattr(inventory, "PROGRESS_EVERY", 2)
    path = tmp_path / "fleet.csv"
    path.write_text("device,build\n" + "".join(f"d{i},20348\n" for i in range(5)))
    seen = []
    list(read_inventory(path, progress=lambda fraction, rows: seen.append((fraction, rows))))
    assert [rows for _, rows in seen] == [2, 4] and all(0 < f <= 1 for f, _ in seen)


@given(st.text(max_size=200))
def test_any_text_as_an_inventory_is_rows_or_a_typed_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("inv") / "any.csv"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        rows = list(read_inventory(path))
    except wsiot.WsiotError:
        return
    assert all(isinstance(r, tuple | dict) for r in rows)


def test_a_client_exits_4_from_every_command_that_meets_it(tmp_path):
    report = SAMPLES / "win11-enterprise-24h2" / "registry.json"
    err = io.StringIO()
    codes = {
        "status": main(["status", "10.0.26100.8000", "--on", "2030-01-01"], out=err),
        "inspect": main(["inspect", "--from", str(report), "--on", "2030-01-01"], out=err),
    }
    assert codes == {"status": NotServerError.exit_code, "inspect": NotServerError.exit_code}
    assert NotServerError.exit_code == 4 and wsiot.InvalidBuildError.exit_code == 2


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=30), st.booleans(),
                 st.none(), st.decimals(allow_nan=False)))
def test_whole_number_is_an_int_in_range_or_none(value):
    from wsiot.values.validators import whole_number

    found = whole_number(value, high=10**6, text=True)
    assert found is None or (type(found) is int and 0 <= found <= 10**6)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        assert found is None


@pytest.mark.parametrize("text", ["²", "٣", "-1", "1e3", "9" * 5000, "10000000"])
def test_days_on_the_command_line_are_ascii_whole_numbers(text):
    err = io.StringIO()
    with pytest.raises(SystemExit) as caught:
        main(["status", "20348", "--warn-within", text], out=err)
    assert caught.value.code == 2


def test_an_instant_before_the_day_starts_keeps_its_meaning_on_every_command(tmp_path, capsys):
    """23:30 at UTC-08:00 on 2021-08-17 is lifecycle day 2021-08-18, before it starts: IoT
    2022 (available 2021-08-18) is not yet available then, on every command alike."""
    instant = "2021-08-17T23:30:00-08:00"
    path = tmp_path / "fleet.csv"
    path.write_text("device,build\nnas,10.0.20348\n")
    main(["audit", str(path), "--on", instant, "--rows", "--format", "json"])
    (row,) = json.loads(capsys.readouterr().out)
    assert row["phase"] == "not-yet-available"
    main(["audit", str(path), "--on", instant, "--format", "json"])
    assert json.loads(capsys.readouterr().out)["by_phase"] == {"not-yet-available": 1}
    main(["releases", "--on", instant, "--format", "json"])
    phases = {r["version"]: r["phase"] for r in json.loads(capsys.readouterr().out)}
    assert phases["2022"] == "not-yet-available"
    main(["status", "20348", "--on", instant, "--format", "json"])
    assert json.loads(capsys.readouterr().out)[0]["phase"] == "not-yet-available"


def test_no_default_date_and_on_are_refused_together(tmp_path, capsys):
    path = tmp_path / "fleet.csv"
    path.write_text("device,build\nnas,10.0.20348\n")
    assert main(["audit", str(path), "--on", "2030-01-01", "--no-default-date"]) == 2
    assert "contradict" in capsys.readouterr().err


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_semicolon_and_tab_inventories_are_read(tmp_path, delimiter):
    path = tmp_path / "fleet.csv"
    path.write_text(delimiter.join(["device", "build", "date"]) + "\n"
                    + delimiter.join(["nas", "10.0.20348.2762", "2030-01-01"]) + "\n",
                    encoding="utf-8-sig")
    assert list(read_inventory(path)) == [("nas", "10.0.20348.2762", "2030-01-01")]


@pytest.mark.parametrize("shape", ["cli", "list", "flat"])
def test_azure_resource_graph_output_is_read_as_az_writes_it(tmp_path, shape):
    machines = [{"name": "arc-01", "properties": {"osVersion": "10.0.20348.2762",
                                                   "osSku": "Windows Server 2022 Datacenter"}},
                {"name": "arc-02", "properties": {"osVersion": "10.0.22631.3007",
                                                   "osSku": "Windows 11 Enterprise"}}]
    if shape == "flat":
        machines = [{"name": m["name"], "properties_osVersion": m["properties"]["osVersion"],
                     "properties_osSku": m["properties"]["osSku"]} for m in machines]
    document = {"count": 2, "data": machines, "skip_token": None, "total_records": 2} \
        if shape != "list" else machines
    path = tmp_path / "arc.json"
    path.write_text(json.dumps(document))
    rows = list(wsiot.audit(read_inventory(path), on="2030-01-01"))
    assert [(r.device, r.release, r.error_kind) for r in rows] == [
        ("arc-01", "Windows Server IoT 2022", None), ("arc-02", None, "not-server")]
    err = io.StringIO()
    assert main(["audit", str(path), "--on", "2030-01-01"], out=err) == 1  # a client


def test_updates_of_a_release_without_data_says_so(capsys):
    assert main(["updates", "Storage 2012 R2"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no update of Windows Storage Server 2012 R2" in captured.err


def test_inspect_shows_the_patch_level_of_a_full_build(capsys):
    report = SAMPLES / "server2022-standard" / "registry.json"
    assert main(["inspect", "--from", str(report), "--on", "2025-01-20"]) == 0
    assert "missing:   3 security update(s)" in capsys.readouterr().out
    assert main(["inspect", "--from", str(report), "--on", "2025-01-20", "--format",
                 "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["patch"] == "behind"


def test_rows_as_a_table_fit_in_80_columns_and_stream(tmp_path, capsys):
    path = tmp_path / "fleet.csv"
    long = "a-very-long-device-name-that-goes-on-and-on"
    path.write_text(f"device,build\n{long},10.0.20348.2762\nlab,Windows 11\n")
    main(["audit", str(path), "--rows", "--on", "2030-01-01"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and max(len(line) for line in lines) <= 80
    assert "error: invalid-build" in lines[3] and lines[2].startswith(long[:21])


def test_the_report_says_how_much_of_each_list_it_shows():
    rows = [(f"d{i}", "10.0.17763.1") for i in range(60)]
    page = wsiot.fleet.report(wsiot.audit(rows, on="2030-01-01"))
    assert "50 of 60; 10 more not listed" in page.html
    small = wsiot.fleet.report(wsiot.audit(rows[:3], on="2030-01-01"))
    assert "all 3" in small.html and "Patch level unknown" not in small.html
    kernel_only = wsiot.fleet.report(wsiot.audit([("k", "10.0.20348")], on="2030-01-01"))
    assert "Patch level unknown for 1 device(s)" in kernel_only.html


REG_EXPORT = (
    "Windows Registry Editor Version 5.00\r\n\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\r\n"
    '"SystemRoot"="C:\\\\Windows"\r\n'
    '"CurrentBuild"="{build}"\r\n'
    '"CurrentMajorVersionNumber"=dword:0000000a\r\n'
    '"CurrentMinorVersionNumber"=dword:00000000\r\n'
    '"UBR"=dword:{ubr:08x}\r\n'
    '"EditionID"="{edition}"\r\n'
    '"ProductName"="{name}"\r\n'
    '"DigitalProductId"=hex:a4,00,00,00,03,00,00,00,30,30,33,37,37,2d,\\\r\n'
    "  37,30,30,30,30\r\n\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Accessibility]\r\n"
    '"CurrentBuild"="1"\r\n')
REG_QUERY = (
    "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\r\n"
    "    SystemRoot    REG_SZ    C:\\Windows\r\n"
    "    CurrentBuild    REG_SZ    {build}\r\n"
    "    UBR    REG_DWORD    {ubr:#x}\r\n"
    "    EditionID    REG_SZ    {edition}\r\n"
    "    ProductName    REG_SZ    {name}\r\n"
    "    InstallDate    REG_DWORD    0x6123abcd\r\n\r\n"
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Accessibility\r\n")
MACHINES_AS_TEXT = [("20348", 2762, "ServerStandard", "Windows Server 2022 Standard", True),
                    ("26100", 4946, "Enterprise", "Windows 10 Enterprise", False)]


@pytest.mark.parametrize("form", [REG_EXPORT, REG_QUERY], ids=["reg-export", "reg-query"])
@pytest.mark.parametrize(("build", "ubr", "edition", "name", "server"), MACHINES_AS_TEXT)
def test_registry_text_is_read_by_inspect(tmp_path, form, build, ubr, edition, name, server):
    text = form.format(build=build, ubr=ubr, edition=edition, name=name)
    path = tmp_path / "cv.reg"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))  # as reg export writes it
    facts = read_system_facts(path)
    assert (str(facts.build), facts.is_server, facts.source) == (
        f"10.0.{build}.{ubr}", server, "registry")
    code = main(["inspect", "--from", str(path), "--on", "2030-01-01"], out=io.StringIO())
    assert code == (0 if server else 4)


@given(st.text(max_size=300))
def test_any_text_after_a_registry_header_is_facts_or_a_wsiot_error(text):
    from wsiot.model.registry import registry_values

    for head in ("Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\X]\n",
                 "HKEY_LOCAL_MACHINE\\X\n"):
        with contextlib.suppress(wsiot.WsiotError):
            wsiot.SystemFacts.from_registry(registry_values(head + text))
