"""Inventories as management tools export them, audited unrenamed; --columns for the rest."""

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot.cli import main
from wsiot.fleet import audit, audit_frame
from wsiot.io.inventory import EXPORT_SHAPES, ColumnMap, parse_columns, recognise_columns

SAMPLES = Path(__file__).parent / "samples" / "exports"
ON = "2026-11-23"

# what each sample's devices are, by device name: (release or error kind, patch state)
EXPECTED = {
    "defender.csv": ("Defender for Endpoint device inventory", {
        "nvr-01.plant.example": ("Windows Server IoT 2022", "unknown"),
        "hmi-04.plant.example": ("Windows Server IoT 2019", "unknown"),
        "desk-12.plant.example": ("not-server", None),
        "old-7.plant.example": ("Windows Storage Server 2016", "unknown"),
    }),
    "intune.csv": ("Intune device export", {
        "KIOSK-SRV-01": ("Windows Server IoT 2022", "behind"),
        "KIOSK-SRV-02": ("Windows Server IoT 2025", "behind"),
        "KIOSK-SRV-03": ("Windows Server IoT 2022", "unknown"),
    }),
    "configmgr.csv": ("Configuration Manager", {
        "PACS-01": ("Windows Server IoT 2019", "behind"),
        "PACS-02": ("Windows Server IoT 2022", "behind"),
        "WS-77": ("not-server", None),
    }),
    "arc.csv": ("Azure Resource Graph (Arc machines)", {
        "edge-gw-01": ("Windows Server IoT 2025", "unknown"),
        "edge-gw-02": ("Windows Server IoT 2022", "behind"),
        "edge-gw-03": ("not-server", None),
    }),
}


def _header(name):
    with (SAMPLES / name).open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def _verdict(release, error_kind, patch):
    return (release if error_kind is None else error_kind, patch)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_is_recognised(name):
    shape, _ = EXPECTED[name]
    assert recognise_columns(_header(name)).shape == shape


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_audits_unrenamed_on_the_command_line(name):
    out = io.StringIO()
    code = main(["audit", str(SAMPLES / name), "--on", ON, "--rows", "--format", "json"], out=out)
    rows = json.loads(out.getvalue())
    _, expected = EXPECTED[name]
    assert {r["device"]: _verdict(r["release"], r["error_kind"], r["patch"]) for r in rows} == \
        expected
    # exit 1 when a device is not serviced or is no server; patch state alone does not fail
    assert code == (0 if name == "intune.csv" else 1)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_audits_the_same_from_python(name):
    _, expected = EXPECTED[name]
    with (SAMPLES / name).open(encoding="utf-8-sig", newline="") as handle:
        streamed = list(audit(csv.DictReader(handle), on=ON))
    assert {r.device: _verdict(r.release, r.error_kind, r.patch) for r in streamed} == expected
    frame = pd.read_csv(SAMPLES / name, encoding="utf-8-sig", dtype=str)
    framed = audit_frame(frame, on=ON)
    device = recognise_columns(list(frame.columns)).device
    got = {row[device]: _verdict(None if pd.isna(row["release"]) else row["release"],
                                 None if pd.isna(row["error_kind"]) else row["error_kind"],
                                 None if pd.isna(row["patch"]) else row["patch"])
           for _, row in framed.iterrows()}
    assert got == expected


def test_a_kernel_only_build_is_audited_by_release_with_patch_unknown():
    (row,) = audit([{"Device name": "k", "OS version": "10.0.20348"}], on=ON)
    assert (row.release, row.patch, row.installed_kb, row.error) == (
        "Windows Server IoT 2022", "unknown", None, None)


def test_columns_option_maps_any_inventory(tmp_path):
    path = tmp_path / "asset-db.csv"
    path.write_text("Asset,Firmware OS,Platform\nnas-9,10.0.20348.2762,Windows Server 2022\n",
                    encoding="utf-8")
    out = io.StringIO()
    code = main(["audit", str(path), "--on", "2024-10-20", "--rows", "--format", "json",
                 "--columns", "device=Asset,build=Firmware OS,product=Platform"], out=out)
    (row,) = json.loads(out.getvalue())
    assert code == 0 and row["device"] == "nas-9" and row["patch"] == "current"
    with path.open(encoding="utf-8") as handle:
        rows = list(audit(csv.DictReader(handle), on="2024-10-20",
                          columns={"device": "Asset", "build": "Firmware OS"}))
    assert rows[0].release == "Windows Server IoT 2022"
    framed = audit_frame(pd.read_csv(path), on="2024-10-20", columns="build=Firmware OS")
    assert framed.loc[0, "installed_kb"] == "KB5044281"


def test_an_unrecognised_inventory_is_one_line_naming_columns_and_the_option(tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_text("Asset,Firmware\nx,1\n", encoding="utf-8")
    assert main(["audit", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "columns found: 'Asset', 'Firmware'" in err
    assert "--columns device=Asset,build=COLUMN" in err
    assert main(["audit", str(path), "--columns", "build=Nope"]) == 2
    assert "no column 'Nope' for build" in capsys.readouterr().err
    assert main(["audit", str(path), "--columns", "os=Firmware"]) == 2
    assert "unknown field 'os'" in capsys.readouterr().err


def test_mapping_rows_without_a_build_column_are_bad_rows_not_a_stop():
    rows = list(audit([{"Asset": "x"}, {"build": "20348", "device": "y"}], on=ON))
    assert rows[0].error_kind == "bad-row" and rows[1].release == "Windows Server IoT 2022"


def test_named_columns_win_over_recognised_ones():
    header = ["Device Name", "OS Build", "OS Version", "OS Platform"]
    found = recognise_columns(header, {"build": "OS Version"})
    assert (found.build, found.device, found.product) == ("OS Version", "Device Name",
                                                          "OS Platform")
    assert found.option() == "device=Device Name,build=OS Version,product=OS Platform"
    assert recognise_columns(["device", "build", "date"]) == ColumnMap(
        build="build", device="device", date="date")


def test_every_shape_cites_its_documentation():
    assert all(shape.source.startswith("https://learn.microsoft.com/") for shape in EXPORT_SHAPES)


def test_parse_columns_refuses_malformed_text():
    assert parse_columns("") == {}
    for bad, message in (("device", "not FIELD=COLUMN"), ("build=", "not FIELD=COLUMN"),
                         ("os=x", "unknown field"), ("build=a,build=b", "given twice")):
        with pytest.raises(wsiot.FleetError, match=message):
            parse_columns(bad)
    with pytest.raises(wsiot.FleetError, match="expected text"):
        parse_columns(5)
    with pytest.raises(wsiot.FleetError, match="unknown field"):
        recognise_columns(["build"], {"os": "build"})


@given(st.lists(st.one_of(st.text(max_size=12), st.integers(), st.none()), max_size=8))
def test_any_header_gives_a_map_of_its_own_columns_or_a_fleet_error(header):
    try:
        found = recognise_columns(header)
    except wsiot.FleetError as exc:
        assert "--columns" in str(exc) and "\n" not in str(exc)
    else:
        texts = [h for h in header if isinstance(h, str)]
        for field in ("build", "device", "date", "product"):
            column = getattr(found, field)
            assert column is None or column in texts


@given(st.text(max_size=30))
def test_any_columns_text_parses_or_is_a_fleet_error(text):
    try:
        parsed = parse_columns(text)
    except wsiot.FleetError:
        return
    assert set(parsed) <= {"device", "build", "date", "product"}
