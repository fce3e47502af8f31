"""``python -m codemods PATH...``: the migrate CLI without the ``legacy-compat`` wrapper."""

import sys

from codemods.cli import main

sys.exit(main())
