"""Assertions for appliance test suites.

In pytest::

    from wsiot.testing import assert_eligible, assert_not_eligible

    def test_our_nas_qualifies():
        assert_eligible(OUR_NAS)

    def test_office_box_is_refused_for_exchange():
        assert_not_eligible(OFFICE_BOX, rule="no-prohibited-applications")

A failing assertion raises ``AssertionError`` whose message is the full
qualification report, so the test output shows which rule broke and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wsiot.model.catalog import Catalog
from wsiot.model.release import Edition, Release
from wsiot.rules.qualification import Appliance, Assessment, Outcome, qualification, qualify

if TYPE_CHECKING:
    from wsiot.model.system import SystemFacts
    from wsiot.model.workloads import Workload
    from wsiot.rules.installation import InstallationCheck
    from wsiot.values.dates import DateLike

__all__ = ["assert_eligible", "assert_installation_ok", "assert_not_eligible"]


def assert_eligible(
    appliance: Appliance,
    release: Release | str | int | None = None,
    *,
    lenient: bool = False,
    catalog: Catalog | None = None,
) -> Assessment:
    """Fail with the report unless ``appliance`` qualifies; return the assessment.

    >>> import wsiot
    >>> assert_eligible(wsiot.Appliance(name="bare box"))
    Traceback (most recent call last):
      ...
    AssertionError: bare box: not eligible (7 unknown)
      ...
    """
    __tracebackhide__ = True
    assessment = qualify(appliance, release, lenient=lenient, catalog=catalog)
    if not assessment.eligible:
        raise AssertionError(str(assessment))
    return assessment


def assert_not_eligible(
    appliance: Appliance,
    release: Release | str | int | None = None,
    *,
    rule: str | None = None,
    lenient: bool = False,
    catalog: Catalog | None = None,
) -> Assessment:
    """Fail unless ``appliance`` is refused, and (with ``rule``) refused by that rule failing.

    Raises :class:`~wsiot.UnknownQualificationError` for a ``rule`` id that
    does not exist, so a typo never passes silently.
    """
    __tracebackhide__ = True
    expected = None if rule is None else qualification(rule)
    assessment = qualify(appliance, release, lenient=lenient, catalog=catalog)
    if assessment.eligible:
        raise AssertionError(f"expected {appliance.name!r} not to be eligible\n{assessment}")
    if expected is not None:
        result = assessment.result(expected.id)
        if result.outcome is not Outcome.FAILED:
            raise AssertionError(
                f"expected rule {expected.id!r} to fail, but it is {result.outcome.value}: "
                f"{result.reason}\n{assessment}"
            )
    return assessment


def assert_installation_ok(
    facts: SystemFacts,
    *,
    licensed: Edition | Workload | str,
    on: DateLike,
    catalog: Catalog | None = None,
) -> InstallationCheck:
    """Assert the installation is a server of the licensed edition, serviced on ``on``.

    Returns the :class:`~wsiot.InstallationCheck`; on failure the
    ``AssertionError`` message is its full report.

    >>> import wsiot
    >>> facts = wsiot.SystemFacts.from_values("10.0.17763.1", edition_id="Enterprise")
    >>> assert_installation_ok(facts, licensed="Standard", on="2026-01-01")
    Traceback (most recent call last):
      ...
    AssertionError: expected an installation that passes every check
    10.0.17763.1 (client) [from values] on 2026-01-01: not ok (server failed, edition unknown, serviced not-applicable)
    ...
    """
    from wsiot.rules.installation import check_installation

    check = check_installation(facts, licensed=licensed, on=on, catalog=catalog)
    if not check.ok:
        raise AssertionError(f"expected an installation that passes every check\n{check}")
    return check
