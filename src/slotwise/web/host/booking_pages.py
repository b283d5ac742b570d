"""Bookings: the upcoming / unconfirmed / recurring / past / cancelled tabs with attendee
search and pages, and the host's actions (confirm, decline, cancel, mark no-show), through
the bookings use cases exactly as ``/v2/bookings``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from slotwise.bookings.absence import AbsenceUpdate, mark_absent
from slotwise.bookings.cancellation import Cancellation, cancel_booking
from slotwise.bookings.confirmation import confirm_booking, decline_booking
from slotwise.bookings.reads import get_booking, list_bookings
from slotwise.bookings.repository import ListQuery
from slotwise.errors import Forbidden, NotFound, SlotwiseError
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.users.models import User
from slotwise.web.host.pages import BookingUid, message_of, render_host, see_other, text
from slotwise.web.host.session import Host, HostForm
from slotwise.web.routing import not_found, page_router

router = page_router()
SECTION = "bookings"
PAGE_SIZE = 10
TABS = (("upcoming", "Upcoming"), ("unconfirmed", "Unconfirmed"), ("recurring", "Recurring"),
        ("past", "Past"), ("cancelled", "Cancelled"))  # fmt: skip
# Past and cancelled read newest first; what is still to come, soonest first.
NEWEST_FIRST = frozenset({"past", "cancelled"})


@router.get("/bookings", response_class=HTMLResponse)
def bookings_home() -> Response:
    return see_other("/bookings/upcoming")


@router.get("/bookings/{tab}", response_class=HTMLResponse)
def list_page(
    request: Request, tab: str, host: Host, session: ReadSessionDep, now: NowDep
) -> Response:
    if tab not in dict(TABS):
        return not_found(request)
    search = request.query_params.get("q", "").strip()[:200]
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    query = ListQuery(
        statuses=frozenset({tab}),
        attendee_email=search if "@" in search else None,
        attendee_name=search if search and "@" not in search else None,
        order=(("start", tab in NEWEST_FIRST),),
        take=PAGE_SIZE,
        skip=(page - 1) * PAGE_SIZE,
    )
    found = list_bookings(session, host, query, now=now)
    pages = max(1, -(-found.total // PAGE_SIZE))
    return render_host(
        request, "host/bookings.html", host=host, title="Bookings", section=SECTION,
        tabs=TABS, tab=tab, search=search, views=found.views, page=page, pages=pages,
        total=found.total, link=lambda number: _page_link(tab, search, number), now=now,
        error=request.query_params.get("error"),
    )  # fmt: skip


def _page_link(tab: str, search: str, number: int) -> str:
    query = {"page": str(number), **({"q": search} if search else {})}
    return f"/bookings/{tab}?{urlencode(query)}"


def _back(posted: dict[str, list[str]]) -> str:
    """The tab the action was taken on (a path of this app only)."""
    back = text(posted, "back")
    return back if back.startswith("/bookings/") and "//" not in back else "/bookings/upcoming"


def _act(
    request: Request,
    uid: str,
    host: User,
    posted: dict[str, list[str]],
    session: Session,
    action: Callable[[], Any],
    notice: str,
) -> Response:
    """Runs a host action on one of the host's own bookings; another's is as unknown as a
    missing one (404), whatever the use case would say."""
    try:
        views = get_booking(session, uid)
        if not views or views[0].booking.user_id != host.id:
            raise NotFound("no such booking")
        action()
    except (NotFound, Forbidden):
        session.rollback()
        return not_found(request)
    except SlotwiseError as exc:  # not pending, already cancelled ...
        session.rollback()
        back = _back(posted)
        return see_other(
            back + ("&" if "?" in back else "?") + urlencode({"error": message_of(exc)})
        )
    return see_other(_back(posted), notice)


@router.post("/bookings/{bookingUid}/confirm", response_class=HTMLResponse)
def confirm(
    request: Request, uid: BookingUid, host: Host, posted: HostForm, session: WriteSessionDep,
    now: NowDep,
) -> Response:  # fmt: skip
    run = lambda: confirm_booking(session, uid, now=now, caller=host)  # noqa: E731
    return _act(request, uid, host, posted, session, run, "confirmed")


@router.post("/bookings/{bookingUid}/decline", response_class=HTMLResponse)
def decline(
    request: Request, uid: BookingUid, host: Host, posted: HostForm, session: WriteSessionDep,
    now: NowDep,
) -> Response:  # fmt: skip
    reason = text(posted, "reason") or None
    run = lambda: decline_booking(session, uid, reason, now=now, caller=host)  # noqa: E731
    return _act(request, uid, host, posted, session, run, "declined")


@router.post("/bookings/{bookingUid}/cancel", response_class=HTMLResponse)
def cancel(
    request: Request, uid: BookingUid, host: Host, posted: HostForm, session: WriteSessionDep,
    now: NowDep,
) -> Response:  # fmt: skip
    cancellation = Cancellation(reason=text(posted, "reason") or None)
    run = lambda: cancel_booking(session, uid, cancellation, now=now, caller=host)  # noqa: E731
    return _act(request, uid, host, posted, session, run, "cancelled")


@router.post("/bookings/{bookingUid}/no-show", response_class=HTMLResponse)
def no_show(
    request: Request, uid: BookingUid, host: Host, posted: HostForm, session: WriteSessionDep,
    now: NowDep,
) -> Response:  # fmt: skip
    """Marks the attendee (by email) absent, or present again with ``absent=0``."""
    update = AbsenceUpdate(attendees=((text(posted, "email"), text(posted, "absent") != "0"),))
    run = lambda: mark_absent(session, uid, update, now=now, caller=host)  # noqa: E731
    return _act(request, uid, host, posted, session, run, "no-show")
