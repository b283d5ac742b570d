"""``slotwise worker`` and ``slotwise outbox``: running deliveries and looking after them."""

from __future__ import annotations

import json
import signal
import threading
from typing import TYPE_CHECKING, Annotated, Any

import typer

from slotwise.cli.common import load_settings, migrate_or_fail, unit_of_work
from slotwise.outbox.states import OutboxState

if TYPE_CHECKING:
    from slotwise.outbox.models import OutboxMessage

# The outbox, the composition and SQLAlchemy are imported inside each command, so `slotwise
# --help` and the commands that talk to a server never load them.

app = typer.Typer(help="Inspect and retry outbox rows (emails, webhooks).", no_args_is_help=True)


def worker(
    once: Annotated[
        bool, typer.Option("--once", help="Deliver what is due now, then exit.")
    ] = False,
) -> None:
    """Deliver outbox rows (emails, webhooks) until stopped (Ctrl-C or SIGTERM).

    One thread per lane (webhooks; everything else), as in `slotwise serve`, which already
    runs these workers in its own process; run more with this command
    on PostgreSQL (they share the rows safely), with SLOTWISE_EMBEDDED_WORKER=false on the
    servers if deliveries should only happen here.

    Example: slotwise worker
    """
    from slotwise.clock import SystemClock
    from slotwise.composition import outbox_handlers
    from slotwise.db import make_engine
    from slotwise.outbox.worker import EmbeddedWorker, lane_workers

    settings = load_settings()
    migrate_or_fail(settings)
    engine = make_engine(settings.resolved_database_url)
    lanes = lane_workers(engine, settings, SystemClock(), outbox_handlers(settings, engine))
    try:
        if once:
            print(f"delivered or tried {sum(lane.drain() for lane in lanes)} outbox rows")
            return
        running = EmbeddedWorker(lanes)  # one thread per lane, as in serve
        stopped = threading.Event()

        def _stop(_signum: int, _frame: Any) -> None:
            stopped.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        running.start()
        print(f"slotwise worker polling every {settings.outbox_poll_seconds:g} s", flush=True)
        while not stopped.wait(1):
            pass
        running.stop()
    finally:
        engine.dispose()


@app.command("list")
def list_rows(
    state: Annotated[
        OutboxState | None, typer.Option(help="Only rows in this state.", case_sensitive=False)
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """The newest outbox rows, with their state, attempts and last error.

    Example: slotwise outbox list --state failed
    """
    from rich.console import Console
    from rich.table import Table

    from slotwise.outbox import service as outbox

    settings = load_settings()
    with unit_of_work(settings) as session:
        found = [_summary(row) for row in outbox.list_messages(session, state=state, limit=limit)]
    if as_json:
        print(json.dumps(found))
        return
    table = Table("id", "state", "to", "tries", "when", "last error")
    for row in found:
        when = row["deliveredAt"] or row["nextAttemptAt"] or row["dueAt"]
        table.add_row(
            str(row["id"]),
            row["state"],
            row["to"] or row["kind"],
            str(row["attempts"]),
            when,
            (row["lastError"] or "")[:60],
        )
    Console().print(table)


@app.command()
def retry(
    message_id: Annotated[int, typer.Argument(metavar="ID", help="The outbox row's id.")],
) -> None:
    """Put a failed (or waiting) row back in line now, with a fresh give-up period.

    Example: slotwise outbox retry 42
    """
    from slotwise.clock import SystemClock
    from slotwise.outbox import service as outbox

    settings = load_settings()
    with unit_of_work(settings) as session:  # a missing or delivered row: one-line exit 2
        summary = _summary(outbox.retry(session, message_id, now=SystemClock().now()))
    print(f"outbox row {summary['id']} ({summary['kind']} to {summary['to']}) is pending again")


def _summary(row: OutboxMessage) -> dict[str, Any]:
    from slotwise.http.envelope import format_instant

    to = row.payload.get("to") if isinstance(row.payload, dict) else None
    return {
        "id": row.id,
        "kind": row.kind,
        "state": row.state,
        "to": to.get("email") if isinstance(to, dict) else None,
        "bookingId": row.booking_id,
        "attempts": row.attempts,
        "dueAt": format_instant(row.due_at),
        "nextAttemptAt": format_instant(row.next_attempt_at)
        if row.state == OutboxState.PENDING.value
        else None,
        "deliveredAt": format_instant(row.delivered_at) if row.delivered_at else None,
        "lastError": row.last_error,
    }
