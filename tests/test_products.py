"""Application names as people write them: forbidden products caught, allowed ones never refused."""

import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import (
    Application,
    Application as A,
    Recognition,
    classify_application,
    explain_application,
)
from wsiot.data import products as _products

FORBIDDEN = [
    # accounting
    ("QuickBooks", A.ACCOUNTING), ("Intuit QuickBooks Desktop 2024", A.ACCOUNTING),
    ("Sage 50", A.ACCOUNTING), ("Sage 50cloud Accounts", A.ACCOUNTING), ("Xero", A.ACCOUNTING),
    ("FreshBooks", A.ACCOUNTING), ("general ledger", A.ACCOUNTING),
    # messaging or enterprise email
    ("Microsoft Outlook 2021", A.MESSAGING), ("Outlook", A.MESSAGING), ("Slack", A.MESSAGING),
    ("Thunderbird", A.MESSAGING), ("Mozilla Thunderbird 115", A.MESSAGING),
    ("HCL Notes", A.MESSAGING), ("Lotus Notes 9", A.MESSAGING), ("Mattermost", A.MESSAGING),
    ("Postfix mail server", A.MESSAGING), ("email", A.MESSAGING), ("Zimbra", A.MESSAGING),
    # ERP
    ("SAP S/4HANA", A.ERP), ("Oracle NetSuite", A.ERP), ("Odoo", A.ERP),
    ("Microsoft Dynamics 365 Business Central", A.ERP), ("Epicor Kinetic", A.ERP),
    ("Acumatica", A.ERP), ("ERP", A.ERP),
    # web-based time management
    ("Calendly", A.CALENDARING), ("Microsoft Bookings", A.CALENDARING),
    ("Google Calendar", A.CALENDARING), ("Doodle", A.CALENDARING), ("calendar", A.CALENDARING),
    # Exchange Server
    ("Exchange", A.EXCHANGE), ("Exchange Server 2019 CU12", A.EXCHANGE), ("(Exchange)", A.EXCHANGE),
    ("Exchange/OWA", A.EXCHANGE), ("OWA", A.EXCHANGE), ("Outlook Web Access", A.EXCHANGE),
    ("MS Exchange", A.EXCHANGE),
    # SharePoint Portal Server
    ("SharePoint", A.SHAREPOINT), ("SharePoint Server Subscription Edition", A.SHAREPOINT),
    ("MOSS 2007", A.SHAREPOINT),
    # team collaboration
    ("Microsoft Teams", A.COLLABORATION), ("Teams (new)", A.COLLABORATION),
    ("MS Teams", A.COLLABORATION), ("Confluence", A.COLLABORATION),
    ("Google Workspace", A.COLLABORATION), ("groupware", A.COLLABORATION),
    # word processing
    ("MS Word", A.WORD_PROCESSING), ("Microsoft Word 2019", A.WORD_PROCESSING),
    ("Word", A.WORD_PROCESSING), ("LibreOffice Writer", A.WORD_PROCESSING),
    ("WordPerfect", A.WORD_PROCESSING), ("word processor", A.WORD_PROCESSING),
    # CRM
    ("Salesforce", A.CRM), ("Dynamics 365 Sales", A.CRM), ("Zoho CRM", A.CRM),
    ("HubSpot", A.CRM), ("Pipedrive", A.CRM), ("SugarCRM", A.CRM),
    ("salesforce-style CRM", A.CRM),
]

ALLOWED = [
    "Milestone XProtect", "Milestone XProtect Corporate 2024 R1", "Genetec Security Center 5.11",
    "AVEVA PI", "OSIsoft PI Server", "Ignition", "Siemens WinCC", "FactoryTalk",
    "Orthanc", "dcm4chee", "3CX", "Asterisk", "FreePBX", "Veeam Backup & Replication",
    "SQL Server 2022", "PostgreSQL", "IIS", "Hyper-V", "PACS viewer", "video archive",
    "Backup scheduling", "DICOM PACS with email alerts", "SCADA historian",
]

NOT_FORBIDDEN = [  # everyday phrases that hold a category word inside an unrelated phrase
    "Data exchange gateway", "Currency exchange rates", "Email notifications",
    "Backup scheduling", "DICOM PACS with email alerts", "Release notes viewer",
    "Word clock display", "Team roster kiosk", "Key exchange module", "Acme Viewer",
    "Sticky Notes", "Job scheduling service", "Mail slot sensor",
]


@pytest.mark.parametrize(("name", "category"), FORBIDDEN)
def test_forbidden_products_are_caught(name, category):
    match = explain_application(name)
    assert match.outcome is Recognition.FORBIDDEN
    assert category in match.categories
    assert match.product and match.matched  # every verdict says what matched
    assert classify_application(name) is match.categories[0]


@pytest.mark.parametrize("name", ALLOWED)
def test_allowed_software_is_recognised(name):
    match = explain_application(name)
    assert match.outcome is Recognition.ALLOWED, match
    assert match.product and classify_application(name) is None


@pytest.mark.parametrize("name", NOT_FORBIDDEN)
def test_everyday_phrases_are_not_forbidden(name):
    assert explain_application(name).outcome is not Recognition.FORBIDDEN


def test_the_vocabulary_is_large_cited_and_covers_every_category():
    rows = _products.FORBIDDEN_PRODUCTS
    assert len(rows) >= 150
    for category in Application:
        if category not in (A.EXCHANGE, A.SHAREPOINT):
            assert sum(category.value in row["categories"] for row in rows) >= 10, category
    for row in rows:
        assert row["source"].startswith(("https://", "http://")), row["product"]
        assert row["names"] or row["bare"]
        assert all(Application(c) for c in row["categories"])
    assert len(_products.ALLOWED_PRODUCTS) >= 80
    assert all(row["source"].startswith(("https://", "http://"))
               for row in _products.ALLOWED_PRODUCTS)


def test_a_product_in_two_categories_maps_to_both():
    assert set(explain_application("Dynamics 365 Business Central").categories) >= {A.ERP, A.ACCOUNTING}


def test_every_listed_name_of_every_forbidden_product_is_caught():
    for row in _products.FORBIDDEN_PRODUCTS:
        for name in (*row["names"], *row["bare"]):
            match = explain_application(name)
            assert match.outcome is Recognition.FORBIDDEN, (row["product"], name)


def test_every_listed_allowed_name_is_recognised_or_forbidden_by_a_sharper_name():
    for row in _products.ALLOWED_PRODUCTS:
        for name in (row["product"], *row["names"]):
            assert explain_application(name).outcome is not Recognition.NOT_RECOGNISED, name


def test_declared_categories_win():
    declared = wsiot.DeclaredApplication(name="Outlook", category="allowed")
    assert explain_application(declared).outcome is Recognition.ALLOWED
    ledger = wsiot.DeclaredApplication(name="Acme Ledger", category=A.ACCOUNTING)
    assert classify_application(ledger) is A.ACCOUNTING
    assert ledger.to_dict() == {"name": "Acme Ledger", "category": "accounting"}
    with pytest.raises(wsiot.InvalidApplianceError, match="unknown application category"):
        wsiot.DeclaredApplication(name="x", category="poetry")
    with pytest.raises(wsiot.InvalidApplianceError, match="needs a name"):
        wsiot.DeclaredApplication(name="", category="crm")


def test_appliance_lists_and_round_trips_declared_applications(tmp_path):
    import json

    from wsiot.io import load_appliance

    box = wsiot.Appliance(name="b", applications=[
        "Teams", A.CRM, {"name": "Acme Ledger", "category": "accounting"}])
    assert [m.outcome.value for m in box.application_matches()] == ["forbidden"] * 3
    path = tmp_path / "b.json"
    path.write_text(json.dumps(box.to_dict()))
    loaded = load_appliance(path)
    assert loaded.to_dict() == box.to_dict()
    assert [m.categories for m in loaded.application_matches()] == [
        m.categories for m in box.application_matches()]
    for bad in (["a", 3], [{"name": "x"}], [{"name": "x", "category": "crm", "y": 1}]):
        with pytest.raises(wsiot.InvalidApplianceError):
            wsiot.Appliance(name="b", applications=bad)


def test_rule_outcomes_default_and_strict():
    box = wsiot.Appliance(name="b", applications=["Milestone XProtect", "Acme Viewer"])
    default = wsiot.qualify(box).result("no-prohibited-applications")
    assert default.outcome is wsiot.Outcome.PASSED and "Acme Viewer" in default.reason
    strict = wsiot.qualify(box, strict=True)
    assert strict.result("no-prohibited-applications").outcome is wsiot.Outcome.UNKNOWN
    assert strict.to_dict()["strict"] is True
    forbidden = wsiot.qualify(wsiot.Appliance(name="c", applications=["Slack"]))
    assert forbidden.result("no-prohibited-applications").outcome is wsiot.Outcome.FAILED
    report = str(forbidden)
    assert "applications:" in report and "Slack: forbidden" in report
    assert forbidden.to_dict()["applications"][0]["outcome"] == "forbidden"
    assert "<td>Slack</td><td>forbidden</td>" in forbidden._repr_html_()


def test_bad_input_is_a_typed_error():
    for bad in (3, None, b"Exchange", ["Exchange"]):
        with pytest.raises(wsiot.InvalidApplianceError, match="expected a name"):
            explain_application(bad)
    with pytest.raises(wsiot.InvalidApplianceError, match="too long"):
        explain_application("a" * 513)


# -- properties ------------------------------------------------------------------

_UNRELATED = st.sampled_from(
    ["acme", "gateway", "sensor", "panel", "controller", "edge", "node", "line", "plant",
     "kiosk", "module", "service", "viewer", "unit", "v2", "2024", "north", "camera"])
_ALLOWED_NAMES = st.sampled_from(ALLOWED)
_FORBIDDEN_NAMES = st.sampled_from([name for name, _ in FORBIDDEN if name.isascii()])


@given(_ALLOWED_NAMES, st.lists(_UNRELATED, max_size=3), st.lists(_UNRELATED, max_size=3))
def test_unrelated_words_never_make_an_allowed_name_forbidden(name, before, after):
    text = " ".join([*before, name, *after])
    assert explain_application(text).outcome is not Recognition.FORBIDDEN


@given(
    _FORBIDDEN_NAMES,
    st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
    st.sampled_from(["", "Microsoft ", "MS "]),
    st.sampled_from(["", " 2019", " 2021", " v2", " (new)", " Server", " Online", "."]),
)
def test_a_forbidden_name_stays_caught_under_case_vendor_and_version(name, case, vendor, suffix):
    category = classify_application(name)
    assert classify_application(case(vendor + name + suffix)) is not None, (vendor, name, suffix)
    assert category in explain_application(case(vendor + name + suffix)).categories or \
        explain_application(case(vendor + name + suffix)).outcome is Recognition.FORBIDDEN


@given(st.text(max_size=200))
def test_any_text_gets_one_of_three_outcomes(text):
    match = explain_application(text)
    assert match.outcome in Recognition
    assert (match.outcome is Recognition.FORBIDDEN) == bool(match.categories)
