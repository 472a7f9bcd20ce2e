"""A workspace with two guides that share sentences, some of them translated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.workspace import Workspace
from tests.conftest import _signed_in_workspace
from tests.helpers import guide, office, segment_id


def _fill(ws: Workspace) -> None:
    ws.create_document("office", "live", "dongcheng-hall", office()["fields"])
    ws.create_document("procedure_guide", "work", "work-permit", guide()["fields"])
    second = guide("work-permit-renewal")["fields"]
    second = {**second, "title": "外国人来华工作许可延期",
              "summary": "在本市工作的外国人须办理工作许可。许可证件延期须提前三十日申请。"}
    ws.create_document("procedure_guide", "work", "work-permit-renewal", second)
    summary = segment_id(ws, "summary", 0)
    ws.save_cell(summary, "en", "Foreigners working in Beijing must obtain a work permit.", None, confirm=True)
    ws.save_cell(summary, "fr", "Les étrangers travaillant à Pékin doivent obtenir un permis de travail.", None,
                 confirm=True)
    title = segment_id(ws, "title", 0)
    ws.save_cell(title, "en", "Work permits for foreigners", None, confirm=True)


@pytest.fixture
def memory_workspace(database: tuple[Path | None, str | None]) -> Iterator[Workspace]:
    """On each database in turn: a guide translated in part, and a second guide that repeats sentences of it."""
    with _signed_in_workspace(*database) as ws:
        _fill(ws)
        yield ws


@pytest.fixture
def sqlite_memory_workspace(tmp_path: Path) -> Iterator[Workspace]:
    with _signed_in_workspace(tmp_path / "workspace", None) as ws:
        _fill(ws)
        yield ws
