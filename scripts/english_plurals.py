"""Fill the English plural forms of a catalogue made by `lupdate -pluralonly`: a source written with "(s)"
("%n document(s)") gets "%n document" and "%n documents". Other unfinished messages are left for a person.

The catalogue is Studio's own file, written by lupdate, so a pattern over its text is enough here.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

_UNFINISHED = re.compile(
    r'(<source>(?P<source>[^<]*\(s\)[^<]*)</source>\s*(?:<[^>]*>[^<]*</[^>]*>\s*)*?)'
    r'<translation type="unfinished">\s*<numerusform></numerusform>\s*<numerusform></numerusform>\s*</translation>')


def _forms(match: re.Match[str]) -> str:
    source = html.unescape(match.group("source"))
    one, many = (html.escape(source.replace("(s)", ending), quote=False) for ending in ("", "s"))
    return (f"{match.group(1)}<translation>\n            <numerusform>{one}</numerusform>\n"
            f"            <numerusform>{many}</numerusform>\n        </translation>")


def main(path: str) -> None:
    ts = Path(path)
    ts.write_text(_UNFINISHED.sub(_forms, ts.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
