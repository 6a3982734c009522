"""Files made by the tests from report texts: .docx (a minimal WordprocessingML package),
.html (a saved page with a header, scripts and entities), .pdf (Chromium prints the text),
and broken ones."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(line: str) -> str:
    # Split into two runs, as Word does around formatting changes.
    half = len(line) // 2
    runs = "".join(f'<w:r><w:t xml:space="preserve">{html.escape(part)}</w:t></w:r>'
                   for part in (line[:half], line[half:]) if part)
    return f"<w:p>{runs}</w:p>"


def document_xml(lines: list[str], table: list[list[str]] | None = None) -> str:
    body = "".join(_paragraph(line) for line in lines)
    if table:
        rows = "".join("<w:tr>" + "".join(
            f"<w:tc><w:p><w:r><w:t>{html.escape(c)}</w:t></w:r></w:p></w:tc>" for c in row)
            + "</w:tr>" for row in table)
        body += f"<w:tbl>{rows}</w:tbl>"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>')


def make_docx(text: str, table: list[list[str]] | None = None,
              document: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml",
                         document or document_xml(text.splitlines(), table))
    return buffer.getvalue()


def make_html(text: str, charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>网站标题</title>'
            f'<script>var x = "<p>不是正文</p>";</script><style>p{{color:red}}</style></head>'
            f'<body><div class="nav">首页 &gt; 政务公开</div>{body}'
            f'<script>track();</script></body></html>')
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030")
                       else "utf-8")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("Debian's chromium is needed to make a PDF (make test installs it)")
    return found


def make_pdf(text: str, folder: Path) -> bytes:
    """The text printed to PDF by headless Chromium (a real text layer, embedded CJK font)."""
    page = folder / "report.html"
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:'
                    '"Noto Sans CJK SC",sans-serif;font-size:12pt}</style></head>'
                    f"<body>{body}</body></html>", encoding="utf-8")
    out = folder / "report.pdf"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--user-data-dir={folder / 'profile'}",
                    f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return out.read_bytes()


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A .docx whose document part unpacks to 80 MB of one character."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<" + b"a" * (80 * 1024 * 1024))
    return buffer.getvalue()


def entity_bomb() -> bytes:
    """A .docx whose document part is a "billion laughs" entity expansion."""
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">'
                       for i in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{entities}]>'
                f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r>'
                "</w:p></w:body></w:document>")
    return make_docx("", document=document)


def pdf_bomb(megabytes: int = 70, pages: int = 10) -> bytes:
    """A small PDF (~70 KB) whose one content stream, shared by every page, inflates to
    ``megabytes`` MB of text-showing operators: a reader that expands it page by page does
    ``pages`` times that work."""
    import zlib

    line = b"BT /F1 12 Tf 72 712 Td (0) Tj ET\n"
    chunk = line * (1024 * 1024 // len(line))
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
         b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def docx_element_bomb(megabytes: int = 40) -> bytes:
    """A .docx within every size limit (a ~270 KB file; its document part ``megabytes`` MB,
    squeezed about 150 times, under the 200 the reader refuses) that is millions of empty
    paragraphs: parsing it takes gigabytes."""
    import random

    rng = random.Random(23)
    # A random mark every 128 paragraphs keeps the part from compressing too well.
    block = "<w:p/>" * 128
    marks = rng.randbytes(megabytes * 1024 * 1024 // len(block))
    paragraphs = "".join(f'{block}<w:p w:rsidR="{mark:02X}"/>' for mark in marks)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{_W}"><w:body>{paragraphs}</w:body></w:document>')
    return make_docx("", document=document)
