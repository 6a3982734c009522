"""Target groups are exactly the groups they always were (``target_groups.csv`` is part of
every data version), found without scanning the text back to its start for each figure nor
every group made so far for each statement: a long upload made the build quadratic (#23)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.pipeline import context_tables
from dashboard.pipeline.context_tables import _AFTER_UNIT, _OBJECT, _statements, target_groups
from dashboard.pipeline.extract import FACT_COLUMNS, extract
from dashboard.pipeline.text import reading_text

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / ".." / "shared" / "realreports"
REAL = ("prov_guangdong_2026.txt", "baoding_2021.txt", "qiandongnan_2023_bulletin.txt",
        "boye_2025.txt", "prov_zhejiang_2026.txt", "mancheng_2020.txt")
_SENTENCE_END = "。!?！？;；\n"


def _old_target_groups(facts: pd.DataFrame, texts: dict[str, str]) -> list[dict[str, object]]:
    """The function as written before (#23), kept verbatim as the reference."""
    def sentence_and_object(text, fact):
        start, end = int(fact.start), int(fact.end)
        sentence = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
        unit = str(fact.unit)
        pos = end + len(unit) if unit and text.startswith(unit, end) else end
        pos = _AFTER_UNIT.match(text, pos).end()
        return sentence, _OBJECT.match(text, pos).group(0)

    goals = facts[facts.kind.isin(["target", "plan"])
                  & (facts.indicator_id != "unclassified")]
    clusters = []
    for statement in _statements(goals, texts):
        fact, last = statement[0], statement[-1]
        key = (fact.report_id, fact.indicator_id, int(fact.period), fact.value_kind,
               round(float(fact.value_std), 9), fact.unit_std,
               round(float(last.value_std), 9) if len(statement) > 1 else None)
        sentence, _ = sentence_and_object(texts[str(fact.report_id)], fact)
        _, obj = sentence_and_object(texts[str(fact.report_id)], last)
        for ckey, members, sentences, cobj in clusters:
            if ckey == key and sentence not in sentences and (not obj or not cobj or obj == cobj):
                members.extend(statement)
                sentences.add(sentence)
                break
        else:
            clusters.append((key, list(statement), {sentence}, obj))
    rows = []
    for _, members, _, _ in clusters:
        target_id = str(members[0].fact_id)
        rows += [{"report_id": m.report_id, "target_id": target_id, "fact_id": m.fact_id,
                  "position": i} for i, m in enumerate(members)]
    return rows


def _inputs() -> tuple[pd.DataFrame, dict[str, str]]:
    assert CORPUS.is_dir(), f"the real corpus is missing: {CORPUS}"
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    named = [(p.stem, p.read_text(encoding="utf-8")) for p in seeds]
    named += [(Path(n).stem, (CORPUS / n).read_text(encoding="utf-8")) for n in REAL]
    # A long upload: one report's body three times over (every target restated).
    lines = named[0][1].split("\n")
    named.append(("long", "\n".join(lines[:5] + lines[5:] * 3)))
    facts = [f for rid, text in named for f in extract(text, rid).facts]
    return pd.DataFrame(facts, columns=FACT_COLUMNS), {rid: reading_text(t) for rid, t in named}


def test_groups_are_the_groups_made_before():
    facts, texts = _inputs()
    groups = target_groups(facts, texts)
    assert len({g["target_id"] for g in groups}) > 100
    assert any(g["position"] > 0 for g in groups)  # restatements were merged
    assert groups == _old_target_groups(facts, texts)


def test_the_text_is_not_searched_back_for_each_figure(monkeypatch):
    facts, texts = _inputs()
    made = []
    original = context_tables.Sentences

    def counted(text: str):
        made.append(len(text))
        return original(text)

    monkeypatch.setattr(context_tables, "Sentences", counted)
    target_groups(facts, texts)
    # At most once per text with targets (the old code searched the text back from every
    # figure, past its start when a mark never occurs: ? is blanked as crawl noise).
    assert len(made) <= len(texts)
    assert len(made) >= 5
