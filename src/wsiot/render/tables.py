"""Text and HTML rendering of catalogue objects, shared by notebooks and the CLI.

Pure string building: no I/O, so the core's ``_repr_html_`` methods may use it.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wsiot.model.catalog import Edition, Release
    from wsiot.model.lifecycle import ServicingStatus
    from wsiot.model.system import SystemFacts
    from wsiot.rules.editions import EditionRecommendation
    from wsiot.rules.installation import InstallationCheck
    from wsiot.rules.patchlevel import PatchStatus, Update
    from wsiot.rules.qualification import Assessment

__all__ = [
    "assessment_html",
    "edition_html",
    "patch_status_html",
    "recommendation_html",
    "releases_html",
    "statuses_html",
    "text_table",
    "updates_html",
    "wrap_report",
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

PATCH_COLOURS = {"current": "#1a7f37", "behind": "#cf222e", "unknown": "#9a6700"}
"""The colour of each patch state ("current", "behind", "unknown")."""


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     r"\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """``text`` with every control, escape and direction-override character shown escaped.

    Text from files (release names, device ids, application names) goes
    through this before it reaches a terminal, so it cannot move the cursor,
    change colours or reorder what is shown. Newlines and tabs are kept.

    >>> print(terminal_safe("nas" + chr(27) + "[2J-01"))
    nas\\x1b[2J-01
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)


def text_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    width: int = 80,
    *,
    styles: Sequence[tuple[str, str]] | None = None,
) -> str:
    """An aligned plain-text table; the widest column wraps so lines fit in ``width``.

    ``styles`` gives each row a (prefix, suffix), such as terminal colour codes,
    put around its lines after layout so they never count as width.

    >>> print(text_table(["a", "bb"], [[1, 2], [333, 4]]))
    a    bb
    ---  --
    1    2
    333  4
    >>> print(text_table(["name", "note"], [["x", "a long note that wraps"]], width=16))
    name  note
    ----  ----------
    x     a long
          note that
          wraps
    >>> print(text_table(["a", "b"], [["x" * 12, "y" * 12]], width=10))  # floors win over width
    a             b
    ------------  ------------
    xxxxxxxxxxxx  yyyyyyyyyyyy
    """
    body = [[str(cell) for cell in row] for row in rows]
    widths = [max([len(str(h)), *(len(r[i]) for r in body)]) for i, h in enumerate(headers)]
    # a column never wraps narrower than its header or its longest word
    floors = [max([len(str(h)), *(len(word) for r in body for word in r[i].split())])
              for i, h in enumerate(headers)]
    while sum(widths) + 2 * (len(widths) - 1) > width:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for number, row in enumerate(body):
        prefix, suffix = ("", "") if styles is None else styles[number]
        cells = [textwrap.wrap(cell, w, break_long_words=False, break_on_hyphens=False) or [""]
                 for cell, w in zip(row, widths, strict=True)]
        for depth in range(max(len(c) for c in cells)):
            parts = [c[depth] if depth < len(c) else "" for c in cells]
            text = "  ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip()
            lines.append(prefix + text + suffix)
    return "\n".join(lines)


def wrap_report(text: str, width: int = 80) -> str:
    """Each line of a report wrapped to ``width``, continuation lines indented under it.

    >>> print(wrap_report("  [FAIL] rule: a reason long enough to wrap", width=24))
      [FAIL] rule: a reason
        long enough to wrap
    """
    out = []
    for line in text.splitlines():
        indent = " " * (len(line) - len(line.lstrip()))
        out.append(textwrap.fill(line, width, subsequent_indent=indent + "  ") if line else "")
    return "\n".join(out)


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


def facts_html(facts: SystemFacts) -> str:
    """An HTML table of what a machine reports, fact by fact, with each fact's source."""
    head = html.escape(str(facts))
    rows = [(f.name, f.value, f.source) for f in facts.facts]
    return f"<div class='wsiot'><strong>{head}</strong>" + _table_html(
        ["Fact", "Value", "Read from"], rows) + "</div>"


def installation_html(check: InstallationCheck) -> str:
    """An HTML report of an installation check, outcomes coloured."""
    head = html.escape(f"{check.facts.build}: {check.verdict}")
    table = _outcome_table("Check", ((r.outcome.value, r.check, r.reason) for r in check.results))
    return f"<div class='wsiot'><strong>{head}</strong>{table}</div>"


def _outcome_table(what: str, rows: Iterable[tuple[str, str, str]]) -> str:
    """A table of (outcome, name, reason) rows, each outcome in its colour."""
    body = "".join(
        f"<tr><td style='color:{_OUTCOME_COLOURS[outcome]}'>{outcome}</td>"
        f"<td>{html.escape(name)}</td><td>{html.escape(reason)}</td></tr>"
        for outcome, name, reason in rows
    )
    return (f"<table class='wsiot'><thead><tr><th>Outcome</th><th>{what}</th><th>Reason</th>"
            f"</tr></thead><tbody>{body}</tbody></table>")


def editions_html(editions: Sequence[Edition]) -> str:
    """An HTML table of editions: purpose and limits."""
    return _table_html(["Edition", "Purpose", "Limits"],
                       [(e.name, e.purpose, e.limits) for e in editions])


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
    table = _outcome_table("Rule", ((r.outcome.value, r.rule.id, r.reason)
                                    for r in assessment.results))
    apps = "".join(
        f"<tr><td>{html.escape(m.name)}</td><td>{html.escape(m.outcome.value)}</td>"
        f"<td>{html.escape(', '.join(c.title for c in m.categories))}</td>"
        f"<td>{html.escape(m.product or '')}</td><td>{'yes' if m.declared else ''}</td></tr>"
        for m in assessment.applications
    )
    if apps:
        table += ("<table class='wsiot'><thead><tr><th>Application</th><th>Outcome</th>"
                  "<th>Forbidden category</th><th>Recognised as</th><th>Declared</th></tr>"
                  f"</thead><tbody>{apps}</tbody></table>")
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


def updates_html(updates: Sequence[Update]) -> str:
    """An HTML table of updates, each KB linked to its source."""
    rows = "".join(
        f"<tr><td><a href='{html.escape(u.source)}'>{html.escape(u.title)}</a></td>"
        f"<td>{u.build}</td><td>{u.released.isoformat()}</td>"
        f"<td>{html.escape(u.kind.label)}</td></tr>"
        for u in updates
    )
    return ("<table class='wsiot'><thead><tr><th>KB</th><th>Build</th><th>Released</th>"
            f"<th>Kind</th></tr></thead><tbody>{rows}</tbody></table>")


def patch_status_html(status: PatchStatus) -> str:
    """An HTML report of a patch status: the state coloured, then the missing updates."""
    colour = PATCH_COLOURS[status.state]
    head = (f"<strong style='color:{colour}'>{html.escape(status.state)}</strong> "
            f"{html.escape(status.summary)}")
    table = updates_html(status.missing) if status.missing else ""
    return f"<div class='wsiot'><p>{head}</p>{table}</div>"
