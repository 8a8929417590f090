"""``python -m newsml``: the command line."""

import sys

from newsml.cli import main

sys.exit(main())
