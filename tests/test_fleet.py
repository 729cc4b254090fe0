from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest

import wsiot
from wsiot import WsiotError
from wsiot.fleet import AUDIT_COLUMNS, AuditRow, audit, audit_frame

ROWS = [
    ("nas-01", "10.0.20348.2762"),
    ("pbx-07", "10.0.17763.1", "2029-01-10"),
    ("old-1", 9600),
    ("lab-3", "Windows 11"),
    ("new-1", "26100", date(2024, 10, 31)),
    ("odd", "20348", "03/04/2030"),
    ("client", "19045"),
]


def test_stream_rows_and_summary():
    run = audit(ROWS, on="2029-01-09")
    rows = list(run)
    assert [r.device for r in rows] == [r[0] for r in ROWS]  # nothing dropped, order kept
    by_device = {r.device: r for r in rows}
    assert by_device["nas-01"][:9] == AuditRow("nas-01", "10.0.20348.2762", date(2029, 1, 9),
                                               "Windows Server IoT 2022", "extended",
                                               (date(2031, 10, 14) - date(2029, 1, 9)).days, True,
                                               None)[:9]
    # the October 2024 update misses every security update from November 2024 on
    nas = by_device["nas-01"]
    assert (nas.installed_kb, nas.patch) == ("KB5044281", "behind")
    assert nas.days_overdue == (date(2029, 1, 9) - date(2024, 11, 12)).days
    assert nas.missing_updates == len(wsiot.updates("2022", kind="security")) - len(
        [u for u in wsiot.updates("2022", kind="security") if u.build.revision <= 2762])
    assert (by_device["pbx-07"].phase, by_device["pbx-07"].days_left) == ("ended", -1)
    assert by_device["old-1"].phase == "ended"
    assert by_device["new-1"].phase == "not-yet-available" and not by_device["new-1"].in_servicing
    assert by_device["lab-3"].error.startswith("invalid build: 'Windows 11'")
    assert by_device["odd"].error.startswith("ambiguous date")
    assert by_device["client"].error.startswith("unknown build")
    assert by_device["lab-3"].in_servicing is None
    summary = run.summary()
    assert summary.complete and summary.rows == 7 and summary.invalid == 3
    assert summary.by_phase == {"not-yet-available": 1, "extended": 1, "ended": 2}
    assert summary.in_servicing == 1 and summary.not_in_servicing == 3
    assert summary.by_release["Windows Server IoT 2022"] == 1
    assert "7 device(s): 1 in servicing, 3 not, 3 invalid" in str(summary)
    assert summary.to_dict()["not_in_servicing"] == 3


def test_summary_while_streaming_is_incomplete():
    run = audit(ROWS, on="2029-01-09")
    stream = iter(run)
    next(stream)
    partial = run.summary()
    assert partial.rows == 1 and not partial.complete
    assert "[incomplete]" in str(partial)
    with pytest.raises(WsiotError, match="streams its rows once"):
        iter(run)


def test_run_gives_summary_only():
    summary = audit(((f"d{i}", 20348) for i in range(1000)), on="2030-01-01").run()
    assert summary.rows == 1000 and summary.by_phase == {"extended": 1000}


def test_bad_rows_never_stop_an_audit():
    rows = [("a", 20348), ("b",), "xy", 5, ("c", 20348, "2030-01-01", "extra"), ("d", ["list"]),
            [], ("e", 20348)]
    out = list(audit(rows, on="2030-01-01"))
    assert len(out) == len(rows)
    assert [r.error is None for r in out] == [True, False, False, False, False, False, False, True]
    assert out[1].error.startswith("bad row")


def test_no_date_is_an_error_row():
    (row,) = audit([("a", 20348)])
    assert row.error.startswith("no date")


def test_bad_default_date_is_the_callers_error():
    with pytest.raises(wsiot.AmbiguousDateError):
        audit([], on="03/04/2030")


def test_esu_in_audit():
    import attrs

    r = attrs.evolve(wsiot.release("Storage 2012 R2"), esu_end=date(2026, 10, 13))
    catalog = wsiot.Catalog([r])
    (plain,) = audit([("x", 9600)], on="2025-01-01", catalog=catalog)
    (paid,) = audit([("x", 9600)], on="2025-01-01", catalog=catalog, include_esu=True)
    assert plain.phase == paid.phase == "esu"
    assert plain.in_servicing is False and paid.in_servicing is True
    assert paid.days_left == (date(2026, 10, 13) - date(2025, 1, 1)).days


def test_stream_agrees_with_servicing_status():
    day = "2031-10-14"
    for build in (26100, 20348, 17763, 14393, 9600, 9200):
        (row,) = audit([("d", build)], on=day)
        status = wsiot.servicing_status(build, day)
        assert (row.phase, row.days_left, row.in_servicing) == (
            status.phase.value, status.days_left, status.in_servicing)


# -- pandas --------------------------------------------------------------------


def _frame():
    return pd.DataFrame({
        "device": ["a", "b", "c", "d", "e", "f"],
        "build": ["10.0.20348.1", "17763", None, "Windows 11", "10.0.26100.5", "6.2.9200"],
        "day": ["2029-01-09", "2029-01-10", "2029-01-10", "2030-01-01", "03/04/2030", None],
    })


def test_frame_matches_the_stream():
    df = _frame()
    out = audit_frame(df, on="2029-01-10")
    assert list(out.columns) == [*df.columns, *AUDIT_COLUMNS]
    streamed = list(audit(zip(df.device, df.build, strict=True), on="2029-01-10"))
    for (_, row), expected in zip(out.iterrows(), streamed, strict=True):
        if expected.error is None:
            assert (row.release, row.phase, row.days_left, row.in_servicing) == (
                expected.release, expected.phase, expected.days_left, expected.in_servicing)
            assert pd.isna(row.error)
        else:
            assert pd.isna(row.phase) and pd.isna(row.days_left) and pd.isna(row.in_servicing)
            assert isinstance(row.error, str)
    assert out.loc[2, "error"] == "no build"
    assert str(out["phase"].dtype) == "category"
    assert str(out["days_left"].dtype) == "Int64"
    assert df.columns.tolist() == ["device", "build", "day"]  # input untouched


def test_frame_with_a_date_column():
    out = audit_frame(_frame(), date_column="day").set_index("device")
    assert out.loc["a", "phase"] == "extended"
    assert out.loc["a", "days_left"] == (date(2031, 10, 14) - date(2029, 1, 9)).days
    assert out.loc["b", "phase"] == "ended"
    assert out.loc["e", "error"].startswith("ambiguous date")
    assert out.loc["f", "error"] == "no date"


def test_frame_with_aware_timestamps():
    df = pd.DataFrame({"build": ["20348", "20348"],
                       "at": pd.to_datetime(["2031-10-15T05:00Z", "2031-10-15T07:00Z"])})
    out = audit_frame(df, date_column="at")
    assert out["in_servicing"].tolist() == [True, False]
    naive = pd.DataFrame({"build": ["20348"], "at": [datetime(2031, 10, 14, 23, 30)]})
    assert audit_frame(naive, date_column="at")["in_servicing"].tolist() == [True]
    aware = datetime(2031, 10, 14, 22, 0, tzinfo=timezone(timedelta(hours=-8)))
    assert audit_frame(pd.DataFrame({"build": ["20348"], "at": [aware]}),
                       date_column="at")["in_servicing"].tolist() == [True]


def test_frame_esu_and_empty_and_errors():
    import attrs

    r = attrs.evolve(wsiot.release("Storage 2012 R2"), esu_end=date(2026, 10, 13))
    catalog = wsiot.Catalog([r])
    df = pd.DataFrame({"build": ["9600"]})
    assert audit_frame(df, on="2025-01-01", catalog=catalog)["in_servicing"].tolist() == [False]
    paid = audit_frame(df, on="2025-01-01", catalog=catalog, include_esu=True)
    assert paid["in_servicing"].tolist() == [True] and paid["phase"].tolist() == ["esu"]
    assert paid["days_left"].tolist() == [(date(2026, 10, 13) - date(2025, 1, 1)).days]
    empty = audit_frame(pd.DataFrame({"build": pd.Series([], dtype=str)}), on="2030-01-01")
    assert list(empty.columns) == ["build", *AUDIT_COLUMNS] and len(empty) == 0
    with pytest.raises(WsiotError, match="no column 'os'"):
        audit_frame(df, build="os", on="2030-01-01")
    with pytest.raises(WsiotError, match="give on="):
        audit_frame(df)
    with pytest.raises(WsiotError, match="no column 'when'"):
        audit_frame(df, date_column="when")
    with pytest.raises(wsiot.InvalidDateError):
        audit_frame(df, on="soon")


def test_dask_map_partitions_runs_unchanged():
    import dask
    import dask.dataframe as dd

    df = pd.DataFrame({"device": [f"d{i}" for i in range(400)],
                       "build": ["10.0.20348.1", "17763", "bad", "26100"] * 100})
    ddf = dd.from_pandas(df, npartitions=4)
    with dask.config.set(scheduler="threads", num_workers=2):
        result = ddf.map_partitions(audit_frame, on="2030-01-01").compute()
    expected = audit_frame(df, on="2030-01-01")
    for column in ("phase", "days_left", "in_servicing"):
        assert result[column].astype(str).tolist() == expected[column].astype(str).tolist()
    assert result["phase"].value_counts()["extended"] == 200


def test_audit_row_to_dict():
    (row,) = audit([("a", 20348)], on="2030-01-01")
    assert row.to_dict() == {"device": "a", "build": 20348, "on": "2030-01-01",
                             "release": "Windows Server IoT 2022", "phase": "extended",
                             "days_left": 651, "in_servicing": True, "error": None,
                             "error_kind": None, "installed_kb": None, "missing_updates": None,
                             "days_overdue": None, "patch": "unknown"}
    (bad,) = audit([("b", "x")])
    assert bad.to_dict()["on"] is None


def test_an_audit_row_is_a_device_its_build_and_a_verdict():
    from wsiot.fleet.stream import Verdict

    assert AuditRow._fields[2:] == Verdict._fields
    assert AuditRow._field_defaults == Verdict._field_defaults
