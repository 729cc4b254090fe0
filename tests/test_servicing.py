"""Servicing by build, checked against the dates in the domain brief (not read from the data)."""

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import Phase, UnknownBuildError, is_in_servicing, servicing_status

DAY = timedelta(days=1)

# version, build, GA, mainstream end, end of servicing (domain.md)
EXPECTED = [
    ("2025", "10.0.26100", "2024-11-01", "2029-11-13", "2034-11-14"),
    ("2022", "10.0.20348", "2021-08-18", "2026-10-13", "2031-10-14"),
    ("2019", "10.0.17763", "2019-03-04", "2024-01-09", "2029-01-09"),
    ("2019 for Storage", "10.0.17763", "2019-03-04", "2024-01-09", "2029-01-09"),
    ("Storage 2016", "10.0.14393", "2016-10-15", "2022-01-11", "2027-01-12"),
    ("Storage 2012 R2", "6.3.9600", "2013-11-25", "2018-10-09", "2023-10-10"),
    ("Storage 2012", "6.2.9200", "2012-10-30", "2018-10-09", "2023-10-10"),
    ("Embedded 2012 R2", "6.3.9600", "2013-11-25", "2018-10-09", "2023-10-10"),
    ("Embedded 2012", "6.2.9200", "2012-10-30", "2018-10-09", "2023-10-10"),
]


@pytest.mark.parametrize(("version", "kernel", "ga", "mainstream", "end"), EXPECTED)
def test_release_dates_match_the_brief(version, kernel, ga, mainstream, end):
    r = wsiot.release(version)
    assert (r.kernel_version, r.released, r.mainstream_end, r.servicing_end) == (
        kernel, date.fromisoformat(ga), date.fromisoformat(mainstream), date.fromisoformat(end))


@pytest.mark.parametrize(("version", "kernel", "ga", "mainstream", "end"), EXPECTED)
def test_first_and_last_serviced_day(version, kernel, ga, mainstream, end):
    r = wsiot.release(version)
    ga, mainstream, end = map(date.fromisoformat, (ga, mainstream, end))
    expectations = [
        (ga - DAY, Phase.NOT_YET_AVAILABLE, False),
        (ga, Phase.MAINSTREAM, True),
        (mainstream, Phase.MAINSTREAM, True),
        (mainstream + DAY, Phase.EXTENDED, True),
        (end, Phase.EXTENDED, True),
        (end + DAY, Phase.ENDED, False),
    ]
    for day, phase, serviced in expectations:
        assert r.phase_on(day) is phase, day
        assert r.is_in_servicing(day) is serviced, day
        assert is_in_servicing(kernel + ".1", day) is serviced, day
        status = servicing_status(kernel, day.isoformat())
        assert status.phase is phase and status.in_servicing is serviced
        assert status.days_left == (end - day).days


def test_build_forms_agree():
    day = "2030-01-01"
    answers = {is_in_servicing(b, day) for b in
               (20348, "20348", "10.0.20348", "10.0.20348.2762", (10, 0, 20348, 1),
                "Microsoft Windows [Version 10.0.20348.2762]")}
    assert answers == {True}


def test_aware_instant_at_the_end():
    assert is_in_servicing(20348, "2031-10-15T05:00Z")
    assert is_in_servicing(20348, datetime(2031, 10, 15, 6, 59, 59, 999000, tzinfo=UTC))
    assert not is_in_servicing(20348, "2031-10-15T07:00Z")


def test_status_fields_and_summary():
    s = servicing_status("10.0.20348.2762", "2026-10-01")
    assert s.release.name == "Windows Server IoT 2022"
    assert s.phase is Phase.MAINSTREAM
    assert s.days_left_in_phase == 12
    assert s.serviced_until == date(2031, 10, 14)
    assert bool(s)
    assert "mainstream support" in s.summary and "2031-10-14" in str(s)
    assert s.to_dict()["phase"] == "mainstream"

    ended = servicing_status(9600, "2024-01-01")
    assert ended.phase is Phase.ENDED and ended.days_left_in_phase is None
    assert ended.days_left < 0 and not ended
    assert "ago" in ended.summary

    early = servicing_status(26100, "2024-10-30")
    assert early.phase is Phase.NOT_YET_AVAILABLE
    assert early.days_left_in_phase == 1
    assert "2 day(s) away" in early.summary

    last = servicing_status(20348, "2031-10-14")
    assert last.days_left == 0 and "(today)" in last.summary


def _with_esu(release, esu_end):
    return attrs.evolve(release, esu_end=esu_end)


def test_esu_is_separate_and_opt_in():
    base = wsiot.release("Storage 2012 R2")
    r = _with_esu(base, date(2026, 10, 13))
    catalog = wsiot.Catalog([r], wsiot.editions())
    day = date(2025, 1, 1)
    assert r.phase_on(day) is Phase.EXTENDED_SECURITY_UPDATES
    assert not r.is_in_servicing(day)
    assert r.is_in_servicing(day, include_esu=True)
    assert not is_in_servicing(9600, day, catalog=catalog)
    assert is_in_servicing(9600, day, catalog=catalog, include_esu=True)
    s = servicing_status(9600, day, catalog=catalog, include_esu=True)
    assert s.in_servicing and s.serviced_until == date(2026, 10, 13)
    assert s.days_left_in_phase == (date(2026, 10, 13) - day).days
    s2 = servicing_status(9600, day, catalog=catalog)
    assert not s2.in_servicing and s2.days_left_in_phase is None
    assert s2.serviced_until == base.servicing_end
    after = date(2026, 10, 14)
    assert r.phase_on(after) is Phase.ENDED
    assert not r.is_in_servicing(after, include_esu=True)
    assert not r.is_in_servicing(date(2013, 1, 1), include_esu=True)
    assert Phase.EXTENDED_SECURITY_UPDATES.label.startswith("extended security updates")


@pytest.mark.parametrize("build", [19045, "10.0.19045.1", "10.0.22621", "6.1.7601"])
def test_unknown_build(build):
    with pytest.raises(UnknownBuildError, match=r"known server builds: 10\.0\.26100"):
        is_in_servicing(build, "2030-01-01")
    with pytest.raises(LookupError):
        servicing_status(build, "2030-01-01")


def test_mismatched_kernel_is_unknown():
    with pytest.raises(UnknownBuildError):
        is_in_servicing("10.0.9600", "2020-01-01")


@pytest.mark.parametrize("bad", ["03/04/2030", "nope", None, 2030])
def test_bad_dates(bad):
    with pytest.raises(wsiot.InvalidDateError):
        is_in_servicing(20348, bad)
    with pytest.raises(wsiot.InvalidDateError):
        servicing_status(20348, bad)


@given(st.sampled_from(wsiot.releases()), st.dates(), st.booleans(), st.booleans())
def test_the_vectorised_phase_rule_agrees_with_the_scalar_one(release, day, early, esu):
    import numpy as np

    from wsiot.model.lifecycle import phase_on, phases_on, serviced_on

    d = lambda value: np.array([value], dtype="datetime64[D]")  # noqa: E731
    codes, serviced, until = phases_on(
        d(release.released), d(release.mainstream_end), d(release.servicing_end),
        d(release.esu_end if release.esu_end else "NaT"), d(day), np.array([early]), esu)
    moment = wsiot.Moment(day, early)
    assert list(wsiot.Phase)[int(codes[0])] is phase_on(release, moment)
    assert bool(serviced[0]) is serviced_on(release, moment, esu)
    expected = release.esu_end if esu and release.esu_end else release.servicing_end
    assert until[0] == np.datetime64(expected, "D")
