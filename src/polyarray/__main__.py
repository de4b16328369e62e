"""``python -m polyarray``: the same as the ``polyarray`` command."""

import sys

from polyarray._cli import main

sys.exit(main())
