"""Fleet audits of a pandas DataFrame: :func:`audit_frame`, vectorised.

Each distinct (build, day) pair is resolved once; the rules are those of
:func:`wsiot.fleet.audit`, and a row gets the same answer either way. On Dask,
``ddf.map_partitions(audit_frame, on=...)`` runs it on every partition unchanged.

>>> import pandas as pd
>>> from wsiot.fleet import audit_frame
>>> audit_frame(pd.DataFrame({"device": ["nas-01"], "build": ["10.0.20348.2762"]}),
...             on="2030-01-01")["phase"].tolist()
['extended']
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from wsiot.errors import (
    FleetError,
    WsiotError,
    describe,
)
from wsiot.io.inventory import recognise_columns
from wsiot.model.catalog import Catalog, resolve_catalog
from wsiot.model.lifecycle import Phase, phases_on
from wsiot.model.updates import UpdateHistory, resolve_updates
from wsiot.rules.patchlevel import patch_fields
from wsiot.values.dates import DateLike, Moment, lifecycle_moment

if TYPE_CHECKING:
    import pandas as pd

from wsiot.fleet.stream import (
    ERROR_KINDS,
    PATCH_STATES,
    PRODUCT_COLUMNS,
    build_with_products,
    error_kind_of,
    none_if_blank,
)

__all__ = ["audit_frame"]


def audit_frame(
    frame: pd.DataFrame,
    build: str = "build",
    on: DateLike | None = None,
    *,
    date_column: str | None = None,
    product_columns: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
    include_esu: bool = False,
    updates: UpdateHistory | None = None,
    columns: Mapping[str, str] | str | None = None,
) -> pd.DataFrame:
    """``frame`` with the audit columns added (``AUDIT_COLUMNS``), vectorised.

    Each distinct build is parsed once; phases are computed on whole columns.
    ``release``, ``phase`` and ``error`` are categorical; ``days_left`` and
    ``in_servicing`` are nullable (missing on a row with an error).
    ``on`` is the day for every row, or ``date_column`` names a column of
    per-row dates (naive dates, or aware timestamps read against Microsoft's
    end instant). ``product_columns`` maps product facts (``product_name``,
    ``edition_id``, ``product_type``, ``sku``; see ``PRODUCT_COLUMNS``) to
    column names: a client on a build it shares with Windows Server is then a
    ``not-server`` row. Rows with a bad build or date get ``error`` set. Works
    on an empty frame, so Dask can infer its output from it.

    ``columns`` names the columns of an export (``{"build": "OS version"}`` or
    ``"build=OS version,product=OS Platform"``); without it, a frame with no
    ``build`` column is read as the export it looks like (see
    :mod:`wsiot.io.inventory`). The patch columns come from ``updates``.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"device": ["a", "b"], "build": ["10.0.20348.1", "19045"]})
    >>> out = audit_frame(df, on="2030-01-01")
    >>> first = out.iloc[0]
    >>> first.release, first.phase, int(first.days_left), bool(first.in_servicing)
    ('Windows Server IoT 2022', 'extended', 651, True)
    >>> out.loc[1, "error"][:22], out.loc[1, "in_servicing"], out.loc[0, "error"]
    ("unknown build: '19045'", <NA>, nan)
    """
    import numpy as np
    import pandas as pandas_

    cat = resolve_catalog(catalog)
    data = resolve_updates(updates)
    if not isinstance(frame, pandas_.DataFrame):
        raise FleetError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
    if columns is not None or (build == "build" and "build" not in frame.columns):
        found = recognise_columns(list(frame.columns), columns)
        build, date_column = found.build, date_column or found.date
        if found.product is not None and not product_columns:
            product_columns = {"product_name": found.product}
    _require_column(frame, build)
    products = dict(product_columns or {})
    unknown = sorted(set(products) - set(PRODUCT_COLUMNS))
    if unknown:
        raise FleetError(f"product_columns: unknown product facts {unknown}; "
                         f"known: {', '.join(PRODUCT_COLUMNS)}")
    for column in products.values():
        _require_column(frame, column)
    errors: dict[tuple[str, str], int] = {}

    # per distinct build (plus a last slot for a missing one): release dates and codes
    build_codes, build_values = _factorize(frame[build])
    if products:  # a distinct build is then a distinct (build, product facts) combination
        build_codes, build_values = _identities(frame, build, products)
    builds = len(build_values) + 1
    released = np.full(builds, np.datetime64("NaT"), dtype="datetime64[D]")
    mainstream, servicing, esu = released.copy(), released.copy(), released.copy()
    release_code = np.full(builds, -1, dtype=np.int64)
    build_error = np.full(builds, -1, dtype=np.int64)
    build_error[-1] = errors.setdefault(("no build", "no-build"), len(errors))
    names: dict[str, int] = {}
    resolved: dict[int, tuple[Any, Any]] = {}  # build index -> (identity, release)
    for index, value in enumerate(build_values):
        if isinstance(value, str) and not value.strip():  # a blank cell: as the stream says
            build_error[index] = build_error[-1]
            continue
        if value is None:  # a missing build among product facts
            build_error[index] = build_error[-1]
            continue
        try:
            identity = (build_with_products(value.build, value.products) if isinstance(value, _Identity)
                        else _integral(value))
            rel = cat.release_for(identity)
        except WsiotError as exc:
            build_error[index] = errors.setdefault((exc.short, error_kind_of(exc)), len(errors))
            continue
        resolved[index] = (identity, rel)
        release_code[index] = names.setdefault(rel.name, len(names))
        released[index] = np.datetime64(rel.released, "D")
        mainstream[index] = np.datetime64(rel.mainstream_end, "D")
        servicing[index] = np.datetime64(rel.servicing_end, "D")
        if rel.esu_end is not None:
            esu[index] = np.datetime64(rel.esu_end, "D")

    # per distinct day (plus a last slot for a missing one)
    day_codes, days, early_days, day_error = _days(frame, on, date_column, errors)

    # every output depends only on the (build, day) pair: resolve each distinct pair once
    # (code -1, a missing value, indexes the last slot)
    if day_codes is None:
        pair_codes, pair_build, pair_day = build_codes, np.arange(builds), np.zeros(builds, int)
    else:
        combined = (build_codes % builds) * len(days) + (day_codes % len(days))
        pair_codes, pairs = pandas_.factorize(combined)  # in order of first appearance
        pair_build, pair_day = pairs // len(days), pairs % len(days)
    r, m, s, e = (released[pair_build], mainstream[pair_build], servicing[pair_build],
                  esu[pair_build])
    day, early = days[pair_day], early_days[pair_day]
    error = np.where(build_error[pair_build] >= 0, build_error[pair_build], day_error[pair_day])
    patch = _patch_columns(data, resolved, pair_build, day, early, error, errors)
    invalid = error >= 0
    phase, serviced, until = phases_on(r, m, s, e, day, early, include_esu)
    phase[invalid] = -1
    days_left = (until - day).astype("timedelta64[D]").astype(np.int64)
    days_left[invalid] = 0
    release = np.where(invalid, -1, release_code[pair_build])

    from_codes: Any = pandas_.Categorical.from_codes  # the stubs reject int64 code arrays
    invalid_rows = invalid[pair_codes]
    kinds = list(ERROR_KINDS)
    kind_of_error = np.array([kinds.index(kind) for _, kind in errors] + [-1], dtype=np.int64)
    kb_code, missing, overdue, state, kb_names = patch
    unknown_rows = ((state < 0) | (state == PATCH_STATES.index("unknown")))[pair_codes]

    def category(codes: Any, categories: list[str]) -> Any:
        """A categorical column from per-pair codes, gathered in the width pandas keeps."""
        width = np.int8 if len(categories) < 127 else np.int32
        return from_codes(codes.astype(width)[pair_codes], categories=categories)

    added = {  # every array here is new (gathered by pair code): the result may own it
        "release": category(release, list(names)),
        "phase": category(phase, [p.value for p in Phase]),
        "days_left": pandas_.arrays.IntegerArray(days_left[pair_codes], invalid_rows),
        "in_servicing": pandas_.arrays.BooleanArray(serviced[pair_codes], invalid_rows),
        "error": category(error, [text for text, _ in errors]),
        "error_kind": category(kind_of_error[error], kinds),
        "installed_kb": category(kb_code, kb_names),
        "missing_updates": pandas_.arrays.IntegerArray(missing[pair_codes], unknown_rows),
        "days_overdue": pandas_.arrays.IntegerArray(overdue[pair_codes], unknown_rows),
        "patch": category(state, list(PATCH_STATES)),
    }
    if isinstance(frame.columns, pandas_.MultiIndex) or any(c in frame.columns for c in added):
        result = frame.copy()  # audited before (replaced in place), or columns in levels
        pad = ("",) * (frame.columns.nlevels - 1)  # a full key for each level, padded
        for column, values in added.items():
            result[(column, *pad) if pad else column] = values
        return result
    # joined without a copy of each new column (assigning them one by one copies each); the
    # labels, their name and the frame's attrs kept as assigning would keep them
    labels = frame.columns
    for column in added:
        labels = labels.insert(len(labels), column)
    result = pandas_.concat([frame, pandas_.DataFrame(added, index=frame.index, copy=False)],
                            axis=1)
    result.columns = labels
    result.attrs = copy.deepcopy(frame.attrs)
    return result


def _patch_columns(
    data: UpdateHistory,
    resolved: dict[int, tuple[Any, Any]],
    pair_build: Any,
    day: Any,
    early: Any,
    error: Any,
    errors: dict[tuple[str, str], int],
) -> tuple[Any, Any, Any, Any, list[str]]:
    """Per (build, day) pair: installed KB code, missing count, days overdue and state code.

    A UBR of a client-only series makes its pair a ``not-server`` error (``error`` is
    updated in place)."""
    import numpy as np

    pairs = len(pair_build)
    kb_code = np.full(pairs, -1, dtype=np.int64)
    missing = np.zeros(pairs, dtype=np.int64)
    overdue = np.zeros(pairs, dtype=np.int64)
    state = np.full(pairs, -1, dtype=np.int64)
    kb_names: dict[str, int] = {}
    for pair in range(pairs):
        if error[pair] >= 0:
            continue
        identity, rel = resolved[int(pair_build[pair])]
        try:
            kb, count, days, status = patch_fields(
                data, identity, rel, Moment(day[pair].item(), bool(early[pair])))
        except WsiotError as exc:
            error[pair] = errors.setdefault((exc.short, error_kind_of(exc)), len(errors))
            continue
        state[pair] = PATCH_STATES.index(status)
        if kb is not None:
            kb_code[pair] = kb_names.setdefault(kb, len(kb_names))
        missing[pair], overdue[pair] = count or 0, days or 0
    return kb_code, missing, overdue, state, list(kb_names)


def _identities(frame: Any, build: str, products: dict[str, str]) -> tuple[Any, list[Any]]:
    """Codes of each row's (build, product facts) and the distinct ones, as SystemFacts."""
    import pandas as pandas_


    columns = [build, *products.values()]
    codes, uniques = pandas_.MultiIndex.from_frame(frame[columns].astype(object)).factorize()
    values: list[Any] = []
    for unique in uniques:
        raw, *facts = (None if _missing(v) else _integral(v) for v in unique)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            values.append(None)
            continue
        given = {field: none_if_blank(v) for field, v in zip(products, facts, strict=True)}
        if not any(v is not None for v in given.values()):
            values.append(raw)
            continue
        values.append(_Identity(_integral(raw), tuple(given.items())))
    return codes, values


def _missing(value: Any) -> bool:
    """None, NaN, NA or NaT: a cell with no value."""
    import pandas as pandas_

    try:
        return bool(pandas_.isna(value))
    except (TypeError, ValueError):  # a value pandas cannot judge (a list, say)
        return False


class _Identity(NamedTuple):
    """A build and the product facts that came with it, resolved by ``_resolve``."""

    build: Any
    products: tuple[tuple[str, Any], ...]


def _factorize(column: Any) -> tuple[Any, Any]:
    """Codes and distinct values of a column of any dtype, missing values coded -1."""
    import pandas as pandas_

    if isinstance(column.dtype, pandas_.CategoricalDtype):
        column = column.astype(object)  # categories that hold no row would be values too
    codes, values = pandas_.factorize(column, use_na_sentinel=True)
    return codes, list(values)


def _integral(value: Any) -> Any:
    """A float that holds a whole number (a build column with a blank cell is float64) as int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _require_column(frame: pd.DataFrame, column: Any) -> None:
    try:
        present = column in frame.columns
    except TypeError:  # an unhashable name
        present = False
    if not present:
        raise FleetError(f"no column {describe(column)} in the frame; columns: {list(frame.columns)}")


def _days(
    frame: pd.DataFrame,
    on: DateLike | None,
    date_column: str | None,
    errors: dict[tuple[str, str], int],
) -> tuple[Any, Any, Any, Any]:
    """Row codes into distinct days (None when one day serves all), the days, whether each
    moment comes before its day starts, and their errors."""
    import numpy as np

    if date_column is None:
        if on is None:
            raise FleetError("give on= (one day for every row) or date_column= (a day per row)")
        moment = lifecycle_moment(on)
        day, early = moment.day, moment.early
        return (None, np.array([day], dtype="datetime64[D]"), np.array([early]),
                np.array([-1]))
    _require_column(frame, date_column)
    codes, values = _factorize(frame[date_column])
    days = np.full(len(values) + 1, np.datetime64("NaT"), dtype="datetime64[D]")
    early_days = np.zeros(len(values) + 1, dtype=bool)
    problems = np.full(len(values) + 1, -1, dtype=np.int64)
    problems[-1] = errors.setdefault(("no date", "no-date"), len(errors))
    for index, value in enumerate(values):
        try:
            moment = lifecycle_moment(value)
            day, early = moment.day, moment.early
        except WsiotError as exc:
            problems[index] = errors.setdefault((exc.short, "invalid-date"), len(errors))
            continue
        days[index], early_days[index] = np.datetime64(day, "D"), early
    return codes, days, early_days, problems

