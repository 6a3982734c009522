"""The encoding of an uploaded text file, found or refused: never a guess that reads as
mojibake.

Order: a byte-order mark (UTF-8, UTF-16 or UTF-32), strict UTF-8, then the Chinese legacy
encodings, each decoded strictly and kept only if the result reads as Chinese text:

* GB18030 decodes almost any bytes (Big5 and Shift-JIS files among them), so it is kept only
  if its ideographs are GB2312's (the 6,763 common ones: a report in GBK names a rare
  character or two, mojibake is full of them) and nothing foreign turns up (kana, Greek,
  private-use characters — where Big5's punctuation lands);
* Big5 only if its ideographs are mostly Big5's frequent level (mojibake of GB bytes lands
  in the rare level) and its punctuation is Chinese (，。 — GB's become bopomofo);
* Shift-JIS is recognised only to name it: a Japanese file is refused.

Two readings that both pass, or none, are refused (``UploadError("encoding")``): the page
asks for the file saved as UTF-8.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter

from .refusals import UploadError

_SAMPLE = 200_000  # characters looked at: enough to judge, bounded on a 10 MB file
_PUNCTUATION = set("，。、；：？！“”‘’「」『』（）《》—…·")
# Ranges no Chinese report writes much of, and where mojibake lands.
_FOREIGN = ((0x0370, 0x052F),  # Greek, Cyrillic
            (0x2500, 0x259F),  # box drawing, blocks (GBK's row 9)
            (0x3040, 0x30FF), (0xFF61, 0xFF9F),  # kana, half-width katakana
            (0x3100, 0x312F), (0x31A0, 0x31BF),  # bopomofo (GB's ，。 read as Big5)
            (0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF),  # Hangul
            (0xE000, 0xF8FF), (0xF0000, 0x10FFFF),  # private use (GBK's user areas)
            (0xF900, 0xFAFF),  # compatibility ideographs
            (0xFFFD, 0xFFFD))
_MAX_FOREIGN = 0.02  # of the non-ASCII characters
# Of the ideographs: outside GB2312 (reports: at most 0.02 %; Big5 read as GB18030: 28 %),
# or in Big5's level 2 (the Big5 characters of the real reports: at most 7 %).
_MAX_RARE = {"gb18030": 0.03, "big5": 0.12}
_MIN_PUNCTUATION = 0.02  # Chinese punctuation per ideograph (prose: about 0.15)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_upload(content: bytes, declared: str = "") -> str:
    """The text of an uploaded file; UploadError ``not_text`` (binary) or ``encoding``.

    ``declared``: the charset a web page names, tried first (still checked: pages lie)."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _checked(_strict(content, encoding, "not_text"))
    if b"\x00" in content[:4096]:
        raise UploadError("not_text", "binary data")
    text = _decoded(content, "utf-8")
    if text is not None:
        return _checked(text)
    return _checked(_legacy(content, declared.lower()))


def _legacy(content: bytes, declared: str) -> str:
    names = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5",
             "big5-hkscs": "big5", "cp950": "big5"}
    if names.get(declared):
        text = _decoded(content, names[declared])
        if text is not None and _reads_as_chinese(text, names[declared]):
            return text
    readings = {}
    for encoding in ("gb18030", "big5"):
        text = _decoded(content, encoding)
        if text is not None and _reads_as_chinese(text, encoding):
            readings[encoding] = text
    if len(readings) == 1:
        return next(iter(readings.values()))
    if readings:
        raise UploadError("encoding", "both GB18030 and Big5 read it")
    japanese = _decoded(content, "shift_jis")
    if japanese is not None and _kana_share(japanese) > 0.05:
        raise UploadError("encoding", "Japanese (Shift-JIS), not Chinese")
    raise UploadError("encoding", "not UTF-8, GB18030 or Big5 Chinese text")


def _strict(content: bytes, encoding: str, code: str) -> str:
    text = _decoded(content, encoding)
    if text is None:
        raise UploadError(code, f"invalid {encoding}")
    return text


def _decoded(content: bytes, encoding: str) -> str | None:
    codec = "cp950" if encoding == "big5" else encoding  # Windows' Big5: also ，€ etc.
    try:
        return content.decode(codec)
    except UnicodeDecodeError:
        return None


def _checked(text: str) -> str:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\x0c")
    if controls > len(sample) // 100:
        raise UploadError("not_text", "control characters: binary data")
    return text.removeprefix("\ufeff")


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ord(ch) >= 0x20000


def _is_foreign(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _FOREIGN) or \
        unicodedata.category(ch) in ("Cc", "Co", "Cn")


def _rare(ch: str, encoding: str) -> bool:
    """Outside GB2312 (for GB18030), or in Big5's less frequent level 2 (lead byte C9–F9)."""
    if encoding == "gb18030":
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return True
        return False
    return ch.encode("cp950", "replace")[0] >= 0xC9


def _reads_as_chinese(text: str, encoding: str) -> bool:
    counts = Counter(ch for ch in text[:_SAMPLE] if ord(ch) > 0x7F)
    wide = sum(counts.values())
    ideographs = sum(n for ch, n in counts.items() if _is_ideograph(ch))
    if not wide or ideographs < 0.5 * wide:
        return False
    foreign = sum(n for ch, n in counts.items() if _is_foreign(ch))
    rare = sum(n for ch, n in counts.items() if _is_ideograph(ch) and _rare(ch, encoding))
    if foreign > _MAX_FOREIGN * wide or rare > _MAX_RARE[encoding] * ideographs:
        return False
    punctuation = sum(n for ch, n in counts.items() if ch in _PUNCTUATION)
    # GB18030's check above is strong on its own (a GB text may punctuate in ASCII);
    # Big5's is weaker, and its mojibake has no Chinese punctuation at all.
    return encoding == "gb18030" or punctuation >= _MIN_PUNCTUATION * ideographs


def _kana_share(text: str) -> float:
    sample = text[:_SAMPLE]
    wide = [ch for ch in sample if ord(ch) > 0x7F]
    return sum(1 for ch in wide if "\u3040" <= ch <= "\u30ff") / max(1, len(wide))
