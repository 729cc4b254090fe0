import pandas as pd
from hypothesis import given, strategies as st

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


@given(st.lists(st.integers(0, 39), min_size=0, max_size=200))
def test_dense_and_hashed_pair_codes_agree(values):
    import numpy as np

    from wsiot.fleet.frame import _pairs

    combined = np.array(values, dtype=np.int64)
    dense_codes, dense_pairs = _pairs(combined, 40)  # few pairs: the dense table
    hashed_codes, hashed_pairs = _pairs(combined, 1 << 20)  # many: the hash table
    assert (dense_pairs[dense_codes] == combined).all()
    assert (hashed_pairs[hashed_codes] == combined).all()
    assert sorted(dense_pairs.tolist()) == sorted(hashed_pairs.tolist()) == sorted(set(values))
