"""The error of a refused account change: its own module because both ``accounts`` (which
records sign-ins through ``throttle``) and ``throttle`` (clearing a lock) raise it."""

from __future__ import annotations


class AccountError(ValueError):
    """A refused account change, with a message naming what is wrong."""
