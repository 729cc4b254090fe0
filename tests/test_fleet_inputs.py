"""Fleet audits on the rows and columns people really have."""

import csv
import io
import warnings
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from wsiot.fleet import ERROR_KINDS, audit, audit_frame

BUILDS = [20348, 20348.0, "20348", np.int64(20348), Decimal(20348), True, 1, "x", None, "",
          17763, "10.0.26100.1742", (10, 0, 20348), [10, 0, 20348], 19045]
DATES = [None, "2030-01-01", date(2030, 1, 1), datetime(2030, 1, 1), "2021-08-17T23:30-08:00",
         "garbage", pd.NaT, np.datetime64("NaT"), datetime(9999, 12, 31, 23, 30,
                                                         tzinfo=timezone(timedelta(hours=-9)))]


def _alone(row, on):
    (only,) = audit([row], on=on)
    return only


@given(st.lists(st.tuples(st.sampled_from(range(len(BUILDS))), st.sampled_from(range(len(DATES)))),
                max_size=25), st.randoms())
def test_every_row_answers_as_if_audited_alone(picks, random):
    rows = [(f"d{i}", BUILDS[b], DATES[d]) if DATES[d] is not None else (f"d{i}", BUILDS[b])
            for i, (b, d) in enumerate(picks)]
    random.shuffle(rows)
    together = list(audit(rows, on="2029-06-01"))
    assert len(together) == len(rows)  # nothing dropped, nothing stopped
    for row, answer in zip(rows, together, strict=True):
        assert answer == _alone(row, "2029-06-01")


def test_equal_values_of_other_types_are_not_shared():
    rows = [("a", 20348), ("b", 20348.0), ("c", True), ("d", 1)]
    kinds = [r.error_kind for r in audit(rows, on="2030-01-01")]
    assert kinds == [None, "invalid-build", "invalid-build", "invalid-build"]
    reversed_kinds = [r.error_kind for r in audit(rows[::-1], on="2030-01-01")]
    assert reversed_kinds == kinds[::-1]


def test_mappings_are_read_by_column_name():
    text = "Hostname,OS_Version,Date\nnas,10.0.20348.1,2030-01-01\npbx,17763,\n"
    rows = list(audit(csv.DictReader(io.StringIO(text)), on="2029-06-01"))
    assert [(r.device, r.release, str(r.on)) for r in rows] == [
        ("nas", "Windows Server IoT 2022", "2030-01-01"),
        ("pbx", "Windows Server IoT 2019", "2029-06-01")]
    (bad,) = audit([{"device": "x", "colour": "red"}], on="2030-01-01")
    assert bad.error_kind == "bad-row" and "mapping with a build column" in bad.error


@pytest.mark.parametrize("row", ["ab", b"ab", 3, None, ("a",), ("a", "b", "c", "d"), [[1], [2]]])
def test_malformed_rows_are_error_rows(row):
    (answer,) = audit([row], on="2030-01-01")
    assert answer.error_kind == "bad-row"


def test_errors_are_short_per_row_and_counted_by_kind():
    run = audit([("a", "x"), ("b", 19045), ("c", 20348, "soon"), ("d", None), ("e", 20348)],
                on=None)
    rows = list(run)
    assert all("accepted:" not in (r.error or "") for r in rows)
    summary = run.summary()
    assert summary.invalid_by_kind == {"invalid-build": 1, "unknown-build": 1,
                                       "invalid-date": 1, "no-build": 1, "no-date": 1}
    assert set(summary.invalid_by_kind) <= set(ERROR_KINDS)
    assert "no Windows Server IoT release 1" in str(summary)


# -- pandas columns as they arrive ------------------------------------------------------------


def _frame(column):
    return pd.DataFrame({"device": [f"d{i}" for i in range(len(column))], "build": column})


COLUMNS = {
    "float with a blank": pd.read_csv(io.StringIO("build\n20348\n\n17763\n"),
                                      skip_blank_lines=False)["build"],
    "nullable Int64": pd.array([20348, None, 17763], dtype="Int64"),
    "string": pd.array(["20348", None, "17763"], dtype="string"),
    "string[pyarrow]": pd.array(["20348", None, "17763"], dtype="string[pyarrow]"),
    "categorical": pd.Categorical(["20348", None, "17763"]),
    "object with NA": pd.Series(["20348", pd.NA, "17763"], dtype=object),
    "object with NaN": pd.Series([20348, float("nan"), 17763], dtype=object),
}


@pytest.mark.parametrize("name", COLUMNS)
def test_build_columns_as_pandas_reads_them(name):
    column = COLUMNS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = audit_frame(_frame(column), on="2030-01-01")
    assert list(out["release"].astype(object).where(out["release"].notna(), None)) == [
        "Windows Server IoT 2022", None, "Windows Server IoT 2019"]
    assert list(out["error_kind"].astype(object).where(out["error_kind"].notna(), None)) == [
        None, "no-build", None]


def test_non_integral_floats_are_invalid_builds():
    out = audit_frame(_frame([20348.5, 20348.0]), on="2030-01-01")
    assert list(out["error_kind"].astype(object).where(out["error_kind"].notna(), None)) == [
        "invalid-build", None]


@given(st.lists(st.one_of(st.none(), st.sampled_from([20348, 17763, 26100, 19045, 1])),
                max_size=20))
def test_frames_answer_as_the_stream_does(values):
    frame = _frame(pd.array(values, dtype="Int64"))
    out = audit_frame(frame, on="2030-01-01")
    stream = list(audit(zip(frame["device"], [None if v is None else int(v) for v in values],
                            strict=True), on="2030-01-01"))
    assert len(out) == len(values)
    for (_, row), expected in zip(out.iterrows(), stream, strict=True):
        assert (None if pd.isna(row["release"]) else row["release"]) == expected.release
        assert (None if pd.isna(row["error_kind"]) else row["error_kind"]) == expected.error_kind


def test_date_columns_with_missing_and_out_of_range_moments():
    frame = pd.DataFrame({"build": ["20348"] * 4, "when": pd.Series(
        [pd.Timestamp("2021-08-18T07:30", tz="UTC"), pd.NaT,
         pd.Timestamp("2021-08-18T08:00", tz="UTC"), pd.Timestamp("2031-10-15T07:00", tz="UTC")])})
    out = audit_frame(frame, date_column="when")
    assert list(out["phase"].astype(object).where(out["phase"].notna(), None)) == [
        "not-yet-available", None, "mainstream", "ended"]
    assert out["error_kind"][1] == "no-date"
    odd = pd.DataFrame({"build": ["20348", "20348"], "when": pd.Series(
        [datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))), "2030-01-01"], dtype=object)})
    out = audit_frame(odd, date_column="when")
    assert list(out["error_kind"].astype(object).where(out["error_kind"].notna(), None)) == [
        "invalid-date", None]


def test_fleet_rows_agree_and_keep_what_they_can():
    import csv
    import io

    import pandas as pd

    from wsiot.fleet import audit, audit_frame

    rows = [("a", "  "), ("b", ""), ("c", "10.0.20348.2763")]
    streamed = [(r.error_kind, r.installed_kb) for r in audit(rows, on="2025-01-01")]
    framed = audit_frame(pd.DataFrame(rows, columns=["device", "build"]), on="2025-01-01")
    assert streamed[:2] == [("no-build", None)] * 2 == [
        (k, None) for k in framed.error_kind.iloc[:2]]
    assert streamed[2][1] == framed.installed_kb.iloc[2] == "above KB5044281"  # no exact KB
    text = "\ufeffOS Name,device,build\nWindows Server 2022,nas,10.0.20348.2762\n"
    (row,) = audit(csv.DictReader(io.StringIO(text)), on="2030-01-01")
    assert (row.device, row.error_kind) == ("nas", None)
    (row,) = audit([{"hostname": "x1", "ver": "20348"}], on="2030-01-01")
    assert (row.device, row.error_kind) == ("x1", "bad-row")
