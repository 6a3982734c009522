"""Production launcher: gunicorn with two workers, never the Flask dev server.

``python app.py`` ends up here. HOST and PORT environment variables override
127.0.0.1:8050; WEB_WORKERS overrides the worker count (the machine has 2 cores).
"""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication

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
    }


def serve(wsgi_app: Any) -> None:
    """Run ``wsgi_app`` under gunicorn until interrupted."""
    host, port = bind_address()
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    print(f"Dashboard: http://{shown}:{port}/", flush=True)
    _Standalone(wsgi_app, gunicorn_options(host, port)).run()
