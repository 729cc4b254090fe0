"""Microsoft's update pages, read from saved files or fetched from their addresses.

:func:`import_update_pages` is the refresh: it reads each source (a page saved from a
browser, or an ``https://`` address fetched with the standard library: a timeout, a size
cap, few redirects, HTML or text only) and returns :func:`~wsiot.model.update_import.
import_updates`'s result: the new history and the diff. Reading pages is I/O, so it lives
here; making sense of them is the model's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wsiot.errors import ProfileError, describe, printable
from wsiot.io.files import StrPath, check_path, read_text
from wsiot.model.update_import import UpdateImport, import_updates
from wsiot.model.update_pages import MAX_PAGE_CHARACTERS, PageEntry, update_entries
from wsiot.model.updates import UpdateHistory

__all__ = ["FETCH_TIMEOUT", "MAX_PAGE_BYTES", "MAX_REDIRECTS", "fetch_page",
           "import_update_pages", "read_update_pages"]

FETCH_TIMEOUT = 30.0
"""Seconds a page may take to answer."""
MAX_PAGE_BYTES = MAX_PAGE_CHARACTERS
"""A fetched page larger than this is refused (the largest history page is about 400 KB)."""
MAX_REDIRECTS = 3
"""Redirects followed before a fetch is refused."""

_CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']canonical[\"'][^>]*\bhref=[\"'](https?://[^\"'<>\s]+)"
                        r"|<link\b[^>]*\bhref=[\"'](https?://[^\"'<>\s]+)[\"'][^>]*\brel=[\"']canonical",
                        re.IGNORECASE)
_TEXT_TYPES = ("text/html", "text/plain", "text/markdown", "application/xhtml+xml")


def fetch_page(url: str, *, timeout: float = FETCH_TIMEOUT) -> str:
    """The text of the page at ``url`` (http or https only), or a one-line ProfileError."""
    if not isinstance(url, str) or not re.match(r"https?://", url, re.IGNORECASE):
        raise ProfileError(f"{describe(url)}: only http and https addresses are fetched")
    import urllib.error  # only a fetch needs them (they cost 25 ms to import)
    import urllib.request

    class FewRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

    opener = urllib.request.build_opener(FewRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": "wsiot update import"})
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in _TEXT_TYPES:
                raise ProfileError(f"{printable(url)}: not a page ({kind})")
            body: bytes = response.read(MAX_PAGE_BYTES + 1)
            charset: str = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        raise ProfileError(f"{printable(url)}: the server answered {exc.code} "
                           f"{printable(str(exc.reason))}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ProfileError(f"{printable(url)}: cannot fetch: {printable(str(reason))}") from None
    if len(body) > MAX_PAGE_BYTES:
        raise ProfileError(f"{printable(url)}: larger than {MAX_PAGE_BYTES:,} bytes")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def read_update_pages(sources: Iterable[StrPath]) -> tuple[PageEntry, ...]:
    """Every update entry of the pages ``sources`` name: saved files or http(s) addresses.
    Each entry cites its page's canonical address where the page gives one."""
    entries: list[PageEntry] = []
    for source in sources:
        if isinstance(source, str) and re.match(r"https?://", source, re.IGNORECASE):
            page, cited = fetch_page(source), source
        else:
            page, cited = read_text(source), str(check_path(source))
        found = _CANONICAL.search(page[:200_000])
        if found is not None:
            cited = found.group(1) or found.group(2)
        entries += update_entries(page, cited)
    return tuple(entries)


def import_update_pages(sources: Iterable[StrPath], *, base: UpdateHistory | None = None,
                        prefer_pages: bool = False) -> UpdateImport:
    """The refresh: the base history (default: the one in use) with what ``sources`` add,
    and the diff. See :func:`~wsiot.model.update_import.import_updates`.

    >>> import pathlib, tempfile
    >>> page = pathlib.Path(tempfile.mkdtemp()) / "2022.html"
    >>> _ = page.write_text("<p>August 11, 2026&mdash;KB5120242 (OS Build 20348.5499)</p>")
    >>> print(import_update_pages([page]))
    0 new, 1 confirmed, 0 conflicting, 0 known discrepancies, 0 refused; 0 entries of other builds skipped
    """
    return import_updates(read_update_pages(sources), base, prefer_pages=prefer_pages)

