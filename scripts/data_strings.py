"""Print a Python file that names every label of the content types with QT_TRANSLATE_NOOP, so pyside6-lupdate
puts them in the catalogue's "ContentTypes" context (they live in TOML files, where lupdate cannot see them).

Used by scripts/update-translations.sh; the printed file is temporary, never committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.content.types import FieldDef, content_types  # noqa: E402


def labels() -> list[str]:
    found: list[str] = []

    def walk(fields: tuple[FieldDef, ...]) -> None:
        for fdef in fields:
            found.append(fdef.label)
            walk(fdef.items)

    for ctype in content_types().values():
        found.append(ctype.label)
        walk(ctype.fields)
    return sorted(set(found))


if __name__ == "__main__":
    print("from PySide6.QtCore import QT_TRANSLATE_NOOP\n")
    for label in labels():
        print(f"QT_TRANSLATE_NOOP({'ContentTypes'!r}, {label!r})")
