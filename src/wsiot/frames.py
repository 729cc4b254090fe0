"""pandas DataFrames of the catalogue, for notebooks (extra: ``pip install "wsiot[pandas]"``).

Date columns are real ``datetime64`` columns, counts are nullable integers.

>>> from wsiot.frames import releases_frame
>>> df = releases_frame(on="2030-01-01")
>>> row = df.set_index("version").loc["2022"]
>>> row.servicing_end.date().isoformat(), row.phase, int(row.days_left)
('2031-10-14', 'extended', 651)
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from wsiot.errors import InvalidDateError, describe
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.release import Release
from wsiot.model.update import UpdateKind
from wsiot.model.updates import UpdateHistory, resolve_updates, updates as select_updates
from wsiot.rules.servicing import records
from wsiot.values.dates import DateLike, lifecycle_day

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["editions_frame", "releases_frame", "updates_frame"]

_DATE_COLUMNS = ("released", "mainstream_end", "servicing_end", "esu_end")
_PHASES = ("not-yet-available", "mainstream", "extended", "esu", "ended")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without the extra
        from wsiot.errors import WsiotError

        raise WsiotError(
            'wsiot.frames needs pandas: pip install "wsiot[pandas]"'
        ) from None
    return pandas


def releases_frame(*, catalog: Catalog | None = None, on: DateLike | None = None) -> pd.DataFrame:
    """One row per release, newest first; with ``on``, its phase and days left that day.

    Date columns are ``datetime64[ns]``, so ``on`` must fall in the days pandas
    can hold there (1677-09-22 to 2262-04-11); another day raises
    :class:`~wsiot.InvalidDateError`.
    """
    pandas = _pandas()
    if on is not None:
        day = lifecycle_day(on)
        first, last = pandas.Timestamp.min.date(), pandas.Timestamp.max.date()
        if not first < day < last:
            raise InvalidDateError(
                f"invalid date: {describe(on)} is outside the days a pandas frame holds "
                f"({first + timedelta(days=1)} to {last - timedelta(days=1)})")
    rows = records(catalog=catalog, on=on)
    for row in rows:
        row["editions"] = ", ".join(row["editions"])
        for key in ("aliases", "notes", "discrepancies", "sources"):
            row.pop(key)
    frame: pd.DataFrame = pandas.DataFrame(rows)
    for column in _DATE_COLUMNS:
        frame[column] = pandas.to_datetime(frame[column], format="ISO8601").astype("datetime64[ns]")
    frame["build"] = frame["build"].astype("Int64")
    string_columns = ["name", "version", "slug", "kernel", "editions", "equivalent_to", "link",
                      "policy", "channel"]
    frame[string_columns] = frame[string_columns].astype("string")
    if on is not None:
        frame["on"] = pandas.to_datetime(frame["on"], format="ISO8601").astype("datetime64[ns]")
        frame["phase"] = pandas.Categorical(frame["phase"], categories=_PHASES)
        frame["in_servicing"] = frame["in_servicing"].astype(bool)
        frame["days_left"] = frame["days_left"].astype("Int64")
    return frame


def editions_frame(*, catalog: Catalog | None = None) -> pd.DataFrame:
    """One row per edition: its kind, limits and the releases that offer it."""
    pandas = _pandas()
    cat = resolve_catalog(catalog)
    rows = []
    for edition in cat.editions:
        row = edition.to_dict()
        row["aliases"] = ", ".join(row["aliases"])
        row["sources"] = ", ".join(row["sources"])
        row["offered_in"] = ", ".join(r.version for r in cat.releases if r.offers(edition))
        rows.append(row)
    frame: pd.DataFrame = pandas.DataFrame(rows)
    for column in ("max_users", "max_devices", "max_vms"):
        frame[column] = frame[column].astype("Int64")
    return frame


def updates_frame(
    release: Release | str | int | None = None,
    *,
    kind: UpdateKind | str | None = None,
    updates: UpdateHistory | None = None,
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """One row per update, newest first: build, UBR, KB, release day, kind and source.

    ``release`` (a name, version or build) and ``kind`` narrow it as in
    :func:`wsiot.updates`.

    >>> from wsiot.frames import updates_frame
    >>> df = updates_frame("2022", kind="security")
    >>> row = df.iloc[-1]
    >>> row.build, row.kb, row.released.date().isoformat(), row.kind
    ('10.0.20348.230', 'KB5005575', '2021-09-14', 'security')
    """
    pandas = _pandas()
    chosen = select_updates(release, kind=kind, updates=resolve_updates(updates), catalog=catalog)
    frame: pd.DataFrame = pandas.DataFrame(
        {
            "build": pandas.array([str(u.build) for u in chosen], dtype="string"),
            "build_number": pandas.array([u.build.build for u in chosen], dtype="Int64"),
            "ubr": pandas.array([u.build.revision for u in chosen], dtype="Int64"),
            "kb": pandas.array([u.kb for u in chosen], dtype="string"),
            "released": pandas.to_datetime([u.released.isoformat() for u in chosen],
                                           format="ISO8601").astype("datetime64[ns]"),
            "kind": pandas.Categorical([u.kind.value for u in chosen],
                                       categories=[k.value for k in UpdateKind]),
            "source": pandas.array([u.source for u in chosen], dtype="string"),
        }
    )
    return frame
