"""The tables of the database, as SQLAlchemy Core objects (queries use these; the schema
itself is created by the Alembic migrations in ``migrations/versions``, and a test checks
that the two agree).

A data version is the set of files ``python -m dashboard.pipeline build`` writes to
``data/`` (tables, in-year figures, datapackage.json), stored whole and never changed:
loading a version reads exactly what was validated when it was published.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# One row per published version; ``withdrawn_at`` is set when a rollback takes it away.
data_versions = Table(
    "data_versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False),
    # The schema fingerprint the files were validated with (dashboard.pipeline.schema).
    Column("schema", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("origin", String(500), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("reports", Integer, nullable=False),
    Column("facts", Integer, nullable=False),
    Column("withdrawn_at", DateTime(timezone=True), nullable=True),
)

# The files of a version, byte for byte.
version_files = Table(
    "version_files", metadata,
    Column("version_id", Integer, ForeignKey("data_versions.id"), primary_key=True),
    Column("name", String(100), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# A single row (id 1): which version every app instance serves. ``serial`` grows with
# every change, so a reader can tell a change even back to an earlier version.
publish_state = Table(
    "publish_state", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("current_version_id", Integer, ForeignKey("data_versions.id"), nullable=True),
    Column("serial", Integer, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=True),
)

# Append-only: every publish, first load and rollback.
publish_log = Table(
    "publish_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(20), nullable=False),
    Column("version_id", Integer, ForeignKey("data_versions.id"), nullable=False),
    Column("previous_version_id", Integer, ForeignKey("data_versions.id"), nullable=True),
    Column("actor", String(200), nullable=False),
    Column("note", Text, nullable=False, default=""),
)

STATE_ROW = 1
