"""The upload workflow without a browser: stage, prefill, queue, decisions (audited and
reused), publish, roll back, export that rebuilds the same tables."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from dashboard.pipeline.build import build
from dashboard.pipeline.decisions import Decision
from dashboard.progress.targets import target_table
from dashboard.store.audit import history
from dashboard.store.versions import current_state, list_versions
from dashboard.upload import service
from dashboard.upload import store as uploads
from dashboard.upload.documents import UploadError
from dashboard.upload.export import export_zip
from tests.upload.conftest import ADMIN, NEXT_REPORT
from tests.upload.makers import make_docx


def _receive(site, content=None, name="鹿鸣县2025年政府工作报告.docx"):
    content = content if content is not None else make_docx(NEXT_REPORT)
    return service.receive(site.store, name, content, ADMIN, site.published())


def _state(site, upload_id):
    return service.review_state(site.store, uploads.get(site.store, upload_id),
                                site.published())


def _decide_all(site, upload_id):
    for item in _state(site, upload_id).items:
        if item.decision is None:
            uploads.decide(site.store, upload_id, Decision(item.key, "accept"),
                           item.sentence, "", ADMIN)


def test_details_are_prefilled_from_the_text_and_the_place_history(site):
    upload = uploads.get(site.store, _receive(site))
    meta = upload.meta
    assert (meta["id"], meta["place"], meta["report_year"], meta["genre"]) == \
        ("luming-2025", "鹿鸣县", 2025, "work_report")
    assert meta["title"] == "2025年鹿鸣县政府工作报告"
    assert meta["place_en"] == "Luming County" and meta["issuing_body"] == "鹿鸣县人民政府"
    assert meta["delivered"] == "2025-01-18"
    assert upload.kind == "docx" and upload.state == "staged"
    assert len(upload.text_sha256) == 64 and upload.text.endswith("\n")
    assert [r.action for r in history(site.store, f"upload:{upload.id}")] == ["upload.stage"]


def test_the_queue_lists_new_targets_and_named_figures_with_their_sentence(site):
    state = _state(site, _receive(site))
    categories = {item.category for item in state.items}
    assert "target" in categories
    for item in state.items:
        start, end = item.mark
        if item.category != "no_actual":
            assert item.sentence[start:end]  # the number, highlighted in its sentence
    assert state.open_items == len(state.items) > 0
    assert state.problems == ()
    assert state.summary.added and not state.summary.dropped
    assert state.summary.facts_after > state.summary.facts_before


def test_publishing_waits_for_every_item_then_fills_last_years_gauges(site):
    upload_id = _receive(site)
    before = site.published()
    empty = [r for r in target_table(before.scoped("luming-2024"), 2024).rows if r.actual]
    with pytest.raises(UploadError) as refused:
        service.publish_upload(site.store, upload_id, before, ADMIN)
    assert refused.value.code == "open_items"
    assert current_state(site.store)[0] == list_versions(site.store)[-1].id
    _decide_all(site, upload_id)
    result = service.publish_upload(site.store, upload_id, before, ADMIN)
    after = site.published()
    assert result.created and "luming-2025" in set(after.reports.report_id)
    filled = [r for r in target_table(after.scoped("luming-2024"), 2024).rows if r.actual]
    assert len(filled) > len(empty)
    assert all(r.actual.fact["report_id"] == "luming-2025" for r in filled
               if r.actual.fact is not None)
    assert uploads.get(site.store, upload_id).state == "published"
    # Rolled back in one step: the previous version serves, the upload is withdrawn.
    service.roll_back(site.store, ADMIN)
    assert "luming-2025" not in set(site.published().reports.report_id)
    assert uploads.get(site.store, upload_id).state == "withdrawn"
    actions = [r.action for r in history(site.store, f"upload:{upload_id}")]
    assert actions == ["upload.stage", "upload.published", "upload.withdrawn"]


def test_decisions_change_the_tables_are_audited_and_are_reused(site):
    upload_id = _receive(site)
    state = _state(site, upload_id)
    target = next(i for i in state.items if i.category == "target")
    other = next(i for i in state.items if i.category == "target" and i.key != target.key)
    uploads.decide(site.store, upload_id, Decision(target.key, "reject"), target.sentence,
                   "", ADMIN)
    uploads.decide(site.store, upload_id, Decision(other.key, "edit", value=12345.0),
                   other.sentence, "", ADMIN)
    staged = _state(site, upload_id)
    facts = staged.staged.dataset.indicators
    mine = facts[facts.report_id == "luming-2025"]
    assert len(mine) == len(site.published().indicators) * 0 + \
        staged.summary.facts_after - len(site.published().indicators)
    assert 12345.0 in set(mine.value)
    assert {r.action for r in history(site.store, f"figure:{target.key}")} == {"review.decide"}
    # The same text uploaded again (another file form) finds the decisions already made.
    again = _receive(site, NEXT_REPORT.encode("gb18030"), "luming.txt")
    decided = {i.key: i.decision for i in _state(site, again).items}
    assert decided[target.key].action == "reject"
    assert decided[other.key].value == 12345.0
    assert uploads.get(site.store, upload_id).state == "discarded"  # replaced by the new one


def test_export_rebuilds_the_published_tables_from_the_repository(site, tmp_path):
    upload_id = _receive(site)
    state = _state(site, upload_id)
    named = next(i for i in state.items if i.category in ("named", "target"))
    from dashboard.pipeline.decisions import indicator_from_spec

    added = indicator_from_spec({"id": "r_test_indicator", "zh": "测试指标", "en": "Test",
                                 "sector": "economy", "dims": ["count"]})
    uploads.add_indicator(site.store, added, ADMIN)
    uploads.decide(site.store, upload_id, Decision(named.key, "assign", added.id),
                   named.sentence, "", ADMIN)
    _decide_all(site, upload_id)
    service.publish_upload(site.store, upload_id, site.published(), ADMIN)
    published = site.published()
    body = export_zip(site.store, uploads.get(site.store, upload_id), site.seeds)
    repo = tmp_path / "repo"
    shutil.copytree(site.seeds, repo / "seeds")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = set(archive.namelist())
        assert {"seeds/luming-2025.txt", "seeds/sources.yml",
                "seeds/review/luming-2025.yml"} <= names
        for name in names - {"README.txt"}:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_bytes(archive.read(name))
    assert "# Test seeds" in (repo / "seeds" / "sources.yml").read_text(encoding="utf-8")
    build(repo / "seeds", repo / "data")
    from dashboard.store.versions import version_files_of

    stored = version_files_of(site.store, current_state(site.store)[0])
    for name, content in stored.items():
        if name != "actuals.csv":
            assert (repo / "data" / name).read_bytes() == content, name
    assert "r_test_indicator" in set(published.indicators.indicator_id)


def test_a_failed_publish_leaves_the_published_version(site, monkeypatch):
    upload_id = _receive(site)
    _decide_all(site, upload_id)
    before = current_state(site.store)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    from dashboard.store import publishing

    monkeypatch.setattr(publishing, "publish", broken)
    with pytest.raises(RuntimeError):
        service.publish_upload(site.store, upload_id, site.published(), ADMIN)
    assert current_state(site.store) == before
    assert uploads.get(site.store, upload_id).state == "staged"


def test_a_file_without_figures_is_refused_and_nothing_is_kept(site):
    with pytest.raises(UploadError) as refused:
        _receive(site, "各位代表：\n现在，我代表县人民政府向大会报告工作。\n".encode(), "a.txt")
    assert refused.value.code == "no_figures"
    assert uploads.list_uploads(site.store) == []


def test_a_corrected_upload_replaces_the_earlier_one_of_its_report(site):
    first = _receive(site)
    _decide_all(site, first)
    service.publish_upload(site.store, first, site.published(), ADMIN)
    corrected = _receive(site, NEXT_REPORT.replace("73.15", "73.16").encode("gb18030"),
                         "corrected.txt")
    _decide_all(site, corrected)
    service.publish_upload(site.store, corrected, site.published(), ADMIN)
    facts = site.published().indicators
    assert 73.16 in set(facts[facts.report_id == "luming-2025"].value)
    # Both uploads say published; the staged build of a third takes the latest only.
    third = _receive(site, make_docx(NEXT_REPORT), "again.docx")
    assert service.safe_review_state(site.store, uploads.get(site.store, third),
                                     site.published()).problems == ()


def test_a_seed_reports_id_is_taken(site):
    upload_id = _receive(site)
    upload = uploads.get(site.store, upload_id)
    uploads.save_meta(site.store, upload_id, {**upload.meta, "id": "luming-2024"}, ADMIN)
    state = service.safe_review_state(site.store, uploads.get(site.store, upload_id),
                                      site.published())
    assert "id_taken" in state.problems


def test_a_text_naming_no_year_is_staged_and_the_admin_is_asked_for_it(site):
    text = NEXT_REPORT.replace("2025年鹿鸣县政府工作报告", "鹿鸣县政府工作报告")
    text = "\n".join(line for line in text.split("\n")
                     if "月" not in line[:12] and "|" not in line)
    text = text.replace("2024年", "去年").replace("2025年", "今年")
    upload = uploads.get(site.store, _receive(site, make_docx(text)))
    assert upload.meta["report_year"] == ""
    state = service.safe_review_state(site.store, upload, site.published())
    assert isinstance(state, str) and "no year found" in state
    with pytest.raises(UploadError):
        service.publish_upload(site.store, upload.id, site.published(), ADMIN)
    uploads.save_meta(site.store, upload.id, {**upload.meta, "report_year": 2025}, ADMIN)
    state = service.review_state(site.store, uploads.get(site.store, upload.id),
                                 site.published())
    assert not isinstance(state, str) and "report_year" not in state.problems
