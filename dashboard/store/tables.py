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
    Float,
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
    # JSON: the texts, decisions and entries (ids and hashes) it was composed from.
    Column("manifest", Text, nullable=True),
)

# The files of a version: names and content hashes; the bytes are in ``blobs``, once.
version_files = Table(
    "version_files", metadata,
    Column("version_id", Integer, ForeignKey("data_versions.id"), primary_key=True),
    Column("name", String(100), primary_key=True),
    Column("sha256", String(64), nullable=False),
)

# Every file content ever stored, once, by SHA-256.
blobs = Table(
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# The repository's seeds/ as imported into the database (kind: report, review, actuals);
# a file no longer in seeds/ is retired, never deleted (an earlier version names it).
source_texts = Table(
    "source_texts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("content", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("retired_at", DateTime(timezone=True), nullable=True),
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

# People who may write (python -m dashboard.users); the app ships with none.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False),  # editor, reviewer or admin
    Column("sectors", Text, nullable=False, default=""),  # an editor's sectors, comma-separated
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled_at", DateTime(timezone=True), nullable=True),
)

# Signed-in sessions: the cookie holds a random token, the table its SHA-256, so a stolen
# database gives no usable session and signing out ends the session everywhere.
auth_sessions = Table(
    "auth_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# Sign-in attempts, for throttling (by name and by address).
signin_attempts = Table(
    "signin_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("ok", Integer, nullable=False),
)

# Append-only: who did what, when, to what, with the values before and after (JSON).
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(40), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("old", Text, nullable=True),
    Column("new", Text, nullable=True),
    Column("reason", Text, nullable=False, default=""),
)

# In-year figures (dashboard/entries): draft -> submitted -> approved or returned. ``version``
# grows with every change, so a second editor saving over a changed figure gets a conflict.
entries = Table(
    "entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator_id", String(64), nullable=False),
    Column("sector", String(32), nullable=False),
    Column("year", Integer, nullable=False),
    Column("period_kind", String(20), nullable=False),
    Column("through_month", Integer, nullable=False),
    Column("measure", String(20), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(20), nullable=False),
    Column("price_basis", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("source", String(300), nullable=False),
    Column("comment", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("flagged", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=False),  # the reason of the last return or unlock
    # Comma-separated: everyone who ever set the value (four eyes: none of them approves).
    Column("value_editors", Text, nullable=False, server_default=""),
)

# A report uploaded in the app (#15): its extracted text frozen with its sha256, the sources
# entry a person confirmed (JSON), and where it stands: staged, published, withdrawn (its
# version rolled back) or discarded.
uploads = Table(
    "uploads", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), nullable=False),
    Column("file_name", String(200), nullable=False),  # as uploaded, for display only
    Column("kind", String(10), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("meta", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("version_id", Integer, nullable=True),  # the data version its publishing made
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# A reviewer's decision on one figure, keyed by its sentence (pipeline/decisions.py), so
# the same text extracted again gets it again.
review_decisions = Table(
    "review_decisions", metadata,
    Column("key", String(64), primary_key=True),
    Column("action", String(10), nullable=False),
    Column("indicator_id", String(64), nullable=True),
    Column("value", Float, nullable=True),
    Column("sentence", Text, nullable=False),
    Column("number", String(60), nullable=False),
    Column("upload_id", Integer, nullable=False),
    Column("decided_by", String(64), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

# Indicators reviewers added (the lexicon additions an export writes to seeds/review/).
review_indicators = Table(
    "review_indicators", metadata,
    Column("id", String(64), primary_key=True),
    Column("zh", String(100), nullable=False),
    Column("en", String(200), nullable=False),
    Column("sector", String(32), nullable=False),
    Column("dims", String(100), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Tokens for the JSON API (python -m dashboard.users token NAME): only the SHA-256 is kept.
api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("label", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# /brief.pdf printed once per (data version, query) and shared by every worker and host.
rendered_briefs = Table(
    "rendered_briefs", metadata,
    Column("key", String(64), primary_key=True),
    Column("version_id", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Answers of public page views and pure callbacks, once per data version (dashboard/answers).
answers = Table(
    "answers", metadata,
    Column("key", String(64), primary_key=True),
    Column("version_id", Integer, nullable=False, index=True),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Each report's part of the tables, by (reading code, text, sources entry) hash: an unchanged
# report is not read again by the next composition (dashboard/store/part_cache.py).
report_parts = Table(
    "report_parts", metadata,
    Column("key", String(64), primary_key=True),
    Column("code", String(64), nullable=False, index=True),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# English names reviewers confirmed for indicator names read from reports (no lexicon entry),
# by the Chinese name: an input of every composed version (dashboard/upload/names.py).
review_names = Table(
    "review_names", metadata,
    Column("zh", String(100), primary_key=True),
    Column("en", String(200), nullable=False),
    Column("suggested", String(300), nullable=False),  # what the glossary offered, or ""
    Column("confirmed_by", String(64), nullable=False),
    Column("confirmed_at", DateTime(timezone=True), nullable=False),
)
