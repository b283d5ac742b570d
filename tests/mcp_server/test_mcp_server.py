"""``slotwise mcp`` as an agent's MCP client starts it: a subprocess over stdio, driven by the
official SDK's client, against a live slotwise on a loopback port. Every catalog action is a
tool; a booking is made and cancelled through tools; failures come back as tool errors and
the server keeps answering."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.types import CallToolResult, TextContent

from slotwise.actions.catalog import load_catalog
from tests.cli.helpers import HANG_GUARD_SECONDS, free_port
from tests.cli.live import (  # noqa: F401 (fixtures: clock, live server)
    NINE,
    TEN,
    TUESDAY,
    frozen_clock,
    live_server_fixture,
)
from tests.conftest import Account

pytestmark = pytest.mark.slow

Scenario = Callable[[Client], Awaitable[None]]


def mcp_server(base_url: str, api_key: str, config_home: Path, *args: str) -> StdioServerParameters:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLOTWISE_")}
    env.update(
        SLOTWISE_API_URL=base_url, SLOTWISE_API_KEY=api_key, XDG_CONFIG_HOME=str(config_home)
    )
    return StdioServerParameters(
        command=sys.executable, args=["-m", "slotwise", "mcp", *args], env=env
    )


def run_in_own_thread(main: Callable[[], Awaitable[None]]) -> None:
    """``anyio.run`` in a thread of its own: a worker that also ran the browser tests has an
    event loop running in its main thread (Playwright's sync API), where anyio refuses to
    start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(anyio.run, main).result()


def drive(server: StdioServerParameters, scenario: Scenario, *, mode: str = "auto") -> None:
    async def run() -> None:
        async with Client(server, mode=mode, read_timeout_seconds=60) as client:
            await scenario(client)

    run_in_own_thread(run)


def text_of(result: CallToolResult) -> str:
    [block] = result.content
    assert isinstance(block, TextContent)
    return block.text


async def ok(client: Client, tool: str, arguments: dict[str, Any]) -> Any:
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, text_of(result)
    assert isinstance(result.structured_content, dict)
    return result.structured_content


def test_every_action_is_a_tool_with_its_schema_and_hints(
    tmp_path: Path, live_server: str, alice: Account
) -> None:
    catalog = load_catalog()

    async def scenario(client: Client) -> None:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert set(tools) == {action.id for action in catalog.actions}
        for action in catalog.actions:
            tool = tools[action.id]
            assert tool.input_schema == action.input_schema, action.id
            assert (tool.description or "").startswith(action.description), action.id
            assert tool.annotations is not None
            assert tool.annotations.read_only_hint is (action.method == "GET"), action.id
        destructive = {
            name: getattr(tools[name].annotations, "destructive_hint", None)
            for name in ("cancel-booking", "delete-event-type", "create-booking", "list-bookings")
        }
        assert destructive == {
            "cancel-booking": True,
            "delete-event-type": True,
            "create-booking": False,
            "list-bookings": None,  # read-only: the hint does not apply
        }
        assert "not serve it yet" in (tools["create-workflow"].description or "")  # org workflows
        assert "not serve it yet" not in (tools["list-teams"].description or "")

    drive(mcp_server(live_server, alice.api_key, tmp_path), scenario)


def test_create_an_event_type_book_it_and_cancel_it(
    tmp_path: Path, live_server: str, alice: Account
) -> None:
    async def scenario(client: Client) -> None:
        me = await ok(client, "get-current-user", {})
        assert me["data"]["email"] == alice.email
        await ok(client, "create-schedule",
                 {"name": "Weekdays", "timeZone": "Europe/London", "isDefault": True})  # fmt: skip
        made = await ok(client, "create-event-type",
                        {"title": "Intro", "slug": "intro", "lengthInMinutes": 30,
                         "minimumBookingNotice": 0})  # fmt: skip
        event_type_id = made["data"]["id"]
        slots = await ok(client, "get-available-slots", {"eventTypeId": event_type_id,
                         "start": TUESDAY, "end": TUESDAY, "timeZone": "UTC"})  # fmt: skip
        assert slots["data"][TUESDAY][0]["start"].startswith(NINE[:19])
        attendee = {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"}
        booked = await ok(
            client,
            "create-booking",
            {"eventTypeId": event_type_id, "start": NINE, "attendee": attendee},
        )
        uid = booked["data"]["uid"]
        assert booked["data"]["status"] == "accepted"
        moved = await ok(client, "reschedule-booking", {"bookingUid": uid, "start": TEN})
        new_uid = moved["data"]["uid"]
        cancelled = await ok(client, "cancel-booking",
                             {"bookingUid": new_uid, "cancellationReason": "ill"})  # fmt: skip
        assert cancelled["data"]["status"] == "cancelled"
        listed = await ok(client, "list-bookings", {"status": "cancelled"})
        assert {b["uid"] for b in listed["data"]} == {uid, new_uid}
        # The v1 attendee tool answers a v1 body, still as an object.
        attendees = await ok(client, "list-attendees", {})
        assert {a["email"] for a in attendees["attendees"]} == {"ann@example.com"}

    drive(mcp_server(live_server, alice.api_key, tmp_path), scenario)


def test_errors_are_tool_errors_and_the_server_goes_on(
    tmp_path: Path, live_server: str, alice: Account
) -> None:
    async def scenario(client: Client) -> None:
        missing = await client.call_tool("get-booking", {"bookingUid": "nope"})
        assert missing.is_error
        assert "404" in text_of(missing)
        invalid = await client.call_tool("get-event-type", {"eventTypeId": "seven"})
        assert invalid.is_error
        assert "'eventTypeId'" in text_of(invalid)
        unknown = await client.call_tool("cancel-bookin", {})
        assert unknown.is_error
        assert "cancel-booking" in text_of(unknown)  # a suggestion
        # ...and the server still answers.
        assert (await ok(client, "get-current-user", {}))["data"]["id"] == alice.id

    drive(mcp_server(live_server, alice.api_key, tmp_path), scenario)


def test_a_wrong_key_or_an_unreachable_server_is_a_tool_error(
    tmp_path: Path, live_server: str
) -> None:
    async def wrong_key(client: Client) -> None:
        result = await client.call_tool("get-current-user", {})
        assert result.is_error
        assert "401" in text_of(result)

    drive(mcp_server(live_server, "cal_" + "1" * 32, tmp_path), wrong_key)

    async def unreachable(client: Client) -> None:
        result = await client.call_tool("list-bookings", {})
        assert result.is_error
        assert "cannot reach" in text_of(result)

    closed = f"http://127.0.0.1:{free_port()}"
    drive(mcp_server(closed, "cal_" + "1" * 32, tmp_path), unreachable, mode="legacy")

    async def no_such_connection(client: Client) -> None:
        result = await client.call_tool("list-bookings", {})
        assert result.is_error
        assert "no connection named 'nope'" in text_of(result)

    named = mcp_server(live_server, "cal_" + "1" * 32, tmp_path, "--connection", "nope")
    drive(named, no_such_connection)


def test_streamable_http(tmp_path: Path, live_server: str, alice: Account) -> None:
    port = free_port()
    params = mcp_server(live_server, alice.api_key, tmp_path, "--http", str(port))
    log = tmp_path / "mcp-http.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [params.command, *params.args], env=params.env, stdout=out, stderr=out,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        wait_for_port(port, process, log)

        async def scenario() -> None:
            async with Client(f"http://127.0.0.1:{port}/mcp", read_timeout_seconds=60) as client:
                tools = (await client.list_tools()).tools
                assert len(tools) == len(load_catalog().actions)
                assert (await ok(client, "get-current-user", {}))["data"]["id"] == alice.id
                failed = await client.call_tool("get-booking", {"bookingUid": "nope"})
                assert failed.is_error

        run_in_own_thread(scenario)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=HANG_GUARD_SECONDS)


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    """Until the port accepts a connection, or the process has exited (then: why)."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"slotwise mcp --http hung:\n{log.read_text()}")
