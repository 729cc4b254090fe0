"""Every bad input is a typed wsiot error, never a crash: values of other libraries, objects
whose comparisons raise, numbers past CPython's digit limit, fields past csv's limit."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import wsiot


class RaisingEquality:
    __hash__ = None

    def __eq__(self, other):
        raise RuntimeError("no comparing me")


ODD = [np.array([1, 2]), pd.Series([1]), RaisingEquality(), 10**5000, -1, 2.5, "3", None, True,
       object(), b"users"]

CALLS = {
    "workload users": lambda v: wsiot.workload("nas", users=v),
    "edition_for users": lambda v: wsiot.edition_for("nas", users=v),
    "edition_for scenario": lambda v: wsiot.edition_for(v),
    "servicing_status include_esu": lambda v: wsiot.servicing_status(20348, "2030-01-01",
                                                                     include_esu=v),
    "is_in_servicing include_esu": lambda v: wsiot.is_in_servicing(20348, "2030-01-01",
                                                                    include_esu=v),
    "is_second_tuesday": wsiot.is_second_tuesday,
    "dump_catalog": lambda v: wsiot.dump_catalog(v, "never-written.json"),
    "registry CurrentBuild": lambda v: wsiot.SystemFacts.from_registry({"CurrentBuild": v}),
    "registry UBR": lambda v: wsiot.SystemFacts.from_registry({"CurrentBuild": "20348",
                                                                "UBR": v}),
    "wmi SKU": lambda v: wsiot.SystemFacts.from_wmi({"Version": "10.0.20348",
                                                      "OperatingSystemSKU": v}),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("value", ODD, ids=lambda v: type(v).__name__)
def test_odd_values_give_an_answer_or_a_wsiot_error(call, value):
    try:
        CALLS[call](value)
    except wsiot.WsiotError as exc:
        assert len(str(exc)) < 2000
    except RuntimeError:  # pragma: no cover - the assertion below names the call
        pytest.fail(f"{call} let an object's own error through")


@pytest.mark.parametrize("text", ["9" * 5000, "²", "٣٤", "1e400"])
def test_numbers_as_text_past_any_limit(text):
    with pytest.raises(wsiot.WsiotError):
        wsiot.SystemFacts.from_registry({"CurrentBuild": text})


def test_a_systeminfo_csv_field_past_csvs_limit():
    text = '"Host Name","OS Name","OS Version"\n"' + "x" * 140_000 + '","W","10.0.20348"\n'
    with pytest.raises(wsiot.InvalidSystemFactsError, match="cannot be read"):
        wsiot.SystemFacts.from_systeminfo(text)


@given(st.one_of(st.integers(), st.text(max_size=10), st.none(), st.booleans(), st.floats()))
def test_check_catalog_reports_anything_that_is_no_catalogue(value):
    problems = wsiot.check_catalog(value)
    assert isinstance(problems, list) and all(isinstance(p, str) for p in problems)


FORGED = "x\nwsiot: all good\x1b[2J" + "y" * 2_000_000


def test_file_text_never_forges_a_line_or_floods_stderr(tmp_path):
    import subprocess
    import sys

    inventory = tmp_path / "inv.csv"
    inventory.write_text(f"{FORGED},other\n1,2\n")
    profile = tmp_path / "p.json"
    profile.write_text('{"name": "box", "' + FORGED.replace("\n", "\\n").replace("\x1b", "\\u001b")
                       + '": 1}')
    catalog = tmp_path / "c.json"
    done = subprocess.run([sys.executable, "-m", "wsiot", "catalog", "export", "--output",
                           str(catalog)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    for args in (("audit", str(inventory)), ("qualify", str(profile))):
        done = subprocess.run([sys.executable, "-m", "wsiot", *args], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 2, args
        lines = done.stderr.splitlines()
        assert sum(line.startswith("wsiot:") for line in lines) == 1, args
        assert "\x1b" not in done.stderr and len(done.stderr) < 5000, args


def test_a_line_break_in_a_device_name_adds_no_markdown_row(tmp_path):
    import io

    from wsiot.cli import main

    inventory = tmp_path / "inv.csv"
    inventory.write_text('device,build\n"nas\n| forged | row |",20348\n')
    out = io.StringIO()
    main(["audit", str(inventory), "--rows", "--format", "markdown", "--on", "2030-01-01"],
         out=out)
    assert len(out.getvalue().splitlines()) == 3  # header, rule, one row


def test_a_data_files_version_is_shown_escaped(tmp_path):
    import io
    import json

    from wsiot.cli import main

    path = tmp_path / "c.json"
    document = wsiot.default_catalog().to_rows()
    document["version"] = "1\x1b[2J\nwsiot: forged"
    path.write_text(json.dumps(document))
    out = io.StringIO()
    assert main(["catalog", "validate", str(path)], out=out) == 0
    assert "\x1b" not in out.getvalue() and len(out.getvalue().splitlines()) == 1
