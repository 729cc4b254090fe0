"""Licence qualification: :class:`Appliance`, the rules, and :func:`qualify`.

Windows Server IoT is licensed only for dedicated appliances. Each licence
qualification, and each edition limit, is a :class:`Qualification`: a rule
with a stable id, its wording in plain words, its source, and a pure check.
:func:`qualify` runs them all and returns an :class:`Assessment`.

A fact the appliance leaves unknown (None) never counts as passed: the rule is
*unknown*, and the assessment is not eligible unless asked to be lenient.

>>> import wsiot
>>> nas = wsiot.Appliance(
...     name="Contoso NAS-4000", industry="video security", dedicated=True,
...     general_purpose=False, applications=("video archive",), preinstalled=True,
...     ships_with_hardware=True, primary_function=True, edition="Storage Workgroup",
...     workload=wsiot.workload("nas", users=40), release="2022")
>>> wsiot.qualify(nas).eligible
True
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs

from wsiot.data import lifecycle as _data
from wsiot.errors import UnknownQualificationError
from wsiot.model.appliance import Appliance
from wsiot.model.applications import (
    PRODUCTS_AS_OF,
    PRODUCTS_VERSION,
    Application,
    ApplicationMatch,
    Recognition,
)
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Edition, EditionKind, Release, Source
from wsiot.render.html import html_block, html_table, outcome_rows
from wsiot.rules.limits import limit_problems
from wsiot.rules.roles import role_findings
from wsiot.values.validators import wrong_argument

__all__ = [
    "OUTCOME_MARKS",
    "Appliance",
    "Assessment",
    "Outcome",
    "Qualification",
    "RuleResult",
    "Verdict",
    "qualification",
    "qualifications",
    "qualify",
]


class Outcome(enum.Enum):
    """The result of one rule for one appliance."""

    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not-applicable"


OUTCOME_MARKS = {
    Outcome.PASSED: "PASS",
    Outcome.FAILED: "FAIL",
    Outcome.UNKNOWN: " ?? ",
    Outcome.NOT_APPLICABLE: "n/a ",
}


@attrs.frozen
class _Context:
    appliance: Appliance
    release: Release | None
    edition: Edition | None
    catalog: Catalog
    strict: bool = False


Verdict = tuple[Outcome, str]


@attrs.frozen
class RuleResult:
    """One rule's outcome for one appliance, with the reason in plain words."""

    rule: Qualification
    outcome: Outcome
    reason: str

    @property
    def passed(self) -> bool:
        """Whether the rule passed or did not apply."""
        return self.outcome in (Outcome.PASSED, Outcome.NOT_APPLICABLE)

    def __str__(self) -> str:
        return f"[{OUTCOME_MARKS[self.outcome]}] {self.rule.id}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule.id, "title": self.rule.title, "outcome": self.outcome.value,
                "reason": self.reason}


@attrs.frozen(repr=False)
class Qualification:
    """One licence rule: a stable id, a title, its wording, its source, and a pure check."""

    id: str
    title: str
    text: str
    source: Source
    _check: Callable[[_Context], Verdict] = attrs.field(eq=False)

    def check(
        self,
        appliance: Appliance,
        release: Release | str | int | None = None,
        *,
        catalog: Catalog | None = None,
    ) -> RuleResult:
        """This rule's result for ``appliance``.

        >>> import wsiot
        >>> rule = wsiot.qualification("preinstalled")
        >>> rule.check(wsiot.Appliance(name="box")).outcome
        <Outcome.UNKNOWN: 'unknown'>
        """
        return self._run(_context(appliance, release, catalog))

    def _run(self, context: _Context) -> RuleResult:
        outcome, reason = self._check(context)
        return RuleResult(self, outcome, reason)

    def __repr__(self) -> str:
        return f"<Qualification {self.id!r}>"


# -- the rules ------------------------------------------------------------------


def _fact_rule(
    field: str, *, wanted: bool, yes: str, no: str, unknown: str
) -> Callable[[_Context], Verdict]:
    """A check that one yes/no fact of the appliance has the wanted value."""

    def check(c: _Context) -> Verdict:
        value = getattr(c.appliance, field)
        if value is None:
            return Outcome.UNKNOWN, unknown
        return (Outcome.PASSED, yes) if value is wanted else (Outcome.FAILED, no)

    return check


def _special_purpose(c: _Context) -> Verdict:
    a = c.appliance
    if a.dedicated is False:
        return Outcome.FAILED, "the appliance is not a dedicated special-purpose solution"
    if a.dedicated is None:
        return Outcome.UNKNOWN, "it is not known whether the appliance is a dedicated solution"
    if not a.industry:
        return Outcome.UNKNOWN, "the industry the appliance serves is not given"
    return Outcome.PASSED, f"a dedicated special-purpose solution for {a.industry}"


def _no_prohibited(c: _Context) -> Verdict:
    if c.appliance.applications is None:
        return Outcome.UNKNOWN, "the applications it runs are not listed"
    matches = c.appliance.application_matches()
    found = [m for m in matches if m.outcome is Recognition.FORBIDDEN]
    if found:
        named = "; ".join(f"{m.name} ({', '.join(k.title for k in m.categories)})"
                          for m in found)
        return Outcome.FAILED, f"it runs applications the licence forbids: {named}"
    unknown = [m.name for m in matches if m.outcome is Recognition.NOT_RECOGNISED]
    if unknown and c.strict:
        return Outcome.UNKNOWN, f"applications not recognised (strict): {', '.join(unknown)}"
    if unknown:
        return Outcome.PASSED, ("no application is a known forbidden one; not recognised, "
                                f"review them: {', '.join(unknown)}")
    return Outcome.PASSED, "none of its applications is a forbidden commercial application"


def _edition_offered(c: _Context) -> Verdict:
    if c.edition is None:
        return Outcome.UNKNOWN, "the edition is not given"
    if c.release is None:
        offering = [r.version for r in c.catalog.releases if r.offers(c.edition)]
        if not offering:
            return Outcome.FAILED, f"no release in the catalogue offers {c.edition.name}"
        return Outcome.PASSED, (
            f"{c.edition.name} is offered in {', '.join(offering)} (no target release given)"
        )
    if c.release.offers(c.edition):
        return Outcome.PASSED, f"{c.release.name} offers {c.edition.name}"
    return Outcome.FAILED, f"{c.release.name} does not offer {c.edition.name}"


def _roles_fit(c: _Context) -> Verdict:
    if c.appliance.roles is None:
        return Outcome.NOT_APPLICABLE, "the installed roles and features are not given"
    if c.edition is None:
        return Outcome.UNKNOWN, "roles are judged against the edition, which is not given"
    findings = role_findings(c.edition, c.appliance.roles)
    failed = "; ".join(f"{f.role} is {f.reason}" for f in findings if f.outcome == "failed")
    review = "; ".join(f"{f.role} is {f.reason}" for f in findings if f.outcome == "review")
    if failed:
        return Outcome.FAILED, failed + (f"; to review: {review}" if review else "")
    if review:
        return Outcome.UNKNOWN, f"review: {review}"
    return Outcome.PASSED, (f"none of its {len(c.appliance.roles)} roles and features goes "
                            f"beyond what {c.edition.name} is for")


_NO_EDITION = "no edition given; the edition-offered rule reports it as unknown"


def _purpose_rule(kind: EditionKind, workload_kind: str, noun: str) -> Callable[[_Context], Verdict]:
    def check(c: _Context) -> Verdict:
        if c.edition is None:
            return Outcome.NOT_APPLICABLE, _NO_EDITION
        if c.edition.kind is not kind:
            return Outcome.NOT_APPLICABLE, f"the appliance does not use a {noun} edition"
        if c.appliance.workload is None:
            return Outcome.UNKNOWN, f"{c.edition.name} needs a {noun} workload; none is given"
        load = c.appliance.workload
        if load.kind != workload_kind:
            return Outcome.FAILED, (
                f"{c.edition.name} is for {noun} applications, not {load.scenario.title}"
            )
        return Outcome.PASSED, f"{load.scenario.title} is a {noun} application"

    return check


def _limits_rule(edition_name: str) -> Callable[[_Context], Verdict]:
    def check(c: _Context) -> Verdict:
        if c.edition is None:
            return Outcome.NOT_APPLICABLE, _NO_EDITION
        if c.edition.name != edition_name:
            return Outcome.NOT_APPLICABLE, f"the appliance does not use {edition_name}"
        if c.appliance.workload is None:
            return Outcome.UNKNOWN, (
                f"{edition_name} has limits ({c.edition.limits}); no workload is given"
            )
        problems = limit_problems(c.edition, c.appliance.workload)
        failed = [p for p in problems if not p.unknown]
        if failed:
            return Outcome.FAILED, "; ".join(p.reason for p in failed)
        if problems:
            return Outcome.UNKNOWN, "; ".join(p.reason for p in problems)
        return Outcome.PASSED, f"the workload is within {edition_name}'s limits ({c.edition.limits})"

    return check


def _rules() -> tuple[Qualification, ...]:
    source_row = _data.SOURCES[_data.QUALIFICATION_SOURCE]
    source = Source(_data.QUALIFICATION_SOURCE, source_row["title"], source_row["url"])
    forbidden = ", ".join(category.title for category in Application)

    def rule(id: str, title: str, text: str, check: Callable[[_Context], Verdict]) -> Qualification:
        return Qualification(id, title, text, source, check)

    return (
        rule("special-purpose", "Special-purpose solution",
             "The appliance is an embedded system that an industry uses as a special-purpose "
             "solution.", _special_purpose),
        rule("not-general-purpose", "Not a general-purpose computer",
             "The appliance cannot be used as a substitute for a general-purpose computer.",
             _fact_rule("general_purpose", wanted=False,
                        yes="it cannot serve as a general-purpose computer",
                        no="it could serve as a substitute for a general-purpose computer",
                        unknown="it is not known whether it could serve as a general-purpose "
                        "computer")),
        rule("no-prohibited-applications", "No forbidden commercial applications",
             f"The appliance runs none of these commercial applications: {forbidden}.",
             _no_prohibited),
        rule("preinstalled", "Preinstalled embedded application",
             "The embedded (industry- or task-specific) application is preinstalled with the "
             "operating system.",
             _fact_rule("preinstalled", wanted=True,
                        yes="the embedded application is preinstalled with the operating system",
                        no="the embedded application is not preinstalled with the operating "
                        "system",
                        unknown="it is not known whether the embedded application is "
                        "preinstalled")),
        rule("ships-with-hardware", "Shipped with the hardware",
             "The software ships together with the server hardware.",
             _fact_rule("ships_with_hardware", wanted=True,
                        yes="the software ships with the hardware",
                        no="the software does not ship with the hardware",
                        unknown="it is not known whether the software ships with the hardware")),
        rule("primary-function", "Embedded application is the primary function",
             "The embedded application provides the primary functionality of the system.",
             _fact_rule("primary_function", wanted=True,
                        yes="the embedded application provides the primary functionality",
                        no="the embedded application does not provide the primary "
                        "functionality",
                        unknown="it is not known whether the embedded application provides the "
                        "primary functionality")),
        rule("edition-offered", "Edition offered by the release",
             "The edition is one the target release is offered in.", _edition_offered),
        rule("telecommunications-purpose", "Telecommunications edition for telecommunications",
             "The Telecommunications edition runs only telecommunications applications (PBX, "
             "IP PBX, automated attendant, IVR, teleconferencing).",
             _purpose_rule(EditionKind.TELECOMMUNICATIONS, "telecommunications",
                           "telecommunications")),
        rule("storage-purpose", "Storage editions for storage",
             "Storage Standard and Storage Workgroup run only storage solutions (network "
             "attached storage, SAN gateways and the like).",
             _purpose_rule(EditionKind.STORAGE, "storage", "storage")),
        rule("storage-workgroup-limits", "Storage Workgroup limits",
             "Storage Workgroup serves at most 50 users, offers no network infrastructure "
             "services and has no keyboard, monitor or mouse attached.",
             _limits_rule("Storage Workgroup")),
        rule("essentials-limits", "Essentials limits",
             "Essentials serves at most 25 users and 50 devices.", _limits_rule("Essentials")),
        rule("roles-fit-edition", "Installed roles fit the edition",
             "The roles and features installed are within the edition's described purpose: "
             "no network infrastructure services on Storage Workgroup, no Remote Desktop "
             "Session Host serving user desktops (general-purpose use) on any edition; "
             "other roles beyond the edition's purpose are for review.", _roles_fit),
    )


_RULES = _rules()
_BY_ID = {rule.id: rule for rule in _RULES}


def qualifications() -> tuple[Qualification, ...]:
    """Every licence rule, in the order :func:`qualify` checks them.

    >>> import wsiot
    >>> [q.id for q in wsiot.qualifications()][:3]
    ['special-purpose', 'not-general-purpose', 'no-prohibited-applications']
    """
    return _RULES


def qualification(rule_id: str) -> Qualification:
    """The rule with id ``rule_id``; raises :class:`~wsiot.UnknownQualificationError`."""
    from wsiot.values.names import unknown_name_message

    found = _BY_ID.get(rule_id) if isinstance(rule_id, str) else None
    if found is None:
        raise UnknownQualificationError(unknown_name_message("qualification rule", rule_id, _BY_ID))
    return found


# -- assessing -------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Assessment:
    """Every rule's result for one appliance; true when the appliance is eligible.

    ``eligible`` needs no failed rule and, unless ``lenient``, no unknown one.
    ``str()`` is a report a person can paste into a ticket.
    """

    appliance: Appliance
    release: Release | None
    edition: Edition | None
    results: tuple[RuleResult, ...]
    lenient: bool = False
    strict: bool = False

    @property
    def applications(self) -> tuple[ApplicationMatch, ...]:
        """What wsiot made of each listed application: forbidden, allowed or not recognised."""
        return self.appliance.application_matches()

    @property
    def failures(self) -> tuple[RuleResult, ...]:
        """The rules that failed."""
        return tuple(r for r in self.results if r.outcome is Outcome.FAILED)

    @property
    def unknowns(self) -> tuple[RuleResult, ...]:
        """The rules that could not be decided because a fact is unknown."""
        return tuple(r for r in self.results if r.outcome is Outcome.UNKNOWN)

    @property
    def eligible(self) -> bool:
        """Whether the appliance qualifies for the dedicated-use licence."""
        return not self.failures and (self.lenient or not self.unknowns)

    def __bool__(self) -> bool:
        return self.eligible

    def result(self, rule_id: str) -> RuleResult:
        """The result of the rule with id ``rule_id``."""
        rule = qualification(rule_id)
        return next(r for r in self.results if r.rule is rule)

    @property
    def verdict(self) -> str:
        """``"eligible"`` or ``"not eligible"``, with the counts that decided it."""
        if self.eligible:
            note = f" (lenient: {len(self.unknowns)} unknown)" if self.unknowns else ""
            return "eligible" + note
        parts = []
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        if self.unknowns:
            parts.append(f"{len(self.unknowns)} unknown")
        return "not eligible (" + ", ".join(parts) + ")"

    def __str__(self) -> str:
        target = []
        if self.release is not None:
            target.append(self.release.name)
        if self.edition is not None:
            target.append(self.edition.name)
        on = f" [{', '.join(target)}]" if target else ""
        lines = [f"{self.appliance.name}{on}: {self.verdict}"]
        lines += [f"  {result}" for result in self.results]
        if self.applications:
            lines.append("  applications:")
            lines += [f"    {match}" for match in self.applications]
        return "\n".join(lines)

    def __repr__(self) -> str:
        ids = ", ".join(r.rule.id for r in (*self.failures, *self.unknowns))
        detail = f": {ids}" if ids and not self.eligible else ""
        return f"<Assessment {self.appliance.name!r} {self.verdict}{detail}>"

    def _repr_html_(self) -> str:
        rows = outcome_rows((r.outcome.value, r.rule.id, r.reason) for r in self.results)
        parts = [html_table(["Outcome", "Rule", "Reason"], rows)]
        if self.applications:
            parts.append(html_table(
                ["Application", "Outcome", "Forbidden category", "Recognised as", "Declared"],
                [(m.name, m.outcome.value, ", ".join(c.title for c in m.categories),
                  m.product or "", "yes" if m.declared else "") for m in self.applications]))
        return html_block(f"{self.appliance.name}: {self.verdict}", *parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "appliance": self.appliance.name,
            "release": None if self.release is None else self.release.name,
            "edition": None if self.edition is None else self.edition.name,
            "eligible": self.eligible,
            "lenient": self.lenient,
            "strict": self.strict,
            "results": [r.to_dict() for r in self.results],
            "applications": [m.to_dict() for m in self.applications],
            "vocabulary": {"version": PRODUCTS_VERSION, "as_of": PRODUCTS_AS_OF.isoformat()},
        }


def _context(
    appliance: Appliance,
    release: Release | str | int | None,
    catalog: Catalog | None,
    strict: bool = False,
) -> _Context:
    if not isinstance(appliance, Appliance):
        raise wrong_argument("appliance", "a wsiot.Appliance", appliance)
    cat = resolve_catalog(catalog)
    target = release
    if target is None:
        target = appliance.release
    if target is None and appliance.workload is not None:
        target = appliance.workload.release
    resolved = None if target is None else cat.release(target)
    edition = None if appliance.edition is None else cat.edition(appliance.edition)
    return _Context(appliance, resolved, edition, cat, strict)


def qualify(
    appliance: Appliance,
    release: Release | str | int | None = None,
    *,
    lenient: bool = False,
    strict: bool = False,
    catalog: Catalog | None = None,
) -> Assessment:
    """Assess ``appliance`` against every licence rule.

    ``release`` overrides the appliance's target release. With ``lenient=True``
    unknown facts do not block eligibility (they are still listed). An
    application wsiot does not recognise passes the application rule with a
    note naming it; with ``strict=True`` it makes the rule unknown instead. Raises
    :class:`~wsiot.UnknownEditionError` or :class:`~wsiot.UnknownReleaseError`
    for names the catalogue does not hold.

    >>> import wsiot
    >>> box = wsiot.Appliance(name="Office box", dedicated=False, applications=["Exchange"])
    >>> a = wsiot.qualify(box)
    >>> a
    <Assessment 'Office box' not eligible (2 failed, 5 unknown): special-purpose, ...>
    >>> [r.rule.id for r in a.failures]
    ['special-purpose', 'no-prohibited-applications']
    """
    context = _context(appliance, release, catalog, strict)
    return Assessment(
        appliance=appliance,
        release=context.release,
        edition=context.edition,
        results=tuple(rule._run(context) for rule in _RULES),
        lenient=lenient,
        strict=strict,
    )
