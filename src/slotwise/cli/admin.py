"""``slotwise admin``: the operator's commands (users and API keys), run on the server."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated

import typer

from slotwise.cli.common import fail, load_settings, unit_of_work
from slotwise.cli.keys import rotate_encryption_key

# The domains (and SQLAlchemy under them) are imported inside each command, so `slotwise
# --help` and the commands that talk to a server never load them.

app = typer.Typer(
    help="Administer users, API keys, organizations and the encryption key on this server.",
    no_args_is_help=True,
)
app.command("rotate-encryption-key")(rotate_encryption_key)


@app.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(help="Email address (unique).")],
    username: Annotated[str, typer.Option(help="Username; the booking page is /{username}.")],
    name: Annotated[str, typer.Option(help="Full name.")],
    time_zone: Annotated[str, typer.Option("--time-zone", help="IANA zone, e.g. Europe/London.")],
    password: Annotated[str | None, typer.Option(help="Password for the web login.")] = None,
    admin: Annotated[bool, typer.Option("--admin", help="Make an instance admin.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Create a user and an API key for them; the key is printed once."""
    from slotwise.api_keys import service as api_keys
    from slotwise.clock import SystemClock
    from slotwise.errors import fields_named
    from slotwise.users import service as users
    from slotwise.users.commands import NewUser
    from slotwise.users.models import UserRole
    from slotwise.users.passwords import password_hasher
    from slotwise.users.schemas import FIELD_NAMES

    settings = load_settings()
    now = SystemClock().now()
    # Errors name the API's fields, as every other face of the users service does.
    with unit_of_work(settings) as session, fields_named(FIELD_NAMES):
        new = NewUser(
            email=email,
            username=username,
            name=name,
            time_zone=time_zone,
            password=password,
            role=UserRole.ADMIN if admin else UserRole.USER,
        )
        user = users.create_user(session, new, now=now, hasher=password_hasher(settings))
        issued = api_keys.issue_key(session, user, now=now, name="created by slotwise admin")
        result = {
            "id": user.id,
            "email": user.email,
            "username": user.username,
            "name": user.name,
            "timeZone": user.time_zone,
            "role": user.role,
            "apiKey": issued.secret,
            "apiKeyPrefix": issued.record.prefix,
        }
    if as_json:
        print(json.dumps(result))
        return
    print(
        f"Created user {result['id']}: {result['username']} <{result['email']}> ({result['role']})"
    )
    print(f"API key (shown once, store it now): {result['apiKey']}")


@app.command("create-api-key")
def create_api_key(
    user: Annotated[str, typer.Option("--user", help="The user's email (or username).")],
    name: Annotated[str, typer.Option(help="A label to tell keys apart.")] = "",
    expires_in_days: Annotated[
        int | None, typer.Option("--expires-in-days", help="Days until the key stops working.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Create another API key for an existing user; the key is printed once."""
    from slotwise.api_keys import service as api_keys
    from slotwise.clock import SystemClock
    from slotwise.http.envelope import format_instant
    from slotwise.users import repository as users_repository

    settings = load_settings()
    now = SystemClock().now()
    with unit_of_work(settings) as session:
        owner = users_repository.get_by_email(session, user) or users_repository.get_by_username(
            session, user
        )
        if owner is None:
            fail(f"no user with the email or username {user!r}")
        issued = api_keys.issue_key(
            session, owner, now=now, name=name, expires_in_days=expires_in_days
        )
        result = {
            "id": issued.record.id,
            "userId": owner.id,
            "name": issued.record.name,
            "prefix": issued.record.prefix,
            "expiresAt": format_instant(issued.record.expires_at)
            if issued.record.expires_at
            else None,
            "apiKey": issued.secret,
        }
    if as_json:
        print(json.dumps(result))
        return
    expiry = f", expires {result['expiresAt']}" if result["expiresAt"] else ""
    print(f"API key for {user}{expiry} (shown once, store it now): {result['apiKey']}")


@app.command("list-users")
def list_users(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List every user of this server."""
    from rich.console import Console
    from rich.table import Table

    from slotwise.http.envelope import format_instant
    from slotwise.users import service as users

    settings = load_settings()
    with unit_of_work(settings) as session:
        rows = [
            {
                "id": u.id,
                "username": u.username,
                "email": u.email,
                "name": u.name,
                "timeZone": u.time_zone,
                "role": u.role,
                "createdAt": format_instant(u.created_at),
            }
            for u in users.list_all_users(session)
        ]
    if as_json:
        print(json.dumps(rows))
        return
    table = Table("id", "username", "email", "name", "time zone", "role", "created")
    for row in rows:
        table.add_row(*(str(row[k]) for k in row))
    Console().print(table)


@app.command("create-organization")
def create_organization(
    name: Annotated[str, typer.Option(help="The organization's name.")],
    owner: Annotated[str, typer.Option("--owner", help="The owner's email (or username).")],
    slug: Annotated[
        str | None, typer.Option(help="Its slug (unique among top-level teams).")
    ] = None,
    time_zone: Annotated[
        str | None, typer.Option("--time-zone", help="IANA zone, e.g. Europe/London.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Create an organization owned by an existing user, who joins it (a user belongs to one
    organization at most); its admins then manage it through /v2/organizations/{orgId}."""
    from slotwise.clock import SystemClock
    from slotwise.errors import fields_named
    from slotwise.teams.commands import TeamSettings
    from slotwise.teams.organizations import service as organizations
    from slotwise.teams.schemas import TEAM_FIELD_NAMES
    from slotwise.users import repository as users_repository

    settings = load_settings()
    now = SystemClock().now()
    with unit_of_work(settings) as session, fields_named(TEAM_FIELD_NAMES):
        found = users_repository.get_by_email(session, owner) or users_repository.get_by_username(
            session, owner
        )
        if found is None:
            fail(f"no user with the email or username {owner!r}")
        chosen = TeamSettings(name=name)
        if slug is not None:
            chosen = replace(chosen, slug=slug)
        if time_zone is not None:
            chosen = replace(chosen, time_zone=time_zone)
        org = organizations.create_organization(session, found, chosen, now=now)
        result = {
            "id": org.id,
            "name": org.name,
            "slug": org.slug,
            "timeZone": org.time_zone,
            "ownerId": found.id,
            "isOrganization": True,
        }
    if as_json:
        print(json.dumps(result))
        return
    print(f"Created organization {result['id']}: {result['name']} (owner {owner})")
