"""A reviewer confirms the English of a name read from the report's text on /upload: only a
reviewer or admin may, it is audited, it becomes part of the composed version (every figure
of that name, in the staged review and once published) with who confirmed it and when, the
English pages then show it unmarked, and an export carries it into seeds/review/."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from dashboard.components import upload_review
from dashboard.facts import indicator_name
from dashboard.names.display import SUGGESTED_MARK
from dashboard.pipeline.decisions import Decision
from dashboard.policy import Denied
from dashboard.store.audit import history
from dashboard.store.compose import manifest_of
from dashboard.upload import names, service
from dashboard.upload import store as uploads
from dashboard.upload.actions import ActionError, perform
from dashboard.upload.export import export_zip
from dashboard.users.accounts import User
from tests.components.helpers import texts, walk
from tests.upload.conftest import ADMIN, NEXT_REPORT

REVIEWER = User(2, "rita", "reviewer", ())
EDITOR = User(3, "eddie", "editor", ("economy",))
NAME = "实施重点项目"  # luming-2025: 实施重点项目80个, no lexicon entry


def _staged(site) -> int:
    return service.receive(site.store, "luming-2025.txt", NEXT_REPORT.encode(), ADMIN,
                           site.published())


def _state(site, upload_id):
    return service.review_state(site.store, uploads.get(site.store, upload_id),
                                site.published())


def _named(dataset):
    facts = dataset.indicators
    return facts[(facts.report_id == "luming-2025") & (facts.indicator_zh == NAME)]


def test_the_review_lists_names_read_from_the_text_with_the_glossarys_english(site):
    state = _state(site, _staged(site))
    item = next(i for i in state.names if i.zh == NAME)
    assert item.complete and item.suggestion == "Implemented key projects"
    assert item.confirmed is None and item.figures >= 1
    assert all(i.zh != "地区生产总值" for i in state.names)  # a lexicon name is not asked


def test_only_a_reviewer_or_admin_confirms_and_it_is_audited(site):
    with pytest.raises(Denied):
        names.confirm_name(site.store, NAME, "Key projects under way", EDITOR)
    with pytest.raises(Denied):
        names.confirm_name(site.store, NAME, "Key projects under way", None)  # type: ignore[arg-type]
    assert names.confirmed_names(site.store) == {}
    kept = names.confirm_name(site.store, NAME, "  Key projects   under way ", REVIEWER)
    assert (kept.en, kept.confirmed_by, kept.suggested) == \
        ("Key projects under way", "rita", "Implemented key projects")
    names.confirm_name(site.store, NAME, "Key projects implemented", ADMIN)
    rows = history(site.store, f"name:{NAME}")
    assert [(r.action, r.actor) for r in rows] == [("review.name", "rita"),
                                                   ("review.name", "admin")]
    assert names.confirmed_names(site.store)[NAME].en == "Key projects implemented"
    for bad in ("", "实施重点项目", "x" * 201):
        with pytest.raises(names.BadName):
            names.confirm_name(site.store, NAME, bad, ADMIN)


def test_a_confirmed_name_is_part_of_the_composed_version_with_its_provenance(site):
    upload_id = _staged(site)
    before = _named(_state(site, upload_id).staged.dataset)
    assert not before.empty and (before.indicator_en == NAME).all()
    assert indicator_name(before.iloc[0], "en") == f"Implemented key projects {SUGGESTED_MARK}"
    key_before = manifest_of_tables(site)
    names.confirm_name(site.store, NAME, "Key projects implemented", REVIEWER)
    with site.store.engine.connect() as conn:
        manifest = manifest_of(conn)
    assert manifest["reviews"]["names"] == 1 and manifest["tables_key"] != key_before
    state = _state(site, upload_id)
    after = _named(state.staged.dataset)
    assert (after.indicator_en == "Key projects implemented").all()
    assert indicator_name(after.iloc[0], "en") == "Key projects implemented"  # no mark
    assert indicator_name(after.iloc[0], "zh") == NAME
    meta = state.staged.dataset.indicator_meta
    assert set(meta[meta.zh == NAME].en) == {"Key projects implemented"}
    confirmed = next(i for i in state.names if i.zh == NAME).confirmed
    assert confirmed is not None and confirmed.confirmed_by == "rita"
    # Published, the version holds it; the export writes it with who and when.
    for item in state.items:
        if item.decision is None:
            uploads.decide(site.store, upload_id, Decision(item.key, "accept"), item.sentence,
                           "", ADMIN)
    service.publish_upload(site.store, upload_id, site.published(), ADMIN)
    assert (_named(site.published()).indicator_en == "Key projects implemented").all()
    body = export_zip(site.store, uploads.get(site.store, upload_id), site.seeds)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        review = yaml.safe_load(archive.read("seeds/review/luming-2025.yml"))
    assert {"zh": NAME, "en": "Key projects implemented", "by": "rita"}.items() <= \
        next(n for n in review["names"] if n["zh"] == NAME).items()


def test_the_upload_page_confirms_through_the_same_service(site):
    upload_id = _staged(site)
    trigger = {"type": "upload-name-confirm", "zh": NAME}
    fields = {"selected": None, "names": {NAME: "Key projects implemented"}}
    message, _, _ = perform(site.store, ADMIN, upload_id, trigger, fields, site.published(),
                            "en")
    assert message == f"English name of {NAME} confirmed: Key projects implemented."
    with pytest.raises(ActionError) as refused:
        perform(site.store, ADMIN, upload_id, trigger, {"selected": None,
                                                        "names": {NAME: "汉字"}},
                site.published(), "en")
    assert refused.value.code == "bad_name"
    with pytest.raises(Denied):
        perform(site.store, EDITOR, upload_id, trigger, fields, site.published(), "en")


def manifest_of_tables(site) -> str:
    with site.store.engine.connect() as conn:
        return str(manifest_of(conn)["tables_key"])


def test_the_review_panel_offers_each_name_with_its_suggestion(site):
    upload_id = _staged(site)
    panel = upload_review.review_panel(_state(site, upload_id), None, "en")
    (field,) = [n for n in walk(panel) if getattr(n, "id", None) == {
        "type": upload_review.NAME_TYPE, "zh": NAME}]
    assert field.value == "Implemented key projects"
    assert [n for n in walk(panel) if getattr(n, "id", None) == {
        "type": upload_review.NAME_CONFIRM_TYPE, "zh": NAME}]
    names.confirm_name(site.store, NAME, "Key projects implemented", REVIEWER)
    panel = upload_review.review_panel(_state(site, upload_id), None, "en")
    (row,) = [n for n in walk(panel) if getattr(n, "data-name", None) == NAME]
    assert getattr(row, "data-state") == "confirmed"
    assert any(text.startswith("Confirmed by rita on ") for text in texts(row))
