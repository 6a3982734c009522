"""An uploaded .pdf, .docx or .html read in a child process under a budget of time, memory
and output, so a hostile file costs the web worker nothing but the wait.

A small file can cost a great deal: a 73 KB PDF whose one content stream inflates to 70 MB
and is shared by ten pages kept a worker busy until gunicorn killed it. The child limits
itself first thing (address space, CPU seconds, no files written), before it reads the file;
the parent gives it ``Budget.seconds`` of wall-clock time and then kills it. Past any limit
the upload is refused (``UploadError("too_costly")``) and nothing is kept.

    python -m dashboard.upload.sandbox KIND MEMORY CPU CHARS   # the child: file on stdin
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .refusals import MAX_CHARS, UploadError

ROOT = Path(__file__).resolve().parents[2]
_DAMAGED = {"pdf": "bad_pdf", "docx": "bad_docx", "html": "not_text"}
log = logging.getLogger("dashboard.upload")


@dataclass(frozen=True)
class Budget:
    seconds: float = 20.0  # wall clock, well inside gunicorn's 60 s worker timeout
    memory: int = 512 * 1024 * 1024  # address space of the child (Python and pypdf: ~50 MB)
    cpu: int = 20  # CPU seconds (a child stalled on I/O is caught by ``seconds``)
    chars: int = 2 * MAX_CHARS  # characters given back (before blank lines are dropped)


BUDGET = Budget()


def read_in_child(kind: str, content: bytes, budget: Budget | None = None) -> str:
    """The text of ``content`` read by the ``kind`` reader in a child process; UploadError
    with the reader's own code, or ``too_costly`` past the budget."""
    budget = budget or BUDGET
    command = [sys.executable, "-m", "dashboard.upload.sandbox", kind, str(budget.memory),
               str(budget.cpu), str(budget.chars)]
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1"}
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, cwd=ROOT) as child:
        try:
            out, err = child.communicate(content, timeout=budget.seconds)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise UploadError("too_costly", f"{kind}: over {budget.seconds:g} s") from None
    return _answer(kind, child.returncode, out, err, budget)


def _answer(kind: str, status: int, out: bytes, err: bytes, budget: Budget) -> str:
    if status < 0:  # killed: SIGXCPU past the CPU limit, SIGKILL past the hard one
        raise UploadError("too_costly", f"{kind}: signal {-status}")
    try:
        answer = json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        # No answer: the interpreter itself failed (out of memory before the reader could
        # say so, or a reader bug); the file is refused either way.
        log.warning("%s reader gave no answer (exit %s): %s", kind, status,
                    err.decode("utf-8", "replace")[-500:])
        code = "too_costly" if b"MemoryError" in err else _DAMAGED[kind]
        raise UploadError(code, f"{kind}: exit {status}") from None
    if "error" in answer:
        raise UploadError(str(answer["error"]), str(answer.get("detail", "")))
    text = str(answer["text"])
    if len(text) > budget.chars:
        raise UploadError("too_long", f"{len(text)} characters")
    return text


def _limit(memory: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # a reader writes no file
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _read(kind: str, content: bytes, chars: int) -> dict[str, str]:
    # Imported here, in the child process only: the serving process never loads the PDF,
    # DOCX and HTML parsers (start-up time, memory of every worker).
    if kind == "pdf":
        from .pdf_text import pdf_text as reader
    elif kind == "docx":
        from .docx_text import docx_text as reader
    else:
        from .html_text import html_text as reader
    try:
        text = reader(content)
    except UploadError as refusal:
        return {"error": refusal.code, "detail": refusal.detail}
    except (MemoryError, RecursionError) as exc:
        return {"error": "too_costly", "detail": exc.__class__.__name__}
    if len(text) > chars:
        return {"error": "too_long", "detail": f"over {chars} characters"}
    return {"text": text}


def main(argv: list[str]) -> int:
    kind, memory, cpu, chars = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    if kind not in _DAMAGED:
        return 2
    _limit(memory, cpu)
    content = sys.stdin.buffer.read()
    answer = _read(kind, content, chars)
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
