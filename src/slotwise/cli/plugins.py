"""``slotwise plugins``: the providers installed in this environment (entry points of the
group ``slotwise.plugins``). Imports the registry only when the command runs, so other
commands start as fast as before."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

app = typer.Typer(
    help="Provider plugins (calendars, conferencing, payments ...).", no_args_is_help=True
)


@app.command("list")
def list_plugins(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON array.")] = False,
) -> None:
    """Every plugin found on the slotwise.plugins entry points: kind, slug, name, and the
    fields its credential takes."""
    from slotwise.plugins import all_plugins

    plugins = sorted(all_plugins().values(), key=lambda p: (p.kind.value, p.slug))
    rows: list[dict[str, Any]] = [
        {
            "kind": p.kind.value,
            "slug": p.slug,
            "name": p.name,
            "type": p.type,
            "credentialFields": sorted(p.credential_schema.get("properties", {})),
        }
        for p in plugins
    ]
    if as_json:
        print(json.dumps(rows))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("kind", "slug", "name", "credential fields")
    for row in rows:
        table.add_row(row["kind"], row["slug"], row["name"], ", ".join(row["credentialFields"]))
    Console().print(table)
