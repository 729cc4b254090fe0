"""Catalogue rows: every schema problem is reported with its location."""

import copy

import pytest

import wsiot
from wsiot import Catalog, CatalogError


@pytest.fixture
def rows():
    return copy.deepcopy(wsiot.default_catalog().to_rows())


def _load(rows):
    return Catalog.from_rows(rows["releases"], rows["editions"], rows["sources"],
                             version=rows["version"], as_of=rows["as_of"])


def _problems(rows):
    with pytest.raises(CatalogError) as info:
        _load(rows)
    return "\n".join(info.value.problems)


def test_round_trip(rows):
    assert _load(rows) == wsiot.default_catalog()


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda r: r["releases"][0].update(released="2024-13-01"),
         "releases[0].released: expected an ISO date string (YYYY-MM-DD), got '2024-13-01'"),
        (lambda r: r["releases"][1].pop("servicing_end"),
         "releases[1].servicing_end: expected an ISO date string (YYYY-MM-DD), missing"),
        (lambda r: r["releases"][0].update(colour="red"), "releases[0]: unknown key 'colour'"),
        (lambda r: r["releases"][0].update(kernel="ten"),
         "releases[0].kernel: expected 'major.minor.build', got 'ten'"),
        (lambda r: r["releases"][0].update(build=1), "releases[0].build: 1 does not match kernel"),
        (lambda r: r["releases"][0].update(editions=["Home"]),
         "releases[0].editions: unknown edition 'Home'"),
        (lambda r: r["releases"][0].update(editions="Standard"),
         "releases[0].editions: expected a list of strings"),
        (lambda r: r["releases"][0].update(name=5), "releases[0].name: expected a string, got 5"),
        (lambda r: r["releases"][0]["sources"].update(released=["nowhere"]),
         "releases[0].sources.released: unknown source 'nowhere'"),
        (lambda r: r["releases"][0]["sources"].update(released="iot"),
         "releases[0].sources.released: expected a list of source keys"),
        (lambda r: r["releases"][0].update(sources=[]), "releases[0].sources: expected an object"),
        (lambda r: r["releases"][0].update(discrepancies={}),
         "releases[0].discrepancies: expected a list"),
        (lambda r: r["releases"][0]["discrepancies"][0].update(source="x"),
         "releases[0].discrepancies[0].source: unknown source 'x'"),
        (lambda r: r["releases"].append(3), "releases[9]: expected an object, got int"),
        (lambda r: r["editions"][0].update(kind="home"),
         "editions[0].kind: expected one of general, storage"),
        (lambda r: r["editions"][0].update(max_users=-3),
         "editions[0].max_users: expected a whole number >= 0 or null, got -3"),
        (lambda r: r["editions"][0].update(max_users=True),
         "editions[0].max_users: expected a whole number >= 0 or null, got True"),
        (lambda r: r["editions"][0].update(peripherals="no"),
         "editions[0].peripherals: expected true or false, got 'no'"),
        (lambda r: r["sources"].update(iot="x"), "sources['iot']: expected an object"),
        (lambda r: r.update(sources=[]), "sources: expected an object"),
        (lambda r: r.update(releases={}), "releases: expected a list, got dict"),
        (lambda r: r.update(as_of="yesterday"), "as_of: expected an ISO date string"),
        (lambda r: r.update(as_of=5), "as_of: expected an ISO date string"),
        (lambda r: r.update(version=1), "version: expected a string"),
        (lambda r: r["releases"][0].update(servicing_end="2034-11-15"), "not a second Tuesday"),
    ],
)
def test_problems_are_located(rows, mutate, fragment):
    mutate(rows)
    assert fragment in _problems(rows)


def test_every_problem_is_reported_at_once(rows):
    rows["releases"][0]["released"] = "x"
    rows["releases"][2]["name"] = None
    rows["editions"][1]["purpose"] = 3
    text = _problems(rows)
    assert "releases[0].released" in text
    assert "releases[2].name" in text
    assert "editions[1].purpose" in text


def test_minimal_release_row_uses_defaults():
    catalog = Catalog.from_rows(
        [{"name": "Lab", "version": "lab", "slug": "lab", "kernel": "10.0.30000",
          "released": "2030-01-01", "mainstream_end": "2035-01-09", "servicing_end": "2040-01-10"}],
        [], {})
    lab = catalog.release("lab")
    assert lab.policy == "Fixed Lifecycle Policy" and lab.esu_end is None and lab.editions == ()
    assert catalog.as_of is None and catalog.version == "custom"
