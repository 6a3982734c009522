"""/api/v1/openapi.json: an OpenAPI 3.1 document, read from dashboard/api/openapi.yml, that
describes exactly the routes served."""

from __future__ import annotations

import re

from dashboard.api import PREFIX
from tests.api.conftest import make_site


def _served(app) -> set[tuple[str, str]]:
    out = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/") or ".fallback" in rule.endpoint:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(PREFIX):])
        path = path.replace("{entry_id}", "{id}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            out.add((path, method.lower()))
    return out


def test_the_description_is_openapi_3_1_and_names_every_route(store, counties):
    site = make_site(store, counties)
    answer = site.client.get("/api/v1/openapi.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    doc = answer.get_json()
    assert doc["openapi"] == "3.1.0" and doc["servers"] == [{"url": PREFIX}]
    described = {(path, method) for path, item in doc["paths"].items() for method in item}
    app = site.client.application
    assert described == _served(app)
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            assert operation["responses"], (path, method)
            writes = method == "post"
            assert ("security" in operation) == writes, (path, method)
    # Every $ref points at something defined.
    text = answer.get_data(as_text=True)
    for ref in set(re.findall(r'"\$ref": "#/components/(\w+)/(\w+)"', text)):
        assert ref[1] in doc["components"][ref[0]], ref


def test_the_read_only_app_describes_the_writes_too(reader):
    doc = reader.get("/api/v1/openapi.json").get_json()
    assert "/entries" in doc["paths"] and "/reports" in doc["paths"]
