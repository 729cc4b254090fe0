"""The one place that turns a date-like value into a lifecycle day.

Microsoft publishes every lifecycle end as 22:59:59.999 at UTC-08:00 on the
end date. wsiot therefore reads every moment as the *lifecycle day* it belongs
to: a calendar date is itself, a naive datetime is its calendar date, and an
aware datetime is the first day whose end instant (22:59:59.999 at UTC-08:00)
it does not pass. Releases start at 00:00:00.000 at UTC-08:00, so a moment in
the hour after an end instant (23:00 to 24:00 at UTC-08:00) is *early*: it
reads as the next day, before that day has started (:func:`lifecycle_moment`).
Comparing lifecycle days is then exactly comparing instants with Microsoft's
published ones, at both ends.

>>> from wsiot.values.dates import lifecycle_day
>>> lifecycle_day("2031-10-15T05:00Z")  # still 14 October in Redmond's lifecycle
datetime.date(2031, 10, 14)
>>> lifecycle_day("14 Oct 2031")
datetime.date(2031, 10, 14)
"""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, NamedTuple

from wsiot.errors import AmbiguousDateError, InvalidDateError, describe
from wsiot.values.validators import instance

__all__ = [
    "ACCEPTED_DATE_FORMS",
    "END_OF_DAY",
    "PACIFIC_STANDARD",
    "START_OF_DAY",
    "DateLike",
    "Moment",
    "end_instant",
    "is_second_tuesday",
    "lifecycle_day",
    "lifecycle_moment",
    "next_patch_tuesday",
    "start_instant",
]

DateLike = date | datetime | str
"""What every ``on``/``date`` argument accepts (see ``ACCEPTED_DATE_FORMS``)."""

ACCEPTED_DATE_FORMS = (
    "a datetime.date",
    "a datetime.datetime or pandas Timestamp (naive: its calendar date; aware: compared "
    "as an instant)",
    "a numpy datetime64 (read as naive)",
    "an ISO 8601 string (YYYY-MM-DD, or a date and time with a numeric offset or Z)",
    "an unambiguous written date with no time or zone ('14 Oct 2031', 'October 14, 2031')",
)

PACIFIC_STANDARD = timezone(timedelta(hours=-8), "UTC-08:00")
END_OF_DAY = time(22, 59, 59, 999000)
"""The published end instant of a lifecycle day, at ``PACIFIC_STANDARD``."""

_MAX_TEXT = 64
_ONE_DAY = timedelta(days=1)
# Two defaults that differ in every field: a string missing any field parses
# differently under them, which tells an incomplete date (or one that gives a
# time) without a clock read.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2, 13, 37, 29))


class Moment(NamedTuple):
    """A lifecycle day, and whether the instant asked about falls before that day starts.

    ``early`` is True for an aware moment in the hour after a day's published
    end (23:00 to 24:00 at UTC-08:00): it reads as the next day, before that
    day's releases have started.

    >>> Moment(date(2021, 8, 18), early=True).day
    datetime.date(2021, 8, 18)
    """

    day: date
    early: bool = False


START_OF_DAY = time(0, 0)
"""The published start instant of a lifecycle day (general availability), at ``PACIFIC_STANDARD``."""


def start_instant(day: date) -> datetime:
    """The aware instant at which lifecycle day ``day`` starts.

    >>> start_instant(date(2021, 8, 18)).isoformat()
    '2021-08-18T00:00:00-08:00'
    """
    return datetime.combine(day, START_OF_DAY, tzinfo=PACIFIC_STANDARD)


def end_instant(day: date) -> datetime:
    """The aware instant at which lifecycle day ``day`` ends.

    >>> end_instant(date(2031, 10, 14)).isoformat()
    '2031-10-14T22:59:59.999000-08:00'
    """
    return datetime.combine(day, END_OF_DAY, tzinfo=PACIFIC_STANDARD)


def lifecycle_day(value: object) -> date:
    """The lifecycle day ``value`` falls on; see the module docs for the rule.

    Raises :class:`~wsiot.InvalidDateError` for a value in none of
    ``ACCEPTED_DATE_FORMS`` and :class:`~wsiot.AmbiguousDateError` for a
    string such as ``"03/04/2030"`` that reads as two dates.

    >>> lifecycle_day(date(2029, 1, 9))
    datetime.date(2029, 1, 9)
    >>> lifecycle_day("03/04/2030")
    Traceback (most recent call last):
      ...
    wsiot.errors.AmbiguousDateError: ambiguous date: '03/04/2030' reads as 2030-03-04 or 2030-04-03; write it as ISO 8601 (YYYY-MM-DD)
    """
    return lifecycle_moment(value).day


def lifecycle_moment(value: object) -> Moment:
    """The lifecycle day of ``value``, and whether the moment comes before that day starts.

    Microsoft's records start a release at 00:00:00.000 and end a phase at
    22:59:59.999, both at UTC-08:00. An aware moment in the hour between
    (23:30 at UTC-08:00, say) is past the end of its calendar day but before
    the start of the next: it reads as the next day, *early*, so a release
    that starts that next day has not started yet.

    >>> lifecycle_moment("2021-08-17T23:30-08:00")
    Moment(day=datetime.date(2021, 8, 18), early=True)
    >>> lifecycle_moment("2021-08-18")
    Moment(day=datetime.date(2021, 8, 18), early=False)
    """
    if type(value) is date:  # the common case first
        return _moment_of_date(value)
    if isinstance(value, datetime):
        return _moment_of_datetime(value)
    if isinstance(value, date):
        return Moment(value)
    if isinstance(value, str):
        return _moment_of_text(value)
    if type(value).__name__ == "datetime64" and hasattr(value, "astype"):
        return _moment_of_datetime64(value)
    raise _invalid(value)


@functools.lru_cache(maxsize=4096)
def _moment_of_date(day: date) -> Moment:
    return Moment(day)


def _moment_of_datetime(moment: datetime, original: object = None) -> Moment:
    shown = moment if original is None else original
    if moment != moment:  # pandas NaT is a datetime that equals nothing, itself included
        raise _invalid(shown, "a missing time (NaT) is no date")
    try:
        offset = moment.utcoffset()
        if offset is None:
            return Moment(moment.date())
        local = moment.astimezone(PACIFIC_STANDARD)
        day = local.date()
        if local.time() > END_OF_DAY:
            return Moment(day + _ONE_DAY, True)
    except (OverflowError, ValueError, ArithmeticError):
        raise _invalid(shown, "it falls outside the years 1 to 9999 at UTC-08:00") from None
    except Exception:  # a tzinfo whose utcoffset() fails
        raise _invalid(shown, "its time zone cannot be read") from None
    return Moment(day)


def _moment_of_datetime64(value: Any) -> Moment:
    """A numpy datetime64, read as a naive moment."""
    try:
        item = value.astype("datetime64[us]").item()
    except Exception:
        item = 0
    if item is None:
        raise _invalid(value, "a missing time (NaT) is no date")
    if not isinstance(item, date):
        raise _invalid(value, "it falls outside the years 1 to 9999")
    return Moment(item.date() if isinstance(item, datetime) else item)


@functools.lru_cache(maxsize=4096)
def _moment_of_text(text: str) -> Moment:
    if len(text) > _MAX_TEXT or not text.isprintable():
        raise _invalid(text, "too long or holds control characters")
    stripped = text.strip()
    if not stripped.isascii():
        raise _invalid(text, "only ASCII letters and digits are read")
    try:
        return Moment(date.fromisoformat(stripped))
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(stripped)
    except ValueError:
        if _ISO_MOMENT.match(stripped):
            raise _invalid(text, _NOT_ISO) from None
        return Moment(_day_of_written(text, stripped))
    return _moment_of_datetime(moment, text)


class _ZoneGiven(Exception):
    """Raised from dateutil's tzinfos hook: a written date named a zone or offset."""


def _no_zone(name: str | None, offset: int | None) -> None:
    if name is not None or offset is not None:
        raise _ZoneGiven
    return None


def _day_of_written(text: str, stripped: str) -> date:
    """A written date: a day, month and year and nothing else (no time, no zone)."""
    from dateutil import parser  # deferred: only non-ISO strings need it

    def readings(default: datetime) -> set[datetime]:
        moments = set()
        for dayfirst, yearfirst in itertools.product((False, True), repeat=2):
            try:
                moments.add(parser.parse(stripped, default=default, dayfirst=dayfirst,
                                         yearfirst=yearfirst, tzinfos=_no_zone))
            except _ZoneGiven:
                raise _invalid(text, _TIME_GIVEN) from None
            except (ValueError, OverflowError, TypeError):
                raise _invalid(text) from None
        return moments

    first, second = (readings(default) for default in _DEFAULTS)
    if any(getattr(a, unit) == getattr(b, unit) for a in first for b in second
           for unit in ("hour", "minute", "second")):
        raise _invalid(text, _TIME_GIVEN)
    days, other_days = {m.date() for m in first}, {m.date() for m in second}
    if days != other_days:
        raise _invalid(text, "it lacks a day, month or year")
    if len(days) > 1:
        shown = " or ".join(day.isoformat() for day in sorted(days))
        raise AmbiguousDateError(
            f"ambiguous date: {describe(text)} reads as {shown}; write it as ISO 8601 (YYYY-MM-DD)"
        )
    return days.pop()


_ISO_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]")
_NOT_ISO = ("not an ISO 8601 date and time: give a numeric offset strictly within "
            "+-24:00 or Z; zone names are not read")
_TIME_GIVEN = ("a written date takes no time or zone; write a moment as ISO 8601 with a "
               "numeric offset, such as 2031-10-14T23:30-08:00")


def _invalid(value: object, why: str = "") -> InvalidDateError:
    shown = describe(value)
    detail = f" ({why})" if why else ""
    brief = f"invalid date: {shown}{detail}"
    return InvalidDateError(f"{brief}; accepted: {'; '.join(ACCEPTED_DATE_FORMS)}", brief=brief)


def is_second_tuesday(day: date) -> bool:
    """Whether ``day`` is the second Tuesday of its month (Microsoft's update day).

    >>> is_second_tuesday(date(2031, 10, 14)), is_second_tuesday(date(2031, 10, 7))
    (True, False)
    """
    instance(day, date, "day", "a datetime.date")
    return day.weekday() == 1 and 8 <= day.day <= 14


def next_patch_tuesday(after: date) -> date:
    """The first second Tuesday of a month strictly after ``after``.

    >>> next_patch_tuesday(date(2026, 8, 11))
    datetime.date(2026, 9, 8)
    """
    first = after.replace(day=1)
    while True:
        tuesday = first + timedelta(days=(1 - first.weekday()) % 7 + 7)
        if tuesday > after:
            return tuesday
        first = (first + timedelta(days=32)).replace(day=1)
