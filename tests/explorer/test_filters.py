"""dashboard.explorer.filters: filtering, search, URL state of /data."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import url_state
from dashboard.explorer import filters as flt
from dashboard.pipeline.lexicon import load_lexicon


@pytest.fixture(scope="module")
def facts(dataset):
    return dataset.indicators


@pytest.fixture(scope="module")
def choices(facts):
    return flt.choices(facts, load_lexicon().sectors)


def test_choices(facts, choices):
    assert choices.sectors[0] == "economy"  # lexicon order
    assert set(choices.sectors) == set(facts["sector"])
    assert choices.periods == (2023, 2024)
    assert choices.kinds == ("actual", "target", "plan")
    assert choices.indicators[0] == "gdp"  # first stated in the report
    assert "unclassified" in choices.indicators
    assert len(choices.fact_ids) == len(facts)


def test_no_filter_keeps_everything(facts):
    assert len(flt.apply(facts, flt.Filters())) == len(facts)


def test_each_filter(facts):
    economy = flt.apply(facts, flt.Filters(sectors=("economy",)))
    assert len(economy) and set(economy["sector"]) == {"economy"}
    both = flt.apply(facts, flt.Filters(sectors=("economy", "fiscal")))
    assert len(both) == len(economy) + int((facts["sector"] == "fiscal").sum())
    targets = flt.apply(facts, flt.Filters(periods=(2024,), kinds=("target",)))
    assert len(targets) and set(targets["kind"]) == {"target"}
    assert set(targets["period"].astype(int)) == {2024}
    gdp = flt.apply(facts, flt.Filters(indicators=("gdp",)))
    assert set(gdp["indicator_id"]) == {"gdp"}
    unclassified = flt.apply(facts, flt.Filters(indicators=("unclassified",)))
    assert len(unclassified) == int((facts["indicator_id"] == "unclassified").sum()) > 0


def test_filters_combine_with_and(facts):
    result = flt.apply(facts, flt.Filters(sectors=("economy",), kinds=("plan",)))
    expected = facts[(facts["sector"] == "economy") & (facts["kind"] == "plan")]
    assert list(result["fact_id"]) == list(expected["fact_id"])


@pytest.mark.parametrize(("q", "check"), [
    ("地区生产总值", lambda r: set(r["indicator_id"]) >= {"gdp"}),
    ("GROSS regional", lambda r: set(r["indicator_id"]) == {"gdp"}),  # English, any case
    ("259.03", lambda r: list(r["fact_id"]) == ["shawan-2024-639", "shawan-2024-652"]),
    ("生产总值 4.6%", lambda r: "shawan-2024-652" in set(r["fact_id"])),  # all terms
    ("no-such-thing", lambda r: r.empty),
    (".*", lambda r: r.empty),  # a regex character is just a character
    ("   ", lambda r: len(r) == 84),
])
def test_search(facts, q, check):
    assert check(flt.apply(facts, flt.Filters(q=q)))


def test_by_ids_keeps_order_and_skips_unknown(facts):
    ids = ["shawan-2024-652", "nope", "shawan-2024-639", "shawan-2024-652"]
    assert list(flt.by_ids(facts, ids)["fact_id"]) == ["shawan-2024-652", "shawan-2024-639"]
    assert flt.by_ids(facts, []).empty


def test_decode_query_valid(choices):
    filters, fact, invalid = flt.decode_query(
        {"sectors": "economy,fiscal", "periods": "2024", "kinds": "target",
         "indicators": "gdp", "q": " 增长 ", "fact": "shawan-2024-639"}, choices)
    assert filters == flt.Filters(("economy", "fiscal"), (2024,), ("target",), ("gdp",), "增长")
    assert fact == "shawan-2024-639"
    assert invalid == []


def test_decode_query_drops_invalid_values(choices):
    filters, fact, invalid = flt.decode_query(
        {"sectors": "economy,<script>", "periods": "1999", "kinds": "guess",
         "indicators": ["gdp", "x"], "q": "x" * 150, "fact": "shawan-2024-0"}, choices)
    assert filters == flt.Filters(sectors=("economy",), indicators=("gdp",))
    assert fact is None
    assert invalid == ["sectors", "periods", "kinds", "q", "fact"]


def test_state_round_trip(choices):
    """state() -> URL (url_state.encode) -> what Dash hands layout() -> decode_query()."""
    filters = flt.Filters(("agriculture", "economy"), (2023, 2024), ("actual", "plan"),
                          ("gdp", "grain_area"), "万亩 增长")
    search = url_state.encode(flt.state(filters, "shawan-2024-639"))
    parsed = parse_qs(urlsplit(search).query)
    query = {k: v[0] for k, v in parsed.items()}
    assert flt.decode_query(query, choices) == (filters, "shawan-2024-639", [])
    assert url_state.encode(flt.state(flt.Filters())) == ""


def test_grid_rows(facts):
    rows = flt.grid_rows(facts.head(2), "en")
    assert rows[0]["fact_id"] == "shawan-2024-639"
    assert rows[0]["indicator"] == "Gross regional product"
    assert rows[0]["sector"] == "Economy" and rows[0]["kind"] == "Result"
    assert rows[0]["value"] == 259.03 and rows[0]["period"] == 2023
    zh = flt.grid_rows(facts.head(1), "zh")[0]
    assert zh["indicator"] == "地区生产总值" and zh["kind"] == "实绩"


@pytest.mark.parametrize(("selected", "expected"), [
    ([{"fact_id": "a"}], "a"), ({"ids": ["b"]}, "b"), ([], None), (None, None),
    ({"ids": []}, None), ([{"nope": 1}], None), ("junk", None), ([{"fact_id": "x" * 300}], None),
])
def test_selected_fact(selected, expected):
    assert flt.selected_fact(selected) == expected


def test_row_ids():
    assert flt.row_ids(None) is None
    assert flt.row_ids([{"fact_id": "a"}, {"x": 1}, "junk"]) == ["a"]
