"""The commercial applications the licence forbids, and how free-form names map to them.

>>> from wsiot import classify_application
>>> classify_application("Microsoft Exchange Server 2019")
<Application.EXCHANGE: 'exchange'>
>>> classify_application("PACS viewer") is None
True
"""

from __future__ import annotations

import enum

from . import _data
from ._names import name_index, name_key, unknown_name_message
from .errors import InvalidApplianceError, UnknownApplicationError, describe

__all__ = ["Application", "application", "classify_application"]

_ROWS = {row["category"]: row for row in _data.PROHIBITED_APPLICATIONS}


class Application(enum.Enum):
    """A category of commercial application a Windows Server IoT appliance may not run."""

    ACCOUNTING = "accounting"
    MESSAGING = "messaging"
    ERP = "erp"
    CALENDARING = "calendaring"
    EXCHANGE = "exchange"
    SHAREPOINT = "sharepoint"
    COLLABORATION = "collaboration"
    WORD_PROCESSING = "word-processing"
    CRM = "crm"

    @property
    def title(self) -> str:
        """The licence page's name for the category."""
        return str(_ROWS[self.value]["title"])

    @property
    def aliases(self) -> tuple[str, ...]:
        """Names that :func:`classify_application` maps to this category."""
        return tuple(_ROWS[self.value]["aliases"])


_EXACT = name_index((c, (c.value, c.title, *c.aliases)) for c in Application)
# phrases padded for whole-word search, longest first so "outlook web access" beats "access"
_PHRASES = sorted(((f" {key} ", c) for key, c in _EXACT.items()), key=lambda p: -len(p[0]))


def classify_application(name: str | Application) -> Application | None:
    """The forbidden category ``name`` belongs to, or None for an application the licence allows.

    A name matches when it is a category, its title or an alias, or contains
    one as whole words (ignoring case, spaces, hyphens and underscores).

    >>> classify_application("salesforce-style CRM")
    <Application.CRM: 'crm'>
    >>> classify_application("Outlook Web Access")
    <Application.EXCHANGE: 'exchange'>
    """
    if isinstance(name, Application):
        return name
    if not isinstance(name, str):
        raise InvalidApplianceError(
            f"invalid application: expected a name or an Application, got {describe(name)}",
            field="applications",
        )
    key = name_key(name)
    if key in _EXACT:
        return _EXACT[key]
    padded = f" {key} "
    for phrase, category in _PHRASES:
        if phrase in padded:
            return category
    return None


def application(name: str | Application) -> Application:
    """The category named ``name`` exactly (category, title or alias); raises if unknown.

    >>> application("sharepoint")
    <Application.SHAREPOINT: 'sharepoint'>
    """
    if isinstance(name, Application):
        return name
    found = _EXACT.get(name_key(name)) if isinstance(name, str) else None
    if found is None:
        raise UnknownApplicationError(
            unknown_name_message(
                "application category", name, [c.value for c in Application],
                aliases=[a for c in Application for a in c.aliases])
        )
    return found
