"""The commercial applications the licence forbids, and how free-form names map to them.

>>> from wsiot import classify_application
>>> classify_application("Microsoft Exchange Server 2019")
<Application.EXCHANGE: 'exchange'>
>>> classify_application("PACS viewer") is None
True
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Any

import attrs

from wsiot.data import lifecycle as _data, products as _products
from wsiot.errors import InvalidApplianceError, UnknownApplicationError, describe
from wsiot.values.names import name_index, name_key, unknown_name_message

__all__ = [
    "MAX_APPLICATION_NAME",
    "Application",
    "ApplicationMatch",
    "DeclaredApplication",
    "Recognition",
    "application",
    "classify_application",
    "explain_application",
]

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
        row = _ROWS[self.value]
        return (*row["aliases"], *row.get("bare", ()))


_EXACT = name_index((c, (c.value, c.title, *c.aliases)) for c in Application)

MAX_APPLICATION_NAME = 512
"""Application names longer than this are refused at once."""


class Recognition(enum.Enum):
    """What wsiot makes of one application name."""

    FORBIDDEN = "forbidden"
    ALLOWED = "allowed"
    NOT_RECOGNISED = "not-recognised"


def _declared_category_of(value: object) -> Application | None:
    return _declared_category(value)


@attrs.frozen(kw_only=True)
class DeclaredApplication:
    """An application whose category its owner states, overriding the vocabulary.

    ``category`` is an :class:`Application` (or its name) or ``"allowed"``.

    >>> DeclaredApplication(name="Acme Ledger", category="accounting")
    DeclaredApplication(name='Acme Ledger', category=<Application.ACCOUNTING: 'accounting'>)
    """

    name: str = attrs.field()
    category: Application | None = attrs.field(converter=_declared_category_of)

    @name.validator
    def _check_name(self, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_APPLICATION_NAME:
            raise InvalidApplianceError(
                f"invalid application: a declared application needs a name of 1 to "
                f"{MAX_APPLICATION_NAME} characters, got {describe(value)}", field="applications")

    def to_dict(self) -> dict[str, str]:
        """The profile file's shape: ``{"name": ..., "category": ...}``."""
        return {"name": self.name,
                "category": "allowed" if self.category is None else self.category.value}


def _declared_category(value: object) -> Application | None:
    if isinstance(value, str) and name_key(value) == "allowed":
        return None
    if isinstance(value, Application):
        return value
    try:
        return application(value)  # type: ignore[arg-type]
    except UnknownApplicationError as exc:
        raise InvalidApplianceError(f"invalid application category: {exc} Or 'allowed'.",
                                    field="applications") from None


@attrs.frozen(kw_only=True)
class ApplicationMatch:
    """The verdict on one application name, and what it rests on.

    ``outcome`` is a :class:`Recognition`; ``categories`` the forbidden
    categories (empty unless forbidden); ``product`` the product or phrase that
    matched and ``matched`` the words of the name that matched it; ``source``
    where the product is described; ``declared`` whether the owner stated it.
    """

    name: str
    outcome: Recognition
    categories: tuple[Application, ...] = ()
    product: str | None = None
    matched: str | None = None
    source: str | None = None
    declared: bool = False

    @property
    def category(self) -> Application | None:
        """The first forbidden category, or None."""
        return self.categories[0] if self.categories else None

    def __str__(self) -> str:
        if self.outcome is Recognition.FORBIDDEN:
            cats = ", ".join(c.title for c in self.categories)
            how = "declared" if self.declared else f"matches {self.product} ({self.matched!r})"
            return f"{self.name}: forbidden, {cats}; {how}"
        if self.outcome is Recognition.ALLOWED:
            how = "declared allowed" if self.declared else f"recognised as {self.product}"
            return f"{self.name}: allowed, {how}"
        return f"{self.name}: not recognised (review it)"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"name": self.name, "outcome": self.outcome.value,
                "categories": [c.value for c in self.categories], "product": self.product,
                "matched": self.matched, "source": self.source, "declared": self.declared}


_VERSION = re.compile(r"(?:19|20)[0-9]{2}|[0-9]{1,3}|v[0-9.]+|cu[0-9]+|sp[0-9]+|r[0-9]|"
                      r"[0-9]{2}h[0-9]|[0-9]+bit")
_KEEP_NUMBERS = frozenset({"365"})  # part of product names ("Microsoft 365")
_SEGMENT = re.compile(r"[,;|/+&()\[\]{}]|\band\b|\bwith\b")


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def _core(tokens: list[str]) -> tuple[str, ...]:
    """Tokens without version and edition words (all of them if nothing else is left)."""
    kept = tuple(t for t in tokens if t not in _products.EDITION_WORDS
                 and (t in _KEEP_NUMBERS or not _VERSION.fullmatch(t)))
    return kept or tuple(tokens)


def _unvendored(core: tuple[str, ...]) -> tuple[str, ...]:
    """``core`` without leading vendor words, keeping at least one word."""
    start = 0
    while start < len(core) - 1 and core[start] in _products.VENDOR_WORDS:
        start += 1
    return core[start:]


_Entry = tuple[str, tuple[Application, ...], str | None, str]  # product, categories, source, alias


def _build_index() -> tuple[dict[tuple[str, ...], _Entry], dict[tuple[str, ...], _Entry],
                            dict[tuple[str, ...], _Entry]]:
    """(phrases matched anywhere, bare names matched whole, allowed phrases matched anywhere).

    A name whose only telling word is an ordinary one ("enterprise email" is
    "email" once edition words go) counts as a bare name; a name written as
    that one word outranks such a collapsed one.
    """
    anywhere: dict[tuple[str, ...], _Entry] = {}
    whole: dict[tuple[str, ...], _Entry] = {}
    collapsed: set[tuple[str, ...]] = set()

    def add(alias: str, entry: _Entry, bare: bool = False) -> None:
        tokens = _tokens(alias)
        core = _core(tokens)
        if len(tokens) > 1 and not bare:  # as written, its words match anywhere
            anywhere.setdefault(tuple(tokens), entry)
        if bare or (len(core) == 1 and len(tokens) > 1):
            if core not in whole or (core in collapsed and len(tokens) == 1):
                whole[core] = entry
                collapsed.discard(core)
                if len(tokens) > 1:
                    collapsed.add(core)
        else:
            anywhere.setdefault(core, entry)

    for category in Application:
        row = _ROWS[category.value]
        for alias in (category.value, category.title, *row["aliases"]):
            # a category's own one-word name ("exchange", "crm") is an ordinary word too
            add(alias, (category.title, (category,), "iot", alias),
                bare=len(_tokens(alias)) == 1)
        for alias in row.get("bare", ()):
            add(alias, (category.title, (category,), "iot", alias), bare=True)
    for product, categories, names, bare, source in _products.FORBIDDEN_PRODUCTS:
        cats = tuple(Application(c) for c in categories)
        for alias in names:
            add(alias, (product, cats, source, alias))
        for alias in bare:
            add(alias, (product, cats, source, alias), bare=True)
    allowed: dict[tuple[str, ...], _Entry] = {}
    for group, phrases in _products.ALLOWED_PHRASES:
        for phrase in phrases:
            label = f"{_products.ALLOWED_GROUPS[group]} software"
            allowed.setdefault(_core(_tokens(phrase)), (label, (), "iot", phrase))
    for product, _group, names, source in _products.ALLOWED_PRODUCTS:
        for alias in (product, *names):
            allowed.setdefault(_core(_tokens(alias)), (product, (), source, alias))
    return anywhere, whole, allowed


_ANYWHERE, _WHOLE, _ALLOWED = _build_index()
_LONGEST = max(len(key) for key in (*_ANYWHERE, *_ALLOWED))


def _find(core: tuple[str, ...], table: dict[tuple[str, ...], _Entry]) -> _Entry | None:
    """The longest phrase of ``table`` that stands in ``core`` as consecutive words."""
    for size in range(min(_LONGEST, len(core)), 0, -1):
        for start in range(len(core) - size + 1):
            found = table.get(core[start:start + size])
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=4096)
def _explain_text(name: str) -> ApplicationMatch:
    tokens = _tokens(name)
    whole_core = _core(tokens)
    found = _find(tuple(tokens), _ANYWHERE) or _find(whole_core, _ANYWHERE)
    if found is None:
        for segment in _SEGMENT.split(name.casefold()):
            core = _unvendored(_core(_tokens(segment)))
            found = _WHOLE.get(core) or _WHOLE.get(_core(_tokens(segment)))
            if found is not None:
                break
    if found is not None:
        product, categories, source, alias = found
        return ApplicationMatch(name=name, outcome=Recognition.FORBIDDEN, categories=categories,
                                product=product, matched=alias, source=source)
    allowed = _find(whole_core, _ALLOWED)
    if allowed is not None:
        product, _, source, alias = allowed
        return ApplicationMatch(name=name, outcome=Recognition.ALLOWED, product=product,
                                matched=alias, source=source)
    return ApplicationMatch(name=name, outcome=Recognition.NOT_RECOGNISED)


def explain_application(name: str | Application | DeclaredApplication) -> ApplicationMatch:
    """What wsiot makes of an application name, and why.

    Names are read as words: case, punctuation, a vendor before the product,
    versions and edition words ("Server", "Online", "2021") do not matter; a
    list in one field ("Exchange, SharePoint", "Exchange/OWA") is read item by
    item. Ordinary words that name a product ("Word", "Teams", "Exchange")
    count only as the whole item, so "data exchange gateway" and "email
    notifications" are not forbidden. A forbidden match wins over an allowed
    one. Declared categories win over everything.

    >>> explain_application("Microsoft Teams (new)").categories
    (<Application.COLLABORATION: 'collaboration'>, <Application.MESSAGING: 'messaging'>)
    >>> explain_application("Data exchange gateway").outcome
    <Recognition.NOT_RECOGNISED: 'not-recognised'>
    >>> str(explain_application("Milestone XProtect Corporate 2024 R1"))
    'Milestone XProtect Corporate 2024 R1: allowed, recognised as Milestone XProtect'
    """
    if isinstance(name, DeclaredApplication):
        if name.category is None:
            return ApplicationMatch(name=name.name, outcome=Recognition.ALLOWED, declared=True)
        return ApplicationMatch(name=name.name, outcome=Recognition.FORBIDDEN,
                                categories=(name.category,), product=name.category.title,
                                declared=True)
    if isinstance(name, Application):  # as its title reads, so a profile round trip agrees
        return _explain_text(name.title)
    if not isinstance(name, str):
        raise InvalidApplianceError(
            f"invalid application: expected a name or an Application, got {describe(name)}",
            field="applications",
        )
    if len(name) > MAX_APPLICATION_NAME:
        raise InvalidApplianceError(
            f"invalid application: a name of {len(name)} characters is too long "
            f"(at most {MAX_APPLICATION_NAME}): {describe(name)}", field="applications")
    return _explain_text(name)


def classify_application(name: str | Application | DeclaredApplication) -> Application | None:
    """The forbidden category ``name`` belongs to, or None for an application the licence allows.

    See :func:`explain_application` for how names are read and for the reason.

    >>> classify_application("salesforce-style CRM")
    <Application.CRM: 'crm'>
    >>> classify_application("Outlook Web Access")
    <Application.EXCHANGE: 'exchange'>
    >>> classify_application("Backup scheduling") is None
    True
    """
    return explain_application(name).category


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
