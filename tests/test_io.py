import json

import pytest

import wsiot
from wsiot import CatalogError, ProfileError
from wsiot.io import MAX_FILE_BYTES, dump_catalog, load_catalog, read_document


def test_dump_and_load_round_trip(tmp_path):
    path = tmp_path / "catalog.json"
    dump_catalog(wsiot.default_catalog(), path)
    assert load_catalog(path) == wsiot.default_catalog()
    assert load_catalog(str(path)).version == wsiot.CATALOG_VERSION


def test_load_reports_file_and_location(tmp_path):
    path = tmp_path / "catalog.json"
    rows = wsiot.default_catalog().to_rows()
    rows["releases"][0]["servicing_end"] = "2034-11-15"
    path.write_text(json.dumps(rows))
    with pytest.raises(CatalogError, match=r"catalog\.json: release 'Windows Server IoT 2025'"):
        load_catalog(path)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("3", "expected a JSON object or a list of records at the top"),
        ('{"releases": [], "editions": []}', "missing key 'sources'"),
        ('{"releases": [], "editions": [], "sources": {}, "extra": 1}', "unknown key 'extra'"),
    ],
)
def test_load_shape_errors(tmp_path, content, fragment):
    path = tmp_path / "c.json"
    path.write_text(content)
    with pytest.raises(CatalogError, match=fragment):
        load_catalog(path)


def test_read_document_errors(tmp_path):
    with pytest.raises(ProfileError, match="cannot read"):
        read_document(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    with pytest.raises(ProfileError, match="not valid JSON"):
        read_document(bad)
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("= 1")
    with pytest.raises(ProfileError, match="not valid TOML"):
        read_document(bad_toml)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ProfileError, match="not text in UTF-8"):
        read_document(binary)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ProfileError, match="nested too deeply"):
        read_document(deep)
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(ProfileError, match="larger than"):
        read_document(huge)


def test_read_document_toml(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('name = "nas"\n')
    assert read_document(path) == {"name": "nas"}
