"""The pages a booker opens (``GET``): the site's root, the embed script, a profile, an event
page, a booking's page and calendar file, and the event page for a new time of a booking.

The event page's query parameters: ``month`` (YYYY-MM), ``date`` (YYYY-MM-DD, the chosen
day), ``slot`` (the chosen start, UTC), ``tz`` (the booker's zone), ``h`` (12 or 24),
``duration`` (minutes) and ``embed=1`` (no page chrome, for an iframe); a seat's pages add
its ``seat`` uid.
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from slotwise.bookings.lifecycle import ACTIVE_STATUSES
from slotwise.errors import NotFound
from slotwise.event_types import service as event_types
from slotwise.http.deps import NowDep, ReadSessionDep
from slotwise.web.booker_state import BookerState, event_lengths
from slotwise.web.booking_page import find_booking_view, kept_length, render_booking_page
from slotwise.web.event_page import find_public_event_type, render_event_page
from slotwise.web.ics import booking_calendar
from slotwise.web.owners import booking_owner
from slotwise.web.rendering import STATIC_DIR, branding, render
from slotwise.web.routing import not_found, page_router, query_reader

router = page_router()


@router.get("/", response_class=HTMLResponse)
def home() -> HTMLResponse:
    """What a browser sees at the server's root: where things are (no user list, which would
    tell strangers who has an account)."""
    return render("home.html", title="slotwise", embed=False, **branding(None))


@router.get("/embed/embed.js")
def embed_script() -> FileResponse:
    return FileResponse(
        STATIC_DIR / "embed.js",
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"},
    )


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for ``/favicon.ico`` on every page; the icon itself is an SVG."""
    return RedirectResponse(
        "/static/favicon.svg", status_code=301, headers={"Cache-Control": "public, max-age=86400"}
    )


@router.get("/booking/{uid}", response_class=HTMLResponse)
def booking_page(request: Request, uid: str, session: ReadSessionDep, now: NowDep) -> Response:
    read = query_reader(request)
    try:
        view = find_booking_view(session, uid, read("seat"))
    except NotFound:
        return not_found(request, read("embed") == "1")
    return render_booking_page(session, view, read, now=now)


@router.get("/booking/{uid}/ics")
def booking_ics(request: Request, uid: str, session: ReadSessionDep, now: NowDep) -> Response:
    try:
        view = find_booking_view(session, uid, request.query_params.get("seat"))
    except NotFound:
        return not_found(request)
    return Response(
        booking_calendar(view, now=now),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="booking-{uid[:12]}.ics"'},
    )


@router.get("/reschedule/{uid}", response_class=HTMLResponse)
def reschedule_page(request: Request, uid: str, session: ReadSessionDep, now: NowDep) -> Response:
    read = query_reader(request)
    try:
        view = find_booking_view(session, uid, read("seat"))
    except NotFound:
        return not_found(request, read("embed") == "1")
    if view.event_type is None or view.booking.status not in ACTIVE_STATUSES:
        return render_booking_page(
            session, view, read, now=now, error="This booking can no longer be rescheduled."
        )
    owner = booking_owner(session, view)  # a team booking keeps its team's page and branding
    state = BookerState.read(read, owner, view.event_type, now=now)
    state = replace(state, duration=kept_length(view))
    return render_event_page(session, owner, view.event_type, state, now=now, rescheduling=view)


@router.get("/{username}", response_class=HTMLResponse)
def profile_page(request: Request, username: str, session: ReadSessionDep) -> Response:
    embed = request.query_params.get("embed") == "1"
    try:
        owner = event_types.public_owner(session, username)
    except NotFound:
        return not_found(request, embed)
    shown = event_types.list_public_event_types(session, [owner])
    return render(
        "profile.html",
        owner=owner,
        event_types=shown,
        lengths={e.id: event_lengths(e) for e in shown},
        embed=embed,
        query="embed=1" if embed else "",
        title=owner.name or owner.username,
        hosts=[],
        **branding(owner),
    )


@router.get("/{username}/{slug}", response_class=HTMLResponse)
def event_page(
    request: Request, username: str, slug: str, session: ReadSessionDep, now: NowDep
) -> Response:
    read = query_reader(request)
    found = find_public_event_type(session, username, slug)
    if found is None:
        return not_found(request, read("embed") == "1")
    owner, event_type = found
    state = BookerState.read(read, owner, event_type, now=now)
    return render_event_page(session, owner, event_type, state, now=now)
