"""``slotwise mcp``: the action catalog as an MCP server, for AI agents."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from slotwise.actions.catalog import Action, load_catalog
from slotwise.actions.mapping import InputError, checked_input
from slotwise.cli.action import perform
from slotwise.cli.connection import ConnectionOption, NoConnection, find_connection
from slotwise.cli.remote import RemoteError


def mcp(
    http: Annotated[
        int | None,
        typer.Option(
            "--http",
            metavar="PORT",
            min=1,
            max=65535,
            help="Serve streamable HTTP on PORT (at /mcp) instead of stdio.",
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface for --http.")] = "127.0.0.1",
    connection: ConnectionOption = None,
) -> None:
    """Serve every catalog action as an MCP tool, run like `slotwise action run` against
    the current connection (or --connection); results come back as structured content.

    Example: slotwise mcp --http 8765   (or, in an MCP client's config:
    {"command": "slotwise", "args": ["mcp"]})
    """
    # The SDK is imported here only, so every other command starts without it.
    from slotwise.mcp.server import ToolFailure, build_server, serve_http, serve_stdio

    def run_action(action: Action, payload: dict[str, Any]) -> Any:
        try:
            checked = checked_input(action, payload)
            # Looked up per call: `slotwise connection use` applies without a restart.
            return perform(action, checked, find_connection(connection))
        except (InputError, NoConnection) as exc:
            raise ToolFailure(str(exc)) from exc
        except RemoteError as exc:
            raise ToolFailure(exc.message) from exc

    server = build_server(load_catalog(), run_action)
    if http is None:
        serve_stdio(server)
    else:
        print(f"slotwise MCP server on http://{host}:{http}/mcp", flush=True)
        serve_http(server, host=host, port=http)
