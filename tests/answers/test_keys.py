"""Which requests are shared, and the keys that name their answers."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from dashboard.answers import keys

ROOT = Path(__file__).resolve().parents[2]


def test_a_layout_key_names_the_version_and_the_exact_address():
    key = keys.layout_key("7-abc", "/economy", "?lang=en")
    assert key == keys.layout_key("7-abc", "/economy", "?lang=en")
    assert key != keys.layout_key("8-abc", "/economy", "?lang=en")
    assert key != keys.layout_key("7-abc", "/economy", "")
    # The layout embeds the query as sent: another order is another answer.
    assert (keys.layout_key("7", "/economy", "?report=a&lang=en")
            != keys.layout_key("7", "/economy", "?lang=en&report=a"))


BODY = {"output": "economy-content.children",
        "outputs": {"id": "economy-content", "property": "children"},
        "inputs": [{"id": "economy-indicators", "property": "value", "value": ["gdp"]}],
        "state": [{"id": "url", "property": "search", "value": "?lang=en"}],
        "changedPropIds": ["economy-indicators.value"]}


def test_a_callback_key_depends_on_what_the_callback_reads_only():
    key = keys.callback_key("7", BODY)
    extra = {**BODY, "parsedChangedPropsIds": ["x"], "outputs": [], "callbackTimestamp": 1}
    assert keys.callback_key("7", extra) == key
    assert keys.callback_key("8", BODY) != key
    changed = {**BODY, "inputs": [{**BODY["inputs"][0], "value": ["gdp", "retail"]}]}
    assert keys.callback_key("7", changed) != key
    other_url = {**BODY, "state": [{**BODY["state"][0], "value": ""}]}
    assert keys.callback_key("7", other_url) != key
    # callback_context.triggered may be read: what changed is part of the request.
    assert keys.callback_key("7", {**BODY, "changedPropIds": []}) != key


def test_a_lone_surrogate_gets_a_key_of_its_own():
    # JSON may carry "\ud800" (the callback fuzzer sends it): hashing it must not raise.
    def body(text):
        return {"output": "x.children", "inputs": [{"id": "x", "property": "value",
                                                   "value": text}]}

    first, second = keys.callback_key("v1", body("\ud800")), keys.callback_key("v1", body("\ud801"))
    assert len(first) == 64 and first != second
    assert keys.layout_key("v1", "/", "?q=\udfff") != keys.layout_key("v1", "/", "?q=")


def test_what_is_not_a_callback_body_has_no_key():
    assert keys.callback_key("7", None) is None
    assert keys.callback_key("7", {"output": 3}) is None
    assert keys.callback_key("7", {"output": "a.b", "inputs": ["x"]}) is None
    assert keys.callback_key("7", {"output": "a.b", "inputs": 5}) is None


def test_shared_modules_are_matched_by_their_dotted_name():
    assert keys.is_shared_module("pages.economy")
    assert keys.is_shared_module("dashboard.pages.economy")
    assert not keys.is_shared_module("pages.entry")
    assert not keys.is_shared_module("pages.economy_extra")
    assert not keys.is_shared_module(None)


def _file_of(module: str) -> Path:
    if module.startswith("pages."):
        return ROOT / "dashboard" / "pages" / (module.split(".", 1)[1] + ".py")
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin)


def test_no_shared_module_reads_the_signed_in_user():
    """A shared answer is served to everyone: its code must not know who asks."""
    for module in keys.SHARED_MODULES:
        tree = ast.parse(_file_of(module).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for alias in node.names}
        users = [name for name in imported if name.startswith("dashboard.users")]
        assert not users, module
        source = _file_of(module).read_text(encoding="utf-8")
        for word in ("session[", "request.cookies", "signed_in(", "current_user("):
            assert word not in source, (module, word)


def test_the_address_a_callback_reads_is_keyed_as_the_callbacks_parse_it():
    def body(search):
        return {**BODY, "state": [{"id": "url", "property": "search", "value": search}]}

    same = {keys.callback_key("7", body(s)) for s in ("?report=a&lang=en", "?lang=en&report=a")}
    assert len(same) == 1
    # A URL's own lang wins over the remembered one: ?lang=zh is not a bare address.
    assert keys.callback_key("7", body("?lang=zh&report=a")) != keys.callback_key(
        "7", body("?report=a"))
    assert keys.callback_key("7", body("?report=a")) != keys.callback_key("7", body("?report=b"))
    assert keys.callback_key("7", body("?ind=a&ind=b")) != keys.callback_key(
        "7", body("?ind=b&ind=a"))  # a repeated parameter keeps its values' order
    assert keys.canonical_search("?lang=xx&b=1&a=2") == [("a", "2"), ("b", "1"), ("lang", "xx")]
