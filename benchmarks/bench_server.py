"""The production server as the benchmark runs it: ``dashboard.server.serve`` (gunicorn,
two workers) around the app ``create_app`` builds from the environment's settings, plus
``/__bench__/<file>`` for the static comparison pages.

Started by ``benchmarks/run.py`` as a subprocess; not used by the app itself.

* ``BENCH_PAGES_FOLDER``: pages folder passed to ``create_app`` (default: the real pages).
* ``BENCH_DATABASE_URL``: serve from this database as production does
  (``startup.prepare_store``: SQLite or PostgreSQL, loaded from ``seeds/`` if empty).
* ``BENCH_STATIC_DIR``: folder of the static pages written by ``static_pages.py`` after the
  server has started. Files are read when first asked for, scripts and stylesheets
  brotli-compressed once (as ``dashboard/server.py`` does for the app's assets) and kept.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import Response, abort, request  # noqa: E402

from dashboard.app_factory import create_app  # noqa: E402
from dashboard.server import serve  # noqa: E402
from dashboard.settings import read_settings  # noqa: E402
from dashboard.startup import prepare_store  # noqa: E402

MIMETYPES = {".html": "text/html", ".js": "application/javascript", ".css": "text/css"}
SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def build():
    pages = os.environ.get("BENCH_PAGES_FOLDER")
    database = os.environ.get("BENCH_DATABASE_URL")
    # As the production launcher: workers warm the default report's pages.
    settings = replace(read_settings(), warm=True)
    if database:
        settings = replace(settings, database_url=database)
        app = create_app(settings, prepare_store(settings))
    else:
        app = create_app(replace(settings, pages_dir=Path(pages)) if pages else settings)
    static_dir = Path(os.environ.get("BENCH_STATIC_DIR", "."))
    compressed: dict[str, bytes] = {}

    def bench_file(name: str) -> Response:
        path = static_dir / name
        mimetype = MIMETYPES.get(path.suffix)
        if not SAFE_NAME.match(name) or mimetype is None or not path.is_file():
            abort(404)
        if mimetype == "text/html" or "br" not in request.accept_encodings:
            return Response(path.read_bytes(), mimetype=mimetype)
        import brotli

        if name not in compressed:
            compressed[name] = brotli.compress(path.read_bytes(), quality=5)
        response = Response(compressed[name], mimetype=mimetype)
        response.headers["Content-Encoding"] = "br"
        return response

    app.server.add_url_rule("/__bench__/<name>", "bench_static", bench_file)
    return app


if __name__ == "__main__":
    serve(build().server)
