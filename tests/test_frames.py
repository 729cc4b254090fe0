import pandas as pd

import wsiot
from wsiot.frames import editions_frame, releases_frame


def test_releases_frame_types_and_values():
    df = releases_frame()
    assert len(df) == 9
    assert str(df["released"].dtype) == "datetime64[ns]"
    assert str(df["build"].dtype) == "Int64"
    assert df["esu_end"].isna().all()
    assert "phase" not in df.columns
    row = df[df.version == "2025"].iloc[0]
    assert row.servicing_end == pd.Timestamp("2034-11-14")
    assert row.editions.startswith("Standard, Datacenter")


def test_releases_frame_on_a_day():
    df = releases_frame(on="2029-01-10")
    assert str(df["phase"].dtype) == "category"
    assert df.set_index("version").loc["2019", "phase"] == "ended"
    assert df.set_index("version").loc["2022", "days_left"] == (
        wsiot.release("2022").servicing_end - wsiot.lifecycle_day("2029-01-10")).days
    assert df["in_servicing"].dtype == bool


def test_releases_frame_custom_catalog():
    catalog = wsiot.Catalog([wsiot.release("2022")])
    assert releases_frame(catalog=catalog).version.tolist() == ["2022"]


def test_editions_frame():
    df = editions_frame().set_index("name")
    assert df.loc["Essentials", "max_users"] == 25
    assert pd.isna(df.loc["Datacenter", "max_vms"])
    assert df.loc["Essentials", "offered_in"] == "2019, Storage 2012 R2"
    assert str(df["max_users"].dtype) == "Int64"


def test_auditing_an_audited_frame_replaces_its_columns():
    import pandas as pd

    from wsiot.fleet import AUDIT_COLUMNS, audit_frame

    df = pd.DataFrame({"device": ["a", "b"], "build": ["10.0.20348.2762", "x"]})
    once = audit_frame(df, on="2030-01-01")
    twice = audit_frame(once, on="2031-01-01")
    assert list(twice.columns) == list(once.columns) == ["device", "build", *AUDIT_COLUMNS]
    assert twice.loc[0, "days_left"] == once.loc[0, "days_left"] - 365
    assert "release" not in df.columns  # the input is left as it was


def test_audit_frame_keeps_the_frames_labels_and_attrs():
    import pandas as pd

    from wsiot.fleet import AUDIT_COLUMNS, audit_frame

    df = pd.DataFrame({"device": ["a"], "build": ["10.0.20348.2762"]})
    df.attrs["source"] = "mde"
    df.columns = pd.Index(["device", "build"], dtype=object, name="fields")
    out = audit_frame(df, on="2030-01-01")
    assert out.attrs == {"source": "mde"} and out.columns.name == "fields"
    assert out.columns.dtype == object and list(out.columns)[2:] == list(AUDIT_COLUMNS)
    out.attrs["source"] = "changed"
    assert df.attrs == {"source": "mde"}  # the result's attrs are its own
    levels = df.copy()
    levels.columns = pd.MultiIndex.from_tuples([("id", "device"), ("os", "build")])
    leveled = audit_frame(levels, build=("os", "build"), on="2030-01-01")
    assert isinstance(leveled.columns, pd.MultiIndex) and ("release", "") in leveled.columns


def test_installed_kb_categories_in_order_of_first_appearance():
    import pandas as pd

    from wsiot.fleet import audit_frame

    df = pd.DataFrame({"build": ["10.0.20348.2762", "10.0.17763.1", "10.0.20348.2762"],
                       "day": [None, "2030-01-01", "2030-01-01"]})
    out = audit_frame(df, date_column="day")
    seen = [kb for kb in out["installed_kb"].tolist() if isinstance(kb, str)]
    assert list(out["installed_kb"].cat.categories) == list(dict.fromkeys(seen))


def test_json_rows_audited_with_the_columns_given_to_reader_and_audit(tmp_path):
    import json

    from wsiot.fleet import audit
    from wsiot.io.inventory import read_inventory

    path = tmp_path / "inv.json"
    path.write_text(json.dumps([{"host": "a", "ver": "10.0.20348.2762"}]), encoding="utf-8")
    columns = "device=host,build=ver"
    rows = list(audit(read_inventory(path, columns), on="2030-01-01", columns=columns))
    assert [(r.device, r.release, r.error) for r in rows] == [
        ("a", "Windows Server IoT 2022", None)]
