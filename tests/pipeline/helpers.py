"""Report texts for the pipeline tests, and a build of any set of them into a data folder.

The bundles of tests/fixtures/bundles (鹿鸣县, 青石县) are built by the session fixtures of
tests/conftest.py. The two short reports here (甲县, 乙县, invented figures) are written for
two rules the bundles do not exercise:

* a growth target becomes a level through the base of its own report: 甲县's and 乙县's
  investment targets each agree with their own county's 2024 result and contradict the
  other's (10 and 100亿元), and 乙县's revenue targets contradict each other;
* target groups: 甲县 repeats 新建高标准农田3万亩 in two sentences (one target) and states
  two 2所 school figures in one sentence (two targets); 乙县 plans the same 3万亩.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from dashboard.pipeline.build import build

BUNDLES = Path(__file__).resolve().parents[1] / "fixtures" / "bundles"

JIA = """2025年甲县政府工作报告
(2025年1月10日)
各位代表:
一、2024年工作回顾
2024年，全县实现地区生产总值50.2亿元，同比增长6.1%。一般公共预算收入30亿元，同比增长4.2%。固定资产投资10亿元，同比增长8%。
二、2025年目标任务
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，固定资产投资增长10%左右。
（一）扩大有效投资。全年固定资产投资达到11亿元。新建高标准农田3万亩。
（二）办好民生实事。新建高标准农田3万亩；新建中小学2所、幼儿园2所。
"""

YI = """2025年乙县政府工作报告
(2025年1月12日)
各位代表:
一、2024年工作回顾
2024年，全县实现地区生产总值320.5亿元，同比增长5.5%。一般公共预算收入8亿元，同比增长3.1%。固定资产投资100亿元，同比增长6%。
二、2025年目标任务
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长5%，固定资产投资增长10%左右。
（一）扩大有效投资。全年固定资产投资达到110亿元，一般公共预算收入达到20亿元以上。新建高标准农田3万亩。
"""

WRITTEN = {"jia-2025": ("甲县", JIA), "yi-2025": ("乙县", YI)}


def build_written(base: Path, *report_ids: str) -> Path:
    """Build the named reports of WRITTEN together into ``base/data``; the folder."""
    seeds = base / "seeds"
    seeds.mkdir(parents=True)
    entries = []
    for report_id in report_ids:
        place, text = WRITTEN[report_id]
        (seeds / f"{report_id}.txt").write_text(text, encoding="utf-8")
        entries.append({"id": report_id, "file": f"{report_id}.txt", "place": place,
                        "report_year": 2025})
    (seeds / "sources.yml").write_text(yaml.safe_dump({"reports": entries}, allow_unicode=True),
                                       encoding="utf-8")
    out = base / "data"
    build(seeds, out)
    return out


def bundle_file(name: str) -> Path:
    """The report file ``name`` (reports.csv ``file``) in one of the fixture bundles."""
    (path,) = BUNDLES.glob(f"*/{name}")
    return path
