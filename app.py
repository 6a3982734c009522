"""Entry point. ``gunicorn app:server`` or ``python app.py`` (gunicorn, 2 workers)."""

from dashboard.startup import create_app_or_exit

# A data file or database the app cannot use: one line on stderr, exit status 2.
app = create_app_or_exit()
server = app.server

if __name__ == "__main__":
    from dashboard.server import serve

    serve(server)
