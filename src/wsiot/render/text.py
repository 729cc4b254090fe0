"""Text for terminals: control characters escaped, aligned tables, wrapped reports.

>>> from wsiot.render.text import text_table
>>> print(text_table(["a", "bb"], [[1, 2]]))
a  bb
-  --
1  2
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence

__all__ = ["terminal_safe", "text_table", "wrap_report"]

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
