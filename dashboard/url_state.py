"""Page state in the URL query: decode what a page was opened with, encode what it shows.

Pure functions. A page's layout receives the query values as keyword arguments (Dash pages);
it decodes each with the helpers below, which drop invalid values and report them so the page
can show a notice instead of an error. Lists are comma-separated: `?sectors=economy,fiscal`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

MAX_VALUE_LENGTH = 200  # longer query values are tampering, not state


@dataclass
class Decoded:
    """Decoded values, and the names of parameters whose values were ignored."""

    values: dict[str, object] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)


def _text(raw: object) -> str | None:
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else None
    if raw is None:
        return None
    text = str(raw)
    return text if len(text) <= MAX_VALUE_LENGTH else ""


def choice(raw: object, allowed: Iterable[str], default: str | None = None
           ) -> tuple[str | None, bool]:
    """(value, ok): one value from `allowed`; an invalid value gives (default, False)."""
    text = _text(raw)
    if text is None or text == "":
        return default, text is None
    return (text, True) if text in set(allowed) else (default, False)


def many(raw: object, allowed: Iterable[str]) -> tuple[list[str], bool]:
    """(values, ok): comma-separated values from `allowed`, order kept, unknown ones dropped."""
    text = _text(raw)
    if text is None:
        return [], True
    allowed_set = set(allowed)
    parts = [p for p in text.split(",") if p]
    kept = list(dict.fromkeys(p for p in parts if p in allowed_set))
    return kept, len(kept) == len(parts) and text != ""


def integer(raw: object, lo: int, hi: int, default: int | None = None
            ) -> tuple[int | None, bool]:
    """(value, ok): an integer within [lo, hi]."""
    text = _text(raw)
    if text is None:
        return default, True
    try:
        value = int(text)
    except ValueError:
        return default, False
    return (value, True) if lo <= value <= hi else (default, False)


def free_text(raw: object, max_length: int = 100) -> tuple[str, bool]:
    """(value, ok): a search string, trimmed; over-long input is refused."""
    text = _text(raw)
    if text is None:
        return "", True
    return (text.strip(), True) if len(text) <= max_length else ("", False)


def encode(state: Mapping[str, object]) -> str:
    """'?a=1&b=x,y' for the non-empty values, in the order given (lang is added by the sync)."""
    pairs = []
    for key, value in state.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        pairs.append((key, str(value)))
    return "?" + urlencode(pairs, safe=",") if pairs else ""
