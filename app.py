"""Entry point. ``gunicorn app:server`` or ``python app.py`` (gunicorn, 2 workers)."""

from dashboard.server import create_app_or_exit

# A missing or malformed data file: one line on stderr, exit status 2.
app = create_app_or_exit()
server = app.server

if __name__ == "__main__":
    from dashboard.server import serve

    serve(server)
