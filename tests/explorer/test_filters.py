"""dashboard.explorer.filters: filtering, search, URL state of /data (on the 鹿鸣县 2024 report
of the test bundles)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import url_state
from dashboard.explorer import filters as flt
from dashboard.pipeline.nouns import is_open_id
from tests.explorer.conftest import REPORT
from tests.explorer.helpers import fact_id


@pytest.fixture(scope="module")
def facts(report):
    return report.indicators


@pytest.fixture(scope="module")
def choices(report, facts):
    return flt.choices(facts, report.sector_order)


@pytest.fixture(scope="module")
def gdp(facts):
    """(level, growth): 地区生产总值68.42亿元，同比增长5.8% (2023, stated in one clause)."""
    return fact_id(facts, REPORT, "gdp"), fact_id(facts, REPORT, "gdp", value_kind="growth_pct")


def test_the_facts_are_one_reports(facts):
    assert set(facts["report_id"]) == {REPORT}


def test_choices(report, facts, choices):
    assert choices.sectors[0] == "economy"  # the build's sector order
    assert list(choices.sectors) == [s for s in report.sector_order if s in set(facts["sector"])]
    assert set(choices.sectors) == set(facts["sector"])
    assert choices.periods == (2023, 2024)
    assert choices.kinds == ("actual", "target", "plan")
    assert choices.indicators[0] == "gdp"  # first stated in the report
    assert any(is_open_id(i) for i in choices.indicators)  # names read from the text
    assert len(choices.fact_ids) == len(facts)


def test_choices_of_one_report_hold_nothing_of_another(dataset, choices):
    """Each report offers its own values: 青石县's energy sector and 2025 targets are not
    offered for the 鹿鸣县 2024 report."""
    qingshi = dataset.scoped("qingshi-2025")
    other = flt.choices(qingshi.indicators, qingshi.sector_order)
    assert "energy" in other.sectors and "energy" not in choices.sectors
    assert other.periods == (2024, 2025)
    assert not other.fact_ids & choices.fact_ids


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
    named = [i for i in facts["indicator_id"].unique() if is_open_id(i)]
    found = flt.apply(facts, flt.Filters(indicators=tuple(named)))
    assert len(found) == int(facts["indicator_id"].isin(named).sum()) > 0


def test_filters_combine_with_and(facts):
    result = flt.apply(facts, flt.Filters(sectors=("investment",), kinds=("plan",)))
    expected = facts[(facts["sector"] == "investment") & (facts["kind"] == "plan")]
    assert len(expected) and list(result["fact_id"]) == list(expected["fact_id"])


def test_search(facts, gdp):
    def search(q):
        return flt.apply(facts, flt.Filters(q=q))

    gdp_target = fact_id(facts, REPORT, "gdp", "target", "growth_pct")
    assert set(search("地区生产总值")["indicator_id"]) >= {"gdp"}
    assert set(search("GROSS regional")["indicator_id"]) == {"gdp"}  # English, any case
    assert list(search("68.42")["fact_id"]) == list(gdp)  # both quote the one clause
    # Every term must match: the target (地区生产总值增长7%左右) does not say 5.8%.
    both = search("生产总值 5.8%")
    assert gdp[1] in set(both["fact_id"]) and gdp_target not in set(both["fact_id"])
    assert gdp_target in set(search("生产总值")["fact_id"])
    assert search("no-such-thing").empty
    assert search(".*").empty  # a regex character is just a character
    assert len(search("   ")) == len(facts)


def test_by_ids_keeps_order_and_skips_unknown(facts, gdp):
    level, growth = gdp
    assert list(flt.by_ids(facts, [growth, "nope", level, growth])["fact_id"]) == [growth, level]
    assert flt.by_ids(facts, []).empty


def test_by_ids_skips_facts_of_other_reports(dataset, facts, gdp):
    elsewhere = fact_id(dataset.all_facts, "luming-2025", "gdp")
    assert list(flt.by_ids(facts, [elsewhere, gdp[0]])["fact_id"]) == [gdp[0]]


def test_decode_query_valid(choices, gdp):
    filters, fact, invalid = flt.decode_query(
        {"sectors": "economy,fiscal", "periods": "2024", "kinds": "target",
         "indicators": "gdp", "q": " 增长 ", "fact": gdp[0]}, choices)
    assert filters == flt.Filters(("economy", "fiscal"), (2024,), ("target",), ("gdp",), "增长")
    assert fact == gdp[0]
    assert invalid == []


def test_decode_query_drops_invalid_values(choices):
    filters, fact, invalid = flt.decode_query(
        {"sectors": "economy,<script>", "periods": "1999", "kinds": "guess",
         "indicators": ["gdp", "x"], "q": "x" * 150, "fact": f"{REPORT}-0"}, choices)
    assert filters == flt.Filters(sectors=("economy",), indicators=("gdp",))
    assert fact is None
    assert invalid == ["sectors", "periods", "kinds", "q", "fact"]


def test_decode_query_refuses_values_of_another_report(dataset, choices):
    """A fact, period or sector of another report is not this report's: dropped and named."""
    other = fact_id(dataset.all_facts, "qingshi-2025", "gdp")
    filters, fact, invalid = flt.decode_query(
        {"fact": other, "periods": "2025", "sectors": "energy"}, choices)
    assert (filters, fact) == (flt.Filters(), None)
    assert invalid == ["sectors", "periods", "fact"]


def test_state_round_trip(choices, gdp):
    """state() -> URL (url_state.encode) -> what Dash hands layout() -> decode_query()."""
    filters = flt.Filters(("agriculture", "economy"), (2023, 2024), ("actual", "plan"),
                          ("gdp", "grain_area"), "万亩 增长")
    search = url_state.encode(flt.state(filters, gdp[0]))
    parsed = parse_qs(urlsplit(search).query)
    query = {k: v[0] for k, v in parsed.items()}
    assert flt.decode_query(query, choices) == (filters, gdp[0], [])
    assert url_state.encode(flt.state(flt.Filters())) == ""


def test_grid_rows(facts, gdp):
    rows = flt.grid_rows(flt.by_ids(facts, gdp), "en")
    assert [r["fact_id"] for r in rows] == list(gdp)
    assert rows[0]["indicator"] == "Gross regional product"
    assert rows[0]["sector"] == "Economy" and rows[0]["kind"] == "Result"
    assert rows[0]["value"] == 68.42 and rows[0]["unit"] == "100 million yuan"  # 亿元
    assert rows[0]["period"] == 2023
    assert rows[1]["value"] == 5.8 and rows[1]["unit"] == "%"
    assert isinstance(rows[0]["value"], float) and isinstance(rows[0]["period"], int)
    zh = flt.grid_rows(flt.by_ids(facts, gdp[:1]), "zh")[0]
    assert zh["indicator"] == "地区生产总值" and zh["kind"] == "实绩"
    assert zh["quote"] == "全县实现地区生产总值68.42亿元，同比增长5.8%"


@pytest.mark.parametrize(("selected", "expected"), [
    ([{"fact_id": "a"}], "a"), ({"ids": ["b"]}, "b"), ([], None), (None, None),
    ({"ids": []}, None), ([{"nope": 1}], None), ("junk", None), ([{"fact_id": "x" * 300}], None),
])
def test_selected_fact(selected, expected):
    assert flt.selected_fact(selected) == expected


def test_row_ids():
    assert flt.row_ids(None) is None
    assert flt.row_ids([{"fact_id": "a"}, {"x": 1}, "junk"]) == ["a"]
