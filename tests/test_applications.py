import pytest

from wsiot import Application, UnknownApplicationError, application, classify_application


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("accounting", Application.ACCOUNTING), ("Bookkeeping", Application.ACCOUNTING),
        ("enterprise email", Application.MESSAGING), ("E-Mail", Application.MESSAGING),
        ("Postfix mail server", Application.MESSAGING),
        ("ERP", Application.ERP), ("enterprise resource planning", Application.ERP),
        ("web-based time management", Application.CALENDARING),
        ("Team calendar", Application.CALENDARING),
        ("exchange", Application.EXCHANGE), ("Microsoft Exchange Server 2019", Application.EXCHANGE),
        ("Outlook Web Access", Application.EXCHANGE), ("OWA", Application.EXCHANGE),
        ("sharepoint", Application.SHAREPOINT),
        ("Microsoft SharePoint Portal Server", Application.SHAREPOINT),
        ("team collaboration", Application.COLLABORATION), ("groupware", Application.COLLABORATION),
        ("word processing", Application.WORD_PROCESSING),
        ("Microsoft Word", Application.WORD_PROCESSING),
        ("CRM", Application.CRM), ("salesforce-style crm", Application.CRM),
        ("customer relationship management", Application.CRM),
        (Application.ERP, Application.ERP),
    ],
)
def test_every_category_and_alias(name, category):
    assert classify_application(name) is category


@pytest.mark.parametrize(
    "name", ["PACS viewer", "video archive", "SCADA historian", "scrm tool", "wordpress",
             "exchanger control", "ledger-free telemetry", ""],
)
def test_allowed_applications(name):
    assert classify_application(name) is None


def test_every_category_has_title_and_aliases():
    for category in Application:
        assert category.title and category.aliases
        assert classify_application(category.title) is category
        for alias in category.aliases:
            assert classify_application(alias) is category


def test_strict_lookup():
    assert application("owa") is Application.EXCHANGE
    assert application(Application.CRM) is Application.CRM
    with pytest.raises(UnknownApplicationError, match=r"did you mean 'sharepoint'"):
        application("sharepont")
    with pytest.raises(UnknownApplicationError):
        application(5)  # type: ignore[arg-type]


def test_classify_rejects_non_names():
    from wsiot import InvalidApplianceError

    with pytest.raises(InvalidApplianceError, match="expected a name"):
        classify_application(None)  # type: ignore[arg-type]
