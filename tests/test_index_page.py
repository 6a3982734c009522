"""Scripts on the index page (dashboard/index_page.py)."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import index_page
from dashboard.app_factory import create_app
from tests.app_settings import app_settings


@pytest.fixture(scope="module")
def app(counties):
    return create_app(app_settings(), snapshot=counties)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def _scripts(client, path: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get(path).get_data(as_text=True))


def _page_map(client, path: str) -> dict:
    html = client.get(path).get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="page-packages">([^<]*)</script>',
                      html)
    assert found, "page map missing"
    return json.loads(found.group(1))


@pytest.mark.parametrize("path", ["/", "/economy", "/targets", "/report", "/present", "/nope"])
def test_pages_without_the_grid_do_not_load_it(client, path):
    scripts = _scripts(client, path)
    assert not [s for s in scripts if "dash_ag_grid" in s or "dash_table" in s]
    assert not [s for s in scripts if "polyfill" in s]
    assert any("regenerator-runtime" in s for s in scripts)
    assert any("dash_renderer" in s for s in scripts)
    assert any("a-plotly.min.js" in s for s in scripts)


def test_the_data_page_loads_the_grid(client):
    scripts = _scripts(client, "/data")
    assert [s for s in scripts if "dash_ag_grid" in s]
    assert not [s for s in scripts if "polyfill" in s or "dash_table" in s]
    assert client.get(next(s for s in scripts if "dash_ag_grid" in s)).status_code == 200


def test_every_page_knows_which_pages_need_what(client):
    assert _page_map(client, "/") == {"/data": ["dash_ag_grid"]}
    assert _page_map(client, "/data") == _page_map(client, "/")


def test_regenerator_runtime_is_served_before_the_renderer(client):
    scripts = _scripts(client, "/")
    runtime = next(i for i, s in enumerate(scripts) if "regenerator-runtime" in s)
    renderer = next(i for i, s in enumerate(scripts) if "dash_renderer" in s)
    assert runtime < renderer
    assert client.get(scripts[runtime]).status_code == 200


def test_page_packages_come_from_the_registry(client):
    import dash

    declared = {str(p["relative_path"]): sorted(p.get("packages", []))
                for p in dash.page_registry.values() if p.get("packages")}
    assert index_page.page_packages() == declared
    assert index_page.packages_for_path("/data") == {"dash_ag_grid"}
    assert index_page.packages_for_path("/data/") == {"dash_ag_grid"}
    assert index_page.packages_for_path("/") == set()


def test_page_only_packages_are_used_only_where_declared(app, client):
    """A page's default layout uses a page-only package only if it declares it."""
    import dash

    def namespaces(node, found):
        if isinstance(node, (list, tuple)):
            for item in node:
                namespaces(item, found)
            return found
        ns = getattr(node, "_namespace", None)
        if ns:
            found.add(ns)
        for prop in getattr(node, "_prop_names", []):
            value = getattr(node, prop, None)
            if hasattr(value, "_namespace") or isinstance(value, (list, tuple)):
                namespaces(value, found)
        return found

    with app.server.test_request_context("/"):
        for page in dash.page_registry.values():
            used = namespaces(page["layout"](), set()) & set(index_page.PAGE_ONLY_PACKAGES)
            assert used <= set(page.get("packages", [])), page["path"]


def test_trim_scripts_escapes_the_map():
    html = index_page.trim_scripts("", "/")
    assert html.startswith('<script type="application/json" id="page-packages">')
    assert "</script>" not in html[html.index(">") + 1:html.rindex("</script>")]


def test_vendored_files_match_the_hashes_in_their_readme():
    import hashlib
    from pathlib import Path

    vendor = Path(__file__).resolve().parents[1] / "assets" / "vendor"
    listed = dict(
        (name, digest) for digest, name in
        re.findall(r"^([0-9a-f]{64})  (\S+)$", (vendor / "README.md").read_text(), re.M))
    files = {p.name for p in vendor.iterdir() if p.suffix in (".js", ".css")}
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
