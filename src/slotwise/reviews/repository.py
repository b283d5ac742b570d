"""Every query on reviews. Hosts read through ``of_event_type`` once the service checked
that they may read the event type; attendees reach one review only by its link's hash."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.reviews.models import BookingReview


def of_event_type(event_type_id: int) -> Select[BookingReview]:
    """The submitted reviews of an event type (the caller checked who is asking)."""
    return select(BookingReview).where(
        BookingReview.event_type_id == event_type_id, BookingReview.submitted_at.is_not(None)
    )


def submitted_of_event_type(
    session: ReadSession, event_type_id: int, *, take: int, skip: int
) -> list[BookingReview]:
    statement = of_event_type(event_type_id).order_by(
        BookingReview.submitted_at.desc(), BookingReview.id.desc()
    )
    return list(session.scalars(statement.limit(take).offset(skip)))


def rating_counts(session: ReadSession, event_type_id: int) -> dict[int, int]:
    """How many submitted reviews gave each rating (1-5)."""
    rows = session.execute(
        select(BookingReview.rating, func.count())
        .where(BookingReview.event_type_id == event_type_id)
        .where(BookingReview.submitted_at.is_not(None))
        .group_by(BookingReview.rating)
    )
    return {int(rating): int(count) for rating, count in rows if rating is not None}


def by_secret_hash(session: ReadSession, secret_hash: str) -> BookingReview | None:
    return session.scalars(
        select(BookingReview).where(BookingReview.secret_hash == secret_hash)
    ).one_or_none()


def of_booking_and_email(session: ReadSession, booking_id: int, email: str) -> BookingReview | None:
    return session.scalars(
        select(BookingReview).where(
            BookingReview.booking_id == booking_id, BookingReview.attendee_email == email
        )
    ).one_or_none()


def by_id(session: ReadSession, review_id: int) -> BookingReview | None:
    return session.get(BookingReview, review_id)


def claim_for_submission(
    session: Session, review_id: int, *, rating: int, comment: str | None, now: datetime
) -> bool:
    """Records the review if its link is still unused, in one conditional UPDATE: of two
    racing submissions exactly one changes the row (PostgreSQL re-checks the condition after
    the first commits; SQLite runs writers one at a time)."""
    result = session.execute(
        update(BookingReview)
        .where(BookingReview.id == review_id, BookingReview.submitted_at.is_(None))
        .values(rating=rating, comment=comment, submitted_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount) == 1  # type: ignore[attr-defined]


def set_secret_hash(session: Session, review_id: int, secret_hash: str, *, now: datetime) -> bool:
    """A new link for a review not submitted yet (an earlier link, if any, stops working)."""
    result = session.execute(
        update(BookingReview)
        .where(BookingReview.id == review_id, BookingReview.submitted_at.is_(None))
        .values(secret_hash=secret_hash, requested_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount) == 1  # type: ignore[attr-defined]
