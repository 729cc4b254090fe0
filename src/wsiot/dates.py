"""The one place that turns a date-like value into a lifecycle day.

Microsoft publishes every lifecycle end as 22:59:59.999 at UTC-08:00 on the
end date. wsiot therefore reads every moment as the *lifecycle day* it belongs
to: a calendar date is itself, a naive datetime is its calendar date, and an
aware datetime is the first day whose end instant (22:59:59.999 at UTC-08:00)
it does not pass. Comparing lifecycle days is then exactly comparing instants
with Microsoft's published ones.

>>> from wsiot.dates import lifecycle_day
>>> lifecycle_day("2031-10-15T05:00Z")  # still 14 October in Redmond's lifecycle
datetime.date(2031, 10, 14)
>>> lifecycle_day("14 Oct 2031")
datetime.date(2031, 10, 14)
"""

from __future__ import annotations

import functools
import itertools
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from .errors import AmbiguousDateError, InvalidDateError

__all__ = ["ACCEPTED_DATE_FORMS", "END_OF_DAY", "DateLike", "end_instant", "lifecycle_day"]

DateLike = date | datetime | str
"""What every ``on``/``date`` argument accepts (see ``ACCEPTED_DATE_FORMS``)."""

ACCEPTED_DATE_FORMS = (
    "a datetime.date",
    "a datetime.datetime (naive: its calendar date; aware: compared as an instant)",
    "an ISO 8601 string (YYYY-MM-DD, or a date and time with an offset)",
    "an unambiguous written date ('14 Oct 2031', 'October 14, 2031')",
)

PACIFIC_STANDARD = timezone(timedelta(hours=-8), "UTC-08:00")
END_OF_DAY = time(22, 59, 59, 999000)
"""The published end instant of a lifecycle day, at ``PACIFIC_STANDARD``."""

_MAX_TEXT = 64
_ONE_DAY = timedelta(days=1)
# Two defaults that differ in every field: a string missing any field parses
# differently under them, which tells an incomplete date without a clock read.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def end_instant(day: date) -> datetime:
    """The aware instant at which lifecycle day ``day`` ends.

    >>> end_instant(date(2031, 10, 14)).isoformat()
    '2031-10-14T22:59:59.999000-08:00'
    """
    return datetime.combine(day, END_OF_DAY, tzinfo=PACIFIC_STANDARD)


def lifecycle_day(value: Any) -> date:
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
    if isinstance(value, datetime):
        return _day_of_datetime(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return _day_of_text(value)
    raise _invalid(value)


def _day_of_datetime(moment: datetime) -> date:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.date()
    local = moment.astimezone(PACIFIC_STANDARD)
    day = local.date()
    if local.time() > END_OF_DAY:
        day += _ONE_DAY
    return day


@functools.lru_cache(maxsize=4096)
def _day_of_text(text: str) -> date:
    if len(text) > _MAX_TEXT or not text.isprintable():
        raise _invalid(text, "too long or holds control characters")
    stripped = text.strip()
    if not stripped.isascii():
        raise _invalid(text, "only ASCII letters and digits are read")
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        pass
    try:
        return _day_of_datetime(datetime.fromisoformat(stripped))
    except ValueError:
        pass
    return _day_of_written(text, stripped)


def _day_of_written(text: str, stripped: str) -> date:
    from dateutil import parser  # deferred: only non-ISO strings need it

    def readings(default: datetime) -> set[date]:
        days = set()
        for dayfirst, yearfirst in itertools.product((False, True), repeat=2):
            try:
                moment = parser.parse(
                    stripped, default=default, dayfirst=dayfirst, yearfirst=yearfirst
                )
            except (ValueError, OverflowError):
                raise _invalid(text) from None
            days.add(_day_of_datetime(moment))
        return days

    first, second = (readings(default) for default in _DEFAULTS)
    if first != second:
        raise _invalid(text, "it lacks a day, month or year")
    if len(first) > 1:
        shown = " or ".join(day.isoformat() for day in sorted(first))
        raise AmbiguousDateError(
            f"ambiguous date: {text!r} reads as {shown}; write it as ISO 8601 (YYYY-MM-DD)"
        )
    return first.pop()


def _invalid(value: object, why: str = "") -> InvalidDateError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:60] + "..." + shown[-10:]
    detail = f" ({why})" if why else ""
    return InvalidDateError(
        f"invalid date: {shown}{detail}; accepted: {'; '.join(ACCEPTED_DATE_FORMS)}"
    )
