"""The upload's store on both databases: stage, decide, publish, roll back, audit."""

from __future__ import annotations

from dashboard.pipeline.decisions import Decision
from dashboard.store.audit import history
from dashboard.store.versions import current_state
from dashboard.upload import service
from dashboard.upload import store as uploads
from tests.store.conftest import pg_cluster, url  # noqa: F401 - fixtures
from tests.upload.conftest import ADMIN, NEXT_REPORT, make_site


def test_the_whole_upload_on_each_backend(tmp_path, url):  # noqa: F811 - a fixture
    site = make_site(tmp_path, url)
    upload_id = service.receive(site.store, "luming-2025.txt", NEXT_REPORT.encode(), ADMIN,
                                site.published())
    state = service.review_state(site.store, uploads.get(site.store, upload_id),
                                 site.published())
    for item in state.items:
        uploads.decide(site.store, upload_id, Decision(item.key, "accept"), item.sentence,
                       "", ADMIN)
    first = current_state(site.store)[0]
    result = service.publish_upload(site.store, upload_id, site.published(),
                                    ADMIN)
    assert result.created and current_state(site.store)[0] == result.version_id != first
    service.roll_back(site.store, ADMIN)
    assert current_state(site.store)[0] == first
    actions = [r.action for r in history(site.store)]
    assert actions.count("review.decide") == len(state.items)
    assert {"upload.stage", "upload.published", "upload.withdrawn"} <= set(actions)
    site.store.engine.dispose()
