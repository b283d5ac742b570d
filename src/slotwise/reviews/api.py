"""Review routes. The attendee's: ``GET``/``POST /v2/reviews/{secret}`` (the emailed link's
secret is the only credential; no login). The host's: ``GET
/v2/event-types/{eventTypeId}/reviews`` (counts, average and the reviews, newest first)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from slotwise.auth.dependencies import CurrentUser
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.reviews import service
from slotwise.reviews.schemas import (
    EventTypeReviewsOutput,
    ReviewLinkOutput,
    ReviewOutput,
    SubmitReviewInput,
)

router = APIRouter(tags=["Reviews"], responses=V2_ERROR_RESPONSES)
SecretPath = Annotated[
    str, Path(max_length=service.SECRET_MAX_LENGTH, description="The review link's secret")
]


@router.get("/v2/reviews/{secret}", response_model=SuccessEnvelope[ReviewLinkOutput])
def get_review_link(
    secret: SecretPath, session: ReadSessionDep, now: NowDep
) -> SuccessEnvelope[ReviewLinkOutput]:
    """The meeting a review link is for, and whether it can be reviewed (no login)."""
    return success(ReviewLinkOutput.of(service.review_link(session, secret, now=now)))


@router.post("/v2/reviews/{secret}", status_code=201, response_model=SuccessEnvelope[ReviewOutput])
def submit_review(
    secret: SecretPath, body: SubmitReviewInput, session: WriteSessionDep, now: NowDep
) -> SuccessEnvelope[ReviewOutput]:
    """Rate the meeting 1-5 with an optional comment; the link works once (then 409)."""
    review = service.submit_review(
        session, secret, rating=body.rating, comment=body.comment, now=now
    )
    return success(ReviewOutput.of(review))


@router.get(
    "/v2/event-types/{eventTypeId}/reviews",
    response_model=SuccessEnvelope[EventTypeReviewsOutput],
)
def list_event_type_reviews(
    eventTypeId: IdPath,
    user: CurrentUser,
    session: ReadSessionDep,
    take: Annotated[int, Query(ge=1, le=250)] = 100,
    skip: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SuccessEnvelope[EventTypeReviewsOutput]:
    """An event type's reviews: to its owner (a team event type: to the team's members)."""
    summary = service.event_type_reviews(session, user, eventTypeId, take=take, skip=skip)
    return success(EventTypeReviewsOutput.of(summary))
