"""Details read from the text (genre, place, dates) and the queue's conflicts: a bulletin
stating a figure differently from the report that reviewed the same year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline.decisions import Decision
from dashboard.upload import metadata, service
from dashboard.upload import store as uploads
from tests.upload.conftest import ADMIN, NEXT_REPORT

EVAL = Path(__file__).parents[1] / "fixtures" / "eval"
BULLETIN = """鹿鸣县2024年国民经济和社会发展统计公报
鹿鸣县统计局
（2025年3月20日）
一、综合
初步核算，全年全县实现地区生产总值73.80亿元，按不变价格计算，比上年增长6.4%。
二、固定资产投资
全年固定资产投资比上年增长17.5%。
"""


@pytest.mark.parametrize(("name", "genre"), [
    ("review-2026.txt", "five_year_review"), ("bulletin-2025.txt", "statistical_bulletin"),
    ("county-2024.txt", "work_report"), ("shawan-2025.txt", "work_report")])
def test_genre_is_detected(name, genre):
    assert metadata.detected_genre((EVAL / name).read_text(encoding="utf-8")) == genre


@pytest.mark.parametrize(("title", "place"), [
    ("2025年沙湾市政府工作报告", "沙湾市"),
    ("白杨河县2025年国民经济和社会发展统计公报", "白杨河县"),
    ("2026年清水河市政府工作报告", "清水河市"), ("政府工作报告", ""),
    ("2024年伊犁哈萨克自治州政府工作报告", "伊犁哈萨克自治州")])
def test_place_is_read_from_the_title(title, place):
    assert metadata.place_of(title) == place


def test_a_place_without_history_gets_its_english_name_spelled_for_the_admin():
    text = (EVAL / "county-2024.txt").read_text(encoding="utf-8")
    meta = metadata.prefill(text, pd.DataFrame(columns=["report_id", "place", "report_year"]),
                            "x.txt", "admin", "2026-12-01")
    # No earlier report to copy it from: spelled from the Chinese (pipeline/places.py).
    assert meta["place"] == "白杨河县" and meta["place_en"] == "Baiyanghe County"
    assert meta["title_en"] == "Baiyanghe County 2024 Government Work Report"
    assert meta["licence"] == ""
    assert meta["id"] == "report-2024"
    assert metadata.check({**meta, "origin": "site"}, set()) == []
    assert "id_taken" in metadata.check(meta, {"report-2024"})
    assert {"published", "report_year"} <= set(metadata.check(
        {**meta, "published": "2025/1/1", "report_year": "20x5"}, set()))


def _publish(site, content: bytes, name: str) -> int:
    upload_id = service.receive(site.store, name, content, ADMIN, site.published())
    state = service.review_state(site.store, uploads.get(site.store, upload_id),
                                 site.published())
    for item in state.items:
        if item.decision is None:
            uploads.decide(site.store, upload_id, Decision(item.key, "accept"), item.sentence,
                           "", ADMIN)
    return upload_id


def test_a_bulletin_differing_from_the_report_is_a_conflict(site):
    first = _publish(site, NEXT_REPORT.encode(), "luming-2025.txt")
    service.publish_upload(site.store, first, site.published(), ADMIN)
    upload_id = service.receive(site.store, "公报.txt", BULLETIN.encode("gb18030"), ADMIN,
                                site.published())
    upload = uploads.get(site.store, upload_id)
    assert upload.meta["genre"] == "statistical_bulletin"
    assert upload.meta["id"] == "luming-2024-bulletin"
    state = service.review_state(site.store, upload, site.published())
    conflicts = [i for i in state.items if i.category == "conflict"]
    assert [(c.indicator_id, c.value) for c in conflicts] == [("gdp", 73.8)]
    assert conflicts[0].detail.startswith("luming-2025: 73.15")
    # The agreeing growth rates are no conflict.
    assert all(c.value != 6.4 for c in conflicts)
