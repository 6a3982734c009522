"""After an approval through the API the figure is published as ``/entry`` publishes it.

The one place the API asks for a new data version: it calls what the entry page calls after
an approval (``dashboard.store.publishing.publish_approval``), so when that path changes,
this line changes with the page's and nothing else in the API does.
"""

from __future__ import annotations

import logging

from dashboard.store.engine import Store, StoreError
from dashboard.store.publishing import publish_approval
from dashboard.users.accounts import User

log = logging.getLogger("dashboard.api")


def publish_after_approval(store: Store, user: User, entry_id: int) -> int | None:
    """The data version now holding the approved figure, or None if publishing failed: the
    approval stands and the next approval publishes it too, as on ``/entry``."""
    try:
        return publish_approval(store, user, f"approve entry {entry_id}").version_id
    except StoreError as exc:
        log.warning("approved entry %s not published: %s", entry_id, exc)
        return None
    except Exception:  # noqa: BLE001 - the approval is committed: say so, never a 500
        log.exception("approved entry %s not published", entry_id)
        return None
