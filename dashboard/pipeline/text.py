"""Reading a report file into text, with a clear error for anything unusable."""

from __future__ import annotations

import re
from pathlib import Path

from .front import chinese_years
from .noise import mask_noise

# Full-width ASCII (！ to ～) maps one-to-one onto ASCII, so offsets in the normalised text are
# offsets in the report text as read.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space


class ReportError(Exception):
    """A report file that cannot be read or holds no figures."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def decode_report(raw: bytes, path: Path | str) -> str:
    """Decode report bytes: UTF-8 (with or without BOM), then GB18030; refuse binary data."""
    if not raw.strip():
        raise ReportError(path, "the file is empty")
    if b"\x00" in raw[:4096]:
        raise ReportError(path, "the file is binary, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReportError(path, "the file is neither UTF-8 nor GB18030 text")


# Control characters other than line breaks and tabs (counted by a regex: a loop over every
# character cost more than reading the report at start-up with many reports).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _looks_like_text(text: str) -> bool:
    controls = len(_CONTROLS.findall(text))
    return controls <= len(text) // 100


def read_report(path: Path | str) -> str:
    """Read and decode one report file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(path, "no such file") from None
    except IsADirectoryError:
        raise ReportError(path, "is a directory, not a report file") from None
    except OSError as exc:
        raise ReportError(path, f"cannot be read ({exc.strerror})") from None
    return decode_report(raw, path)


def normalise(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, keeping every offset."""
    return text.translate(_FULLWIDTH)


def reading_text(text: str) -> str:
    """The text the reader works on: crawled noise blanked (``noise.py``), years written in
    Chinese numerals as digits, full-width characters as ASCII; every offset kept."""
    return normalise(chinese_years(mask_noise(text)))
