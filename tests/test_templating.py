"""The pages the server renders itself: ``dashboard/templating.py``, ``dashboard/templates/``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import templating
from dashboard.app_factory import DASH_PLACEHOLDERS, index_string

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
TEMPLATES = sorted(p.relative_to(templating.TEMPLATES_DIR).as_posix()
                   for p in templating.TEMPLATES_DIR.rglob("*") if p.is_file())


def test_importing_the_loader_reads_no_template():
    code = ("import dashboard.templating as t; "
            "print(t.environment.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(templating.__file__).resolve().parents[1], check=True)
    assert out.stdout.strip() == "0"


def test_one_environment_with_autoescape_for_every_template():
    env = templating.environment()
    assert env is templating.environment()
    assert env.autoescape is True
    assert {"index.html", "brief/document.html", "brief/chart.svg"} <= set(TEMPLATES)


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_parses(name: str):
    templating.environment().get_template(name)


def test_a_value_is_escaped_and_a_missing_one_is_an_error():
    page = templating.render("brief/unavailable.html", zh=HOSTILE, en=HOSTILE, back=HOSTILE,
                             link=HOSTILE)
    assert "<script" not in page and "<img" not in page
    assert page.count("&lt;script&gt;") == 4
    with pytest.raises(Exception, match="undefined"):
        templating.render("brief/unavailable.html", zh="", en="", back="")


def test_the_index_string_keeps_every_dash_placeholder():
    page = index_string()
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    for name in DASH_PLACEHOLDERS:
        assert page.count("{%" + name + "%}") == 1
    assert "This dashboard needs JavaScript." in page
