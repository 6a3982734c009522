"""Answers computed once per data version, not per click per worker (issue #24).

What a public page or a shared callback shows for a request is a pure function of the data
version and the request (``keys.py``). It is computed once, compressed once, kept where every
worker and host finds it (``kept.py``: the database, with each process's most recent answers
in memory) and served as bytes (``serve.py``); the answers of a new version are computed in
the background before anyone asks (``prerender.py``), and a new version's keys differ, so
nothing kept from an older one is ever served.
"""

from __future__ import annotations

from dash import Dash

from dashboard.answers import serve

APP = "dashboard.answers.app"


def install(app: Dash) -> None:
    """Serve and keep shared answers for ``app`` (call after the security hooks)."""
    app.server.extensions[APP] = app
    serve.install(app)
