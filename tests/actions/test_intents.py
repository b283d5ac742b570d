"""``action list --intent``: the table of intents written before the ranker must come out
top-1 >= 90% and top-3 >= 98%. The held-out table, never used for tuning, shows how the
ranker does on phrasings it was not shaped by; it has only a floor, so a regression shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from slotwise.actions.catalog import load_catalog
from slotwise.actions.intent import rank_actions

HERE = Path(__file__).parent


def intent_table(name: str) -> list[tuple[str, set[str]]]:
    rows = []
    for line in (HERE / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            intent, expected = line.split("\t")
            rows.append((intent, set(expected.split("|"))))
    return rows


def top(intent: str, n: int) -> list[str]:
    return [action.id for action, _ in rank_actions(intent, load_catalog().actions)[:n]]


def hit_rates(rows: list[tuple[str, set[str]]]) -> tuple[float, float, list[str]]:
    top1 = top3 = 0
    misses = []
    for intent, expected in rows:
        best = top(intent, 3)
        top1 += best[0] in expected
        top3 += bool(expected & set(best))
        if best[0] not in expected:
            misses.append(f"{intent!r} -> {best} (want {sorted(expected)})")
    return top1 / len(rows), top3 / len(rows), misses


def test_the_tables_name_only_real_actions() -> None:
    ids = {action.id for action in load_catalog().actions}
    for name in ("intents.tsv", "intents_holdout.tsv"):
        rows = intent_table(name)
        for intent, expected in rows:
            assert expected <= ids, (name, intent, expected - ids)
    assert len(intent_table("intents.tsv")) >= 60


def test_the_intent_table_top1_90_top3_98(capsys: pytest.CaptureFixture[str]) -> None:
    top1, top3, misses = hit_rates(intent_table("intents.tsv"))
    with capsys.disabled():
        print(f"\nintents.tsv: top-1 {top1:.1%}, top-3 {top3:.1%}")  # noqa: T201 (the figures)
    assert top1 >= 0.90, misses
    assert top3 >= 0.98, misses


def test_the_held_out_table(capsys: pytest.CaptureFixture[str]) -> None:
    top1, top3, misses = hit_rates(intent_table("intents_holdout.tsv"))
    with capsys.disabled():
        print(f"\nintents_holdout.tsv: top-1 {top1:.1%}, top-3 {top3:.1%}")  # noqa: T201
    assert top1 >= 0.40, misses
    assert top3 >= 0.60, misses


@pytest.mark.parametrize(
    ("intent", "accepted"),
    [
        ("cancel my meeting tomorrow", {"cancel-booking"}),
        ("who is on the sales team", {"list-teams", "get-team", "list-team-memberships"}),
        ("when am I free next week", {"get-available-slots", "list-schedules",
                                      "get-default-schedule", "get-schedule"}),
    ],
)  # fmt: skip
def test_the_issues_examples_come_first(intent: str, accepted: set[str]) -> None:
    assert top(intent, 1)[0] in accepted


def test_ranking_is_deterministic_and_total() -> None:
    first = rank_actions("reschedual the meting", load_catalog().actions)
    again = rank_actions("reschedual the meting", load_catalog().actions)
    assert [a.id for a, _ in first] == [a.id for a, _ in again]
    assert len(first) == len(load_catalog().actions)  # every action, ranked
    assert first[0][0].id == "reschedule-booking"  # typos forgiven
