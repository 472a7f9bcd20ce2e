"""Shared by the exchange tests: the real validators (xmllint against the official schemas in tests/schemas,
msgfmt -c)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import SCHEMAS

XLIFF2_XSD = SCHEMAS / "xliff-2.1" / "xliff_core_2.0.xsd"
XLIFF12_XSD = SCHEMAS / "xliff-1.2" / "xliff-core-1.2-strict.xsd"


def xmllint(path: Path, schema: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (Debian package libxml2-utils; `make test` installs it)")
    env = {**os.environ, "XML_CATALOG_FILES": str(SCHEMAS / "catalog.xml")}
    return subprocess.run(["xmllint", "--nonet", "--noout", "--schema", str(schema), str(path)],
                          capture_output=True, text=True, env=env)


def msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed (Debian package gettext; `make test` installs it)")
    return subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)


def validate(path: Path, fmt: str) -> None:
    """Fail with the tool's own words unless the exported file passes the real validator of its format."""
    if fmt == "po":
        done = msgfmt(path)
    elif fmt in ("xliff", "xliff12"):
        done = xmllint(path, XLIFF2_XSD if fmt == "xliff" else XLIFF12_XSD)
    else:
        return
    assert done.returncode == 0, f"{path.name}: {done.stderr}"
    if fmt == "xliff":
        assert not xliff2_rule_breaks(path), xliff2_rule_breaks(path)[:5]


def xliff2_rule_breaks(path: Path) -> list[str]:
    """What XLIFF 2's Schematron rules (which need an XSLT 2 processor) forbid and the XSD lets pass, checked
    here: unique file and unit ids, unique inline and data ids per unit, every data reference resolved, and
    every inline code of a target present in its source as the same kind of code."""
    from lxml import etree

    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = etree.parse(str(path)).getroot()
    breaks: list[str] = []
    files = [f.get("id") for f in root.iterfind("x:file", ns)]
    if len(files) != len(set(files)):
        breaks.append("duplicate file ids")
    if root.find(".//x:target", ns) is not None and not root.get("trgLang"):
        breaks.append("targets without trgLang")
    for file in root.iterfind("x:file", ns):
        units = [u.get("id") for u in file.iter(f"{{{ns['x']}}}unit")]
        if len(units) != len(set(units)):
            breaks.append(f"duplicate unit ids in file {file.get('id')}")
        for unit in file.iter(f"{{{ns['x']}}}unit"):
            data = [d.get("id") for d in unit.iterfind("x:originalData/x:data", ns)]
            if len(data) != len(set(data)):
                breaks.append(f"unit {unit.get('id')}: duplicate data ids")
            codes: dict[str, dict[str, str]] = {}
            for side in ("source", "target"):
                seen: dict[str, str] = {}
                for holder in unit.iterfind(f"x:segment/x:{side}", ns):
                    for code in holder.iter():
                        name = etree.QName(code).localname
                        if name not in ("ph", "pc", "sc", "ec"):
                            continue
                        if code.get("id") in seen:
                            breaks.append(f"unit {unit.get('id')}: inline id {code.get('id')} twice in the {side}")
                        seen[code.get("id")] = name
                        for ref in ("dataRef", "dataRefStart", "dataRefEnd"):
                            if code.get(ref) is not None and code.get(ref) not in data:
                                breaks.append(f"unit {unit.get('id')}: {ref} {code.get(ref)} resolves to nothing")
                codes[side] = seen
            for code_id, name in codes.get("target", {}).items():
                if codes["source"].get(code_id) != name:
                    breaks.append(f"unit {unit.get('id')}: target code {code_id} is not the source's")
    return breaks
