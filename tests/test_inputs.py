"""The doors for values: builds, dates, names and the describer of bad values, on real inputs."""

import sys
import warnings
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import InvalidBuildError, InvalidDateError, WsiotError
from wsiot.errors import DESCRIBE_LIMIT, describe
from wsiot.values.dates import end_instant, lifecycle_moment, start_instant

# -- sys.getwindowsversion() ---------------------------------------------------------


class WindowsVersion(tuple):
    """A faithful stand-in for sys.getwindowsversion(): a structseq, a tuple of 5 items
    whose attributes give more than the items do."""

    n_sequence_fields = 5

    def __new__(cls, major, minor, build, platform=2, service_pack="", product_type=3):
        self = super().__new__(cls, (major, minor, build, platform, service_pack))
        self._extra = (product_type,)
        return self

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    build = property(lambda self: self[2])
    platform = property(lambda self: self[3])
    service_pack = property(lambda self: self[4])
    product_type = property(lambda self: self._extra[0])
    service_pack_major = service_pack_minor = suite_mask = property(lambda self: 0)
    platform_version = property(lambda self: (self[0], self[1], self[2]))


@given(st.sampled_from([(10, 0, 20348), (10, 0, 17763), (10, 0, 26100), (6, 3, 9600)]),
       st.integers(0, 3), st.text(max_size=20), st.integers(1, 3))
def test_getwindowsversion_is_read_by_its_attributes(parts, platform, pack, product_type):
    version = WindowsVersion(*parts, platform, pack, product_type)
    assert len(version) == 5 and isinstance(version, tuple)
    parsed = wsiot.parse_build(version)
    assert str(parsed) == str(wsiot.Build(*parts))
    if product_type == 1:  # a workstation: a client, whatever its build number
        assert parsed.client is not None
        with pytest.raises(wsiot.NotServerError):
            wsiot.release_for(version)
    else:
        assert parsed == wsiot.Build(*parts)
        assert wsiot.release_for(version).build == parts[2]


@pytest.mark.skipif(sys.platform != "win32", reason="sys.getwindowsversion exists only on Windows")
def test_the_real_getwindowsversion():  # pragma: no cover - runs on Windows only
    assert wsiot.parse_build(sys.getwindowsversion()).build == sys.getwindowsversion().build


def test_objects_whose_attributes_raise_are_invalid_builds():
    class Hostile:
        def __getattr__(self, name):
            raise RuntimeError(name)

    with pytest.raises(InvalidBuildError):
        wsiot.parse_build(Hostile())


@pytest.mark.parametrize("value", [np.int64(20348), np.uint16(20348), np.int32(17763)])
def test_integer_scalars_are_builds(value):
    assert wsiot.parse_build(value).build == int(value)


@pytest.mark.parametrize("value", [20348.0, Decimal(20348), True, np.float64(20348), "20348.0"])
def test_numbers_that_are_not_integers_are_refused(value):
    with pytest.raises(InvalidBuildError):
        wsiot.parse_build(value)


# -- start and end instants --------------------------------------------------------------

_OFFSETS = st.integers(-1439, 1439).map(lambda m: timezone(timedelta(minutes=m)))


@given(st.sampled_from(wsiot.releases()), st.integers(-3 * 24 * 60, 3 * 24 * 60), _OFFSETS,
       st.booleans())
def test_aware_moments_follow_both_published_instants(release, minutes, zone, at_start):
    """Serviced exactly from GA's 00:00:00.000 to the end's 22:59:59.999, both at UTC-08:00."""
    anchor = start_instant(release.released) if at_start else end_instant(release.servicing_end)
    moment = (anchor + timedelta(minutes=minutes)).astimezone(zone)
    expected = start_instant(release.released) <= moment <= end_instant(release.servicing_end)
    assert release.is_in_servicing(moment) is expected
    assert wsiot.is_in_servicing(release.kernel, moment, catalog=_catalog_of(release)) is expected
    assert release.status_on(moment).in_servicing is expected


def _catalog_of(release):
    return wsiot.Catalog((release,), wsiot.editions())


def test_the_hour_before_general_availability_is_not_serviced():
    r = wsiot.release("2022")
    assert not r.is_in_servicing("2021-08-17T23:30-08:00")
    assert r.phase_on("2021-08-17T23:30-08:00") is wsiot.Phase.NOT_YET_AVAILABLE
    assert r.is_in_servicing("2021-08-18T00:00-08:00")
    assert lifecycle_moment("2021-08-17T23:30-08:00") == (date(2021, 8, 18), True)
    assert "later that day" in wsiot.servicing_status(20348, "2021-08-17T23:30-08:00").summary


# -- dates people write, and the edges --------------------------------------------------

ZONE_TEXTS = ["2031-10-14 23:30 PST", "2031-10-14 23:30 UTC+9", "14 Oct 2031 23:30 CET",
              "Oct 14 2031 3pm", "2031-10-14 EST", "14 Oct 2031 +0900", "2031-10-14T23:30 PDT",
              "UTC+9 2031-10-14", "14 October 2031 UTC",
              "2031-10-14T23:30+24:00", "2031-10-14T23:30-25:00"]


@pytest.mark.parametrize("text", ZONE_TEXTS)
def test_zone_names_and_written_times_are_refused_without_warnings(text):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InvalidDateError, match="ISO 8601"):
            wsiot.values.dates.lifecycle_day(text)


@given(st.sampled_from(["PST", "CET", "JST", "XYZ", "UTC+9", "GMT-3", "EDT", "+0900", "-0330"]),
       st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.times())
def test_a_date_with_zone_text_is_read_exactly_or_refused(zone, day, moment):
    """A numeric offset after an ISO date and time is exact; anything else is refused."""
    text = f"{day.isoformat()} {moment.strftime('%H:%M')} {zone}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if zone[0] in "+-":
            sign = 1 if zone[0] == "+" else -1
            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
            exact = datetime.combine(day, moment.replace(second=0, microsecond=0),
                                     tzinfo=timezone(offset))
            assert lifecycle_moment(text) == lifecycle_moment(exact)
        else:
            with pytest.raises(InvalidDateError):
                wsiot.values.dates.lifecycle_day(text)


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)), _OFFSETS)
def test_every_aware_datetime_gets_an_answer_or_a_wsiot_error(naive, zone):
    moment = naive.replace(tzinfo=zone)
    try:
        day, early = lifecycle_moment(moment)
    except InvalidDateError as exc:
        assert "outside the years 1 to 9999" in str(exc)
        return
    assert isinstance(day, date) and isinstance(early, bool)
    wsiot.is_in_servicing(20348, moment)  # never raises past the date door


@pytest.mark.parametrize("value", [pd.NaT, np.datetime64("NaT"), np.datetime64("NaT", "ns")])
def test_missing_times_are_invalid_dates(value):
    with pytest.raises(InvalidDateError, match="NaT"):
        wsiot.is_in_servicing(20348, value)


def test_numpy_and_pandas_moments():
    assert wsiot.is_in_servicing(20348, np.datetime64("2031-10-14"))
    assert wsiot.is_in_servicing(20348, np.datetime64("2031-10-14T12:00:00.000000000"))
    assert not wsiot.is_in_servicing(20348, pd.Timestamp("2031-10-15T07:00", tz="UTC"))
    assert wsiot.is_in_servicing(20348, pd.Timestamp("2031-10-15T06:59", tz="UTC"))
    with pytest.raises(InvalidDateError, match="outside"):
        wsiot.is_in_servicing(20348, np.datetime64("20000-01-01"))


# -- describing bad values ----------------------------------------------------------------


class _RaisingRepr:
    def __repr__(self):
        raise RuntimeError("no")

    def __getattr__(self, name):
        raise RuntimeError(name)


def _deep(n):
    top = value = []
    for _ in range(n):
        value.append([])
        value = value[0]
    return top


HOSTILE = [10**5000, _deep(100_000), _RaisingRepr(), "x" * 10_000_000, b"\x00" * 1000,
           "\x1b[2J\x07", "\ud800", {i: i for i in range(10_000)}, float("nan")]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: type(v).__name__)
def test_errors_on_hostile_values_are_short_and_printable(value):
    for call in (wsiot.parse_build, wsiot.values.dates.lifecycle_day, wsiot.release, wsiot.edition,
                 wsiot.workload, wsiot.application, wsiot.qualification):
        with pytest.raises(WsiotError) as caught:
            call(value)
        message = str(caught.value)
        assert len(message) < 2000 and "\x1b" not in message and "\x07" not in message


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text() |
                    st.binary(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                    max_leaves=30))
def test_describe_is_bounded_printable_and_total(value):
    text = describe(value)
    assert len(text) <= DESCRIBE_LIMIT and text.isprintable()


# -- names: bounded, with suggestions that find what a person meant ------------------------


@pytest.mark.parametrize(("call", "value", "suggestion"), [
    (wsiot.release, "2016", "'Storage 2016'"),
    (wsiot.release, "server 2022", "'2022'"),
    (wsiot.release, "Windows Server 2019", "'2019'"),
    (wsiot.release, "2012r2", "'Storage 2012 R2'"),
    (wsiot.workload, "IVR system", "'ivr'"),
    (wsiot.edition, "storage-wg", "'Storage Workgroup'"),
])
def test_suggestions_name_what_was_meant(call, value, suggestion):
    with pytest.raises(LookupError) as caught:
        call(value)
    message = str(caught.value)
    assert f"did you mean {suggestion}" in message


def test_a_message_without_a_suggestion_still_reads():
    with pytest.raises(LookupError, match=r"unknown workload: 'toaster'\. Known: "):
        wsiot.workload("toaster")


def test_edition_for_points_to_the_release_that_has_one():
    with pytest.raises(wsiot.NoEditionError, match="'2019 for Storage', same build"):
        wsiot.edition_for("nas", release="2019")


@given(st.text(min_size=129, max_size=400))
def test_over_long_names_are_refused_whatever_they_hold(name):
    for call in (wsiot.release, wsiot.edition, wsiot.workload):
        with pytest.raises(LookupError) as caught:
            call(name)
        assert "did you mean" not in str(caught.value)
