"""The contradictory-targets rule gives exactly the findings it always gave (the quality table
is part of every data version), without a full scan of the facts per pair of targets: a long
upload repeating its targets made the review quadratic (#23)."""

from __future__ import annotations

import itertools
import math
import random

import pandas as pd

from dashboard.pipeline import quality
from dashboard.pipeline.quality import contradictory_targets, level_range
from tests.pipeline.test_quality import fact


def _old_contradictory_targets(facts: pd.DataFrame) -> list[dict[str, object]]:
    """The rule as written before (#23), kept verbatim as the reference."""
    def baseline(target):
        prior = facts[(facts.report_id == target.report_id)
                      & (facts.indicator_id == target.indicator_id) & (facts.kind == "actual")
                      & (facts.value_kind == "level") & (facts.period < target.period)]
        if prior.empty:
            return None
        return prior.sort_values(["period", "start"]).iloc[-1]

    def as_level(target):
        if target.value_kind == "level":
            return float(target.value_std), str(target.unit_std), None
        base = baseline(target)
        if target.value_kind != "growth_pct" or base is None:
            return math.nan, "", None
        return (float(base.value_std) * (1 + float(target.value_std) / 100),
                str(base.unit_std), base)

    findings = []
    targets = facts[(facts.kind == "target") & (facts.indicator_id != "unclassified")]
    for (report_id, indicator_id, period), group in targets.groupby(
            ["report_id", "indicator_id", "period"], sort=True):
        for a, b in itertools.combinations(group.itertuples(index=False), 2):
            a, b = pd.Series(a._asdict()), pd.Series(b._asdict())
            level_a, unit_a, base_a = as_level(a)
            level_b, unit_b, base_b = as_level(b)
            if math.isnan(level_a) or math.isnan(level_b) or unit_a != unit_b:
                continue
            lo_a, hi_a = level_range(a.comparator, level_a)
            lo_b, hi_b = level_range(b.comparator, level_b)
            if lo_a <= hi_b and lo_b <= hi_a:
                continue
            base = base_a if base_a is not None else base_b
            involved = [a.fact_id, b.fact_id] + ([base.fact_id] if base is not None else [])
            findings.append({
                "finding_id": f"contradictory_targets:{a.fact_id}:{b.fact_id}",
                "report_id": report_id, "rule": "contradictory_targets",
                "severity": "warning", "indicator_id": indicator_id, "period": int(period),
                "fact_ids": ";".join(involved),
                "message_zh": quality._message_zh(a, b, level_a, level_b, unit_a, base),
                "message_en": quality._message_en(a, b, level_a, level_b, unit_a, base)})
    return findings


def _random_facts(rng: random.Random, n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        kind = rng.choice(["target", "target", "actual", "plan"])
        value_kind = rng.choice(["level", "growth_pct", "share"])
        rows.append(fact(f"f{i}", kind, rng.choice([2023, 2024]), value_kind,
                         rng.choice([5.0, 100.0, 213.0, -3.0]),
                         rng.choice(["亿元", "%"]),
                         rng.choice(["=", "=", ">=", "<=", "~", ">", "<"]),
                         indicator=rng.choice(["fai", "fai", "unclassified"]),
                         report=rng.choice(["r", "r", "s"]), start=rng.randrange(5)))
    return pd.DataFrame(rows)


def test_findings_are_the_ones_found_before():
    rng = random.Random(23)
    found = 0
    for _ in range(60):
        facts = _random_facts(rng, rng.randint(2, 40))
        new = contradictory_targets(facts)
        assert new == _old_contradictory_targets(facts)
        found += len(new)
    assert found > 15  # the samples do hold contradictions (22 with this seed)


def test_facts_are_not_scanned_once_per_pair(monkeypatch):
    # 300 copies of the same two contradicting targets: 90,000 findings by construction
    # would be fine; what must not happen is a scan of the facts for each of the pairs.
    rows = [fact("base", "actual", 2023, "level", 20.0, "亿元")]
    rows += [fact(f"g{i}", "target", 2024, "growth_pct", 10.0, "%", "~") for i in range(300)]
    rows += [fact(f"l{i}", "target", 2024, "level", 100.0, "亿元", ">=") for i in range(3)]
    scans = []
    original = quality._baseline

    def counted(*args):
        scans.append(1)
        return original(*args)

    monkeypatch.setattr(quality, "_baseline", counted)
    findings = contradictory_targets(pd.DataFrame(rows))
    assert len(findings) == 900
    assert len(scans) == 1  # one baseline for the group (was one per target per pair)
