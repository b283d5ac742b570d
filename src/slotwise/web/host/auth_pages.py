"""Signing up, in and out, and resetting a forgotten password (``/auth/...``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from slotwise.accounts import service as accounts
from slotwise.errors import SlotwiseError
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.ratelimit import RateLimited
from slotwise.users.commands import NewUser
from slotwise.users.passwords import password_hasher
from slotwise.web.host.pages import message_of, problems_of, render_host, see_other, text
from slotwise.web.host.session import (
    SESSION_COOKIE,
    AnonymousForm,
    HostForm,
    OptionalHost,
    end_cookie,
    start_cookie,
)
from slotwise.web.routing import page_router

HOME = "/event-types"
router = page_router()


def safe_next(target: str) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        return HOME
    return target


@router.get("/auth/login", response_class=HTMLResponse)
def login_page(request: Request, host: OptionalHost, settings: SettingsDep) -> Response:
    next_path = safe_next(request.query_params.get("next", HOME))
    if host is not None:
        return see_other(next_path)
    return render_host(
        request, "host/login.html", host=None, title="Sign in", next_path=next_path,
        email="", error=None, signup=settings.signup_enabled,
    )  # fmt: skip


@router.post("/auth/login", response_class=HTMLResponse)
def login(
    request: Request,
    posted: AnonymousForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    email, next_path = text(posted, "email"), safe_next(text(posted, "next") or HOME)
    address = request.client.host if request.client else "unknown"
    try:
        signed_in = accounts.sign_in(
            session, settings, email, text(posted, "password"),
            address=address, now=now, hasher=password_hasher(settings),
        )  # fmt: skip
    except SlotwiseError as exc:
        session.rollback()
        status = 429 if isinstance(exc, RateLimited) else 400
        return render_host(
            request, "host/login.html", host=None, title="Sign in", next_path=next_path,
            email=email, error=message_of(exc), signup=settings.signup_enabled,
            status_code=status,
        )  # fmt: skip
    response = see_other(next_path)
    start_cookie(request, response, signed_in)
    return response


@router.post("/auth/logout", response_class=HTMLResponse)
def logout(request: Request, posted: HostForm, session: WriteSessionDep) -> Response:
    del posted
    accounts.sign_out(session, request.cookies.get(SESSION_COOKIE))
    response = see_other("/auth/login", "signed-out")
    end_cookie(request, response)
    return response


@router.get("/auth/signup", response_class=HTMLResponse)
def signup_page(request: Request, host: OptionalHost, settings: SettingsDep) -> Response:
    if host is not None:
        return see_other(HOME)
    if not settings.signup_enabled:
        return _signup_closed(request)
    return render_host(
        request, "host/signup.html", host=None, title="Create your account",
        values={}, problems={}, error=None,
    )  # fmt: skip


@router.post("/auth/signup", response_class=HTMLResponse)
def signup(
    request: Request,
    posted: AnonymousForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    if not settings.signup_enabled:
        return _signup_closed(request)
    values = {name: text(posted, name) for name in ("name", "email", "username", "time_zone")}
    new = NewUser(
        email=values["email"], username=values["username"], name=values["name"],
        time_zone=values["time_zone"] or "UTC", password=text(posted, "password") or None,
    )  # fmt: skip
    try:
        signed_in = accounts.sign_up(
            session, settings, new, now=now, hasher=password_hasher(settings)
        )
    except SlotwiseError as exc:
        session.rollback()
        return render_host(
            request, "host/signup.html", host=None, title="Create your account",
            values=values, problems=problems_of(exc), error=message_of(exc), status_code=400,
        )  # fmt: skip
    response = see_other("/availability")
    start_cookie(request, response, signed_in)
    return response


def _signup_closed(request: Request) -> Response:
    return render_host(
        request, "host/message.html", host=None, title="Sign-up is closed", status_code=403,
        message="This instance does not take new accounts. Ask its administrator for one.",
    )  # fmt: skip


@router.get("/auth/forgot-password", response_class=HTMLResponse)
def forgot_page(request: Request) -> Response:
    return render_host(
        request, "host/forgot.html", host=None, title="Forgot your password?", sent=False
    )


@router.post("/auth/forgot-password", response_class=HTMLResponse)
def forgot(
    request: Request,
    posted: AnonymousForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    accounts.request_password_reset(session, settings, text(posted, "email"), now=now)
    # The same answer whether or not the address has an account.
    return render_host(
        request, "host/forgot.html", host=None, title="Forgot your password?", sent=True
    )


@router.get("/auth/forgot-password/{token}", response_class=HTMLResponse)
def reset_page(request: Request, token: str, session: ReadSessionDep, now: NowDep) -> Response:
    usable = accounts.reset_link_is_usable(session, token, now=now)
    return render_host(
        request, "host/reset.html", host=None, title="Choose a new password",
        token=token, usable=usable, error=None, status_code=200 if usable else 404,
    )  # fmt: skip


@router.post("/auth/forgot-password/{token}", response_class=HTMLResponse)
def reset(
    request: Request,
    token: str,
    posted: AnonymousForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    try:
        accounts.reset_password(
            session, token, text(posted, "password"), now=now, hasher=password_hasher(settings)
        )
    except SlotwiseError as exc:
        session.rollback()
        return render_host(
            request, "host/reset.html", host=None, title="Choose a new password",
            token=token, usable=True, error=message_of(exc), status_code=400,
        )  # fmt: skip
    return see_other("/auth/login", "reset")
