"""Reading ?report=&year=&sectors=&lang=: defaults for anything unknown, named in `invalid`."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from dashboard.brief.query import decode


def test_defaults_are_the_latest_work_report_and_its_target_year(counties):
    choice = decode(counties, {})
    assert (choice.report_id, choice.year, choice.lang) == ("luming-2025", 2025, "zh")
    assert choice.sectors == () and choice.invalid == ()
    assert parse_qs(choice.query()) == {"report": ["luming-2025"], "year": ["2025"],
                                        "lang": ["zh"]}
    assert parse_qs(choice.query("en"))["lang"] == ["en"]


def test_values_that_are_understood(counties):
    choice = decode(counties, {"report": "luming-2025", "year": "2024", "lang": "en-US",
                               "sectors": "agriculture,economy"})
    # 2024 is set by the 2025 report's predecessor, as on /targets.
    assert (choice.report_id, choice.year, choice.lang) == ("luming-2024", 2024, "en")
    assert choice.sectors == ("agriculture", "economy") and choice.invalid == ()
    assert "sectors=agriculture%2Ceconomy" in choice.query()


@pytest.mark.parametrize("args, names", [
    ({"report": "../../etc/passwd"}, ("report",)),
    ({"report": "<script>alert(1)</script>", "year": "20x4"}, ("report", "year")),
    ({"year": "1900"}, ("year",)),
    ({"lang": "fr"}, ("lang",)),
    ({"lang": "x" * 500}, ("lang",)),
    ({"sectors": "economy,<img src=x>"}, ("sectors",)),
    ({"sectors": "x" * 5000}, ("sectors",)),
    ({"report": ["a"], "lang": ["zh", "en"]}, ("report", "lang")),
    ({"report": {"$ne": 1}, "year": {"y": 1}}, ("report", "year")),
])
def test_hostile_values_give_the_default_and_are_named(counties, args, names):
    choice = decode(counties, args)
    assert choice.invalid == names
    assert choice.report_id in {"luming-2025", "luming-2024"}
    assert choice.lang == "zh"
    assert "<" not in choice.query() and "passwd" not in choice.query()


def test_known_sectors_are_kept_when_others_are_dropped(counties):
    choice = decode(counties, {"sectors": "economy,nonsense"})
    assert choice.sectors == ("economy",) and choice.invalid == ("sectors",)
