"""Old module paths of wsiot 0.2, kept working for one release with a DeprecationWarning.

wsiot now arranges its modules in layer packages (``wsiot.values``, ``wsiot.model``,
``wsiot.rules`` ...). ``import wsiot.catalog`` still works and warns once; the new
path, or simply ``wsiot``, is the one to use.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__all__ = [
    "MOVED",
    "install",
    "submodule",
]

MOVED = {
    "wsiot.applications": "wsiot.model.applications",
    "wsiot.builds": "wsiot.values.builds",
    "wsiot.catalog": "wsiot.model.catalog",
    "wsiot.containers": "wsiot.rules.containers",
    "wsiot.dates": "wsiot.values.dates",
    "wsiot.files": "wsiot.io.files",
    "wsiot.installation": "wsiot.rules.installation",
    "wsiot.inventory": "wsiot.io.inventory",
    "wsiot.licensing": "wsiot.rules.qualification",
    "wsiot.lifecycle": "wsiot.model.lifecycle",
    "wsiot.limits": "wsiot.rules.limits",
    "wsiot.patchlevel": "wsiot.rules.patchlevel",
    "wsiot.recommend": "wsiot.rules.editions",
    "wsiot.report": "wsiot.fleet.report",
    "wsiot.servicing": "wsiot.rules.servicing",
    "wsiot.system": "wsiot.model.system",
    "wsiot.workloads": "wsiot.model.workloads",
}
"""Each 0.2 module path and the module that holds its names now."""


def _warned(old: str) -> ModuleType:
    new = MOVED[old]
    warnings.warn(f"{old} moved to {new} and the old path will be removed in the next release; "
                  "import from wsiot itself", DeprecationWarning, stacklevel=3)
    return importlib.import_module(new)


class _Alias:
    """The loader of an old path: the module it stands for, with the warning.

    (Plain classes rather than importlib.abc's: importing that costs 10 ms.)"""

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        return _warned(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        """The module it stands for is already loaded."""


class _Finder:
    """Finds the old paths of ``MOVED`` and nothing else."""

    def find_spec(self, fullname: str, path: object = None, target: object = None
                  ) -> ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return ModuleSpec(fullname, cast("Loader", _Alias()))


def submodule(name: str) -> ModuleType | None:
    """``wsiot.<name>`` for an old module path read as an attribute, with the warning."""
    old = f"wsiot.{name}"
    return _warned(old) if old in MOVED else None


def install() -> None:
    """Let ``import wsiot.<old path>`` find the moved module (idempotent)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())
