"""wsiot: Windows Server IoT in code.

Which edition fits a workload, whether an appliance qualifies for the
dedicated-use licence, and whether a build is serviced on a given day.

>>> import wsiot
>>> wsiot.is_in_servicing("10.0.20348.2762", "2030-01-01")
True
>>> wsiot.release_for(17763).servicing_end.isoformat()
'2029-01-09'

Every public name is importable from here. Submodules load on first use
(PEP 562), so ``import wsiot`` stays cheap and a program that only checks
servicing never loads the qualification rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AmbiguousBuildError,
    AmbiguousDateError,
    CatalogError,
    ConflictingRequirementsError,
    FleetError,
    InvalidApplianceError,
    InvalidArgumentError,
    InvalidBuildError,
    InvalidDateError,
    InvalidSystemFactsError,
    InvalidWorkloadError,
    NoEditionError,
    NotServerError,
    NotWindowsError,
    ProfileError,
    UnknownApplicationError,
    UnknownBuildError,
    UnknownEditionError,
    UnknownHostError,
    UnknownQualificationError,
    UnknownReleaseError,
    UnknownWorkloadError,
    WsiotError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .applications import (
        Application,
        ApplicationMatch,
        DeclaredApplication,
        Recognition,
        application,
        classify_application,
        explain_application,
    )
    from .builds import (
        ACCEPTED_BUILD_FORMS,
        Build,
        BuildLike,
        WindowsVersionLike,
        parse_build,
    )
    from .catalog import (
        CATALOG_VERSION,
        DATA_AS_OF,
        Catalog,
        Citation,
        Discrepancy,
        Edition,
        EditionKind,
        Editions,
        Release,
        Releases,
        Source,
        Statuses,
        check_catalog,
        client_release_name,
        default_catalog,
        edition,
        editions,
        is_second_tuesday,
        records,
        release,
        release_for,
        releases,
        releases_for,
    )
    from .containers import (
        ContainerHost,
        ContainerUse,
        ContainerVerdict,
        container_use,
    )
    from .dates import (
        ACCEPTED_DATE_FORMS,
        DateLike,
        lifecycle_day,
    )
    from .errors import (
        InvalidArgumentError,
        describe,
    )
    from .files import (
        ACCEPTED_ENCODINGS,
    )
    from .fleet import (
        AuditRow,
        AuditSummary,
        audit,
        audit_frame,
    )
    from .frames import (
        editions_frame,
        releases_frame,
    )
    from .installation import (
        InstallationCheck,
        InstallationResult,
        check_installation,
    )
    from .io import (
        dump_catalog,
        from_endoflife,
        load_appliance,
        load_catalog,
        to_endoflife,
    )
    from .licensing import (
        Appliance,
        Assessment,
        Outcome,
        Qualification,
        RuleResult,
        qualification,
        qualifications,
        qualify,
    )
    from .lifecycle import (
        Phase,
        ServicingStatus,
    )
    from .plot import (
        timeline,
    )
    from .recommend import (
        EditionRecommendation,
        Rejection,
        edition_for,
        recommend_edition,
    )
    from .servicing import (
        is_in_servicing,
        servicing_status,
    )
    from .system import (
        Fact,
        SystemFacts,
        edition_of_id,
        edition_of_sku,
    )
    from .testing import (
        assert_eligible,
        assert_installation_ok,
        assert_not_eligible,
    )
    from .workloads import (
        UNLIMITED,
        Scenario,
        Workload,
        scenarios,
        workload,
    )


_LAZY = {
    "assert_installation_ok": "testing",
    "InstallationResult": "installation",
    "InstallationCheck": "installation",
    "check_installation": "installation",
    "edition_of_sku": "system",
    "edition_of_id": "system",
    "client_release_name": "catalog",
    "Fact": "system",
    "SystemFacts": "system",
    "Editions": "catalog",
    "describe": "errors",
    "ACCEPTED_ENCODINGS": "files",
    "explain_application": "applications",
    "Recognition": "applications",
    "DeclaredApplication": "applications",
    "ApplicationMatch": "applications",
    "WindowsVersionLike": "builds",
    "timeline": "plot",
    "releases_frame": "frames",
    "editions_frame": "frames",
    "assert_not_eligible": "testing",
    "assert_eligible": "testing",
    "to_endoflife": "io",
    "load_catalog": "io",
    "load_appliance": "io",
    "from_endoflife": "io",
    "dump_catalog": "io",
    "audit_frame": "fleet",
    "audit": "fleet",
    "AuditSummary": "fleet",
    "AuditRow": "fleet",
    "DateLike": "dates",
    "BuildLike": "builds",
    "ACCEPTED_BUILD_FORMS": "builds",
    "ACCEPTED_DATE_FORMS": "dates",
    "Appliance": "licensing",
    "Application": "applications",
    "application": "applications",
    "Assessment": "licensing",
    "Build": "builds",
    "Catalog": "catalog",
    "CATALOG_VERSION": "catalog",
    "check_catalog": "catalog",
    "Citation": "catalog",
    "classify_application": "applications",
    "container_use": "containers",
    "ContainerHost": "containers",
    "ContainerUse": "containers",
    "ContainerVerdict": "containers",
    "DATA_AS_OF": "catalog",
    "default_catalog": "catalog",
    "Discrepancy": "catalog",
    "Edition": "catalog",
    "edition": "catalog",
    "edition_for": "recommend",
    "EditionKind": "catalog",
    "EditionRecommendation": "recommend",
    "editions": "catalog",
    "is_in_servicing": "servicing",
    "is_second_tuesday": "catalog",
    "lifecycle_day": "dates",
    "Outcome": "licensing",
    "parse_build": "builds",
    "Phase": "lifecycle",
    "Qualification": "licensing",
    "qualification": "licensing",
    "qualifications": "licensing",
    "qualify": "licensing",
    "recommend_edition": "recommend",
    "records": "catalog",
    "Rejection": "recommend",
    "Release": "catalog",
    "release": "catalog",
    "release_for": "catalog",
    "Releases": "catalog",
    "releases": "catalog",
    "releases_for": "catalog",
    "RuleResult": "licensing",
    "Scenario": "workloads",
    "scenarios": "workloads",
    "servicing_status": "servicing",
    "ServicingStatus": "lifecycle",
    "Source": "catalog",
    "Statuses": "catalog",
    "UNLIMITED": "workloads",
    "Workload": "workloads",
    "workload": "workloads",
}

__all__ = [
    "ACCEPTED_BUILD_FORMS",
    "ACCEPTED_DATE_FORMS",
    "ACCEPTED_ENCODINGS",
    "CATALOG_VERSION",
    "DATA_AS_OF",
    "UNLIMITED",
    "AmbiguousBuildError",
    "AmbiguousDateError",
    "Appliance",
    "Application",
    "ApplicationMatch",
    "Assessment",
    "AuditRow",
    "AuditSummary",
    "Build",
    "BuildLike",
    "Catalog",
    "CatalogError",
    "Citation",
    "ConflictingRequirementsError",
    "ContainerHost",
    "ContainerUse",
    "ContainerVerdict",
    "DateLike",
    "DeclaredApplication",
    "Discrepancy",
    "Edition",
    "EditionKind",
    "EditionRecommendation",
    "Editions",
    "Fact",
    "FleetError",
    "InstallationCheck",
    "InstallationResult",
    "InvalidApplianceError",
    "InvalidArgumentError",
    "InvalidBuildError",
    "InvalidDateError",
    "InvalidSystemFactsError",
    "InvalidWorkloadError",
    "NoEditionError",
    "NotServerError",
    "NotWindowsError",
    "Outcome",
    "Phase",
    "ProfileError",
    "Qualification",
    "Recognition",
    "Rejection",
    "Release",
    "Releases",
    "RuleResult",
    "Scenario",
    "ServicingStatus",
    "Source",
    "Statuses",
    "SystemFacts",
    "UnknownApplicationError",
    "UnknownBuildError",
    "UnknownEditionError",
    "UnknownHostError",
    "UnknownQualificationError",
    "UnknownReleaseError",
    "UnknownWorkloadError",
    "WindowsVersionLike",
    "Workload",
    "WsiotError",
    "__version__",
    "application",
    "assert_eligible",
    "assert_installation_ok",
    "assert_not_eligible",
    "audit",
    "audit_frame",
    "check_catalog",
    "check_installation",
    "classify_application",
    "client_release_name",
    "container_use",
    "default_catalog",
    "describe",
    "dump_catalog",
    "edition",
    "edition_for",
    "edition_of_id",
    "edition_of_sku",
    "editions",
    "editions_frame",
    "explain_application",
    "from_endoflife",
    "is_in_servicing",
    "is_second_tuesday",
    "lifecycle_day",
    "load_appliance",
    "load_catalog",
    "parse_build",
    "qualification",
    "qualifications",
    "qualify",
    "recommend_edition",
    "records",
    "release",
    "release_for",
    "releases",
    "releases_for",
    "releases_frame",
    "scenarios",
    "servicing_status",
    "timeline",
    "to_endoflife",
    "workload",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wsiot' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
