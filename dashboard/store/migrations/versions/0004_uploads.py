"""Reports uploaded in the app, reviewers' decisions and the indicators they added.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("version_id", sa.Integer, nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "review_decisions",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("indicator_id", sa.String(64), nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("upload_id", sa.Integer, nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "review_indicators",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("zh", sa.String(100), nullable=False),
        sa.Column("en", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(32), nullable=False),
        sa.Column("dims", sa.String(100), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("review_indicators")
    op.drop_table("review_decisions")
    op.drop_table("uploads")
