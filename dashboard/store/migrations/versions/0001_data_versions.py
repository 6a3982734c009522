"""Published data versions, their files, the current version and the publish log.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("origin", sa.String(500), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("facts", sa.Integer, nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "version_files",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("data_versions.id"),
                  primary_key=True),
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    state = op.create_table(
        "publish_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("current_version_id", sa.Integer, sa.ForeignKey("data_versions.id"),
                  nullable=True),
        sa.Column("serial", sa.Integer, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.bulk_insert(state, [{"id": 1, "current_version_id": None, "serial": 0,
                            "changed_at": None}])
    op.create_table(
        "publish_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("data_versions.id"),
                  nullable=False),
        sa.Column("previous_version_id", sa.Integer, sa.ForeignKey("data_versions.id"),
                  nullable=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("publish_log", "publish_state", "version_files", "data_versions"):
        op.drop_table(name)
