"""Why an upload is refused: :class:`UploadError` and the text limit. Its own module because
``documents`` calls the readers (``encoding``, ``sandbox`` and, in the child process,
``pdf_text``, ``docx_text``, ``html_text``) and they all refuse with it."""

from __future__ import annotations

# Characters of text an upload may hold: ten times the longest real report (广东 2026: 32,000
# characters, 95 KB), whose review is rebuilt in about 10 s (benchmarks/upload_review.py:
# linear, about 3 s per 100,000 characters); a longer text is refused (``too_long``).
MAX_CHARS = 300_000


class UploadError(Exception):
    """A file the app will not read; ``code`` selects the message shown (the catalogues'
    ``upload.error.<code>``)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
