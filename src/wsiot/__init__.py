"""wsiot: Windows Server IoT in code.

Which edition fits a workload, whether an appliance qualifies for the
dedicated-use licence, and whether a build is serviced on a given day.

>>> import wsiot
>>> wsiot.is_in_servicing("10.0.20348.2762", "2030-01-01")
True
>>> wsiot.release_for(17763).servicing_end.isoformat()
'2029-01-09'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from .applications import Application, application, classify_application
from .builds import ACCEPTED_BUILD_FORMS, Build, parse_build
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
from .containers import ContainerHost, ContainerUse, ContainerVerdict, container_use
from .dates import ACCEPTED_DATE_FORMS, lifecycle_day
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
from .lifecycle import Phase, ServicingStatus
from .qualification import (
    Appliance,
    Assessment,
    Outcome,
    Qualification,
    RuleResult,
    qualification,
    qualifications,
    qualify,
)
from .recommend import EditionRecommendation, Rejection, edition_for, recommend_edition
from .servicing import is_in_servicing, servicing_status
from .workloads import UNLIMITED, Scenario, Workload, scenarios, workload

try:
    __version__ = _version("wsiot")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

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
