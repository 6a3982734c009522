"""Scripts the index page loads: Dash's list minus what the page being opened does not use.

Measured on a cold load of the overview (``benchmarks/RESULTS.md``, CPU profile and
long tasks in headless Chromium on 2 cores):

* **The polyfill.** Dash puts ``@babel/polyfill`` 7 (core-js 2 and regenerator-runtime)
  in front of every page. The browsers this dashboard serves (current Chromium, Edge,
  Firefox, Safari) have every ES2015–2017 feature natively, yet core-js 2 still swaps
  some built-ins for JavaScript versions that plotly.js then calls constantly. It is
  dropped. The one part the Dash bundles use, the global ``regeneratorRuntime`` (their
  lazy-loading wrappers are compiled to generators), comes from
  ``assets/vendor/regenerator-runtime-*.js`` (npm ``regenerator-runtime``, the package
  the polyfill bundles), loaded with the other assets before dash-renderer starts.
* **Page-only packages.** AG Grid's bundle (1.4 MB of JavaScript, 317 KiB compressed)
  is needed by ``/data`` alone; compiling it cost every other page about 0.3 s before
  the first chart. A package in :data:`PAGE_ONLY_PACKAGES` is loaded only on the pages
  that declare it (``dash.register_page(..., packages=[...])``); ``dash_table`` is
  declared by no page. ``assets/page-packages.js`` makes a link to a page whose package
  this document did not load a full page load (the browser follows the link instead of
  Dash's client-side router), reading the page → packages map this module writes into
  the page as JSON.
"""

from __future__ import annotations

import re

import dash

from dashboard import templating
from dashboard.components.shell import page_at

POLYFILL_SCRIPT = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\s*')
# Namespace (window global) -> where Dash serves its bundle.
PAGE_ONLY_PACKAGES: dict[str, str] = {
    "dash_ag_grid": "/_dash-component-suites/dash_ag_grid/",
    "dash_table": "/_dash-component-suites/dash/dash_table/",
}
MAP_ID = "page-packages"


def _script_tag(url_part: str) -> re.Pattern[str]:
    return re.compile(r'<script src="[^"]*' + re.escape(url_part) + r'[^"]*"></script>\s*')


def page_packages() -> dict[str, list[str]]:
    """``relative_path -> page-only packages`` for every page that declares some."""
    found: dict[str, list[str]] = {}
    for page in dash.page_registry.values():
        wanted = [p for p in page.get("packages", ()) if p in PAGE_ONLY_PACKAGES]
        if wanted:
            found[str(page["relative_path"])] = sorted(wanted)
    return found


def packages_for_path(path: str) -> set[str]:
    """Page-only packages the page at ``path`` needs (none for an unknown path)."""
    page = page_at(path) or {}
    return {p for p in page.get("packages", ()) if p in PAGE_ONLY_PACKAGES}


def trim_scripts(scripts: str, path: str) -> str:
    """Dash's ``{%scripts%}`` HTML for the page at ``path``, with the page map in front."""
    scripts = POLYFILL_SCRIPT.sub("", scripts)
    keep = packages_for_path(path)
    for package, url_part in PAGE_ONLY_PACKAGES.items():
        if package not in keep:
            scripts = _script_tag(url_part).sub("", scripts)
    data = templating.render("page_packages.html", map_id=MAP_ID, packages=page_packages())
    return data + scripts
