"""UI strings of /compare and /record, in Chinese and English (registered on import)."""

from __future__ import annotations

from dashboard.i18n import add_strings

COMPARE = {
    "compare.heading": {"zh": "地区对比", "en": "Compare places"},
    "compare.lead": {"zh": "同一年份各地报告与统计公报中的主要指标并列、排名；"
                           "每个数字都链接到原文句子。",
                     "en": "The headline figures of each place's reports and statistical "
                           "bulletins for one year, side by side and ranked; every figure "
                           "links to its sentence."},
    "compare.year": {"zh": "年份", "en": "Year"},
    "compare.year_option": {"zh": "{year}年（{n}个地区）", "en": "{year} ({n} places)"},
    "compare.region": {"zh": "地区级别", "en": "Level of place"},
    "compare.region.all": {"zh": "全部级别", "en": "All levels"},
    "compare.region.province": {"zh": "省级", "en": "Provinces"},
    "compare.region.city": {"zh": "市、州（含县级市）", "en": "Cities and prefectures"},
    "compare.region.county": {"zh": "县、区", "en": "Counties and districts"},
    "compare.regions_help": {"zh": "级别按地名末字判断：县、区、旗为县级，市、州为市级"
                                   "（县级市无法仅凭名称区分）。",
                             "en": "The level is read from the end of the place's name "
                                   "(县/区/旗: county level; 市/州: city, county-level "
                                   "cities cannot be told apart by name)."},
    "compare.ind": {"zh": "指标", "en": "Indicators"},
    "compare.title": {"zh": "{year}年各地主要指标", "en": "Headline figures by place, {year}"},
    "compare.count": {"zh": "{n}个地区有{year}年的数字",
                      "en": "{n} places state figures for {year}"},
    "compare.indicator": {"zh": "指标", "en": "Indicator"},
    "compare.caption": {"zh": "{year}年各地主要指标：数字后为该行排名，"
                              "悬停查看原文，点击打开报告原文。",
                        "en": "Headline figures by place, {year}: each figure's rank in its "
                              "row follows it; hover for the sentence, click to open it."},
    "compare.rank": {"zh": "第{rank}", "en": "#{rank}"},
    "compare.rank_help": {"zh": "在{n}个有此数字的地区中排第{rank}",
                          "en": "Rank {rank} of the {n} places stating it"},
    "compare.other": {"zh": "另见", "en": "also"},
    "compare.notes": {"zh": "来源不一致之处（采用统计公报，其次为回顾该年的政府工作报告）",
                      "en": "Where a place's sources differ (the bulletin is used, then the "
                            "work report reviewing the year)"},
    "compare.note": {"zh": "{place}·{measure}：采用{used}（{source}），"
                           "另有{other}（{other_source}）",
                     "en": "{place}, {measure}: {used} used ({source}); {other_source} "
                           "states {other}"},
    "compare.none_stated": {"zh": "各地均未提及：{names}", "en": "No place states: {names}"},
    "compare.none_selected": {"zh": "请至少选择一项指标。",
                              "en": "Select at least one indicator."},
    "compare.no_data": {"zh": "已载入的报告中没有可对比的年度数字。"
                              "可在{upload}上传政府工作报告或统计公报。",
                        "en": "No loaded report states headline figures for a year. Reports "
                              "and bulletins can be added on {upload}."},
    "compare.one_place": {"zh": "{year}年只有{place}一个地区的数字，暂无可比对象。"
                                "上传同年其他地区的报告或统计公报（{upload}）后即可并列排名。",
                          "en": "Only {place} states figures for {year}: nothing to compare "
                                "with yet. Add other places' reports or bulletins for the "
                                "year on {upload} to rank them side by side."},
    "compare.upload": {"zh": "上传页面", "en": "the upload page"},
    "compare.download": {"zh": "下载对比表 CSV", "en": "Download comparison CSV"},
    "compare.charts": {"zh": "排名图", "en": "Rankings"},
}

RECORD = {
    "record.heading": {"zh": "目标完成记录", "en": "Target record"},
    "record.lead": {"zh": "一个地区历年政府工作报告提出的每项目标，及其后报告给出的实际值："
                          "是否实现、实现比例、目标与上年实际相比的高低。",
                    "en": "Every target a place's work reports set, year after year, with the "
                          "actual later reports give: met or missed, the share met, and how "
                          "each target compares with the year before."},
    "record.place": {"zh": "地区", "en": "Place"},
    "record.scope": {"zh": "范围", "en": "Targets"},
    "record.scope.main": {"zh": "主要预期目标", "en": "Main targets"},
    "record.scope.all": {"zh": "全部目标与计划", "en": "All targets and plans"},
    "record.title": {"zh": "{place}历年目标完成情况", "en": "{place}: targets and results"},
    "record.reports": {"zh": "提出目标的报告：", "en": "Reports setting targets: "},
    "record.outcome.met": {"zh": "已实现", "en": "Met"},
    "record.outcome.missed": {"zh": "未实现", "en": "Missed"},
    "record.outcome.in_year": {"zh": "年内进行中", "en": "In the year"},
    "record.outcome.no_actual": {"zh": "暂无实际值", "en": "No actual"},
    "record.outcome.met.help": {"zh": "全年实际值达到目标",
                                "en": "The full-year actual meets it"},
    "record.outcome.missed.help": {"zh": "全年实际值未达到目标",
                                   "en": "The full-year actual falls short"},
    "record.outcome.in_year.help": {"zh": "只有年内数字，尚无全年结果",
                                    "en": "Only a figure within the year so far"},
    "record.outcome.no_actual.help": {"zh": "已载入的报告未给出该年实际值",
                                      "en": "No loaded report states the year's figure"},
    "record.summary": {"zh": "各年目标实现情况", "en": "Targets met by year"},
    "record.year": {"zh": "年份", "en": "Year"},
    "record.set_by": {"zh": "提出目标的报告", "en": "Set by"},
    "record.count": {"zh": "目标数", "en": "Targets"},
    "record.share": {"zh": "实现比例", "en": "Share met"},
    "record.share_value": {"zh": "{pct}%（{known}项中{met}项）", "en": "{pct}% ({met} of {known})"},
    "record.share_none": {"zh": "尚无结果", "en": "no result yet"},
    "record.share_help": {"zh": "实现比例＝已实现÷（已实现＋未实现），只计已有全年实际值的目标。",
                          "en": "Share met = met ÷ (met + missed): only targets with a "
                                "full-year actual count."},
    "record.by_indicator": {"zh": "分指标、分年度", "en": "By indicator and year"},
    "record.indicator": {"zh": "指标", "en": "Indicator"},
    "record.year_head": {"zh": "{year}年", "en": "{year}"},
    "record.target": {"zh": "目标", "en": "Target"},
    "record.actual": {"zh": "实际", "en": "Actual"},
    "record.none": {"zh": "无", "en": "—"},
    "record.ambition": {"zh": "较{year}年实际{diff}", "en": "{diff} on the {year} actual"},
    "record.ambition_help": {"zh": "目标与基期（上一个全年实际值）之差："
                                   "增速、比率为百分点，总量为百分比。",
                             "en": "The target against its baseline (the latest full-year "
                                   "actual before): percentage points for a growth or rate, "
                                   "per cent for a level."},
    "record.charts": {"zh": "主要指标：历年目标与实际",
                      "en": "Headline indicators: targets and results"},
    "record.five_year": {"zh": "五年规划及远期目标", "en": "Five-year and longer-range goals"},
    "record.five_year_help": {"zh": "跨越多年（如“十四五”年均增长）或目标年份晚于报告年份的目标，"
                                    "以覆盖同一时期的回顾报告核对；不计入各年实现比例。",
                              "en": "Goals over several years (such as average growth over "
                                    "the 14th Five-Year Plan) or for a year after their "
                                    "report's: checked against a review of the same years; "
                                    "not counted in the yearly shares."},
    "record.span": {"zh": "时期", "en": "Period"},
    "record.download": {"zh": "下载目标记录 CSV", "en": "Download record CSV"},
    "record.no_places": {"zh": "已载入的报告中没有政府工作报告提出的目标。"
                               "可在{upload}上传政府工作报告。",
                         "en": "No loaded work report sets targets. Work reports can be added "
                               "on {upload}."},
    "record.one_year": {"zh": "目前只载入了{place}一个年份（{year}年）的目标，还看不出历年记录："
                              "上传该地其他年份的政府工作报告（{upload}）后，即可逐年对照。",
                        "en": "Only one year of {place}'s targets ({year}) is loaded: there is "
                              "no record over the years yet. Add its work reports of other "
                              "years on {upload} to compare year after year."},
    "record.no_results": {"zh": "这些目标还没有实际值："
                                "下一年的政府工作报告或统计公报载入后才会有。",
                          "en": "No target has an actual yet: the next year's work report or "
                                "bulletin gives them once loaded."},
    "record.none_in_scope": {"zh": "所选范围内没有目标。", "en": "No target in this selection."},
}

add_strings(COMPARE)
add_strings(RECORD)
