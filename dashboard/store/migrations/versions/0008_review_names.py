"""English names reviewers confirmed for indicator names read from reports.

* ``review_names``: one row per Chinese name (an indicator read from a report's text, with
  no lexicon entry): the English a reviewer or admin confirmed on /upload, what the glossary
  had suggested, who confirmed it and when. Every composed version reads it (its hash is in
  the manifest), so a confirmed name is part of the version with its provenance.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_names",
        sa.Column("zh", sa.String(100), primary_key=True),
        sa.Column("en", sa.String(200), nullable=False),
        sa.Column("suggested", sa.String(300), nullable=False),
        sa.Column("confirmed_by", sa.String(64), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("review_names")
