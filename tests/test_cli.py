"""The command line, through its real entry point (subprocess) and in-process."""

import csv
import io
import json
import subprocess
import sys

import pytest

from wsiot.cli import main


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "wsiot", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def call(*args):
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_module_entry_point_prints_release_table():
    done = run("releases", "--on", "2030-01-01")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Release") and "Phase 2030-01-01" in lines[0]
    assert any(line.startswith("2022") and line.rstrip().endswith("extended") for line in lines)
    assert any(line.startswith("2019 ") and line.rstrip().endswith("ended") for line in lines)
    assert all(len(line) <= 80 for line in lines)
    assert "\x1b[" not in done.stdout  # not a terminal: no colour


def test_bare_command_is_the_release_table():
    code, out = call("--on", "2030-01-01")
    assert code == 0 and "Serviced to" in out


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_release_formats(fmt):
    code, out = call("releases", "--on", "2031-10-14", "--format", fmt)
    assert code == 0
    if fmt == "json":
        rows = json.loads(out)
        row = next(r for r in rows if r["version"] == "2022")
        assert row == {**row, "phase": "extended", "in_servicing": True, "days_left": 0,
                       "servicing_end": "2031-10-14", "build": 20348}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 9 and rows[0]["version"] == "2025"
    else:
        assert out.startswith("| Release | Build |") and out.count("\n") == 11


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("status", "10.0.20348.2762", "--on", "2031-10-14"), 0, "(today)"),
        (("status", "20348", "--on", "2031-10-15"), 1, "servicing ended"),
        (("status", "26100", "--on", "2024-10-31"), 1, "not yet available"),
        (("status", "20348", "--on", "2031-09-01", "--warn-within", "90"), 3, "extended support"),
        (("status", "20348", "--on", "2031-01-01", "--warn-within", "90"), 0, "extended support"),
        (("status", "Microsoft Windows [Version 10.0.17763.1]", "--on", "2028-01-01"), 0, "2019"),
    ],
)
def test_status_exit_codes(args, code, fragment):
    done = run(*args)
    assert done.returncode == code, done.stderr
    assert fragment in done.stdout


def test_status_json():
    code, out = call("status", "20348", "--on", "2030-01-01", "--format", "json")
    assert code == 0
    assert json.loads(out)[0]["phase"] == "extended"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("status", "19045"), "unknown build: '19045'"),
        (("status", "Windows 11"), "invalid build: 'Windows 11'"),
        (("status", "20348", "--on", "03/04/2030"), "ambiguous date"),
        (("releases", "--catalog", "/nonexistent/catalog.json"), "cannot read"),
        (("releases", "--format", "yaml"), "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, fragment):
    done = run(*args)
    assert done.returncode == 2
    assert fragment in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_editions_listing():
    code, out = call("editions")
    assert code == 0 and "Storage Workgroup" in out
    code, out = call("editions", "--format", "json")
    rows = json.loads(out)
    assert {r["name"] for r in rows} >= {"Essentials", "Telecommunications"}
    assert next(r for r in rows if r["name"] == "Essentials")["releases"] == "2019, Storage 2012 R2"


@pytest.mark.parametrize(
    "command",
    [("releases",), ("status",), ("edition",), ("editions",), ("qualify",), ("timeline",),
     ("audit",), ("catalog",), ("catalog", "export"), ("catalog", "validate"), ()],
)
def test_help_shows_examples(command):
    done = run(*command, "--help")
    assert done.returncode == 0 and "example: wsiot" in done.stdout


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("wsiot ")


def test_catalog_option(tmp_path):
    import wsiot
    from wsiot.io import dump_catalog

    path = tmp_path / "c.json"
    dump_catalog(wsiot.default_catalog(), path)
    code, out = call("releases", "--catalog", str(path), "--on", "2030-01-01")
    assert code == 0 and "2025" in out


def test_colour_only_on_a_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    monkeypatch.delenv("NO_COLOR", raising=False)
    main(["releases", "--on", "2029-01-01"], out=out)
    text = out.getvalue()
    assert "\x1b[32m2025" in text  # green: years left
    assert "\x1b[33m2019 " in text  # yellow: last day, within six months
    assert "\x1b[31mStorage 2012" in text  # red: ended
    monkeypatch.setenv("NO_COLOR", "1")
    out = Tty()
    main(["releases", "--on", "2029-01-01"], out=out)
    assert "\x1b[" not in out.getvalue()


def test_edition_command():
    done = run("edition", "nas", "--users", "30", "--release", "2022")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Storage Workgroup for Network attached storage")
    code, out = call("edition", "edge analytics", "--vms", "unlimited", "--format", "json")
    assert code == 0 and json.loads(out)["edition"] == "Datacenter"
    code, out = call("edition", "pacs", "--release", "2019", "--users", "5", "--devices", "5",
                     "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0] == {**rows[0], "edition": "Essentials", "chosen": "True"}
    code, out = call("edition", "nas", "--users", "10", "--peripherals", "--format", "markdown")
    assert code == 0 and "| Storage Standard | True |" in out


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("edition", "nas", "--release", "2019"), 1, "no edition fits"),
        (("edition", "toaster"), 2, "unknown workload: 'toaster'"),
        (("edition", "nas", "--users", "-1"), 2, "users must be a whole number"),
        (("edition", "nas", "--vms", "lots"), 2, "expected a whole number or 'unlimited'"),
        (("edition", "nas", "--require", "storage workgroup", "--users", "80"), 2,
         "conflicting requirements"),
    ],
)
def test_edition_command_errors(args, code, fragment):
    done = run(*args)
    assert done.returncode == code
    assert fragment in done.stderr and "Traceback" not in done.stderr


def test_qualify_command(tmp_path):
    from .test_profiles import GOOD_TOML

    good = tmp_path / "nas.toml"
    good.write_text(GOOD_TOML)
    done = run("qualify", str(good))
    assert done.returncode == 0, done.stderr
    assert ": eligible" in done.stdout.splitlines()[0]
    done = run("qualify", str(good), "--release", "2019")
    assert done.returncode == 1 and "[FAIL] edition-offered" in done.stdout
    code, out = call("qualify", str(good), "--format", "json")
    assert code == 0 and json.loads(out)["eligible"] is True
    code, out = call("qualify", str(good), "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 12
    partial = tmp_path / "partial.json"
    partial.write_text('{"name": "p", "dedicated": true}')
    assert call("qualify", str(partial))[0] == 1
    assert call("qualify", str(partial), "--lenient")[0] == 0
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\ncolour = 1')
    done = run("qualify", str(broken))
    assert done.returncode == 2 and "colour: unknown key" in done.stderr
    assert "Traceback" not in done.stderr


def test_catalog_export_and_validate(tmp_path):
    code, out = call("catalog", "export", "--shape", "endoflife")
    assert code == 0 and json.loads(out)[0]["cycle"] == "2025"
    code, out = call("catalog", "export")
    assert json.loads(out)["version"]
    path = tmp_path / "c.json"
    done = run("catalog", "export", "--output", str(path))
    assert done.returncode == 0 and path.exists()
    done = run("catalog", "validate", str(path))
    assert done.returncode == 0 and "valid (9 releases" in done.stdout
    rows = json.loads(path.read_text())
    rows["releases"][0]["servicing_end"] = "2034-11-15"
    rows["releases"][1]["released"] = "nope"
    path.write_text(json.dumps(rows))
    done = run("catalog", "validate", str(path))
    assert done.returncode == 1
    assert "2 problem(s)" in done.stdout or "problem(s)" in done.stdout
    assert "releases[1].released" in done.stdout
    done = run("catalog", "validate", str(tmp_path / "missing.json"))
    assert done.returncode == 2 and "cannot read" in done.stderr


def test_catalog_option_accepts_endoflife_records_but_keeps_iot_dates(tmp_path):
    path = tmp_path / "eol.json"
    records = json.loads(call("catalog", "export", "--shape", "endoflife")[1])
    records[1]["eol"] = "2032-10-12"  # a differing date is a discrepancy, never applied
    path.write_text(json.dumps(records))
    done = run("status", "20348", "--on", "2032-01-01", "--catalog", str(path))
    assert done.returncode == 1, done.stderr
    assert "servicing ended" in done.stdout


def test_timeline_command(tmp_path):
    path = tmp_path / "t.png"
    done = run("timeline", "--output", str(path), "--on", "2026-11-23", "--dpi", "50")
    assert done.returncode == 0, done.stderr
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    done = run("timeline", "--output", str(tmp_path / "no" / "such" / "dir.png"))
    assert done.returncode == 2 and "cannot write" in done.stderr


def test_broken_pipe_is_quiet():
    done = subprocess.run(f"{sys.executable} -m wsiot catalog export | head -c 10",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr


INVENTORY = "device,build,date\nnas-1,10.0.20348.2762,\npbx-2,10.0.17763.1,2030-01-01\nx,Windows 11,\n"


def test_audit_command(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text(INVENTORY)
    done = run("audit", str(path), "--on", "2029-06-01")
    assert done.returncode == 1  # one device ended, one invalid
    assert done.stdout.startswith("3 device(s): 1 in servicing, 1 not, 1 invalid")
    code, out = call("audit", str(path), "--on", "2029-06-01", "--format", "json")
    assert json.loads(out)["by_phase"] == {"extended": 1, "ended": 1}
    code, out = call("audit", str(path), "--on", "2029-06-01", "--rows", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["phase"] for r in rows] == ["extended", "ended", ""]
    assert rows[1]["on"] == "2030-01-01"
    code, out = call("audit", str(path), "--on", "2029-06-01", "--rows", "--format", "json")
    assert json.loads(out)[0]["days_left"] == 865
    good = tmp_path / "good.csv"
    good.write_text("Hostname,OS_Version\nnas-1,10.0.20348.2762\nnas-2,20348\n")
    assert call("audit", str(good), "--on", "2030-01-01")[0] == 0
    code, out = call("audit", str(good), "--no-default-date", "--format", "markdown")
    assert code == 1 and "| invalid | no date | 2 |" in out


@pytest.mark.parametrize(
    ("content", "fragment"),
    [("", "empty inventory"), ("device,os\na,b\n", "no build column")],
)
def test_audit_command_bad_files(tmp_path, content, fragment):
    path = tmp_path / "inv.csv"
    path.write_text(content)
    done = run("audit", str(path))
    assert done.returncode == 2 and fragment in done.stderr


def test_audit_command_missing_file(tmp_path):
    done = run("audit", str(tmp_path / "none.csv"))
    assert done.returncode == 2 and "cannot read" in done.stderr


def test_audit_progress_on_a_terminal(tmp_path, monkeypatch):
    from wsiot.cli import fleet as cli
    from wsiot.io import inventory

    path = tmp_path / "big.csv"
    path.write_text("device,build\n" + "".join(f"d{i},20348\n" for i in range(25)))

    class Tty(io.StringIO):
        def isatty(self):
            return True

    err = Tty()
    monkeypatch.setattr(cli.sys, "stderr", err)
    monkeypatch.setattr(inventory, "PROGRESS_EVERY", 10)
    code = main(["audit", str(path), "--on", "2030-01-01"], out=io.StringIO())
    assert code == 0
    assert "] " in err.getvalue() and "20 rows" in err.getvalue()
    assert cli._progress_bar(0.5, 1000, width=10) == "[#####.....]  50%  1,000 rows"
    assert cli._progress_bar(1.7, 5, width=4) == "[####] 100%  5 rows"


def test_every_table_fits_in_80_columns(tmp_path):
    from .test_profiles import GOOD_TOML

    profile = tmp_path / "nas.toml"
    profile.write_text(GOOD_TOML)
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(INVENTORY)
    for args in (("releases",), ("editions",), ("edition", "nas", "--users", "30"),
                 ("edition", "pacs", "--release", "2019", "--users", "5", "--devices", "5"),
                 ("qualify", str(profile), "--release", "2019"),
                 ("audit", str(inventory), "--on", "2030-01-01")):
        _, out = call(*args)
        too_wide = [line for line in out.splitlines() if len(line) > 80]
        assert not too_wide, (args, too_wide)


def test_colour_keeps_columns_aligned(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured, plain = Tty(), io.StringIO()
    main(["releases", "--on", "2029-01-01"], out=coloured)
    main(["releases", "--on", "2029-01-01"], out=plain)
    stripped = coloured.getvalue()
    for code in ("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[0m"):
        stripped = stripped.replace(code, "")
    assert stripped == plain.getvalue()
