"""Microsoft's update-history pages, read by the meaning of their text.

Every entry on the server update-history pages and the hotpatch release notes reads
"Month D, YYYY—KB####### (OS Build NNNNN.UUUU)", sometimes "(OS Builds A and B)", with
"Hotpatch" before the KB and "Preview", "Out-of-band" or "Hotpatch" after it. Navigation
markup changes (Microsoft renamed it in 2026); the words do not, so the text is what is
read: tags are dropped and entities decoded first. The release-information pages list the
same updates as table rows ("2025-10 B | 2025-10-14 | 20348.4294 | KB5066782", as HTML or
as the Learn page's markdown source), each with its type code, which gives its kind.

>>> page = '<li><a>July 14, 2026&#x2014;KB5099536 (OS Build 26100.33158)</a></li>'
>>> [str(e) for e in update_entries(page, "https://support.microsoft.com/help/5099536")]
['2026-07-14 KB5099536 10.0.26100.33158 security']
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import attrs

from wsiot.model.update import UpdateKind
from wsiot.values.builds import Build
from wsiot.values.dates import is_second_tuesday
from wsiot.values.validators import instance

__all__ = ["MAX_PAGE_CHARACTERS", "PageEntry", "page_text", "update_entries"]

MAX_PAGE_CHARACTERS = 16 * 1024 * 1024
"""Pages longer than this are cut there (the largest history page is about 400 KB)."""

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")
_ENTRY = re.compile(
    r"(?P<day>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) [0-9]{1,2}, [0-9]{4})\s*[\u2014\u2013-]\s*"
    r"(?P<hot>Hotpatch(?: public preview)?\s+)?(?P<kb>KB[0-9]{6,7})"
    r"(?P<note>[^()]{0,120}?)\s*\(OS Builds? (?P<builds>[0-9]{4,5}\.[0-9]{1,6}"
    r"(?:\s*(?:,|and|&)\s*[0-9]{4,5}\.[0-9]{1,6})*)\)?"
    r"(?:\s*(?P<label>Preview|Out-of-band|Hotpatch))?", re.IGNORECASE)
_OS_BUILD = re.compile(r"([0-9]{4,5})\.([0-9]{1,6})")
# a row of a release-information table, as HTML text or the Learn page's markdown source:
# "2025-10 B | 2025-10-14 | 20348.4294 | [KB5066782](...)"; its type code gives the kind
_TABLE_ROW = re.compile(
    r"\b[0-9]{4}-[0-9]{2} (?P<code>B|C|D|OOB|A|E)[\s|]+(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"[\s|]+(?P<build>[0-9]{4,5}\.[0-9]{1,6})[\s|\[]+(?P<kb>KB[0-9]{6,7})")
_TYPE_CODES = {"B": UpdateKind.SECURITY, "C": UpdateKind.PREVIEW, "D": UpdateKind.PREVIEW,
               "A": UpdateKind.OUT_OF_BAND, "E": UpdateKind.OUT_OF_BAND,
               "OOB": UpdateKind.OUT_OF_BAND}  # as wsiot.data.updates reads them


@attrs.frozen
class PageEntry:
    """One entry of an update-history page: a KB, its day, the OS builds it names, and the
    kind the page's own words give."""

    day: date
    kb: str
    builds: tuple[Build, ...]
    kind: UpdateKind
    words: str
    source: str

    def __str__(self) -> str:
        builds = ", ".join(str(b) for b in self.builds)
        return f"{self.day} {self.kb} {builds} {self.kind.value}"


def page_text(page: str) -> str:
    """A page's words: scripts and tags dropped, entities decoded, white space folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", page[:MAX_PAGE_CHARACTERS])))


def update_entries(page: str, source: str) -> tuple[PageEntry, ...]:
    """Every update entry of an update-history page (HTML as saved, or its text), once each,
    each citing ``source``. Entries with no OS build (a "Baseline" line) are no updates."""
    instance(page, str, "page", "the page as text")
    found: dict[tuple[str, tuple[Build, ...]], PageEntry] = {}
    text = page_text(page)
    for row in _TABLE_ROW.finditer(text):
        try:
            day = date.fromisoformat(row["day"])
        except ValueError:
            continue
        number, ubr = row["build"].split(".")
        if int(number) > 65535:
            continue
        builds: tuple[Build, ...] = (Build(10, 0, int(number), int(ubr)),)
        found.setdefault((row["kb"].upper(), builds), PageEntry(
            day=day, kb=row["kb"].upper(), builds=builds, kind=_TYPE_CODES[row["code"]],
            words=row.group(0), source=source))
    for match in _ENTRY.finditer(text):
        try:
            day = datetime.strptime(match["day"], "%B %d, %Y").date()
        except ValueError:  # "February 30, 2026" is no day
            continue
        builds = tuple(Build(10, 0, int(b), int(u)) for b, u in _OS_BUILD.findall(match["builds"])
                       if int(b) <= 65535)
        label = (match["label"] or "").casefold()
        note = (match["note"] or "").casefold()
        if match["hot"] or label == "hotpatch" or "(hotpatch)" in note:
            kind = UpdateKind.HOTPATCH
        elif label == "preview":
            kind = UpdateKind.PREVIEW
        elif label == "out-of-band" or not is_second_tuesday(day):
            kind = UpdateKind.OUT_OF_BAND
        else:
            kind = UpdateKind.SECURITY
        key = (match["kb"].upper(), builds)
        found.setdefault(key, PageEntry(day=day, kb=match["kb"].upper(), builds=builds,
                                        kind=kind, words=match.group(0), source=source))
    return tuple(found.values())
