"""Users, sign-in and sessions (``python -m dashboard.users`` manages accounts)."""
