"""Patch level: the update data, update_for, updates and patch_status."""

import csv
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import (
    NotServerError,
    SeriesSplit,
    UnknownUpdateError,
    Update,
    UpdateDataError,
    UpdateHistory,
    UpdateKind,
    check_updates,
    next_patch_tuesday,
    patch_status,
    update_for,
)
from wsiot.values.builds import Build

DATA = wsiot.default_updates()
SECURITY = {b: sorted((u for u in DATA.updates if u.build.build == b
                       and u.kind is UpdateKind.SECURITY), key=lambda u: u.build)
            for b in DATA.builds}
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "server-cu-history.csv"


# -- the data --------------------------------------------------------------------------


def test_embedded_data_is_sound_and_dated_apart_from_the_catalogue():
    assert check_updates(DATA.updates, as_of=DATA.as_of, reissued=DATA.reissued,
                         off_cycle=DATA.off_cycle) == []
    assert DATA.builds == (14393, 17763, 20348, 26100)
    assert DATA.as_of == wsiot.UPDATES_AS_OF == date(2026, 8, 11)
    assert DATA.version == wsiot.UPDATES_VERSION
    assert max(u.released for u in DATA.updates) == DATA.as_of
    assert all(u.source.startswith("https://") for u in DATA.updates)
    kb_rows = [u for u in DATA.updates if u.kb]
    # each row cites its KB page, but for the five whose UBR follows the release-information
    # page, which cite that page (their KB pages give another number: DISCREPANCIES)
    from wsiot.data import updates as data

    by_page = {u.kb for u in kb_rows if u.source == data.SOURCES["release-info"]["url"]}
    assert by_page == {"KB3206632", "KB4057142", "KB5037423", "KB4490481", "KB5005625"}
    assert all(u.source.endswith(u.kb[2:]) for u in kb_rows if u.kb not in by_page)
    assert by_page <= {row["kb"] for row in data.DISCREPANCIES}


def test_newest_first_and_every_kind_present():
    days = [u.released for u in DATA.updates]
    assert days == sorted(days, reverse=True)
    assert {u.kind for u in DATA.updates} == set(UpdateKind)


@pytest.mark.parametrize(("build", "ga"), [(17763, 1), (20348, 169), (26100, 1742)])
def test_general_availability_builds(build, ga):
    update = update_for(f"10.0.{build}.{ga}")
    assert update.kind is UpdateKind.RELEASE and update.kb is None
    assert "general-availability build" in str(update) and update.title == "general availability"


@pytest.mark.skipif(not REFERENCE.exists() and not os.environ.get("WSIOT_REQUIRE_SHARED"),
                    reason="the shared reference data is not beside the checkout "
                           "(.ci/run sets WSIOT_REQUIRE_SHARED, so CI never skips this)")
def test_every_reference_row_is_in_the_data():
    """Every update of the reference history is a row, or a KB the release page numbers otherwise."""
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 479
    corrected = {"KB3206632", "KB4057142", "KB5037423", "KB4490481", "KB5005625"}
    for row in rows:
        if row["kb"] in corrected:
            assert DATA.kb(row["kb"]).build.revision != int(row["ubr"])
            continue
        update = update_for(row["full_version"])
        assert (update.kb, update.released.isoformat()) == (row["kb"], row["release_date"]) or \
            (row["kb"] == "KB3200970" and update.kb == "KB3200970")
        if row["release_type"] == "Preview":
            assert update.kind is UpdateKind.PREVIEW
        if row["release_type"] == "Out-of-band":
            assert update.kind is UpdateKind.OUT_OF_BAND


def test_reissued_kbs_cover_two_builds():
    for kb, (low, high) in {"KB3189866": (187, 189), "KB4015217": (1066, 1083),
                            "KB4088787": (2125, 2126), "KB3200970": (447, 448)}.items():
        assert update_for(f"10.0.14393.{low}").kb == update_for(f"10.0.14393.{high}").kb == kb
    assert DATA.kb("KB3189866").build == Build(10, 0, 14393, 189)  # its latest build


def test_security_updates_fall_on_second_tuesdays_but_the_known_exception():
    off = [u for u in DATA.updates if u.kind is UpdateKind.SECURITY
           and not wsiot.is_second_tuesday(u.released)]
    assert {u.kb for u in off} == {"KB4056890", "KB3200970"}  # 2018-01 B early; a re-release


# -- update_for ------------------------------------------------------------------------


@pytest.mark.parametrize("build", [14393, 17763, 20348, 26100])
def test_first_and_latest_security_update_of_every_release(build):
    first, latest = SECURITY[build][0], SECURITY[build][-1]
    assert update_for(str(first.build)) == first
    assert update_for(str(latest.build)) == latest
    assert wsiot.updates(build, kind="security")[0] == latest
    assert wsiot.updates(build, kind="security")[-1] == first


def test_update_for_other_forms():
    assert update_for(Build(10, 0, 20348, 2762)).kb == "KB5044281"
    assert update_for("Microsoft Windows [Version 10.0.20348.2762]").kb == "KB5044281"
    assert update_for((10, 0, 20348, 2762)).kb == "KB5044281"
    assert DATA.kb("5044281") == DATA.kb(" kb5044281 ") == update_for("10.0.20348.2762")


def test_unknown_ubr_names_the_updates_either_side():
    with pytest.raises(UnknownUpdateError, match=r"after KB5044281 .* before KB5046698"):
        update_for("10.0.20348.2763")
    with pytest.raises(UnknownUpdateError, match="newer than every update in the data"):
        update_for("10.0.20348.60000")
    with pytest.raises(UnknownUpdateError, match=r"before KB3176929"):
        update_for("10.0.14393.5")
    assert issubclass(UnknownUpdateError, LookupError)


def test_a_build_without_a_ubr_is_a_clear_error():
    with pytest.raises(UnknownUpdateError, match="without its UBR") as caught:
        update_for("10.0.20348")
    assert caught.value.short == "no update revision in '10.0.20348'"
    with pytest.raises(UnknownUpdateError, match="no update data for build 9600"):
        update_for("6.3.9600.1000")
    with pytest.raises(UnknownUpdateError, match="unknown KB number"):
        DATA.kb("KB0000001")


@pytest.mark.parametrize("bad", ["Windows 11", "", None, 3.5, [1], "10.0.20348.x"])
def test_update_for_bad_input_is_a_typed_error(bad):
    with pytest.raises(wsiot.WsiotError):
        update_for(bad)


# -- the two series on 26100 -------------------------------------------------------------


def test_server_series_on_26100_since_january_2026():
    assert update_for("10.0.26100.32230").kb == "KB5073379"
    assert update_for("10.0.26100.7462").kb == "KB5072033"  # the last update both shared
    for client in ("10.0.26100.7623", "10.0.26100.7463", "10.0.26100.32229"):
        with pytest.raises(NotServerError, match="Windows 11 24H2 update level"):
            update_for(client)
        with pytest.raises(NotServerError):
            patch_status(client, "2026-03-01")


def test_server_build_is_never_matched_to_client_updates():
    status = patch_status("10.0.26100.7462", "2026-02-20")
    assert [u.kb for u in status.missing] == ["KB5073379", "KB5075899"]
    assert all(u.build.revision >= 32230 for u in status.missing)


def test_client_facts_are_refused():
    facts = wsiot.SystemFacts.from_values("10.0.26100.32230", product_name="Windows 11 Pro")
    with pytest.raises(NotServerError):
        patch_status(facts, "2026-03-01")
    server = wsiot.SystemFacts.from_values("10.0.26100.32230",
                                           product_name="Windows Server 2025 Datacenter")
    assert patch_status(server, "2026-01-20").current is True


# -- patch_status -----------------------------------------------------------------------


def test_exactly_at_an_update():
    status = patch_status("10.0.20348.2762", "2024-10-20")
    assert status.exact and status.installed.kb == "KB5044281"
    assert status.latest.kb == "KB5044281" and status.missing == ()
    assert status.current is True and status.days_overdue == 0 and status.overdue_since is None
    assert status.state == "current" and bool(status)


def test_between_updates_counts_the_one_below():
    status = patch_status("10.0.20348.2800", "2024-10-20")
    assert not status.exact and status.installed.kb == "KB5044281" and status.current
    assert "above KB5044281" in status.summary


def test_above_every_update():
    status = patch_status("10.0.20348.60000", "2026-08-20")
    assert status.installed == SECURITY[20348][-1] and not status.exact and status.current


def test_below_every_update():
    status = patch_status("10.0.14393.5", "2016-08-20")
    assert status.installed is None
    assert [u.kb for u in status.missing] == ["KB3176495"]
    assert "older than every update" in status.summary


def test_missing_oldest_first_with_overdue_days():
    status = patch_status("10.0.20348.2762", "2025-01-20")
    assert [u.kb for u in status.missing] == ["KB5046616", "KB5048654", "KB5049983"]
    assert status.overdue_since == date(2024, 11, 12) and status.days_overdue == 69
    assert status.latest.kb == "KB5049983" and status.current is False
    assert "behind by 3 security update(s)" in str(status)


def test_the_day_an_update_is_released_counts_it():
    assert patch_status("10.0.20348.2762", "2024-11-11").current is True
    assert patch_status("10.0.20348.2762", "2024-11-12").current is False
    # a moment before 00:00 at UTC-08:00 on the 12th is still the 11th's end
    early = patch_status("10.0.20348.2762", "2024-11-11T23:30-08:00")
    assert early.on == date(2024, 11, 12) and early.current is True


def test_previews_and_out_of_band_updates_are_installed_levels_never_missing():
    status = patch_status("10.0.17763.5830", "2024-06-01")  # the May 2024 out-of-band update
    assert status.installed.kind is UpdateKind.OUT_OF_BAND and status.current
    behind = patch_status("10.0.17763.5820", "2024-06-01")
    assert behind.missing == () and behind.current  # the out-of-band above it is not missing


def test_a_hotpatch_carries_its_months_security_fixes():
    status = patch_status("10.0.26100.4851", "2025-08-20")  # the August 2025 hotpatch
    assert status.installed.kind is UpdateKind.HOTPATCH and status.missing == ()
    later = patch_status("10.0.26100.4851", "2025-09-10")
    assert [u.kb for u in later.missing] == ["KB5065426"]


def test_a_reissued_kb_misses_nothing_of_itself():
    assert patch_status("10.0.14393.187", "2016-09-20").missing == ()


# -- the data's age ----------------------------------------------------------------------


def test_current_until_the_next_patch_tuesday_after_the_data_ends():
    latest = "10.0.26100.33296"
    assert next_patch_tuesday(DATA.as_of) == date(2026, 9, 8)
    assert patch_status(latest, "2026-09-07").current is True
    on_tuesday = patch_status(latest, "2026-09-08")
    assert on_tuesday.current is None and on_tuesday.state == "unknown"
    assert on_tuesday.data_ends == DATA.as_of
    assert "unknown: update data ends 2026-08-11" in on_tuesday.summary
    early = patch_status(latest, "2026-09-07T23:30-08:00")  # before the Tuesday starts
    assert early.current is True


def test_behind_by_known_updates_is_certain_whatever_the_data_age():
    status = patch_status("10.0.26100.32230", "2026-11-23")
    assert status.current is False and len(status.missing) == 7
    assert status.data_ends == DATA.as_of


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 12, 1)))
def test_next_patch_tuesday_is_the_first_second_tuesday_after(day):
    tuesday = next_patch_tuesday(day)
    assert tuesday > day and wsiot.is_second_tuesday(tuesday)
    assert (tuesday - day).days <= 42
    probe = day + timedelta(days=1)
    while probe < tuesday:
        assert not wsiot.is_second_tuesday(probe)
        probe += timedelta(days=1)


@given(st.sampled_from((14393, 17763, 20348, 26100)), st.integers(0, 40000),
       st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31)))
def test_patch_status_agrees_with_a_plain_scan(build, ubr, day):
    split = next((s for s in DATA.splits if s.build == build), None)
    if split is not None and split.is_client_only(ubr):
        with pytest.raises(NotServerError):
            patch_status(Build(10, 0, build, ubr), day)
        return
    series = [u for u in DATA.updates if u.build.build == build]
    below = [u for u in series if u.build.revision <= ubr]
    installed = max(below, key=lambda u: u.build) if below else None
    if installed is not None and installed.released > day:  # no machine ran it that day
        with pytest.raises(wsiot.NotYetReleasedError):
            patch_status(Build(10, 0, build, ubr), day)
        return
    status = patch_status(Build(10, 0, build, ubr), day)
    assert status.installed == installed
    released = [u for u in SECURITY[build] if u.released <= day]
    assert status.latest == (released[-1] if released else None)
    expected = [u for u in released if u.build.revision > ubr]
    if installed is not None and installed.kind is UpdateKind.HOTPATCH:
        expected = [u for u in expected if u.released > installed.released]
    elif installed is not None:
        expected = [u for u in expected if u.kb != installed.kb]
    if installed is not None and installed.kind is UpdateKind.RELEASE:
        expected = [u for u in expected if u.released >= installed.released]
    newest = {u.kb: u for u in expected}  # a KB of two UBRs is one update: its newer UBR
    expected = [u for u in expected if newest[u.kb] is u]
    assert list(status.missing) == expected
    if expected:
        assert status.current is False and status.days_overdue == (day - expected[0].released).days
    else:
        assert status.current is (None if day >= date(2026, 9, 8) else True)


@pytest.mark.parametrize("bad_day", ["yesterday", "2024-13-01", 20241201, None])
def test_patch_status_bad_day(bad_day):
    with pytest.raises(wsiot.InvalidDateError):
        patch_status("10.0.20348.2762", bad_day)


def test_patch_status_needs_a_ubr_and_a_known_build():
    with pytest.raises(UnknownUpdateError, match="without its UBR"):
        patch_status("10.0.20348", "2024-12-01")
    with pytest.raises(wsiot.UnknownBuildError):
        patch_status("10.0.19045.1000", "2024-12-01")
    with pytest.raises(UnknownUpdateError, match="no update data for build 9600"):
        patch_status("6.3.9600.100", "2024-12-01")


def test_patch_status_memo_gives_the_same_answers():
    first = patch_status("10.0.20348.2762", "2025-01-20")
    assert patch_status("10.0.20348.2762", "2025-01-20") is first
    assert patch_status("10.0.20348.2762", date(2025, 1, 20)) == first
    moment = datetime(2025, 1, 20, 12, tzinfo=UTC)
    assert patch_status("10.0.20348.2762", moment).missing == first.missing


# -- surfaces ----------------------------------------------------------------------------


def test_reprs_and_dicts():
    update = update_for("10.0.26100.32230")
    assert repr(update) == "<Update KB5073379 10.0.26100.32230 2026-01-13 security>"
    assert repr(update_for("10.0.26100.1742")) == "<Update GA 10.0.26100.1742 2024-11-01 release>"
    assert update.to_dict() == {"build": "10.0.26100.32230", "kb": "KB5073379",
                                "released": "2026-01-13", "kind": "security",
                                "source": "https://support.microsoft.com/help/5073379"}
    assert "KB5073379" in update._repr_html_() and "<a href=" in update._repr_html_()
    status = patch_status("10.0.20348.2762", "2025-01-20")
    record = status.to_dict()
    assert record["state"] == "behind" and record["days_overdue"] == 69
    assert [u["kb"] for u in record["missing"]] == ["KB5046616", "KB5048654", "KB5049983"]
    assert "behind" in status._repr_html_() and "KB5048654" in status._repr_html_()
    assert "<table" in DATA._repr_html_()
    assert UpdateKind.HOTPATCH.label == "hotpatch update"


def test_updates_filters():
    assert all(u.kind is UpdateKind.PREVIEW for u in wsiot.updates(kind="preview"))
    assert all(u.build.build == 17763 for u in wsiot.updates("2019"))
    assert wsiot.updates("Windows Server IoT 2019 for Storage") == wsiot.updates(17763)
    assert len(wsiot.updates()) == len(DATA.updates)
    with pytest.raises(wsiot.InvalidArgumentError, match="unknown update kind 'monthly'"):
        wsiot.updates(kind="monthly")
    with pytest.raises(wsiot.UnknownReleaseError):
        wsiot.updates("2031")
    assert wsiot.updates("Storage 2012 R2") == ()  # a release the update data does not cover


def test_records_carry_the_latest_full_build():
    rows = {r["version"]: r for r in wsiot.records(on="2026-02-01")}
    assert rows["2025"]["latest_build"] == "10.0.26100.32230"
    assert rows["2016" if "2016" in rows else "Storage 2016"]["latest_kb"]
    assert "latest_build" not in rows["Storage 2012 R2"]
    before = {r["version"]: r for r in wsiot.records(on="2018-10-01")}
    assert before["2022"]["latest_build"] is None


# -- custom update data ------------------------------------------------------------------


def _update(build, kb, day, kind="security"):
    return Update(build=wsiot.parse_build(build), kb=kb, released=date.fromisoformat(day),
                  kind=UpdateKind(kind), source="https://example.invalid/" + (kb or "ga"))


def test_custom_data_is_used_everywhere():
    data = UpdateHistory(updates=[_update("10.0.20348.100", "KB1000001", "2030-01-08"),
                                  _update("10.0.20348.200", "KB1000002", "2030-02-12")],
                         as_of=date(2030, 2, 12), version="test")
    status = patch_status("10.0.20348.100", "2030-02-20", updates=data)
    assert [u.kb for u in status.missing] == ["KB1000002"]
    assert update_for("10.0.20348.200", updates=data).kb == "KB1000002"
    assert wsiot.updates(updates=data)[0].kb == "KB1000002"
    assert repr(data) == "<UpdateHistory 2 updates of builds 20348, data test as of 2030-02-12>"
    without_as_of = UpdateHistory(updates=data.updates)
    assert without_as_of.covered_until == date(2030, 2, 12)
    with pytest.raises(wsiot.InvalidArgumentError, match=r"updates: expected a wsiot\.UpdateHistory"):
        patch_status("10.0.20348.100", "2030-02-20", updates="newer.json")


def test_check_updates_names_every_broken_rule():
    items = [
        _update("10.0.20348.100", "KB1000001", "2030-01-08"),
        _update("10.0.20348.200", "KB1000001", "2030-01-09"),  # KB twice; not a Tuesday
        _update("10.0.20348.300", "KB1000003", "2029-12-01", "preview"),  # dated before
        _update("10.0.20348.400", None, "2030-03-01", "preview"),  # no KB, not a release
        _update("10.0.20348.500", "Q12", "2031-01-01", "preview"),  # bad KB, after as-of
        _update("10.0.20348", "KB1000006", "2030-01-01", "preview"),
        "not an update",
    ]
    problems = check_updates(items, as_of=date(2030, 6, 1))
    text = "\n".join(problems)
    for expected in ("KB number also given to 10.0.20348.100", "not on a second Tuesday",
                     "UBR 300 (2029-12-01) is dated before UBR 200", "only a general-availability",
                     "is not KB and 6 or 7 digits", "after the data's as-of date",
                     "has no update revision", "expected a wsiot.Update"):
        assert expected in text, expected
    with pytest.raises(UpdateDataError, match=r"invalid update data \(\d+ problem"):
        UpdateHistory(updates=items[:2])
    with pytest.raises(UpdateDataError, match="at least one"):
        UpdateHistory(updates=[])
    with pytest.raises(UpdateDataError, match="given twice"):
        UpdateHistory(updates=[_update("10.0.20348.100", "KB1000001", "2030-01-08"),
                               _update("10.0.20348.100", "KB1000002", "2030-01-08")])
    with pytest.raises(UpdateDataError, match="as_of"):
        UpdateHistory(updates=items[:1], as_of="2030-01-01")
    with pytest.raises(UpdateDataError, match="expected a list"):
        UpdateHistory(updates="KB1")
    with pytest.raises(UpdateDataError, match="splits"):
        UpdateHistory(updates=items[:1], splits=["x"])


def test_rows_round_trip_and_report_every_bad_row():
    rows = DATA.to_rows()
    assert UpdateHistory.from_rows(rows) == DATA
    bad = {"version": 3, "as_of": "someday", "extra": 1, "splits": [{"build": "x"}],
           "updates": [{"build": "10.0.20348", "kb": "KB1", "released": "2030-01-08",
                        "kind": "monthly", "source": "x", "more": 1}, "row"]}
    with pytest.raises(UpdateDataError) as caught:
        UpdateHistory.from_rows(bad)
    text = "\n".join(caught.value.problems)
    for expected in ("unknown key 'extra'", "updates[0].build: expected a full build",
                     "updates[0].kind: expected one of", "unknown key 'more'",
                     "updates[1]: expected an object", "splits[0]", "as_of", "version"):
        assert expected in text, expected


def test_series_split_rule():
    split = SeriesSplit(build=26100, shared_through=7462, server_from=32230,
                        since=date(2026, 1, 13), client="Windows 11 24H2", source="x")
    assert split.is_client_only(7463) and split.is_client_only(32229)
    assert not split.is_client_only(7462) and not split.is_client_only(32230)
    assert split.to_dict()["since"] == "2026-01-13"


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(),
                 st.tuples(st.integers(), st.integers(), st.integers(), st.integers())))
def test_any_value_gives_an_update_or_a_typed_error(value):
    try:
        update = update_for(value)
    except (wsiot.WsiotError, LookupError, ValueError) as exc:
        assert isinstance(exc, wsiot.WsiotError)
        assert len(exc.short) < 300
    else:
        assert isinstance(update, Update)
