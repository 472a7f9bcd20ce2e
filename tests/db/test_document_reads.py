"""Reading documents a part at a time, as the content tree does: counts per section and type, one branch, some ids."""

from __future__ import annotations

import pytest

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from tests.helpers import guide, office, write_json


@pytest.fixture
def ws(workspace, tmp_path):
    docs = [office(), guide(), guide("work-visa"), guide("visa-extension", section="live")]
    run_job(workspace.import_files([write_json(tmp_path / "d.json", docs)], ImportOptions()))
    return workspace


def test_counts_live_documents_per_section_and_type(ws):
    assert ws.document_counts() == {("work", "procedure_guide"): 2, ("live", "procedure_guide"): 1,
                                    ("live", "office"): 1}
    ws.delete_document("work-visa")
    assert ws.document_counts()[("work", "procedure_guide")] == 1


def test_reads_one_branch_or_some_ids_as_the_whole_list_has_them(ws):
    everything = ws.documents()
    assert ws.documents(section="work", doc_type="procedure_guide") == \
        [d for d in everything if d.section == "work" and d.type == "procedure_guide"]
    wanted = {d.id for d in everything if d.slug in ("dongcheng-hall", "work-visa")}
    assert ws.documents(ids=wanted) == [d for d in everything if d.id in wanted]
    assert ws.documents(ids=[]) == []
    assert all(d.segments == len(ws.document(d.id).segments) for d in everything)


def test_a_deleted_document_is_in_no_branch(ws):
    doc_id = ws.document("work-visa").row.id
    ws.delete_document("work-visa")
    assert ws.documents(ids=[doc_id]) == []
    assert [d.slug for d in ws.documents(section="work", doc_type="procedure_guide")] == ["work-permit"]
    assert [d.slug for d in ws.deleted_documents()] == ["work-visa"]
