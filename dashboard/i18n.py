"""UI strings in Chinese and English, read from one catalogue file per language.

Conventions
-----------
* The strings live in ``dashboard/catalogues/<lang>.json``: one flat JSON object a
  language, keys dotted and namespaced by owner: ``app.*`` and ``shell.*`` belong to the
  shell, ``nav.<page name>`` is a navbar label, ``<page name>.*`` belongs to one page
  (e.g. ``overview.heading``). A new string is a line in each file, not code.
* Every key is in both catalogues, non-empty, with the same ``{placeholders}``
  (tests/test_catalogues.py enforces it).
* A catalogue is read on first use and kept for the life of the process
  (:func:`catalogue`); importing this module reads nothing.
* :func:`t` raises ``KeyError`` for an unknown key: a missing translation is a
  bug that page tests should catch, not something to paper over on screen.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

# BCP 47 tags for <html lang> and for the plotly.js locale (config.locale).
HTML_LANG: dict[str, str] = {"zh": "zh-CN", "en": "en"}

# The catalogues ship beside the code (the app is run from its checkout, not installed).
CATALOGUE_DIR = Path(__file__).with_name("catalogues")


def normalize_lang(value: object) -> str:
    """Return a supported language code; anything unrecognised becomes the default.

    Accepts what arrives from URLs and storage: ``None``, lists (repeated query
    parameters), odd casing and regional tags such as ``"en-US"``.
    """
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str):
        return DEFAULT_LANG
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGS else DEFAULT_LANG


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Every UI string of ``lang`` (a code of :data:`LANGS`), read once per process.

    Read-only: a caller that changed a string would change it for every later request.
    """
    if lang not in LANGS:
        raise ValueError(f"no catalogue for language {lang!r}")
    with (CATALOGUE_DIR / f"{lang}.json").open(encoding="utf-8") as f:
        return MappingProxyType(json.load(f))


def t(key: str, lang: str, **values: object) -> str:
    """Translate ``key`` into ``lang`` (normalised first), filling the placeholders given.

    Years, places and counts are never filled in behind the caller's back: a string that
    names ``{year}`` gets the year of the figure it describes from its caller. Placeholders
    not given are left for a later ``str.format``.
    """
    text = catalogue(normalize_lang(lang))[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def has_key(key: str) -> bool:
    """True if ``key`` is a known string."""
    return key in catalogue(DEFAULT_LANG)


def keys_under(prefix: str) -> frozenset[str]:
    """The keys that start with ``prefix`` (e.g. ``"upload.error."``), prefix removed."""
    return frozenset(k.removeprefix(prefix) for k in catalogue(DEFAULT_LANG)
                     if k.startswith(prefix))
