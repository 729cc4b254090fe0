"""Every public parser and lookup is total: a value or a wsiot error, never another exception."""

import calendar
from datetime import date

from hypothesis import given, strategies as st

import wsiot
from wsiot import Catalog, WsiotError
from wsiot.io import from_endoflife, to_endoflife

text = st.text(max_size=40)
anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text,
                     st.lists(st.integers(), max_size=4), st.dates())


def _total(function, *args, **kwargs):
    try:
        function(*args, **kwargs)
    except WsiotError as exc:
        assert isinstance(exc, ValueError | LookupError)


@given(anything)
def test_lookups_are_total(value):
    _total(wsiot.release, value)
    _total(wsiot.edition, value)
    _total(wsiot.workload, value)
    _total(wsiot.application, value)
    _total(wsiot.classify_application, value)
    _total(wsiot.qualification, value)
    _total(wsiot.release_for, value)
    _total(wsiot.releases_for, value)


@given(anything, anything)
def test_servicing_and_containers_are_total(build, day):
    _total(wsiot.is_in_servicing, build, day)
    _total(wsiot.servicing_status, build, day)
    _total(wsiot.container_use, "Windows Server IoT", build)


@given(st.dictionaries(st.sampled_from(["users", "devices", "virtual_machines", "active_directory",
                                        "network_services", "peripherals", "release", "edition"]),
                       anything, max_size=4), st.sampled_from(["nas", "pacs", "ivr", "database"]))
def test_edition_choice_is_total(requirements, name):
    _total(wsiot.edition_for, name, **requirements)


@given(st.dictionaries(st.sampled_from(["industry", "dedicated", "general_purpose", "applications",
                                        "preinstalled", "ships_with_hardware", "primary_function",
                                        "edition", "release"]), anything, max_size=5))
def test_qualify_is_total(facts):
    try:
        appliance = wsiot.Appliance(name="p", **facts)
    except WsiotError as exc:
        assert isinstance(exc, ValueError)
        return
    _total(wsiot.qualify, appliance)


def _second_tuesday(year, month):
    first = date(year, month, 1)
    return date(year, month, 8 + (1 - first.weekday()) % 7)


@st.composite
def releases(draw):
    year = draw(st.integers(2000, 2080))
    month = draw(st.integers(1, 12))
    released = date(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))
    mainstream = _second_tuesday(year + draw(st.integers(1, 6)), draw(st.integers(1, 12)))
    end = _second_tuesday(mainstream.year + draw(st.integers(1, 6)), draw(st.integers(1, 12)))
    build = draw(st.integers(10240, 65535))
    return wsiot.Release(name=f"R{build}", version=f"v{build}", slug=f"r-{build}",
                         kernel=wsiot.Build(10, 0, build), released=released,
                         mainstream_end=mainstream, servicing_end=end)


@given(st.lists(releases(), min_size=1, max_size=5, unique_by=lambda r: r.build))
def test_catalogue_rows_and_endoflife_round_trip(rels):
    catalog = Catalog(rels)
    rows = catalog.to_rows()
    assert Catalog.from_rows(rows["releases"], rows["editions"], rows["sources"],
                             version=rows["version"], as_of=rows["as_of"]) == catalog
    again = from_endoflife(to_endoflife(catalog), base=catalog)
    assert again.releases == catalog.releases
    for r in rels:
        assert wsiot.is_in_servicing(r.build, r.servicing_end, catalog=catalog)
        assert not wsiot.is_in_servicing(r.build, date.fromordinal(r.servicing_end.toordinal() + 1),
                                         catalog=catalog)
