"""Which lane a test runs in, and how many requests a fuzz run sends there.

Lanes (markers registered in pyproject.toml; the Makefile picks them):

* ``make test-unit``: not browser, postgres, slow or fuzz -- the edit-test loop;
* ``make test-fast``: the unit lane and the fuzzers, two of them on a small budget;
* ``make test``: every test, fuzz runs on their full budget (at least 2,000 requests each),
  in one pytest run on two xdist workers with ``--dist loadgroup``.

In ``make test`` the browser tests (``BROWSER_PATHS``) are one work unit of the xdist
scheduler (``BrowserGroupScheduling``, picked by ``--dist loadgroup`` in tests/conftest.py):
they run one at a time on one worker (two Chromiums on two loaded cores made page waits time
out) while the other worker runs everything else. The browser unit keeps about one core
busy (Chromium's renderer: plotly and axe-core; the app) and is the run's critical path:
648 s alone, the same beside the other worker (measured 2026-12-07; splitting it across two
Chromiums on three workers made the run slower, the cores being full). (xdist's own
``xdist_group`` marks do not group anything under pytest 9.2: xdist renames
``item._nodeid``, which pytest no longer reads.)

``browser`` is given by path in tests/conftest.py. ``slow`` and ``fuzz`` are given here by
node id prefix (a module, or one test of it), so the list reads in one place: ``slow`` for
tests that start real processes (app.py/gunicorn, the CLIs, a child killed with SIGKILL),
read the real corpus, build a database-backed site for every test, render every page for
every report, or run long property searches; ``fuzz`` for the request fuzzers.
"""

from __future__ import annotations

import os

import pytest
from xdist.scheduler import LoadScopeScheduling

FUZZ = (
    "tests/test_fuzz_callbacks.py",
    "tests/api/test_fuzz.py",  # always 2,000: its fair-share-per-sender check needs them
    "tests/entries/test_fuzz_writes.py",
    "tests/pages/test_admin_users_fuzz.py",  # always 2,000: it must reach every admin action
)

SLOW = (
    # Real processes: app.py / gunicorn, the CLIs, children killed part way.
    "tests/test_startup_errors.py",
    "tests/store/test_next_report.py",
    "tests/store/test_instances.py",
    "tests/store/test_cli.py",
    "tests/users/test_cli.py",
    "tests/upload/test_budget.py",
    "tests/api/test_tokens.py::test_token_create_list_revoke_through_the_command",
    "tests/store/test_versions.py::test_a_publish_killed_part_way_leaves_the_previous_version",
    "tests/entries/test_bulk.py::test_a_commit_killed_part_way_writes_nothing",
    "tests/pipeline/test_build.py",
    "tests/pipeline/test_bulletin.py::test_cli_build_validates",
    # Every answer of a data version computed (every page, language, state, report).
    "tests/test_warm.py::test_the_status_says_when_a_versions_answers_are_ready",
    "tests/answers/test_serve.py::test_prerender_",
    # The real corpus (../shared/realreports): evaluation, keys, pages of real reports.
    "tests/pipeline/test_real_reports.py",
    "tests/pipeline/test_fact_keys.py::test_keys_of_real_reports_are_the_keys_stored_before",
    "tests/pipeline/test_target_groups_cost.py",
    "tests/pipeline/test_quality_cost.py",
    "tests/real/",
    # A site built per test: a fresh database, users with hashed passwords, an app; seconds
    # of setup for each test, so these modules run in `make test-fast` and `make test`.
    "tests/api/test_write.py",
    "tests/upload/test_web.py",
    "tests/upload/test_service.py",
    "tests/upload/test_metadata_and_queue.py",
    "tests/users/test_web.py",
    "tests/users/test_admin.py",
    "tests/pages/test_entry_callbacks.py",
    "tests/pages/test_entry_policy.py",
    "tests/pages/test_admin_users.py",
    "tests/store/test_one_composer.py",
    "tests/entries/test_store.py",
    "tests/entries/test_publishing.py",
    "tests/entries/test_permissions.py",
    "tests/api/test_publish.py",
    "tests/api/test_openapi.py",
    # The brief's print queue: two hosts on one database, a slow printer waited out.
    "tests/brief/test_printer.py",
    "tests/brief/test_shared_cache.py",
    # Every page or slide rendered for every report, theme and language.
    "tests/pages/test_report_selection.py",
    "tests/pages/test_english_names.py::test_no_indicator_name_is_chinese_without_its_mark",
    "tests/present/test_slides.py",
    # Many threads or many examples.
    "tests/entries/test_concurrency.py",
    "tests/upload/test_backends.py::test_the_whole_upload_on_each_backend",
    "tests/components/test_shell.py::test_layout_endpoint_survives_any_referrer",
    "tests/pages/test_overview_callbacks.py::test_app_starts_on_a_data_folder_lacking_an_ind",
)


# Fixtures of tests/conftest.py that build data from the real corpus: a test using one is
# slow wherever it lives (a new test gets its lane without being listed).
REAL_CORPUS_FIXTURES = frozenset({"real_pair", "real_pair_dir", "real_places",
                                  "real_places_dir", "real_five_year"})


# Where the browser tests are (tests/conftest.py marks tests/browser/, test_pdf.py marks
# itself): the scheduler of the controller sees node ids only. BROWSER_PATHS drive a page
# in dash.testing's Chromium and are the one unit; PRINT_PATHS are marked browser too but
# print through the app's own printer (a short-lived headless Chromium a PDF, killed after
# 20 s), so they are scheduled like any other test, beside the browser unit: the unit is
# the run's critical path (about 11 minutes of ``make test``'s 12).
BROWSER_PATHS = ("tests/browser/",)
PRINT_PATHS = ("tests/brief/test_pdf.py",)
BROWSER_GROUP = "browser"


def mark(items: list[pytest.Item]) -> None:
    """Add ``slow`` and ``fuzz`` to the tests listed above; refuse a browser test outside
    ``BROWSER_PATHS`` and ``PRINT_PATHS`` (``make test`` would run it beside another
    page-driving Chromium)."""
    for item in items:
        if item.get_closest_marker("browser") \
                and not item.nodeid.startswith(BROWSER_PATHS + PRINT_PATHS):
            raise pytest.UsageError(f"{item.nodeid} is marked browser: add its module to "
                                    "BROWSER_PATHS in tests/lanes.py")
        if item.nodeid.startswith(FUZZ):
            item.add_marker(pytest.mark.fuzz)
        if item.nodeid.startswith(SLOW) or REAL_CORPUS_FIXTURES & set(
                getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


class BrowserGroupScheduling(LoadScopeScheduling):
    """xdist's load scheduling, one test a unit, except that the browser tests are a single
    unit, sent first (the biggest unit; LoadScopeScheduling orders units by size) to one
    worker."""

    def _split_scope(self, nodeid: str) -> str:
        return BROWSER_GROUP if nodeid.startswith(BROWSER_PATHS) else nodeid


def fuzz_budget(full: int) -> int:
    """Requests a fuzz run sends: ``full`` unless FUZZ_BUDGET names fewer (the fast lane's
    Makefile target sets it). Unset or empty means ``full``, so plain ``pytest`` and
    ``make test`` are never weaker; a budget is never raised above ``full`` nor below 1."""
    raw = os.environ.get("FUZZ_BUDGET", "").strip()
    if not raw:
        return full
    return max(1, min(full, int(raw)))
