"""``slotwise action run`` end to end against a live slotwise on a loopback port: each popular
action slotwise serves, the table and JSON outputs, --all pagination, and every failure
(bad JSON, a schema violation, a wrong key, an unreachable server) as one line and an exit
code."""

from __future__ import annotations

import json
from pathlib import Path

from slotwise.actions.catalog import load_catalog
from tests.cli.helpers import free_port
from tests.cli.live import (  # noqa: F401 (fixtures: clock, live server, cli)
    NINE,
    TEN,
    TUESDAY,
    Cli,
    book,
    cli_fixture,
    failure,
    frozen_clock,
    live_server_fixture,
    set_up_hours_and_event_type,
)
from tests.conftest import Account


def test_the_popular_actions_end_to_end(cli: Cli, alice: Account) -> None:
    me = cli.run("get-current-user")["data"]
    assert (me["id"], me["email"]) == (alice.id, alice.email)

    event_type_id = set_up_hours_and_event_type(cli)
    [schedule] = cli.run("list-schedules")["data"]
    assert cli.run("get-schedule", {"scheduleId": schedule["id"]})["data"]["name"] == "Weekdays"
    renamed = cli.run("update-schedule", {"scheduleId": schedule["id"], "name": "Office"})
    assert renamed["data"]["name"] == "Office"

    assert [e["id"] for e in cli.run("list-event-types")["data"]] == [event_type_id]
    assert cli.run("get-event-type", {"eventTypeId": event_type_id})["data"]["slug"] == "intro"
    updated = cli.run("update-event-type", {"eventTypeId": event_type_id, "title": "Hello"})
    assert updated["data"]["title"] == "Hello"

    slots = cli.run(
        "get-available-slots",
        {"eventTypeId": event_type_id, "start": TUESDAY, "end": TUESDAY, "timeZone": "UTC"},
    )["data"]
    assert slots[TUESDAY][0]["start"].startswith(f"{TUESDAY}T09:00:00")

    booking = book(cli, event_type_id, NINE)
    assert booking["status"] == "accepted"  # the 2024-08-13 shape: the version header went
    listed = cli.run("list-bookings", {"status": "upcoming"})["data"]
    assert [b["uid"] for b in listed] == [booking["uid"]]
    fetched = cli.run("get-booking", {"bookingUid": booking["uid"]})["data"]
    assert fetched["start"].startswith(f"{TUESDAY}T09:00")

    moved = cli.run("reschedule-booking", {"bookingUid": booking["uid"], "start": TEN})["data"]
    assert moved["start"].startswith(f"{TUESDAY}T10:00")
    cancelled = cli.run(
        "cancel-booking", {"bookingUid": moved["uid"], "cancellationReason": "ill"}
    )["data"]
    assert (cancelled["status"], cancelled["cancellationReason"]) == ("cancelled", "ill")

    # v1 resources: the key goes in ?apiKey= as Cal.com's v1 API wants it.
    attendees = cli.run("list-attendees")["attendees"]
    assert {a["email"] for a in attendees} == {"ann@example.com"}
    attendee = cli.run("get-attendee", {"attendeeId": attendees[0]["id"]})["attendee"]
    assert attendee["name"] == "Ann"
    assert alice.id in [u["id"] for u in cli.run("list-users")["users"]]
    assert cli.run("get-user", {"userId": alice.id})["user"]["email"] == alice.email
    # The old spellings and the connector's name for a reschedule still work.
    assert cli.run("get-user", {"user_id": alice.id})["user"]["id"] == alice.id
    old = cli.run("get-attendee", {"attendee_id": attendees[0]["id"]})["attendee"]
    assert old["id"] == attendees[0]["id"]


def test_a_table_by_default_with_the_actions_columns(cli: Cli) -> None:
    event_type_id = set_up_hours_and_event_type(cli)
    booking = book(cli, event_type_id, NINE)
    result = cli("action", "run", "list-bookings")
    assert result.exit_code == 0, result.stderr
    assert "uid" in result.stdout  # the curated columns
    assert "status" in result.stdout
    assert booking["uid"] in result.stdout
    assert "1 item" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_all_follows_take_skip_pagination(cli: Cli) -> None:
    event_type_id = set_up_hours_and_event_type(cli)
    starts = [f"{TUESDAY}T{hour:02d}:00:00.000Z" for hour in range(9, 14)]
    uids = {
        book(cli, event_type_id, start, name=f"Ann{n}")["uid"] for n, start in enumerate(starts)
    }

    one_page = cli.run("list-bookings", {"take": 2})
    assert len(one_page["data"]) == 2
    assert one_page["pagination"]["hasNextPage"] is True
    everything = cli.json("action", "run", "list-bookings", "--input", '{"take": 2}', "--all")
    assert {b["uid"] for b in everything["data"]} == uids
    assert len(everything["data"]) == 5  # no page twice


def test_input_from_a_file(cli: Cli, tmp_path: Path) -> None:
    event_type_id = set_up_hours_and_event_type(cli)
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"eventTypeId": event_type_id}))
    data = cli.json("action", "run", "get-event-type", "--input", f"@{path}")["data"]
    assert data["id"] == event_type_id


def test_bad_json_is_exit_2(cli: Cli) -> None:
    line = failure(cli("action", "run", "get-booking", "--input", "{bookingUid: x"), 2)
    assert "not valid JSON" in line


def test_a_schema_violation_names_the_field_and_sends_nothing(cli: Cli) -> None:
    line = failure(cli("action", "run", "get-event-type", "--input", '{"eventTypeId": "x"}'), 2)
    assert "'eventTypeId'" in line
    missing = failure(cli("action", "run", "cancel-booking", "--input", "{}"), 2)
    assert "'bookingUid'" in missing
    assert "required" in missing
    nested = failure(
        cli(
            "action",
            "run",
            "create-booking",
            "--input",
            json.dumps({"start": NINE, "eventTypeId": 1, "attendee": {"name": "Ann"}}),
        ),
        2,
    )
    assert "attendee" in nested
    typo = failure(cli("action", "run", "list-bookings", "--input", '{"stauts": "past"}'), 2)
    assert "'stauts'" in typo
    # Nothing was sent: the server has no booking and no event type to show.
    assert cli.run("list-event-types")["data"] == []


def test_an_unknown_action_suggests_a_near_one(cli: Cli) -> None:
    line = failure(cli("action", "run", "list-bookngs"), 2)
    assert "list-bookings" in line


def test_a_wrong_key_is_exit_1_with_the_servers_message(cli: Cli) -> None:
    line = failure(cli("action", "run", "list-bookings", SLOTWISE_API_KEY="cal_" + "0" * 32), 1)
    assert "401" in line
    assert "cal_" + "0" * 32 not in line
    v1 = failure(cli("action", "run", "list-attendees", SLOTWISE_API_KEY="cal_" + "0" * 32), 1)
    assert "401" in v1
    assert "apiKey" not in v1


def test_a_missing_resource_is_exit_1(cli: Cli) -> None:
    line = failure(cli("action", "run", "get-booking", "--input", '{"bookingUid": "nope"}'), 1)
    assert "404" in line
    assert "nope" in line


def test_an_unreachable_server_is_exit_3(cli: Cli) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    line = failure(cli("action", "run", "get-current-user", SLOTWISE_API_URL=closed), 3)
    assert "cannot reach" in line
    assert closed in line


def test_no_connection_at_all_is_exit_2(cli: Cli) -> None:
    result = cli("action", "run", "get-current-user", SLOTWISE_API_URL=None, SLOTWISE_API_KEY=None)
    assert "slotwise connection add" in failure(result, 2)


def test_an_action_slotwise_does_not_serve_says_so(cli: Cli) -> None:
    # Any Cal.com-only action that needs no input; it runs against Cal.com's cloud, not here.
    action = next(
        a
        for a in load_catalog().actions
        if a.operation_id is None and not a.input_schema.get("required")
    )
    line = failure(cli("action", "run", action.id), 1)
    assert "404" in line
    assert f"{action.id} is Cal.com's; slotwise does not serve it yet" in line


def test_free_slots_print_as_times_per_date(cli: Cli) -> None:
    event_type_id = set_up_hours_and_event_type(cli)
    payload = {"eventTypeId": event_type_id, "start": TUESDAY, "end": TUESDAY, "timeZone": "UTC"}
    result = cli("action", "run", "get-available-slots", "--input", json.dumps(payload))
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if TUESDAY in line)
    assert "09:00, 09:30, 10:00" in row


def test_the_teams_actions_end_to_end(cli: Cli, alice: Account) -> None:
    """Actions of routes merged after the first catalog: teams (v2 and v1), memberships with
    v1's ``{userId}_{teamId}`` path, and one's own out-of-office entries."""
    team = cli.run("create-team", {"name": "Support", "slug": "support"})["data"]
    assert [t["id"] for t in cli.run("list-teams")["data"]] == [team["id"]]
    renamed = cli.run("update-team", {"teamId": team["id"], "name": "Helpdesk"})["data"]
    assert renamed["name"] == "Helpdesk"
    [owner] = cli.run("list-team-memberships", {"teamId": team["id"]})["data"]
    assert (owner["userId"], owner["role"]) == (alice.id, "OWNER")

    assert [t["id"] for t in cli.run("list-teams-legacy")["teams"]] == [team["id"]]
    membership = cli.run("get-membership-legacy", {"userId": alice.id, "teamId": team["id"]})
    assert membership["membership"]["role"] == "OWNER"

    cli.run("delete-team", {"teamId": team["id"]})
    assert cli.run("list-teams")["data"] == []


def test_my_out_of_office_actions_end_to_end(cli: Cli) -> None:
    entry = cli.run(
        "create-my-out-of-office-entry",
        {"start": "2030-01-07T00:00:00.000Z", "end": "2030-01-09T23:59:59.999Z"},
    )["data"]
    assert [e["id"] for e in cli.run("list-my-out-of-office-entries")["data"]] == [entry["id"]]
    cli.run("delete-my-out-of-office-entry", {"oooId": entry["id"]})
    assert cli.run("list-my-out-of-office-entries")["data"] == []
