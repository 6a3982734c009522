"""The production server as the benchmark runs it: ``dashboard.server.serve`` (gunicorn,
two workers) around ``create_app()``, plus two routes for the static comparison page.

Started by ``benchmarks/run.py`` as a subprocess; not used by the app itself.

* ``BENCH_PAGES_FOLDER``: pages folder passed to ``create_app`` (default: the real pages).
* ``BENCH_STATIC_DIR``: folder holding ``static.html`` / ``static.js`` / ``static.css``,
  written by run.py; served at ``/__bench__/static``, ``/__bench__/static.js`` and
  ``/__bench__/static.css`` through the same Flask app, so they get the same compression
  and headers as the dashboard. The files are read per request (run.py writes them after
  the server has started).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import Response, abort  # noqa: E402

from dashboard.app_factory import create_app  # noqa: E402
from dashboard.server import serve  # noqa: E402

STATIC_FILES = {
    "static": ("static.html", "text/html"),
    "static.js": ("static.js", "application/javascript"),
    "static.css": ("static.css", "text/css"),
}


def build():
    pages = os.environ.get("BENCH_PAGES_FOLDER")
    app = create_app(pages_folder=Path(pages) if pages else None)
    static_dir = Path(os.environ.get("BENCH_STATIC_DIR", "."))

    def bench_file(name: str) -> Response:
        if name not in STATIC_FILES:
            abort(404)
        filename, mimetype = STATIC_FILES[name]
        path = static_dir / filename
        if not path.is_file():
            abort(404)
        return Response(path.read_bytes(), mimetype=mimetype)

    app.server.add_url_rule("/__bench__/<name>", "bench_static", bench_file)
    return app


if __name__ == "__main__":
    serve(build().server)
