"""What the host-page tests share: a password for a test account, signing a client in, and
reading a page's CSRF token."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from slotwise.accounts import service as accounts
from slotwise.db import transaction
from slotwise.users.models import User
from slotwise.users.passwords import password_hasher
from slotwise.web.host.session import CSRF_COOKIE, SESSION_COOKIE, session_csrf

PASSWORD = "correct horse battery"


def set_password(app: FastAPI, email: str, password: str = PASSWORD) -> None:
    with transaction(app.state.write_session_factory) as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        user.password_hash = password_hasher(app.state.settings).hash(password)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match is not None, "the page has no form with a CSRF token"
    return match.group(1)


def sign_in(client: TestClient, app: FastAPI, email: str, password: str = PASSWORD) -> None:
    set_password(app, email, password)
    page = client.get("/auth/login")
    answer = client.post(
        "/auth/login",
        data={"email": email, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert "slotwise_session" in client.cookies


def post_form(client: TestClient, page_path: str, action: str, **fields: str) -> Response:
    """Opens a page, then posts one of its forms with the page's token."""
    token = csrf_of(client.get(page_path).text)
    return client.post(action, data={**fields, "csrf_token": token}, follow_redirects=False)


def web_session(app: FastAPI, email: str) -> str:
    """A signed-in session for the user (its cookie's value), made through the service."""
    with transaction(app.state.write_session_factory) as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        return accounts.start_session(
            session, app.state.settings, user, now=app.state.clock.now()
        ).token


def form_credentials(app: FastAPI, token: str | None) -> tuple[dict[str, str], str]:
    """(cookies, CSRF token) a form needs: a signed-in one's, or a signed-out one's."""
    if token is None:
        return {CSRF_COOKIE: "anonymous-form-token"}, "anonymous-form-token"
    return {SESSION_COOKIE: token}, session_csrf(app.state, token)
