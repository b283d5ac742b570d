"""Reviews: the attendee's side (read and submit through the single-use secret link, no
login) and the host's (an event type's reviews, counts and average).

A link reviews one booking for one attendee, once: a second submission, even one racing the
first, is a 409. A cancelled or rejected booking, an attendee marked as a no-show and a
meeting that has not ended yet cannot be reviewed (403)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from slotwise.bookings import repository as bookings
from slotwise.bookings.models import Booking, BookingStatus
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Forbidden, NotFound
from slotwise.event_types.models import EventType
from slotwise.reviews import repository
from slotwise.reviews.models import BookingReview
from slotwise.teams import access as team_access
from slotwise.teams.models import MembershipRole
from slotwise.users.models import User

SECRET_MAX_LENGTH = 200
RATINGS = (1, 2, 3, 4, 5)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """What is stored of a link's secret (it has 256 bits: a fast hash is enough)."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ReviewLink:
    """What the review page shows: the meeting, and whether it can still be reviewed."""

    review: BookingReview
    booking: Booking
    host: User
    refusal: str | None  # why it cannot be reviewed; None: it can


def review_link(session: ReadSession, secret: str, *, now: datetime) -> ReviewLink:
    review = _review_of_secret(session, secret)
    booking = session.get(Booking, review.booking_id)
    if booking is None:  # deleted with its booking (cascade); a race at most
        raise NotFound("Review link not found")
    return ReviewLink(
        review, booking, bookings.host_of(session, booking), _refusal(session, review, booking, now)
    )


def submit_review(
    session: Session, secret: str, *, rating: int, comment: str | None, now: datetime
) -> BookingReview:
    link = review_link(session, secret, now=now)
    if link.refusal == USED:
        raise Conflict(USED)
    if link.refusal is not None:
        raise Forbidden(link.refusal)
    if not repository.claim_for_submission(
        session, link.review.id, rating=rating, comment=comment, now=now
    ):
        raise Conflict(USED)  # another submission won the race
    session.refresh(link.review)
    return link.review


USED = "This review link was already used"


def refusal_before_sending(session: ReadSession, review: BookingReview) -> str | None:
    """Why no link should be sent for this review now (None: send it)."""
    booking = session.get(Booking, review.booking_id)
    if booking is None:
        return "the booking is gone"
    return _refusal(session, review, booking, None)


def _refusal(
    session: ReadSession, review: BookingReview, booking: Booking, now: datetime | None
) -> str | None:
    if review.submitted_at is not None:
        return USED
    if booking.status != BookingStatus.ACCEPTED.value:
        return "A cancelled or unconfirmed booking cannot be reviewed"
    if now is not None and booking.end_time > now:
        return "The meeting has not ended yet"
    attendees = bookings.attendees_of(session, [booking.id]).get(booking.id, [])
    mine = [a for a in attendees if a.email.lower() == review.attendee_email.lower()]
    if not mine:
        return "You are no longer an attendee of this booking"
    if any(a.no_show for a in mine):
        return "An attendee marked as a no-show cannot review the meeting"
    return None


def _review_of_secret(session: ReadSession, secret: str) -> BookingReview:
    review = None
    if 0 < len(secret) <= SECRET_MAX_LENGTH and "\x00" not in secret:
        review = repository.by_secret_hash(session, hash_secret(secret))
    if review is None:
        raise NotFound("Review link not found")
    return review


# --- the host's side ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    event_type_id: int
    count: int
    average_rating: float | None
    rating_counts: dict[int, int]
    reviews: list[BookingReview]


def event_type_reviews(
    session: ReadSession, actor: User, event_type_id: int, *, take: int, skip: int
) -> ReviewSummary:
    """An event type's submitted reviews, newest first, with counts per rating and the
    average: to its owner, or to the members of its team (anyone else: 404)."""
    _readable_event_type(session, actor, event_type_id)
    counts = repository.rating_counts(session, event_type_id)
    total = sum(counts.values())
    average = round(sum(r * n for r, n in counts.items()) / total, 2) if total else None
    return ReviewSummary(
        event_type_id=event_type_id,
        count=total,
        average_rating=average,
        rating_counts={rating: counts.get(rating, 0) for rating in RATINGS},
        reviews=repository.submitted_of_event_type(session, event_type_id, take=take, skip=skip),
    )


def _readable_event_type(session: ReadSession, actor: User, event_type_id: int) -> EventType:
    event_type = session.get(EventType, event_type_id)
    if event_type is not None:
        if event_type.team_id is None and event_type.owner_id == actor.id:
            return event_type
        if event_type.team_id is not None and team_access.has_role(
            session, event_type.team_id, actor.id, MembershipRole.MEMBER
        ):
            return event_type
    raise NotFound(f"Event type with id {event_type_id} not found")
