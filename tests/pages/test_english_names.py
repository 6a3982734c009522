"""English pages name every indicator in English, or say plainly that they do not; and
write units in English.

Every page of the app is rendered in English for every report of the test bundles (the
counties of two-years and other-county, and the ranges bundle): the layout as the page
function returns it, figures included. Every string in it (texts, options, figure labels,
hover data) is searched for the Chinese name of each indicator that has no English of its
own (read from the text, outside the lexicon): a name shown alone must carry its mark (a
glossary suggestion is shown instead, marked "(suggested)"; without one the Chinese name is
followed by "(untranslated)"). A name inside a longer Chinese run that the report itself
writes is a quotation of the report, which English pages show as written. Likewise no
number is followed by a unit as the report writes it (24.6亿元, 73个) outside a quotation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import dash
import plotly.graph_objects as go
import pytest

from dashboard.data import Dataset
from dashboard.names.display import UNTRANSLATED_MARK, english_name, has_english

# load_dataset as the suite's conftest has it (its module is moving under #26's refactors).
from tests.conftest import build_bundles, load_dataset

# Pages that show nothing of the data to a visitor who is not signed in.
SIGNED_IN_ONLY = {"upload", "entry", "signin", "admin_users"}
_RUN = re.compile(r"[\u3400-\u9fff0-9０-９（）()“”、，。：；%．.·]+")


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(build_bundles(tmp_path_factory.mktemp("english-names"),
                                      "two-years", "other-county", "ranges"))


def strings(node: Any) -> Iterator[str]:
    """Every string a component tree holds: children, props, figures (as plotly JSON)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from strings(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, go.Figure):
        yield from strings(json.loads(node.to_json()))
    elif hasattr(node, "to_plotly_json"):
        props = node.to_plotly_json().get("props", {})
        if props.get("data-name") in ("suggested", "untranslated"):
            # A marked name element (components/indicator_name.py): read as one text.
            yield "".join(strings(props.get("children")))
            return
        for key, value in props.items():
            if key not in ("id", "className", "style", "href"):
                yield from strings(value)


def unmarked(text: str, name: str, report_texts: str) -> list[str]:
    """Occurrences of ``name`` in ``text`` shown as a name without the mark (a quotation of
    the report, a longer Chinese run the report writes, is not a name shown)."""
    found = []
    for match in re.finditer(re.escape(name), text):
        run = next(r for r in _RUN.finditer(text) if r.start() <= match.start() < r.end())
        quoted = run.group() != name and run.group().strip("（）()“”、，。：；") in report_texts
        marked = text.startswith(f" {UNTRANSLATED_MARK}", match.end())
        if not quoted and not marked:
            found.append(text[max(0, match.start() - 30):match.end() + 30])
    return found


def chinese_units(text: str, units: list[str], report_texts: str) -> list[str]:
    """A number followed by a unit as reports write it (24.6亿元, 73个), not in a quotation."""
    found = []
    pattern = "|".join(re.escape(u) for u in units)
    for match in re.finditer(rf"[0-9](?:{pattern})", text):
        run = next(r for r in _RUN.finditer(text) if r.start() <= match.start() < r.end())
        if run.group().strip("（）()“”、，。：；") not in report_texts:
            found.append(text[max(0, match.start() - 30):match.end() + 30])
    return found


def test_no_indicator_name_is_chinese_without_its_mark(serve, bundles):
    pages = serve(bundles)
    facts = bundles.all_facts
    untranslated = sorted({str(zh) for zh, en in zip(facts.indicator_zh, facts.indicator_en,
                                                     strict=True) if not has_english(en)},
                          key=len, reverse=True)
    assert untranslated, "the bundles have names read from the text"
    report_texts = "\n".join(bundles.report_text(r) for r in bundles.reports.report_id)
    units = sorted({u for u in facts.unit if re.search(r"[\u3400-\u9fff]", str(u))}, key=len,
                   reverse=True)
    assert {"亿元", "个"} <= set(units)
    problems: dict[str, list[str]] = {}
    unit_problems: dict[str, list[str]] = {}
    rendered = 0
    for page in dash.page_registry.values():
        if page["name"] in SIGNED_IN_ONLY:
            continue
        module = pages[page["name"]]
        for report_id in bundles.reports.report_id:
            layout = module.layout(lang="en", report=str(report_id))
            rendered += 1
            for text in set(strings(layout)):
                if found := chinese_units(text, units, report_texts):
                    unit_problems.setdefault(f"{page['name']}/{report_id}", []).extend(found)
                for name in untranslated:
                    hits = unmarked(text, name, report_texts)
                    if hits:
                        problems.setdefault(f"{page['name']}/{report_id}", []).extend(hits)
    assert rendered >= 5 * len(bundles.reports)
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)[:3000]
    assert not unit_problems, json.dumps(unit_problems, ensure_ascii=False, indent=1)[:3000]


def test_the_sweep_sees_names_read_from_the_text(serve, bundles):
    """The sweep above is not vacuous: the data explorer of a report with names read from
    the text shows them in English, each marked as suggested or untranslated."""
    pages = serve(bundles)
    facts = bundles.all_facts
    mine = facts[(facts.report_id == "luming-2025") & ~facts.indicator_en.map(has_english)]
    assert not mine.empty
    shown = "\n".join(strings(pages["data"].layout(lang="en", report="luming-2025")))
    for zh, en in zip(mine.indicator_zh, mine.indicator_en, strict=True):
        assert english_name(zh, en).marked in shown


def test_the_bundles_hold_names_of_both_kinds(bundles):
    """The bundles hold lexicon names and names read from the text that the glossary puts
    into English (an untranslated name's mark is tests/names/test_display.py's)."""
    facts = bundles.all_facts
    statuses = {english_name(zh, en).status for zh, en in
                zip(facts.indicator_zh, facts.indicator_en, strict=True)}
    assert {"english", "suggested"} <= statuses
