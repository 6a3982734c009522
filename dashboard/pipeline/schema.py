"""Table schemas: one description per column, used for both validation and datapackage.json.

pandera checks the tables (types, allowed values, uniqueness); datapackage.json is generated
from the same specs, so the published metadata cannot drift from what is enforced.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .lexicon import load_lexicon

KINDS = ("actual", "target", "plan")
VALUE_KINDS = ("level", "growth_pct", "share_pct", "count", "change_pp")
COMPARATORS = ("=", ">=", "<=", "~", ">", "<")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # Table Schema type: string, integer, number, date
    description: str
    allowed: tuple[str, ...] | None = None
    nullable: bool = False
    unique: bool = False


def _sectors() -> tuple[str, ...]:
    return load_lexicon().sectors


def _indicator_cols() -> list[Col]:
    return [
        Col("report_id", "string", "Report the fact was read from (reports.csv)."),
        Col("fact_id", "string", "Stable id: report id and the offset of the number.", unique=True),
        Col("indicator_id", "string", "Lexicon indicator id, or 'unclassified'."),
        Col("indicator_zh", "string", "Indicator name in Chinese."),
        Col("indicator_en", "string", "Indicator name in English."),
        Col("sector", "string", "Sector of the indicator, or of the sentence for generic ones.",
            _sectors()),
        Col("period", "integer", "Year the figure belongs to."),
        Col("period_start", "integer", "First year the figure covers: the period itself, or "
            "earlier for a total or an average over several years (五年累计, 十四五 年均增长)."),
        Col("kind", "string", "actual: a result achieved; target: a level, rate or growth to "
            "reach; plan: a quantity of work to do.", KINDS),
        Col("value", "number", "The number as stated (negative for a stated decline)."),
        Col("unit", "string", "Unit as written (亿元, 万亩, %, 个百分点…); empty if none."),
        Col("value_kind", "string", "What the number measures.", VALUE_KINDS),
        Col("comparator", "string", "How the figure is qualified: = exact, >= 以上/超过/不低于, "
            "<= 以下/以内/控制在, ~ 左右/约, > 余/多.", COMPARATORS),
        Col("value_std", "number", "The value in the canonical unit of its dimension."),
        Col("unit_std", "string", "Canonical unit (亿元, 万亩, 万吨, 万头只, 万千瓦, %…)."),
        Col("quote", "string", "The sentence or clause the figure comes from."),
        Col("start", "integer", "Offset of the number in the report text (characters)."),
        Col("end", "integer", "End offset: text[start:end] is the number as written."),
        Col("section", "string", "Report section (and subsection) holding the sentence."),
    ]


def _report_cols() -> list[Col]:
    return [
        Col("report_id", "string", "Report id (seeds/sources.yml).", unique=True),
        Col("title", "string", "Title as printed in the report."),
        Col("title_en", "string", "English title.", nullable=True),
        Col("genre", "string", "Document genre.", ("work_report", "statistical_bulletin")),
        Col("place", "string", "Place the report is about.", nullable=True),
        Col("place_en", "string", "Place, in English.", nullable=True),
        Col("issuing_body", "string", "Body that issued the report.", nullable=True),
        Col("report_year", "integer", "Year of the report (from its title)."),
        Col("review_period", "integer", "Year whose results the report states."),
        Col("delivered", "string", "Date delivered (YYYY-MM-DD), from the report text.",
            nullable=True),
        Col("published", "string", "Date published (YYYY-MM-DD), from the page header.",
            nullable=True),
        Col("file", "string", "Source file under seeds/."),
        Col("sha256", "string", "SHA-256 of the source file."),
        Col("chars", "integer", "Length of the report text in characters."),
        Col("facts", "integer", "Number of facts extracted."),
        Col("origin", "string", "Where the source file came from.", nullable=True),
        Col("licence", "string", "Licence or legal status of the text.", nullable=True),
        Col("body_start", "integer", "Offset where the report body starts (after page furniture)."),
        Col("body_end", "integer", "Offset where the report body ends."),
        Col("notice", "string", "How the build read a report it could not fully recognise "
            "(an unknown genre), for the reader to check; empty otherwise.", nullable=True),
    ]


def _passage_cols() -> list[Col]:
    return [
        Col("report_id", "string", "Report the passage belongs to."),
        Col("seq", "integer", "Position of the passage in the report."),
        Col("start", "integer", "Offset of the passage in the report text."),
        Col("end", "integer", "End offset: text[start:end] is the passage."),
        Col("role", "string", "title, heading or text.", ("title", "heading", "text")),
        Col("section", "string", "Section (and subsection) the passage belongs to."),
        Col("outlook", "string", "review: figures achieved; plan: targets and plans.",
            ("review", "plan")),
        Col("period", "integer", "Year the passage's figures belong to."),
        Col("text", "string", "The passage as written."),
    ]


def _target_group_cols() -> list[Col]:
    return [
        Col("report_id", "string", "Report stating the target."),
        Col("target_id", "string", "Target id: the fact id of its first statement."),
        Col("fact_id", "string", "One statement of the target (indicators.csv).", unique=True),
        Col("position", "integer", "Order of the statement in the report (0 = first)."),
    ]


def _indicator_meta_cols() -> list[Col]:
    return [
        Col("indicator_id", "string", "Lexicon indicator id.", unique=True),
        Col("zh", "string", "Name in Chinese."),
        Col("en", "string", "Name in English."),
        Col("sector", "string", "Sector, or 'context' (taken from the sentence)."),
        Col("type", "string", "outcome (a level to reach) or output (work to do).",
            ("outcome", "output")),
        Col("direction", "string", "up: more is better; down: less is better.", ("up", "down")),
        Col("measure", "string", "flow: adds up over the year; stock: a level at a time.",
            ("flow", "stock")),
        Col("dims", "string", "Unit dimensions a figure may carry, separated by ';'."),
        Col("topic", "string", "View of a page the indicator belongs to (defaults to sector)."),
        Col("per_capita", "integer", "1 for an amount per person (money kept in 元), else 0."),
    ]


def _sector_cols() -> list[Col]:
    return [
        Col("sector", "string", "Sector id.", unique=True),
        Col("position", "integer", "Order in which pages list the sectors."),
    ]


def _quality_cols() -> list[Col]:
    return [
        Col("finding_id", "string", "Stable id of the finding.", unique=True),
        Col("report_id", "string", "Report the facts come from."),
        Col("rule", "string", "Rule that found it.", ("contradictory_targets",)),
        Col("severity", "string", "How serious the finding is.", SEVERITIES),
        Col("indicator_id", "string", "Indicator concerned."),
        Col("period", "integer", "Year concerned."),
        Col("fact_ids", "string", "Facts involved, separated by ';'."),
        Col("message_zh", "string", "Explanation in Chinese."),
        Col("message_en", "string", "Explanation in English."),
    ]


def _relative_cols() -> list[Col]:
    return [
        Col("report_id", "string", "Report the target comes from."),
        Col("target_id", "string", "Stable id of the target.", unique=True),
        Col("indicator_id", "string", "Indicator the target is about."),
        Col("reference_indicator_id", "string", "Indicator it is compared with."),
        Col("period", "integer", "Year of the target."),
        Col("value_kind", "string", "What is compared.", VALUE_KINDS),
        Col("comparator", "string", "indicator (comparator) reference.", COMPARATORS),
        Col("quote", "string", "The clause stating the target."),
        Col("start", "integer", "Offset of the clause in the report text."),
        Col("end", "integer", "End offset of the clause."),
        Col("section", "string", "Report section holding the clause."),
    ]


TABLES = {
    "indicators": ("indicators.csv", "One row per quantitative fact stated in a report.",
                   _indicator_cols),
    "reports": ("reports.csv", "One row per report read.", _report_cols),
    "quality": ("quality.csv", "Data-quality findings, each naming the facts involved.",
                _quality_cols),
    "relative_targets": ("relative_targets.csv",
                         "Targets stated as a comparison of two indicators' growth.",
                         _relative_cols),
    "passages": ("passages.csv", "The report text by line, with its section, for the reader.",
                 _passage_cols),
    "target_groups": ("target_groups.csv",
                      "Targets and plans, repeated statements of one target grouped.",
                      _target_group_cols),
    "indicator_meta": ("indicator_meta.csv", "The lexicon's indicators: names, sector, "
                       "direction and measure.", _indicator_meta_cols),
    "sectors": ("sectors.csv", "Sectors, in the order pages list them.", _sector_cols),
}
_PANDERA_TYPES = {"string": str, "integer": int, "number": float}


def columns(table: str) -> list[Col]:
    return TABLES[table][2]()


def column_names(table: str) -> list[str]:
    return [c.name for c in columns(table)]


def pandera_schema(table: str) -> pa.DataFrameSchema:
    cols = {}
    for c in columns(table):
        checks = [pa.Check.isin(list(c.allowed))] if c.allowed else []
        cols[c.name] = pa.Column(_PANDERA_TYPES[c.type], checks=checks, nullable=c.nullable,
                                 unique=c.unique, coerce=True)
    checks = []
    if table == "indicators":
        checks.append(pa.Check(lambda df: df["end"] > df["start"], name="end_after_start"))
    return pa.DataFrameSchema(cols, strict=True, ordered=True, checks=checks, name=table)


@functools.cache
def fingerprint() -> str:
    """Changes whenever what validation accepts may change: the column specs (allowed
    values come from the lexicon) and this module's code."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(json.dumps(datapackage(), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def coerce(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The types ``validate`` gives, without its checks: for a table already validated by
    the same schema (a stored data version with the same ``fingerprint``)."""
    types = {"integer": "int64", "number": "float64"}
    return frame[column_names(table)].astype(
        {c.name: types[c.type] for c in columns(table) if c.type in types})


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate (and coerce) a table; raises pandera's SchemaErrors naming every problem."""
    return pandera_schema(table).validate(frame, lazy=True)


def datapackage() -> dict[str, object]:
    """The Frictionless data package descriptor for everything in data/."""
    resources = []
    for name, (path, description, _) in TABLES.items():
        fields = []
        for c in columns(name):
            field: dict[str, object] = {"name": c.name, "type": c.type,
                                        "description": c.description}
            constraints: dict[str, object] = {}
            if c.allowed:
                constraints["enum"] = list(c.allowed)
            if not c.nullable:
                constraints["required"] = True
            if c.unique:
                constraints["unique"] = True
            if constraints:
                field["constraints"] = constraints
            fields.append(field)
        resources.append({"name": name, "path": path, "format": "csv", "encoding": "utf-8",
                          "description": description, "schema": {"fields": fields}})
    return {
        "name": "government-work-report-indicators",
        "title": "Indicators read from Chinese government work reports",
        "description": "Built by `python -m dashboard.pipeline build` from the reports in seeds/; "
                       "every fact carries its quote and character offsets.",
        "resources": resources,
    }
