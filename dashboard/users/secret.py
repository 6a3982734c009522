"""The app's secret key: ``DASHBOARD_SECRET_KEY``, else a random key generated on first run
into ``instance/secret_key`` (readable by its owner only; ``instance/`` is git-ignored)."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

SECRET_ENV = "DASHBOARD_SECRET_KEY"
MIN_LENGTH = 32


class SecretKeyError(ValueError):
    """The configured secret key cannot be used."""


def secret_key(instance_dir: Path, environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    given = env.get(SECRET_ENV, "").strip()
    if given:
        if len(given) < MIN_LENGTH:
            raise SecretKeyError(f"{SECRET_ENV}: at least {MIN_LENGTH} characters")
        return given
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then linked into place: two workers starting
        # together never read a half-written key, and the first link wins.
        fd, temp = tempfile.mkstemp(dir=instance_dir, prefix=".secret_key.")
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(48))
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
        os.unlink(temp)
    return path.read_text(encoding="ascii").strip()
