"""Callback bodies built from a page's layout JSON."""

from __future__ import annotations

from dashboard.answers import payloads


def _layout(value, search=""):
    return {"type": "Div", "namespace": "dash_html_components", "props": {"children": [
        {"type": "Location", "props": {"id": "url", "search": search, "pathname": "/p"}},
        {"type": "Dropdown", "props": {"id": "pick", "value": value}},
        {"type": "Graph", "props": {"id": {"page": "p", "chart": "a"}, "clickData": None}},
    ]}}


SPECS = {
    "content.children": {"output": "content.children", "prevent_initial_call": True,
                         "inputs": [{"id": "pick", "property": "value"}],
                         "state": [{"id": "url", "property": "search"}]},
    "..count.children...grid.rowData..": {
        "output": "..count.children...grid.rowData..", "prevent_initial_call": False,
        "inputs": [{"id": "pick", "property": "value"}], "state": []},
    '{"chart":["MATCH"],"page":"p"}.children': {
        "output": '{"chart":["MATCH"],"page":"p"}.children', "prevent_initial_call": False,
        "inputs": [{"id": '{"chart":["MATCH"],"page":"p"}', "property": "clickData"}],
        "state": []},
}


def test_the_callbacks_a_page_fires_on_load_with_its_values():
    bodies = payloads.initial_bodies(_layout("a"), SPECS)
    assert bodies == [{"output": "..count.children...grid.rowData..",
                       "outputs": [{"id": "count", "property": "children"},
                                   {"id": "grid", "property": "rowData"}],
                       "inputs": [{"id": "pick", "property": "value", "value": "a"}],
                       "changedPropIds": [], "state": []}]


def test_a_control_switched_to_another_states_value_keeps_the_url_it_was_on():
    bodies = payloads.change_bodies(_layout("a", "?lang=en"), _layout("b", "?lang=en&x=b"),
                                    SPECS)
    by_output = {b["output"]: b for b in bodies}
    assert set(by_output) == {"content.children", "..count.children...grid.rowData.."}
    body = by_output["content.children"]
    assert body["inputs"] == [{"id": "pick", "property": "value", "value": "b"}]
    assert body["state"] == [{"id": "url", "property": "search", "value": "?lang=en"}]
    assert body["changedPropIds"] == ["pick.value"]


def test_nothing_changes_nothing_fires():
    assert payloads.change_bodies(_layout("a"), _layout("a", "?x=a"), SPECS) == []


def test_a_dict_id_is_written_as_the_renderer_writes_it():
    assert payloads.id_key({"page": "p", "chart": "a"}) == '{"chart":"a","page":"p"}'


def test_switching_back_to_the_first_value_is_sent_from_the_pages_url():
    back = payloads.change_bodies(_layout("b", "?x=b"), _layout("a", "?lang=en"), SPECS,
                                  url=_layout("a", "?lang=en"))
    body = {b["output"]: b for b in back}["content.children"]
    assert body["inputs"][0]["value"] == "a"
    assert body["state"] == [{"id": "url", "property": "search", "value": "?lang=en"}]


def test_a_buttons_first_click():
    layout = {"props": {"children": [
        {"props": {"id": "csv", "n_clicks": None}},
        {"props": {"id": "pick", "value": "a"}}]}}
    specs = {"file.data": {"output": "file.data", "prevent_initial_call": True,
                           "inputs": [{"id": "csv", "property": "n_clicks"}],
                           "state": [{"id": "pick", "property": "value"}]}}
    (body,) = payloads.click_bodies(layout, specs)
    assert body["inputs"] == [{"id": "csv", "property": "n_clicks", "value": 1}]
    assert body["changedPropIds"] == ["csv.n_clicks"]
    assert body["state"] == [{"id": "pick", "property": "value", "value": "a"}]
    assert payloads.click_bodies(layout, SPECS) == []
