"""The file door: bounded regular-file reads, encodings, duplicate keys, and what the CLI does."""

import json
import os
import subprocess
import sys
import threading

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import ProfileError
from wsiot.io import dump_catalog, load_appliance, load_catalog
from wsiot.io.files import open_text, parse_json, read_bytes, read_json, read_text, write_text


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "wsiot", *args], capture_output=True,
                          timeout=60, input=stdin)


# -- what is read -----------------------------------------------------------------------


def test_a_fifo_is_refused_at_once_never_waited_on(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    done = threading.Event()
    result = []

    def read():
        try:
            read_bytes(fifo)
        except ProfileError as exc:
            result.append(str(exc))
        done.set()

    threading.Thread(target=read, daemon=True).start()
    assert done.wait(5), "reading a FIFO blocked"
    assert "not a regular file" in result[0]


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_devices_are_refused(path):
    if not os.path.exists(path):  # pragma: no cover - every Linux has them
        pytest.skip(f"{path} missing")
    with pytest.raises(ProfileError, match="not a regular file"):
        read_bytes(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ProfileError, match=r"a folder|cannot read"):
        read_bytes(tmp_path)


@pytest.mark.parametrize("path", ["a\x00b.json", "caf\udce9.json", 3, None, b"x.json"])
def test_paths_no_file_system_can_name_are_refused(path):
    with pytest.raises(ProfileError):
        read_bytes(path)


def test_the_size_limit_is_enforced_while_reading(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 101)
    with pytest.raises(ProfileError, match="larger than the 100 bytes"):
        read_bytes(big, limit=100)
    assert read_bytes(big, limit=101) == b" " * 101


@given(st.text(max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                                "utf-16-be"]))
def test_text_in_every_accepted_encoding_reads_the_same(tmp_path_factory, text, encoding):
    path = tmp_path_factory.mktemp("enc") / "t.txt"
    raw = text.encode(encoding, errors="surrogatepass") if encoding != "utf-16-le" else \
        b"\xff\xfe" + text.encode("utf-16-le", errors="surrogatepass")
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + text.encode("utf-16-be", errors="surrogatepass")
    path.write_bytes(raw)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates are no text in any of them
        with pytest.raises(ProfileError):
            read_text(path)
        return
    assert read_text(path) == text
    stream, _ = open_text(path)
    with stream:
        assert stream.read() == text


def test_other_encodings_are_one_clear_error(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("device,build\ncafé,20348\n".encode("latin-1"))
    with pytest.raises(ProfileError, match="not text in UTF-8, UTF-8 with a byte-order mark"):
        open_text(path)


# -- duplicate keys -------------------------------------------------------------------------


def test_duplicate_keys_are_refused_with_their_location():
    with pytest.raises(ProfileError, match=r"duplicate key 'b' in a\[1\]"):
        parse_json('{"a": [{}, {"b": 1, "b": 2}]}')
    with pytest.raises(ProfileError, match="duplicate key 'x' at the top level"):
        parse_json('{"x": 1, "x": 1}')
    assert parse_json('{"a": {"b": 1}, "c": {"b": 2}}') == {"a": {"b": 1}, "c": {"b": 2}}


@given(st.dictionaries(st.text(max_size=5), st.integers(), min_size=1), st.data())
def test_any_repeated_key_is_found(document, data):
    key = data.draw(st.sampled_from(sorted(document)))
    text = json.dumps(document)[:-1] + f", {json.dumps(key)}: 0}}"
    with pytest.raises(ProfileError, match="duplicate key"):
        parse_json(text)


def test_a_catalogue_with_a_date_given_twice_is_refused(tmp_path):
    path = tmp_path / "catalog.json"
    dump_catalog(wsiot.default_catalog(), path)
    text = path.read_text().replace('"servicing_end": "2031-10-14"',
                                    '"servicing_end": "2031-10-14", "servicing_end": "2061-10-11"')
    path.write_text(text)
    with pytest.raises(ProfileError, match=r"duplicate key 'servicing_end' in releases\[1\]"):
        load_catalog(path)
    done = run("catalog", "validate", str(path))
    assert done.returncode == 2 and b"duplicate key 'servicing_end'" in done.stderr


def test_profiles_and_records_with_duplicate_keys_are_refused(tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text('{"name": "a", "dedicated": true, "dedicated": false}')
    with pytest.raises(ProfileError, match="duplicate key 'dedicated'"):
        load_appliance(profile)
    records = tmp_path / "eol.json"
    records.write_text('[{"cycle": "2022", "eol": "2031-10-14", "eol": "2061-10-11"}]')
    with pytest.raises(ProfileError, match=r"duplicate key 'eol' in \[0\]"):
        load_catalog(records)


def test_a_bom_profile_reads(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"name": "a"}).encode())
    assert load_appliance(path).name == "a"
    assert read_json(path) == {"name": "a"}


# -- writing ---------------------------------------------------------------------------------


def test_writing_where_no_file_can_be_is_one_clear_error(tmp_path):
    with pytest.raises(ProfileError, match="cannot write"):
        write_text(tmp_path / "no" / "such" / "dir.json", "{}")
    with pytest.raises(ProfileError, match="cannot write"):
        write_text(tmp_path, "{}")
    for target in (tmp_path / "missing" / "c.json", tmp_path):
        done = run("catalog", "export", "--output", str(target))
        assert done.returncode == 2
        assert done.stderr.count(b"\n") == 1 and b"cannot write" in done.stderr


# -- CSV inventories as Windows tools write them --------------------------------------------

ROWS = [("nas-01", "10.0.20348.2762"), ("pbx-07", "10.0.17763.1"), ("café", "19045"),
        ("lab", "Windows 11")]


def _inventory(encoding, blank_lines=False):
    lines = ["Device,Build"] + [f"{d},{b}" for d, b in ROWS]
    if blank_lines:
        lines = [lines[0], "", *lines[1:3], "", "", *lines[3:], ""]
    text = "\r\n".join(lines) + "\r\n"
    if encoding == "utf-16-le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
@pytest.mark.parametrize("blank_lines", [False, True])
def test_inventories_in_every_windows_encoding_audit_alike(tmp_path, encoding, blank_lines):
    path = tmp_path / "inventory.csv"
    path.write_bytes(_inventory(encoding, blank_lines))
    done = run("audit", str(path), "--rows", "--format", "json", "--on", "2029-06-01")
    assert done.returncode == 1, done.stderr  # pbx-07 is no longer serviced
    rows = json.loads(done.stdout)
    assert [r["device"] for r in rows] == [d for d, _ in ROWS]  # first column named, no extra
    assert [r["error_kind"] for r in rows] == [None, None, "unknown-build", "invalid-build"]


def test_an_inventory_in_another_encoding_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_bytes("device,build\ncafé,20348\n".encode("cp1252"))
    done = run("audit", str(path), "--rows", "--format", "csv", "--on", "2029-06-01")
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.count(b"\n") == 1 and b"not text in UTF-8" in done.stderr


def test_a_bad_header_writes_nothing_to_stdout(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text("host,os\na,b\n")
    done = run("audit", str(path), "--rows", "--format", "csv", "--on", "2029-06-01")
    assert done.returncode == 2 and done.stdout == b"" and b"no build column" in done.stderr


@given(st.lists(st.sampled_from(["20348", "17763", "", "x", "10.0.26100.1", "  "]),
                max_size=30), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_every_device_line_in_is_one_row_out(tmp_path_factory, builds, encoding):
    path = tmp_path_factory.mktemp("inv") / "i.csv"
    lines = ["device,build", *(f"d{i},{b}" for i, b in enumerate(builds))]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    from wsiot.io.inventory import read_inventory

    rows = list(read_inventory(path))
    assert [r[0] for r in rows] == [f"d{i}" for i in range(len(builds))]


def test_terminal_control_sequences_from_an_inventory_are_escaped(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_bytes(b"device,build\n\x1b[2Jevil\x07,20348\nok,\x1b]0;t\x07\n")
    for fmt in ("table", "csv", "markdown"):
        done = run("audit", str(path), "--rows", "--format", fmt, "--on", "2029-06-01")
        assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout, fmt
        assert b"\\x1b[2Jevil" in done.stdout


@pytest.mark.parametrize("depth", [65, 500, 999, 5000, 100_000])
@pytest.mark.parametrize("shape", ["[{}]", '{{"k": {}}}'])
def test_deep_json_is_one_clear_error(depth, shape):
    from wsiot.io.files import parse_json

    text = "1"
    opening, closing = shape.split("{}") if shape == "[{}]" else ('{"k": ', "}")
    text = opening * depth + "1" + closing * depth
    with pytest.raises(ProfileError, match="nested too deeply"):
        parse_json(text)


def test_a_long_key_over_a_long_list_costs_no_more_than_the_file():
    import tracemalloc

    from wsiot.io.files import parse_json

    text = '{"' + "k" * 100_000 + '": [' + ",".join(["0"] * 30_000) + "]}"
    tracemalloc.start()
    try:
        parse_json(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(text)


@given(st.recursive(st.none() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=30))
def test_any_document_round_trips_or_is_refused(document):
    import json

    from wsiot.io.files import parse_json

    assert parse_json(json.dumps(document)) == document


def _run(*args):
    return subprocess.run([sys.executable, "-m", "wsiot", *args], capture_output=True,
                          text=True, timeout=120)


def test_an_output_that_is_an_input_is_refused_before_any_work(tmp_path):
    inventory = tmp_path / "inv.csv"
    inventory.write_text("device,build\nnas,20348\n")
    before = inventory.read_bytes()
    (tmp_path / "sub").mkdir()
    for report in (inventory, tmp_path / "sub" / ".." / "inv.csv"):
        done = _run("audit", str(inventory), "--on", "2030-01-01", "--report", str(report))
        assert done.returncode == 2 and "also an input" in done.stderr
        assert done.stdout == "" and inventory.read_bytes() == before
    link = tmp_path / "link.csv"
    os.link(inventory, link)
    done = _run("audit", str(inventory), "--on", "2030-01-01", "--report", str(link))
    assert done.returncode == 2 and inventory.read_bytes() == before
    catalog = tmp_path / "c.json"
    assert _run("catalog", "export", "--output", str(catalog)).returncode == 0
    for args in (("timeline", "--catalog", str(catalog), "--output", str(catalog)),
                 ("catalog", "export", "--catalog", str(catalog), "--output", str(catalog))):
        saved = catalog.read_bytes()
        done = _run(*args)
        assert done.returncode == 2 and catalog.read_bytes() == saved, args


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    from wsiot.io import files

    target = tmp_path / "out.json"
    target.write_text("old")

    def full_disk(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(ProfileError, match="No space left"):
        write_text(target, "new" * 10_000)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_a_file_changed_after_its_check_gives_error_rows_not_a_crash(tmp_path):
    from wsiot.io.inventory import read_inventory

    path = tmp_path / "inv.csv"
    path.write_bytes(b"device,build\nnas,20348\n" + b"d,20348\n" * 100_000)
    rows = read_inventory(path)  # checked and opened
    with path.open("r+b") as handle:  # another program rewrites a line near the end in place
        handle.seek(-len(b"20348\n"), os.SEEK_END)
        handle.write(b"\xff\xfe\xfd")
    audited = list(wsiot.fleet.audit(rows, on="2030-01-01"))
    assert len(audited) == 100_001 and audited[0].error is None
    assert any(row.error_kind == "invalid-build" for row in audited)
