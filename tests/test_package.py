"""The package surface: every public name importable, typed, lazily loaded, no collisions."""

import importlib
import importlib.metadata
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import wsiot


def test_every_public_name_resolves_and_is_no_module():
    for name in wsiot.__all__:
        value = getattr(wsiot, name)
        assert not isinstance(value, types.ModuleType), name
    # load every submodule, then check again: none may shadow a public name
    for info in pkgutil.walk_packages(wsiot.__path__, "wsiot."):
        if info.name != "wsiot.__main__":
            importlib.import_module(info.name)
    for name in wsiot.__all__:
        assert not isinstance(getattr(wsiot, name), types.ModuleType), name


def test_unknown_attribute():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        wsiot.nope  # noqa: B018


def test_dir_lists_lazy_names():
    assert {"qualify", "is_in_servicing", "WsiotError"} <= set(dir(wsiot))


def test_version_is_single_sourced():
    assert wsiot.__version__ == importlib.metadata.version("wsiot")


def test_py_typed_marker_ships():
    assert (Path(wsiot.__file__).parent / "py.typed").exists()


def test_every_error_has_the_base_and_a_builtin():
    for name in wsiot.__all__:
        value = getattr(wsiot, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, wsiot.WsiotError)
            assert value is wsiot.WsiotError or issubclass(value, ValueError | LookupError), name


def _fresh(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True).stdout.strip()


def test_import_is_lazy_and_dateutil_is_deferred():
    loaded = _fresh("import sys, wsiot; print(sorted(m for m in sys.modules if m.startswith('wsiot')))")
    assert loaded == "['wsiot', 'wsiot._moved', 'wsiot.errors']"
    iso = _fresh("import sys, wsiot; wsiot.is_in_servicing(20348, '2030-01-01'); "
                 "print('dateutil.parser' in sys.modules, 'wsiot.rules.qualification' in sys.modules)")
    assert iso == "False False"
    written = _fresh("import sys, wsiot; wsiot.is_in_servicing(20348, '1 Jan 2030'); "
                     "print('dateutil.parser' in sys.modules)")
    assert written == "True"
