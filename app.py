"""Entry point. ``gunicorn app:server`` or ``python app.py`` (gunicorn, 2 workers).

The launcher only reads the environment (``dashboard/settings.py``) and starts gunicorn; the
app is built by the one composition root, ``dashboard.app_factory.create_app``.
"""

if __name__ == "__main__":
    from dashboard.server import main

    main()
else:
    from dashboard.startup import create_app_or_exit

    # A setting, data file or database the app cannot use: one line on stderr, exit status 2.
    app = create_app_or_exit()
    server = app.server
