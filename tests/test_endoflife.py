import json
from datetime import date

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import CatalogError
from wsiot.io import (
    ENDOFLIFE_FIELDS,
    compare_endoflife,
    dump_catalog,
    from_endoflife,
    load_catalog,
    to_endoflife,
)


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


V0_2019 = {"cycle": "2019", "releaseDate": "2018-11-13", "lts": True, "support": "2024-01-09",
           "eol": "2029-01-09", "extendedSupport": False, "latest": "10.0.17763",
           "link": "https://learn.microsoft.com/lifecycle/products/windows-server-2019"}
V0_2012R2 = {"cycle": "2012-r2", "releaseLabel": "Windows Server 2012 R2",
             "releaseDate": "2013-11-25", "lts": True, "eol": "2023-10-10", "latest": "6.3.9600",
             "link": None, "support": "2018-10-09", "extendedSupport": "2026-10-13",
             "latestReleaseDate": "2023-10-10", "codename": None, "discontinued": False}
V0_SAC = {"cycle": "1809-sac", "releaseLabel": "Windows Server 1809 SAC",
          "releaseDate": "2018-11-13", "eol": "2020-11-10", "support": True}
V1_2022 = {"name": "2022", "codename": None, "label": "Windows Server 2022 (LTSC)",
           "releaseDate": "2021-08-18", "isLts": True, "ltsFrom": None, "isEoas": True,
           "eoasFrom": "2026-10-13", "isEol": False, "eolFrom": "2031-10-14", "isEoes": None,
           "eoesFrom": None, "isMaintained": True,
           "latest": {"name": "10.0.20348", "date": None, "link": None}, "custom": None}


def test_a_twin_never_replaces_an_iot_release_dates():
    catalog = from_endoflife([V0_2019])
    for version in ("2019", "2019 for Storage"):
        r = catalog.release(version)
        assert r.released.isoformat() == "2019-03-04"
        recorded = [(d.field, d.value, d.source.key) for d in r.discrepancies]
        assert ("released", "2018-11-13", "endoflife-import") in recorded
    assert catalog.release("2022") == wsiot.release("2022")  # untouched


def test_real_record_shapes_are_read():
    result = compare_endoflife([V0_2012R2, V0_SAC, V1_2022])
    assert result.matched == ("2012-r2", "2022") and result.unmatched == ("1809-sac",)
    esu = [d for d in result.differences if d.field == "esu_end"]
    assert {d.release for d in esu} == {"Windows Storage Server 2012 R2",
                                        "Windows Server 2012 R2 for Embedded Systems"}
    assert all(d.ours is None and d.theirs.isoformat() == "2026-10-13" for d in esu)
    assert "none; endoflife.date's Windows Server 2012 R2 record gives 2026-10-13" in str(esu[0])
    assert not [d for d in result.differences if d.release == "Windows Server IoT 2022"]


def test_v1_envelopes_are_read():
    single = {"schema_version": "1.1.0", "generated_at": "2026-11-23T00:00:00+00:00",
              "result": {**V1_2022, "releaseDate": "2021-11-02"}}
    (difference,) = compare_endoflife(single).differences
    assert (difference.field, difference.theirs.isoformat()) == ("released", "2021-11-02")
    product = {"schema_version": "1.1.0", "result": {"name": "windows-server",
                                                     "releases": [V1_2022]}}
    assert compare_endoflife(product).matched == ("2022",)


@pytest.mark.parametrize(
    ("record", "fragment"),
    [
        ({"cycle": "2022", "releaseDate": "x"}, "records[0].releaseDate: expected an ISO date"),
        ({"cycle": "2022", "eol": 2031}, "records[0].eol: expected an ISO date string or true"),
        ({"cycle": "2022", "extendedSupport": "soon"}, "records[0].extendedSupport"),
        ({"cycle": None}, "records[0].cycle: expected a string"),
        ({"name": ["2022"]}, "records[0].name: expected a string"),
        ("2022", "records[0]: expected an object, got str"),
    ],
)
def test_import_errors(record, fragment):
    with pytest.raises(CatalogError) as info:
        from_endoflife([record])
    assert fragment in str(info.value)


@pytest.mark.parametrize("document", ["2022", 3, {"cycle": "2022"}, None])
def test_documents_that_hold_no_records_are_refused(document):
    with pytest.raises(CatalogError, match=r"expected a list of endoflife\.date records"):
        compare_endoflife(document)


@given(st.lists(st.fixed_dictionaries(
    {"cycle": st.sampled_from(["2025", "2022", "2019", "2016", "2012-r2", "2012", "1809-sac"])},
    optional={key: st.one_of(st.booleans(), st.none(), st.dates().map(date.isoformat))
              for key in ("releaseDate", "support", "eol", "extendedSupport")}), max_size=6))
def test_no_record_ever_changes_a_date(records):
    try:
        catalog = from_endoflife(records)
    except CatalogError as exc:  # records that contradict each other are refused, not merged
        assert "different" in str(exc)
        return
    for ours, imported in zip(wsiot.releases(), catalog.releases, strict=True):
        assert (ours.released, ours.mainstream_end, ours.servicing_end, ours.esu_end) == (
            imported.released, imported.mainstream_end, imported.servicing_end, imported.esu_end)


def test_files_in_both_shapes(tmp_path):
    eol = tmp_path / "eol.json"
    dump_catalog(wsiot.default_catalog(), eol, shape="endoflife")
    assert isinstance(json.loads(eol.read_text()), list)
    assert load_catalog(eol).releases == wsiot.default_catalog().releases
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([{"cycle": "2022", "releaseDate": "soon"}]))
    with pytest.raises(CatalogError, match=r"broken\.json: records\[0\]\.releaseDate"):
        load_catalog(broken)
    v1 = tmp_path / "v1.json"
    v1.write_text(json.dumps({"schema_version": "1.1.0", "result": V0_2019}))
    assert load_catalog(v1).release("2019").released.isoformat() == "2019-03-04"
    scalar = tmp_path / "scalar.json"
    scalar.write_text("3")
    with pytest.raises(CatalogError, match="expected a JSON object or a list"):
        load_catalog(scalar)
    with pytest.raises(wsiot.ProfileError, match="unknown catalogue shape"):
        dump_catalog(wsiot.default_catalog(), tmp_path / "x.json", shape="yaml")


def test_two_records_of_one_cycle_with_different_dates_are_refused(tmp_path):
    import json

    from wsiot.cli import main

    records = [{"cycle": "2022", "releaseDate": "2021-08-18", "eol": "2031-10-14"},
               {"cycle": "2022", "releaseDate": "2021-08-18", "eol": "2032-10-14"}]
    with pytest.raises(wsiot.CatalogError, match=r"different (eol|servicing_end)"):
        wsiot.io.compare_endoflife(records)
    path = tmp_path / "eol.json"
    path.write_text(json.dumps(records))
    assert main(["catalog", "validate", str(path)]) == 1
    same = [records[0], dict(records[0])]
    assert wsiot.io.compare_endoflife(same).unmatched == ()
