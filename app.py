"""Entry point. ``gunicorn app:server`` or ``python app.py`` (gunicorn, 2 workers)."""

from dashboard.app_factory import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    from dashboard.server import serve

    serve(server)
