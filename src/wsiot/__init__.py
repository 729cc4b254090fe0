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

from wsiot import _moved
from wsiot.errors import (
    AmbiguousBuildError as AmbiguousBuildError,
)
from wsiot.errors import (
    AmbiguousDateError as AmbiguousDateError,
)
from wsiot.errors import (
    CatalogError as CatalogError,
)
from wsiot.errors import (
    ConflictingRequirementsError as ConflictingRequirementsError,
)
from wsiot.errors import (
    FleetError as FleetError,
)
from wsiot.errors import (
    InvalidApplianceError as InvalidApplianceError,
)
from wsiot.errors import (
    InvalidArgumentError as InvalidArgumentError,
)
from wsiot.errors import (
    InvalidBuildError as InvalidBuildError,
)
from wsiot.errors import (
    InvalidDateError as InvalidDateError,
)
from wsiot.errors import (
    InvalidSystemFactsError as InvalidSystemFactsError,
)
from wsiot.errors import (
    InvalidWorkloadError as InvalidWorkloadError,
)
from wsiot.errors import (
    NoEditionError as NoEditionError,
)
from wsiot.errors import (
    NotServerError as NotServerError,
)
from wsiot.errors import (
    NotWindowsError as NotWindowsError,
)
from wsiot.errors import (
    ProfileError as ProfileError,
)
from wsiot.errors import (
    UnknownApplicationError as UnknownApplicationError,
)
from wsiot.errors import (
    UnknownBuildError as UnknownBuildError,
)
from wsiot.errors import (
    UnknownEditionError as UnknownEditionError,
)
from wsiot.errors import (
    UnknownHostError as UnknownHostError,
)
from wsiot.errors import (
    UnknownQualificationError as UnknownQualificationError,
)
from wsiot.errors import (
    UnknownReleaseError as UnknownReleaseError,
)
from wsiot.errors import (
    UnknownUpdateError as UnknownUpdateError,
)
from wsiot.errors import (
    UnknownWorkloadError as UnknownWorkloadError,
)
from wsiot.errors import (
    UpdateDataError as UpdateDataError,
)
from wsiot.errors import (
    WsiotError as WsiotError,
)

__version__ = "0.1.0"

# The public surface, declared once: each name beside the module that defines it.
# Names load on first use (PEP 562). The typing block below mirrors this table for
# type checkers; tests/test_architecture.py keeps the two equal.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "wsiot.fleet.stream": (
        "AuditRow", "AuditSummary", "audit", "audit_counts", "audit_frame",
    ),
    "wsiot.frames": (
        "editions_frame", "releases_frame",
    ),
    "wsiot.io.files": (
        "ACCEPTED_ENCODINGS",
    ),
    "wsiot.io.formats": (
        "dump_catalog", "dump_updates", "from_endoflife", "load_appliance", "load_catalog",
        "load_updates", "to_endoflife",
    ),
    "wsiot.io.inventory": (
        "ColumnMap", "recognise_columns",
    ),
    "wsiot.model.applications": (
        "Application", "ApplicationMatch", "DeclaredApplication", "Recognition", "application",
        "classify_application", "explain_application",
    ),
    "wsiot.model.catalog": (
        "CATALOG_VERSION", "DATA_AS_OF", "Catalog", "Citation", "Discrepancy", "Edition",
        "EditionKind", "Editions", "Release", "Releases", "Source", "Statuses", "check_catalog",
        "client_release_name", "default_catalog", "edition", "editions", "is_second_tuesday",
        "records", "release", "release_for", "releases", "releases_for",
    ),
    "wsiot.model.lifecycle": (
        "Phase", "ServicingStatus",
    ),
    "wsiot.model.system": (
        "Fact", "SystemFacts", "edition_of_id", "edition_of_sku",
    ),
    "wsiot.model.workloads": (
        "UNLIMITED", "Scenario", "Workload", "scenarios", "workload",
    ),
    "wsiot.plot": (
        "timeline",
    ),
    "wsiot.rules.containers": (
        "ContainerHost", "ContainerUse", "ContainerVerdict", "container_use",
    ),
    "wsiot.rules.editions": (
        "EditionRecommendation", "Rejection", "edition_for", "recommend_edition",
    ),
    "wsiot.rules.installation": (
        "InstallationCheck", "InstallationResult", "check_installation",
    ),
    "wsiot.rules.patchlevel": (
        "UPDATES_AS_OF", "UPDATES_VERSION", "PatchStatus", "SeriesSplit", "Update",
        "UpdateHistory", "UpdateKind", "check_updates", "default_updates", "next_patch_tuesday",
        "patch_status", "resolve_updates", "update_for", "updates",
    ),
    "wsiot.rules.qualification": (
        "Appliance", "Assessment", "Outcome", "Qualification", "RuleResult", "qualification",
        "qualifications", "qualify",
    ),
    "wsiot.rules.servicing": (
        "is_in_servicing", "servicing_status",
    ),
    "wsiot.testing": (
        "assert_eligible", "assert_installation_ok", "assert_not_eligible",
    ),
    "wsiot.values.builds": (
        "ACCEPTED_BUILD_FORMS", "Build", "BuildLike", "WindowsVersionLike", "parse_build",
    ),
    "wsiot.values.dates": (
        "ACCEPTED_DATE_FORMS", "DateLike", "lifecycle_day",
    ),
}
_LAZY = {name: module for module, names in _PUBLIC.items() for name in names}
_LAZY["describe"] = "wsiot.errors"

if TYPE_CHECKING:
    from wsiot.errors import describe as describe
    from wsiot.fleet.stream import (
        AuditRow as AuditRow,
    )
    from wsiot.fleet.stream import (
        AuditSummary as AuditSummary,
    )
    from wsiot.fleet.stream import (
        audit as audit,
    )
    from wsiot.fleet.stream import (
        audit_counts as audit_counts,
    )
    from wsiot.fleet.stream import (
        audit_frame as audit_frame,
    )
    from wsiot.frames import (
        editions_frame as editions_frame,
    )
    from wsiot.frames import (
        releases_frame as releases_frame,
    )
    from wsiot.io.files import (
        ACCEPTED_ENCODINGS as ACCEPTED_ENCODINGS,
    )
    from wsiot.io.formats import (
        dump_catalog as dump_catalog,
    )
    from wsiot.io.formats import (
        dump_updates as dump_updates,
    )
    from wsiot.io.formats import (
        from_endoflife as from_endoflife,
    )
    from wsiot.io.formats import (
        load_appliance as load_appliance,
    )
    from wsiot.io.formats import (
        load_catalog as load_catalog,
    )
    from wsiot.io.formats import (
        load_updates as load_updates,
    )
    from wsiot.io.formats import (
        to_endoflife as to_endoflife,
    )
    from wsiot.io.inventory import (
        ColumnMap as ColumnMap,
    )
    from wsiot.io.inventory import (
        recognise_columns as recognise_columns,
    )
    from wsiot.model.applications import (
        Application as Application,
    )
    from wsiot.model.applications import (
        ApplicationMatch as ApplicationMatch,
    )
    from wsiot.model.applications import (
        DeclaredApplication as DeclaredApplication,
    )
    from wsiot.model.applications import (
        Recognition as Recognition,
    )
    from wsiot.model.applications import (
        application as application,
    )
    from wsiot.model.applications import (
        classify_application as classify_application,
    )
    from wsiot.model.applications import (
        explain_application as explain_application,
    )
    from wsiot.model.catalog import (
        CATALOG_VERSION as CATALOG_VERSION,
    )
    from wsiot.model.catalog import (
        DATA_AS_OF as DATA_AS_OF,
    )
    from wsiot.model.catalog import (
        Catalog as Catalog,
    )
    from wsiot.model.catalog import (
        Citation as Citation,
    )
    from wsiot.model.catalog import (
        Discrepancy as Discrepancy,
    )
    from wsiot.model.catalog import (
        Edition as Edition,
    )
    from wsiot.model.catalog import (
        EditionKind as EditionKind,
    )
    from wsiot.model.catalog import (
        Editions as Editions,
    )
    from wsiot.model.catalog import (
        Release as Release,
    )
    from wsiot.model.catalog import (
        Releases as Releases,
    )
    from wsiot.model.catalog import (
        Source as Source,
    )
    from wsiot.model.catalog import (
        Statuses as Statuses,
    )
    from wsiot.model.catalog import (
        check_catalog as check_catalog,
    )
    from wsiot.model.catalog import (
        client_release_name as client_release_name,
    )
    from wsiot.model.catalog import (
        default_catalog as default_catalog,
    )
    from wsiot.model.catalog import (
        edition as edition,
    )
    from wsiot.model.catalog import (
        editions as editions,
    )
    from wsiot.model.catalog import (
        is_second_tuesday as is_second_tuesday,
    )
    from wsiot.model.catalog import (
        records as records,
    )
    from wsiot.model.catalog import (
        release as release,
    )
    from wsiot.model.catalog import (
        release_for as release_for,
    )
    from wsiot.model.catalog import (
        releases as releases,
    )
    from wsiot.model.catalog import (
        releases_for as releases_for,
    )
    from wsiot.model.lifecycle import (
        Phase as Phase,
    )
    from wsiot.model.lifecycle import (
        ServicingStatus as ServicingStatus,
    )
    from wsiot.model.system import (
        Fact as Fact,
    )
    from wsiot.model.system import (
        SystemFacts as SystemFacts,
    )
    from wsiot.model.system import (
        edition_of_id as edition_of_id,
    )
    from wsiot.model.system import (
        edition_of_sku as edition_of_sku,
    )
    from wsiot.model.workloads import (
        UNLIMITED as UNLIMITED,
    )
    from wsiot.model.workloads import (
        Scenario as Scenario,
    )
    from wsiot.model.workloads import (
        Workload as Workload,
    )
    from wsiot.model.workloads import (
        scenarios as scenarios,
    )
    from wsiot.model.workloads import (
        workload as workload,
    )
    from wsiot.plot import (
        timeline as timeline,
    )
    from wsiot.rules.containers import (
        ContainerHost as ContainerHost,
    )
    from wsiot.rules.containers import (
        ContainerUse as ContainerUse,
    )
    from wsiot.rules.containers import (
        ContainerVerdict as ContainerVerdict,
    )
    from wsiot.rules.containers import (
        container_use as container_use,
    )
    from wsiot.rules.editions import (
        EditionRecommendation as EditionRecommendation,
    )
    from wsiot.rules.editions import (
        Rejection as Rejection,
    )
    from wsiot.rules.editions import (
        edition_for as edition_for,
    )
    from wsiot.rules.editions import (
        recommend_edition as recommend_edition,
    )
    from wsiot.rules.installation import (
        InstallationCheck as InstallationCheck,
    )
    from wsiot.rules.installation import (
        InstallationResult as InstallationResult,
    )
    from wsiot.rules.installation import (
        check_installation as check_installation,
    )
    from wsiot.rules.patchlevel import (
        UPDATES_AS_OF as UPDATES_AS_OF,
    )
    from wsiot.rules.patchlevel import (
        UPDATES_VERSION as UPDATES_VERSION,
    )
    from wsiot.rules.patchlevel import (
        PatchStatus as PatchStatus,
    )
    from wsiot.rules.patchlevel import (
        SeriesSplit as SeriesSplit,
    )
    from wsiot.rules.patchlevel import (
        Update as Update,
    )
    from wsiot.rules.patchlevel import (
        UpdateHistory as UpdateHistory,
    )
    from wsiot.rules.patchlevel import (
        UpdateKind as UpdateKind,
    )
    from wsiot.rules.patchlevel import (
        check_updates as check_updates,
    )
    from wsiot.rules.patchlevel import (
        default_updates as default_updates,
    )
    from wsiot.rules.patchlevel import (
        next_patch_tuesday as next_patch_tuesday,
    )
    from wsiot.rules.patchlevel import (
        patch_status as patch_status,
    )
    from wsiot.rules.patchlevel import (
        resolve_updates as resolve_updates,
    )
    from wsiot.rules.patchlevel import (
        update_for as update_for,
    )
    from wsiot.rules.patchlevel import (
        updates as updates,
    )
    from wsiot.rules.qualification import (
        Appliance as Appliance,
    )
    from wsiot.rules.qualification import (
        Assessment as Assessment,
    )
    from wsiot.rules.qualification import (
        Outcome as Outcome,
    )
    from wsiot.rules.qualification import (
        Qualification as Qualification,
    )
    from wsiot.rules.qualification import (
        RuleResult as RuleResult,
    )
    from wsiot.rules.qualification import (
        qualification as qualification,
    )
    from wsiot.rules.qualification import (
        qualifications as qualifications,
    )
    from wsiot.rules.qualification import (
        qualify as qualify,
    )
    from wsiot.rules.servicing import (
        is_in_servicing as is_in_servicing,
    )
    from wsiot.rules.servicing import (
        servicing_status as servicing_status,
    )
    from wsiot.testing import (
        assert_eligible as assert_eligible,
    )
    from wsiot.testing import (
        assert_installation_ok as assert_installation_ok,
    )
    from wsiot.testing import (
        assert_not_eligible as assert_not_eligible,
    )
    from wsiot.values.builds import (
        ACCEPTED_BUILD_FORMS as ACCEPTED_BUILD_FORMS,
    )
    from wsiot.values.builds import (
        Build as Build,
    )
    from wsiot.values.builds import (
        BuildLike as BuildLike,
    )
    from wsiot.values.builds import (
        WindowsVersionLike as WindowsVersionLike,
    )
    from wsiot.values.builds import (
        parse_build as parse_build,
    )
    from wsiot.values.dates import (
        ACCEPTED_DATE_FORMS as ACCEPTED_DATE_FORMS,
    )
    from wsiot.values.dates import (
        DateLike as DateLike,
    )
    from wsiot.values.dates import (
        lifecycle_day as lifecycle_day,
    )

_ERRORS = sorted(name for name in list(globals()) if name.endswith("Error"))
__all__ = [*sorted(_LAZY), *_ERRORS, "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        moved = _moved.submodule(name)  # an old module path, kept for one release
        if moved is not None:
            return moved
        raise AttributeError(f"module 'wsiot' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_moved.install()
