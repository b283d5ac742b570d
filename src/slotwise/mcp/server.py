"""The MCP server: the catalog's actions as tools, over stdio or streamable HTTP.

It knows the catalog and the MCP SDK only; how a tool call reaches an API server (the
connection, the request, its failures) is the ``RunAction`` it is given, which ``slotwise
mcp`` builds from the same code as ``slotwise action run``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from slotwise import __version__
from slotwise.actions.catalog import Action, Catalog

INSTRUCTIONS = (
    "Tools for a scheduling server that speaks Cal.com's API (slotwise or Cal.com's cloud): "
    "bookings, event types, schedules, slots, users, teams, webhooks and more. Each tool is "
    "one API operation; its input schema lists the fields (path, query and body together). "
    "Tools described as Cal.com's are not served by slotwise yet."
)
# Verbs (an action id's first word) that undo or remove something.
DESTRUCTIVE_VERBS = frozenset({"delete", "cancel", "decline", "remove", "disconnect"})


class ToolFailure(Exception):
    """A tool call that could not be done: bad input, no connection, or the server said
    no. Reported to the client as a tool error (``isError``) with this message."""


# (action, input) -> the answer's body; raises ToolFailure.
RunAction = Callable[[Action, dict[str, Any]], Any]


def tool_for(action: Action) -> types.Tool:
    """An action as an MCP tool: its id, description, input schema and behaviour hints."""
    verb = action.id.split("-", 1)[0]
    read_only = action.method == "GET"
    description = action.description
    if action.operation_id is None:
        description += " (Cal.com's API; slotwise does not serve it yet.)"
    return types.Tool(
        name=action.id,
        title=action.name,
        description=description,
        input_schema=action.input_schema,
        annotations=types.ToolAnnotations(
            title=action.name,
            read_only_hint=read_only,
            destructive_hint=None if read_only else verb in DESTRUCTIVE_VERBS,
            idempotent_hint=action.method in ("GET", "PUT", "DELETE"),
            open_world_hint=False,
        ),
    )


def _structured(body: Any) -> dict[str, Any]:
    """Structured content must be an object for most protocol versions: the API's
    envelopes are; a bare list, text or nothing is wrapped."""
    return body if isinstance(body, dict) else {"result": body}


def _error(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=message)], is_error=True)


def build_server(catalog: Catalog, run_action: RunAction) -> Server[Any]:
    """A server whose tools are the catalog's actions, each call done by ``run_action``."""
    tools = [tool_for(action) for action in catalog.actions]

    async def list_tools(
        ctx: Any, params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=tools)

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        action = catalog.find(params.name)
        if action is None:
            similar = ", ".join(catalog.similar_ids(params.name))
            hint = f" (did you mean {similar}?)" if similar else ""
            return _error(f"no tool {params.name!r}{hint}")
        payload = dict(params.arguments or {})
        try:
            # The HTTP client blocks: off the event loop, so other calls go on.
            body = await anyio.to_thread.run_sync(run_action, action, payload)
        except ToolFailure as exc:
            return _error(str(exc))
        except Exception as exc:  # a bug of ours is a tool error, never a dead server
            return _error(f"{action.id} failed unexpectedly: {type(exc).__name__}: {exc}")
        structured = _structured(body)
        text = json.dumps(structured, ensure_ascii=False)
        return types.CallToolResult(
            content=[types.TextContent(text=text)], structured_content=structured
        )

    return Server(
        "slotwise",
        version=__version__,
        title="slotwise actions",
        instructions=INSTRUCTIONS,
        get_tool_input_schema=lambda name: _schema_of(catalog, name),
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


def _schema_of(catalog: Catalog, name: str) -> dict[str, Any] | None:
    action = catalog.find(name)
    return action.input_schema if action else None


def serve_stdio(server: Server[Any]) -> None:
    async def run() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(run)


def serve_http(server: Server[Any], *, host: str, port: int, log_level: str = "warning") -> None:
    """Streamable HTTP at ``http://HOST:PORT/mcp`` (DNS-rebinding protection on loopback)."""
    import uvicorn

    app = server.streamable_http_app(host=host)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
