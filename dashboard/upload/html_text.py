"""The text of a web page saved from a government site: block elements become lines;
scripts, styles and the page's head are dropped; entities are decoded."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .encoding import decode_upload
from .refusals import UploadError

_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
           "article", "table", "ul", "ol", "header", "footer", "title", "dd", "dt", "td"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002 - HTMLParser API
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def _decode(content: bytes) -> str:
    declared = _CHARSET.search(content[:4096])
    return decode_upload(content, declared.group(1).decode("ascii") if declared else "")


def html_text(content: bytes) -> str:
    parser = _Text()
    try:
        parser.feed(_decode(content))
        parser.close()
    except (UploadError, MemoryError):
        raise  # the budget's refusals are the sandbox's to give (sandbox.py)
    except Exception as exc:  # noqa: BLE001 - html.parser asserts on some malformed markup
        raise UploadError("not_text", exc.__class__.__name__) from None
    return "".join(parser.parts)
