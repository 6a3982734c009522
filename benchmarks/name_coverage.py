"""How many indicator names read from the real corpus have English: the lexicon's name, a
complete glossary suggestion (dashboard/names/glossary.py), or neither.

    .venv/bin/python benchmarks/name_coverage.py [--corpus DIR] [--missing N] [--no-glossary]

Every report of ../shared/realreports is read (extraction only, nothing written); a name is
counted once (distinct names) and once per figure. ``--missing N`` lists the N characters
and names the glossary lacks most often, which is how the glossary is grown: by the
genre's common terms, never by one report's phrase. ``--no-glossary`` gives the "before".
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.names.display import has_english  # noqa: E402
from dashboard.names.glossary import suggest  # noqa: E402
from dashboard.pipeline.extract import extract  # noqa: E402
from dashboard.pipeline.lexicon import UNCLASSIFIED  # noqa: E402
from dashboard.pipeline.text import read_report  # noqa: E402

CORPUS = ROOT.parent / "shared" / "realreports"


def classify(corpus: Path, glossary: bool) -> tuple[collections.Counter, collections.Counter,
                                                     collections.Counter, int]:
    """(distinct names by class, figures by class, missing characters, documents)."""
    by_name: dict[str, str] = {}
    figures: collections.Counter = collections.Counter()
    missing: collections.Counter = collections.Counter()
    docs = 0
    for path in sorted(corpus.glob("*.txt")):
        docs += 1
        for fact in extract(read_report(path), path.stem).facts:
            if fact["indicator_id"] == UNCLASSIFIED:
                continue  # no name at all: "Unclassified" in English
            zh, en = str(fact["indicator_zh"]), str(fact["indicator_en"])
            if has_english(en):
                kind = "lexicon"
            elif glossary and suggest(zh).complete:
                kind = "glossary"
            else:
                kind = "neither"
                if zh not in by_name and glossary:
                    missing.update(suggest(zh).missing)
            by_name.setdefault(zh, kind)
            figures[kind] += 1
    return collections.Counter(by_name.values()), figures, missing, docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--missing", type=int, default=0)
    parser.add_argument("--no-glossary", action="store_true")
    args = parser.parse_args()
    names, figures, missing, docs = classify(args.corpus, not args.no_glossary)
    print(f"{docs} documents, {sum(names.values())} distinct indicator names, "
          f"{sum(figures.values())} named figures")
    for kind in ("lexicon", "glossary", "neither"):
        print(f"  {kind:9} names {names[kind]:5} ({names[kind] / sum(names.values()):6.1%})"
              f"   figures {figures[kind]:5} ({figures[kind] / sum(figures.values()):6.1%})")
    if args.missing:
        print("most often missing:", " ".join(f"{t}:{n}" for t, n in
                                              missing.most_common(args.missing)))


if __name__ == "__main__":
    main()
