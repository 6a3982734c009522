"""The text of a ``.docx`` (a zip of XML parts): paragraphs in order, table rows as lines.

Guarded against zip bombs (member count, declared and actual unpacked sizes, compression
ratio) and hostile XML (``defusedxml``: no entities, no external references).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .refusals import UploadError

MAX_MEMBERS = 2000
MAX_UNPACKED = 60 * 1024 * 1024
MAX_RATIO = 200
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise UploadError("zip_bomb")
    for member in members:
        if member.file_size > 1024 * 1024 and \
                member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UploadError("zip_bomb")
    names = {m.filename for m in members}
    if DOCUMENT not in names or "[Content_Types].xml" not in names:
        raise UploadError("bad_docx", "no word/document.xml")


def _read_bounded(archive: zipfile.ZipFile, name: str) -> bytes:
    # The sizes in a zip's directory can lie: stop reading at the limit whatever they say.
    with archive.open(name) as member:
        data = member.read(MAX_UNPACKED + 1)
    if len(data) > MAX_UNPACKED:
        raise UploadError("zip_bomb")
    return data


def _run_text(element: Element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _lines(body: Element) -> list[str]:
    lines: list[str] = []
    for block in body:
        if block.tag == f"{_W}p":
            lines.append(_run_text(block))
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = [_run_text(cell).strip() for cell in row.iter(f"{_W}tc")]
                lines.append("  ".join(c for c in cells if c))
    return lines


def docx_text(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_archive(archive)
            xml = _read_bounded(archive, DOCUMENT)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            NotImplementedError, RuntimeError, ValueError, KeyError) as exc:
        raise UploadError("bad_docx", exc.__class__.__name__) from None
    try:
        root = fromstring(xml)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise UploadError("bad_docx", exc.__class__.__name__) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise UploadError("bad_docx", "no document body")
    return "\n".join(_lines(body))
