"""python -m dashboard.users: passwords asked twice (read as two lines from a pipe), one-line
errors, no password or hash ever printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.store import open_store
from dashboard.store.audit import history
from dashboard.users import accounts, throttle
from dashboard.users.__main__ import main, read_password

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def _run(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DATABASE_URL=url)
    return subprocess.run([sys.executable, "-m", "dashboard.users", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


def test_add_list_disable_as_processes(tmp_path):
    url = f"sqlite:///{tmp_path / 'users.sqlite3'}"
    added = _run(url, "add", "admin1", "--role", "admin", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.returncode == 0 and added.stdout == "added admin1 (admin)\n"
    editor = _run(url, "add", "li", "--role", "editor", "--sectors", "economy,investment",
                  stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert editor.returncode == 0
    listed = _run(url, "list")
    assert listed.stdout.splitlines() == ["admin1\tadmin\t", "li\teditor\teconomy,investment"]
    assert _run(url, "disable", "li", "--reason", "moved").returncode == 0
    assert _run(url, "list").stdout.splitlines()[1] == "li\teditor\teconomy,investment (disabled)"
    for result in (added, editor, listed):
        assert PASSWORD not in result.stdout + result.stderr
        assert "scrypt" not in result.stdout + result.stderr


@pytest.mark.parametrize(("stdin", "message"), [
    (f"{PASSWORD}\nsomething else\n", "error: password: the two entries differ"),
    (f"{PASSWORD}\n", "error: password: expected two lines on standard input"),
    ("short\nshort\n", "error: password: at least 10 characters"),
])
def test_bad_passwords_are_one_line_and_exit_2(tmp_path, stdin, message):
    result = _run(f"sqlite:///{tmp_path / 'u.sqlite3'}", "add", "li", "--role", "editor",
                  stdin=stdin)
    assert result.returncode == 2 and result.stderr.strip() == message
    assert PASSWORD not in result.stderr and "Traceback" not in result.stderr


def test_unknown_sector_and_unreachable_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'u.sqlite3'}")
    monkeypatch.setattr("sys.stdin", _Lines([PASSWORD, PASSWORD]))
    assert main(["add", "li", "--role", "editor", "--sectors", "economy,moon"]) == 2
    assert capsys.readouterr().err.strip() == "error: sectors: unknown moon"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:secret@127.0.0.1:1/none")
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "secret" not in err and err.count("\n") == 1


def test_unlock_clears_failed_sign_ins(tmp_path):
    url = f"sqlite:///{tmp_path / 'users.sqlite3'}"
    _run(url, "add", "li", "--role", "editor", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    store = open_store(url)
    for _ in range(throttle.FREE_FAILURES + 2):
        accounts.authenticate(store, "li", "wrong password", "10.0.0.66")
    assert throttle.check(store, "li", "10.0.0.66") > 0
    result = _run(url, "unlock", "li")
    assert (result.returncode, result.stdout) == (0, "unlocked li\n")
    assert throttle.check(store, "li", "10.0.0.66") == 0
    assert history(store, "user:li")[-1].action == "user.unlock"
    missing = _run(url, "unlock", "nobody")
    assert missing.returncode == 2 and missing.stderr == "error: name: no user 'nobody'\n"


def test_the_cli_takes_exactly_the_passwords_the_form_takes(tmp_path):
    """200 characters are accepted (and sign in); 201 are refused, as the form refuses them."""
    url = f"sqlite:///{tmp_path / 'users.sqlite3'}"
    longest, too_long = "p" * 200, "p" * 201
    assert _run(url, "add", "li", "--role", "editor",
                stdin=f"{longest}\n{longest}\n").returncode == 0
    assert accounts.authenticate(open_store(url), "li", longest, "10.0.0.1") is not None
    refused = _run(url, "password", "li", stdin=f"{too_long}\n{too_long}\n")
    assert refused.returncode == 2
    assert refused.stderr == "error: password: at most 200 characters\n"


def test_read_password_asks_twice():
    answers = iter(["a long password", "a long password"])
    assert read_password(lambda _: next(answers)) == "a long password"


class _Lines:
    def __init__(self, lines: list[str]) -> None:
        self.lines = [line + "\n" for line in lines]

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        return self.lines.pop(0) if self.lines else ""
