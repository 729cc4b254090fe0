"""Device names on more than one row: counted exactly, named when the rows can be read again."""

import csv
import io
import json
from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from wsiot import InvalidArgumentError
from wsiot.cli import main
from wsiot.fleet import audit, audit_frame, report
from wsiot.io.inventory import read_inventory
from wsiot.model.repeats import EXAMPLES, RepeatedNames, Repeats

NAMES = st.lists(st.one_of(st.sampled_from(["nas-01", "NAS-01", "pbx", "", " ", "lab-é"]),
                           st.text(max_size=4), st.none(), st.integers(0, 3)), max_size=60)


def expected(devices):
    """What the repeats are, by the definition: str names with more than spaces, counted as
    spelled."""
    counts = Counter(d for d in devices if isinstance(d, str) and d.strip())
    repeated = [name for name, count in counts.items() if count > 1]
    return counts, repeated


@given(NAMES)
def test_counts_match_the_definition(devices):
    names = RepeatedNames()
    for device in devices:
        names.add(device)
    counts, repeated = expected(devices)
    found = names.result()
    assert found.names == len(repeated)
    assert found.rows == sum(counts[name] - 1 for name in repeated)
    assert found.examples == ()  # the names were not given again
    assert bool(found) == bool(repeated)


@given(NAMES)
def test_examples_are_the_first_repeated_names_with_their_rows(devices):
    names = RepeatedNames()
    for device in devices:
        names.add(device)
    _, repeated = expected(devices)
    found = names.result(devices)
    first = sorted(repeated, key=devices.index)[:EXAMPLES]  # in the order they first appear
    assert [example.device for example in found.examples] == first
    for example in found.examples:
        rows = [i for i, d in enumerate(devices, 1) if d == example.device]
        assert example.rows == tuple(rows[:5])


def test_case_is_kept_and_blank_is_no_name():
    names = RepeatedNames()
    for device in ["NAS-01", "nas-01", "", "", None, None, 7, 7]:
        names.add(device)
    assert names.result() == Repeats()
    assert str(names.result()) == "no device name on more than one row"


def test_many_repeats_show_ten_and_say_how_many_more():
    devices = [f"d{i % 30}" for i in range(90)]
    names = RepeatedNames()
    for device in devices:
        names.add(device)
    found = names.result(devices)
    assert (found.names, found.rows, len(found.examples)) == (30, 60, EXAMPLES)
    assert found.examples[0].rows == (1, 31, 61)
    assert str(found).endswith("and 20 more")
    assert found.to_dict()["examples"][0] == {"device": "d0", "rows": [1, 31, 61]}


def test_a_hostile_name_is_cut_and_escaped():
    bad = "x" * 10_000 + "\x1b[2J\nwsiot: forged"
    names = RepeatedNames()
    names.add(bad)
    names.add(bad)
    text = str(names.result([bad, bad]))
    assert "\n" not in text and "\x1b" not in text and len(text) < 200


def test_clear_forgets():
    names = RepeatedNames()
    names.add("a")
    names.clear()
    names.add("a")
    assert not names.result()


# -- the audit --------------------------------------------------------------------------------

ROWS = [("nas-01", "10.0.20348.2762", "2026-01-01"), ("pbx", "10.0.17763.1", "2026-01-01"),
        ("nas-01", "10.0.17763.5", "2026-01-01"), ("lab", "not a build", None),
        ("nas-01", "10.0.20348.1", "2026-01-01")]


def test_audit_summary_names_repeats_of_a_list():
    summary = audit(ROWS).run()
    assert summary.repeats.names == 1 and summary.repeats.rows == 2
    assert summary.repeats.examples[0].device == "nas-01"
    assert summary.repeats.examples[0].rows == (1, 3, 5)
    assert "warning: 1 device name on more than one row" in str(summary)
    assert summary.to_dict()["repeats"]["examples"] == [{"device": "nas-01", "rows": [1, 3, 5]}]


def test_audit_of_an_iterator_counts_and_names_when_given_the_rows_again():
    run = audit(iter(ROWS))
    summary = run.run()
    assert summary.repeats.names == 1 and summary.repeats.examples == ()
    again = run.repeats(ROWS)
    assert again.examples[0].rows == (1, 3, 5)


def test_every_row_form_is_noted():
    rows = [("a", "10.0.20348.1"), ["a", "10.0.20348.1", None], {"device": "a", "build": "x"},
            ("a",), ("a", "10.0.20348.1", ["unhashable"]), ("b", "10.0.20348.1", "2026-01-01")]
    summary = audit(rows, on="2026-01-01").run()
    assert (summary.repeats.names, summary.repeats.rows) == (1, 4)
    assert summary.repeats.examples[0].rows == (1, 2, 3, 4, 5)
    assert summary.invalid_by_kind == {"invalid-build": 1, "bad-row": 2}


def test_a_three_item_row_with_an_unhashable_date_is_a_bad_row():
    rows = list(audit([("a", "10.0.20348.1", "2026-01-01"), ("b", "10.0.20348.1", {})]))
    assert rows[1].error_kind == "bad-row" and rows[1].device == "b"


def test_mapping_rows_with_a_byte_order_mark_are_named():
    text = "\ufeffdevice,build\nnas-01,10.0.20348.1\nNAS-02,10.0.20348.1\n" \
           "nas-01,10.0.20348.5\n"
    rows = list(csv.DictReader(io.StringIO(text)))
    summary = audit(rows, on="2026-01-01").run()
    assert str(summary.repeats.examples[0]) == "nas-01 (rows 1, 3)"


def test_repeats_can_be_switched_off_and_the_switch_is_checked():
    summary = audit(ROWS, repeats=False).run()
    assert summary.repeats is None and summary.to_dict()["repeats"] is None  # not counted
    assert "more than one row" not in str(summary)
    with pytest.raises(InvalidArgumentError, match="repeats: expected True or False"):
        audit(ROWS, repeats="yes")


@pytest.mark.parametrize("held", [True, False])
def test_a_summary_before_the_last_row_leaves_repeats_uncounted(held):
    run = audit(ROWS if held else iter(ROWS))
    stream = iter(run)
    for _ in range(3):
        next(stream)
    partial = run.summary()  # cheap, as a progress display wants it: no count of names yet
    assert not partial.complete and partial.repeats is None
    assert run.repeats().rows == 1  # asked for, the rows so far are counted
    list(stream)
    assert run.summary().repeats.rows == 2


# -- the report -------------------------------------------------------------------------------

def test_report_of_an_audit_and_of_a_frame_warns():
    page = report(audit(ROWS)).html
    assert "Warning: 1 device name on more than one row" in page and "nas-01 (rows 1, 3, 5)" in page
    frame = audit_frame(pd.DataFrame(ROWS, columns=["device", "build", "date"]),
                        date_column="date")
    assert "nas-01 (rows 1, 3, 5)" in report(frame).html
    assert "Warning" not in report(audit(ROWS[:2])).html


# -- files and the command line -------------------------------------------------------------


def _inventory(tmp_path, text, name="inv.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_inventory_notes_names_while_counting(tmp_path):
    path = _inventory(tmp_path, "device,build\na,10.0.20348.1\nb,10.0.20348.1\na,10.0.17763.1\n")
    names = RepeatedNames()
    counts = read_inventory(path, counted=True, names=names)
    assert isinstance(counts, Counter) and sum(counts.values()) == 3
    assert (names.result().names, names.result().rows) == (1, 1)


def test_read_inventory_forgets_names_when_counting_falls_back_to_rows(tmp_path):
    path = _inventory(tmp_path, "device,build,date\na,10.0.20348.1,2026-01-01\na,10.0.20348.1\n")
    names = RepeatedNames()
    rows = read_inventory(path, counted=True, names=names)
    assert not isinstance(rows, Counter)  # the short line is read row by row
    assert len(list(rows)) == 2
    assert not names.result()  # nothing noted twice by the abandoned count


def call(*args):
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


@pytest.mark.parametrize("extra", [(), ("--rows", "--format", "csv"), ("--rows",),
                                   ("--format", "csv")])
def test_cli_warns_once_naming_the_devices(tmp_path, capsys, extra):
    path = _inventory(tmp_path, "device,build\nnas-01,10.0.20348.1\npbx,10.0.20348.1\n"
                                "nas-01,10.0.17763.1\n")
    code, out = call("audit", str(path), "--on", "2026-01-01", *extra)
    shown = out + capsys.readouterr().err
    assert code == 0  # a repeated name warns; it does not change the verdict
    assert shown.count("1 device name on more than one row") == 1, shown
    assert "nas-01 (rows 1, 3)" in shown


def test_cli_json_summary_carries_the_repeats(tmp_path):
    path = _inventory(tmp_path, "device,build\nnas-01,10.0.20348.1\nnas-01,10.0.17763.1\n")
    code, out = call("audit", str(path), "--on", "2026-01-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["repeats"] == {"names": 1, "rows": 1,
                                          "examples": [{"device": "nas-01", "rows": [1, 2]}]}


def test_cli_report_warns_and_no_repeats_says_nothing(tmp_path, capsys):
    path = _inventory(tmp_path, "device,build\nnas-01,10.0.20348.1\nnas-01,10.0.17763.1\n")
    page = tmp_path / "r.html"
    code, out = call("audit", str(path), "--on", "2026-01-01", "--report", str(page))
    assert "nas-01 (rows 1, 2)" in page.read_text(encoding="utf-8")
    assert "nas-01 (rows 1, 2)" in out + capsys.readouterr().err
    clean = _inventory(tmp_path, "device,build\na,10.0.20348.1\nb,10.0.20348.1\n", "c.csv")
    code, out = call("audit", str(clean), "--on", "2026-01-01")
    assert code == 0
    assert "more than one row" not in out + capsys.readouterr().err


def test_cli_no_repeats_skips_the_check(tmp_path, capsys):
    path = _inventory(tmp_path, "device,build\nnas-01,10.0.20348.1\nnas-01,10.0.17763.1\n")
    page = tmp_path / "r.html"
    for extra in ((), ("--rows", "--format", "csv"), ("--report", str(page))):
        code, out = call("audit", str(path), "--on", "2026-01-01", "--no-repeats", *extra)
        assert code == 0 and "more than one row" not in out + capsys.readouterr().err
    assert "more than one row" not in page.read_text(encoding="utf-8")
    code, out = call("audit", str(path), "--on", "2026-01-01", "--no-repeats", "--format", "json")
    assert json.loads(out)["repeats"] is None


ROW_FORMS = st.one_of(
    st.tuples(st.sampled_from(["a", "b", "A", "", " "]), st.just("10.0.20348.1")),
    st.tuples(st.sampled_from(["a", "b", None, 7]), st.just("10.0.20348.1"),
              st.just("2026-01-01")),
    st.builds(lambda d: {"device": d, "build": "10.0.17763.1"}, st.sampled_from(["a", "c"])),
    st.sampled_from([(), ("a",), "row", ["b", "10.0.20348.1"]]),
)


@given(st.lists(ROW_FORMS, max_size=40))
def test_held_and_streamed_rows_give_the_same_repeats(rows):
    held = audit(rows, on="2026-01-01")
    held_summary = held.run()
    streamed = audit(iter(rows), on="2026-01-01")
    streamed.run()
    assert streamed.repeats(rows) == held_summary.repeats
    counts = streamed.repeats()
    assert (counts.names, counts.rows) == (held_summary.repeats.names,
                                           held_summary.repeats.rows)


@given(NAMES)
def test_repeats_in_agrees_with_the_hashed_count(devices):
    from wsiot.model.repeats import repeats_in

    names = RepeatedNames()
    for device in devices:
        names.add(device)
    assert repeats_in(devices) == names.result(devices)


def test_repeats_in_with_unhashable_values():
    from wsiot.model.repeats import repeats_in

    found = repeats_in(["a", ["x"], "a", {"k": 1}])
    assert (found.names, found.rows, str(found.examples[0])) == (1, 1, "a (rows 1, 3)")


ANY_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
              st.text(max_size=6), st.binary(max_size=4)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.tuples(inner, inner, inner),
                            st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8)


@given(st.lists(ANY_VALUE, max_size=25), st.booleans())
def test_any_rows_give_one_row_each_and_a_consistent_count(rows, held):
    given_rows = rows if held else iter(rows)
    run = audit(given_rows, on="2026-01-01")
    out = list(run)
    summary = run.summary()
    assert len(out) == summary.rows == len(rows)  # nothing stops the audit, nothing dropped
    repeats = summary.repeats
    assert 0 <= repeats.names <= repeats.rows < max(len(rows), 1)
    assert all(len(example.rows) >= 2 for example in repeats.examples)



class Name(str):
    """A str subclass, as numpy.str_ is."""


def test_streamed_str_subclass_names_count_as_held_ones():
    rows = [(Name("a"), "10.0.20348.2762", "2029-06-01")] * 2
    assert audit(rows).run().repeats.names == 1
    assert audit(iter(rows)).run().repeats.names == 1


def test_streamed_export_rows_keep_their_device_when_a_value_is_unhashable():
    rows = [{"Device Name": "a", "OS Build": "10.0.20348.2762", "OS Platform": ["Windows"]}] * 2
    streamed = audit(iter(rows), on="2029-06-01")
    out = list(streamed)
    assert [row.device for row in out] == ["a", "a"]  # the bad row still names its device
    assert streamed.summary().repeats.names == 1
    assert audit(rows, on="2029-06-01").run().repeats.names == 1


@given(st.lists(st.sampled_from(["", " ", "\t", "  \n", "a"]), max_size=12), st.booleans())
def test_a_name_of_spaces_alone_is_no_name(devices, held):
    rows = [(device, "10.0.20348.2762", "2029-06-01") for device in devices]
    repeats = audit(rows if held else iter(rows)).run().repeats
    assert repeats.names == (1 if devices.count("a") > 1 else 0)


def test_cli_blank_names_give_no_warning(tmp_path, capsys):
    path = _inventory(tmp_path, "device,build\n   ,10.0.20348.2762\n   ,10.0.20348.2762\n"
                                "\t,10.0.20348.2762\n\t,10.0.20348.2762\n")
    for extra in ((), ("--rows", "--format", "csv")):
        code, out = call("audit", str(path), "--on", "2026-01-01", *extra)
        assert code == 0 and "more than one row" not in out + capsys.readouterr().err


def test_cli_json_inventory_with_columns(tmp_path, capsys):
    path = tmp_path / "inv.json"
    path.write_text('[{"host": "a", "ver": "10.0.20348.2762", "device": "x"}, '
                    '{"host": "a", "ver": "10.0.20348.2762"}]', encoding="utf-8")
    code, out = call("audit", str(path), "--columns", "device=host,build=ver", "--on",
                     "2026-01-01", "--format", "json")
    summary = json.loads(out)
    assert code == 0 and summary["invalid"] == 0 and summary["rows"] == 2
    assert summary["repeats"]["examples"] == [{"device": "a", "rows": [1, 2]}]
    assert "a (rows 1, 2)" in capsys.readouterr().err


def test_cli_no_repeats_says_not_counted_in_json(tmp_path):
    path = _inventory(tmp_path, "device,build\nnas-01,10.0.20348.1\nnas-01,10.0.17763.1\n")
    code, out = call("audit", str(path), "--on", "2026-01-01", "--no-repeats", "--format", "json")
    assert code == 0 and json.loads(out)["repeats"] is None
