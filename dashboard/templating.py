"""The pages and pictures the server writes itself (HTML, SVG), rendered from the Jinja2
templates in ``dashboard/templates/``.

Why templates: markup built in Python strings had to escape every value by hand, and one
forgotten call is an injection. Here autoescape is on for every template whatever its file
name, so a value from the data or the query is escaped unless a template says ``|safe``
(each such place says why). The environment is built on the first render, not at import
(importing reads no file), and kept for the process: templates are read once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment (autoescape on, an undefined name is an error)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        # Block tags on their own lines leave no blank line or indentation behind.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render(name: str, **context: Any) -> str:
    """The template ``name`` (a path under ``dashboard/templates/``) rendered with ``context``."""
    return environment().get_template(name).render(**context)
