"""The ``slotwise`` command."""

from __future__ import annotations

import os
import secrets
import signal
import sys
from types import FrameType
from typing import Annotated, Any

import typer
from typer.core import TyperOption

from slotwise import __version__
from slotwise.cli import action, admin, connection, outbox, plugins
from slotwise.cli.common import (
    USAGE_ERROR,
    display_url,
    encryption_key_or_fail,
    load_settings,
    migrate_or_fail,
    unit_of_work,
)
from slotwise.cli.mcp_command import mcp
from slotwise.cli.request import request as raw_request

_typer_display_type_rich = TyperOption.display_type_rich


def _flag_shows_no_type(option: TyperOption, ctx: Any) -> str | None:
    """A flag takes no value, so help shows none (typer's rich help labels it ``<bool>``)."""
    return None if option.is_flag else _typer_display_type_rich(option, ctx)


# Patched once here so every command's flags read the same, subcommands included.
TyperOption.display_type_rich = _flag_shows_no_type  # type: ignore[method-assign, assignment]

app = typer.Typer(
    help="slotwise: a scheduling platform that speaks Cal.com's REST API.",
    no_args_is_help=True,
    add_completion=True,
)
app.add_typer(admin.app, name="admin")
app.add_typer(outbox.app, name="outbox")
app.add_typer(plugins.app, name="plugins")
app.command("worker")(outbox.worker)
app.add_typer(connection.app, name="connection")
app.add_typer(action.app, name="action")
app.command("request")(raw_request)
app.command("mcp")(mcp)


def _version(value: bool) -> None:
    if value:
        print(f"slotwise {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """slotwise: a scheduling platform that speaks Cal.com's REST API."""


@app.command()
def migrate() -> None:
    """Upgrade the database schema to the newest revision."""
    settings = load_settings()
    migrate_or_fail(settings)
    print(f"database is up to date: {display_url(settings.resolved_database_url)}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
    no_demo: Annotated[
        bool, typer.Option("--no-demo", help="Do not seed demo data on an empty database.")
    ] = False,
    reload: Annotated[
        bool, typer.Option(help="Restart when the code changes (development).")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes. More than one helps on PostgreSQL; SQLite serializes "
            "writers, so its default of one process is usually fastest.",
        ),
    ] = 1,
) -> None:
    """Migrate the database, seed demo data on an empty one, and serve the API.

    Each server process also runs the outbox workers that send emails (over SMTP, or as .eml
    files in the data dir while SMTP is unset) and webhooks; SLOTWISE_EMBEDDED_WORKER=false
    leaves that to `slotwise worker` processes.

    SIGTERM stops it gracefully: requests and deliveries in flight finish (at most
    SLOTWISE_SHUTDOWN_GRACE_SECONDS), then it exits 0.

    Example: slotwise serve --port 8000
    """
    import uvicorn

    from slotwise.app import create_app
    from slotwise.clock import SystemClock
    from slotwise.demo.seed import DEMO_EMAIL, DEMO_USERNAME, seed_demo_data
    from slotwise.users.passwords import password_hasher

    # Links in emails and pages point at this server unless SLOTWISE_BASE_URL says otherwise
    # (set before the settings load, so --workers processes inherit it).
    listening = "localhost" if host in ("0.0.0.0", "::") else host
    os.environ.setdefault("SLOTWISE_BASE_URL", f"http://{listening}:{port}")
    if not no_demo and os.environ.get("SLOTWISE_ENVIRONMENT", "development") == "development":
        # A demo in development takes sign-ups (/auth/signup); anywhere else it is opt-in.
        os.environ.setdefault("SLOTWISE_SIGNUP_ENABLED", "true")
    settings = load_settings()
    migrate_or_fail(settings)
    # Here rather than inside create_app, so a bad key file is one line, not a traceback.
    encryption_key_or_fail(settings)
    if not no_demo:
        demo_password = secrets.token_urlsafe(12)
        with unit_of_work(settings) as session:
            issued = seed_demo_data(
                session,
                now=SystemClock().now(),
                hasher=password_hasher(settings),
                password=demo_password,
            )
        if issued is not None:
            base = f"http://{host}:{port}"
            print("Demo data created: user 'demo' with working hours and two event types.")
            print(f"Demo API key (shown once, store it now): {issued.secret}")
            print(f'  try: curl -H "Authorization: Bearer {issued.secret}" {base}/v2/me')
            print(f"  another key later: slotwise admin create-api-key --user {DEMO_EMAIL}")
            print(f"  booking page: {base}/{DEMO_USERNAME}")
            print(f"  sign in at {base}/auth/login as {DEMO_EMAIL}, password: {demo_password}")
    print(
        f"slotwise {__version__} listening on http://{host}:{port} "
        f"(database: {display_url(settings.resolved_database_url)})",
        flush=True,
    )
    log_level = settings.log_level.lower()
    # SIGTERM: uvicorn stops accepting, lets in-flight requests finish (up to the grace
    # period), then the app's shutdown lets in-flight outbox deliveries finish.
    grace = int(settings.shutdown_grace_seconds)
    signal.signal(signal.SIGTERM, _stopped_on_request)
    if reload or workers > 1:
        # Several processes (or a reloader) import the app by name; each builds it from the
        # same environment settings.
        uvicorn.run(
            "slotwise.app:create_app_from_environment",
            factory=True,
            host=host,
            port=port,
            reload=reload,
            workers=None if reload else workers,
            log_level=log_level,
            timeout_graceful_shutdown=grace,
        )
    else:
        application = create_app(settings)
        uvicorn.run(
            application, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=grace
        )


def _stopped_on_request(_signum: int, _frame: FrameType | None) -> None:
    """After a graceful shutdown uvicorn raises the SIGTERM it handled again, which would end
    the process "killed by SIGTERM"; a stop that was asked for and completed exits 0. Before
    uvicorn starts (while migrating) it is the same: stop now, nothing is in flight."""
    raise SystemExit(0)


def run() -> None:
    """The console script. Usage errors (a missing or malformed option, an unknown command)
    become one line on stderr with exit code 2, like every other error of ours."""
    try:
        outcome = app(standalone_mode=False)
    except typer.TyperException as exc:
        if type(exc).__name__ != "NoArgsIsHelpError":  # that one has printed the help already
            print(f"error: {exc.format_message()} (try --help)", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", USAGE_ERROR))
    except typer.Abort:
        print("aborted", file=sys.stderr)
        sys.exit(1)
    sys.exit(outcome if isinstance(outcome, int) else 0)
