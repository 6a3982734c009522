"""Approving figures publishes a new data version whose actuals fill the target gauges."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.entries import store as entries
from dashboard.entries.publishing import actuals_text
from dashboard.figures.gauges import gauge_figure
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.progress.targets import target_table
from dashboard.store.publishing import bring_up_to_date, publish_approval
from dashboard.store.versions import current_state, load_version
from dashboard.users import accounts

PASSWORD = "correct horse battery"
HALF = {"indicator_id": "gdp", "year": "2025", "period_kind": "half_year",
        "through_month": "6", "measure": "growth_pct", "value": "5.6%", "unit": "",
        "price_basis": "comparable", "status": "preliminary", "source": "县统计局半年快报",
        "comment": ""}


@pytest.fixture
def people(store):
    return (accounts.add_user(store, "li", PASSWORD, "editor", ["economy"]),
            accounts.add_user(store, "wang", PASSWORD, "reviewer", []))


@pytest.fixture
def seeded(store, counties_dir):
    """The database holding the two counties' texts and the version composed from them."""
    bring_up_to_date(store, counties_dir.parent / "seeds", counties_dir / "actuals.csv")
    return store


def _approved(store, people, fields):
    editor, reviewer = people
    draft = entries.save(store, editor, fields, load_lexicon().indicators, date(2025, 7, 20))
    sent = entries.submit(store, editor, draft.id, draft.version)
    return entries.approve(store, reviewer, draft.id, sent.version)


def test_an_approved_figure_reaches_the_gauge_with_its_date_and_status(seeded, store,
                                                                        people):
    before, _ = current_state(store)
    _approved(store, people, HALF)
    published = publish_approval(store, people[1], "approve")
    assert published.created and published.previous_id == before
    dataset = load_version(store, published.version_id).scoped("luming-2025")
    gdp = next(r for r in target_table(dataset, 2025).rows
               if r.indicator_id == "gdp" and r.value_kind == "growth_pct")
    assert gdp.actual is not None and gdp.actual.value == 5.6
    assert (gdp.actual.as_of, gdp.actual.elapsed < 1) == ("2025-06-30", True)
    assert gdp.actual.entry["status"] == "preliminary"
    figure = gauge_figure(gdp, dataset.reports, "zh")
    (source,) = [a.text for a in figure.layout.annotations if a.name == "source"]
    assert "实际：县统计局半年快报（截至2025-06-30，初步数）" in source.replace("<br>", "")
    # Nothing new: no new version.
    assert publish_approval(store, people[1], "again").created is False


def test_drafts_and_submitted_figures_stay_private(seeded, store, people):
    editor, reviewer = people
    draft = entries.save(store, editor, HALF, load_lexicon().indicators, date(2025, 7, 20))
    entries.submit(store, editor, draft.id, draft.version)
    published = publish_approval(store, reviewer, "nothing approved")
    actuals = load_version(store, published.version_id).actuals
    assert not (actuals.status != "").any()  # no figure of the app: none approved


def test_a_revision_replaces_the_preliminary_figure_and_hand_rows_stay():
    hand = "indicator_id,period,as_of,value,unit,source\ngdp,2025,2025-03-31,5.1,%,手工\n"
    first = entries.Entry(1, _figure("5.6"), "economy", "approved", False, 3, "li", "wang",
                          None, "")
    revised = entries.Entry(2, _figure("5.8", "revised"), "economy", "approved", False, 3,
                            "li", "wang", None, "")
    text = actuals_text(hand, [first, revised])
    lines = text.splitlines()
    assert lines[0] == "indicator_id,period,as_of,value,unit,source,measure,status"
    assert lines[1] == "gdp,2025,2025-03-31,5.1,%,手工,,"
    assert lines[2:] == ["gdp,2025,2025-06-30,5.8,%,县统计局半年快报,growth_pct,revised"]


def _figure(value: str, status: str = "preliminary"):
    from dashboard.entries.checks import read_figure

    figure, _ = read_figure({**HALF, "value": value + "%", "status": status},
                            load_lexicon().indicators, date(2025, 7, 20))
    return figure
