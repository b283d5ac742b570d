"""The attendee's review page, ``/reviews/{secret}``: the meeting and a 1-5 rating form
that posts back to itself. The link's secret is the only credential; once used, expired
for a reason (cancelled, no-show) or unknown, the page says so instead of the form."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from slotwise.errors import NotFound, SlotwiseError
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.reviews import service as reviews
from slotwise.reviews.models import COMMENT_MAX_LENGTH
from slotwise.reviews.service import ReviewLink
from slotwise.web.rendering import branding, render
from slotwise.web.routing import PostedForm, form_reader, not_found, page_router

router = page_router()


@router.get("/reviews/{secret}", response_class=HTMLResponse)
def review_page(request: Request, secret: str, session: ReadSessionDep, now: NowDep) -> Response:
    try:
        link = reviews.review_link(session, secret, now=now)
    except NotFound:
        return not_found(request)
    return _page(link, message=link.refusal)


@router.post("/reviews/{secret}", response_class=HTMLResponse)
def send_review(
    request: Request, secret: str, posted: PostedForm, session: WriteSessionDep, now: NowDep
) -> Response:
    read = form_reader(posted)
    try:
        link = reviews.review_link(session, secret, now=now)
    except NotFound:
        return not_found(request)
    rating = read("rating") or ""
    comment = (read("comment") or "").strip() or None
    if rating not in {"1", "2", "3", "4", "5"}:
        return _page(link, message="Choose a rating from 1 to 5.", status_code=400)
    if comment is not None and len(comment) > COMMENT_MAX_LENGTH:
        return _page(link, message="The comment is too long.", status_code=400)
    try:
        reviews.submit_review(session, secret, rating=int(rating), comment=comment, now=now)
    except SlotwiseError as exc:
        return _page(link, message=str(exc), status_code=exc.status_code)
    return _page(reviews.review_link(session, secret, now=now), done=True)


def _page(
    link: ReviewLink, *, message: str | None = None, done: bool = False, status_code: int = 200
) -> HTMLResponse:
    return render(
        "review.html",
        status_code=status_code,
        title=f"Review: {link.booking.title}",
        embed=False,
        link=link,
        host_name=link.host.name or link.host.username,
        when=link.booking.start_time.strftime("%A %d %B %Y, %H:%M"),
        message=message,
        done=done,
        can_review=link.refusal is None and not done,
        comment_max=COMMENT_MAX_LENGTH,
        **branding(link.host),
    )
