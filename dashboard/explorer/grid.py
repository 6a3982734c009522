"""AG Grid settings for the facts table: columns, selection, Chinese UI text (plain dicts)."""

from __future__ import annotations

from dashboard.i18n import normalize_lang, t
from dashboard.theme import FONT_FAMILY

# AG Grid's own UI text in Chinese (menus of the column filters, overlays).
LOCALE_ZH = {
    "noRowsToShow": "没有符合条件的数据", "loadingOoo": "加载中……", "filterOoo": "筛选……",
    "contains": "包含", "notContains": "不包含", "equals": "等于", "notEqual": "不等于",
    "startsWith": "开头是", "endsWith": "结尾是", "blank": "为空", "notBlank": "不为空",
    "lessThan": "小于", "greaterThan": "大于", "lessThanOrEqual": "小于等于",
    "greaterThanOrEqual": "大于等于", "inRange": "介于", "inRangeStart": "从",
    "inRangeEnd": "到", "andCondition": "且", "orCondition": "或", "applyFilter": "应用",
    "resetFilter": "重置", "clearFilter": "清除", "cancelFilter": "取消",
    "selectAll": "全选", "searchOoo": "搜索……", "ariaFilterInput": "筛选输入",
    "sortAscending": "升序", "sortDescending": "降序", "sortUnSort": "取消排序",
    "pinColumn": "固定列", "autosizeThisColumn": "自动调整此列宽度", "columnFilter": "列筛选",
}

_THEME = ("themeQuartz.withParams({fontFamily: '" + FONT_FAMILY.replace("'", "").replace(
    '"', "") + "', accentColor: '#0072B2', headerFontWeight: 600, spacing: 6})")


def column_defs(lang: str) -> list[dict[str, object]]:
    def col(field: str, **extra: object) -> dict[str, object]:
        return {"field": field, "headerName": t(f"data.col.{field}", lang), **extra}

    number = {"filter": "agNumberColumnFilter", "type": "rightAligned"}
    return [
        col("indicator", pinned="left", minWidth=110, width=150),
        col("sector", width=96),
        col("period", width=80, **number),
        col("kind", width=76),
        col("value", width=92, **number),
        col("unit", width=76),
        col("quote", minWidth=300, width=380, wrapText=True, autoHeight=True,
            cellClass="quote-cell"),
        col("comparator", width=116),
        col("value_std", width=120, **number),
        col("unit_std", width=104),
    ]


def grid_options(lang: str) -> dict[str, object]:
    options: dict[str, object] = {
        "rowSelection": {"mode": "singleRow", "checkboxes": False,
                         "enableClickSelection": True},
        "theme": {"function": _THEME},
        "enableCellTextSelection": True,
        "ensureDomOrder": True,
        "animateRows": False,
        "suppressDragLeaveHidesColumns": True,
    }
    if normalize_lang(lang) == "zh":
        options["localeText"] = LOCALE_ZH
    return options


DEFAULT_COL_DEF = {"sortable": True, "filter": "agTextColumnFilter", "resizable": True,
                   "floatingFilter": True, "suppressHeaderMenuButton": False}
