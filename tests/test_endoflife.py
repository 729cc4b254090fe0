import copy
import json

import pytest

import wsiot
from wsiot import CatalogError
from wsiot.io import ENDOFLIFE_FIELDS, dump_catalog, from_endoflife, load_catalog, to_endoflife


def test_export_shape():
    records = to_endoflife()
    assert len(records) == 9
    assert all(tuple(r) == ENDOFLIFE_FIELDS for r in records)
    first = records[0]
    assert first["cycle"] == "2025" and first["eol"] == "2034-11-14"
    assert first["support"] == "2029-11-13" and first["extendedSupport"] is False
    assert first["lts"] is True and first["latest"] == "10.0.26100"


def test_round_trip_leaves_the_catalogue_unchanged():
    again = from_endoflife(to_endoflife())
    assert again.releases == wsiot.default_catalog().releases
    assert again.version.endswith("+endoflife")


def test_import_updates_dates_and_their_citations():
    records = copy.deepcopy(to_endoflife())
    records[1]["eol"] = "2032-10-12"
    records[1]["extendedSupport"] = "2035-10-09"
    catalog = from_endoflife(records)
    r = catalog.release("2022")
    assert r.servicing_end.isoformat() == "2032-10-12" and r.esu_end.isoformat() == "2035-10-09"
    assert [s.key for s in r.sources_of("servicing_end")] == ["endoflife-import"]
    assert [s.key for s in r.sources_of("released")] == ["lc:windows-server-iot-2022", "iot"]
    assert wsiot.is_in_servicing(20348, "2032-06-01", catalog=catalog)
    assert wsiot.is_in_servicing(20348, "2034-06-01", catalog=catalog, include_esu=True)


def test_import_adds_new_cycles():
    record = {"cycle": "2028", "releaseDate": "2027-11-01", "support": "2032-11-09",
              "eol": "2037-11-10", "extendedSupport": False, "latest": "10.0.30000.1",
              "lts": True, "link": None}
    catalog = from_endoflife([record])
    new = catalog.release("2028")
    assert new.name == "Windows Server IoT 2028" and new.build == 30000
    assert catalog.releases[0] is new
    assert wsiot.release_for("10.0.30000.5", catalog=catalog) is new


@pytest.mark.parametrize(
    ("record", "fragment"),
    [
        ({"cycle": "2022", "releaseDate": "x", "support": "2026-10-13", "eol": "2031-10-14"},
         "records[0].releaseDate: expected an ISO date string"),
        ({"cycle": "2022", "releaseDate": "2021-08-18", "support": "2026-10-13", "eol": True},
         "records[0].eol: expected an ISO date string, got True"),
        ({"cycle": "2022", "releaseDate": "2021-08-18", "support": "2026-10-13",
          "eol": "2031-10-14", "extendedSupport": "soon"}, "records[0].extendedSupport"),
        ({"cycle": None}, "records[0].cycle: expected a string"),
        ({"cycle": "2099", "releaseDate": "2098-11-01", "support": "2103-11-13",
          "eol": "2108-11-13"}, "records[0].latest: a new cycle needs its kernel version"),
        ({"cycle": "2022", "releaseDate": "2021-08-18", "support": "2026-10-13",
          "eol": "2031-10-14", "colour": 1}, "records[0]: unknown key 'colour'"),
        ({"cycle": "2022", "releaseDate": "2021-08-18", "support": "2026-10-13",
          "eol": "2031-10-15"}, "is not a second Tuesday"),
        ("2022", "records[0]: expected an object, got str"),
    ],
)
def test_import_errors(record, fragment):
    with pytest.raises(CatalogError) as info:
        from_endoflife([record])
    assert fragment in str(info.value)


def test_files_in_both_shapes(tmp_path):
    eol = tmp_path / "eol.json"
    dump_catalog(wsiot.default_catalog(), eol, shape="endoflife")
    assert isinstance(json.loads(eol.read_text()), list)
    assert load_catalog(eol).releases == wsiot.default_catalog().releases
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([{"cycle": "2022"}]))
    with pytest.raises(CatalogError, match=r"broken\.json: records\[0\]\.releaseDate"):
        load_catalog(broken)
    scalar = tmp_path / "scalar.json"
    scalar.write_text("3")
    with pytest.raises(CatalogError, match="expected a JSON object or a list"):
        load_catalog(scalar)
    with pytest.raises(wsiot.ProfileError, match="unknown catalogue shape"):
        dump_catalog(wsiot.default_catalog(), tmp_path / "x.json", shape="yaml")
