"""The tables the build writes besides the facts: passages (the reader's text), target groups,
indicator metadata and sectors, and the body offsets of reports.csv; and the provenance of
every fact. Built from the bundles of tests/fixtures/bundles and the reports of helpers.py."""

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import Dataset
from dashboard.pipeline.__main__ import main
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.nouns import is_open_id
from dashboard.pipeline.numbers import parse_chinese_numeral
from dashboard.pipeline.text import normalise, read_report
from tests.pipeline.helpers import JIA, YI, build_written, bundle_file

GRAMMAR = Path(__file__).parents[1] / "fixtures" / "grammar-report.txt"


@pytest.fixture(scope="module")
def texts(counties: Dataset) -> dict[str, str]:
    """Each report's text as the build read it, by report id."""
    return {r.report_id: read_report(bundle_file(r.file))
            for r in counties.reports.itertuples()}


# -- passages.csv: the text for the reader ---------------------------------------------------

def test_every_passage_is_the_text_at_its_offsets(counties: Dataset, texts) -> None:
    passages = counties.passages
    assert set(passages.report_id) == set(texts)
    for row in passages.itertuples():
        assert texts[row.report_id][row.start:row.end] == row.text, (row.report_id, row.seq)
        assert row.text.strip() and "\n" not in row.text
    for report_id, rows in passages.groupby("report_id"):
        assert rows.seq.tolist() == list(range(len(rows))), report_id
        # In text order, never overlapping.
        assert (rows.start.to_numpy()[1:] >= rows.end.to_numpy()[:-1]).all(), report_id


def test_passages_carry_the_title_headings_and_their_outlook(counties: Dataset) -> None:
    rows = counties.passages[counties.passages.report_id == "luming-2025"]
    assert rows.iloc[0].role == "title" and rows.iloc[0].text == "2025年鹿鸣县政府工作报告"
    headings = rows[rows.role == "heading"].set_index("text")
    assert headings.loc["一、2024年工作回顾", ["outlook", "period"]].tolist() == ["review", 2024]
    assert headings.loc["二、2025年目标任务", ["outlook", "period"]].tolist() == ["plan", 2025]
    # The page furniture above the title (索引号, 发布日期) is not part of the text.
    assert not rows.text.str.contains("索引号|发布日期").any()


def test_the_reader_rebuilds_the_text_at_every_fact(counties: Dataset, texts) -> None:
    for report_id, original in texts.items():
        rebuilt = counties.report_text(report_id)
        assert len(rebuilt) == len(original) == int(counties.report(report_id)["chars"])
        facts = counties.indicators[counties.indicators.report_id == report_id]
        assert len(facts) > 0
        for fact in facts.itertuples():
            assert rebuilt[fact.start:fact.end] == original[fact.start:fact.end], fact.fact_id
            assert fact.quote in rebuilt, fact.fact_id
        # Every line of the body comes back; only page furniture becomes blank lines.
        body = counties.report(report_id)
        start, end = int(body["body_start"]), int(body["body_end"])
        assert rebuilt[start:end].split("\n") == [
            line if line.strip() else "" for line in original[start:end].split("\n")]
    # A scoped view reads the same text (the passages are never filtered away).
    assert counties.scoped("qingshi-2025").report_text("luming-2024") == \
        counties.report_text("luming-2024")


def test_a_comparison_target_points_at_its_clause(counties: Dataset, texts) -> None:
    """relative_targets.csv: ``start``/``end`` are the offsets of the clause quoted (schema:
    "Offset of the clause in the report text"), so the reader can mark it like a fact."""
    relative = counties.relative_targets
    assert len(relative) == 2
    for target in relative.itertuples():
        assert target.quote in texts[target.report_id]
        assert texts[target.report_id][target.start:target.end] == target.quote, target.target_id


# -- reports.csv: where the body is -----------------------------------------------------------

def test_body_offsets_skip_the_page_header(counties: Dataset, texts) -> None:
    for row in counties.reports.itertuples():
        text = texts[row.report_id]
        assert text[row.body_start:].startswith(row.title), row.report_id
        assert "索引号" in text[:row.body_start]
        assert text[row.body_end:].strip() == ""  # no footer in these texts
        facts = counties.indicators[counties.indicators.report_id == row.report_id]
        assert facts.start.min() >= row.body_start and facts.end.max() <= row.body_end


def test_body_offsets_skip_the_page_footer(tmp_path: Path) -> None:
    assert main(["extract", str(GRAMMAR), "--out", str(tmp_path)]) == 0
    report = pd.read_csv(tmp_path / "reports.csv").iloc[0]
    text = read_report(GRAMMAR)
    assert text[report.body_start:].startswith("2025年政府工作报告")
    assert report.body_end <= text.index("用户登录")
    assert text[report.body_start:report.body_end].rstrip().endswith("参保率稳定在95%以上。")
    passages = pd.read_csv(tmp_path / "passages.csv")
    assert passages.start.min() >= report.body_start
    assert passages.end.max() <= report.body_end
    assert not passages.text.str.contains("用户登录|立即注册").any()


# -- provenance of every fact -----------------------------------------------------------------

def _written_value(written: str) -> float:
    written = normalise(written).replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", written):
        return float(written)
    return float(parse_chinese_numeral(written))


def test_every_fact_points_at_its_number(counties: Dataset, texts) -> None:
    for fact in counties.indicators.itertuples():
        text = texts[fact.report_id]
        written = text[fact.start:fact.end]
        assert _written_value(written) == abs(fact.value), fact.fact_id
        assert written in fact.quote, fact.fact_id
        sentence = text.find(fact.quote, max(0, fact.end - len(fact.quote)))
        assert 0 <= sentence <= fact.start < sentence + len(fact.quote), fact.fact_id
        assert fact.fact_id == f"{fact.report_id}-{fact.start}"
    assert counties.indicators.fact_id.is_unique


def test_fact_counts_of_reports_csv(counties: Dataset) -> None:
    counts = counties.indicators.groupby("report_id").size()
    assert counts.to_dict() == counties.reports.set_index("report_id").facts.to_dict()


# -- target_groups.csv ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = build_written(tmp_path_factory.mktemp("groups"), "jia-2025", "yi-2025")
    return {name: pd.read_csv(out / f"{name}.csv") for name in ("indicators", "target_groups")}


def _statements(written, report_id: str, snippet: str) -> pd.DataFrame:
    """The facts of ``report_id`` written as ``snippet`` (value and unit), in text order."""
    text = {"jia-2025": JIA, "yi-2025": YI}[report_id]
    facts = written["indicators"]
    facts = facts[facts.report_id == report_id]
    starts = [m.start() for m in re.finditer(re.escape(snippet), text)]
    return facts[facts.start.isin(starts)].sort_values("start")


def test_a_plan_repeated_in_two_sentences_is_one_group(written) -> None:
    farmland = _statements(written, "jia-2025", "3万亩")
    assert len(farmland) == 2 and set(farmland.kind) == {"plan"}
    groups = written["target_groups"].set_index("fact_id").loc[farmland.fact_id]
    first = farmland.fact_id.iloc[0]
    assert groups.target_id.tolist() == [first, first]  # named after its first statement
    assert groups.position.tolist() == [0, 1]
    # The same plan in another county's report is that report's own target.
    (other,) = _statements(written, "yi-2025", "3万亩").fact_id
    mine = written["target_groups"].set_index("fact_id").loc[other]
    assert (mine.target_id, mine.report_id, mine.position) == (other, "yi-2025", 0)


def test_two_figures_of_one_sentence_never_merge(written) -> None:
    schools = _statements(written, "jia-2025", "2所")  # 新建中小学2所、幼儿园2所
    assert len(schools) == 2 and schools.indicator_id.nunique() == 1
    assert schools.value.nunique() == 1
    groups = written["target_groups"].set_index("fact_id").loc[schools.fact_id]
    assert groups.target_id.tolist() == schools.fact_id.tolist()
    assert groups.position.tolist() == [0, 0]


def test_every_classified_target_and_plan_is_in_one_group(counties: Dataset, written) -> None:
    for facts, groups in ((counties.indicators, counties.target_groups),
                          (written["indicators"], written["target_groups"])):
        goals = facts[facts.kind.isin(["target", "plan"])
                      & (facts.indicator_id != "unclassified")]
        assert sorted(groups.fact_id) == sorted(goals.fact_id)
        assert groups.fact_id.is_unique
        # A group is one report's, and its id is the fact id of its first statement.
        by_fact = facts.set_index("fact_id")
        for target_id, members in groups.groupby("target_id"):
            assert set(members.report_id) == {by_fact.loc[target_id].report_id}
            assert members.sort_values("position").fact_id.iloc[0] == target_id
    # In the bundles no target is stated twice: one statement per group.
    assert counties.target_groups.position.eq(0).all()


# -- indicator_meta.csv and sectors.csv -------------------------------------------------------

def test_indicator_meta_matches_the_lexicon(counties: Dataset, counties_dir: Path) -> None:
    lexicon = load_lexicon()
    meta = pd.read_csv(counties_dir / "indicator_meta.csv", dtype=str, keep_default_na=False)
    named = meta[meta.indicator_id.map(is_open_id)]
    meta = meta[~meta.indicator_id.map(is_open_id)]
    assert meta.indicator_id.tolist() == list(lexicon.indicators)
    for row in meta.itertuples():
        ind = lexicon.indicators[row.indicator_id]
        assert (row.zh, row.en, row.sector, row.type, row.direction, row.measure, row.topic) == (
            ind.zh, ind.en, ind.sector, ind.type, ind.direction, ind.measure, ind.topic)
        assert tuple(row.dims.split(";")) == ind.dims
        assert row.per_capita == str(int(ind.per_capita))
    assert lexicon.indicators["disposable_income"].per_capita
    # The app reads the lexicon back from the table alone, with the names read from the text.
    assert {k: v for k, v in counties.lexicon.items() if not is_open_id(k)} == lexicon.indicators
    facts = counties.all_facts
    assert set(named.indicator_id) == {i for i in facts.indicator_id if is_open_id(i)}
    for row in named.itertuples():
        first = facts[facts.indicator_id == row.indicator_id].sort_values("start").iloc[0]
        assert (row.zh, row.sector) == (first.indicator_zh, first.sector)


def test_sectors_match_the_lexicon(counties: Dataset, counties_dir: Path) -> None:
    sectors = pd.read_csv(counties_dir / "sectors.csv")
    assert sectors.sector.tolist() == list(load_lexicon().sectors)
    assert sectors.position.tolist() == list(range(len(sectors)))
    assert counties.sector_order == load_lexicon().sectors
    assert set(counties.indicators.sector) <= set(counties.sector_order)
