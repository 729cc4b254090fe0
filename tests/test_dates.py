from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from wsiot import AmbiguousDateError, InvalidDateError, WsiotError
from wsiot.values.dates import END_OF_DAY, PACIFIC_STANDARD, end_instant, lifecycle_day

D = date(2031, 10, 14)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D, D),
        (datetime(2031, 10, 14, 23, 59), D),  # naive: its calendar date
        ("2031-10-14", D),
        ("20311014", D),
        ("2031-10-14T12:00", D),
        ("2031-10-15T05:00Z", D),  # 21:00 on the 14th at UTC-08:00
        ("2031-10-15T06:59:59.999+00:00", D),  # exactly the published end instant
        ("2031-10-15T06:59:59.999001+00:00", date(2031, 10, 15)),
        ("2031-10-15T07:00Z", date(2031, 10, 15)),
        ("14 Oct 2031", D),
        ("October 14, 2031", D),
        ("Tue, 14 Oct 2031", D),
        ("2031/10/14", D),
        ("14/10/2031", D),  # only one reading: 14 cannot be a month
        ("10/14/2031", D),
        (" 2031-10-14 ", D),
    ],
)
def test_accepted(value, expected):
    assert lifecycle_day(value) == expected


def test_aware_datetime_boundaries():
    end = end_instant(D)
    assert end == datetime(2031, 10, 14, 22, 59, 59, 999000, tzinfo=PACIFIC_STANDARD)
    assert lifecycle_day(end) == D
    assert lifecycle_day(end + timedelta(microseconds=1)) == D + timedelta(days=1)
    assert lifecycle_day(end.astimezone(UTC)) == D
    tokyo = timezone(timedelta(hours=9))
    assert lifecycle_day(datetime(2031, 10, 15, 15, 0, tzinfo=tokyo)) == D
    assert END_OF_DAY.isoformat() == "22:59:59.999000"


@pytest.mark.parametrize("value", ["03/04/2030", "01/02/03", "5.6.2030"])
def test_ambiguous(value):
    with pytest.raises(AmbiguousDateError, match="ISO 8601"):
        lifecycle_day(value)


@pytest.mark.parametrize(
    "value",
    [
        None, 20311014, 1.5, b"2031-10-14", "", "garbage", "October 2031", "2031", "2031-13-01",
        "2031-02-30", "\x00", "2031-10-14\n2031", "x" * 1000, "２０３１-１０-１４", "NaN", "inf",
        "31/31/2031", "99999999999999999999",
    ],
)
def test_invalid(value):
    with pytest.raises(InvalidDateError) as info:
        lifecycle_day(value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, WsiotError)
    assert "accepted:" in str(info.value) or "ambiguous" in str(info.value)


def test_no_clock_read_for_incomplete_dates():
    # a string without a year must not borrow today's year
    with pytest.raises(InvalidDateError, match="lacks a day, month or year"):
        lifecycle_day("14 October")
