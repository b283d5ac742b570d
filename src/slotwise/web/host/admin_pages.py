"""The instance admin's area: every user, creating one, disabling and enabling accounts,
through ``users.service`` (which holds the admin-only rules). Anyone else gets a 404."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from slotwise.db import ReadSession
from slotwise.errors import NotFound, SlotwiseError
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.users import service as users
from slotwise.users.commands import NewUser
from slotwise.users.models import User, UserRole
from slotwise.users.passwords import password_hasher
from slotwise.web.host.pages import UserId, checkbox, message_of, render_host, see_other, text
from slotwise.web.host.session import Host, HostForm
from slotwise.web.routing import not_found, page_router

router = page_router()
USERS = "/settings/admin/users"


def _page(
    request: Request,
    host: User,
    session: ReadSession,
    *,
    values: dict[str, Any],
    error: str | None,
    status_code: int = 200,
) -> Response:
    return render_host(
        request, "host/admin_users.html", host=host, title="Users", section="admin",
        users=users.list_users(session, host), values=values, error=error,
        status_code=status_code,
    )  # fmt: skip


@router.get(USERS, response_class=HTMLResponse)
def users_page(request: Request, host: Host, session: ReadSessionDep) -> Response:
    if not host.is_admin:
        return not_found(request)
    return _page(request, host, session, values={}, error=None)


@router.post(USERS, response_class=HTMLResponse)
def create_user(
    request: Request,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    if not host.is_admin:
        return not_found(request)
    values = {name: text(posted, name) for name in ("name", "email", "username")}
    new = NewUser(
        name=values["name"],
        email=values["email"],
        username=values["username"],
        time_zone=host.time_zone,
        password=text(posted, "password") or None,
        role=UserRole.ADMIN if checkbox(posted, "admin") else UserRole.USER,
    )
    try:
        users.create_user(session, new, now=now, hasher=password_hasher(settings))
    except SlotwiseError as exc:
        session.rollback()
        return _page(request, host, session, values=values, error=message_of(exc), status_code=400)
    return see_other(USERS, "created")


def _set_locked(
    request: Request, host: User, user_id: int, session: WriteSessionDep, now: Any, locked: bool
) -> Response:
    if not host.is_admin:
        return not_found(request)
    try:
        users.set_locked(session, host, user_id, locked, now=now)
    except NotFound:
        return not_found(request)
    except SlotwiseError as exc:  # one's own account
        session.rollback()
        return _page(request, host, session, values={}, error=message_of(exc), status_code=400)
    return see_other(USERS, "saved")


@router.post(USERS + "/{userId}/disable", response_class=HTMLResponse)
def disable_user(
    request: Request, user_id: UserId, host: Host, posted: HostForm, session: WriteSessionDep,
    now: NowDep,
) -> Response:  # fmt: skip
    del posted
    return _set_locked(request, host, user_id, session, now, locked=True)


@router.post(USERS + "/{userId}/enable", response_class=HTMLResponse)
def enable_user(
    request: Request, user_id: UserId, host: Host, posted: HostForm, session: WriteSessionDep,
    now: NowDep,
) -> Response:  # fmt: skip
    del posted
    return _set_locked(request, host, user_id, session, now, locked=False)
