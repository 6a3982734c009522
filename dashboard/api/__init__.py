"""The JSON API under ``/api/v1`` (``docs/api.md``; described at ``/api/v1/openapi.json``).

* Reads (``read.py``), public: the reports, a report's facts and a target table, as JSON or
  CSV, from the snapshot the request sees (``dashboard.context``), computed by the same
  functions as the pages. Registered by ``create_app`` (``read.register``), so an app
  without a database serves them too.
* Writes (``write.py``), with a per-user token (``dashboard/users/tokens.py``): enter,
  submit and approve in-year figures through the services of ``/entry``
  (``dashboard/entries/store.py``), so the same checks, roles, four eyes and audit hold.
  Registered by ``create_app`` when it is given a database (``write.register``).
"""

PREFIX = "/api/v1"
