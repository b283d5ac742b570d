"""``slotwise request``: a raw request through the connection (base URL and key added) with
each flag, against a live slotwise on a loopback port."""

from __future__ import annotations

import json
from typing import Any

from tests.cli.helpers import free_port
from tests.cli.live import (  # noqa: F401 (fixtures: clock, live server, cli)
    NINE,
    TEN,
    Cli,
    book,
    cli_fixture,
    failure,
    frozen_clock,
    live_server_fixture,
    set_up_hours_and_event_type,
)
from tests.conftest import Account

SCHEDULES = "2024-06-11"


def answer(cli: Cli, *args: str, **env: str | None) -> Any:
    result = cli("request", *args, **env)
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    return json.loads(result.stdout)


def test_get_with_the_connections_base_url_and_key(cli: Cli, alice: Account) -> None:
    assert answer(cli, "/v2/me")["data"]["email"] == alice.email
    assert answer(cli, "v2/me")["data"]["id"] == alice.id  # the leading slash is optional


def test_connection_then_path_as_membrane_takes_it(cli: Cli, alice: Account) -> None:
    cli("connection", "add", "local", "--base-url", cli.base_url, "--api-key", alice.api_key)
    env = {"SLOTWISE_API_URL": "http://127.0.0.1:9"}
    assert answer(cli, "local", "/v2/me", **env)["data"]["id"] == alice.id
    assert answer(cli, "/v2/me", "--connectionId", "local", **env)["data"]["id"] == alice.id


def test_headers_pick_the_api_version(cli: Cli) -> None:
    set_up_hours_and_event_type(cli)
    newest = answer(cli, "/v2/event-types", "-H", "cal-api-version: 2024-06-14")["data"]
    assert [e["slug"] for e in newest] == ["intro"]
    legacy = answer(cli, "/v2/event-types", "--header", "cal-api-version: 2024-04-15")["data"]
    assert "eventTypeGroups" in legacy


def test_query_parameters(cli: Cli) -> None:
    event_type_id = set_up_hours_and_event_type(cli)
    book(cli, event_type_id, NINE)
    book(cli, event_type_id, TEN, name="Bea")
    version = ["-H", "cal-api-version: 2024-08-13"]
    assert len(answer(cli, "/v2/bookings", *version)["data"]) == 2
    page = answer(cli, "/v2/bookings", *version, "--query", "take=1", "-q", "sortStart=desc")
    assert [b["start"][:16] for b in page["data"]] == [TEN[:16]]


def test_path_params_and_a_json_body(cli: Cli) -> None:
    event_type_id = set_up_hours_and_event_type(cli)
    version = ["-H", "cal-api-version: 2024-06-14"]
    path = "/v2/event-types/{eventTypeId}"
    got = answer(cli, path, *version, "--path-param", f"eventTypeId={event_type_id}")
    assert got["data"]["id"] == event_type_id
    patched = answer(cli, "/v2/event-types/:id", *version, "--pathParam", f"id={event_type_id}",
                     "-X", "PATCH", "--json", '{"title": "Renamed"}')  # fmt: skip
    assert patched["data"]["title"] == "Renamed"


def test_data_and_raw_data_post_by_default(cli: Cli) -> None:
    version = ["-H", f"cal-api-version: {SCHEDULES}"]
    body = {"name": "From -d", "timeZone": "Europe/London", "isDefault": True}
    made = answer(cli, "/v2/schedules", *version, "-d", json.dumps(body))["data"]
    assert made["name"] == "From -d"
    raw = json.dumps({**body, "name": "Raw", "isDefault": False})
    for flag in ("--raw-data", "--rawData"):
        assert answer(cli, "/v2/schedules", *version, flag, raw)["data"]["name"] == "Raw"
    names = sorted(s["name"] for s in answer(cli, "/v2/schedules", *version)["data"])
    assert names == ["From -d", "Raw", "Raw"]


def test_v1_paths_get_the_key_in_the_query(cli: Cli, alice: Account) -> None:
    assert answer(cli, "/v1/me")["user"]["id"] == alice.id


def test_the_server_saying_no_is_exit_1(cli: Cli) -> None:
    line = failure(cli("request", "/v2/bookings/nope", "-H", "cal-api-version: 2024-08-13"), 1)
    assert "404" in line
    bad_key = failure(cli("request", "/v2/me", SLOTWISE_API_KEY="cal_" + "1" * 32), 1)
    assert "401" in bad_key


def test_bad_usage_is_exit_2(cli: Cli) -> None:
    assert "--json" in failure(cli("request", "/v2/me", "--json", "{nope"), 2)
    assert "one body" in failure(cli("request", "/v2/me", "-d", "{}", "--json", "{}"), 2)
    assert "Name: value" in failure(cli("request", "/v2/me", "-H", "no-colon"), 2)
    assert "KEY=VALUE" in failure(cli("request", "/v2/me", "--query", "novalue"), 2)
    assert "not a URL" in failure(cli("request", "http://example.com/v2/me"), 2)
    assert "{x}" in failure(cli("request", "/v2/me", "--path-param", "x=1"), 2)
    assert "--path-param id" in failure(cli("request", "/v2/schedules/{id}"), 2)
    assert "-X" in failure(cli("request", "/v2/me", "-X", "FETCH"), 2)


def test_an_unreachable_server_is_exit_3(cli: Cli) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    assert "cannot reach" in failure(cli("request", "/v2/me", SLOTWISE_API_URL=closed), 3)


def test_json_is_a_bare_flag_with_the_body_in_data(cli: Cli) -> None:
    version = ["-H", f"cal-api-version: {SCHEDULES}"]
    body = json.dumps({"name": "Flag", "timeZone": "Europe/London", "isDefault": True})
    for data_flag in ("-d", "--data", "--rawData"):
        result = cli("request", "/v2/schedules", *version, "-X", "POST", "--json", data_flag, body)
        assert result.exit_code == 0, result.stderr
        assert len(result.stdout.strip().splitlines()) == 1  # --json: one line of JSON
        assert json.loads(result.stdout)["data"]["name"] == "Flag"
    # Without --json the answer is indented for people.
    assert len(cli("request", "/v2/schedules", *version).stdout.splitlines()) > 1


def test_json_followed_by_a_document_still_sends_it(cli: Cli, alice: Account) -> None:
    version = ["-H", f"cal-api-version: {SCHEDULES}"]
    body = '{"name": "Doc", "timeZone": "UTC", "isDefault": true}'
    made = answer(cli, "/v2/schedules", *version, "--json", body)  # POST: it has a body
    assert made["data"]["name"] == "Doc"
    cli("connection", "add", "local", "--base-url", cli.base_url, "--api-key", alice.api_key)
    env = {"SLOTWISE_API_URL": "http://127.0.0.1:9"}
    again = answer(cli, "local", "/v2/schedules", *version, "--json", body, **env)
    assert again["data"]["name"] == "Doc"
    assert "one JSON document" in failure(cli("request", "/v2/me", "--json", "{}", "[]"), 2)


def test_a_path_without_a_version_is_v2(cli: Cli, alice: Account) -> None:
    assert answer(cli, "/me")["data"]["id"] == alice.id
    assert answer(cli, "me")["data"]["id"] == alice.id
    cli("connection", "add", "local", "--base-url", cli.base_url, "--api-key", alice.api_key)
    env = {"SLOTWISE_API_URL": "http://127.0.0.1:9"}
    listed = answer(cli, "local", "/bookings", "-H", "cal-api-version: 2024-08-13", **env)
    assert listed["data"] == []
    assert answer(cli, "/v1/me")["user"]["id"] == alice.id  # a version given is kept
    assert answer(cli, "/health")["status"] == "ok"
