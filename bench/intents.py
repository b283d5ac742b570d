"""Benchmark: intent search (``slotwise action list --intent``) on both phrasing tables.

    .venv/bin/python bench/intents.py

Top-1 and top-3 hit rates on the tuning table (``tests/actions/intents.tsv``, what the
lexicon is fitted to) and on the held-out table (``intents_holdout2.tsv``, never used for
tuning), then the cost: loading the catalog and building the index once, and the time per
query after that (median, p95, worst), over every phrasing of both tables.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tests" / "actions"
sys.path.insert(0, str(ROOT / "src"))

from slotwise.actions.catalog import load_catalog  # noqa: E402 (after the path is set)
from slotwise.actions.intent import rank_actions  # noqa: E402


def table(name: str) -> list[tuple[str, set[str]]]:
    rows = []
    for line in (TABLES / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            intent, expected = line.split("\t")
            rows.append((intent, set(expected.split("|"))))
    return rows


def main() -> None:
    started = time.perf_counter()
    actions = load_catalog().actions
    rank_actions("warm up the index", actions)
    load_ms = (time.perf_counter() - started) * 1000
    print(f"catalog: {len(actions)} actions; load + index: {load_ms:.0f} ms (once)")
    print(f"{'table':<22} {'phrasings':>9} {'top-1':>7} {'top-3':>7}")
    timings: list[float] = []
    for name in ("intents.tsv", "intents_holdout2.tsv"):
        rows = table(name)
        top1 = top3 = 0
        for intent, expected in rows:
            begun = time.perf_counter()
            ranked = [action.id for action, _ in rank_actions(intent, actions)[:3]]
            timings.append((time.perf_counter() - begun) * 1000)
            top1 += ranked[0] in expected
            top3 += bool(expected & set(ranked))
        print(f"{name:<22} {len(rows):>9} {top1 / len(rows):>7.1%} {top3 / len(rows):>7.1%}")
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"per query: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
        f"worst {timings[-1]:.1f} ms ({len(timings)} queries)"
    )


if __name__ == "__main__":
    main()
