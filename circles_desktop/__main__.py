"""`python -m circles_desktop`; also the script the bundle is built from (packaging/circles-desktop.spec)."""

import sys

from circles_desktop.launcher import main

sys.exit(main())
