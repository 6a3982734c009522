"""The JSON API under ``/api/v1`` (``docs/api.md``; described at ``/api/v1/openapi.json``).

* Reads (``read.py``), public: the reports, a report's facts and a target table, as JSON or
  CSV, from the snapshot the request sees (``dashboard.context``), computed by the same
  functions as the pages. Registered by ``create_app``, so an app without a database
  serves them too.
* Writes (``write.py``), with a per-user token (``dashboard/users/tokens.py``): enter,
  submit and approve in-year figures through the services of ``/entry``
  (``dashboard/entries/store.py``), so the same checks, roles, four eyes and audit hold.
  Registered where the database is (``dashboard/startup.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from dashboard.store.engine import Store

PREFIX = "/api/v1"


def register_read(server: Flask) -> None:
    """Attach the public reads and the API's description to the app's Flask server."""
    from dashboard.api import read

    server.register_blueprint(read.blueprint())


def register_write(server: Flask, store: Store) -> None:
    """Attach the token-authenticated writes, on ``store``, to the app's Flask server."""
    from dashboard.api import write

    server.register_blueprint(write.blueprint(store))
