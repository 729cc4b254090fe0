"""Hostile input is refused with a wsiot error; threads get the serial answers."""

import json
import math
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

import wsiot
from wsiot import WsiotError

HOSTILE_TEXT = [
    "1" * 1_000_000,
    "2" * 10_000 + ".0.20348",
    "10.0.20348" + "\x00",
    "\x1b[31m20348",
    "20348\u200b",
    "٢٠٣٤٨",  # Arabic-Indic digits
    "２０３４８",  # full-width digits
    "10.0." + "9" * 5000,
    "Microsoft Windows [Version " + "1." * 5000 + "]",
    "nan", "NaN", "inf", "-0", "1e5", "0x4F9C",
    "26100.1742." + "9" * 100_000,
]
HOSTILE_VALUES = [10**100, -(10**100), float("nan"), math.inf, object(), [20348], {20348}, b"20348",
                  (10, 0, 10**30), (float("nan"), 0, 1)]


@pytest.mark.parametrize("value", HOSTILE_TEXT + HOSTILE_VALUES)
def test_hostile_builds(value):
    with pytest.raises(wsiot.InvalidBuildError):
        wsiot.parse_build(value)
    with pytest.raises(WsiotError):
        wsiot.is_in_servicing(value, "2030-01-01")


@pytest.mark.parametrize("value", HOSTILE_TEXT + HOSTILE_VALUES + ["2030-01-01" * 10, "\n2030-01-01"])
def test_hostile_dates(value):
    with pytest.raises(wsiot.InvalidDateError):
        wsiot.lifecycle_day(value)


@pytest.mark.parametrize("value", ["x" * 1_000_000, "\x00", "nas\x00", 5, None, 1.5])
def test_hostile_names(value):
    with pytest.raises(LookupError):
        wsiot.release(value)
    with pytest.raises(LookupError):
        wsiot.edition(value)
    with pytest.raises((LookupError, ValueError)):
        wsiot.workload(value)


def test_huge_application_names_are_refused_at_once():
    from wsiot.model.applications import MAX_APPLICATION_NAME

    for name in ("x" * 1_000_000, "y " * 100_000 + "exchange"):
        with pytest.raises(wsiot.InvalidApplianceError, match="too long") as caught:
            wsiot.classify_application(name)
        assert len(str(caught.value)) < 300
    longest = "y " * ((MAX_APPLICATION_NAME - 8) // 2) + "exchange"
    assert len(longest) <= MAX_APPLICATION_NAME
    assert wsiot.classify_application(longest) is None  # an ordinary word inside a phrase
    assert wsiot.classify_application("y " * 200 + "sharepoint") is wsiot.Application.SHAREPOINT


def test_oversized_and_nested_files(tmp_path):
    from wsiot.io import MAX_FILE_BYTES, load_appliance, load_catalog

    deep = tmp_path / "deep.json"
    deep.write_text('{"name": ' + "[" * 200_000 + "]" * 200_000 + "}")
    with pytest.raises(wsiot.ProfileError):
        load_appliance(deep)
    with pytest.raises(wsiot.ProfileError):
        load_catalog(deep)
    big = tmp_path / "big.toml"
    big.write_text('name = "' + "x" * (MAX_FILE_BYTES + 10) + '"')
    with pytest.raises(wsiot.ProfileError, match="larger than"):
        load_appliance(big)
    wide = tmp_path / "wide.json"
    wide.write_text(json.dumps({f"k{i}": i for i in range(50_000)} | {"name": "x"}))
    with pytest.raises(wsiot.ProfileError, match="unknown key"):
        load_appliance(wide)


def test_threads_agree_with_serial_answers():
    builds = ["10.0.20348.2762", 17763, "26100", "10.0.14393.1", "6.3.9600", "bad", 19045]
    days = ["2019-03-04", "2029-01-09", "2029-01-10", date(2031, 10, 14), "14 Oct 2031",
            "2031-10-15T05:00Z", "03/04/2030"]
    cases = [(b, d) for b in builds for d in days] * 40

    def answer(case):
        build, day = case
        try:
            status = wsiot.servicing_status(build, day)
            return (wsiot.is_in_servicing(build, day), status.phase, status.days_left)
        except WsiotError as exc:
            return type(exc).__name__

    serial = [answer(case) for case in cases]
    wsiot.default_catalog()._memo.clear()
    with ThreadPoolExecutor(max_workers=16) as pool:
        threaded = list(pool.map(answer, cases))
    assert threaded == serial


def test_threads_share_a_fleet_cache_safely():
    from wsiot.fleet import audit

    rows = [(f"d{i}", ("20348", "17763", "bad")[i % 3]) for i in range(3000)]

    def summary(_):
        return audit(rows, on="2029-06-01").run().to_dict()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(summary, range(16)))
    assert all(r == results[0] for r in results)
    assert results[0]["invalid"] == 1000
