"""Wrong-typed arguments to any public callable raise a WsiotError, never a bare TypeError."""

import pandas as pd
import pytest

import wsiot

GARBAGE = [None, 3.5, object(), ["x"], {"a": 1}, b"bytes"]

CALLS = {
    "release": lambda g: wsiot.release(g),
    "release_for": lambda g: wsiot.release_for(g),
    "releases_for": lambda g: wsiot.releases_for(g),
    "edition": lambda g: wsiot.edition(g),
    "is_in_servicing build": lambda g: wsiot.is_in_servicing(g, "2030-01-01"),
    "is_in_servicing date": lambda g: wsiot.is_in_servicing(20348, g),
    "servicing_status": lambda g: wsiot.servicing_status(20348, g),
    "phase_on": lambda g: wsiot.release("2022").phase_on(g),
    "status_on": lambda g: wsiot.release("2022").status_on(g),
    "Releases.on": lambda g: wsiot.releases().on(g),
    "records": lambda g: wsiot.records(on=g) if g is not None else wsiot.records(on=[]),
    "lifecycle_day": lambda g: wsiot.lifecycle_day(g),
    "parse_build": lambda g: wsiot.parse_build(g),
    "workload": lambda g: wsiot.workload(g),
    "Workload": lambda g: wsiot.Workload(scenario=g),
    "edition_for": lambda g: wsiot.edition_for(g),
    "edition_for release": lambda g: wsiot.edition_for("nas", release=g) if g is not None
    else wsiot.edition_for("nas", release=[]),
    "recommend_edition": lambda g: wsiot.recommend_edition("nas", users=g) if g is not None
    else wsiot.recommend_edition("nas", devices=-1),
    "Appliance": lambda g: wsiot.Appliance(name=g),
    "qualify": lambda g: wsiot.qualify(g),
    "qualify release": lambda g: wsiot.qualify(wsiot.Appliance(name="a"), g) if g is not None
    else wsiot.qualify(wsiot.Appliance(name="a"), []),
    "qualification": lambda g: wsiot.qualification(g),
    "classify_application": lambda g: wsiot.classify_application(g),
    "application": lambda g: wsiot.application(g),
    "container_use host": lambda g: wsiot.container_use(g, 20348),
    "container_use build": lambda g: wsiot.container_use("Windows Server", g),
    "check_catalog releases": lambda g: wsiot.check_catalog([g]),
    "check_catalog editions": lambda g: wsiot.check_catalog([], [g]),
    "Catalog": lambda g: wsiot.Catalog([g]),
    "Catalog editions": lambda g: wsiot.Catalog([wsiot.release("2022")], [g]),
    "from_rows": lambda g: wsiot.Catalog.from_rows(g, g, g),
    "from_endoflife": lambda g: wsiot.from_endoflife([g]),
    "to_endoflife": lambda g: wsiot.to_endoflife(g),
    "audit on": lambda g: wsiot.audit([], on=g) if g is not None else wsiot.audit([], on=[]),
    "audit rows": lambda g: list(wsiot.audit(g, on="2030-01-01")),
    "audit_frame": lambda g: wsiot.audit_frame(g, on="2030-01-01"),
    "audit_frame build": lambda g: wsiot.audit_frame(pd.DataFrame({"b": [1]}), build=g,
                                                     on="2030-01-01"),
    "releases_frame": lambda g: wsiot.releases_frame(on=g) if g is not None
    else wsiot.releases_frame(on=[]),
    "load_catalog": lambda g: wsiot.load_catalog(g),
    "load_appliance": lambda g: wsiot.load_appliance(g),
    "assert_not_eligible rule": lambda g: wsiot.assert_not_eligible(wsiot.Appliance(name="a"),
                                                                     rule=g) if g is not None
    else wsiot.assert_not_eligible(wsiot.Appliance(name="a"), rule=[]),
}


# calls that answer some garbage without raising, by design, and what they must answer
BY_DESIGN = {
    "check_catalog releases": lambda g, result: result == [
        f"releases[0]: expected a wsiot.Release, got {g!r}"],
    "check_catalog editions": lambda g, result: result == [
        f"editions[0]: expected a wsiot.Edition, got {g!r}"],
    # an iterable of bad rows streams error rows, one per item; nothing is dropped
    "audit rows": lambda g, result: len(result) == len(g) and all(r.error for r in result),
    # None means "the embedded catalogue"
    "to_endoflife": lambda g, result: g is None and result == wsiot.to_endoflife(),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("garbage", GARBAGE, ids=lambda g: type(g).__name__)
def test_garbage_raises_a_wsiot_error(name, garbage):
    try:
        result = CALLS[name](garbage)
    except wsiot.WsiotError as exc:
        assert isinstance(exc, ValueError | LookupError)
        assert str(exc)
    else:
        assert name in BY_DESIGN, f"{name} accepted {garbage!r} silently"
        assert BY_DESIGN[name](garbage, result)


@pytest.mark.parametrize("value", [None, 5, "2022", b"x"])
def test_collections_must_be_iterables_of_their_kind(value):
    with pytest.raises(wsiot.CatalogError, match="releases: expected an iterable"):
        wsiot.Catalog(value)
    with pytest.raises(wsiot.CatalogError, match="editions: expected an iterable"):
        wsiot.Catalog([wsiot.release("2022")], value if value is not None else 5)
    with pytest.raises(wsiot.CatalogError, match="records: expected a list"):
        wsiot.from_endoflife(value if value is not None else {"cycle": "2022"})


WRONG_KIND = {  # every wrong-kind argument: one error class, one message form
    "catalog": lambda g: wsiot.releases(catalog=g),
    "updates": lambda g: wsiot.patch_status("10.0.20348.2762", "2026-01-01", updates=g),
    "appliance": lambda g: wsiot.qualify(g),
    "repeats": lambda g: wsiot.audit([], repeats=g),
}


@pytest.mark.parametrize("name", sorted(WRONG_KIND))
@pytest.mark.parametrize("garbage", [3.5, "text", ["x"]], ids=lambda g: type(g).__name__)
def test_a_wrong_kind_names_the_argument_and_what_it_takes(name, garbage):
    with pytest.raises(wsiot.InvalidArgumentError) as caught:
        WRONG_KIND[name](garbage)
    assert str(caught.value).startswith(f"{name}: expected ")
    assert str(caught.value).endswith(f"got {garbage!r}")
