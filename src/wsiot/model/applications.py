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
from datetime import date
from typing import Any

import attrs

from wsiot.data import lifecycle as _data, products as _products
from wsiot.errors import InvalidApplianceError, UnknownApplicationError, describe
from wsiot.values.names import name_index, name_key, unknown_name_message

__all__ = [
    "MAX_APPLICATION_NAME",
    "PRODUCTS_AS_OF",
    "PRODUCTS_VERSION",
    "Application",
    "ApplicationMatch",
    "DeclaredApplication",
    "Recognition",
    "application",
    "classify_application",
    "explain_application",
]

PRODUCTS_VERSION = _products.PRODUCTS_VERSION
"""Version of the application vocabulary (forbidden, allowed and platform products)."""
PRODUCTS_AS_OF = date.fromisoformat(_products.PRODUCTS_AS_OF)
"""The day the application vocabulary was last checked against its sources."""

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
    PLATFORM = "platform"
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
        if self.outcome is Recognition.PLATFORM:
            return f"{self.name}: platform ({self.product}), not the appliance's application"
        return f"{self.name}: not recognised (review it)"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"name": self.name, "outcome": self.outcome.value,
                "categories": [c.value for c in self.categories], "product": self.product,
                "matched": self.matched, "source": self.source, "declared": self.declared}


_VERSION = re.compile(r"(?:19|20)[0-9]{2}|[0-9]{1,3}|[0-9]{4,}|v[0-9.]+|cu[0-9]+|sp[0-9]+|r[0-9]|"
                      r"[0-9]{2}h[0-9]|[0-9]+bit|kb[0-9]+")
_KEEP_NUMBERS = frozenset({"365"})  # part of product names ("Microsoft 365")
_SEGMENT = re.compile(r"[,;|/+&()\[\]{}]|\band\b|\bwith\b")


_PLAIN = frozenset(_products.GENERIC_WORDS | _products.EDITION_WORDS)


_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script: "钉钉", "corrección"
_KB = re.compile(r"kb[0-9]{6,7}")


_MARKS = re.compile(r"\((?:r|tm|c)\)|[®™©]")  # "Intel(R) Chipset" is "Intel Chipset"


def _raw_tokens(text: str) -> list[str]:
    return _WORD.findall(_MARKS.sub(" ", text.casefold()))


def _tokens(text: str) -> list[str]:
    """The words of ``text``, a word glued to a product name split off it
    ("QuickBooksDesktop2024" reads as "quickbooks desktop 2024")."""
    words = _raw_tokens(text)
    if not any(len(w) >= _GLUED_FROM and w not in _KNOWN_WORDS for w in words):
        return words
    out: list[str] = []
    for word in words:
        out.extend(_unglued(word) if len(word) >= _GLUED_FROM else (word,))
    return out


def _unglued(word: str) -> tuple[str, ...]:
    """``word`` split after the longest product name it starts with, when the rest is a
    known word too; the word itself otherwise."""
    if word in _KNOWN_WORDS:
        return (word,)
    letters, digits = re.fullmatch(r"(.*?)([0-9]*)", word).groups()  # type: ignore[union-attr]
    tail = (digits,) if digits else ()
    for cut in range(len(letters) - 1, 3, -1):
        head, rest = letters[:cut], letters[cut:]
        if head in _GLUE_HEADS and (rest in _KNOWN_WORDS or rest in _PLAIN):
            return (head, rest, *tail)
    if letters in _GLUE_HEADS:
        return (letters, *tail)
    return (word,)


_KIND_WORDS = frozenset({"server", "servers", "client", "software", "system", "systems", "suite",
                         "services", "service", "platform", "application", "runtime",
                         "redistributable", "driver", "drivers", "sdk"})


def _distinctive(words: tuple[str, ...]) -> bool:
    """Whether ``words`` hold a word of a product's own, not only ordinary ones."""
    return any(w not in _PLAIN and not w.isdigit() and (len(w) > 1 or not w.isascii())
               for w in words)


def _component(words: tuple[str, ...]) -> str | None:
    """The marker that makes ``words`` a part, add-on or update of a product, if any."""
    for index, word in enumerate(words):
        if word in _products.COMPONENT_WORDS or _KB.fullmatch(word):
            return word
        if words[index:index + 2] in _products.COMPONENT_PHRASES:
            return " ".join(words[index:index + 2])
    return None


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


class _Index:
    """Phrases matched anywhere in a name (each with a word of its own), and names matched
    only as a whole item: by their core (one ordinary word, "teams") or as written (a
    phrase of ordinary words only, "e-mail server")."""

    def __init__(self, *, as_written: bool = False) -> None:
        self.as_written = as_written  # never strip version and edition words from an alias
        self.anywhere: dict[tuple[str, ...], _Entry] = {}
        self.whole: dict[tuple[str, ...], _Entry] = {}
        self.exact: dict[tuple[str, ...], _Entry] = {}
        self._collapsed: set[tuple[str, ...]] = set()

    def add(self, alias: str, entry: _Entry, bare: bool = False) -> None:
        tokens = tuple(_raw_tokens(alias))
        core = tokens if self.as_written else _core(list(tokens))
        if bare or (len(tokens) == 1 and tokens[0] in _products.VENDOR_WORDS):
            # a vendor's name ("Sage", "Salesforce") names its product only as the whole item
            self._whole(core, entry, len(tokens))
            return
        if not _distinctive(tokens):  # only ordinary words: the whole item, as written ...
            self.exact.setdefault(tokens, entry)
            if len(tokens) > 1 and tokens[-1] in _KIND_WORDS:  # ... or a kind ("mail server")
                self.anywhere.setdefault(tokens, entry)
            return
        if len(tokens) > 1:  # as written, its words match anywhere
            self.anywhere.setdefault(tokens, entry)
        if len(core) == 1 and len(tokens) > 1:  # one telling word: the whole item only ...
            if core[0] not in _products.VENDOR_WORDS:  # ... and a vendor's name is none
                self._whole(core, entry, len(tokens))
        elif _distinctive(core):
            self.anywhere.setdefault(core, entry)

    def _whole(self, core: tuple[str, ...], entry: _Entry, written: int) -> None:
        if core not in self.whole or (core in self._collapsed and written == 1):
            self.whole[core] = entry
            self._collapsed.discard(core)
            if written > 1:
                self._collapsed.add(core)

    def longest(self) -> int:
        return max((len(k) for k in self.anywhere), default=1)


def _build_index() -> tuple[_Index, _Index, _Index]:
    """(forbidden, allowed, platform) indexes of every alias in the vocabularies."""
    forbidden, allowed, platform = _Index(), _Index(), _Index(as_written=True)
    for category in Application:
        row = _ROWS[category.value]
        for alias in (category.value, category.title, *row["aliases"]):
            # a category's own one-word name ("exchange", "crm") is an ordinary word too
            forbidden.add(alias, (category.title, (category,), "iot", alias),
                          bare=len(_raw_tokens(alias)) == 1)
        for alias in row.get("bare", ()):
            forbidden.add(alias, (category.title, (category,), "iot", alias), bare=True)
    for named in _products.FORBIDDEN_PRODUCTS:
        product, source = named["product"], named["source"]
        cats = tuple(Application(c) for c in named["categories"])
        for alias in named["names"]:
            forbidden.add(alias, (product, cats, source, alias))
        for alias in named["bare"]:
            forbidden.add(alias, (product, cats, source, alias), bare=True)
    for phrases in _products.ALLOWED_PHRASES:
        for phrase in phrases["phrases"]:
            label = f"{_products.ALLOWED_GROUPS[phrases['group']]} software"
            allowed.add(phrase, (label, (), "iot", phrase))
    for item in _products.ALLOWED_PRODUCTS:
        for alias in (item["product"], *item["names"]):
            allowed.add(alias, (item["product"], (), item["source"], alias))
    for part in _products.PLATFORM_PRODUCTS:
        for alias in part["names"]:
            platform.add(alias, (part["product"], (), part["source"], alias))
    return forbidden, allowed, platform


_KNOWN_WORDS: frozenset[str] = frozenset()
_GLUE_HEADS: frozenset[str] = frozenset()
_GLUED_FROM = 9  # a word this long may be two glued together
_FORBIDDEN, _ALLOWED_INDEX, _PLATFORM = _build_index()
_KNOWN_WORDS = frozenset(w for index in (_FORBIDDEN, _ALLOWED_INDEX, _PLATFORM)
                         for table in (index.anywhere, index.whole, index.exact)
                         for key in table for w in key)
_GLUE_HEADS = frozenset(w for w in _KNOWN_WORDS if len(w) >= 5 and w not in _PLAIN)
_LONGEST = max(index.longest() for index in (_FORBIDDEN, _ALLOWED_INDEX, _PLATFORM))


def _find(words: tuple[str, ...], table: dict[tuple[str, ...], _Entry]
          ) -> tuple[_Entry, int] | None:
    """The longest phrase of ``table`` that stands in ``words`` as consecutive words, and its
    length in words."""
    for size in range(min(_LONGEST, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            found = table.get(words[start:start + size])
            if found is not None:
                return found, size
    return None


def _match(text: str, index: _Index) -> tuple[_Entry, int] | None:
    """The best match of ``text`` in ``index``: a phrase anywhere, else the whole item."""
    tokens = tuple(_tokens(text))
    core = _core(list(tokens))
    written, reduced = _find(tokens, index.anywhere), _find(core, index.anywhere)
    found = written if reduced is None or (written is not None and written[1] >= reduced[1]) \
        else reduced
    if found is not None:
        return found
    exact = index.exact.get(tokens) or index.exact.get(core)
    if exact is not None:
        return exact, len(tokens)
    whole = index.whole.get(_unvendored(core)) or index.whole.get(core)
    return None if whole is None else (whole, 1)


def _segments(name: str) -> list[str]:
    return [s for s in _SEGMENT.split(name.casefold()) if _raw_tokens(s)]


@functools.lru_cache(maxsize=4096)
def _explain_text(name: str) -> ApplicationMatch:
    forbidden = _match(name, _FORBIDDEN)
    platform = _match(name, _PLATFORM)
    if platform is not None and (forbidden is None or platform[1] > forbidden[1]):
        (product, _, source, alias), _size = platform  # "Update for Microsoft Office"
        return ApplicationMatch(name=name, outcome=Recognition.PLATFORM, product=product,
                                matched=alias, source=source)
    marker = _component(tuple(_raw_tokens(name)))
    if marker is not None and forbidden is not None and set(marker.split()) <= set(
            _raw_tokens(forbidden[0][3])):  # the product's own name holds the word
        marker = None
    if marker is not None:  # "Microsoft Word MUI", "QuickBooks Tool Hub", "... (KB5002464)"
        part_of = "" if forbidden is None else f" of {forbidden[0][0]}"
        return ApplicationMatch(name=name, outcome=Recognition.PLATFORM,
                                product=f"a component, add-on or update{part_of}",
                                matched=marker)
    allowed = _match(name, _ALLOWED_INDEX)
    if (allowed is not None and forbidden is not None and allowed[0][2] != "iot"
            and allowed[1] > forbidden[1]):  # a longer product name: "Cisco Webex Meetings"
        forbidden = None
    segments = _segments(name)
    found = [forbidden] if forbidden is not None else []
    if len(segments) > 1:  # a list in one field: every item counts, in order
        found = [m for m in (_match(s, _FORBIDDEN) for s in segments) if m is not None] or found
    if found:
        (product, _, source, alias), _size = found[0]
        categories = tuple(dict.fromkeys(c for (_, cats, _, _), _ in found for c in cats))
        return ApplicationMatch(name=name, outcome=Recognition.FORBIDDEN, categories=categories,
                                product=product, matched=alias, source=source)
    if allowed is not None:
        (product, _, source, alias), _size = allowed
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
