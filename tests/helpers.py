"""Small helpers the tests share: a full snapshot of a workspace's tables, and sample documents."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from studio import db
from studio.models import Base
from studio.workspace import Workspace

# The official XLIFF, TMX and TBX schemas, unchanged copies (see schemas/README.md): exports are validated against
# them with xmllint, offline, wherever the repository is cloned.
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def engine(ws: Workspace) -> Engine:
    """The workspace's database, for tests that look at (or damage) the stored rows themselves; the application
    never reaches past the workspace's operations."""
    return ws._engine


def migrate(ws: Workspace, target: str) -> None:
    """Take the workspace's schema down or up to revision `target` with Alembic, as `studio upgrade` does."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS_DIR))
    with engine(ws).begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if target < db.head_revision() else command.upgrade)(config, target)


def snapshot(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: equal snapshots mean nothing changed."""
    out = {}
    with engine(ws).connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def office(slug: str = "dongcheng-hall") -> dict[str, Any]:
    return {"type": "office", "section": "live", "slug": slug,
            "fields": {"name": "东城出入境办证大厅", "address": "北京市东城区安定门东大街2号",
                       "opening_hours": "周一至周六 9:00-17:00。", "phone": "+86 10 8402 0101",
                       "coordinates": "39.9489,116.4166"}}


def guide(slug: str = "work-permit", **extra: Any) -> dict[str, Any]:
    doc = {
        "type": "procedure_guide", "section": "work", "slug": slug,
        "fields": {
            "title": "外国人来华工作许可",
            "summary": "在本市工作的外国人须办理工作许可。许可证件有效期最长五年。",
            "who_may_apply": "用人单位为拟聘用的外国人申请。",
            "required_documents": [{"name": "护照", "note": "有效期六个月以上。"},
                                   {"name": "学历证明"}],
            "steps": [{"title": "网上申请", "body": "<p>用人单位登录<a href=\"https://fw.example.gov.cn\">服务系统</a>提交材料。审核在线完成。</p>"},
                      {"title": "领取证件", "body": "<p>审核通过后领取工作许可证。</p>"}],
            "fees": [{"explanation": "免费。", "amount": {"amount": "0", "currency": "CNY"}}],
            "processing_time": "10个工作日。",
            "offices": ["dongcheng-hall"],
            "online_service_url": "https://fw.example.gov.cn/apply",
            "contact_phone": "12345",
        },
    }
    doc.update(extra)
    return doc


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def segment_id(ws: Workspace, field_path: str, ordinal: int = 0, slug: str = "work-permit") -> int:
    """The id of the `ordinal`-th sentence of field `field_path` of a document (the work-permit guide by default)."""
    return next(s.id for s in ws.document(slug).segments if s.field_path == field_path and s.ordinal == ordinal)


def damage(database: Path) -> None:
    """Flip 16 bytes at the start of the documents table's root page, after moving the WAL into the main file:
    damage `PRAGMA quick_check` finds, as a failing disk or a stray write would leave it."""
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    conn.close()
    data = bytearray(database.read_bytes())
    start = (page - 1) * 4096
    data[start:start + 16] = bytes(b ^ 0xFF for b in data[start:start + 16])
    database.write_bytes(data)
