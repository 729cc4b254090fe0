"""Properties of the core: parsing is total, servicing is monotone and consistent."""

from datetime import date, datetime, timedelta

from hypothesis import given, strategies as st

import wsiot
from wsiot import Build, WsiotError, parse_build
from wsiot.values.dates import end_instant, lifecycle_day

KNOWN = [26100, 20348, 17763, 14393, 9600, 9200]
days = st.dates(min_value=date(2010, 1, 1), max_value=date(2045, 12, 31))
anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=60), st.binary(max_size=20),
    st.tuples(st.integers(), st.integers(), st.integers()),
    st.lists(st.integers(), max_size=6), st.dates(), st.datetimes(),
)
builds = st.builds(
    Build, st.integers(0, 255), st.integers(0, 255), st.integers(0, 65535),
    st.none() | st.integers(0, 2**32 - 1),
)


@given(anything)
def test_parse_build_is_total(value):
    try:
        assert isinstance(parse_build(value), Build)
    except WsiotError as exc:
        assert isinstance(exc, ValueError)


@given(builds)
def test_build_round_trips(build):
    assert parse_build(str(build)) == build
    assert parse_build(repr(build)[8:-3]) == build


@given(builds, builds)
def test_build_order_is_consistent(a, b):
    assert (a < b) == ((a.major, a.minor, a.build, a.revision if a.revision is not None else -1)
                       < (b.major, b.minor, b.build, b.revision if b.revision is not None else -1))
    assert (a <= b) == (a < b or a == b)


@given(anything)
def test_lifecycle_day_is_total(value):
    try:
        assert isinstance(lifecycle_day(value), date)
    except WsiotError as exc:
        assert isinstance(exc, ValueError)


@given(st.sampled_from(KNOWN), days, st.integers(1, 5000))
def test_servicing_is_monotone_after_the_end(build, day, later):
    r = wsiot.release_for(build)
    if day > r.servicing_end:
        assert not wsiot.is_in_servicing(build, day + timedelta(days=later))


@given(st.sampled_from(KNOWN), days, st.booleans())
def test_is_in_servicing_agrees_with_status(build, day, esu):
    status = wsiot.servicing_status(build, day, include_esu=esu)
    assert wsiot.is_in_servicing(build, day, include_esu=esu) is status.in_servicing
    assert status.in_servicing == (status.days_left >= 0 and day >= status.release.released)
    assert wsiot.is_in_servicing(build, day.isoformat()) is status.release.is_in_servicing(day)


@given(st.sampled_from(KNOWN), st.datetimes(min_value=datetime(2010, 1, 1),
                                              max_value=datetime(2045, 1, 1),
                                              timezones=st.timezones()))
def test_aware_instants_match_published_instants(build, moment):
    """Serviced exactly from the end of the day before GA to the published end instant."""
    r = wsiot.release_for(build)
    opens = end_instant(r.released - timedelta(days=1))
    closes = end_instant(r.servicing_end)
    assert wsiot.is_in_servicing(build, moment) is (opens < moment <= closes)
