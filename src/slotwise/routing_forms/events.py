"""What routing forms publish: a response submitted (with what the webhooks' payload needs)
and a response that led to a booking. Subscribers never read the forms' tables back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class FormSubmitted:
    at: datetime
    form_id: str
    form_name: str
    user_id: int | None  # a person's form
    team_id: int | None  # a team's (or an organization's) form
    response_id: int
    # By field label: {"value": the answer as given, "response": as a person reads it}.
    responses: Mapping[str, Mapping[str, Any]]
    routed_to_event_type: bool  # the route leads to an event type (a booking may follow)


@dataclass(frozen=True, slots=True)
class FormResponseBooked:
    at: datetime
    form_id: str
    response_id: int
    booking_uid: str
