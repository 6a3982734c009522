"""Production launcher: gunicorn with two workers, never the Flask dev server.

``python app.py`` ends up here. HOST and PORT environment variables override
127.0.0.1:8050; WEB_WORKERS overrides the worker count (the machine has 2 cores).

The launcher only reads the environment and starts gunicorn: the app is built by
``dashboard/startup.py`` (settings from the environment, database, one-line start-up
errors) through the one composition root, ``dashboard.app_factory.create_app``. Nothing in
the app imports this module.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from gunicorn.app.base import BaseApplication

from dashboard.context import WARM_SETTING, source_of
from dashboard.delivery import warm_caches
from dashboard.startup import create_app_or_exit, serving_line
from dashboard.warm import start_warming

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
DEFAULT_WORKERS = 2


class _Standalone(BaseApplication):  # type: ignore[misc]
    """Serve an already imported WSGI callable, so workers share the loaded code."""

    def __init__(self, wsgi_app: Any, options: dict[str, Any]) -> None:
        self._wsgi_app = wsgi_app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self._wsgi_app


def bind_address() -> tuple[str, int]:
    """Host and port from the environment, with local-only defaults."""
    host = os.environ.get("HOST", DEFAULT_HOST) or DEFAULT_HOST
    port = int(os.environ.get("PORT", DEFAULT_PORT))
    return host, port


def gunicorn_options(host: str, port: int) -> dict[str, Any]:
    """Options passed to gunicorn; separate so tests can inspect them."""
    return {
        "bind": f"{host}:{port}",
        "workers": int(os.environ.get("WEB_WORKERS", DEFAULT_WORKERS)),
        "timeout": 60,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        # Load the app before forking: an import error fails fast, once.
        "preload_app": True,
        # Unused, and two instances on one host would share its default path.
        "control_socket_disable": True,
    }


def log_to_stderr() -> None:
    """The app's own messages (new data versions, database outages) beside gunicorn's."""
    logger = logging.getLogger("dashboard")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(
            "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "%Y-%m-%d %H:%M:%S %z"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def serve(wsgi_app: Any) -> None:
    """Run ``wsgi_app`` under gunicorn until interrupted."""
    log_to_stderr()
    host, port = bind_address()
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    options = gunicorn_options(host, port)
    serving = serving_line(wsgi_app)
    if hasattr(wsgi_app, "test_client"):
        warm_caches(wsgi_app)
        # No thread may run in the master when gunicorn forks; each worker follows the
        # database on its own from its first request.
        source_of(wsgi_app).pause()
        if wsgi_app.config.get(WARM_SETTING):
            # Each worker builds the default report's pages once it has forked, and again
            # for a new data version (dashboard/warm.py; the app's settings turn it on).
            def post_worker_init(worker: Any) -> None:
                start_warming(wsgi_app, worker.log.info)

            options["post_worker_init"] = post_worker_init
    print(f"Dashboard: http://{shown}:{port}/{serving}", flush=True)
    _Standalone(wsgi_app, options).run()


def main() -> None:
    """``python -m dashboard.server``: same as ``python app.py``."""
    serve(create_app_or_exit(warm=True).server)


if __name__ == "__main__":
    main()
