"""Count mypy's errors in circles_desktop/ui and fail if there are more than .ci/mypy-ui-errors allows.

The lower layers must be clean; ui/ is brought down family by family, and this keeps it from growing
again. Lower the number in .ci/mypy-ui-errors whenever a change removes errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
budget = int((HERE / "mypy-ui-errors").read_text().split()[0])
done = subprocess.run(
    [sys.executable, "-m", "mypy", "circles_desktop/ui"], cwd=HERE.parent, capture_output=True, text=True
)
found = re.search(r"Found (\d+) errors? in", done.stdout)
errors = int(found.group(1)) if found else (0 if done.returncode == 0 else -1)
if errors < 0:
    print(done.stdout, done.stderr, sep="\n")
    sys.exit("mypy did not run on circles_desktop/ui")
print(f"mypy: {errors} errors in circles_desktop/ui (allowed: {budget})")
if errors > budget:
    print(done.stdout)
    sys.exit(f"ui/ has {errors} mypy errors, more than the {budget} allowed: fix the new ones")
