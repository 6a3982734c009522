"""Who writes through the API: the user of the request's token, if it comes from no other
site.

The token comes only in ``Authorization: Bearer TOKEN``, never a cookie or a parameter:
a browser never sends it by itself, so another site cannot make a signed-in browser write.
A request that a browser marks as coming from another site (its ``Origin``, else its
``Referer``, names another host, or ``Sec-Fetch-Site: cross-site``) is refused all the same,
before its token is even looked at. A client that sends none of these (curl, a script) is
not a browser's cross-site request.
"""

from __future__ import annotations

from flask import request

from dashboard.store.engine import Store
from dashboard.users.accounts import User
from dashboard.users.tokens import MAX_TOKEN, token_user
from dashboard.users.web import same_origin

SCHEME = "bearer"


def cross_site() -> bool:
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        return True
    if not (request.headers.get("Origin") or request.headers.get("Referer")):
        return False
    return not same_origin()


def bearer_token() -> str | None:
    """The token of ``Authorization: Bearer TOKEN``, or None."""
    header = request.headers.get("Authorization", "")
    if len(header) > MAX_TOKEN + 20:
        return None
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != SCHEME or not token or " " in token:
        return None
    return token


def api_user(store: Store) -> User | None:
    """The active user of the request's live token, or None (StoreError if unreadable)."""
    token = bearer_token()
    return None if token is None else token_user(store, token)
