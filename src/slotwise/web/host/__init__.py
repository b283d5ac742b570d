"""The host's web app: signing in, event types, availability, bookings and settings, as
server-rendered pages over the same services as the API (``slotwise.<domain>.service``)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from slotwise.web.host import (
    admin_pages,
    auth_pages,
    availability_pages,
    booking_pages,
    event_type_pages,
    settings_pages,
)
from slotwise.web.host.session import CsrfRefused, SignInRequired, set_cookies, sign_in_path
from slotwise.web.rendering import branding, render

ROUTERS = (
    auth_pages.router,
    event_type_pages.router,
    availability_pages.router,
    booking_pages.router,
    settings_pages.router,
    admin_pages.router,
)


def install_host_pages(app: FastAPI) -> None:
    """The host's routes (all under reserved first segments, so never a username) and the
    answers to a page that needs a sign-in (a redirect) or a form without its token (403)."""
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(CsrfRefused, _csrf_refused)


async def _to_sign_in(request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(sign_in_path(exc.next_path), status_code=303)


async def _csrf_refused(request: Request, exc: Exception) -> HTMLResponse:
    response = render(
        "host/message.html", status_code=403, title="Form expired | slotwise",
        heading="This form has expired", host=None, nav=(), section="", notice=None,
        csrf="", message="The form was sent without its security token. Go back, reload the "
        "page and send it again.", **branding(None),
    )  # fmt: skip
    return set_cookies(request, response)  # type: ignore[return-value]
