"""Which requests have one answer per data version, and the key that names it.

Pure: no Flask, no Dash app. A public page view (``GET /_dash-layout``, the page named by its
``Referer``) and a callback of a *shared* module (``POST /_dash-update-component``) are
functions of the data version and the request alone: no user, no clock, no cookie. Their
answers can be computed once and served to everyone. Callbacks and pages that read the
signed-in user (``/entry``, ``/upload``, ``/admin/users``, ``/signin``) never are:
:data:`SHARED_MODULES` names the modules whose callbacks and pages may be shared, and
``tests/answers/test_keys.py`` checks that none of them imports ``dashboard.users``.

The key is the SHA-256 of the data version and the request's canonical form: for a page
view, its path and query as the browser sends them (the layout embeds them: a different
order is a different answer); for a callback, its output, its inputs' and states' ids,
properties and values, and the ids that changed (``callback_context.triggered`` may be read);
the address a callback reads (``url.search``) as the callbacks parse it (``canonical_search``),
so ``?lang=en&report=a`` and ``?report=a&lang=en`` share an answer. A page view's address is kept as
sent: the layout embeds it, and the browser checks it against the address bar.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import parse_qsl

# Modules (their dotted names end so) whose callbacks and page layouts depend only on the
# data version and the request. Pages are named by Dash as ``pages.<file>``.
SHARED_MODULES: frozenset[str] = frozenset({
    "pages.overview", "pages.economy", "pages.investment", "pages.agriculture",
    "pages.tourism", "pages.targets", "pages.data_explorer", "pages.report",
    "pages.compare", "pages.record", "pages.present",
    "dashboard.components.language", "dashboard.components.navbar",
    "dashboard.components.footer", "dashboard.present.launcher",
})
# A request body larger than this is not a page's callback: answered, never kept.
MAX_BODY_BYTES = 256 * 1024


def is_shared_module(module: str | None) -> bool:
    """True if ``module`` (a dotted name) is one of :data:`SHARED_MODULES`."""
    if not module:
        return False
    return any(module == name or module.endswith("." + name) for name in SHARED_MODULES)


def _digest(version: str, kind: str, canonical: Any) -> str:
    text = json.dumps([version, kind, canonical], sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), default=str)
    # surrogatepass: a request may carry a lone surrogate ("\ud800" is valid JSON); it must
    # get a key of its own, not a 500 before the callback's own checks have seen it.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def layout_key(version: str, pathname: str, search: str) -> str:
    """The key of the page view of ``pathname`` + ``search`` in data version ``version``."""
    return _digest(version, "layout", [pathname, search])


def canonical_search(search: str) -> list[tuple[str, str]]:
    """A query as the callbacks read it: parsed into a dict of parameters, so their order is
    noise (a repeated one keeps its values' order). Values are kept as sent: ``?lang=zh``
    is not a bare address (the language switch takes a URL's ``lang`` over the remembered
    one; tests/browser/test_shell.py found the two sharing an answer)."""
    params = parse_qsl(search.lstrip("?"), keep_blank_values=True)
    return sorted(params, key=lambda pair: pair[0])


def _dependencies(items: Any) -> list[Any]:
    """``[[id, property, value], …]`` of a body's inputs or state (wildcards: lists)."""
    out: list[Any] = []
    for item in items or []:
        if isinstance(item, list):
            out.append(_dependencies(item))
        elif isinstance(item, dict):
            value = item.get("value")
            if item.get("property") == "search" and isinstance(value, str):
                value = canonical_search(value)
            out.append([item.get("id"), item.get("property"), value])
        else:
            raise ValueError("not a callback dependency")
    return out


def callback_key(version: str, body: Any) -> str | None:
    """The key of a callback request body, or None if it is not one we can name."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return None
    try:
        canonical = [body["output"], _dependencies(body.get("inputs")),
                     _dependencies(body.get("state")),
                     sorted(str(c) for c in body.get("changedPropIds") or [])]
    except (ValueError, TypeError):
        return None
    return _digest(version, "callback", canonical)
