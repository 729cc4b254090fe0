"""The fleet report: content, self-containment, accessibility, and a real browser's view."""

import html.parser
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import wsiot
from wsiot.cli import main
from wsiot.fleet import audit, audit_frame, report
from wsiot.fleet.report import FleetReport
from wsiot.render.html import PATCH_COLOURS, PHASE_COLOURS

ROWS = [
    ("nas-01", "10.0.20348.2762"),       # serviced, behind
    ("nas-02", "10.0.20348.3091"),       # serviced, behind less
    ("pbx-07", "10.0.17763.5820"),       # serviced to 2029
    ("nas-2012", "6.3.9600.100"),        # ended in 2023
    ("edge-1", "10.0.26100.32230"),      # serviced
    ("lab-3", "Windows 11"),             # invalid
    ("desk", "10.0.26100.7623"),         # a client UBR
    ("old", "10.0.14393"),               # no UBR: patch unknown; ends 2027-01-12
]
ON = "2026-12-01"


class _Parsed(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page):
    parser = _Parsed()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def page():
    return report(audit(ROWS, on=ON))


def test_report_counts_and_sections(page):
    assert isinstance(page, FleetReport) and page.devices == 8 and page.invalid == 2
    text = " ".join(_parse(page.html).text)
    for heading in ("By phase", "By release", "Lifecycle of the fleet's releases", "Patch lag",
                    "Ending within 183 days", "Act on first", "Invalid rows", "Data used"):
        assert heading in text, heading
    assert "Windows Server IoT 2022: 2" in page.html  # the chart's text alternative
    assert wsiot.UPDATES_VERSION in text and wsiot.CATALOG_VERSION in text
    assert "a Windows client, not a server" in text and "malformed build" in text


def test_act_on_first_orders_ended_then_ending_then_behind(page):
    section = page.html.split("Act on first")[1].split("Invalid rows")[0]
    order = [m for m in re.findall(r"<td>([a-z0-9-]+)</td>", section)
             if m in {r[0] for r in ROWS}]
    assert order[:2] == ["nas-2012", "old"]  # ended, then ending soonest
    assert order.index("nas-01") < order.index("nas-02")  # same release: more behind first


def test_report_is_self_contained_and_accessible(page):
    parsed = _parse(page.html)
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    for tag, attrs in parsed.attrs:
        for name, value in attrs.items():
            if name in ("src", "href") or (name == "style" and "url(" in (value or "")):
                raise AssertionError(f"external reference {tag} {name}={value}")
    assert "@import" not in page.html and "url(" not in page.html
    assert "h1" in parsed.tags and parsed.tags.count("h2") >= 7
    assert all(attrs.get("scope") == "col" for tag, attrs in parsed.attrs if tag == "th")
    svgs = [attrs for tag, attrs in parsed.attrs if tag == "svg"]
    assert svgs and all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    assert parsed.tags.count("title") == 1 + len(svgs)  # the page's and one per chart
    assert parsed.tags.count("desc") == len(svgs)
    assert "name='viewport'" in page.html and "@media print" in page.html
    assert "lang='en'" in page.html


def test_untrusted_values_are_escaped():
    page = report(audit([("<script>alert(1)</script>", "10.0.20348.2762")], on=ON))
    assert "<script>" not in page.html and "&lt;script&gt;" in page.html


def test_frame_and_stream_give_the_same_report():
    frame = pd.DataFrame(ROWS, columns=["device", "build"])
    from_frame = report(audit_frame(frame, on=ON), on=ON)
    from_stream = report(audit(ROWS, on=ON), on=ON)
    strip = re.compile(r"chart\d+")
    assert strip.sub("", from_frame.html) == strip.sub("", from_stream.html)
    assert from_frame._repr_html_() == from_frame.html == str(from_frame)
    assert repr(from_frame) == "<FleetReport 8 device(s), 2 invalid>"


def test_report_bad_input():
    for bad in (5, "rows", [("a", "b")], pd.DataFrame({"build": []})):
        with pytest.raises(wsiot.FleetError):
            report(bad)
    with pytest.raises(wsiot.FleetError, match="within"):
        report(audit(ROWS, on=ON), within=-1)


def test_empty_audit_reports_nothing_gracefully():
    page = report(audit([], on=ON))
    assert page.devices == 0 and "No release to draw." in page.html and "none" in page.html


def test_cli_writes_the_report(tmp_path, capsys):
    inventory = tmp_path / "fleet.csv"
    pd.DataFrame(ROWS, columns=["device", "build"]).to_csv(inventory, index=False)
    target = tmp_path / "audit.html"
    code = main(["audit", str(inventory), "--on", ON, "--report", str(target), "--within", "400"],
                out=io.StringIO())
    assert code == 1 and target.exists()
    written = target.read_text(encoding="utf-8")
    assert "Ending within 400 days" in written and "nas-01" in written
    assert f"wrote {target}" in capsys.readouterr().err
    code = main(["audit", str(inventory), "--on", ON, "--rows", "--format", "csv", "--report",
                 str(tmp_path / "second.html")], out=io.StringIO())
    assert (tmp_path / "second.html").read_text(encoding="utf-8").count("nas-01") >= 1
    assert main(["audit", str(inventory), "--report", str(tmp_path / "no" / "dir.html")]) == 2


# -- in a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or \
    shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def _render(path, tmp_path, width, height=2400):
    shot = tmp_path / f"shot-{width}.png"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / f'profile-{width}'}",
         f"--window-size={width},{height}", f"--screenshot={shot}", path.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    return shot, console


def _colours(shot):
    import matplotlib.image as mpimg

    image = mpimg.imread(shot)[..., :3]
    return image, {tuple(np.round(c, 2)) for c in image.reshape(-1, 3)[::97]}


def _has(image, colour, tolerance=0.03):
    from matplotlib.colors import to_rgb

    return bool((np.abs(image - np.array(to_rgb(colour))).max(axis=-1) < tolerance).any())


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine; .ci/run installs "
                                            "Debian's chromium so CI always runs this test")
@pytest.mark.parametrize("width", [1280, 390])
def test_report_renders_in_headless_chromium(width, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(report(audit(ROWS, on=ON)).html, encoding="utf-8")
    shot, console = _render(path, tmp_path, width)
    assert console == [], console
    image, colours = _colours(shot)
    assert image.shape[1] == width
    assert len(colours) > 20  # not blank: text, bars and rules
    assert _has(image, PHASE_COLOURS["extended"]) and _has(image, PATCH_COLOURS["behind"])


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine; .ci/run installs it")
def test_the_browser_check_fails_on_a_broken_page(tmp_path):
    """The gate can fail: a console error and a blank page are both caught."""
    path = tmp_path / "broken.html"
    path.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script>"
                    "</body></html>", encoding="utf-8")
    shot, console = _render(path, tmp_path, 800, 600)
    assert any("undefinedFunction" in line for line in console)
    _, colours = _colours(shot)
    assert len(colours) <= 2


def test_chromium_is_present_where_ci_promises_it():
    """CI installs Chromium; a skip there would hide the browser test."""
    if not os.environ.get("WSIOT_REQUIRE_CHROMIUM"):
        pytest.skip("WSIOT_REQUIRE_CHROMIUM is not set (.ci/run sets it)")
    assert CHROMIUM is not None, "WSIOT_REQUIRE_CHROMIUM is set but no chromium is on PATH"


def test_a_report_of_an_audited_export_names_its_devices():
    frame = pd.read_csv(Path(__file__).parent / "samples" / "exports" / "intune.csv", dtype=str)
    page = report(audit_frame(frame, on=ON), on=ON)
    assert "KIOSK-SRV-01" in page.html and "10.0.20348.2762" in page.html
    assert "dashed line: 2026-12-01" in page.html


def test_one_bad_date_in_a_frame_does_not_stop_its_report():
    frame = pd.DataFrame({"device": ["a", "b"], "build": ["20348", "17763"],
                          "date": ["2030-01-01", "not a date"]})
    page = report(audit_frame(frame, date_column="date"))
    assert page.devices == 2 and page.invalid == 1


def test_past_the_update_datas_end_the_report_says_at_least():
    rows = [("a", "10.0.20348.5139")]
    late = report(audit(rows, on="2026-11-29"))
    assert "Missing updates (at least)" in late.html and "lower bounds" in late.html
    early = report(audit(rows, on="2026-07-01"))
    assert "(at least)" not in early.html and "lower bounds" not in early.html
