"""Report text split into paragraphs and segments, for marking figures and search matches.

Pure: offsets in, plain strings out. Pages turn segments into Dash components (text stays text;
nothing here produces HTML). A segment is a run of text that is uniformly inside or outside one
fact's number and inside or outside a search match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.pipeline.structure import Layout, sentences

MAX_QUERY = 100
CONTEXT_CHARS = 300  # a paragraph longer than this is cut to the sentences around the number


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int  # without the line break
    role: str  # "title", "heading" or "text"
    section: str


@dataclass(frozen=True)
class Segment:
    text: str
    fact_id: str | None = None
    hit: bool = False


@dataclass(frozen=True)
class Context:
    """A fact's number in the paragraph around it."""

    before: str
    number: str
    after: str
    cut_before: bool = False
    cut_after: bool = False


def body_paragraphs(text: str, layout: Layout) -> list[Paragraph]:
    """The report body, one paragraph per line; page furniture outside the body is skipped."""
    paragraphs = []
    for section in layout.sections:
        start = max(section.start, layout.body_start)
        end = min(section.end, layout.body_end, len(text))
        while end > start and text[end - 1] in "\n\r":
            end -= 1
        line = text[start:end].strip()
        if not line:
            continue
        role = ("title" if line == layout.title and not paragraphs else
                "heading" if line == section.name else "text")
        paragraphs.append(Paragraph(start, end, role, section.name))
    return paragraphs


def outline(paragraphs: Sequence[Paragraph]) -> list[tuple[int, str, int]]:
    """(paragraph start, label, level) for each heading (level 1) and the first paragraph of
    each subsection (level 2): the reader's table of contents."""
    entries: list[tuple[int, str, int]] = []
    previous = ""
    for para in paragraphs:
        if para.role == "heading":
            entries.append((para.start, para.section, 1))
        elif para.role == "text" and " › " in para.section and para.section != previous:
            entries.append((para.start, para.section.split(" › ", 1)[1], 2))
        previous = para.section
    return entries


def find_matches(text: str, query: str, start: int = 0, end: int | None = None
                 ) -> list[tuple[int, int]]:
    """Non-overlapping, case-insensitive occurrences of `query` in text[start:end]."""
    query = (query or "").strip()[:MAX_QUERY]
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def segments(text: str, start: int, end: int, facts: Sequence[tuple[int, int, str]],
             hits: Sequence[tuple[int, int]] = ()) -> list[Segment]:
    """Split text[start:end] where a fact's number or a search match begins or ends.

    `facts` are (start, end, fact_id); where two overlap, the first listed wins.
    """
    facts = [f for f in facts if f[0] < end and f[1] > start and f[1] > f[0]]
    hits = [h for h in hits if h[0] < end and h[1] > start and h[1] > h[0]]
    cuts = {start, end}
    for a, b, *_ in [*facts, *hits]:
        cuts.update((max(a, start), min(b, end)))
    points = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        fact_id = next((f[2] for f in facts if f[0] <= a < f[1]), None)
        hit = any(h[0] <= a < h[1] for h in hits)
        out.append(Segment(text[a:b], fact_id, hit))
    return out


def group_by_fact(segs: Sequence[Segment]) -> list[tuple[str | None, list[Segment]]]:
    """Consecutive segments of the same fact, together (text outside facts stays alone)."""
    groups: list[tuple[str | None, list[Segment]]] = []
    for seg in segs:
        if seg.fact_id is not None and groups and groups[-1][0] == seg.fact_id:
            groups[-1][1].append(seg)
        else:
            groups.append((seg.fact_id, [seg]))
    return groups


def context(text: str, layout: Layout, start: int, end: int,
            limit: int = CONTEXT_CHARS) -> Context:
    """The paragraph holding text[start:end]; a long one is cut to whole sentences around it."""
    section = layout.section_at(start)
    p_start, p_end = (section.start, section.end) if section else (start, end)
    p_end = min(p_end, len(text))
    while p_end > p_start and text[p_end - 1] in "\n\r":
        p_end -= 1
    lo, hi = p_start, p_end
    if p_end - p_start > limit:
        parts = sentences(text, p_start, p_end)
        index = next((i for i, s in enumerate(parts) if s.start <= start < s.end), None)
        if index is not None:
            first = last = index
            while True:
                grown = False
                if last + 1 < len(parts) and parts[last + 1].end - parts[first].start <= limit:
                    last += 1
                    grown = True
                if first > 0 and parts[last].end - parts[first - 1].start <= limit:
                    first -= 1
                    grown = True
                if not grown:
                    break
            lo, hi = parts[first].start, max(parts[last].end, end)
    lo, hi = min(lo, start), max(hi, end)
    return Context(text[lo:start].lstrip(), text[start:end], text[end:hi].rstrip(),
                   lo > p_start, hi < p_end)
