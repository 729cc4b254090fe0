"""Lifecycle phases: the rule that places a day in a release's lifecycle.

Under the Fixed Lifecycle Policy a release is in *mainstream* support from
general availability through the mainstream end date, then in *extended*
support through the end of servicing; both end days are still serviced. Paid
Extended Security Updates (ESU) are a separate, opt-in phase after that: they
count as servicing only when the caller asks with ``include_esu=True``.

>>> import wsiot
>>> r = wsiot.release("2022")
>>> r.phase_on("2026-10-13"), r.phase_on("2026-10-14")
(<Phase.MAINSTREAM: 'mainstream'>, <Phase.EXTENDED: 'extended'>)
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from wsiot.render.html import PHASE_COLOURS, Cell, html_table
from wsiot.values.dates import Moment

if TYPE_CHECKING:
    from wsiot.model.release import Release

__all__ = [
    "STATUS_HEADERS",
    "Phase",
    "ServicingStatus",
    "phase_on",
    "phases_on",
    "serviced_on",
    "status_on",
]

STATUS_HEADERS = ("Release", "Build", "On", "Phase", "Serviced until", "Days left")
"""The columns of a servicing status in HTML tables."""


class Phase(enum.Enum):
    """Where a day falls in a release's lifecycle."""

    NOT_YET_AVAILABLE = "not-yet-available"
    MAINSTREAM = "mainstream"
    EXTENDED = "extended"
    EXTENDED_SECURITY_UPDATES = "esu"
    ENDED = "ended"

    @property
    def label(self) -> str:
        """A short human label.

        >>> Phase.EXTENDED.label
        'extended support'
        """
        return _LABELS[self]

    def is_serviced(self, *, include_esu: bool = False) -> bool:
        """Whether a release in this phase receives updates."""
        return self in _SERVICED or (include_esu and self is Phase.EXTENDED_SECURITY_UPDATES)


_LABELS = {
    Phase.NOT_YET_AVAILABLE: "not yet available",
    Phase.MAINSTREAM: "mainstream support",
    Phase.EXTENDED: "extended support",
    Phase.EXTENDED_SECURITY_UPDATES: "extended security updates (paid)",
    Phase.ENDED: "servicing ended",
}
_SERVICED = frozenset({Phase.MAINSTREAM, Phase.EXTENDED})


def phase_on(release: Release, when: Moment | date) -> Phase:
    """The phase ``release`` is in at ``when``: a lifecycle day, or a :class:`Moment` (a
    moment before its day starts finds a release that starts that day not yet available;
    see :func:`~wsiot.values.dates.lifecycle_moment`).
    """
    day, early = (when.day, when.early) if isinstance(when, Moment) else (when, False)
    if day < release.released or (early and day == release.released):
        return Phase.NOT_YET_AVAILABLE
    if day <= release.mainstream_end:
        return Phase.MAINSTREAM
    if day <= release.servicing_end:
        return Phase.EXTENDED
    if release.esu_end is not None and day <= release.esu_end:
        return Phase.EXTENDED_SECURITY_UPDATES
    return Phase.ENDED


def phases_on(released: Any, mainstream_end: Any, servicing_end: Any, esu_end: Any, day: Any,
              early: Any, include_esu: bool = False) -> tuple[Any, Any, Any]:
    """:func:`phase_on`, :func:`serviced_on` and the serviced-until day, over numpy arrays.

    The vectorised twin of the scalar rules above, for whole columns (``audit_frame``):
    every argument is an array of ``datetime64[D]`` (``esu_end`` NaT where a release has
    none) or of bools (``early``). Returns (phase codes in ``Phase`` order, serviced,
    serviced until). A test holds the two forms to the same answers.

    >>> import numpy as np
    >>> d = lambda text: np.array([text], dtype="datetime64[D]")
    >>> codes, serviced, until = phases_on(d("2021-08-18"), d("2026-10-13"), d("2031-10-14"),
    ...                                    d("NaT"), d("2030-01-01"), np.array([False]))
    >>> list(Phase)[int(codes[0])], bool(serviced[0]), str(until[0])
    (<Phase.EXTENDED: 'extended'>, True, '2031-10-14')
    """
    import numpy as np  # only ever called with numpy arrays

    has_esu = ~np.isnat(esu_end)
    started = (day > released) | ((day == released) & ~early)
    in_esu = has_esu & (day > servicing_end) & (day <= esu_end)
    codes = np.select([~started, day <= mainstream_end, day <= servicing_end, in_esu],
                      [0, 1, 2, 3], default=4)
    until = np.where(has_esu, esu_end, servicing_end) if include_esu else servicing_end
    serviced = started & ((day <= servicing_end) | (in_esu & include_esu))
    return codes, serviced, until


def serviced_on(release: Release, when: Moment | date, include_esu: bool = False) -> bool:
    """Whether ``release`` is serviced at ``when``, a day or a :class:`Moment` (the hot path:
    no allocation)."""
    day, early = (when.day, when.early) if isinstance(when, Moment) else (when, False)
    if early and day == release.released:
        return False
    if release.released <= day <= release.servicing_end:
        return True
    esu_end = release.esu_end
    return include_esu and esu_end is not None and release.released <= day <= esu_end


def _last_day_of(release: Release, phase: Phase) -> date | None:
    if phase is Phase.NOT_YET_AVAILABLE:
        return date.fromordinal(release.released.toordinal() - 1)
    if phase is Phase.MAINSTREAM:
        return release.mainstream_end
    if phase is Phase.EXTENDED:
        return release.servicing_end
    if phase is Phase.EXTENDED_SECURITY_UPDATES:
        return release.esu_end
    return None


@attrs.frozen(kw_only=True)
class ServicingStatus:
    """Where a release stands on one day: its phase and the days left.

    ``days_left`` counts to the last serviced day (0 on that day, negative
    after it). ``days_left_in_phase`` counts to the last day of the current
    phase and is None once servicing has ended.
    """

    release: Release
    on: date
    phase: Phase
    include_esu: bool
    serviced_until: date
    days_left: int
    days_left_in_phase: int | None

    @property
    def in_servicing(self) -> bool:
        """Whether the release receives updates on this day."""
        return self.phase.is_serviced(include_esu=self.include_esu)

    def __bool__(self) -> bool:
        return self.in_servicing

    @property
    def summary(self) -> str:
        """One line a person reads.

        >>> import wsiot
        >>> wsiot.servicing_status(20348, "2031-10-14").summary
        'Windows Server IoT 2022 (build 20348) on 2031-10-14: extended support; last serviced day 2031-10-14 (today).'
        """
        head = f"{self.release.name} (build {self.release.build}) on {self.on.isoformat()}"
        until = self.serviced_until.isoformat()
        if self.phase is Phase.NOT_YET_AVAILABLE:
            away = (self.release.released - self.on).days
            when = f"{away} day(s) away" if away else "from 00:00 at UTC-08:00, later that day"
            return (
                f"{head}: not yet available; generally available from "
                f"{self.release.released.isoformat()} ({when})."
            )
        if not self.in_servicing:
            return f"{head}: {self.phase.label}; last serviced day was {until} ({-self.days_left} day(s) ago)."
        left = "today" if self.days_left == 0 else f"{self.days_left} day(s) left"
        return f"{head}: {self.phase.label}; last serviced day {until} ({left})."

    def __str__(self) -> str:
        return self.summary

    def html_row(self) -> tuple[object, ...]:
        """This status's cells under ``STATUS_HEADERS``, the phase in its colour."""
        return (self.release.name, self.release.build, self.on.isoformat(),
                Cell(self.phase.label, colour=PHASE_COLOURS[self.phase.value], bold=True),
                self.serviced_until.isoformat(), self.days_left)

    def _repr_html_(self) -> str:
        return html_table(STATUS_HEADERS, [self.html_row()])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "release": self.release.name,
            "version": self.release.version,
            "build": self.release.build,
            "on": self.on.isoformat(),
            "phase": self.phase.value,
            "in_servicing": self.in_servicing,
            "include_esu": self.include_esu,
            "serviced_until": self.serviced_until.isoformat(),
            "days_left": self.days_left,
            "days_left_in_phase": self.days_left_in_phase,
            "summary": self.summary,
        }


def status_on(
    release: Release, when: Moment | date, *, include_esu: bool = False
) -> ServicingStatus:
    """The :class:`ServicingStatus` of ``release`` at ``when``, a day or a :class:`Moment`
    (see :func:`phase_on`)."""
    day = when.day if isinstance(when, Moment) else when
    phase = phase_on(release, when)
    until = release.esu_end if include_esu and release.esu_end is not None else release.servicing_end
    last = _last_day_of(release, phase)
    if phase is Phase.EXTENDED_SECURITY_UPDATES and not include_esu:
        last = None  # not serviced: the paid phase was not asked for
    return ServicingStatus(
        release=release,
        on=day,
        phase=phase,
        include_esu=include_esu,
        serviced_until=until,
        days_left=(until - day).days,
        days_left_in_phase=None if last is None else (last - day).days,
    )
