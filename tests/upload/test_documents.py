"""Uploaded files → text: every accepted form reads back the report, every bad file gets one
clear refusal (UploadError code) and the name never matters beyond its extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.upload.documents import (
    MAX_BYTES,
    UploadError,
    clean_text,
    content_kind,
    display_name,
    read_document,
)
from dashboard.upload.pdf_text import reflow
from tests.upload import makers

REPORT = (Path(__file__).parents[1] / "fixtures" / "bundles" / "two-years" /
          "luming-2025.txt").read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _refused(name: str, content: bytes) -> str:
    with pytest.raises(UploadError) as caught:
        read_document(name, content)
    return caught.value.code


def test_text_in_utf8_and_gb18030_reads_the_same():
    assert _lines(read_document("r.txt", REPORT.encode()).text) == _lines(REPORT)
    assert _lines(read_document("r.txt", REPORT.encode("gb18030")).text) == _lines(REPORT)
    assert read_document("r.TXT", ("\ufeff" + REPORT).encode()).kind == "txt"


def test_docx_paragraphs_and_table_rows_become_lines():
    content = makers.make_docx(REPORT, table=[["指标", "绝对数", "比上年增长%"],
                                              ["粮食产量", "26.02万吨", "3.1"]])
    document = read_document("报告.docx", content)
    assert document.kind == "docx"
    assert _lines(document.text)[:-2] == _lines(REPORT)
    assert _lines(document.text)[-1] == "粮食产量  26.02万吨  3.1"


def test_saved_web_page_drops_scripts_and_head_and_decodes_gb2312():
    for charset in ("utf-8", "gb2312"):
        document = read_document("page.html", makers.make_html(REPORT, charset))
        lines = _lines(document.text)
        assert lines[0] == "首页 > 政务公开"  # the page's furniture: the pipeline skips it
        assert lines[1:] == _lines(REPORT)
        assert "不是正文" not in document.text and "track" not in document.text


def test_radicals_from_pdf_fonts_and_wrapped_lines_are_repaired():
    assert clean_text("市⻓ 王荣\n⼯作报告\n⺠生\n") == "市长 王荣\n工作报告\n民生\n"
    assert clean_text("\ufeff报告\x01\x02\n增长5%\u200b\n") == "报告\n增长5%\u200b\n"
    wide = "经济运行稳中有进、进中向好，各项工作取得新的进展，为完成规划目标任务打下"
    lines = ["一、工作回顾", wide, "坚实基础。", "（一）经济总量", wide, "了基础。"]
    assert reflow(lines) == ["一、工作回顾", wide + "坚实基础。", "（一）经济总量",
                             wide + "了基础。"]


@pytest.mark.parametrize(("name", "content", "code"), [
    ("big.txt", b"x" * (MAX_BYTES + 1), "too_large"),
    ("report.doc", b"PK\x03\x04 old word", "unsupported"),
    ("report.exe", b"MZ\x90\x00", "unsupported"),
    ("report", b"text", "unsupported"),
    ("report.txt", b"   \n ", "empty"),
    ("report.txt", b"\x00\x01\x02binary" * 50, "not_text"),
    ("report.docx", b"%PDF-1.7 renamed", "mismatch"),
    ("report.pdf", makers.make_docx("一、工作回顾"), "mismatch"),
    ("report.txt", makers.make_html("正文"), "mismatch"),
    ("report.docx", b"PK\x03\x04" + b"\x00" * 100, "bad_docx"),
    ("report.pdf", b"%PDF-1.4\n%garbage that is not a pdf\n", "bad_pdf"),
    ("page.html", b"<html><body><p>\xe6\x8a\xa5\xe5\x91\x8a</p><![foo[ x", "not_text"),
])
def test_bad_files_get_one_clear_refusal(name, content, code):
    assert _refused(name, content) == code


def test_a_docx_without_its_document_part_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "不是 Word 文档")
    assert _refused("x.docx", buffer.getvalue()) == "bad_docx"


def test_zip_and_entity_bombs_are_refused_without_unpacking():
    bomb = makers.zip_bomb()
    assert len(bomb) < MAX_BYTES
    assert _refused("bomb.docx", bomb) == "zip_bomb"
    assert _refused("laughs.docx", makers.entity_bomb()) == "bad_docx"


def test_encrypted_and_scanned_pdfs_are_refused():
    assert _refused("locked.pdf", makers.encrypted_pdf()) == "pdf_encrypted"
    assert _refused("scan.pdf", makers.blank_pdf()) == "pdf_scanned"


@pytest.mark.parametrize(("name", "shown"), [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Windows\\system32\\report.txt", "report.txt"),
    ("<script>alert(1)</script>.txt", "script.txt"),
    ("<b onload=x>.txt", "b onload=x.txt"),
    ("报告\x00\x07.txt", "报告.txt"),
    ("", "upload"),
    (None, "upload"),
    ("...", "upload"),
])
def test_file_names_are_only_shown_never_used_as_paths(name, shown):
    assert display_name(name) == shown


def test_content_kind_reads_the_bytes():
    assert content_kind(b"%PDF-1.7") == "pdf"
    assert content_kind(b"PK\x03\x04...") == "zip"
    assert content_kind(b"\xef\xbb\xbf  <!DOCTYPE html><html>") == "html"
    assert content_kind("2025年政府工作报告".encode()) == "text"


def test_damaged_files_only_ever_give_a_refusal():
    import random

    from dashboard.upload.docx_text import docx_text
    from dashboard.upload.pdf_text import pdf_text

    rng = random.Random(15)
    samples = {"r.pdf": makers.encrypted_pdf().replace(b"/Encrypt", b"/Xncrypt"),
               "r.docx": makers.make_docx(REPORT[:2000])}
    # The readers themselves (in this process: 300 child processes would take minutes), and a
    # few files through read_document (in its child, sandbox.py).
    readers = {"r.pdf": pdf_text, "r.docx": docx_text}
    for name, original in samples.items():
        for attempt in range(150):
            damaged = bytearray(original)
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(8, len(damaged))] = rng.randrange(256)
            try:
                if attempt < 5:
                    read_document(name, bytes(damaged))
                else:
                    readers[name](bytes(damaged))
            except UploadError as refusal:
                assert refusal.code in {"bad_pdf", "pdf_scanned", "pdf_encrypted", "bad_docx",
                                        "zip_bomb", "empty"}
