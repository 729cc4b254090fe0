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
    AmbiguousDateError as AmbiguousDateError,
    CatalogError as CatalogError,
    ConflictingRequirementsError as ConflictingRequirementsError,
    FleetError as FleetError,
    InvalidApplianceError as InvalidApplianceError,
    InvalidArgumentError as InvalidArgumentError,
    InvalidBuildError as InvalidBuildError,
    InvalidDateError as InvalidDateError,
    InvalidSystemFactsError as InvalidSystemFactsError,
    InvalidWorkloadError as InvalidWorkloadError,
    NoEditionError as NoEditionError,
    NotServerError as NotServerError,
    NotWindowsError as NotWindowsError,
    NotYetReleasedError as NotYetReleasedError,
    ProfileError as ProfileError,
    UnknownApplicationError as UnknownApplicationError,
    UnknownBuildError as UnknownBuildError,
    UnknownEditionError as UnknownEditionError,
    UnknownHostError as UnknownHostError,
    UnknownQualificationError as UnknownQualificationError,
    UnknownReleaseError as UnknownReleaseError,
    UnknownUpdateError as UnknownUpdateError,
    UnknownWorkloadError as UnknownWorkloadError,
    UpdateDataError as UpdateDataError,
    WsiotError as WsiotError,
)

__version__ = "0.1.0"

# The public surface, declared once: each name beside the module that defines it.
# Names load on first use (PEP 562). The typing block below mirrors this table for
# type checkers; tests/test_architecture.py keeps the two equal.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "wsiot.fleet.frame": (
        "audit_frame",
    ),
    "wsiot.fleet.stream": (
        "AuditRow", "AuditSummary", "audit", "audit_counts",
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
    "wsiot.io.installed": (
        "read_features", "read_installed",
    ),
    "wsiot.io.inventory": (
        "ColumnMap", "read_inventory", "recognise_columns",
    ),
    "wsiot.io.machine": (
        "read_system_facts",
    ),
    "wsiot.io.microsoft": (
        "import_update_pages",
    ),
    "wsiot.model.appliance": (
        "Appliance",
    ),
    "wsiot.model.applications": (
        "PRODUCTS_AS_OF", "PRODUCTS_VERSION", "Application", "ApplicationMatch",
        "DeclaredApplication", "Recognition", "application", "classify_application",
        "explain_application",
    ),
    "wsiot.model.catalog": (
        "CATALOG_VERSION", "DATA_AS_OF", "Catalog", "default_catalog", "edition", "editions",
        "release", "release_for", "releases", "releases_for",
    ),
    "wsiot.model.installed": (
        "InstalledSoftware",
    ),
    "wsiot.model.lifecycle": (
        "Phase", "ServicingStatus",
    ),
    "wsiot.model.release": (
        "Citation", "Discrepancy", "Edition", "EditionKind", "Editions", "Release", "Releases",
        "Source", "Statuses", "check_catalog",
    ),
    "wsiot.model.repeats": (
        "Repeat", "RepeatedNames", "Repeats", "repeats_in",
    ),
    "wsiot.model.system": (
        "Fact", "SystemFacts", "edition_of_id", "edition_of_sku",
    ),
    "wsiot.model.update": (
        "SeriesSplit", "Update", "UpdateKind", "check_updates",
    ),
    "wsiot.model.update_import": (
        "UpdateImport",
    ),
    "wsiot.model.updates": (
        "UPDATES_AS_OF", "UPDATES_VERSION", "UpdateHistory", "default_updates",
        "resolve_updates", "update_for", "updates", "use_updates",
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
        "PatchStatus", "patch_status",
    ),
    "wsiot.rules.qualification": (
        "Assessment", "Outcome", "Qualification", "RuleResult", "qualification",
        "qualifications", "qualify",
    ),
    "wsiot.rules.roles": (
        "RoleFinding", "role_findings",
    ),
    "wsiot.rules.servicing": (
        "is_in_servicing", "records", "servicing_status",
    ),
    "wsiot.testing": (
        "assert_eligible", "assert_installation_ok", "assert_not_eligible",
    ),
    "wsiot.values.builds": (
        "ACCEPTED_BUILD_FORMS", "Build", "BuildLike", "WindowsVersionLike",
        "client_release_name", "parse_build", "server_build",
    ),
    "wsiot.values.dates": (
        "ACCEPTED_DATE_FORMS", "DateLike", "Moment", "is_second_tuesday", "lifecycle_day",
        "next_patch_tuesday",
    ),
}
_LAZY = {name: module for module, names in _PUBLIC.items() for name in names}
_LAZY["describe"] = "wsiot.errors"

if TYPE_CHECKING:
    from wsiot.errors import describe as describe
    from wsiot.fleet.frame import (
        audit_frame as audit_frame,
    )
    from wsiot.fleet.stream import (
        AuditRow as AuditRow,
        AuditSummary as AuditSummary,
        audit as audit,
        audit_counts as audit_counts,
    )
    from wsiot.frames import (
        editions_frame as editions_frame,
        releases_frame as releases_frame,
    )
    from wsiot.io.files import (
        ACCEPTED_ENCODINGS as ACCEPTED_ENCODINGS,
    )
    from wsiot.io.formats import (
        dump_catalog as dump_catalog,
        dump_updates as dump_updates,
        from_endoflife as from_endoflife,
        load_appliance as load_appliance,
        load_catalog as load_catalog,
        load_updates as load_updates,
        to_endoflife as to_endoflife,
    )
    from wsiot.io.installed import (
        read_features as read_features,
        read_installed as read_installed,
    )
    from wsiot.io.inventory import (
        ColumnMap as ColumnMap,
        read_inventory as read_inventory,
        recognise_columns as recognise_columns,
    )
    from wsiot.io.machine import (
        read_system_facts as read_system_facts,
    )
    from wsiot.io.microsoft import (
        import_update_pages as import_update_pages,
    )
    from wsiot.model.appliance import (
        Appliance as Appliance,
    )
    from wsiot.model.applications import (
        PRODUCTS_AS_OF as PRODUCTS_AS_OF,
        PRODUCTS_VERSION as PRODUCTS_VERSION,
        Application as Application,
        ApplicationMatch as ApplicationMatch,
        DeclaredApplication as DeclaredApplication,
        Recognition as Recognition,
        application as application,
        classify_application as classify_application,
        explain_application as explain_application,
    )
    from wsiot.model.catalog import (
        CATALOG_VERSION as CATALOG_VERSION,
        DATA_AS_OF as DATA_AS_OF,
        Catalog as Catalog,
        default_catalog as default_catalog,
        edition as edition,
        editions as editions,
        release as release,
        release_for as release_for,
        releases as releases,
        releases_for as releases_for,
    )
    from wsiot.model.installed import (
        InstalledSoftware as InstalledSoftware,
    )
    from wsiot.model.lifecycle import (
        Phase as Phase,
        ServicingStatus as ServicingStatus,
    )
    from wsiot.model.release import (
        Citation as Citation,
        Discrepancy as Discrepancy,
        Edition as Edition,
        EditionKind as EditionKind,
        Editions as Editions,
        Release as Release,
        Releases as Releases,
        Source as Source,
        Statuses as Statuses,
        check_catalog as check_catalog,
    )
    from wsiot.model.repeats import (
        Repeat as Repeat,
        RepeatedNames as RepeatedNames,
        Repeats as Repeats,
        repeats_in as repeats_in,
    )
    from wsiot.model.system import (
        Fact as Fact,
        SystemFacts as SystemFacts,
        edition_of_id as edition_of_id,
        edition_of_sku as edition_of_sku,
    )
    from wsiot.model.update import (
        SeriesSplit as SeriesSplit,
        Update as Update,
        UpdateKind as UpdateKind,
        check_updates as check_updates,
    )
    from wsiot.model.update_import import (
        UpdateImport as UpdateImport,
    )
    from wsiot.model.updates import (
        UPDATES_AS_OF as UPDATES_AS_OF,
        UPDATES_VERSION as UPDATES_VERSION,
        UpdateHistory as UpdateHistory,
        default_updates as default_updates,
        resolve_updates as resolve_updates,
        update_for as update_for,
        updates as updates,
        use_updates as use_updates,
    )
    from wsiot.model.workloads import (
        UNLIMITED as UNLIMITED,
        Scenario as Scenario,
        Workload as Workload,
        scenarios as scenarios,
        workload as workload,
    )
    from wsiot.plot import (
        timeline as timeline,
    )
    from wsiot.rules.containers import (
        ContainerHost as ContainerHost,
        ContainerUse as ContainerUse,
        ContainerVerdict as ContainerVerdict,
        container_use as container_use,
    )
    from wsiot.rules.editions import (
        EditionRecommendation as EditionRecommendation,
        Rejection as Rejection,
        edition_for as edition_for,
        recommend_edition as recommend_edition,
    )
    from wsiot.rules.installation import (
        InstallationCheck as InstallationCheck,
        InstallationResult as InstallationResult,
        check_installation as check_installation,
    )
    from wsiot.rules.patchlevel import (
        PatchStatus as PatchStatus,
        patch_status as patch_status,
    )
    from wsiot.rules.qualification import (
        Assessment as Assessment,
        Outcome as Outcome,
        Qualification as Qualification,
        RuleResult as RuleResult,
        qualification as qualification,
        qualifications as qualifications,
        qualify as qualify,
    )
    from wsiot.rules.roles import (
        RoleFinding as RoleFinding,
        role_findings as role_findings,
    )
    from wsiot.rules.servicing import (
        is_in_servicing as is_in_servicing,
        records as records,
        servicing_status as servicing_status,
    )
    from wsiot.testing import (
        assert_eligible as assert_eligible,
        assert_installation_ok as assert_installation_ok,
        assert_not_eligible as assert_not_eligible,
    )
    from wsiot.values.builds import (
        ACCEPTED_BUILD_FORMS as ACCEPTED_BUILD_FORMS,
        Build as Build,
        BuildLike as BuildLike,
        WindowsVersionLike as WindowsVersionLike,
        client_release_name as client_release_name,
        parse_build as parse_build,
        server_build as server_build,
    )
    from wsiot.values.dates import (
        ACCEPTED_DATE_FORMS as ACCEPTED_DATE_FORMS,
        DateLike as DateLike,
        Moment as Moment,
        is_second_tuesday as is_second_tuesday,
        lifecycle_day as lifecycle_day,
        next_patch_tuesday as next_patch_tuesday,
    )

_PACKAGES = frozenset({"cli", "data", "fleet", "frames", "io", "local", "model", "plot", "render",
                       "rules", "testing", "values"})
_ERRORS = sorted(name for name in list(globals()) if name.endswith("Error"))
__all__ = [*sorted(_LAZY), *_ERRORS, "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None and name in _PACKAGES:
        return importlib.import_module(f"wsiot.{name}")
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
