"""``python -m wsiot``: the same as the ``wsiot`` command."""

import sys

from wsiot.cli import main

sys.exit(main())
