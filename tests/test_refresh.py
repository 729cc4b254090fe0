"""The refresh from Microsoft's pages: read by the meaning of the text in any markup,
attributed by OS build, checked against the data, fetched safely, used by every call."""

import http.server
import io
import json
import os
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot.cli import main
from wsiot.io.microsoft import fetch_page, import_update_pages, read_update_pages
from wsiot.model.update_import import SERVER_BUILDS, import_updates
from wsiot.model.update_pages import update_entries

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "microsoft"
HISTORY = [PAGES / f"server{year}_update_history.html" for year in (2016, 2019, 2022, 2025)]
need_pages = pytest.mark.skipif(
    not PAGES.exists() and not os.environ.get("WSIOT_REQUIRE_SHARED"),
    reason="Microsoft's saved pages are not beside the checkout "
           "(.ci/run sets WSIOT_REQUIRE_SHARED, so CI never skips this)")

# Two markups of one history, written for these tests: the 2026 list markup, and an older
# navigation of nested tables with entities and no list items
LIST_MARKUP = """<html><head><link rel="canonical" href="https://support.microsoft.com/x/2022">
<script>var s = "July 14, 2099—KB9999999 (OS Build 20348.9999)";</script></head><body>
<nav><ul class="supTabControlNav">
<li><a href="/a">August 11, 2026&#x2014;KB5120242 (OS Build 20348.5499)</a></li>
<li><a href="/b">July 22, 2026&mdash;KB5099999 (OS Build 20348.5420) Preview</a></li>
<li><a href="/c">July 14, 2026&#8212;KB5099540 (OS Build 20348.5386)</a></li>
<li><a href="/d">July 14, 2026—KB5099536 (OS Build 26100.33158)</a></li>
<li><a href="/e">July 14, 2026—KB5099539 (OS Builds 19045.7548 and 19044.7548)</a></li>
<li><a href="/f">July 14, 2026—KB5099538 (OS Build 26100.9000)</a></li>
</ul></nav></body></html>"""
TABLE_MARKUP = """<table><tr><td><span>August&nbsp;11,&nbsp;2026</span></td><td>&ndash;</td>
<td><b>KB5120242</b> (OS Build 20348.5499)</td></tr>
<tr><td>July 22, 2026 - KB5099999 (OS Build 20348.5420)</td><td>Preview</td></tr></table>
<p>July 18, 2026&#x2014;Hotpatch KB5121768 (OS Builds 26200.8893 and 26100.8893) Out-of-band</p>
<p>July 14, 2026&#x2014;Baseline</p>"""


def test_both_markups_read_alike():
    listed = {(e.kb, e.builds, e.day, e.kind) for e in update_entries(LIST_MARKUP, "x")}
    tabled = {(e.kb, e.builds, e.day, e.kind) for e in update_entries(TABLE_MARKUP, "x")}
    common = {e for e in listed if e[0] in ("KB5120242", "KB5099999")}
    assert common and common <= tabled
    kinds = {kb: kind.value for kb, _, _, kind in listed | tabled}
    assert kinds == {"KB5120242": "security", "KB5099999": "preview", "KB5099540": "security",
                     "KB5099536": "security", "KB5099539": "security",
                     "KB5099538": "security", "KB5121768": "hotpatch"}
    assert "KB9999999" not in kinds  # script text is no page text


def test_rows_are_attributed_by_os_build_never_by_page(tmp_path):
    page = tmp_path / "2022.html"
    page.write_text(LIST_MARKUP)
    result = import_update_pages([page], base=wsiot.default_updates())
    imported = [*result.new, *result.confirmed]
    assert {u.build.build for u in imported} <= SERVER_BUILDS
    assert all(u.build.client is None for u in imported)  # 26100.9000 is Windows 11's
    assert {str(u.build) for u in result.new} == {"10.0.20348.5420"}
    (new,) = result.new
    assert new.source == "https://support.microsoft.com/x/2022" and new.kind.value == "preview"
    assert result.skipped == 3  # two Windows 10 builds and one Windows 11 24H2 level
    assert result.history.covered_until == date(2026, 8, 11)


def test_a_conflict_is_reported_with_both_values_and_never_replaces_a_row(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("August 11, 2026—KB5120242 (OS Build 20348.5500)")
    result = import_update_pages([page])
    (conflict,) = result.conflicts
    assert "20348.5499" in str(conflict) and "20348.5500" in str(conflict)
    assert wsiot.update_for("10.0.20348.5499", updates=result.history).kb == "KB5120242"
    preferred = import_update_pages([page], prefer_pages=True)
    assert wsiot.update_for("10.0.20348.5500", updates=preferred.history).kb == "KB5120242"


def test_the_cli_fails_on_a_conflict_and_writes_on_request(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_text("August 11, 2026—KB5120242 (OS Build 20348.5500)")
    out = tmp_path / "u.json"
    assert main(["updates", "import", str(page), "--output", str(out)]) == 2
    assert not out.exists() and "conflict" in capsys.readouterr().err
    good = tmp_path / "good.html"
    good.write_text(LIST_MARKUP)
    assert main(["updates", "import", str(good), "--output", str(out)]) == 0
    assert "1 new" in capsys.readouterr().out and out.exists()
    assert main(["updates", "import", str(good), "--output", str(good)]) == 2  # an input


def test_the_environment_variable_and_use_updates_choose_the_data(tmp_path, monkeypatch,
                                                                   capsys):
    page = tmp_path / "good.html"
    page.write_text(LIST_MARKUP)
    data = tmp_path / "u.json"
    assert main(["updates", "import", str(page), "--output", str(data)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("WSIOT_UPDATES", str(data))
    assert main(["updates", "info"]) == 0
    assert str(data) in capsys.readouterr().out
    assert main(["status", "10.0.20348.5420", "--on", "2026-08-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["installed_kb"] == "KB5099999"
    refreshed = wsiot.load_updates(data)
    try:
        wsiot.use_updates(refreshed)
        assert wsiot.update_for("10.0.20348.5420").kb == "KB5099999"
        assert wsiot.update_for("10.0.20348.2762", updates=wsiot.default_updates()).kb
    finally:
        wsiot.use_updates(None)
    with pytest.raises(wsiot.UnknownUpdateError):
        wsiot.update_for("10.0.20348.5420")
    with pytest.raises(wsiot.InvalidArgumentError,
                       match=r"updates: expected a wsiot\.UpdateHistory or None, got 'updates\.json'"):
        wsiot.use_updates("updates.json")


@given(st.text(max_size=500))
def test_any_text_is_entries_or_nothing(text):
    for entry in update_entries(text, "x"):
        assert entry.kb.startswith("KB") and entry.builds


@need_pages
def test_microsofts_saved_pages_confirm_the_data():
    entries = read_update_pages(HISTORY)
    result = import_updates(entries)
    assert result.conflicts == ()  # every disagreement is one the data records
    known = {(c.page.kb, str(c.page.build)) for c, _ in result.known}
    assert {("KB3206632", "10.0.14393.571"), ("KB4057142", "10.0.14393.2034"),
            ("KB5037423", "10.0.14393.6799"), ("KB4490481", "10.0.17763.402"),
            ("KB5005625", "10.0.17763.2210")} <= known
    assert len(result.confirmed) >= 470 and result.new == ()
    assert all(u.source.startswith("https://support.microsoft.com/") for u in
               (c.page for c, _ in result.known))


RELEASE_INFO_HTML = (
    "<tr><td>LTSC</td><td>2025-10 B</td><td>2025-10-14</td><td>20348.4294</td>"
    "<td><a href='https://support.microsoft.com/help/5066782'>KB5066782</a></td></tr>"
    "<tr><td>LTSC</td><td>2025-09 D</td><td>2025-09-25</td><td>20348.4228</td><td>KB5065306</td></tr>"
    "<tr><td>LTSC</td><td>2025-02 OOB</td><td>2025-02-30</td><td>20348.3000</td><td>KB5099990</td>")
RELEASE_INFO_MARKDOWN = (
    "| Servicing option | Update type | Availability date | Build | KB article |\n"
    "|---|---|---|---|---|\n"
    "| LTSC | 2025-10 B | 2025-10-14 | 20348.4294 | [KB5066782](https://support.microsoft.com/help/5066782) |\n"
    "| LTSC | 2025-09 D | 2025-09-25 | 20348.4228 | [KB5065306](https://support.microsoft.com/help/5065306) |\n")


@pytest.mark.parametrize("page", [RELEASE_INFO_HTML, RELEASE_INFO_MARKDOWN])
def test_release_information_tables_give_kinds_by_type_code(page):
    entries = update_entries(page, "release-info")
    assert [str(e) for e in entries] == ["2025-10-14 KB5066782 10.0.20348.4294 security",
                                         "2025-09-25 KB5065306 10.0.20348.4228 preview"]


@need_pages
def test_the_release_information_page_confirms_the_data():
    result = import_update_pages([PAGES / "win_release_info.html"])
    assert not result.conflicts and not result.new
    assert len(result.confirmed) >= 300  # its 14393 and 17763 rows; client builds skipped


@need_pages
def test_the_hotpatch_notes_read_in_their_own_markup():
    entries = read_update_pages([PAGES / "win11_hotpatch.html"])
    hotpatches = [e for e in entries if e.kind.value == "hotpatch"]
    assert len(hotpatches) > 40
    assert any(str(b) == "10.0.20348.5074" for e in hotpatches for b in e.builds)


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        routes = {
            "/page": (200, "text/html; charset=utf-8", LIST_MARKUP.encode()),
            "/json": (200, "application/json", b"{}"),
            "/big": (200, "text/html", b"x" * (16 * 1024 * 1024 + 10)),
            "/missing": (404, "text/html", b"gone"),
        }
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.path)}")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        code, kind, body = routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_pages_are_fetched_with_bounds(server):
    assert "KB5120242" in fetch_page(f"{server}/page")
    assert "KB5120242" in fetch_page(f"{server}/moved")
    for path, words in (("/json", "not a page"), ("/big", "larger than"),
                        ("/missing", "answered 404"), ("/loop", "answered 302")):
        with pytest.raises(wsiot.ProfileError, match=words):
            fetch_page(f"{server}{path}")
    with pytest.raises(wsiot.ProfileError, match="only http and https"):
        fetch_page("file:///etc/passwd")
    result = import_update_pages([f"{server}/page"])
    assert {str(u.build) for u in result.new} == {"10.0.20348.5420"}
    out = io.StringIO()
    assert main(["updates", "import", f"{server}/page"], out=out) == 0


def test_every_data_version_is_shown_where_the_others_are(capsys):
    page = wsiot.fleet.report(wsiot.audit([("a", "20348")], on="2030-01-01")).html
    assert "Application vocabulary" in page and wsiot.PRODUCTS_VERSION in page
    record = wsiot.qualify(wsiot.Appliance(name="x")).to_dict()
    assert record["vocabulary"] == {"version": wsiot.PRODUCTS_VERSION,
                                    "as_of": wsiot.PRODUCTS_AS_OF.isoformat()}
    assert main(["updates", "info"]) == 0
    assert "hotpatches complete through 2026-07-14" in capsys.readouterr().out


def test_no_vocabulary_source_is_a_page_that_does_not_exist():
    from wsiot.data import products

    sources = [row["source"] for row in products.FORBIDDEN_PRODUCTS]
    assert not any("learn.microsoft.com/en-us/dynamics-sl" in s for s in sources)
    assert all(s.startswith(("https://", "http://")) for s in sources)
