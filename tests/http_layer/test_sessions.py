"""Read and write sessions are chosen per route and checked by mypy: a read route's session
is a ``ReadSession``, which has no way to write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from mypy import api as mypy_api

from slotwise.app import create_app
from slotwise.config import Settings
from slotwise.http.deps import get_session, get_write_session

ROOT = Path(__file__).resolve().parents[2]
READ_METHODS = {"GET", "HEAD"}

SNIPPET = """\
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.users.models import User


def read(session: ReadSession) -> list[User]:
    return list(session.scalars(select(User).where(User.id > 0)))


def writer(session: Session) -> list[User]:
    return read(session)  # a Session is a ReadSession


def sneaky(session: ReadSession) -> None:
    session.add(User())  # line 17
    session.execute(delete(User))  # line 18
    session.commit()  # line 19
"""


def test_mypy_refuses_a_write_through_a_read_session(tmp_path: Path) -> None:
    snippet = tmp_path / "writes_through_a_read_session.py"
    snippet.write_text(SNIPPET)

    report, _errors, status = mypy_api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "--no-error-summary",
            str(snippet),
        ]
    )

    flagged = sorted(
        {int(line.split(":")[1]) for line in report.splitlines() if ": error:" in line}
    )
    assert status == 1, report
    assert flagged == [17, 18, 19], report


# POSTs by Cal.com's choice that store nothing: a read session, no write lock.
POSTS_THAT_ONLY_READ = {"/v2/routing-forms/{routingFormId}/calculate-slots"}
# Redirect targets, so GETs, that write: the pay link mailed to an attendee (opens the Stripe
# checkout and records it) and Stripe Connect's OAuth return (stores the account).
GETS_THAT_WRITE = {"/booking/{bookingUid}/pay", "/v2/stripe/save"}


def _dependencies(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _dependencies(sub)


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # FastAPI's included routers
            yield from _routes(route.original_router.routes)


def test_every_route_declares_what_it_does_with_the_database(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, embedded_worker=False))
    routes = list(_routes(app.routes))
    assert len(routes) > 50

    for route in routes:
        calls = set(_dependencies(route.dependant))
        name = f"{sorted(route.methods)} {route.path}"
        if route.path in GETS_THAT_WRITE:
            assert get_write_session in calls, f"{name} changes data: WriteSessionDep"
        elif route.methods <= READ_METHODS or route.path in POSTS_THAT_ONLY_READ:
            assert get_write_session not in calls, f"{name} reads: ReadSessionDep"
        elif get_session in calls:
            assert get_write_session in calls, f"{name} changes data: WriteSessionDep"
