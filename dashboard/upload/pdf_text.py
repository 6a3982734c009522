"""The text layer of a PDF (``pypdf``), with lines a page broke re-joined into paragraphs.

An encrypted PDF is refused, and so is one with no text layer (a scan): nothing here does
OCR, and a guessed text would give figures nobody wrote.
"""

from __future__ import annotations

import io
import logging
import statistics
import unicodedata

from pypdf import PdfReader

from .refusals import UploadError

MAX_PAGES = 400
_ENDS = "。！？!?；;：:”」）)"
logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file, not us


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def reflow(lines: list[str]) -> list[str]:
    """Join a line that runs to the right margin with the next (a paragraph the page wrapped);
    short lines (headings, titles, a paragraph's last line) and finished sentences stay."""
    widths = [_width(x) for x in lines if x.strip()]
    if len(widths) < 3:
        return lines
    margin = statistics.quantiles(widths, n=10)[-1]  # the 90th percentile: a full line
    out: list[str] = []
    joining = False
    for line in (x.strip() for x in lines):
        if joining and line:
            out[-1] += line
        else:
            out.append(line)
        joining = bool(line) and _width(line) >= 0.85 * margin and line[-1] not in _ENDS
    return out


def pdf_text(content: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadError("pdf_encrypted")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise UploadError("bad_pdf", f"more than {MAX_PAGES} pages")
        texts = [page.extract_text() or "" for page in pages]
    except (UploadError, MemoryError):
        raise  # the budget's refusals are the sandbox's to give (sandbox.py)
    except Exception as exc:  # noqa: BLE001 - pypdf on a damaged file raises anything
        raise UploadError("bad_pdf", exc.__class__.__name__) from None
    visible = sum(1 for text in texts for ch in text if not ch.isspace())
    if visible < max(20, 10 * len(texts)):
        raise UploadError("pdf_scanned")
    lines = "\n".join(texts).replace("\r", "\n").split("\n")
    return "\n".join(reflow(lines))
