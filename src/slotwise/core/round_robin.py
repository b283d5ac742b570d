"""Which round-robin host takes a booking (spec/scheduling.md §9, Cal.com's "lucky user").

Pure: the caller says who is free for the slot and what each has booked; nothing is read.

1. Only the free hosts with the highest priority (4 highest ... 0 lowest) stay.
2. With weights on: the host furthest below its weighted share of the period's bookings
   wins (``weight / total weight * bookings in the period - own bookings``, compared in
   integers so equal shortfalls tie exactly).
3. Ties (and weights off): the least recently booked host, never-booked first; then the
   lowest user id, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    user_id: int
    priority: int = 2
    weight: int = 100
    bookings_in_period: int = 0  # this event type's bookings the host took in the period
    last_booked: int | None = None  # a rising mark of their latest booking (None: never)


def host_for_round_robin(candidates: Sequence[Candidate], *, weights_enabled: bool) -> int:
    """The user id of the host who takes the booking (``candidates`` must not be empty)."""
    if not candidates:
        raise ValueError("no free round-robin host to choose from")
    top = max(candidate.priority for candidate in candidates)
    pool = [candidate for candidate in candidates if candidate.priority == top]
    if weights_enabled:
        pool = _furthest_below_share(pool)
    return min(pool, key=_recency_key).user_id


def _furthest_below_share(pool: list[Candidate]) -> list[Candidate]:
    """The candidates whose bookings fall furthest below their weighted share. Shortfall
    scaled by the total weight: ``weight * total bookings - own bookings * total weight``."""
    total_weight = sum(candidate.weight for candidate in pool)
    if total_weight == 0:
        return pool
    total_bookings = sum(candidate.bookings_in_period for candidate in pool)

    def shortfall(candidate: Candidate) -> int:
        return candidate.weight * total_bookings - candidate.bookings_in_period * total_weight

    best = max(shortfall(candidate) for candidate in pool)
    return [candidate for candidate in pool if shortfall(candidate) == best]


def _recency_key(candidate: Candidate) -> tuple[int, int, int]:
    never = candidate.last_booked is None
    return (0 if never else 1, candidate.last_booked or 0, candidate.user_id)
