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
    _row("Mozilla.Thunderbird", "Mozilla Thunderbird (en-US)", "Mozilla"),
    _row("Microsoft.Teams", "Microsoft Teams", "Microsoft Corporation"),
    _row("Zoom.Zoom", "Zoom Workplace", "Zoom"),
    _row("SlackTechnologies.Slack", "Slack", "Slack Technologies Inc."),
    _row("Microsoft.Office", "Microsoft 365 Apps for enterprise", "Microsoft Corporation"),
    _row("Microsoft.Outlook", "Outlook for Windows", "Microsoft Corporation"),
    _row("Microsoft.Skype", "Skype", "Skype Technologies S.A."),
    _row("Cisco.Webex", "Webex", "Cisco Systems, Inc"),
    _row("Kakao.KakaoTalk", "KakaoTalk", "Kakao Corp."),
    _row("Discord.Discord", "Discord", "Discord Inc."),
    _row("Notion.Notion", "Notion", "Notion Labs, Inc"),
    _row("TheDocumentFoundation.LibreOffice", "LibreOffice", "The Document Foundation"),
    _row("Microsoft.VCRedist.2015+.x64", "Microsoft Visual C++ 2015-2022 Redistributable (x64)", "Microsoft Corporation"),
    _row("Microsoft.VCRedist.2015+.x86", "Microsoft Visual C++ 2015-2022 Redistributable (x86)", "Microsoft Corporation"),
    _row("Microsoft.VCRedist.2013.x64", "Microsoft Visual C++ 2013 Redistributable (x64)", "Microsoft Corporation"),
    _row("Microsoft.VCRedist.2010.x64", "Microsoft Visual C++ 2010 x64 Redistributable", "Microsoft Corporation"),
    _row("Microsoft.VCLibs.Desktop.14", "Microsoft Visual C++ 2015 UWP Desktop Runtime Package", "Microsoft Platform Extensions"),
    _row("Microsoft.DotNet.DesktopRuntime.6", "Microsoft .NET Windows Desktop Runtime 6.0", "Microsoft Corporation"),
    _row("Microsoft.DotNet.DesktopRuntime.8", "Microsoft .NET Windows Desktop Runtime 8.0", "Microsoft Corporation"),
    _row("Microsoft.DotNet.Runtime.8", "Microsoft .NET Runtime 8.0", "Microsoft Corporation"),
    _row("Microsoft.WindowsAppRuntime.1.8", "Windows App Runtime 1.8", "Microsoft Corporation"),
    _row("Microsoft.DirectX", "DirectX End-User Runtime Web Installer", "Microsoft Corporation"),
    _row("Microsoft.EdgeWebView2Runtime", "Microsoft Edge WebView2 Runtime", "Microsoft Corporation"),
    _row("Microsoft.Edge", "Microsoft Edge", "Microsoft Corporation"),
    _row("Google.Chrome", "Google Chrome", "Google LLC"),
    _row("Mozilla.Firefox", "Mozilla Firefox (en-US)", "Mozilla"),
    _row("Microsoft.OpenJDK.11", "Microsoft Build of OpenJDK with Hotspot 11", "Microsoft"),
    _row("Oracle.JavaRuntimeEnvironment", "Java 8", "Oracle Corporation"),
    _row("EclipseAdoptium.Temurin.17.JRE", "Eclipse Temurin JRE with Hotspot 17", "Eclipse Adoptium"),
    _row("Python.Python.3.12", "Python 3.12", "Python Software Foundation"),
    _row("Microsoft.PowerShell", "PowerShell", "Microsoft Corporation"),
    _row("Microsoft.AppInstaller", "App Installer", "Microsoft Corporation"),
    _row("Microsoft.WindowsTerminal", "Windows Terminal", "Microsoft Corporation"),
    _row("Microsoft.WSL", "Windows Subsystem for Linux", "Microsoft Corp."),
    _row("Nvidia.PhysX", "NVIDIA PhysX System Software", "NVIDIA Corporation"),
    _row("Git.Git", "Git", "The Git Development Community"),
    _row("7zip.7zip", "7-Zip", "Igor Pavlov"),
    _row("VideoLAN.VLC", "VLC media player", "VideoLAN"),
    _row("WiresharkFoundation.Wireshark", "Wireshark", "The Wireshark developer community"),
    _row("Microsoft.VisualStudioCode", "Microsoft Visual Studio Code", "Microsoft Corporation"),
    _row("Microsoft.SQLServerManagementStudio", "Microsoft SQL Server Management Studio 21", "Microsoft Corporation"),
    _row("Docker.DockerDesktop", "Docker Desktop", "Docker Inc."),
)
"""The identifiers wsiot names (manifests read in the repository as stored in 2026)."""

BY_IDENTIFIER: Final[dict[str, WingetPackage]] = {
    row["identifier"].casefold(): row for row in PACKAGES}
"""Each row by its identifier, case folded (winget matches identifiers without case)."""
