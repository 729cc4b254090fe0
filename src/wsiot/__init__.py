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
    InvalidApplianceError,
    InvalidBuildError,
    InvalidDateError,
    InvalidWorkloadError,
    NoEditionError,
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
        application,
        classify_application,
    )
    from .builds import (
        ACCEPTED_BUILD_FORMS,
        Build,
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
        Release,
        Releases,
        Source,
        Statuses,
        check_catalog,
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
        lifecycle_day,
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
    from .workloads import (
        UNLIMITED,
        Scenario,
        Workload,
        scenarios,
        workload,
    )

_LAZY = {
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
    "CATALOG_VERSION",
    "DATA_AS_OF",
    "UNLIMITED",
    "AmbiguousBuildError",
    "AmbiguousDateError",
    "Appliance",
    "Application",
    "Assessment",
    "Build",
    "Catalog",
    "CatalogError",
    "Citation",
    "ConflictingRequirementsError",
    "ContainerHost",
    "ContainerUse",
    "ContainerVerdict",
    "Discrepancy",
    "Edition",
    "EditionKind",
    "EditionRecommendation",
    "InvalidApplianceError",
    "InvalidBuildError",
    "InvalidDateError",
    "InvalidWorkloadError",
    "NoEditionError",
    "Outcome",
    "Phase",
    "ProfileError",
    "Qualification",
    "Rejection",
    "Release",
    "Releases",
    "RuleResult",
    "Scenario",
    "ServicingStatus",
    "Source",
    "Statuses",
    "UnknownApplicationError",
    "UnknownBuildError",
    "UnknownEditionError",
    "UnknownHostError",
    "UnknownQualificationError",
    "UnknownReleaseError",
    "UnknownWorkloadError",
    "Workload",
    "WsiotError",
    "__version__",
    "application",
    "check_catalog",
    "classify_application",
    "container_use",
    "default_catalog",
    "edition",
    "edition_for",
    "editions",
    "is_in_servicing",
    "is_second_tuesday",
    "lifecycle_day",
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
    "scenarios",
    "servicing_status",
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
