"""Counting audits: audit_counts, and the command line's counted reading of a file."""

import io
import json
from collections import Counter

import attrs
import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot.cli import main
from wsiot.fleet import audit, audit_counts

BUILDS = ["10.0.20348.2762", "10.0.17763.5820", "20348", "10.0.26100.7623", "Windows 11", "",
          "6.3.9600.100", "10.0.26100.32230"]
DAYS = [None, "2026-11-23", "2030-01-01", "03/04/2030"]


@given(st.lists(st.tuples(st.sampled_from(BUILDS), st.sampled_from(DAYS)), max_size=40))
def test_counts_give_the_summary_the_stream_gives(pairs):
    rows = [(f"d{i}", build, day) for i, (build, day) in enumerate(pairs)]
    streamed = audit(rows, on="2027-01-01").run()
    counted = audit_counts(Counter(pairs), on="2027-01-01")
    assert counted.repeats is None and not streamed.repeats  # counts carry no device names
    assert counted == attrs.evolve(streamed, repeats=None)


def test_audit_counts_keys_and_bad_input():
    summary = audit_counts({"10.0.20348.2762": 2, ("10.0.17763.5820", "2030-01-01"): 1},
                           on="2026-11-23")
    assert summary.rows == 3 and summary.by_phase == {"extended": 2, "ended": 1}
    assert summary.complete
    assert audit_counts({("x", None): 0}).rows == 0
    assert audit_counts({}).rows == 0
    with pytest.raises(wsiot.FleetError, match="expected a mapping"):
        audit_counts([("10.0.20348", 1)])
    with pytest.raises(wsiot.FleetError, match="whole number of devices"):
        audit_counts({"20348": -1})
    with pytest.raises(wsiot.FleetError, match="whole number of devices"):
        audit_counts({"20348": 1.5})


def _summary(*args):
    out = io.StringIO()
    code = main(["audit", *args, "--format", "json"], out=out)
    return code, json.loads(out.getvalue())


@pytest.mark.parametrize("text", [
    "device,build,date\na,10.0.20348.2762,\nb,10.0.17763.5820,2030-01-01\nc,x,\n",
    "device,build\na,10.0.20348.2762\n\nb\n",            # a short line: read row by row
    "device,build\na,10.0.20348.2762\n   ,   \nc,20348\n",  # a blank build: row by row
    "build\n10.0.20348.2762\n   \n20348\n",            # a single blank cell is a blank line
    'device,build\na,"10.0.20348\n',                    # an unterminated quote
])
def test_counted_and_row_by_row_readings_agree(tmp_path, text):
    path = tmp_path / "fleet.csv"
    path.write_text(text, encoding="utf-8")
    code, counted = _summary(str(path), "--on", "2026-11-23")
    rows_out = io.StringIO()
    main(["audit", str(path), "--on", "2026-11-23", "--rows", "--format", "json"], out=rows_out)
    rows = json.loads(rows_out.getvalue())
    assert counted["rows"] == len(rows)
    assert counted["invalid"] == sum(1 for r in rows if r["error"] is not None)
    assert code in (0, 1)
