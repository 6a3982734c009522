"""Alembic environment: migrations run on the connection ``dashboard.store.migrate`` opens
(inside its transaction), in batch mode so SQLite can alter tables too."""

from __future__ import annotations

from alembic import context

from dashboard.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
