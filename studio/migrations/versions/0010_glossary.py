"""Glossary

Revision ID: 0010
Revises:  terms per locale with notes, part of speech and forbidden or discouraged variants.:0009
Create Date: 2026-11-26 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0010"
down_revision = " terms per locale with notes, part of speech and forbidden or discouraged variants.:0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the issue 11 work in progress


def downgrade() -> None:
    pass
