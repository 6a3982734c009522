"""A published upload as the files a developer commits: ``seeds/<id>.txt`` (the frozen text),
``seeds/sources.yml`` with its entry, ``seeds/review/<id>.yml`` (the decisions on its figures,
the indicators they added and the English confirmed for its names read from the text).
``python -m dashboard.pipeline build`` then reproduces the tables the app published."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from pathlib import Path

import yaml

from dashboard.pipeline.decisions import REVIEW_DIR, dump_review, fact_keys
from dashboard.pipeline.extract import extract

from . import store as uploads
from .metadata import ID_PATTERN
from .names import confirmed_names
from .staging import file_name, source_entry
from .store import Upload

README = """Files to commit for report {id} (uploaded as {file}):

  seeds/{id}.txt             the text as extracted and reviewed (sha256 in sources.yml)
  seeds/sources.yml          the repository's sources.yml with this report's entry
  seeds/review/{id}.yml      reviewers' decisions on its figures, indicators they added

Copy them over the repository's seeds/ folder, run `python -m dashboard.pipeline build`
and commit seeds/ and data/ together.
"""


def sources_text(current: str, entry: dict[str, object]) -> str:
    """``current`` sources.yml with ``entry`` added, or replacing the entry of its id."""
    data = yaml.safe_load(current) if current.strip() else None
    reports = list((data or {}).get("reports") or [])
    if not any(r.get("id") == entry["id"] for r in reports) and current.strip():
        # Appended as text: the file's comments and layout stay as people wrote them.
        block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=90)
        found = re.search(r"^( *)- ", current, re.MULTILINE)
        indent = found.group(1) if found else "  "
        indented = "".join(indent + line if line.strip() else line
                           for line in block.splitlines(keepends=True))
        text = current.rstrip("\n") + "\n" + indented
        with contextlib.suppress(yaml.YAMLError, TypeError, KeyError, AttributeError):
            if any(r.get("id") == entry["id"] for r in yaml.safe_load(text)["reports"]):
                return text
    reports = [r for r in reports if r.get("id") != entry["id"]] + [entry]
    header = "# Raw sources, frozen: each report file is kept verbatim and checked against " \
             "its sha256 at build time.\n"
    return header + yaml.safe_dump({"reports": reports}, allow_unicode=True, sort_keys=False,
                                   width=90)


def review_text(store: uploads.Store, upload: Upload) -> str:
    facts = extract(upload.text, upload.report_id).facts
    keys = set(fact_keys(upload.text, [(int(f["start"]), int(f["end"])) for f in facts]))
    rows = uploads.decision_rows(store)
    # Only decisions on this text's figures: an acknowledged target without an actual
    # changes no table (it stays in the audit log).
    mine = {k: r for k, r in rows.items() if k in keys}
    used = {r.decision.indicator_id for r in mine.values() if r.decision.action == "assign"}
    added = [i for i in uploads.added_indicators(store) if i.id in used]
    decisions = [{"key": k, "action": r.decision.action,
                  **({"indicator_id": r.decision.indicator_id}
                     if r.decision.indicator_id else {}),
                  **({"value": r.decision.value} if r.decision.value is not None else {}),
                  "number": r.number, "sentence": r.sentence, "by": r.decided_by,
                  "at": r.decided_at.isoformat(timespec="seconds")}
                 for k, r in sorted(mine.items(), key=lambda kv: kv[1].decided_at)]
    # The English confirmed for the names this text's figures carry, with who and when.
    named = {str(f["indicator_zh"]) for f in facts}
    confirmed = [{"zh": c.zh, "en": c.en, "by": c.confirmed_by,
                  "at": c.confirmed_at.isoformat(timespec="seconds")}
                 for zh, c in sorted(confirmed_names(store).items()) if zh in named]
    return dump_review(upload.report_id, decisions, added, confirmed)


def export_files(store: uploads.Store, upload: Upload, seeds_dir: Path) -> dict[str, bytes]:
    if not ID_PATTERN.match(upload.report_id):  # it names the files below
        raise ValueError(f"report id {upload.report_id!r} cannot name a file")
    sources = seeds_dir / "sources.yml"
    current = sources.read_text(encoding="utf-8") if sources.is_file() else ""
    return {
        f"seeds/{file_name(upload)}": upload.text.encode(),
        "seeds/sources.yml": sources_text(current, source_entry(upload)).encode(),
        f"seeds/{REVIEW_DIR}/{upload.report_id}.yml": review_text(store, upload).encode(),
        "README.txt": README.format(id=upload.report_id, file=upload.file_name).encode(),
    }


def export_zip(store: uploads.Store, upload: Upload, seeds_dir: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in export_files(store, upload, seeds_dir).items():
            archive.writestr(name, content)
    return buffer.getvalue()
