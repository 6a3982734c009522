"""Sources of truth for composing versions, files stored once by content, API tokens,
four eyes over a figure's whole history, rendered briefs shared by every worker.

* ``source_texts``: the repository's ``seeds/`` imported into the database (report texts
  with their sources.yml entry, reviewers' decision files, hand-kept actuals), so every
  data version is composed from the database alone, whichever host does it.
* ``blobs``: every version file's content once, by SHA-256; ``version_files`` keeps only
  the name and the hash (an approval adds the one table it changes).
* ``data_versions.manifest``: which texts, decisions and entries (id and hash) a version
  was composed from.
* ``entries.value_editors``: everyone who ever set the figure's value.
* ``api_tokens``: per-user tokens for the JSON API, stored hashed.
* ``rendered_briefs``: ``/brief.pdf`` printed once per data version and query.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_texts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),  # report, review, actuals
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),  # JSON: the sources.yml entry
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(200), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    bind = op.get_bind()
    seen: set[str] = set()
    for digest, content in bind.execute(sa.text("SELECT sha256, content FROM version_files")):
        if digest not in seen:
            seen.add(digest)
            bind.execute(sa.text("INSERT INTO blobs (sha256, size, content) "
                                 "VALUES (:d, :n, :c)"),
                         {"d": digest, "n": len(content), "c": bytes(content)})
    with op.batch_alter_table("version_files") as batch:
        batch.drop_column("content")
    with op.batch_alter_table("data_versions") as batch:
        batch.add_column(sa.Column("manifest", sa.Text, nullable=True))
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("value_editors", sa.Text, nullable=False,
                                   server_default=""))
    # Before this revision only the last changer was kept, and submitting overwrote it: the
    # value editors are the creator, the last changer and everyone the audit log shows
    # creating, editing or importing the figure (quoted as entries/store.quote_editor does).
    changers: dict[int, list[str]] = {}
    for subject, actor in bind.execute(sa.text(
            "SELECT subject, actor FROM audit_log WHERE action IN "
            "('entry.create', 'entry.edit', 'entry.import') ORDER BY id")):
        if str(subject).startswith("entry:") and str(subject)[6:].isdigit():
            changers.setdefault(int(str(subject)[6:]), []).append(str(actor))
    for entry_id, created_by, updated_by in bind.execute(sa.text(
            "SELECT id, created_by, updated_by FROM entries")).all():
        names = dict.fromkeys([created_by, updated_by, *changers.get(int(entry_id), [])])
        quoted = ",".join(n.replace("%", "%25").replace(",", "%2C") for n in names if n)
        bind.execute(sa.text("UPDATE entries SET value_editors = :v WHERE id = :i"),
                     {"v": quoted, "i": entry_id})
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "rendered_briefs",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rendered_briefs")
    op.drop_table("api_tokens")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("value_editors")
    with op.batch_alter_table("data_versions") as batch:
        batch.drop_column("manifest")
    with op.batch_alter_table("version_files") as batch:
        batch.add_column(sa.Column("content", sa.LargeBinary, nullable=True))
    op.execute("UPDATE version_files SET content = "
               "(SELECT content FROM blobs WHERE blobs.sha256 = version_files.sha256)")
    op.drop_table("blobs")
    op.drop_table("source_texts")
