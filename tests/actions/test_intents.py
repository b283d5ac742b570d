"""``action list --intent``: the tuning table (what the lexicon is fitted to, with the earlier
held-out tables folded in once their misses had been seen) must come out high. The held-out
table, intents_holdout2.tsv, is never used for tuning: it shows how the ranker does on
phrasings it was not shaped by; both print their figures, and the held-out one has only a
floor, so a regression shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from slotwise.actions.catalog import load_catalog
from slotwise.actions.intent import (
    LEGACY_FACTOR,
    UNASKED_PENALTY,
    explain_ranking,
    rank_actions,
    read_query,
)

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
    for name in ("intents.tsv", "intents_holdout2.tsv"):
        rows = intent_table(name)
        for intent, expected in rows:
            assert expected <= ids, (name, intent, expected - ids)
    tuning, held_out = intent_table("intents.tsv"), intent_table("intents_holdout2.tsv")
    assert len(tuning) + len(held_out) >= 200
    assert len(held_out) >= 100
    assert not {intent for intent, _ in tuning} & {intent for intent, _ in held_out}


def test_every_action_is_the_answer_somewhere() -> None:
    """Phrasings for every resource: each action is expected by at least one of them."""
    expected = {
        action_id
        for name in ("intents.tsv", "intents_holdout2.tsv")
        for _, accepted in intent_table(name)
        for action_id in accepted
    }
    legacy = {a.id for a in load_catalog().actions if a.id.endswith(("-legacy", "-v1"))}
    missing = {a.id for a in load_catalog().actions} - expected - legacy
    assert not missing


def report(name: str, capsys: pytest.CaptureFixture[str]) -> tuple[float, float, list[str]]:
    top1, top3, misses = hit_rates(intent_table(name))
    with capsys.disabled():
        print(f"\n{name}: top-1 {top1:.1%}, top-3 {top3:.1%}")  # noqa: T201 (the figures)
    return top1, top3, misses


def test_the_tuning_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The tuning table holds the earlier held-out tables too, whose phrasings the lexicon
    was not fitted to one by one: 88.1% / 95.3% today; the floor catches a regression."""
    top1, top3, misses = report("intents.tsv", capsys)
    assert top1 >= 0.86, misses
    assert top3 >= 0.94, misses


def test_the_held_out_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Never used for tuning: its figures are the honest ones (the goal is top-1 90%,
    top-3 98%). The floor only catches a regression."""
    top1, top3, misses = report("intents_holdout2.tsv", capsys)
    assert top1 >= 0.68, misses
    assert top3 >= 0.80, misses


@pytest.mark.parametrize(
    ("intent", "accepted"),
    [
        ("cancel my meeting tomorrow", {"cancel-booking"}),
        # The misses issue 18 names:
        ("schedule a meeting with bob@example.com", {"create-booking"}),
        ("show everything people booked with me this week", {"list-bookings"}),
        ("show me the settings of the discovery call event", {"get-event-type"}),
        ("who is on the sales team", {"list-teams", "get-team", "list-team-memberships"}),
        ("when am I free next week", {"get-available-slots", "list-schedules",
                                      "get-default-schedule", "get-schedule"}),
    ],
)  # fmt: skip
def test_the_issues_examples_come_first(intent: str, accepted: set[str]) -> None:
    assert top(intent, 1)[0] in accepted


def test_ranking_is_deterministic_and_total() -> None:
    first = rank_actions("reschedual the meting", tuple(load_catalog().actions))
    again = rank_actions("reschedual the meting", tuple(load_catalog().actions))
    assert [a.id for a, _ in first] == [a.id for a, _ in again]
    assert len(first) == len(load_catalog().actions)  # every action, ranked
    assert first[0][0].id == "reschedule-booking"  # typos forgiven


def test_a_query_is_fast_once_loaded() -> None:
    """Loaded once, a query ranks every action in well under the 50 ms budget on a quiet
    machine (bench/intents.py measures it); here only that it is not the whole-catalog
    typo scan per word it would be without the cache, counted, not timed."""
    actions = load_catalog().actions
    rank_actions("reschedual the meting", actions)
    from slotwise.actions.intent import _corrected

    before = _corrected.cache_info().misses
    rank_actions("reschedual the meting", actions)
    assert _corrected.cache_info().misses == before


def test_explain_takes_each_score_apart() -> None:
    query, ranking = explain_ranking("delte the webhok", tuple(load_catalog().actions))
    assert dict(query.corrections) == {"delte": "delete", "webhok": "webhook"}
    assert query.verbs["delete"] == 1
    first = ranking[0]
    assert first.action.id == "delete-webhook"
    parts = sum(value for _, value in first.matches) + first.verb_bonus + first.popular_bonus
    parts -= UNASKED_PENALTY * len(first.unasked)
    assert first.score == pytest.approx(parts * (LEGACY_FACTOR if first.legacy else 1))
    # The event type's webhook is more specific than asked, and says so.
    runner_up = next(r for r in ranking if r.action.id == "delete-event-type-webhook")
    assert runner_up.unasked == ["eventtype"]


def test_inflections_are_read_as_their_base_words() -> None:
    """An inflected word the catalog does not use is read as the lexicon's base word."""
    query = read_query("removed the webinar", tuple(load_catalog().actions))
    assert ("removed", "remove") in query.corrections
    assert query.verbs["delete"] == 1  # remove is a delete


def test_addresses_are_one_thing_not_their_words() -> None:
    query = read_query(
        "send events to https://hooks.example.com/in for bob@example.com",
        tuple(load_catalog().actions),
    )
    terms = {term for term, _ in query.terms}
    assert "url" in terms
    assert "attendee" in terms
    assert not terms & {"example", "com", "bob", "https"}


@pytest.mark.parametrize(
    ("intent", "question"),
    [
        ("which meetings were cancelled this week", True),
        ("is stripe connected", True),
        ("how do I cancel a booking", False),
        ("can you move my 3pm", False),
        ("cancel it?", False),
        ("anything on the books for friday?", True),
    ],
)
def test_questions_read_and_requests_act(intent: str, question: bool) -> None:
    query = read_query(intent, tuple(load_catalog().actions))
    assert query.question is question
    if question:
        assert "cancel" not in query.verbs
        assert "reschedule" not in query.verbs
