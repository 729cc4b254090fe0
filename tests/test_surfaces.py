"""Catalogue validation, notebooks, profiles and command-line details."""

import json
import subprocess
import sys

import attrs
import matplotlib
import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import CatalogError
from wsiot.io import load_catalog

matplotlib.use("Agg")


def run(*args):
    return subprocess.run([sys.executable, "-m", "wsiot", *args], capture_output=True,
                          text=True, timeout=60)


# -- catalogues ----------------------------------------------------------------------------


def test_a_catalogue_needs_a_release():
    with pytest.raises(CatalogError, match="holds no release"):
        wsiot.Catalog((), wsiot.editions())


def test_a_catalogue_without_editions_answers_edition_questions_with_none():
    only = wsiot.Catalog((wsiot.release("Embedded 2012"),))
    assert only.editions == ()
    with pytest.raises(wsiot.NoEditionError):
        wsiot.edition_for("nas", catalog=only)
    assert wsiot.is_in_servicing(9200, "2020-01-01", catalog=only)


@given(st.text(min_size=1, max_size=12).filter(lambda t: not t.isprintable() or not t.strip()))
def test_names_that_cannot_be_shown_are_refused(name):
    bad = attrs.evolve(wsiot.release("2022"), name=name)
    others = tuple(r for r in wsiot.releases() if r.version != "2022")
    with pytest.raises(CatalogError, match="empty or holds control characters"):
        wsiot.Catalog((bad, *others), wsiot.editions())


def test_every_problem_in_a_file_is_reported_in_one_run(tmp_path):
    path = tmp_path / "catalog.json"
    document = wsiot.default_catalog().to_rows()
    document["releases"][0]["servicing_end"] = "soon"          # a schema problem
    document["releases"][1]["mainstream_end"] = "2026-10-14"   # a rule problem (not a Tuesday)
    document["releases"][2]["name"] = "IoT\u001b2019"          # a rule problem (control char)
    path.write_text(json.dumps(document))
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    problems = " ".join(caught.value.problems)
    assert "servicing_end: expected an ISO date" in problems
    assert "2026-10-14 is not a second Tuesday" in problems
    assert "control characters" in problems


# -- notebooks -----------------------------------------------------------------------------


def test_editions_render_as_a_table():
    html = wsiot.editions()._repr_html_()
    assert html.count("<tr>") == 1 + len(wsiot.editions()) and "Storage Workgroup" in html
    assert isinstance(wsiot.editions(), tuple)


@pytest.mark.parametrize("on", ["2300-01-01", "0001-01-01", "1600-01-01"])
def test_frames_refuse_days_pandas_cannot_hold(on):
    with pytest.raises(wsiot.InvalidDateError, match="outside the days a pandas frame holds"):
        wsiot.releases_frame(on=on)


def test_frames_refuse_missing_days():
    import pandas as pd

    with pytest.raises(wsiot.InvalidDateError, match="NaT"):
        wsiot.releases_frame(on=pd.NaT)
    assert len(wsiot.releases_frame(on="2262-04-10")) == len(wsiot.releases())


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"ax": 1}, wsiot.InvalidArgumentError), ({"ax": "axes"}, wsiot.InvalidArgumentError),
    ({"on": "0001-01-01"}, wsiot.InvalidDateError), ({"on": "9999-01-01"}, wsiot.InvalidDateError),
    ({"on": "soon"}, wsiot.InvalidDateError),
])
def test_the_timeline_refuses_wrong_arguments(kwargs, error):
    with pytest.raises(error):
        wsiot.timeline(**kwargs)


def test_the_timeline_legend_shows_a_line_and_ended_releases_fade():
    from matplotlib.lines import Line2D

    figure = wsiot.timeline(on="2026-11-23")
    ax = figure.axes[0]
    legend = ax.get_legend()
    handles = {text.get_text(): handle for text, handle in
               zip(legend.get_texts(), legend.legend_handles, strict=True)}
    assert isinstance(handles["on 2026-11-23"], Line2D)
    assert "servicing ended" in handles
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any(label.startswith("Storage 2012 (9200), ended") for label in labels)
    assert not any(label.startswith("2022 ") and "ended" in label for label in labels)
    faded = [p for p in ax.patches if p.get_alpha() is not None and p.get_alpha() < 1]
    assert faded and all(p.get_hatch() == "//" for p in faded)


# -- profiles ------------------------------------------------------------------------------


@given(st.builds(
    wsiot.Appliance,
    name=st.text(min_size=1, max_size=20).filter(str.strip),
    purpose=st.none() | st.text(max_size=20), industry=st.none() | st.text(max_size=20),
    dedicated=st.none() | st.booleans(), general_purpose=st.none() | st.booleans(),
    applications=st.none() | st.lists(st.sampled_from(
        ["Teams", "video archive", "Acme", wsiot.Application.CRM,
         wsiot.DeclaredApplication(name="Ledger", category="accounting")]), max_size=4),
    preinstalled=st.none() | st.booleans(), edition=st.none() | st.sampled_from(
        ["Standard", "Storage Workgroup"]), release=st.none() | st.sampled_from(["2022", "2019"]),
    workload=st.none() | st.sampled_from([wsiot.workload("nas", users=5),
                                          wsiot.workload("pacs", virtual_machines="unlimited")]),
))
def test_appliance_to_dict_loads_back(tmp_path_factory, appliance):
    path = tmp_path_factory.mktemp("profile") / "p.json"
    path.write_text(json.dumps(appliance.to_dict()))
    loaded = wsiot.load_appliance(path)
    assert loaded.to_dict() == appliance.to_dict()
    assert wsiot.qualify(loaded).to_dict() == wsiot.qualify(appliance).to_dict()


# -- command line --------------------------------------------------------------------------


@pytest.mark.parametrize("days", ["-5", "soon", "1e3", "9999999"])
def test_warn_within_takes_a_count_of_days(days):
    done = run("status", "20348", "--on", "2030-01-01", "--warn-within", days)
    assert done.returncode == 2 and "whole number of days" in done.stderr
    assert done.stderr.count("\n") == 1


def test_qualify_markdown_states_the_verdict(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('name = "Box"\napplications = ["Slack"]\n')
    done = run("qualify", str(path), "--format", "markdown")
    assert done.returncode == 1
    assert done.stdout.startswith("**Box: not eligible (")
    strict = tmp_path / "s.toml"
    strict.write_text('name = "Box"\napplications = ["Acme Viewer"]\n')
    assert "applications not recognised (strict)" in run(
        "qualify", str(strict), "--strict").stdout


@pytest.mark.parametrize(("args", "forms"), [
    (("status", "Windows 11"), "give 20348, 10.0.20348"),
    (("status", "20348", "--on", "next tuesday"), "give 2031-10-14, 2031-10-14T23:30-08:00"),
])
def test_invalid_values_name_the_forms_a_command_line_can_give(args, forms):
    done = run(*args)
    assert done.returncode == 2 and forms in done.stderr
    assert "packaging.version" not in done.stderr and "datetime.date" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_the_audit_summary_separates_why_devices_are_invalid(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text("device,build,date\na,20348,\nb,x,\nc,19045,\nd,20348,someday\n")
    done = run("audit", str(path), "--on", "2030-01-01", "--format", "markdown")
    assert done.returncode == 1
    for line in ("| invalid | malformed build | 1 |", "| invalid | no Windows Server IoT release | 1 |",
                 "| invalid | bad date | 1 |"):
        assert line in done.stdout
    rows = run("audit", str(path), "--on", "2030-01-01", "--rows", "--format", "csv").stdout
    assert "accepted:" not in rows  # the forms are not repeated on every row


@pytest.mark.parametrize("on", ["0001-01-01T00:00+01:00", "9999-12-31T23:30-09:00", "NaT"])
def test_dates_at_the_edges_on_the_command_line(on):
    done = run("status", "20348", "--on", on)
    assert done.returncode == 2 and "Traceback" not in done.stderr
