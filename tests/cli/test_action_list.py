"""``slotwise action list`` (offline: no server, no connection), help with an example on every
new command, and usage errors through the real entry point as one line with exit 2."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from slotwise.actions.catalog import load_catalog
from slotwise.cli.main import app as cli_app
from slotwise.cli.main import run

NO_SERVER = {"SLOTWISE_API_URL": "http://127.0.0.1:9", "COLUMNS": "200"}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli_app, list(args), env=NO_SERVER)
    return result.exit_code, result.stdout, result.stderr


def test_list_json_has_every_action_with_its_schema() -> None:
    code, out, _ = invoke("action", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [a["id"] for a in listed] == [a.id for a in load_catalog().actions]
    for action in listed:
        assert set(action) >= {"id", "name", "description", "inputSchema"}
        assert action["inputSchema"]["type"] == "object"
    served = {a["id"] for a in listed if a["servedBySlotwise"]}
    assert "list-bookings" in served
    assert "list-teams" in served
    assert "list-routing-forms" in served
    assert "list-payments" in served
    assert "create-workflow" not in served  # organization workflows: Cal.com's only, for now


def test_intent_ranks_offline_in_both_spellings() -> None:
    for args in (["--intent", "cancel my meeting tomorrow"], ["--intent=cancel my meeting"]):
        code, out, _ = invoke("action", "list", *args, "--json", "--limit", "3")
        assert code == 0
        ranked = json.loads(out)
        assert len(ranked) == 3
        assert ranked[0]["id"] == "cancel-booking"
        assert ranked[0]["score"] >= ranked[1]["score"]


def test_the_table_names_each_action() -> None:
    code, out, _ = invoke("action", "list", "--intent", "who is on the sales team")
    assert code == 0
    assert "team" in out.splitlines()[3]  # the first row is a team action


def test_an_empty_intent_is_exit_2() -> None:
    code, out, err = invoke("action", "list", "--intent", "  ")
    assert (code, out) == (2, "")
    assert err.startswith("error: --intent is empty")


@pytest.mark.parametrize(
    "command",
    [
        ["action", "list"],
        ["action", "run"],
        ["request"],
        ["connection", "add"],
        ["connection", "list"],
        ["connection", "use"],
        ["connection", "remove"],
        ["mcp"],
    ],
)
def test_help_shows_an_example(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0
    assert "Example: slotwise " + " ".join(command[:1]) in out


@pytest.mark.parametrize(
    ("argv", "mentions"),
    [
        (["action", "run"], "ACTION_ID"),
        (["action", "list", "--limit", "x"], "--limit"),
        (["request", "/v2/me", "--bogus"], "--bogus"),
        (["connection", "add", "x"], "--base-url"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str],
    mentions: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "argv", ["slotwise", *argv])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: ")
    assert mentions in lines[0]


def test_an_intent_that_matches_nothing_names_no_action() -> None:
    """No tie-break may put a destructive action (cancel-booking) first for gibberish."""
    code, out, err = invoke("action", "list", "--intent", "zzqx", "--json")
    assert (code, out) == (2, "")
    assert "no action matches" in err


def test_explain_says_how_the_sentence_was_read_and_why_each_ranked() -> None:
    code, out, _ = invoke("action", "list", "--intent", "cancle my apointment", "--explain")
    assert code == 0
    assert "typos and inflections: cancle -> cancel, apointment -> appointment" in out
    assert "asks to: cancel (1)" in out
    assert "cancel-booking" in out.splitlines()[6]  # the first row of the table
    assert "verb +" in out

    code, out, _ = invoke("action", "list", "--intent", "show my webhooks", "--explain",
                          "--json", "--limit", "2")  # fmt: skip
    assert code == 0
    explained = json.loads(out)
    assert explained["query"]["verbs"] == {"list": 1.0, "get": 0.4}  # many things: a list
    [first, second] = explained["ranking"]
    assert first["id"] == "list-webhooks"
    assert first["score"] >= second["score"]
    assert set(first["matches"]) == {"webhook"}


def test_explain_needs_an_intent() -> None:
    code, out, err = invoke("action", "list", "--explain")
    assert (code, out) == (2, "")
    assert "--intent" in err


def test_explain_says_a_question_reads_and_a_time_suggests_meetings() -> None:
    code, out, _ = invoke(
        "action", "list", "--intent", "what have I got on friday", "--explain", "--json"
    )
    assert code == 0
    query = json.loads(out)["query"]
    assert query["question"] is True
    assert {"term": "book", "weight": 0.5} in query["terms"]  # the time, no thing named (stemmed)
    assert set(query["verbs"]) <= {"list", "get"}
    code, out, _ = invoke(
        "action", "list", "--intent", "which calendars did I connect", "--explain"
    )
    assert code == 0
    assert "(a question: it reads)" in out
    first_row = next(line for line in out.splitlines() if line.startswith("│ 1 "))
    assert "list-calendars" in first_row
