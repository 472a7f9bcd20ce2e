"""Where Studio's data files live: `resources/` beside the package (editable install, as `make run` does).

STUDIO_RESOURCES points elsewhere, for a packaged build that puts them somewhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

RESOURCES = Path(os.environ.get("STUDIO_RESOURCES") or Path(__file__).resolve().parent.parent / "resources")
