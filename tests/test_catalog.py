from datetime import date

import attrs
import pytest

import wsiot
from wsiot import (
    AmbiguousBuildError,
    Catalog,
    CatalogError,
    EditionKind,
    UnknownEditionError,
    UnknownReleaseError,
    check_catalog,
    is_second_tuesday,
)


def test_releases_newest_first_and_complete():
    rels = wsiot.releases()
    assert len(rels) == 9
    assert [r.released for r in rels] == sorted((r.released for r in rels), reverse=True)
    assert {r.build for r in rels} == {26100, 20348, 17763, 14393, 9600, 9200}
    assert all(r.policy == "Fixed Lifecycle Policy" for r in rels)
    assert all("LTSC" in r.channel for r in rels)


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("2022", "Windows Server IoT 2022"),
        (2022, "Windows Server IoT 2022"),
        ("Windows Server IoT 2022", "Windows Server IoT 2022"),
        ("windows-server-iot-2022", "Windows Server IoT 2022"),
        ("WINDOWS_SERVER_IOT_2019_FOR_STORAGE", "Windows Server IoT 2019 for Storage"),
        ("2019-storage", "Windows Server IoT 2019 for Storage"),
        ("storage 2012 r2", "Windows Storage Server 2012 R2"),
    ],
)
def test_release_lookup(key, name):
    assert wsiot.release(key).name == name


def test_release_lookup_passes_release_through():
    r = wsiot.release("2025")
    assert wsiot.release(r) is r


@pytest.mark.parametrize("key", ["2021", "", "Windows 11", None, 3.5, True])
def test_unknown_release(key):
    with pytest.raises(UnknownReleaseError, match="Known: "):
        wsiot.release(key)


def test_unknown_release_suggests():
    with pytest.raises(UnknownReleaseError, match="did you mean '2022'"):
        wsiot.release("2O22")


def test_shared_build_17763():
    both = wsiot.releases_for("10.0.17763.100")
    assert [r.name for r in both] == ["Windows Server IoT 2019", "Windows Server IoT 2019 for Storage"]
    assert wsiot.release_for(17763) is both[0]


def test_shared_build_with_different_dates_is_ambiguous():
    storage = wsiot.release("2019 for Storage")
    moved = attrs.evolve(storage, servicing_end=date(2030, 1, 8))
    catalog = Catalog([wsiot.release("2019"), moved], wsiot.editions())
    assert len(catalog.releases_for(17763)) == 2
    with pytest.raises(AmbiguousBuildError, match="releases_for"):
        catalog.release_for(17763)
    with pytest.raises(AmbiguousBuildError):
        wsiot.is_in_servicing(17763, "2029-06-01", catalog=catalog)


def test_editions_six_and_offers():
    names = [e.name for e in wsiot.editions()]
    assert names == ["Standard", "Datacenter", "Essentials", "Storage Standard",
                     "Storage Workgroup", "Telecommunications"]
    offered = {r.version: {e.name for e in r.editions} for r in wsiot.releases()}
    assert offered["2022"] == {"Datacenter", "Standard", "Storage Standard", "Storage Workgroup",
                               "Telecommunications"}
    assert offered["2019"] == {"Datacenter", "Essentials", "Standard", "Telecommunications"}
    assert offered["2019 for Storage"] == {"Storage Standard", "Storage Workgroup"}
    assert offered["2025"] == offered["2022"]
    assert offered["Storage 2012 R2"] == {"Essentials", "Storage Standard", "Storage Workgroup"}
    assert {v for v, eds in offered.items() if "Essentials" in eds} == {"2019", "Storage 2012 R2"}
    assert wsiot.release("2019").offers("essentials")
    assert not wsiot.release("2022").offers(wsiot.edition("Essentials"))
    assert wsiot.release("2019 for Storage").offers("workgroup")


@pytest.mark.parametrize(
    ("key", "name"),
    [("Storage Workgroup", "Storage Workgroup"), ("storage-workgroup", "Storage Workgroup"),
     ("  STORAGE_workgroup ", "Storage Workgroup"), ("telecom", "Telecommunications"),
     ("datacenter", "Datacenter")],
)
def test_edition_lookup(key, name):
    assert wsiot.edition(key).name == name


@pytest.mark.parametrize("key", ["Enterprise", "", None, 5])
def test_unknown_edition(key):
    with pytest.raises(UnknownEditionError, match="Known: Datacenter"):
        wsiot.edition(key)


def test_edition_fields():
    wg = wsiot.edition("Storage Workgroup")
    assert (wg.max_users, wg.network_services, wg.peripherals, wg.kind) == (
        50, False, False, EditionKind.STORAGE)
    assert wg.slug == "storage-workgroup"
    assert "at most 50 users" in wg.limits
    ess = wsiot.edition("Essentials")
    assert (ess.max_users, ess.max_devices) == (25, 50)
    assert wsiot.edition("Standard").max_vms == 2
    assert wsiot.edition("Datacenter").max_vms is None
    assert wsiot.edition("Datacenter").unlimited_vms is True
    assert wsiot.edition("Datacenter").limits == "unlimited virtual machines per licence"
    assert wsiot.edition("Telecommunications").limits == "none"
    assert repr(wg) == "<Edition 'Storage Workgroup'>" and str(wg) == "Storage Workgroup"
    assert wg.to_dict()["kind"] == "storage"
    assert "<table" in wg._repr_html_()


def test_embedded_catalogue_is_sound_and_sourced():
    catalog = wsiot.default_catalog()
    assert check_catalog(catalog.releases, catalog.editions) == []
    for r in catalog.releases:
        for field in ("released", "mainstream_end", "servicing_end"):
            sources = r.sources_of(field)
            assert sources, (r.name, field)
            assert all(s.url.startswith("https://") for s in sources)
        assert r.link.startswith("https://learn.microsoft.com/lifecycle/products/")
    for e in catalog.editions:
        assert e.sources, e.name
    assert catalog.version == wsiot.CATALOG_VERSION
    assert catalog.as_of == wsiot.DATA_AS_OF
    assert wsiot.release("2022").sources_of("nonsense") == ()


def test_iot_2025_discrepancy_is_recorded():
    r = wsiot.release("2025")
    assert r.servicing_end == date(2034, 11, 14)
    recorded = {d.field: d for d in r.discrepancies}
    assert recorded["servicing_end"].value == "2034-10-10"
    assert recorded["servicing_end"].source.key == "iot"
    assert recorded["mainstream_end"].value == "2029-10-09"
    assert recorded["mainstream_end"].source.key == "eol"  # the IoT page has no such column
    start = {d.field: d for d in wsiot.release("2022").discrepancies}["released"]
    assert (start.value, start.source.key) == ("2021-11-02", "lc:windows-server-2022")
    for version in ("Embedded 2012", "Embedded 2012 R2"):
        notes = " ".join(wsiot.release(version).notes)
        assert "2026-10-13" in notes and "lists none" not in notes
    assert any("2014-09-25" in n for n in wsiot.release("Storage 2012 R2").notes)
    assert r.equivalent_to == "Windows Server 2025"
    assert r.notes


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2031, 10, 14), True), (date(2031, 10, 7), False), (date(2031, 10, 21), False),
     (date(2024, 1, 9), True), (date(2024, 1, 16), False), (date(2026, 9, 8), True),
     (date(2026, 9, 1), False), (date(2026, 9, 15), False)],
)
def test_second_tuesday(day, expected):
    assert is_second_tuesday(day) is expected


def _r(**changes):
    return attrs.evolve(wsiot.release("2022"), **changes)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"mainstream_end": date(2021, 8, 10)}, "released 2021-08-18 is after mainstream_end"),
        ({"servicing_end": date(2026, 9, 8)}, "mainstream_end 2026-10-13 is after servicing_end"),
        ({"servicing_end": date(2031, 10, 15)}, "is not a second Tuesday"),
        ({"esu_end": date(2031, 10, 7)}, "servicing_end 2031-10-14 is after esu_end"),
        ({"kernel": wsiot.Build(10, 0, 20348, 5)}, "must not carry an update revision"),
    ],
)
def test_catalog_rules(changes, fragment):
    bad = _r(**changes)
    assert any(fragment in p for p in check_catalog([bad], wsiot.editions()))
    with pytest.raises(CatalogError, match=fragment):
        Catalog([bad], wsiot.editions())


def test_catalog_duplicates_and_kernels():
    a = wsiot.release("2022")
    problems = check_catalog([a, a], wsiot.editions())
    assert any("listed twice" in p for p in problems)
    clash = attrs.evolve(wsiot.release("2019"), version="2022")
    assert any("also used by" in p for p in check_catalog([a, clash]))
    wrong_kernel = attrs.evolve(wsiot.release("2019"), kernel=wsiot.Build(6, 3, 20348),
                                name="x", version="x", slug="x", aliases=())
    assert any("has kernel" in p for p in check_catalog([a, wrong_kernel]))
    with pytest.raises(CatalogError, match="offers 'Datacenter', not in the editions"):
        Catalog([a], [wsiot.edition("Standard")])


def test_catalog_editions_default_to_those_offered():
    catalog = Catalog([wsiot.release("2019 for Storage"), wsiot.release("2019")])
    assert [e.name for e in catalog.editions] == [
        "Storage Standard", "Storage Workgroup", "Datacenter", "Essentials", "Standard",
        "Telecommunications"]


def test_catalog_edition_duplicates():
    std = wsiot.edition("Standard")
    assert any("listed twice" in p for p in check_catalog([], [std, std]))
    alias_clash = attrs.evolve(wsiot.edition("Datacenter"), aliases=("standard",))
    assert any("also used by" in p for p in check_catalog([], [std, alias_clash]))


def test_typed_fields_raise_catalog_error():
    with pytest.raises(CatalogError, match=r"Release.released: expected date"):
        _r(released="2021-08-18")
    with pytest.raises(CatalogError, match=r"Edition.max_users: must be >= 0"):
        attrs.evolve(wsiot.edition("Standard"), max_users=-1)
    with pytest.raises(CatalogError, match=r"Edition.peripherals: expected bool"):
        attrs.evolve(wsiot.edition("Standard"), peripherals="yes")


def test_user_catalog_is_used_everywhere():
    moved = _r(servicing_end=date(2032, 10, 12))
    catalog = Catalog([moved], wsiot.editions(), version="mine")
    assert not wsiot.is_in_servicing(20348, "2032-01-01")
    assert wsiot.is_in_servicing(20348, "2032-01-01", catalog=catalog)
    assert wsiot.release("2022", catalog=catalog) is moved
    assert wsiot.releases(catalog=catalog) == (moved,)
    assert wsiot.release_for(20348, catalog=catalog) is moved
    assert wsiot.releases_for(20348, catalog=catalog) == (moved,)
    assert wsiot.editions(catalog=catalog) == wsiot.editions()
    assert wsiot.edition("standard", catalog=catalog).name == "Standard"
    assert repr(catalog) == "<Catalog 1 releases, 6 editions, data mine>"
    with pytest.raises(wsiot.UnknownBuildError):
        wsiot.release_for(17763, catalog=catalog)


def test_rows_round_trip():
    catalog = wsiot.default_catalog()
    rows = catalog.to_rows()
    again = Catalog.from_rows(rows["releases"], rows["editions"], rows["sources"],
                              version=rows["version"], as_of=rows["as_of"])
    assert again == catalog
    assert again.to_rows() == rows


def test_release_object_forms():
    r = wsiot.release("2022")
    assert r.build == 20348 and r.kernel_version == "10.0.20348"
    assert r.last_serviced_day == date(2031, 10, 14)
    assert str(r) == "Windows Server IoT 2022"
    assert repr(r) == "<Release 'Windows Server IoT 2022' 10.0.20348, 2021-08-18..2031-10-14>"
    assert r.status_on("2031-10-14").days_left == 0
    assert r.to_dict()["editions"][0] == "Datacenter"
    assert "<table" in r._repr_html_() and "<table" in wsiot.default_catalog()._repr_html_()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.name = "x"  # type: ignore[misc]
