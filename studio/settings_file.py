"""The small JSON files of per-user settings (machine translation, the portal): read whole, written whole.

Shared by `mt.config` and `sync.config`, which keep their secrets elsewhere (the keyring), never in these files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from studio.errors import StudioError


def read_settings(path: Path, what: str, error: type[StudioError] = StudioError) -> dict[str, Any]:
    """The JSON object in `path` ({} when there is no file); `error` naming the file and `what` it holds when it
    cannot be read or is not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise error(f"{path}: the {what} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise error(f"{path}: the {what} are not a JSON object")
    return data


def write_settings(path: Path, data: dict[str, Any]) -> None:
    """Write `data` to `path` whole: a partial file moved into place, so a crash leaves the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(partial, path)

