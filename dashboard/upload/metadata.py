"""The sources entry of an uploaded report, prefilled from its text for a person to confirm.

Read from the text: title, year, genre, delivered and published dates (``structure.py``), the
place (the one the title names, else the one the opening lines name: ``places.py``). Carried
over from the place's latest published report: its report id stem, English place name,
licence; a place without one gets its English name spelled from the Chinese (pinyin and the
English of its suffix), for the admin to confirm. Nothing is invented: what neither gives is
left empty for the admin to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.pipeline.build import PIPELINE_GENRE
from dashboard.pipeline.places import place_en as spelled_place_en
from dashboard.pipeline.places import place_of_text
from dashboard.pipeline.structure import layout_of

GENRES = tuple(PIPELINE_GENRE)
FIELDS = ("id", "genre", "title", "title_en", "place", "place_en", "issuing_body",
          "report_year", "delivered", "published", "origin", "licence")
REQUIRED = ("id", "genre", "title", "place", "report_year", "origin")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLACE = re.compile(r"(?:\d{4}年)?([\u4e00-\u9fff]{1,10}?(?:自治州|自治县|市|县|区|州|旗|盟))")
_GENRE_EN = {"work_report": "Government Work Report", "five_year_review": "Government Work "
             "Report", "statistical_bulletin": "Statistical Communiqué on the National Economic "
             "and Social Development"}


def detected_genre(text: str) -> str:
    layout = layout_of(text)
    if layout.genre == "statistical_bulletin":
        return "statistical_bulletin"
    if any(s.plan_span is not None and s.outlook == "review" for s in layout.sections):
        return "five_year_review"
    return "work_report"


def place_of(title: str) -> str:
    for match in _PLACE.finditer(title.replace("人民政府", "")):
        place = match.group(1)
        if not place.startswith(("政府", "国民")):
            return place
    return ""


def _latest_of_place(reports: pd.DataFrame, place: str) -> Mapping[str, Any]:
    same = reports[reports.place == place] if place and not reports.empty else reports.iloc[0:0]
    if same.empty:
        return {}
    return {k: v for k, v in same.sort_values("report_year").iloc[-1].to_dict().items()
            if isinstance(v, str) or pd.notna(v)}


def _id_stem(report_id: str) -> str:
    return re.sub(r"-\d{4}(-.*)?$", "", report_id)


def prefill(text: str, reports: pd.DataFrame, file_name: str, actor: str,
            uploaded_on: str) -> dict[str, Any]:
    """A sources entry for ``text`` (``reports``: the published reports.csv)."""
    layout = layout_of(text)
    genre = detected_genre(text)
    place = place_of(layout.title) or place_of_text(text)
    previous = _latest_of_place(reports, place)
    year = layout.report_year or ""
    stem = _id_stem(str(previous.get("report_id", ""))) or "report"
    suffix = "-bulletin" if genre == "statistical_bulletin" else ""
    place_en = previous.get("place_en") or spelled_place_en(place)
    body = "统计局" if genre == "statistical_bulletin" else "人民政府"
    return {
        "id": f"{stem}-{year}{suffix}" if year else "",
        "genre": genre,
        "title": layout.title,
        "title_en": f"{place_en} {year} {_GENRE_EN[genre]}" if place_en and year else "",
        "place": place,
        "place_en": place_en,
        "issuing_body": f"{place}{body}" if place else "",
        "report_year": year,
        "delivered": layout.delivered or "",
        "published": layout.published or "",
        "origin": f"Uploaded in the app by {actor} on {uploaded_on} as {file_name}",
        "licence": previous.get("licence") or "",
    }


def check(meta: Mapping[str, Any], taken_ids: set[str]) -> list[str]:
    """The fields a person must correct before the report can be staged or published."""
    problems = [f for f in REQUIRED if not str(meta.get(f) or "").strip()]
    if meta.get("id") and not ID_PATTERN.match(str(meta["id"])):
        problems.append("id")
    if str(meta.get("id")) in taken_ids:
        problems.append("id_taken")
    if meta.get("genre") not in GENRES:
        problems.append("genre")
    year = str(meta.get("report_year") or "")
    if not year.isdigit() or not 1949 <= int(year) <= 2100:
        problems.append("report_year")
    for field in ("delivered", "published"):
        if meta.get(field) and not DATE_PATTERN.match(str(meta[field])):
            problems.append(field)
    return list(dict.fromkeys(problems))


def clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Only the known fields, as single-line text of bounded length."""
    out: dict[str, Any] = {}
    for field in FIELDS:
        value = values.get(field)
        text = " ".join(str(value).split()) if value is not None else ""
        out[field] = text[:500]
    if str(out["report_year"]).isdigit():
        out["report_year"] = int(out["report_year"])
    return out
