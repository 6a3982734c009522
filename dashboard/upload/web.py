"""HTTP routes of the upload: the form's POST and the export download (admins only).

``POST /upload/file`` refuses a body over 10 MB from its Content-Length before reading it
(413), and caps the read for a body without one; the file name is only shown, never used as
a path. Success or refusal both redirect to ``/upload`` (303), which shows the queue or the
message: the browser never sees a traceback, and nothing is kept from a refused file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import quote, urlencode

from flask import Flask, Response, redirect, request

from dashboard.context import current_dataset
from dashboard.pipeline.build import SEEDS_DIR
from dashboard.policy import Action, allowed
from dashboard.store.engine import Store, StoreError
from dashboard.users.web import current_user, same_origin

from . import store as uploads
from .documents import MAX_BYTES, UploadError
from .export import export_zip
from .service import receive

SEEDS_CONFIG = "DASHBOARD_SEEDS_DIR"
FILE_PATH = "/upload/file"
EXPORT_PATH = "/upload/export/<int:upload_id>.zip"
_FORM_OVERHEAD = 64 * 1024  # multipart headers and the lang field around the file
log = logging.getLogger("dashboard.upload")


def seeds_dir(server: Flask) -> Path:
    return Path(server.config.get(SEEDS_CONFIG) or os.environ.get(SEEDS_CONFIG) or SEEDS_DIR)


def _back(lang: str, **query: object) -> Response:
    params = {"lang": lang if lang in ("zh", "en") else "zh", **query}
    return redirect("/upload?" + urlencode(params), code=303)


def _too_large() -> Response:
    return Response("413: 文件超过 10 MB / The file is over 10 MB", status=413,
                    mimetype="text/plain")


def register(server: Flask, store: Store) -> None:
    @server.post(FILE_PATH)
    def _upload_file() -> Response:
        if (request.content_length or 0) > MAX_BYTES + _FORM_OVERHEAD:
            return _too_large()  # before a byte of the body is read
        lang = request.args.get("lang", "zh")
        user = current_user(server, store)
        if not allowed(user, Action.UPLOAD):
            return Response("Admins only.", status=403, mimetype="text/plain")
        if not same_origin():
            return _back(lang, error="origin")
        request.max_content_length = MAX_BYTES + _FORM_OVERHEAD  # a body without a length
        sent = request.files.get("report")
        if sent is None:
            return _back(lang, error="empty")
        content = sent.stream.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            return _too_large()
        try:
            upload_id = receive(store, sent.filename, content, user, current_dataset())
        except UploadError as error:
            log.info("upload refused: %s", error)
            return _back(lang, error=error.code)
        except StoreError:
            return _back(lang, error="store")
        return _back(lang, id=upload_id, received=1)

    @server.get(EXPORT_PATH)
    def _export(upload_id: int) -> Response:
        user = current_user(server, store)
        if not allowed(user, Action.UPLOAD):
            return Response("Admins only.", status=403, mimetype="text/plain")
        try:
            upload = uploads.get(store, upload_id)
            if upload is None or upload.state != "published":
                return Response("Not found.", status=404, mimetype="text/plain")
            body = export_zip(store, upload, seeds_dir(server))
        except StoreError:
            return Response("Database unavailable.", status=503, mimetype="text/plain")
        name = f"{upload.report_id}-seeds.zip"
        return Response(body, mimetype="application/zip", headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store"})
