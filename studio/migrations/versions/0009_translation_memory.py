"""Translation memory

Revision ID: 0009
Revises:  the units imported from TMX files (confirmed and approved cells feed the memory as they are).:0008
Create Date: 2026-11-26 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0009"
down_revision = " the units imported from TMX files (confirmed and approved cells feed the memory as they are).:0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the issue 11 work in progress


def downgrade() -> None:
    pass
