"""Servicing questions by build: :func:`is_in_servicing` and :func:`servicing_status`.

A question travels: build -> :func:`~wsiot.parse_build` -> catalogue lookup ->
:func:`~wsiot.values.dates.lifecycle_moment` -> lifecycle phase. No clock is read: the
caller always says which day.

>>> import wsiot
>>> wsiot.is_in_servicing("10.0.20348.2762", "2031-10-14")
True
>>> wsiot.is_in_servicing(20348, "2031-10-15")
False
"""

from __future__ import annotations

from datetime import date

from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.lifecycle import ServicingStatus, serviced_on, status_on
from wsiot.values.builds import BuildLike
from wsiot.values.dates import DateLike, lifecycle_moment

__all__ = ["is_in_servicing", "servicing_status"]


def is_in_servicing(
    build: BuildLike, on: DateLike, *, catalog: Catalog | None = None, include_esu: bool = False
) -> bool:
    """Whether the release of ``build`` is serviced on ``on``.

    True from general availability through the end of servicing, both days
    included; paid ESU counts only with ``include_esu=True``. Raises
    :class:`~wsiot.InvalidBuildError`, :class:`~wsiot.UnknownBuildError` or
    :class:`~wsiot.InvalidDateError` for bad input.

    >>> import wsiot
    >>> wsiot.is_in_servicing(17763, "2019-03-03"), wsiot.is_in_servicing(17763, "2019-03-04")
    (False, True)
    """
    release = resolve_catalog(catalog).release_for(build)
    if type(on) is date:
        return serviced_on(release, on, include_esu)
    day, early = lifecycle_moment(on)
    return serviced_on(release, day, include_esu, early)


def servicing_status(
    build: BuildLike, on: DateLike, *, catalog: Catalog | None = None, include_esu: bool = False
) -> ServicingStatus:
    """The :class:`~wsiot.ServicingStatus` of ``build``'s release on ``on``.

    >>> import wsiot
    >>> s = wsiot.servicing_status("10.0.26100.1742", "2030-01-01")
    >>> s.release.name, s.phase.value, s.days_left, s.in_servicing
    ('Windows Server IoT 2025', 'extended', 1778, True)
    """
    release = resolve_catalog(catalog).release_for(build)
    day, early = lifecycle_moment(on)
    return status_on(release, day, include_esu=include_esu, early=early)
