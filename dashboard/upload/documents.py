"""An uploaded file → the report's text, or one clear refusal (:class:`UploadError`).

The type is read from the bytes and must agree with the name's extension; the name is only
looked at, never used as a path. Readers: ``.txt`` (its encoding found or refused:
``encoding``), ``.docx`` (``docx_text``), ``.pdf`` with a text layer (``pdf_text``), ``.html``
saved from a government site (``html_text``); the last three run in a child process under a
budget of time and memory (``sandbox``): a small file can unpack to a great deal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .encoding import decode_upload
from .refusals import MAX_CHARS, UploadError
from .sandbox import read_in_child

__all__ = ["MAX_BYTES", "MAX_CHARS", "Document", "UploadError", "read_document"]

MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {".txt": "txt", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}
# Unicode's EquivalentUnifiedIdeograph.txt for the CJK Radicals Supplement characters that
# PDF fonts (Noto CJK among them) map whole characters to; they have no NFKC form.
_RADICALS = str.maketrans(
    "⺠⻓⻅⻝⻆⻋⻉⻔⻢⻜⻚⻛⻥⻦⻨⻩⻬⻮⻰⻄⺁⻘⻗⻤⻑⺯⺰⻈⻐⻧⺮⻊⻣",
    "民长见食角车贝门马飞页风鱼鸟麦黄齐齿龙西厂青雨鬼長糸纟讠钅卤竹足骨")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta)",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Document:
    name: str  # the uploaded name, cleaned for display only
    kind: str  # txt, docx, pdf or html
    text: str  # the report's text, "\n" line ends, ending with one "\n"


def display_name(name: object) -> str:
    """The last part of an uploaded name, printable and at most 120 characters."""
    text = name if isinstance(name, str) else ""
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if ch.isprintable() and ch not in "<>\"'`")
    return text.strip(" .")[:120] or "upload"


def extension_kind(name: str) -> str:
    match = re.search(r"\.[A-Za-z]{3,4}$", name)
    kind = EXTENSIONS.get(match.group(0).lower()) if match else None
    if kind is None:
        raise UploadError("unsupported", name)
    return kind


def content_kind(content: bytes) -> str:
    """What the bytes are: pdf, zip (a .docx is one), html or text."""
    head = content[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return "html" if _HTML_START.match(head) else "text"


def clean_text(text: str) -> str:
    """Line ends, stray spaces and the Kangxi radicals some PDF fonts map 工, 人, 长 to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    # A BOM or control character inside would be read differently by the build.
    text = "".join(ch for ch in text if ch in "\n\t" or (ord(ch) >= 32 and ch != "\ufeff"))
    text = "".join(unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch
                   for ch in text.translate(_RADICALS))
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def read_document(name: object, content: bytes) -> Document:
    """Read an uploaded file; UploadError names what is wrong and nothing is kept."""
    shown = display_name(name)
    if len(content) > MAX_BYTES:
        raise UploadError("too_large")
    if not content.strip():
        raise UploadError("empty")
    kind = extension_kind(shown)
    found = content_kind(content)
    expected = {"txt": "text", "docx": "zip", "pdf": "pdf", "html": "html"}[kind]
    if found != expected and not (kind == "html" and found == "text"):
        raise UploadError("mismatch", f"{kind} name, {found} content")
    text = decode_upload(content) if kind == "txt" else read_in_child(kind, content)
    text = clean_text(text)
    if len(text) > MAX_CHARS:
        raise UploadError("too_long", f"{len(text)} characters")
    if len(text.strip()) < 20:
        raise UploadError("empty")
    return Document(shown, kind, text)
