"""What the outbox tests share."""

from slotwise.outbox.models import OutboxMessage
from slotwise.reviews.planner import REVIEW_REQUEST_KIND

# The rows these tests deliver: a booking's review request is due at the meeting's end, after
# every one of them (tests/reviews deliver those).
NOT_LATER = OutboxMessage.kind != REVIEW_REQUEST_KIND
