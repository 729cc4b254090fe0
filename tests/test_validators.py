"""The shared validators: one error for an argument of the wrong kind."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import InvalidArgumentError
from wsiot.values.validators import flag, instance, wrong_argument


def test_the_error_names_the_argument_what_is_accepted_and_what_came():
    error = wrong_argument("catalog", "a wsiot.Catalog", [1, 2])
    assert isinstance(error, InvalidArgumentError) and isinstance(error, ValueError)
    assert str(error) == "catalog: expected a wsiot.Catalog, got [1, 2]"


def test_instance_returns_the_value_of_its_kind():
    day = date(2030, 1, 1)
    assert instance(day, date, "day", "a datetime.date") is day
    assert instance(True, int, "n", "a number") is True  # isinstance, as documented


@given(st.one_of(st.integers(), st.floats(), st.binary(), st.none(), st.lists(st.text())))
def test_anything_else_is_refused_with_its_name(value):
    with pytest.raises(InvalidArgumentError, match=r"^page: expected the page as text, got "):
        instance(value, str, "page", "the page as text")


@given(st.one_of(st.integers(), st.text(), st.none()))
def test_a_flag_is_only_true_or_false(value):
    with pytest.raises(InvalidArgumentError, match="include_esu: expected True or False"):
        flag(value, "include_esu")


@pytest.mark.parametrize(("call", "name"), [
    (lambda: wsiot.is_second_tuesday("2030-01-08"), "day"),
    (lambda: wsiot.io.formats.catalog_document("catalog"), "catalog"),
])
def test_public_functions_refuse_through_the_one_path(call, name):
    with pytest.raises(InvalidArgumentError, match=f"^{name}: expected "):
        call()


@given(st.text(max_size=20))
def test_with_article_keeps_the_noun_and_picks_a_or_an(noun):
    from wsiot.values.validators import with_article

    named = with_article(noun)
    assert named.endswith(noun)
    article = named[: len(named) - len(noun)]
    assert article == ("an " if noun[:1].lower() in "aeiou" and noun[:1] else "a ")


def test_with_article_examples():
    from wsiot.values.validators import with_article

    assert [with_article(n) for n in ("Release", "Edition", "update", "")] == [
        "a Release", "an Edition", "an update", "a "]
