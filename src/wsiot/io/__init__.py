"""The shell's doors to files: bounded reads (:mod:`wsiot.io.files`), the formats wsiot
reads and writes (:mod:`wsiot.io.formats`), inventories as exported
(:mod:`wsiot.io.inventory`) and saved machine reports (:mod:`wsiot.io.machine`).

``wsiot.io`` itself offers the names of :mod:`wsiot.io.formats`."""

from wsiot.io import formats as _formats
from wsiot.io.formats import *  # noqa: F403

__all__ = list(_formats.__all__)
