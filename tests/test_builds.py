import sys
from types import SimpleNamespace

import pytest
from packaging.version import Version

import wsiot
from wsiot import Build, InvalidBuildError, parse_build


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20348, Build(10, 0, 20348)),
        ("20348", Build(10, 0, 20348)),
        (" 20348 ", Build(10, 0, 20348)),
        ("10.0.20348", Build(10, 0, 20348)),
        ("10.0.20348.2762", Build(10, 0, 20348, 2762)),
        ("Microsoft Windows [Version 10.0.20348.2762]", Build(10, 0, 20348, 2762)),
        ("microsoft windows [version 10.0.17763.5830]", Build(10, 0, 17763, 5830)),
        ("26100.1742.240906-0331.ge_release_svc_refresh_SERVER_OEMRET_x64FRE_en-us",
         Build(10, 0, 26100, 1742)),
        ((10, 0, 17763), Build(10, 0, 17763)),
        ((10, 0, 17763, 1), Build(10, 0, 17763, 1)),
        ([6, 3, 9600, 0], Build(6, 3, 9600, 0)),
        (SimpleNamespace(major=10, minor=0, build=14393), Build(10, 0, 14393)),
        (Version("10.0.20348.2762"), Build(10, 0, 20348, 2762)),
        (Version("20348"), Build(10, 0, 20348)),
        (9600, Build(6, 3, 9600)),
        (9200, Build(6, 2, 9200)),
        (10240, Build(10, 0, 10240)),
        (Build(10, 0, 1), Build(10, 0, 1)),
    ],
)
def test_accepted_forms(value, expected):
    assert parse_build(value) == expected
    assert Build.parse(value) == expected


def test_getwindowsversion_shape():
    # sys.getwindowsversion() only exists on Windows; its shape is a named tuple with attributes.
    fake = type("winver", (), {"major": 10, "minor": 0, "build": 26100, "platform": 2})()
    assert parse_build(fake) == Build(10, 0, 26100)
    assert not hasattr(sys, "getwindowsversion") or parse_build(sys.getwindowsversion())


@pytest.mark.parametrize(
    "value",
    [
        None, True, 0, -1, 65536, 10**40, 1.5, "", "   ", "abc", "10.0", "10.0.20348.2762.1",
        "10.0.x", "Windows 11", "1234", 9599, "9599", (10, 0), (10, 0, 1, 2, 3), ("10", 0, 1),
        (10, 0, True), (256, 0, 1), (10, 0, 70000), "10.0.20348.99999999999",
        "２０３４８", "20348\x00", "1" * 10**6, b"20348", {"build": 20348},
        Version("1.2"), Version("10.0.20348.1.2"), "Microsoft Windows [Version nope]",
        "Microsoft Windows [Version 26100.1742.240906-0331.x]",
    ],
)
def test_rejected_forms(value):
    with pytest.raises(InvalidBuildError) as info:
        parse_build(value)
    assert "accepted:" in str(info.value) or "must be an int" in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, wsiot.WsiotError)


def test_error_names_value_and_forms():
    with pytest.raises(InvalidBuildError, match=r"'Windows 11'.*a kernel version \('10\.0\.20348'\)"):
        parse_build("Windows 11")


def test_long_value_is_shortened_in_message():
    with pytest.raises(InvalidBuildError) as info:
        parse_build("9" * 5000)
    assert len(str(info.value)) < 1000


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        ("10.0.17763", "10.0.20348"),
        ("10.0.20348", "10.0.20348.0"),
        ("10.0.20348.2761", "10.0.20348.2762"),
        ("6.3.9600", "10.0.10240"),
        ("10.0.20348.9999", "10.0.26100.1"),
    ],
)
def test_ordering(smaller, larger):
    a, b = parse_build(smaller), parse_build(larger)
    assert a < b and a <= b and b > a and b >= a and a != b
    assert sorted([b, a]) == [a, b]


def test_comparison_with_other_types_is_not_supported():
    b = parse_build(20348)
    assert b != "10.0.20348"
    for op in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert getattr(b, op)("x") is NotImplemented


def test_str_repr_kernel_and_hash():
    b = parse_build("10.0.20348.2762")
    assert str(b) == "10.0.20348.2762"
    assert repr(b) == "<Build('10.0.20348.2762')>"
    assert b.kernel == Build(10, 0, 20348)
    kernel = b.kernel
    assert kernel.kernel is kernel
    assert len({b, parse_build("Microsoft Windows [Version 10.0.20348.2762]")}) == 1


def test_build_is_immutable():
    b = parse_build(20348)
    with pytest.raises(AttributeError):
        b.build = 1  # type: ignore[misc]


@pytest.mark.parametrize("fields", [(10, 0, -1), (10, 0, "1"), (10.0, 0, 1), (10, 0, 1, -5)])
def test_constructor_validates(fields):
    with pytest.raises(InvalidBuildError, match="must be an int"):
        Build(*fields)
