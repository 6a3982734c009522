"""Strings of the one-page brief, registered with ``i18n.add_strings`` on import.

Status words, target texts and period labels are not repeated here: the brief uses the ones
the target panel and the KPI cards use, so a figure reads the same on paper and on screen.
"""

from __future__ import annotations

from dashboard.i18n import add_strings, t

STRINGS: dict[str, dict[str, str]] = {
    "brief.title": {"zh": "{place}{year}年主要指标与目标进展简报",
                    "en": "{place}: key figures and progress towards the {year} targets"},
    "brief.title_generic": {"zh": "主要指标与目标进展简报",
                            "en": "Key figures and progress towards the targets"},
    "brief.report": {"zh": "报告：{title}（{date}）", "en": "Report: {title} ({date})"},
    "brief.as_of": {"zh": "数据截至：{date}", "en": "Data as of {date}"},
    "brief.version": {"zh": "数据版本：{version}", "en": "Data version {version}"},
    "brief.sectors": {"zh": "领域：{names}", "en": "Sectors: {names}"},
    "brief.notice": {"zh": "网址中的参数无法识别，已忽略并显示默认简报：{names}",
                     "en": "Unrecognised URL parameters were ignored (default brief shown): "
                           "{names}"},
    "brief.figures": {"zh": "主要指标", "en": "Key figures"},
    "brief.figures_none": {"zh": "报告未给出所选领域的实绩数字。",
                           "en": "The report states no result for the chosen sectors."},
    "brief.change.growth": {"zh": "同比", "en": "y/y"},
    "brief.change.previous": {"zh": "比上年", "en": "vs previous year"},
    "brief.change.none": {"zh": "变化：报告未提及", "en": "Change: not stated"},
    "brief.targets": {"zh": "{year}年目标进展", "en": "Progress towards the {year} targets"},
    "brief.col.target_name": {"zh": "指标", "en": "Indicator"},
    "brief.col.target": {"zh": "目标", "en": "Target"},
    "brief.col.baseline": {"zh": "基期值", "en": "Baseline"},
    "brief.col.actual": {"zh": "最新实际值", "en": "Latest actual"},
    "brief.col.status": {"zh": "状态", "en": "Status"},
    "brief.col.notes": {"zh": "出处", "en": "Source"},
    "brief.targets_more": {"zh": "另有{n}项目标见目标面板（/targets）。",
                           "en": "{n} more targets on the target panel (/targets)."},
    "brief.targets_none": {"zh": "该年度没有可跟踪的目标。",
                           "en": "No target to track for this year."},
    "brief.chart_none": {"zh": "报告未给出可比较的增速。",
                         "en": "The report states no growth rates to compare."},
    "brief.not_stated": {"zh": "未提及", "en": "not stated"},
    "brief.notes": {"zh": "注释与出处", "en": "Notes and sources"},
    "brief.note.quote": {"zh": "{title}原文：“{quote}”", "en": "{title}: “{quote}”"},
    "brief.note.report": {"zh": "{title}（{date}）：目标原文及报告所述数字",
                          "en": "{title} ({date}): the targets and figures it states"},
    "brief.note.manual": {"zh": "人工录入（data/actuals.csv 第{line}行，截至{as_of}）：{source}",
                          "en": "Entered by hand (data/actuals.csv line {line}, as of "
                                "{as_of}): {source}"},
    "brief.note.status": {"zh": "状态：", "en": "Status: "},
    "brief.note.published": {"zh": "未标“初步数”的数字均为已发布的数字。",
                             "en": "Figures not marked “preliminary” are as published."},
    "brief.page": {"zh": "第 1 页 / 共 1 页", "en": "Page 1 of 1"},
    "brief.generated": {"zh": "生成时间：{time}", "en": "Generated {time}"},
    "brief.pdf": {"zh": "下载 PDF", "en": "Download PDF"},
    "brief.print_hint": {"zh": "打印：按 Ctrl+P（A4 纵向，一页）",
                         "en": "Print: press Ctrl+P (A4 portrait, one page)"},
    "brief.other_lang": {"zh": "英文版 English", "en": "中文版 Chinese"},
    "brief.back": {"zh": "返回目标面板", "en": "Back to the target panel"},
    "brief.toolbar": {"zh": "简报操作", "en": "Brief actions"},
    "brief.link": {"zh": "打印简报", "en": "One-page brief"},
    "brief.pdf_short": {"zh": "简报 PDF", "en": "Brief PDF"},
    "brief.pdf_title": {"zh": "一页简报（PDF，A4）", "en": "One-page brief (PDF, A4)"},
    "brief.unavailable.missing": {
        "zh": "服务器未安装 Chromium，无法生成 PDF。请打开简报页，按 Ctrl+P 打印或另存为 PDF。",
        "en": "Chromium is not installed on the server, so no PDF can be made. Open the brief "
              "and press Ctrl+P to print it or save it as PDF."},
    "brief.unavailable.busy": {
        "zh": "服务器正在生成另一份 PDF，请稍后再试，或打开简报页按 Ctrl+P 打印。",
        "en": "The server is making another PDF. Try again in a moment, or open the brief and "
              "press Ctrl+P."},
    "brief.unavailable.slow": {
        "zh": "PDF 正在生成，请几秒后再试，或打开简报页按 Ctrl+P 打印。",
        "en": "The PDF is being made. Try again in a few seconds, or open the brief and "
              "press Ctrl+P."},
    "brief.unavailable.failed": {
        "zh": "PDF 生成失败。请打开简报页，按 Ctrl+P 打印或另存为 PDF。",
        "en": "The PDF could not be made. Open the brief and press Ctrl+P to print it or save "
              "it as PDF."},
    "brief.unavailable.back": {"zh": "打开简报页", "en": "Open the brief"},
}

add_strings(STRINGS)


def both(key: str, **values: object) -> str:
    """A message in both languages, for answers that precede any choice of language."""
    return f"{t(key, 'zh', **values)} / {t(key, 'en', **values)}"
