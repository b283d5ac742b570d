"""A private link's booking page, ``/d/{link}/{slug}``: the event type's page (hidden ones
too) whose form books through the link, counting one use. An expired or used-up link shows
a page that says so (410) instead of times nobody could book."""

from __future__ import annotations

from datetime import datetime

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from slotwise.errors import NotFound, SlotwiseError
from slotwise.event_types.models import EventType
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.private_links import service as private_links
from slotwise.private_links.models import PrivateLink
from slotwise.users.models import User
from slotwise.web.booker_state import BookerState
from slotwise.web.booking_actions import PageOf, book_event
from slotwise.web.event_page import render_event_page
from slotwise.web.rendering import branding, render
from slotwise.web.routing import PostedForm, form_reader, not_found, page_router, query_reader

router = page_router()

EXPIRED_MESSAGE = "This private link has expired: ask the person who sent it for a new one."
USED_UP_MESSAGE = (
    "This private link has already been used: ask the person who sent it for a new one."
)


@router.get("/d/{link}/{slug}", response_class=HTMLResponse)
def private_link_page(
    request: Request, link: str, slug: str, session: ReadSessionDep, now: NowDep
) -> Response:
    read = query_reader(request)
    embed = read("embed") == "1"
    try:
        found, event_type, owner = private_links.bookable_through(session, link, slug)
    except NotFound:
        return not_found(request, embed)
    if private_links.is_expired(found, now=now):
        return link_refused_page(owner, event_type, _why(found, now=now), embed=embed)
    state = BookerState.read(read, owner, event_type, now=now)
    return render_event_page(session, owner, event_type, state, now=now, base=f"/d/{link}/{slug}")


@router.post("/d/{link}/{slug}", response_class=HTMLResponse)
def book_through_private_link(
    request: Request,
    link: str,
    slug: str,
    posted: PostedForm,
    session: WriteSessionDep,
    now: NowDep,
) -> Response:
    embed = form_reader(posted)("embed") == "1"
    try:
        _found, event_type, owner = private_links.bookable_through(session, link, slug)
    except NotFound:
        return not_found(request, embed)

    def refused(exc: SlotwiseError) -> Response:
        message = USED_UP_MESSAGE if exc.status_code == 409 else EXPIRED_MESSAGE
        return link_refused_page(owner, event_type, message, embed=embed)

    page = PageOf(base=f"/d/{link}/{slug}", link=link, refused=refused)
    return book_event(session, owner, event_type, posted, now=now, page=page)


def link_refused_page(
    owner: User, event_type: EventType, message: str, *, embed: bool
) -> HTMLResponse:
    return render(
        "link_refused.html",
        status_code=410,
        title=f"{event_type.title} | {owner.name or owner.username}",
        message=message,
        event_type=event_type,
        owner=owner,
        embed=embed,
        **branding(owner),
    )


def _why(link: PrivateLink, *, now: datetime) -> str:
    expired = link.expires_at is not None and link.expires_at <= now
    return EXPIRED_MESSAGE if expired else USED_UP_MESSAGE
