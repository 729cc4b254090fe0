"""Text and HTML rendering of catalogue objects, shared by notebooks and the CLI.

Pure string building: no I/O, so the core's ``_repr_html_`` methods may use it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Edition, Release
    from .licensing import Assessment
    from .lifecycle import ServicingStatus
    from .recommend import EditionRecommendation

__all__ = [
    "assessment_html",
    "edition_html",
    "recommendation_html",
    "releases_html",
    "statuses_html",
    "text_table",
]

PHASE_COLOURS = {
    "not-yet-available": "#57606a",
    "mainstream": "#1a7f37",
    "extended": "#0969da",
    "esu": "#9a6700",
    "ended": "#cf222e",
}
"""The colour of each lifecycle phase, shared by tables and the timeline plot."""

_OUTCOME_COLOURS = {"passed": "#1a7f37", "failed": "#cf222e", "unknown": "#9a6700",
                    "not-applicable": "#57606a"}


def text_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An aligned plain-text table.

    >>> print(text_table(["a", "bb"], [[1, 2], [333, 4]]))
    a    bb
    ---  --
    1    2
    333  4
    """
    body = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in body)) if body else len(str(h))
              for i, h in enumerate(headers)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines)


def _table_html(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table class='wsiot'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def releases_html(releases: Sequence[Release]) -> str:
    """An HTML table of releases and their lifecycle dates."""
    return _table_html(
        ["Release", "Build", "Available", "Mainstream end", "End of servicing"],
        [
            (r.name, r.kernel_version, r.released, r.mainstream_end, r.servicing_end)
            for r in releases
        ],
    )


def edition_html(edition: Edition) -> str:
    """An HTML table describing one edition."""
    return _table_html(
        ["Edition", "Purpose", "Limits"], [(edition.name, edition.purpose, edition.limits)]
    )


def recommendation_html(rec: EditionRecommendation) -> str:
    """An HTML summary of an edition recommendation: the choice, its reasons, the rest."""
    title = html.escape(f"{rec.edition.name} for {rec.workload.scenario.title} on {rec.release.name}")
    reasons = "".join(f"<li>{html.escape(reason)}</li>" for reason in rec.reasons)
    table = _table_html(["Edition", "Not chosen because"],
                        [(r.edition.name, r.reason) for r in rec.rejected])
    return f"<div class='wsiot'><strong>{title}</strong><ul>{reasons}</ul>{table}</div>"


def assessment_html(assessment: Assessment) -> str:
    """An HTML report of a qualification assessment, outcomes coloured."""
    head = html.escape(f"{assessment.appliance.name}: {assessment.verdict}")
    rows = "".join(
        f"<tr><td style='color:{_OUTCOME_COLOURS[r.outcome.value]}'>{r.outcome.value}</td>"
        f"<td>{html.escape(r.rule.id)}</td><td>{html.escape(r.reason)}</td></tr>"
        for r in assessment.results
    )
    table = ("<table class='wsiot'><thead><tr><th>Outcome</th><th>Rule</th><th>Reason</th>"
             f"</tr></thead><tbody>{rows}</tbody></table>")
    return f"<div class='wsiot'><strong>{head}</strong>{table}</div>"


def statuses_html(statuses: Sequence[ServicingStatus]) -> str:
    """An HTML table of servicing statuses, the phase coloured."""
    rows = "".join(
        "<tr>"
        f"<td>{html.escape(s.release.name)}</td><td>{s.release.build}</td>"
        f"<td>{s.on.isoformat()}</td>"
        f"<td style='color:{PHASE_COLOURS[s.phase.value]};font-weight:bold'>"
        f"{html.escape(s.phase.label)}</td>"
        f"<td>{s.serviced_until.isoformat()}</td><td>{s.days_left}</td>"
        "</tr>"
        for s in statuses
    )
    head = "".join(f"<th>{h}</th>" for h in
                   ("Release", "Build", "On", "Phase", "Serviced until", "Days left"))
    return f"<table class='wsiot'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
