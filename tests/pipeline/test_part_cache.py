"""Incremental reading: a report whose text, sources entry and reading code are unchanged is
never read again, and the tables made from stored parts are byte for byte those of a reading
of every report (``dashboard/pipeline/parts.py``, ``reading.py``, ``store/part_cache.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.pipeline import build as build_mod
from dashboard.pipeline import parts, reading
from dashboard.pipeline.build import build_tables, load_sources, report_files, table_files
from dashboard.pipeline.decisions import Decision, Reviews, fact_keys
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.reading import MemoryCache
from tests.store.folders import merged_bundles


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """The two-year and other-county bundles in one folder (three reports)."""
    return merged_bundles(tmp_path / "seeds", ("two-years", "other-county"))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The report ids ``extract`` is called for, in order."""
    calls: list[str] = []
    real = parts.extract

    def counting(text: str, report_id: str, *args: object, **kwargs: object) -> object:
        calls.append(report_id)
        return real(text, report_id, *args, **kwargs)

    monkeypatch.setattr(parts, "extract", counting)
    return calls


def _files(seeds: Path, reviews: Reviews | None = None,
           cache: MemoryCache | None = None) -> dict[str, bytes]:
    return table_files(build_tables(report_files(seeds), load_sources(seeds), reviews,
                                    cache=cache))


def test_an_unchanged_report_is_not_read_again(seeds: Path, reads: list[str]) -> None:
    cache = MemoryCache()
    cold = _files(seeds, cache=cache)
    assert sorted(reads) == ["luming-2024", "luming-2025", "qingshi-2025"]
    assert len(cache.items) == 3
    reads.clear()
    warm = _files(seeds, cache=cache)
    assert reads == []
    assert warm == cold


def test_only_the_changed_report_is_read_again(seeds: Path, reads: list[str]) -> None:
    cache = MemoryCache()
    _files(seeds, cache=cache)
    reads.clear()
    path = seeds / "qingshi-2025.txt"
    path.write_text(path.read_text("utf-8").replace("。", "。\n", 1), "utf-8")
    warm = _files(seeds, cache=cache)
    assert reads == ["qingshi-2025"]
    reads.clear()
    assert warm == _files(seeds)  # the same as reading every report
    assert sorted(reads) == ["luming-2024", "luming-2025", "qingshi-2025"]


def test_a_changed_sources_entry_reads_its_report_again(seeds: Path, reads: list[str]) -> None:
    cache = MemoryCache()
    _files(seeds, cache=cache)
    reads.clear()
    listing = yaml.safe_load((seeds / "sources.yml").read_text("utf-8"))
    listing["reports"][0]["title"] = "另一个标题"
    (seeds / "sources.yml").write_text(yaml.safe_dump(listing, allow_unicode=True), "utf-8")
    warm = _files(seeds, cache=cache)
    assert reads == [listing["reports"][0]["id"]]
    assert b"\xe5\x8f\xa6\xe4\xb8\x80\xe4\xb8\xaa\xe6\xa0\x87\xe9\xa2\x98" in warm["reports.csv"]


def test_new_reading_code_reads_every_report_again(seeds: Path, reads: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cache = MemoryCache()
    cold = _files(seeds, cache=cache)
    reads.clear()
    monkeypatch.setattr(build_mod, "code_fingerprint", lambda: "another reading code")
    assert _files(seeds, cache=cache) == cold
    assert sorted(reads) == ["luming-2024", "luming-2025", "qingshi-2025"]
    assert len(cache.items) == 6  # one generation per code (the store keeps only the last)


def test_a_decision_reads_again_only_the_report_it_applies_to(seeds: Path,
                                                              reads: list[str]) -> None:
    cache = MemoryCache()
    _files(seeds, cache=cache)
    text = (seeds / "luming-2025.txt").read_text("utf-8")
    lexicon = load_lexicon()
    part = parts.read_part(parts.Job("luming-2025.txt", text, "", {"id": "luming-2025"}),
                           None, lexicon)
    first = part.facts[0]
    (key,) = fact_keys(text, [(int(first["start"]), int(first["end"]))])
    reviews = Reviews({key: Decision(key, "reject")})
    reads.clear()
    warm = _files(seeds, reviews, cache)
    assert reads == ["luming-2025"]
    reads.clear()
    cold = _files(seeds, reviews)
    assert warm == cold
    assert first["fact_id"].encode() not in warm["indicators.csv"]
    # Withdrawing the decision reads that report again, and only that one.
    reads.clear()
    undone = _files(seeds, None, cache)
    assert reads == ["luming-2025"]
    assert undone == _files(seeds)


def test_an_unreadable_stored_part_is_read_again(seeds: Path, reads: list[str]) -> None:
    cache = MemoryCache()
    cold = _files(seeds, cache=cache)
    for key in cache.items:
        cache.items[key] = b"not a part"
    reads.clear()
    assert _files(seeds, cache=cache) == cold
    assert len(reads) == 3


def test_a_part_reads_back_as_stored(seeds: Path) -> None:
    text = (seeds / "qingshi-2025.txt").read_text("utf-8")
    part = parts.read_part(parts.Job("qingshi-2025.txt", text, "abc", {"id": "q"}), None,
                           load_lexicon())
    assert part.facts and part.passages and part.target_groups
    stored = parts.dump_part(part)
    assert stored is not None and parts.load_part(stored) == part


def test_a_pool_of_processes_gives_the_same_parts(seeds: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [parts.Job(p.name, p.read_text("utf-8"), "", {}) for p in report_files(seeds)]
    lexicon = load_lexicon()
    alone = [parts.read_part(job, None, lexicon) for job in jobs]
    monkeypatch.setattr(reading, "POOL_FROM", 2)
    monkeypatch.setattr(reading.threading, "active_count", lambda: 1)
    used = []
    real_pool = reading.ProcessPoolExecutor

    def pool(*args: object, **kwargs: object) -> object:
        used.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(reading, "ProcessPoolExecutor", pool)
    assert reading.read_parts(jobs, None, lexicon, "code", workers=2) == alone
    assert used == [(2,)]
