"""HTML tables from one builder: each class supplies its headers and rows.

Every cell is escaped; a link is rendered only for an ``http`` or ``https``
address, and a colour only from the palettes below.

>>> print(html_table(["Release", "Build"], [["IoT 2022", 20348]]))
<table class='wsiot'><thead><tr><th scope='col'>Release</th><th scope='col'>Build</th></tr></thead><tbody><tr><td>IoT 2022</td><td>20348</td></tr></tbody></table>
>>> safe_link("javascript:alert(1)") is None
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["OUTCOME_COLOURS", "PATCH_COLOURS", "PHASE_COLOURS", "Cell", "html_block", "html_page",
           "html_table", "outcome_rows", "safe_link"]

PHASE_COLOURS = {
    "not-yet-available": "#57606a",
    "mainstream": "#1a7f37",
    "extended": "#0969da",
    "esu": "#9a6700",
    "ended": "#cf222e",
}
"""The colour of each lifecycle phase, shared by tables, the timeline plot and the report."""

OUTCOME_COLOURS = {"passed": "#1a7f37", "failed": "#cf222e", "unknown": "#9a6700",
                   "not-applicable": "#57606a"}
"""The colour of each rule outcome."""

PATCH_COLOURS = {"current": "#1a7f37", "behind": "#cf222e", "unknown": "#9a6700"}
"""The colour of each patch state ("current", "behind", "unknown")."""


@attrs.frozen
class Cell:
    """A table cell with a colour, weight or link; plain values need no Cell."""

    value: object
    colour: str | None = None
    bold: bool = False
    link: str | None = None


def safe_link(address: object) -> str | None:
    """``address`` if it is an http or https URL, else None: only those become links.

    >>> safe_link(" https://support.microsoft.com/help/5044281 ")
    'https://support.microsoft.com/help/5044281'
    >>> safe_link("JavaScript:alert(1)") is None
    True
    """
    if not isinstance(address, str):
        return None
    stripped = address.strip()
    scheme = stripped.partition(":")[0].casefold()
    if scheme not in ("http", "https") or not stripped.partition(":")[2].startswith("//"):
        return None
    if any(ch in stripped for ch in "\"'<>` \t\r\n"):
        return None
    return stripped


def _cell(value: object, numeric: bool = False) -> str:
    tag = "<td class='n'" if numeric else "<td"
    if not isinstance(value, Cell):
        return f"{tag}>{html.escape('' if value is None else str(value))}</td>"
    text = html.escape(str(value.value))
    link = safe_link(value.link)
    if link is not None:
        text = f"<a href='{html.escape(link)}'>{text}</a>"
    style = []
    if value.colour is not None:
        style.append(f"color:{html.escape(value.colour)}")
    if value.bold:
        style.append("font-weight:bold")
    attribute = f" style='{';'.join(style)}'" if style else ""
    return f"{tag}{attribute}>{text}</td>"


def html_page(title: str, body: str, css: str = "") -> str:
    """A whole HTML document: ``title`` (escaped) and ``body`` (already HTML), with ``css``.

    >>> html_page("a & b", "<p>x</p>")[:40]
    "<!DOCTYPE html><html lang='en'><head><me"
    """
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title><style>{css}</style></head>"
            f"<body><main>{body}</main></body></html>")


def html_table(headers: Sequence[str], rows: Iterable[Sequence[object]], *,
               caption: str = "", numeric: Sequence[int] = (), empty: str = "") -> str:
    """An HTML table, every cell escaped; a :class:`Cell` adds colour, weight or a link.

    ``caption`` titles it; the columns at the ``numeric`` positions align right (class
    ``n``); ``empty``, when given, fills a table without rows.

    >>> html_table(["Device", "Days"], [], caption="Ending soon", numeric=(1,), empty="none")
    "<table class='wsiot'><caption>Ending soon</caption><thead><tr><th scope='col'>Device</th><th scope='col'>Days</th></tr></thead><tbody><tr><td colspan='2'>none</td></tr></tbody></table>"
    """
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in headers)
    right = frozenset(numeric)
    body = "".join("<tr>" + "".join(_cell(c, i in right) for i, c in enumerate(row)) + "</tr>"
                   for row in rows)
    if not body and empty:
        body = f"<tr><td colspan='{len(headers)}'>{html.escape(empty)}</td></tr>"
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"<table class='wsiot'>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
            "</table>")


def html_block(title: str, *parts: str, items: Sequence[str] = (), note: str = "",
               colour: str | None = None) -> str:
    """A titled block: the title and a ``note`` (escaped), a list of ``items`` (escaped),
    then ``parts`` (already HTML, such as tables).

    >>> html_block("nas-01: eligible", items=["a reason"])
    "<div class='wsiot'><p><strong>nas-01: eligible</strong></p><ul><li>a reason</li></ul></div>"
    """
    style = "" if colour is None else f" style='color:{html.escape(colour)}'"
    after = f" {html.escape(note)}" if note else ""
    listed = ("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"
              if items else "")
    return (f"<div class='wsiot'><p><strong{style}>{html.escape(title)}</strong>{after}</p>"
            f"{listed}{''.join(parts)}</div>")


def outcome_rows(rows: Iterable[tuple[str, str, str]]) -> list[tuple[Cell, str, str]]:
    """(outcome, name, reason) rows with each outcome in its colour."""
    return [(Cell(outcome, colour=OUTCOME_COLOURS[outcome]), name, reason)
            for outcome, name, reason in rows]
