"""The application-name matcher on real installed-program names, and its one rule: a verdict
rests on a product's own words, never on generic ones alone."""

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import Recognition
from wsiot.data import products

NAMES = Path(__file__).parent / "samples" / "application_names.tsv"


def labelled():
    lines = [line for line in NAMES.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines)), delimiter="\t"))


ROWS = labelled()


def evaluate(rows):
    """(false-allow, false-forbid, missed, platform missed) names of ``rows``."""
    false_allow, false_forbid, missed, platform_missed = [], [], [], []
    for row in rows:
        found = wsiot.explain_application(row["name"])
        if row["label"].startswith("forbidden:"):
            if found.outcome in (Recognition.ALLOWED, Recognition.PLATFORM):
                false_allow.append(row["name"])
            elif found.outcome is Recognition.NOT_RECOGNISED:
                missed.append(row["name"])
            elif found.category.value != row["label"].removeprefix("forbidden:") and \
                    Recognition.FORBIDDEN is found.outcome:
                assert found.categories, row  # forbidden: the category may differ in order
        elif found.outcome is Recognition.FORBIDDEN:
            false_forbid.append(row["name"])
        elif row["label"] == "platform" and found.outcome is not Recognition.PLATFORM:
            platform_missed.append(row["name"])
    return false_allow, false_forbid, missed, platform_missed


def test_the_set_is_large_and_labelled():
    labels = {row["label"].partition(":")[0] for row in ROWS}
    assert len(ROWS) >= 300 and labels == {"forbidden", "allowed", "platform"}
    assert len({row["name"] for row in ROWS}) == len(ROWS)


def test_no_false_allow_no_false_forbid_and_most_forbidden_recognised():
    false_allow, false_forbid, missed, platform_missed = evaluate(ROWS)
    forbidden = sum(row["label"].startswith("forbidden:") for row in ROWS)
    platform = sum(row["label"] == "platform" for row in ROWS)
    assert false_allow == [] and false_forbid == []
    assert len(missed) <= forbidden * 0.1, missed
    assert len(platform_missed) <= platform * 0.1, platform_missed


def test_the_evaluation_can_fail():
    wrong = [{"name": "Mozilla Thunderbird (x64 en-US)", "label": "allowed"},
             {"name": "Microsoft Visual C++ 2015-2022 Redistributable (x64)",
              "label": "forbidden:messaging"}]
    false_allow, false_forbid, _, _ = evaluate(wrong)
    assert false_forbid == ["Mozilla Thunderbird (x64 en-US)"]
    assert false_allow == ["Microsoft Visual C++ 2015-2022 Redistributable (x64)"]


ORDINARY = sorted(products.GENERIC_WORDS | products.EDITION_WORDS)


@given(st.lists(st.sampled_from(ORDINARY), min_size=1, max_size=4),
       st.sampled_from(["", " 2024", " (x64)", " v2"]))
def test_ordinary_words_alone_are_never_a_match_inside_a_name(words, suffix):
    """A name of ordinary words is recognised only as a whole listed name or a kind of
    software ("mail server"), never by a generic word inside it ("Mail Services")."""
    name = " ".join(words) + suffix
    found = wsiot.explain_application(name)
    if found.outcome in (Recognition.FORBIDDEN, Recognition.ALLOWED):
        from wsiot.model.applications import _core, _raw_tokens

        matched = tuple(_raw_tokens(found.matched or ""))
        whole = tuple(_raw_tokens(name))
        assert (matched in (whole, _core(list(whole))) or (matched[-1:] and matched[-1] in {
            "server", "servers", "client", "software", "system", "systems", "suite",
            "services", "service", "platform", "application"})), (name, found)


@pytest.mark.parametrize(("name", "outcome", "category"), [
    ("Mail Services", Recognition.NOT_RECOGNISED, None),
    ("Accounting Services", Recognition.NOT_RECOGNISED, None),
    ("Exchange Web Services", Recognition.NOT_RECOGNISED, None),
    ("Remote Desktop Services", Recognition.NOT_RECOGNISED, None),
    ("Collaboration Services", Recognition.NOT_RECOGNISED, None),
    ("Alarm e-mail alerts", Recognition.NOT_RECOGNISED, None),
    ("Email notifications", Recognition.NOT_RECOGNISED, None),
    ("EDI exchange", Recognition.NOT_RECOGNISED, None),
    ("Windows Server Update Services", Recognition.ALLOWED, None),
    ("Postfix mail server", Recognition.FORBIDDEN, "messaging"),
    ("Microsoft 365 Apps for enterprise", Recognition.FORBIDDEN, "word-processing"),
    ("Exchange,SharePoint", Recognition.FORBIDDEN, "exchange"),
    ("Infor CloudSuite Industrial", Recognition.FORBIDDEN, "erp"),
    ("Webex Meetings", Recognition.ALLOWED, None),
    ("Zoom Meetings", Recognition.ALLOWED, None),
    ("Microsoft Office 2010 Filter Packs", Recognition.PLATFORM, None),
    ("Microsoft Office Subject Interface Packages", Recognition.PLATFORM, None),
    ("Teams Machine-Wide Installer", Recognition.FORBIDDEN, "collaboration"),
    ("WeChat Beta", Recognition.FORBIDDEN, "messaging"),
    ("QuickBooksDesktop2024", Recognition.FORBIDDEN, "accounting"),
    ("Intel(R) Chipset Device Software", Recognition.PLATFORM, None),
])
def test_names_from_the_issue(name, outcome, category):
    found = wsiot.explain_application(name)
    assert found.outcome is outcome, found
    assert (None if found.category is None else found.category.value) == category


def test_microsoft_365_apps_is_not_exchange_or_sharepoint():
    categories = wsiot.explain_application("Microsoft 365 Apps for enterprise").categories
    assert wsiot.Application.EXCHANGE not in categories
    assert wsiot.Application.SHAREPOINT not in categories


def test_platform_items_pass_a_strict_qualification():
    box = wsiot.Appliance(name="NVR", dedicated=True, general_purpose=False,
                          applications=["Milestone XProtect Corporate 2024 R1",
                                        "Microsoft Visual C++ 2015-2022 Redistributable (x64)",
                                        "Google Chrome", "Python 3.12.1 (64-bit)"])
    result = next(r for r in wsiot.qualify(box, strict=True).results
                  if r.rule.id == "no-prohibited-applications")
    assert result.outcome is wsiot.Outcome.PASSED
