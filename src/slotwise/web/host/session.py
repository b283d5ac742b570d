"""Who is signed in to the host's pages, and the CSRF token every form carries.

The session cookie (``slotwise_session``) holds a random token whose SHA-256 names a
``web_sessions`` row, so every server process sees the same sessions. Cookies are HttpOnly,
SameSite=Lax, and Secure when the instance is served over HTTPS.

CSRF: a signed-in form carries an HMAC of the session token (it changes with every sign-in
and no other site can compute it); a signed-out form (sign in, sign up, reset) carries the
value of a random ``slotwise_csrf`` cookie (double submit). A POST without the right token
is refused (403) before anything is read or written.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request, Response

from slotwise.accounts import service as accounts
from slotwise.config import Settings
from slotwise.http.deps import NowDep, ReadSessionDep
from slotwise.users.models import User
from slotwise.web.routing import PostedForm

SESSION_COOKIE = "slotwise_session"
CSRF_COOKIE = "slotwise_csrf"
CSRF_FIELD = "csrf_token"
_NEW_CSRF = "slotwise_new_csrf"  # request.state: a signed-out CSRF cookie to set


class SignInRequired(Exception):  # noqa: N818 - a redirect, not an error of the caller's
    """The page needs a signed-in host: answered with a redirect to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class CsrfRefused(Exception):  # noqa: N818
    """A form posted without its CSRF token (or with another's): answered 403."""


def _secret(state: Any) -> bytes:
    """The key of signed-in forms' tokens, derived from the instance's encryption key."""
    if not hasattr(state, "web_csrf_secret"):
        settings: Settings = state.settings
        key = settings.load_or_create_encryption_key()
        state.web_csrf_secret = hashlib.sha256(f"slotwise-web-csrf:{key}".encode()).digest()
    secret: bytes = state.web_csrf_secret
    return secret


def session_csrf(app_state: Any, session_token: str) -> str:
    """A signed-in form's token: an HMAC of the session's cookie."""
    return hmac.new(_secret(app_state), session_token.encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The token this request's forms must send back."""
    session_token = request.cookies.get(SESSION_COOKIE)
    if session_token and getattr(request.state, "host", None) is not None:
        return session_csrf(request.app.state, session_token)
    anonymous = request.cookies.get(CSRF_COOKIE) or getattr(request.state, _NEW_CSRF, None)
    if not anonymous:
        anonymous = secrets.token_urlsafe(32)
        setattr(request.state, _NEW_CSRF, anonymous)
    return anonymous


def is_https(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return request.url.scheme == "https" or settings.base_url.startswith("https://")


def set_cookies(request: Request, response: Response) -> Response:
    """Sets the signed-out CSRF cookie a page just made up, if it did."""
    made = getattr(request.state, _NEW_CSRF, None)
    if made:
        response.set_cookie(
            CSRF_COOKIE, made, httponly=True, samesite="lax", secure=is_https(request), path="/"
        )
    return response


def start_cookie(request: Request, response: Response, signed_in: accounts.SignedIn) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        signed_in.token,
        expires=signed_in.expires_at,
        httponly=True,
        samesite="lax",
        secure=is_https(request),
        path="/",
    )


def end_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, httponly=True, samesite="lax", secure=is_https(request), path="/"
    )


def checked_form(request: Request, posted: PostedForm) -> dict[str, list[str]]:
    """The posted form, once its CSRF token matched (else ``CsrfRefused``)."""
    sent = (posted.get(CSRF_FIELD) or [""])[-1]
    if not sent or not hmac.compare_digest(sent.encode(), csrf_token(request).encode()):
        raise CsrfRefused
    return posted


def _host(request: Request, session: ReadSessionDep, now: NowDep) -> User:
    user = accounts.signed_in_user(session, request.cookies.get(SESSION_COOKIE), now=now)
    if user is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(path)
    request.state.host = user
    return user


def _optional_host(request: Request, session: ReadSessionDep, now: NowDep) -> User | None:
    user = accounts.signed_in_user(session, request.cookies.get(SESSION_COOKIE), now=now)
    request.state.host = user
    return user


def _host_form(
    request: Request, host: Annotated[User, Depends(_host)], posted: PostedForm
) -> dict[str, list[str]]:
    del host  # signed in first: a signed-in form's token is tied to the session
    return checked_form(request, posted)


def _anonymous_form(
    request: Request, host: Annotated[User | None, Depends(_optional_host)], posted: PostedForm
) -> dict[str, list[str]]:
    del host
    return checked_form(request, posted)


def sign_in_path(next_path: str) -> str:
    return f"/auth/login?next={quote(next_path, safe='')}"


Host = Annotated[User, Depends(_host)]
OptionalHost = Annotated[User | None, Depends(_optional_host)]
HostForm = Annotated[dict[str, list[str]], Depends(_host_form)]
AnonymousForm = Annotated[dict[str, list[str]], Depends(_anonymous_form)]
