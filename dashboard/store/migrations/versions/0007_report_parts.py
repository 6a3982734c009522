"""Each report's part of the tables, kept by content hash so an unchanged report is never
read again (``dashboard/pipeline/parts.py``, ``dashboard/store/part_cache.py``).

* ``report_parts``: compressed JSON of one report's rows of every table, keyed by the
  SHA-256 of (reading code, file name, text and sources entry); ``code`` is the reading
  code's fingerprint, so parts of older code are deleted when parts of newer code are
  stored. Shared by every instance on one database.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_parts",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False, index=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("report_parts")
