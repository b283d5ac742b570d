"""A team's booking pages: ``/team/{slug}`` (the team, its members' pictures, its public
event types) and ``/team/{slug}/{eventSlug}`` (the event page of a COLLECTIVE or ROUND_ROBIN
event type, booked through the same services as ``POST /v2/bookings``). An organization's
team is at ``/org/{orgSlug}/team/{slug}...`` (the path Cal.com serves an organization's
domain from). Both wear the team's branding, each unset value taken from its
organization's."""

from __future__ import annotations

from datetime import datetime

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.errors import NotFound
from slotwise.event_types import team_service
from slotwise.event_types.models import EventType
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.web.booker_state import BookerState, event_lengths
from slotwise.web.booking_actions import PageOf, book_event
from slotwise.web.event_page import render_event_page
from slotwise.web.owners import TeamPage
from slotwise.web.rendering import branding, render
from slotwise.web.routing import PostedForm, form_reader, not_found, page_router, query_reader

router = page_router()


@router.get("/team/{teamSlug}", response_class=HTMLResponse)
def team_page(request: Request, teamSlug: str, session: ReadSessionDep) -> Response:
    return _team_page(request, session, None, teamSlug)


@router.get("/org/{orgSlug}/team/{orgTeamSlug}", response_class=HTMLResponse)
def organization_team_page(
    request: Request, orgSlug: str, orgTeamSlug: str, session: ReadSessionDep
) -> Response:
    return _team_page(request, session, orgSlug, orgTeamSlug)


@router.get("/team/{teamSlug}/{teamEventSlug}", response_class=HTMLResponse)
def team_event_page(
    request: Request, teamSlug: str, teamEventSlug: str, session: ReadSessionDep, now: NowDep
) -> Response:
    return _team_event_page(request, session, None, teamSlug, teamEventSlug, now=now)


@router.get("/org/{orgSlug}/team/{orgTeamSlug}/{orgTeamEventSlug}", response_class=HTMLResponse)
def organization_team_event_page(
    request: Request,
    orgSlug: str,
    orgTeamSlug: str,
    orgTeamEventSlug: str,
    session: ReadSessionDep,
    now: NowDep,
) -> Response:
    return _team_event_page(request, session, orgSlug, orgTeamSlug, orgTeamEventSlug, now=now)


@router.post("/team/{teamSlug}/{teamEventSlug}", response_class=HTMLResponse)
def book_team_event(
    request: Request,
    teamSlug: str,
    teamEventSlug: str,
    posted: PostedForm,
    session: WriteSessionDep,
    now: NowDep,
) -> Response:
    return _book(request, session, None, teamSlug, teamEventSlug, posted, now=now)


@router.post("/org/{orgSlug}/team/{orgTeamSlug}/{orgTeamEventSlug}", response_class=HTMLResponse)
def book_organization_team_event(
    request: Request,
    orgSlug: str,
    orgTeamSlug: str,
    orgTeamEventSlug: str,
    posted: PostedForm,
    session: WriteSessionDep,
    now: NowDep,
) -> Response:
    return _book(request, session, orgSlug, orgTeamSlug, orgTeamEventSlug, posted, now=now)


def _team_page(
    request: Request, session: ReadSession, org_slug: str | None, team_slug: str
) -> Response:
    embed = request.query_params.get("embed") == "1"
    try:
        team = team_service.public_team(session, team_slug.lower(), _lower(org_slug))
    except NotFound:
        return not_found(request, embed)
    owner = TeamPage.of(session, team)
    shown = team_service.public_team_event_types(session, team)
    return render(
        "profile.html",
        owner=owner,
        event_types=shown,
        lengths={e.id: event_lengths(e) for e in shown},
        embed=embed,
        query="embed=1" if embed else "",
        title=owner.name,
        hosts=team_service.public_members(session, team),
        **branding(owner),
    )


def _team_event_page(
    request: Request,
    session: ReadSession,
    org_slug: str | None,
    team_slug: str,
    slug: str,
    *,
    now: datetime,
) -> Response:
    read = query_reader(request)
    found = _team_event_type(session, org_slug, team_slug, slug)
    if found is None:
        return not_found(request, read("embed") == "1")
    owner, event_type = found
    state = BookerState.read(read, owner, event_type, now=now)
    return render_event_page(session, owner, event_type, state, now=now)


def _book(
    request: Request,
    session: Session,
    org_slug: str | None,
    team_slug: str,
    slug: str,
    posted: PostedForm,
    *,
    now: datetime,
) -> Response:
    found = _team_event_type(session, org_slug, team_slug, slug)
    if found is None:
        return not_found(request, form_reader(posted)("embed") == "1")
    owner, event_type = found
    page = PageOf(base=f"/{owner.username}/{event_type.slug}")
    return book_event(session, owner, event_type, posted, now=now, page=page)


def _team_event_type(
    session: ReadSession, org_slug: str | None, team_slug: str, slug: str
) -> tuple[TeamPage, EventType] | None:
    """The team and event type a team's event page shows, or None when either is not
    public."""
    try:
        team = team_service.public_team(session, team_slug.lower(), _lower(org_slug))
        event_type = team_service.bookable_on_team_page(session, team, slug)
    except NotFound:
        return None
    return TeamPage.of(session, team), event_type


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None
