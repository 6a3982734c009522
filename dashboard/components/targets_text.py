"""Strings of the /targets page: headings, notices, why an actuals.csv row was rejected.
Registered by dashboard/pages/targets.py with i18n.add_strings; sector names come from
dashboard/labels.py."""

from __future__ import annotations

from dashboard.i18n import normalize_lang, t
from dashboard.progress.actuals import REASONS, Rejection

_REJECT_ZH = {
    "unreadable": "文件不是 UTF-8 文本",
    "header": "表头应为 indicator_id,period,as_of,value,unit,source（可选 measure,status）",
    "bad_measure": "不是有效的数值类型（level、growth_pct、share_pct、change_pp、completion_pct）",
    "bad_status": "不是有效的状态（preliminary、revised、final）",
    "cells": "每行应有6列",
    "unknown_indicator": "指标库中没有该指标",
    "bad_period": "不是年份",
    "bad_date": "日期格式应为 YYYY-MM-DD",
    "date_outside_period": "日期不在该年度内",
    "not_a_number": "不是数字",
    "bad_unit": "无法识别的单位",
    "unit_mismatch": "单位与该指标不符",
    "bad_source": "来源须为1至300字的单行文字",
    "duplicate": "与前面一行的指标、年度、日期和数值类型相同",
}

STRINGS: dict[str, dict[str, str]] = {
    "nav.targets": {"zh": "目标进展", "en": "Target progress"},
    "targets.title": {"zh": "{year}年目标进展", "en": "Progress towards the {year} targets"},
    "targets.lead": {
        "zh": "政府工作报告提出的每项年度目标：基期值、目标值、最新实际值与进展状态。"
              "点击仪表查看原文出处。",
        "en": "Every target of the government work report for the year: baseline, target, "
              "latest actual and status. Click a gauge to see the sentences behind it."},
    "targets.headline": {"zh": "主要预期目标", "en": "Headline targets"},
    "targets.filter.sector": {"zh": "领域", "en": "Sector"},
    "targets.filter.all_sectors": {"zh": "全部领域", "en": "All sectors"},
    "targets.filter.status": {"zh": "进展状态", "en": "Status"},
    "targets.summary": {"zh": "共{n}项目标：", "en": "{n} targets:"},
    "targets.count": {"zh": "显示 {shown} / {total} 项", "en": "Showing {shown} of {total}"},
    "targets.empty": {"zh": "没有符合筛选条件的目标。", "en": "No target matches the filters."},
    "targets.download_csv": {"zh": "下载目标表 CSV", "en": "Download targets CSV"},
    "targets.year": {"zh": "年度：", "en": "Year:"},
    "targets.legend": {
        "zh": "图例：深色竖线为目标值，浅蓝区间为“左右”的容差（±5%）或目标区间（如6%—7%），"
              "灰色区间到基期值（上年实际），彩色条为最新实际值（颜色即状态）。",
        "en": "Key: the dark line is the target, the light blue band the tolerance of an "
              "“about” target (±5%) or a target range (such as 6%–7%), the grey band runs to "
              "the baseline (last year's actual), the coloured bar is the latest actual (its "
              "colour is the status)."},
    "targets.notice.invalid": {"zh": "网址中的参数无法识别，已忽略：{names}",
                               "en": "Unrecognised URL parameters were ignored: {names}"},
    "targets.notice.rejected": {
        "zh": "data/actuals.csv 中有{n}处问题，相关行未被采用：",
        "en": "data/actuals.csv has {n} problem(s); those rows were not used:"},
    "targets.notice.no_actuals": {
        "zh": "目前没有任何实际值：全年实际值来自次年的政府工作报告或统计公报，"
              "年内数据由统计部门工作人员录入、审核后显示。",
        "en": "No actual figure yet: full-year actuals come from the next year's work report "
              "or the statistical bulletin; in-year figures appear once staff enter and "
              "approve them."},
    "targets.notice.unclassified": {
        "zh": "另有{n}项目标未能归入指标，未在此显示（见数据页）。",
        "en": "{n} more targets could not be tied to an indicator and are not shown here "
              "(see the data page)."},
    "targets.notice.no_targets": {
        "zh": "这份报告没有可跟踪的年度目标。",
        "en": "This report sets no targets that can be tracked."},
    "targets.quote.title": {"zh": "原文出处", "en": "Where the figures come from"},
    "targets.reject.line": {"zh": "{file} 第{line}行{column}：{reason}{value}",
                            "en": "{file}, line {line}{column}: {reason}{value}"},
    "targets.reject.column": {"zh": "（{column}列）", "en": ", column {column}"},
    "targets.reject.again": {"zh": "（第{line}行）", "en": " (line {line})"},
    **{f"targets.reject.{code}": {"zh": _REJECT_ZH[code], "en": reason}
       for code, reason in REASONS.items()},
}


def rejection_text(rejection: Rejection, lang: str) -> str:
    """data/actuals.csv 第3行（as_of列）：日期不在该年度内（'2025-01-15'）."""
    lang = normalize_lang(lang)
    column = (t("targets.reject.column", lang).format(column=rejection.column)
              if rejection.column else "")
    reason = t(f"targets.reject.{rejection.code}", lang)
    if rejection.first_line:
        reason += t("targets.reject.again", lang).format(line=rejection.first_line)
    value = f" ({rejection.value!r})" if rejection.value else ""
    return t("targets.reject.line", lang).format(file=rejection.file, line=rejection.line,
                                                 column=column, reason=reason, value=value)
