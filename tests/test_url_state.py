"""dashboard.url_state: decoding what a page was opened with, encoding what it shows."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import url_state
from dashboard.url_state import MAX_VALUE_LENGTH, choice, encode, free_text, integer, many

SECTORS = ("economy", "fiscal", "agriculture")
FACT = object()  # stands for a fact id of the test bundles (see ``gdp``)


@pytest.fixture(scope="module")
def gdp(counties) -> str:
    """The id of 2023's GDP (68.42亿元) in the 鹿鸣县 2024 report of the test bundles."""
    facts = counties.all_facts
    rows = facts[(facts.report_id == "luming-2024") & (facts.indicator_id == "gdp")
                 & (facts.kind == "actual") & (facts.value_kind == "level")]
    assert len(rows) == 1
    return str(rows.fact_id.iloc[0])


def _query(search: str) -> dict[str, str | list[str]]:
    """What Dash pages hands to layout(**query): one value, or a list when repeated."""
    parsed = parse_qs(urlsplit(search).query, keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


@pytest.mark.parametrize(("raw", "expected"), [
    (None, (None, True)),
    ("", (None, False)),  # "?fact=" names a parameter without a usable value
    ("economy", ("economy", True)),
    ("Economy", (None, False)),
    ("<script>", (None, False)),
    (["fiscal", "economy"], ("fiscal", True)),  # repeated parameter: the first counts
    ([], (None, True)),
    ("x" * (MAX_VALUE_LENGTH + 1), (None, False)),
])
def test_choice(raw, expected):
    assert choice(raw, SECTORS) == expected


def test_choice_default():
    assert choice("nope", SECTORS, default="economy") == ("economy", False)
    assert choice(None, SECTORS, default="economy") == ("economy", True)


@pytest.mark.parametrize(("raw", "expected"), [
    (None, ([], True)),
    ("economy", (["economy"], True)),
    ("fiscal,economy", (["fiscal", "economy"], True)),  # order kept
    ("economy,economy", (["economy"], False)),  # duplicates dropped, and reported
    ("economy,bogus", (["economy"], False)),  # unknown dropped, and reported
    ("bogus", ([], False)),
    ("economy,,fiscal", (["economy", "fiscal"], True)),
    ("", ([], False)),
    ("a" * 500, ([], False)),
])
def test_many(raw, expected):
    assert many(raw, SECTORS) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (None, (None, True)),
    ("2023", (2023, True)),
    ("1999", (None, False)),
    ("20x3", (None, False)),
    ("", (None, False)),
])
def test_integer(raw, expected):
    assert integer(raw, 2000, 2100) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (None, ("", True)),
    ("  增长  ", ("增长", True)),
    ("<script>alert(1)</script>", ("<script>alert(1)</script>", True)),  # text, shown as text
    ("x" * 101, ("", False)),
])
def test_free_text(raw, expected):
    assert free_text(raw, 100) == expected


def test_encode_skips_empty_values_and_joins_lists(gdp):
    assert encode({"sectors": ["economy", "fiscal"], "q": "", "fact": None, "kinds": []}) == (
        "?sectors=economy,fiscal")
    assert encode({}) == ""
    assert encode({"q": "增长 10%", "fact": gdp}) == (
        f"?q=%E5%A2%9E%E9%95%BF+10%25&fact={gdp}")
    assert encode({"report": "luming-2024", "fact": gdp}) == f"?report=luming-2024&fact={gdp}"


@pytest.mark.parametrize("state", [
    {"sectors": ["economy", "agriculture"], "q": "地区生产总值 5.8%", "fact": FACT},
    {"report": "qingshi-2025", "sectors": ["fiscal"]},
    {"report": "luming-2024", "fact": FACT},
    {"q": "a&b=c,d#e?f"},
    {},
])
def test_round_trip(state, counties, gdp):
    """encode() then the decoders give back the same state; report and fact are checked
    against the reports and facts of the data."""
    state = {k: gdp if v is FACT else v for k, v in state.items()}
    query = _query(encode(state))
    sectors, ok = many(query.get("sectors"), SECTORS)
    assert ok and sectors == state.get("sectors", [])
    q, ok = free_text(query.get("q"))
    assert ok and q == state.get("q", "")
    fact, ok = choice(query.get("fact"), counties.all_facts["fact_id"])
    assert ok and fact == state.get("fact")
    report, ok = choice(query.get("report"), counties.reports["report_id"])
    assert ok and report == state.get("report")


def test_a_report_or_fact_the_data_lacks_is_refused(counties, gdp):
    reports = counties.reports["report_id"]
    assert choice("luming-2025", reports) == ("luming-2025", True)
    assert choice("luming-2023", reports, default="luming-2025") == ("luming-2025", False)
    assert choice(gdp + "0", counties.all_facts["fact_id"]) == (None, False)


def test_decoded_defaults():
    decoded = url_state.Decoded()
    assert decoded.values == {} and decoded.invalid == []
