"""Bounded caches stay correct at and past their limits; rarely taken lookup paths."""

from datetime import date

import pytest

import wsiot
from wsiot.fleet import stream as fleet_module
from wsiot.model import catalog as catalog_module


def test_release_memo_is_bounded_and_stays_correct(monkeypatch):
    monkeypatch.setattr(catalog_module, "_MEMO_LIMIT", 3)
    catalog = wsiot.Catalog(wsiot.releases())
    values = [f"10.0.20348.{n}" for n in range(10)] + [17763, "26100", 20348, "10.0.20348.1"]
    for value in values:
        assert catalog.release_for(value) is wsiot.release_for(value)
        assert len(catalog._memo) <= 3
    assert catalog.release_for((10, 0, 20348)).version == "2022"  # not memoised: a tuple


def test_fleet_cache_folds_counts_past_its_limit(monkeypatch):
    monkeypatch.setattr(fleet_module, "_CACHE_LIMIT", 4)
    rows = [(f"d{n}", f"10.0.{('20348', '17763')[n % 2]}.{n}") for n in range(50)]
    run = fleet_module.audit(rows, on="2029-06-01")
    out = list(run)
    assert [r.phase for r in out] == ["extended", "ended"] * 25
    summary = run.summary()
    assert summary.rows == 50 and summary.by_phase == {"extended": 25, "ended": 25}


def test_catalog_with_a_build_no_bare_number_names():
    old = wsiot.Release(name="Windows Server 2003", version="2003", slug="ws-2003",
                        kernel=wsiot.Build(5, 2, 3790), released=date(2003, 5, 28),
                        mainstream_end=date(2010, 7, 13), servicing_end=date(2015, 7, 14))
    catalog = wsiot.Catalog([old])
    assert catalog.release_for("5.2.3790.0") is old
    with pytest.raises(wsiot.InvalidBuildError, match="give the full form"):
        catalog.release_for(3790)


def test_edition_and_source_passthrough():
    standard = wsiot.edition("Standard")
    assert wsiot.edition(standard) is standard
    source = wsiot.release("2022").sources_of("released")[0]
    assert source.to_dict() == {"key": source.key, "title": source.title, "url": source.url}
