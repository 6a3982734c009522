"""An uploaded text's encoding is found or the file refused, never read as mojibake (#23):
the seed report in UTF-8, UTF-16 and GB18030, a traditional-Chinese report in Big5, a
Japanese sentence in Shift-JIS, each read back equal to what was written, or refused."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from dashboard.upload.documents import UploadError, clean_text, read_document
from dashboard.upload.encoding import decode_upload
from tests.upload import makers

ROOT = Path(__file__).parents[2]
SEED = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
TRADITIONAL = (ROOT / "tests" / "fixtures" / "encodings" / "traditional.txt").read_text(
    encoding="utf-8")
JAPANESE = "令和六年度の市の予算は、前年度に比べて三パーセント増加しました。\n" * 20
TEXTS = {"seed": SEED, "traditional": TRADITIONAL, "japanese": JAPANESE}
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "gb18030", "big5", "shift_jis")
# What must be read (the rest may be refused, never misread).
READ = {("seed", e) for e in ("utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "gb18030")} | {
    ("traditional", e) for e in ("utf-8", "utf-16", "big5")} | {
    ("japanese", e) for e in ("utf-8", "utf-16")}
REFUSED = {("japanese", "shift_jis"), ("japanese", "gb18030")}


def _encode(text: str, encoding: str) -> bytes | None:
    try:
        if encoding == "utf-16-be-bom":
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return text.encode(encoding)
    except UnicodeEncodeError:
        return None  # not every text can be written in every encoding


def test_the_fixtures_are_what_they_claim():
    assert _encode(TRADITIONAL, "big5") is not None  # every character is Big5's
    assert _encode(SEED, "big5") is None  # simplified: not Big5
    assert _encode(JAPANESE, "shift_jis") is not None


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_read_equal_to_the_original_or_refused(name, encoding):
    content = _encode(TEXTS[name], encoding)
    if content is None:
        assert (name, encoding) not in READ
        return
    try:
        text = read_document("r.txt", content).text
    except UploadError as refusal:
        assert (name, encoding) not in READ, refusal
        assert refusal.code == "encoding"
        return
    assert (name, encoding) not in REFUSED
    assert text == clean_text(TEXTS[name])  # read right, never mojibake


@pytest.mark.parametrize("charset", ["big5", "gb2312", "utf-8"])
def test_a_page_in_big5_is_read_whatever_charset_it_declares(charset):
    # A page that declares the wrong charset is still read right (or refused).
    body = "".join(f"<p>{line}</p>" for line in TRADITIONAL.splitlines())
    page = (f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>'
            ).encode("big5")
    lines = [line for line in read_document("p.html", page).text.splitlines() if line]
    assert lines == [line for line in TRADITIONAL.splitlines() if line]


def test_gb2312_pages_are_still_read():
    page = makers.make_html(SEED, "gb2312")
    assert "沙湾" in read_document("p.html", page).text


def test_random_high_bytes_are_refused_not_guessed():
    rng = random.Random(23)
    for _ in range(30):
        content = bytes(rng.randrange(0x81, 0xFF) for _ in range(3000))
        with pytest.raises(UploadError) as caught:
            decode_upload(content)
        assert caught.value.code == "encoding"


def test_utf16_without_a_mark_is_refused_as_binary():
    with pytest.raises(UploadError) as caught:
        read_document("r.txt", SEED.encode("utf-16-le"))
    assert caught.value.code == "not_text"
