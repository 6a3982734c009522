"""Which slides a presentation shows, in what order, how fast and in which theme.

Pure module (pandas only, no Dash): the /present page passes it the query it was opened with,
and it answers with a `DeckParams`. Every parameter is optional and an invalid value falls
back to its default; the names of ignored parameters are kept so the page can show a small
note instead of an error.

    /present?slides=overview,targets,agriculture&interval=30&lang=zh&theme=dark&start=agriculture

* ``slides``: slide ids, comma-separated, in the order to show (unknown ids are dropped);
* ``interval``: seconds per slide, within [MIN_INTERVAL, MAX_INTERVAL];
* ``theme``: ``dark`` or ``light``;
* ``start``: a slide id, or the name of the page the deck was opened from; the deck starts
  at that page's slide and Esc returns to that page;
* ``slide``: 1-based position, written by the browser as the deck advances so that a reload
  keeps the place; it wins over ``start``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.labels import UNCLASSIFIED
from dashboard.url_state import choice, integer, many

PAGE_SLIDES: tuple[str, ...] = ("overview", "economy", "investment", "agriculture", "tourism",
                                "targets")
# Slides about several reports (/compare: other places; /record: the place's other years).
# The default deck presents one report and cites it alone, so these are shown only when
# asked for (``slides=``) or when the deck is opened from their page (``start=compare``).
PLACE_SLIDES: tuple[str, ...] = ("compare", "record")
SECTOR_PREFIX = "sector-"
FORWARD_KINDS: tuple[str, ...] = ("target", "plan")

THEMES: tuple[str, ...] = ("dark", "light")
DEFAULT_THEME = "dark"
DEFAULT_INTERVAL = 20
MIN_INTERVAL = 5
MAX_INTERVAL = 600
MAX_SLIDES = 200


@dataclass(frozen=True)
class DeckParams:
    """A decoded deck: slide ids in order, seconds per slide, theme, 0-based start index,
    the page to return to (a page name, or None for the home page) and ignored parameters."""

    slides: tuple[str, ...]
    interval: int = DEFAULT_INTERVAL
    theme: str = DEFAULT_THEME
    start: int = 0
    return_page: str | None = None
    invalid: tuple[str, ...] = ()


def sector_slide_id(sector: str) -> str:
    return f"{SECTOR_PREFIX}{sector}"


def slide_sector(slide_id: str) -> str | None:
    """The sector a sector slide is about (``sector-agriculture`` → ``agriculture``)."""
    return slide_id[len(SECTOR_PREFIX):] if slide_id.startswith(SECTOR_PREFIX) else None


def forward_facts(facts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Targets and plans for ``year`` whose indicator is known (unclassified figures have no
    name an audience could read, so they stay off the screen)."""
    rows = facts[facts["kind"].isin(FORWARD_KINDS) & (facts["period"].astype(int) == int(year))]
    return rows[rows["indicator_id"] != UNCLASSIFIED]


def target_sectors(facts: pd.DataFrame, year: int) -> list[str]:
    """Sectors with targets or plans for ``year``, in the order the report first states them."""
    rows = forward_facts(facts, year)
    if rows.empty:
        return []
    if "start" in rows:
        rows = rows.assign(_at=rows["start"].astype(int)).sort_values("_at", kind="stable")
    return list(dict.fromkeys(str(s) for s in rows["sector"]))


def available_slides(sectors: Iterable[str]) -> list[str]:
    """Every slide the deck can show, in the default order: pages, then one per sector."""
    return [*PAGE_SLIDES, *(sector_slide_id(s) for s in sectors)]


def parse_params(query: Mapping[str, object], available: Sequence[str],
                 pages: Iterable[str] = (), optional: Sequence[str] = PLACE_SLIDES
                 ) -> DeckParams:
    """Decode the /present query against the ``available`` slide ids (the default deck).

    ``pages`` names the app's pages, so that ``start`` may name a page without a slide of its
    own (the deck then starts at the first slide and Esc still returns to that page).
    ``optional`` slides are shown only when ``slides`` names them, or after the default deck
    when ``start`` names one of them.
    """
    invalid: list[str] = []

    chosen, ok = many(query.get("slides"), [*available, *optional])
    if query.get("slides") is not None and not (ok and chosen):
        invalid.append("slides")
    opened, _ = choice(query.get("start"), optional)
    opened_from = [opened] if opened else []
    slides = tuple(chosen[:MAX_SLIDES]) if chosen else (*available, *opened_from)

    interval, ok = integer(query.get("interval"), MIN_INTERVAL, MAX_INTERVAL, DEFAULT_INTERVAL)
    if not ok:
        invalid.append("interval")

    theme, ok = choice(query.get("theme"), THEMES, DEFAULT_THEME)
    if not ok:
        invalid.append("theme")

    known_pages = set(pages)
    start_raw, ok = choice(query.get("start"), [*available, *optional, *known_pages])
    if not ok:
        invalid.append("start")
    start = slides.index(start_raw) if start_raw in slides else 0
    return_page = start_raw if start_raw in known_pages else None

    position, ok = integer(query.get("slide"), 1, len(slides))
    if not ok:
        invalid.append("slide")
    if position is not None:
        start = position - 1

    return DeckParams(slides=slides, interval=int(interval or DEFAULT_INTERVAL),
                      theme=str(theme or DEFAULT_THEME), start=start,
                      return_page=return_page, invalid=tuple(invalid))
