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
from typing import Any

from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.lifecycle import ServicingStatus, serviced_on, status_on
from wsiot.model.updates import UpdateHistory, resolve_updates
from wsiot.values.builds import BuildLike
from wsiot.values.dates import DateLike, lifecycle_moment
from wsiot.values.validators import flag

__all__ = ["is_in_servicing", "records", "servicing_status"]


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
    flag(include_esu, "include_esu")
    release = resolve_catalog(catalog).release_for(build)
    if type(on) is date:
        return serviced_on(release, on, include_esu)
    moment = lifecycle_moment(on)
    return serviced_on(release, moment, include_esu)


def servicing_status(
    build: BuildLike, on: DateLike, *, catalog: Catalog | None = None, include_esu: bool = False
) -> ServicingStatus:
    """The :class:`~wsiot.ServicingStatus` of ``build``'s release on ``on``.

    >>> import wsiot
    >>> s = wsiot.servicing_status("10.0.26100.1742", "2030-01-01")
    >>> s.release.name, s.phase.value, s.days_left, s.in_servicing
    ('Windows Server IoT 2025', 'extended', 1778, True)
    """
    flag(include_esu, "include_esu")
    release = resolve_catalog(catalog).release_for(build)
    moment = lifecycle_moment(on)
    return status_on(release, moment, include_esu=include_esu)


def records(
    *, catalog: Catalog | None = None, on: DateLike | None = None,
    updates: UpdateHistory | None = None,
) -> list[dict[str, Any]]:
    """JSON-ready rows for every release (newest first); with ``on``, its status that day too.

    With ``on``, a release whose build the update data covers also gets the
    full build a patched device carries that day: ``latest_build``,
    ``latest_kb`` and ``latest_released``, from its newest monthly security
    update released by then (None before the first).

    >>> import wsiot
    >>> row = wsiot.records(on="2030-01-01")[1]
    >>> row["version"], row["servicing_end"], row["phase"], row["days_left"]
    ('2022', '2031-10-14', 'extended', 651)
    >>> row = wsiot.records(on="2024-12-01")[1]
    >>> row["latest_build"], row["latest_kb"], row["latest_released"]
    ('10.0.20348.2849', 'KB5046616', '2024-11-12')
    """
    rows = []
    moment = None if on is None else lifecycle_moment(on)
    data = None if moment is None else resolve_updates(updates)
    for rel in resolve_catalog(catalog).releases:
        row = rel.to_dict()
        if moment is not None and data is not None:
            status = status_on(rel, moment)
            row.update(on=moment.day.isoformat(), phase=status.phase.value,
                       in_servicing=status.in_servicing, days_left=status.days_left)
            if rel.build in data.builds:
                latest = data.latest_security(rel.build, moment)
                row.update(latest_build=None if latest is None else str(latest.build),
                           latest_kb=None if latest is None else latest.kb,
                           latest_released=None if latest is None else latest.released.isoformat())
        rows.append(row)
    return rows

