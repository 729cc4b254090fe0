"""winget package identifiers and the product names their manifests give.

``winget export`` writes only identifiers (``Mozilla.Thunderbird``). Each row names the
package as its default-locale manifest in the Windows Package Manager community repository
does (``PackageName`` and ``Publisher``), and cites that manifest's folder; an identifier not
listed here is reported as unrecognised and judged by its own text. Rows cover the packages
the application vocabulary speaks to: forbidden products, allowed ones and platform software.
"""

from __future__ import annotations

from typing import Final, TypedDict

__all__ = ["BY_IDENTIFIER", "MANIFESTS_URL", "PACKAGES", "WingetPackage"]

MANIFESTS_URL: Final = "https://github.com/microsoft/winget-pkgs/tree/master/manifests"
"""Where each row's manifest lives: ``{MANIFESTS_URL}/{manifest}``."""


class WingetPackage(TypedDict):
    """A winget identifier, its manifest's PackageName and Publisher, and the manifest folder
    (below :data:`MANIFESTS_URL`)."""

    identifier: str
    name: str
    publisher: str
    manifest: str


def _row(identifier: str, name: str, publisher: str) -> WingetPackage:
    first = identifier[0].lower()
    return {"identifier": identifier, "name": name, "publisher": publisher,
            "manifest": f"{first}/{identifier.replace('.', '/')}"}


PACKAGES: Final[tuple[WingetPackage, ...]] = (
)
"""The identifiers wsiot names."""

BY_IDENTIFIER: Final[dict[str, WingetPackage]] = {
    row["identifier"].casefold(): row for row in PACKAGES}
"""Each row by its identifier, case folded (winget matches identifiers without case)."""
