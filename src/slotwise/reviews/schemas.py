"""Shapes of the review routes. Cal.com has no public review API (its bookings carry a
``rating`` and ``ratingFeedback``); these are named in its style: camelCase fields, instants
as ISO strings, the success envelope around them."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.reviews.models import COMMENT_MAX_LENGTH, BookingReview
from slotwise.reviews.service import ReviewLink, ReviewSummary

Rating = Annotated[int, Field(ge=1, le=5, description="1 (poor) to 5 (excellent)")]


class SubmitReviewInput(V2Input):
    rating: Rating
    comment: str | None = Field(default=None, max_length=COMMENT_MAX_LENGTH)


class ReviewOutput(BaseModel):
    id: int
    eventTypeId: int | None
    rating: int
    comment: str | None
    attendeeName: str
    attendeeEmail: str
    submittedAt: str

    @classmethod
    def of(cls, review: BookingReview) -> ReviewOutput:
        assert review.rating is not None
        assert review.submitted_at is not None
        return cls(
            id=review.id,
            eventTypeId=review.event_type_id,
            rating=review.rating,
            comment=review.comment,
            attendeeName=review.attendee_name,
            attendeeEmail=review.attendee_email,
            submittedAt=format_instant(review.submitted_at),
        )


class ReviewLinkOutput(BaseModel):
    """What the attendee's link shows: the meeting and whether it can be reviewed now."""

    title: str
    hostName: str
    startTime: str
    endTime: str
    attendeeName: str
    canReview: bool
    reason: str | None = Field(description="Why it cannot be reviewed, when it cannot")
    rating: int | None
    comment: str | None

    @classmethod
    def of(cls, link: ReviewLink) -> ReviewLinkOutput:
        return cls(
            title=link.booking.title,
            hostName=link.host.name or link.host.username,
            startTime=format_instant(link.booking.start_time),
            endTime=format_instant(link.booking.end_time),
            attendeeName=link.review.attendee_name,
            canReview=link.refusal is None,
            reason=link.refusal,
            rating=link.review.rating,
            comment=link.review.comment,
        )


class EventTypeReviewsOutput(BaseModel):
    eventTypeId: int
    count: int = Field(description="Submitted reviews")
    averageRating: float | None = Field(description="Mean rating, 2 decimals; null if none")
    ratingCounts: dict[str, int] = Field(description='Reviews per rating, "1" to "5"')
    reviews: list[ReviewOutput]

    @classmethod
    def of(cls, summary: ReviewSummary) -> EventTypeReviewsOutput:
        return cls(
            eventTypeId=summary.event_type_id,
            count=summary.count,
            averageRating=summary.average_rating,
            ratingCounts={str(r): n for r, n in summary.rating_counts.items()},
            reviews=[ReviewOutput.of(r) for r in summary.reviews],
        )
