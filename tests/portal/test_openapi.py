"""The contract file describes exactly what the reference portal serves, and is a valid OpenAPI 3.1 document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.routing import BaseRoute

from reference_portal import api, faults, pages
from tests.portal.helpers import SCOPED_ROUTES

SPEC = Path(__file__).resolve().parents[2] / "resources" / "openapi" / "publishing-api.yaml"
PORTAL = Path(__file__).resolve().parents[2] / "reference_portal"


def _described() -> set[tuple[str, str]]:
    """(METHOD, path) of every operation in the file, read without a YAML library (the file keeps this layout:
    paths at two spaces of indent, their methods at four)."""
    operations, path, in_paths = set(), None, False
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        if re.match(r"\S", line):
            in_paths = line.startswith("paths:")
        elif in_paths and (m := re.match(r"  (/\S*):\s*$", line)):
            path = m.group(1)
        elif in_paths and path and (m := re.match(r"    (get|put|post|delete|patch):\s*$", line)):
            operations.add((m.group(1).upper(), path))
    return operations


def _served(routes: list[BaseRoute]) -> set[tuple[str, str]]:
    return {(method, str(getattr(route, "path", ""))) for route in routes
            for method in getattr(route, "methods", set()) if method != "HEAD"}


def test_every_route_the_portal_serves_is_described_and_nothing_else() -> None:
    served = _served([*api.router.routes, *pages.router.routes, *faults.router.routes])

    assert _described() == served
    assert {(m, t) for m, t, _ in SCOPED_ROUTES} == {(m, p) for m, p in served if p.startswith("/v1/")}


def test_every_problem_type_the_portal_answers_is_named_in_the_contract() -> None:
    text = SPEC.read_text(encoding="utf-8")
    source = "\n".join(p.read_text(encoding="utf-8") for p in PORTAL.glob("*.py"))
    kinds = set(re.findall(r'Problem\(\s*\d{3},\s*"([a-z-]+)"', source))
    kinds |= set(re.findall(r'\{\d{3}: "([a-z-]+)"', source)) | set(re.findall(r'\d{3}: "([a-z-]+)", \d{3}', source))

    assert len(kinds) > 15
    assert sorted(k for k in kinds if f"`{k}`" not in text and k not in ("http-error", "injected-fault")) == []


def test_the_contract_is_valid_openapi_3_1_with_the_scopes_the_portal_checks() -> None:
    yaml = pytest.importorskip("yaml")
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))

    assert spec["openapi"].startswith("3.1.")
    for method, template, scope in SCOPED_ROUTES:
        assert spec["paths"][template][method.lower()]["security"] == [{"bearer": [scope]}], (method, template)

    def refs(node: object) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [r for v in node.values() for r in refs(v)]
        return [r for v in node for r in refs(v)] if isinstance(node, list) else []

    for ref in refs(spec):  # every reference resolves
        target = spec
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]


def test_the_contract_passes_openapi_spec_validator() -> None:
    import openapi_spec_validator  # a dev dependency: a missing one fails here rather than skipping
    import yaml

    openapi_spec_validator.validate(yaml.safe_load(SPEC.read_text(encoding="utf-8")))
