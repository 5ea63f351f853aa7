"""Where the files the app ships that are not code (fonts, icons, demo definitions, the guide) are found,
the same way however it runs.

They live in the repository's top-level `resources/` folder. An installed wheel carries them inside the
package as `circles_desktop/resources/` (setup.py maps the folder there), and the PyInstaller bundle
puts them at the same place beside the frozen package; a source checkout or an editable install reads
the top-level folder itself. resources/README.md says what goes in each folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def root() -> Path:
    inside = _PACKAGE / "resources"  # an installed wheel, or the bundle
    return inside if inside.is_dir() else _PACKAGE.parent / "resources"


def path(*parts: str) -> Path:
    """A shipped file, e.g. `path("fonts", "DejaVuSans.ttf")`; FileNotFoundError names it if it is missing."""
    found = root().joinpath(*parts)
    if not found.exists():
        raise FileNotFoundError(f"A file the app ships is missing: resources/{'/'.join(parts)}")
    return found
