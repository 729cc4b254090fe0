"""What the update data cannot know: past its end an answer says "at least" and "latest
known"; a level is never current before it existed; a KB of two UBRs is one update."""

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import NotYetReleasedError, patch_status
from wsiot.cli import main

DATA = wsiot.default_updates()
PAST_END = DATA.uncovered_from


def test_past_the_end_the_count_is_a_lower_bound_and_latest_is_latest_known():
    status = patch_status("10.0.20348.5139", "2026-11-29")
    assert not status.complete and status.uncovered_from == PAST_END == date(2026, 9, 8)
    assert "behind by at least 3" in status.summary and "latest known KB5120242" in status.summary
    record = status.to_dict()
    assert record["missing_is_lower_bound"] and record["latest_is_latest_known"]
    assert record["uncovered_from"] == "2026-09-08"
    assert "at least" in status._repr_html_()


def test_within_the_data_the_answer_is_exact():
    status = patch_status("10.0.20348.2762", "2024-12-01")
    assert status.complete and status.uncovered_from is None
    assert "at least" not in status.summary and "latest known" not in status.summary


@given(st.dates(min_value=PAST_END, max_value=date(2035, 1, 1)))
def test_the_newest_known_level_is_never_current_past_the_end(day):
    newest = wsiot.updates("2022", kind="security")[0]
    status = patch_status(newest.build, day)
    assert status.current is None and status.state == "unknown"


@given(st.sampled_from([u for u in DATA.updates if u.kb is not None]),
       st.integers(1, 4000))
def test_a_level_is_never_installed_before_it_was_released(update, days_before):
    day = update.released - timedelta(days=days_before)
    with pytest.raises(NotYetReleasedError, match="not yet released"):
        patch_status(update.build, day)


def test_a_level_on_its_own_release_day_is_installed():
    update = wsiot.update_for("10.0.20348.2762")
    assert patch_status(update.build, update.released).installed == update


@pytest.mark.parametrize("kb", sorted(DATA.reissued))
def test_a_kb_of_two_ubrs_is_one_missing_update(kb):
    both = sorted((u for u in DATA.updates if u.kb == kb), key=lambda u: u.build)
    assert len(both) == 2
    below = max((u for u in DATA.updates if u.build.build == both[0].build.build
                 and u.build < both[0].build), key=lambda u: u.build)
    status = patch_status(below.build, both[1].released + timedelta(days=1))
    assert [u.kb for u in status.missing].count(kb) <= 1


def test_a_general_availability_machine_misses_nothing_published_before_its_media():
    status = patch_status("10.0.26100.1742", "2024-11-05")
    assert status.current is True and status.missing == ()


def test_status_says_when_the_data_is_older_than_the_day(capsys):
    assert main(["status", "10.0.20348.5139", "--on", "2026-11-29"]) == 0
    captured = capsys.readouterr()
    assert "missing:   at least 3" in captured.out and "latest known:" in captured.out
    assert captured.err.count("\n") == 1 and "update data ends 2026-08-11" in captured.err
    assert main(["status", "10.0.20348.2762", "--on", "2024-12-01", "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)[0]
    assert record["missing_is_lower_bound"] is False


def test_audit_says_when_the_data_is_older_than_the_day(tmp_path, capsys):
    path = tmp_path / "fleet.csv"
    path.write_text("device,build\nnas,10.0.20348.5139\n")
    main(["audit", str(path), "--on", "2026-11-29"])
    assert "update data ends 2026-08-11" in capsys.readouterr().err
    main(["audit", str(path), "--on", "2026-07-01"])
    assert capsys.readouterr().err == ""
