"""/compare and /record as pages: what the layout shows for an address, what the callbacks
return for the controls' values (untrusted: anything else gives the defaults), every figure
linked to its sentence, a place without a figure saying so, the sources and licence named,
and the pointer to /upload when there is one place or one year only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from dash import dcc

from dashboard.components.url_sync import store_id
from tests.pages.helpers import by_class, by_id, charts, click, texts
from tests.places.test_compare import with_bulletin


def _cells(layout, row_key: str) -> dict[str, object]:
    """Place -> its cell (html.Td) in the comparison table's row ``row_key``."""
    (table,) = by_id(layout, "compare-table")
    rows = [n for n in _walk_rows(table) if getattr(n, "data-row", None) == row_key]
    assert rows, row_key
    return {getattr(c, "data-place"): c for c in rows[0].children[1:]}


def _walk_rows(table):
    from tests.components.helpers import walk

    return [n for n in walk(table) if type(n).__name__ == "Tr"]


def _links(component) -> list[dcc.Link]:
    from tests.components.helpers import walk

    return [n for n in walk(component) if isinstance(n, dcc.Link)]


def test_compare_default_address(pages, counties):
    """The default report (luming-2025) reviews 2024, when both counties state figures."""
    page = pages["compare"]
    layout = page.layout()
    assert by_id(layout, "compare-year")[0].value == 2024
    assert by_id(layout, "compare-region")[0].value == "county"
    assert by_id(layout, store_id("compare"))[0].data == {"year": 2024, "region": "county",
                                                          "ind": []}
    heads = texts(_walk_rows(by_id(layout, "compare-table")[0])[0])
    assert "鹿鸣县（当前）" in heads and "青石县" in heads
    cells = _cells(layout, "gdp-growth_pct")
    assert "compare-home" in cells["鹿鸣县"].className
    assert texts(cells["青石县"])[:2] == ["+7.2%", "第1"]
    assert texts(cells["鹿鸣县"])[:2] == ["+6.4%", "第2"]
    # Each figure links to its sentence in the report reader and shows it on hover.
    (link,) = [x for x in _links(cells["青石县"]) if x.children == "+7.2%"]
    query = parse_qs(urlsplit(link.href).query)
    facts = counties.all_facts.set_index("fact_id")
    (fact_id,) = query["fact"]
    assert query["report"] == ["qingshi-2025"] and facts.loc[fact_id, "value"] == 7.2
    assert link.title == facts.loc[fact_id, "quote"] and "7.2%" in link.title
    # No grain output in 青石县's report: said so, no number, no rank.
    grain = _cells(layout, "grain_output-level")
    assert texts(grain["青石县"]) == ["未提及"]
    sources = texts(by_id(layout, "compare-sources")[0])
    assert "2025年鹿鸣县政府工作报告" in "".join(sources)
    assert "2025年青石县政府工作报告" in "".join(sources)
    assert any("著作权法" in s for s in sources)
    download = by_id(layout, "compare-download")[0]
    assert download.href == "/compare.csv?year=2024&region=county"
    assert "gdp-growth_pct" in charts(layout)


def test_compare_one_place_points_to_upload(pages):
    layout = pages["compare"].layout(year="2023")
    (alone,) = by_id(layout, "compare-alone")
    assert "只有鹿鸣县" in "".join(texts(alone))
    assert [x.href for x in _links(alone)] == ["/upload?lang=zh"]
    assert charts(layout) == []  # nothing to rank


def test_compare_bad_address_values_are_ignored_and_named(pages):
    layout = pages["compare"].layout(year="1999", region="<b>", ind="gdp,x" * 50, lang="en")
    assert by_id(layout, "compare-year")[0].value == 2024
    assert by_class(layout, "url-notice")[0].children.endswith("year, region, ind")
    layout = pages["compare"].layout(ind="grain_output", region="all")
    (table,) = by_id(layout, "compare-table")
    assert {getattr(r, "data-row", None) for r in _walk_rows(table)} - {None} == {
        "grain_output-level", "grain_output-growth_pct"}


def test_compare_update_callback(pages):
    page = pages["compare"]
    content, state = page.update(2023, "all", ["gdp"], "?lang=en")
    assert state == {"year": 2023, "region": "all", "ind": ["gdp"]}
    shown = "".join(texts(content))
    assert "Only Luming County states figures for 2023" in shown
    assert "1 places" not in shown
    # Untrusted values: the defaults, never an error.
    for year, region, ind in ((True, "x", "gdp"), ("2024", None, None), (2**70, 5, [1, None]),
                              (float("nan"), ["county"], {"a": 1})):
        content, state = page.update(year, region, ind, "?report=%ff")
        assert state["year"] == 2024 and state["region"] == "county", (year, region)
        assert all(isinstance(i, str) for i in state["ind"])
    content, state = page.update(2024, "county", [], None)
    assert "请至少选择一项指标。" in texts(content)


def test_compare_quote_callback(pages, counties):
    page = pages["compare"]
    fact = counties.all_facts[(counties.all_facts.report_id == "qingshi-2025")
                              & (counties.all_facts.indicator_id == "gdp")].iloc[0]
    panel = page.show_quote(click(str(fact.fact_id)), "?lang=zh")
    assert f"“{fact.quote}”" in texts(panel)
    assert "点击图中的柱或点" in "".join(texts(page.show_quote({"points": "x"}, None)))


def test_record_default_address(pages, counties):
    page = pages["record"]
    layout = page.layout()
    assert by_id(layout, "record-place")[0].value == "鹿鸣县"
    (summary,) = by_id(layout, "record-summary")
    rows = {getattr(r, "data-year", None): r for r in _walk_rows(summary)}
    counts = {o: texts(c)[0] for c in rows["2024"].children
              if (o := getattr(c, "data-outcome", None))}
    assert counts == {"met": "2", "missed": "2", "in_year": "0", "no_actual": "1"}
    assert texts(rows["2024"].children[-1]) == ["50%（4项中2项）"]
    assert texts(rows["2025"].children[-1]) == ["尚无结果"]
    (table,) = by_id(layout, "record-table")
    gdp = next(r for r in _walk_rows(table) if getattr(r, "data-indicator", None) == "gdp")
    cell_2024 = "".join(texts(gdp.children[1]))
    assert "+7%左右" in cell_2024 and "+6.4%" in cell_2024 and "未实现" in cell_2024
    assert "较2023年实际+1.2个百分点" in cell_2024
    hrefs = [x.href for x in _links(gdp.children[1])]
    assert all(h.startswith("/report?report=luming-202") for h in hrefs) and len(hrefs) == 2
    sources = "".join(texts(by_id(layout, "record-sources")[0]))
    assert "2024年鹿鸣县政府工作报告" in sources and "2025年鹿鸣县政府工作报告" in sources
    assert by_id(layout, "record-download")[0].href.startswith("/record.csv?place=")
    assert "gdp" in charts(layout)


def test_record_one_year_points_to_upload(pages):
    layout = pages["record"].layout(place="青石县", lang="en")
    (alone,) = by_id(layout, "record-alone")
    assert "Only one year of Qingshi County's targets (2025)" in "".join(texts(alone))
    assert [x.href for x in _links(alone)] == ["/upload?lang=en"]


def test_record_update_callback(pages):
    page = pages["record"]
    content, state = page.update("青石县", "all", "?lang=zh")
    assert state == {"place": "青石县", "scope": "all"}
    assert by_id(content, "record-alone")
    for place, scope in (("../x", "x"), (None, None), (["鹿鸣县"], 3), ("\x00" * 500, "all")):
        content, state = page.update(place, scope, "?report=qingshi-2025")
        # The selected report's place is the default.
        assert state["place"] == "青石县" and state["scope"] in ("main", "all")


def test_a_bulletin_figure_is_used_and_the_report_figure_noted(serve, counties):
    """鹿鸣县 with an (invented) 2024 bulletin: GDP growth 6.5% there, 6.4% in the 2025 work
    report reviewing 2024. The bulletin's figure is shown and ranked; the other is a note
    in the cell and in the list of disagreements, each linked to its sentence."""
    page = serve(with_bulletin(counties))["compare"]
    layout = page.layout(year="2024")
    cell = _cells(layout, "gdp-growth_pct")["鹿鸣县"]
    assert [x for x in texts(cell) if x.strip()][:4] == ["+6.5%", "第2", "另见", "+6.4%"]
    hrefs = [x.href for x in _links(cell)]
    assert "report=luming-2024-bulletin" in hrefs[0] and "report=luming-2025" in hrefs[1]
    (notes,) = by_id(layout, "compare-notes")
    assert "鹿鸣县·地区生产总值增速：采用+6.5%（鹿鸣县2024年国民经济和社会发展统计公报），另有"\
           "+6.4%（2025年鹿鸣县政府工作报告）" in texts(notes)
    # Figures the two sources agree on are not noted: one line only.
    assert len(by_class(notes, "small")[0].children) == 1
    sources = "".join(texts(by_id(layout, "compare-sources")[0]))
    assert "统计公报" in sources and "2025年鹿鸣县政府工作报告" in sources
