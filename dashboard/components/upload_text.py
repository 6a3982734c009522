"""Strings of the /upload page (dashboard/pages/upload.py), both languages."""

from __future__ import annotations

STRINGS = {
    "upload.title": {"zh": "上传新报告", "en": "Upload a new report"},
    "upload.lead": {"zh": "上传政府工作报告或统计公报（.txt、.docx、带文字层的 .pdf、网页 .html，"
                          "不超过 10 MB）；核对报告信息和待审事项后发布，发布后各页面即时更新，"
                          "可一键恢复上一版本。",
                    "en": "Upload a work report or statistical bulletin (.txt, .docx, .pdf with "
                          "a text layer, or the saved .html page; up to 10 MB); confirm its "
                          "details and review its queue, then publish: every page shows it at "
                          "once, and the previous version can be restored in one step."},
    "upload.admins": {"zh": "仅管理员可上传和发布报告。", "en": "Only admins upload and publish."},
    "upload.file": {"zh": "报告文件", "en": "Report file"},
    "upload.send": {"zh": "上传并提取", "en": "Upload and extract"},
    "upload.received": {"zh": "已读取“{file}”，请核对下方信息和待审事项。",
                        "en": "Read “{file}”: check its details and the queue below."},
    "upload.details": {"zh": "报告信息（由文本预填，请核对）",
                       "en": "Report details (prefilled from the text: please check)"},
    "upload.save_details": {"zh": "保存报告信息", "en": "Save details"},
    "upload.details_saved": {"zh": "报告信息已保存。", "en": "Details saved."},
    "upload.fix": {"zh": "请修改：{fields}", "en": "Please correct: {fields}"},
    "upload.field.id": {"zh": "报告编号（小写字母、数字、连字符）",
                        "en": "Report id (lower-case letters, digits, hyphens)"},
    "upload.field.id_taken": {"zh": "报告编号已被其他报告使用", "en": "report id already used"},
    "upload.field.genre": {"zh": "文种", "en": "Genre"},
    "upload.field.title": {"zh": "标题", "en": "Title"},
    "upload.field.title_en": {"zh": "英文标题", "en": "English title"},
    "upload.field.place": {"zh": "地区", "en": "Place"},
    "upload.field.place_en": {"zh": "地区英文名", "en": "Place in English"},
    "upload.field.issuing_body": {"zh": "发布机关", "en": "Issuing body"},
    "upload.field.report_year": {"zh": "报告年度", "en": "Report year"},
    "upload.field.delivered": {"zh": "报告日期（YYYY-MM-DD）", "en": "Delivered (YYYY-MM-DD)"},
    "upload.field.published": {"zh": "发布日期（YYYY-MM-DD）", "en": "Published (YYYY-MM-DD)"},
    "upload.field.origin": {"zh": "来源（网址或文件来历）", "en": "Origin (address or provenance)"},
    "upload.field.licence": {"zh": "许可", "en": "Licence"},
    "upload.genre.work_report": {"zh": "政府工作报告", "en": "Government work report"},
    "upload.genre.five_year_review": {"zh": "五年规划回顾报告", "en": "Five-year plan review"},
    "upload.genre.statistical_bulletin": {"zh": "统计公报", "en": "Statistical bulletin"},
    "upload.detected": {"zh": "识别的文种：{genre}", "en": "Genre detected: {genre}"},
    "upload.frozen": {"zh": "文本已固定：{chars} 字，SHA-256 {sha}"
                            "（原文件 {kind}，SHA-256 {file_sha}）",
                      "en": "Text frozen: {chars} characters, SHA-256 {sha} (file {kind}, "
                            "SHA-256 {file_sha})"},
    "upload.summary": {"zh": "与已发布版本相比", "en": "Against the published version"},
    "upload.summary.facts": {"zh": "数据条目：{before} → {after}",
                             "en": "Figures: {before} → {after}"},
    "upload.summary.added": {"zh": "新增目标 {n} 项", "en": "{n} targets added"},
    "upload.summary.changed": {"zh": "变更目标 {n} 项", "en": "{n} targets changed"},
    "upload.summary.dropped": {"zh": "删除目标 {n} 项", "en": "{n} targets dropped"},
    "upload.queue": {"zh": "待审事项（{open} 项未处理，共 {total} 项）",
                     "en": "Review queue ({open} open of {total})"},
    "upload.category.unclassified": {"zh": "未识别指标", "en": "No indicator"},
    "upload.category.named": {"zh": "按文本命名（低置信度）", "en": "Named from the text (low "
                                                             "confidence)"},
    "upload.category.target": {"zh": "新目标", "en": "New targets"},
    "upload.category.no_actual": {"zh": "上年目标无实际值", "en": "Last year's targets with no "
                                                            "actual"},
    "upload.category.conflict": {"zh": "与其他来源不一致", "en": "Differs from another source"},
    "upload.review": {"zh": "审阅", "en": "Review"},
    "upload.accept_rest": {"zh": "接受本组其余各项", "en": "Accept the rest of this group"},
    "upload.decision.none": {"zh": "待处理", "en": "Open"},
    "upload.decision.accept": {"zh": "已接受", "en": "Accepted"},
    "upload.decision.assign": {"zh": "已改为指标 {indicator}", "en": "Assigned to {indicator}"},
    "upload.decision.edit": {"zh": "数值改为 {value}", "en": "Value changed to {value}"},
    "upload.decision.reject": {"zh": "已剔除", "en": "Rejected"},
    "upload.editor": {"zh": "审阅所选事项", "en": "Review the selected item"},
    "upload.pick_first": {"zh": "在下方列表中点击“审阅”选择一项。",
                          "en": "Choose an item below with “Review”."},
    "upload.indicator": {"zh": "指标（可搜索）", "en": "Indicator (searchable)"},
    "upload.value": {"zh": "数值（单位不变）", "en": "Value (same unit)"},
    "upload.accept": {"zh": "接受", "en": "Accept"},
    "upload.assign": {"zh": "改为所选指标", "en": "Assign the indicator"},
    "upload.edit": {"zh": "修改数值", "en": "Change the value"},
    "upload.reject": {"zh": "剔除", "en": "Reject"},
    "upload.new_indicator": {"zh": "新建指标并指定", "en": "New indicator, and assign it"},
    "upload.new.zh": {"zh": "新指标中文名", "en": "New indicator, Chinese name"},
    "upload.new.en": {"zh": "新指标英文名", "en": "New indicator, English name"},
    "upload.new.sector": {"zh": "所属领域", "en": "Sector"},
    "upload.new.dims": {"zh": "单位量纲", "en": "Unit dimension"},
    "upload.decided": {"zh": "已记录：{action}。", "en": "Recorded: {action}."},
    "upload.publish": {"zh": "发布为新版本", "en": "Publish as a new version"},
    "upload.published": {"zh": "已发布：数据版本 {version}。各页面将在数秒内更新。",
                         "en": "Published: data version {version}. Every page shows it within "
                               "seconds."},
    "upload.rollback": {"zh": "恢复上一版本", "en": "Restore the previous version"},
    "upload.rolled_back": {"zh": "已恢复：数据版本 {version} 为当前版本。",
                           "en": "Restored: data version {version} is current."},
    "upload.export": {"zh": "导出提交文件（zip）", "en": "Export the files to commit (zip)"},
    "upload.versions": {"zh": "数据版本", "en": "Data versions"},
    "upload.current": {"zh": "当前", "en": "current"},
    "upload.withdrawn": {"zh": "已撤回", "en": "withdrawn"},
    "upload.state.staged": {"zh": "待发布", "en": "staged"},
    "upload.state.published": {"zh": "已发布", "en": "published"},
    "upload.state.withdrawn": {"zh": "已撤回", "en": "withdrawn"},
    "upload.state.discarded": {"zh": "已作废", "en": "discarded"},
    "upload.history": {"zh": "上传记录", "en": "Uploads"},
    "upload.open": {"zh": "打开", "en": "Open"},
    "upload.cannot_build": {"zh": "无法生成待审数据：{reason}",
                            "en": "The staged tables cannot be built: {reason}"},
    "upload.error.too_large": {"zh": "文件超过 10 MB，未读取。", "en": "The file is over 10 MB; "
                                                               "it was not read."},
    "upload.error.unsupported": {"zh": "不支持的文件类型：请上传 .txt、.docx、.pdf 或 .html。",
                                 "en": "Unsupported file type: upload .txt, .docx, .pdf or "
                                       ".html."},
    "upload.error.mismatch": {"zh": "文件内容与扩展名不符（例如改了扩展名的文件），未保存。",
                              "en": "The file's content does not match its extension (a "
                                    "renamed file?); nothing was kept."},
    "upload.error.empty": {"zh": "文件为空或没有文字。", "en": "The file is empty or holds no "
                                                          "text."},
    "upload.error.not_text": {"zh": "文件不是可读的文本（二进制数据或损坏的网页），无法读取。",
                              "en": "The file is not readable text (binary data or a damaged "
                                    "page); it cannot be read."},
    "upload.error.encoding": {"zh": "无法识别文件编码（不是 UTF-8、GB18030 或 Big5 中文文本）："
                                    "请将文件另存为 UTF-8 后重新上传。",
                              "en": "Unrecognised encoding (not UTF-8, GB18030 or Big5 Chinese "
                                    "text): save the file as UTF-8 and upload it again."},
    "upload.error.too_costly": {"zh": "读取此文件超出了时间或内存限制"
                                      "（文件可能已损坏或被恶意构造），未保存。",
                                "en": "Reading this file took more time or memory than allowed "
                                      "(a damaged or hostile file?); nothing was kept."},
    "upload.error.too_long": {"zh": "文本超过 30 万字（最长的工作报告约 3 万字），"
                                    "请只上传一份报告；未保存。",
                              "en": "The text is over 300,000 characters (the longest work "
                                    "report has about 30,000): upload one report at a time; "
                                    "nothing was kept."},
    "upload.error.bad_docx": {"zh": ".docx 文件已损坏或不是有效的 Word 文档。",
                              "en": "The .docx file is damaged or not a Word document."},
    "upload.error.zip_bomb": {"zh": "文件解压后过大（疑似压缩炸弹），已拒绝。",
                              "en": "The file unpacks to far too much (a zip bomb?); refused."},
    "upload.error.pdf_encrypted": {"zh": "PDF 已加密，请上传未加密的文件。",
                                   "en": "The PDF is encrypted: upload an unencrypted copy."},
    "upload.error.pdf_scanned": {"zh": "PDF 没有文字层（扫描件），无法提取数字；"
                                       "请上传带文字的版本。",
                                 "en": "The PDF has no text layer (a scan): no figures can be "
                                       "read. Upload a version with text."},
    "upload.error.bad_pdf": {"zh": "PDF 文件已损坏，无法读取。", "en": "The PDF is damaged and "
                                                                   "cannot be read."},
    "upload.error.no_figures": {"zh": "文本中没有找到数字：这是政府工作报告或统计公报吗？",
                                "en": "No figures found: is this a work report or bulletin?"},
    "upload.error.unreadable": {"zh": "无法提取此文本。", "en": "This text cannot be extracted."},
    "upload.error.origin": {"zh": "请求不是来自本站，已拒绝。",
                            "en": "Refused: the request came from another site."},
    "upload.error.signin": {"zh": "请以管理员身份登录。", "en": "Please sign in as an admin."},
    "upload.error.store": {"zh": "数据库暂不可用，请稍后重试；未做任何更改。",
                           "en": "The database is unavailable; nothing changed. Try again."},
    "upload.error.not_staged": {"zh": "此上传已发布或已作废。", "en": "This upload is already "
                                                               "published or discarded."},
    "upload.error.details": {"zh": "请先修正报告信息：{detail}", "en": "Correct the details "
                                                                 "first: {detail}"},
    "upload.error.open_items": {"zh": "还有 {detail} 项待审事项未处理。",
                                "en": "{detail} queue items are still open."},
    "upload.error.first_version": {"zh": "没有更早的版本可恢复。",
                                   "en": "There is no earlier version to restore."},
    "upload.error.bad_decision": {"zh": "请选择有效的指标或填写数值。",
                                  "en": "Choose a valid indicator or give a number."},
    "upload.error.bad_indicator": {"zh": "新指标需要中文名、英文名、领域和量纲。",
                                   "en": "A new indicator needs Chinese and English names, a "
                                         "sector and a dimension."},
}
