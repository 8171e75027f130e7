"""Allow ``python -m backcoach``."""

import sys

from backcoach.cli import main

sys.exit(main())
