"""Quality checks

Revision ID: 0011
Revises:  acknowledged warnings, with their notes.:0010
Create Date: 2026-11-26 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0011"
down_revision = " acknowledged warnings, with their notes.:0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the issue 11 work in progress


def downgrade() -> None:
    pass
