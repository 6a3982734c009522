"""Answers computed once per data version and shared by every worker and host.

* ``answers``: what a public page view (``/_dash-layout``) or a pure callback
  (``/_dash-update-component``) returns for one data version and one request, gzip-compressed,
  keyed by the SHA-256 of the version and the request's canonical form
  (``dashboard/answers/keys.py``). Rows of older versions are deleted when a new version is
  prerendered; a row is never changed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("version_id", sa.Integer, nullable=False, index=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("answers")
