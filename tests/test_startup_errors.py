"""Seeds the app cannot read (none, a malformed sources file, a binary or figure-less text,
a text changed after it was frozen), or a database it cannot reach, open or migrate, stop
the production entry points with one line on stderr naming the problem, and exit status 2
— never a traceback."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dashboard import startup
from dashboard.settings import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(args: list[str], data_dir: Path, database_url: str | None = None
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASH_", "FLASK_"))}
    # An empty database by default, so the app loads data_dir into it.
    database_url = database_url or f"sqlite:///{data_dir.parent / 'empty.sqlite3'}"
    env.update({DATA_DIR_ENV: str(data_dir), "HOST": "127.0.0.1",
                "PORT": str(_free_port()), "PYTHONWARNINGS": "ignore",
                "DATABASE_URL": database_url})
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def data_copy(tmp_path: Path, counties_dir: Path) -> Path:
    """A deployment: ``seeds/`` (the counties' texts) beside ``data/`` (hand-kept actuals);
    the start-up imports the seeds and composes the first version from them."""
    shutil.copytree(counties_dir.parent / "seeds", tmp_path / "seeds")
    target = tmp_path / "data"
    shutil.copytree(counties_dir, target)
    return target


def _seeds(data_copy: Path) -> Path:
    return data_copy.parent / "seeds"


def _assert_one_line_exit_2(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == startup.EXIT_DATA_ERROR, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert "Traceback" not in line and 'File "' not in line
    for needle in needles:
        assert needle in line, line
    assert "Dashboard: http" not in result.stdout  # never got as far as serving
    return line


def test_no_report_texts(data_copy: Path):
    for path in _seeds(data_copy).glob("*.txt"):
        path.unlink()
    line = _assert_one_line_exit_2(_run(["app.py"], data_copy), "no report files")
    assert str(_seeds(data_copy)) in line


def test_a_malformed_sources_file(data_copy: Path):
    (_seeds(data_copy) / "sources.yml").write_text("reports: [{file: ", encoding="utf-8")
    _assert_one_line_exit_2(_run(["app.py"], data_copy), "sources.yml", "malformed")


def test_a_binary_report_and_the_module_entry_point(data_copy: Path):
    (_seeds(data_copy) / "luming-2024.txt").write_bytes(bytes(range(256)) * 8)
    _assert_one_line_exit_2(_run(["-m", "dashboard.server"], data_copy), "luming-2024.txt")


def test_create_app_or_exit_in_process(data_copy: Path, monkeypatch, capsys):
    (_seeds(data_copy) / "qingshi-2025.txt").write_text(
        "各位代表：\n现在，我代表县人民政府向大会报告工作。\n", encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{data_copy.parent / 'empty.sqlite3'}")
    with pytest.raises(SystemExit) as stop:
        startup.create_app_or_exit()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "qingshi-2025.txt" in err


def test_a_seed_that_changed_after_it_was_frozen(data_copy: Path):
    """sources.yml freezes a text by its sha256: a changed file stops the start-up."""
    seeds = _seeds(data_copy)
    sources = yaml.safe_load((seeds / "sources.yml").read_text(encoding="utf-8"))
    sources["reports"][0]["sha256"] = "0" * 64
    (seeds / "sources.yml").write_text(yaml.safe_dump(sources, allow_unicode=True),
                                       encoding="utf-8")
    name = sources["reports"][0]["file"]
    _assert_one_line_exit_2(_run(["app.py"], data_copy), name, "sha256 differs")


def test_a_database_that_cannot_be_reached(data_copy: Path):
    url = f"postgresql://app:s3cret@127.0.0.1:{_free_port()}/dashboard"
    line = _assert_one_line_exit_2(_run(["app.py"], data_copy, url), "cannot connect",
                                   "127.0.0.1")
    assert "s3cret" not in line


def test_a_corrupt_database_file(data_copy: Path):
    path = data_copy.parent / "corrupt.sqlite3"
    path.write_bytes(bytes(range(256)) * 64)
    _assert_one_line_exit_2(_run(["app.py"], data_copy, f"sqlite:///{path}"),
                            "corrupt.sqlite3", "not a database")


def test_a_database_written_by_a_newer_release(data_copy: Path):
    path = data_copy.parent / "newer.sqlite3"
    url = f"sqlite:///{path}"
    assert _run(["-c", "from dashboard.store import open_store; open_store(" + repr(url) + ")"],
                data_copy, url).returncode == 0
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0042'")
    _assert_one_line_exit_2(_run(["app.py"], data_copy, url), "cannot migrate", "0042")


def test_a_bad_database_url(data_copy: Path):
    _assert_one_line_exit_2(_run(["app.py"], data_copy, "oracle://x@y/z"),
                            "only sqlite and postgresql")
