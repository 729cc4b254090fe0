"""The provisioning check: is the installed image the licensed, serviced server it should be?

>>> import wsiot
>>> facts = wsiot.SystemFacts.from_values("10.0.20348.2762", edition_id="ServerStorageWorkgroup",
...                                       installation_type="Server")
>>> check = wsiot.check_installation(facts, licensed="Storage Workgroup", on="2030-01-01")
>>> check.ok
True
>>> print(check)
10.0.20348.2762 (server, Storage Workgroup) [from values] on 2030-01-01: ok
  [PASS] server: Windows Server (installation type, edition id)
  [PASS] edition: Storage Workgroup installed, Storage Workgroup licensed
  [PASS] serviced: Windows Server IoT 2022 is serviced on 2030-01-01 (extended support, 651 day(s) left)
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from wsiot.errors import InvalidSystemFactsError, UnknownEditionError, WsiotError, describe
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.lifecycle import status_on
from wsiot.model.release import Edition, Release
from wsiot.model.system import SystemFacts, server_votes
from wsiot.model.workloads import Workload, workload
from wsiot.render.html import html_block, html_table, outcome_rows
from wsiot.rules.editions import edition_for
from wsiot.rules.qualification import OUTCOME_MARKS, Outcome
from wsiot.values.dates import DateLike, lifecycle_moment

__all__ = ["InstallationCheck", "InstallationResult", "check_installation"]



@attrs.frozen
class InstallationResult:
    """One part of the check: ``server``, ``edition`` or ``serviced``."""

    check: str
    outcome: Outcome
    reason: str

    def __str__(self) -> str:
        return f"[{OUTCOME_MARKS[self.outcome]}] {self.check}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        """JSON-ready fields."""
        return {"check": self.check, "outcome": self.outcome.value, "reason": self.reason}


@attrs.frozen(kw_only=True)
class InstallationCheck:
    """Whether an installation is the licensed, serviced Windows Server; true when ``ok``.

    ``ok`` needs every part passed: an unknown part (the source could not tell
    server from client, or named no edition) is not ok.
    """

    facts: SystemFacts
    licensed: Edition
    on: date
    results: tuple[InstallationResult, ...]

    @property
    def ok(self) -> bool:
        """Whether every part passed."""
        return all(r.outcome is Outcome.PASSED for r in self.results)

    def __bool__(self) -> bool:
        return self.ok

    def result(self, check: str) -> InstallationResult:
        """The part named ``check`` (``server``, ``edition`` or ``serviced``)."""
        return next(r for r in self.results if r.check == check)

    @property
    def verdict(self) -> str:
        """``"ok"``, or the parts that were not passed."""
        if self.ok:
            return "ok"
        return "not ok (" + ", ".join(f"{r.check} {r.outcome.value}" for r in self.results
                                      if r.outcome is not Outcome.PASSED) + ")"

    def __str__(self) -> str:
        lines = [f"{self.facts} on {self.on.isoformat()}: {self.verdict}"]
        return "\n".join(lines + [f"  {r}" for r in self.results])

    def __repr__(self) -> str:
        return f"<InstallationCheck {str(self.facts.build)!r} {self.verdict}>"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"facts": self.facts.to_dict(), "licensed": self.licensed.name,
                "on": self.on.isoformat(), "ok": self.ok,
                "results": [r.to_dict() for r in self.results]}

    def _repr_html_(self) -> str:
        rows = outcome_rows((r.outcome.value, r.check, r.reason) for r in self.results)
        return html_block(f"{self.facts.build}: {self.verdict}",
                          html_table(["Outcome", "Check", "Reason"], rows))


def check_installation(
    facts: SystemFacts,
    *,
    licensed: Edition | Workload | str,
    on: DateLike,
    catalog: Catalog | None = None,
    include_esu: bool = False,
) -> InstallationCheck:
    """Check an installation against its licence: a server, the licensed edition, serviced.

    ``licensed`` is an edition (or its name) or a :class:`~wsiot.Workload`, whose
    edition :func:`~wsiot.edition_for` decides on the installed release. Raises
    :class:`~wsiot.InvalidSystemFactsError` when ``facts`` is not a SystemFacts.
    """
    if not isinstance(facts, SystemFacts):
        raise InvalidSystemFactsError(
            f"invalid system facts: expected a wsiot.SystemFacts (see SystemFacts.from_registry "
            f"and friends), got {describe(facts)}")
    cat = resolve_catalog(catalog)
    moment = lifecycle_moment(on)
    day = moment.day
    results = [_server(facts)]
    release = None
    if facts.is_server is not False:
        try:
            release = cat.release_for(facts.build)
        except LookupError as exc:
            results.append(InstallationResult("serviced", Outcome.FAILED, str(getattr(
                exc, "short", exc))))
    edition = _licensed(licensed, release, cat)
    results.insert(1, _edition(facts, edition))
    if release is not None:
        status = status_on(release, moment, include_esu=include_esu)
        if status.in_servicing:
            results.append(InstallationResult("serviced", Outcome.PASSED, (
                f"{release.name} is serviced on {day.isoformat()} ({status.phase.label}, "
                f"{status.days_left} day(s) left)")))
        else:
            results.append(InstallationResult("serviced", Outcome.FAILED, (
                f"{release.name} is not serviced on {day.isoformat()} ({status.phase.label})")))
    elif facts.is_server is False:
        results.append(InstallationResult("serviced", Outcome.NOT_APPLICABLE,
                                          "a client: Windows Server IoT servicing does not apply"))
    return InstallationCheck(facts=facts, licensed=edition, on=day, results=tuple(results))


def _server(facts: SystemFacts) -> InstallationResult:
    votes = server_votes(facts.product_name, facts.edition_id, facts.installation_type,
                          facts.sku, facts.product_type)
    said = ", ".join(name.replace("_", " ") for name in votes)
    if facts.is_server is True:
        return InstallationResult("server", Outcome.PASSED, f"Windows Server ({said})")
    if facts.is_server is False:
        return InstallationResult("server", Outcome.FAILED, facts.not_server_message())
    return InstallationResult("server", Outcome.UNKNOWN, (
        f"{facts.source} does not tell a server from a client; read the registry or WMI"))


def _licensed(licensed: Edition | Workload | str, release: Release | None, cat: Catalog
              ) -> Edition:
    """The edition ``licensed`` names: an edition, its name, a Workload or a workload's name
    ("video surveillance"), whose edition :func:`~wsiot.edition_for` chooses."""
    if isinstance(licensed, Workload):
        return edition_for(licensed, release, catalog=cat)
    try:
        return cat.edition(licensed)
    except UnknownEditionError as exc:
        try:
            load = workload(licensed)  # type: ignore[arg-type]
        except WsiotError:
            raise UnknownEditionError(f"{exc} Nor does it name a workload.") from None
        return edition_for(load, release, catalog=cat)


def _edition(facts: SystemFacts, licensed: Edition) -> InstallationResult:
    if facts.edition is None:
        seen = facts.edition_id or (None if facts.sku is None else f"SKU {facts.sku}")
        why = f"{seen!r} names no Windows Server edition" if seen else "the source names no edition"
        return InstallationResult("edition", Outcome.UNKNOWN,
                                  f"{why}; {licensed.name} licensed")
    outcome = Outcome.PASSED if facts.edition == licensed else Outcome.FAILED
    return InstallationResult("edition", outcome,
                              f"{facts.edition.name} installed, {licensed.name} licensed")
