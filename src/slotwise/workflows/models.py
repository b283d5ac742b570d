"""Workflows of a user or a team, their ordered steps, and the event types they are active on.

- ``Workflow``: who owns it (``user_id`` or ``team_id``, exactly one), what starts it
  (``trigger``; BEFORE_EVENT / AFTER_EVENT carry an offset ``time`` + ``time_unit``) and
  where (``active_on_all``, else its ``WorkflowActivation`` rows).
- ``WorkflowStep``: one action (an email or a text to someone) with its template, subject and
  body; steps run in ``step_number`` order.

Reminders themselves are outbox rows (topic ``workflow:<id>``), written by ``planner.py``.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime

NAME_MAX_LENGTH = 200


class Trigger(enum.StrEnum):
    """Cal.com's ``WorkflowTriggerEvents`` (the v2 API writes them camelCase)."""

    BEFORE_EVENT = "BEFORE_EVENT"
    EVENT_CANCELLED = "EVENT_CANCELLED"
    NEW_EVENT = "NEW_EVENT"
    AFTER_EVENT = "AFTER_EVENT"
    RESCHEDULE_EVENT = "RESCHEDULE_EVENT"
    AFTER_HOSTS_CAL_VIDEO_NO_SHOW = "AFTER_HOSTS_CAL_VIDEO_NO_SHOW"
    AFTER_GUESTS_CAL_VIDEO_NO_SHOW = "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"
    BOOKING_REJECTED = "BOOKING_REJECTED"
    BOOKING_REQUESTED = "BOOKING_REQUESTED"
    BOOKING_PAYMENT_INITIATED = "BOOKING_PAYMENT_INITIATED"
    BOOKING_PAID = "BOOKING_PAID"
    BOOKING_NO_SHOW_UPDATED = "BOOKING_NO_SHOW_UPDATED"


TIMED_TRIGGERS = frozenset({Trigger.BEFORE_EVENT, Trigger.AFTER_EVENT})


class TimeUnit(enum.StrEnum):
    DAY = "DAY"
    HOUR = "HOUR"
    MINUTE = "MINUTE"


class Action(enum.StrEnum):
    EMAIL_HOST = "EMAIL_HOST"
    EMAIL_ATTENDEE = "EMAIL_ATTENDEE"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    SMS_ATTENDEE = "SMS_ATTENDEE"
    SMS_HOST = "SMS_HOST"
    SMS_NUMBER = "SMS_NUMBER"
    WHATSAPP_ATTENDEE = "WHATSAPP_ATTENDEE"
    WHATSAPP_NUMBER = "WHATSAPP_NUMBER"

    @property
    def by_email(self) -> bool:
        return self.value.startswith("EMAIL_")


class Template(enum.StrEnum):
    REMINDER = "REMINDER"
    CUSTOM = "CUSTOM"
    RATING = "RATING"
    THANKYOU = "THANKYOU"
    CANCELLED = "CANCELLED"
    COMPLETED = "COMPLETED"
    RESCHEDULED = "RESCHEDULED"


def _values(kind: type[enum.StrEnum]) -> str:
    return ", ".join(f"'{member.value}'" for member in kind)


class Workflow(Base):
    __tablename__ = "workflows"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (team_id IS NULL)", name="one_owner"),
        CheckConstraint(f"trigger IN ({_values(Trigger)})", name="trigger"),
        CheckConstraint(f"time_unit IS NULL OR time_unit IN ({_values(TimeUnit)})", name="unit"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    trigger: Mapped[str] = mapped_column(String(40))
    time: Mapped[int | None] = mapped_column(Integer)
    time_unit: Mapped[str | None] = mapped_column(String(10))
    active_on_all: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WorkflowStep(Base):
    __tablename__ = "workflow_steps"
    __table_args__ = (
        UniqueConstraint("workflow_id", "step_number", name="uq_workflow_steps_number"),
        CheckConstraint(f"action IN ({_values(Action)})", name="action"),
        CheckConstraint(f"template IN ({_values(Template)})", name="template"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workflow_id: Mapped[int] = mapped_column(
        ForeignKey("workflows.id", ondelete="CASCADE"), index=True
    )
    step_number: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(24))
    template: Mapped[str] = mapped_column(String(16))
    # EMAIL_ADDRESS / SMS_NUMBER / WHATSAPP_NUMBER: the owner's verified address or number,
    # copied here when the step is saved (the verified resource must exist then).
    send_to: Mapped[str | None] = mapped_column(String(254))
    verified_email_id: Mapped[int | None] = mapped_column(Integer)
    verified_phone_id: Mapped[int | None] = mapped_column(Integer)
    sender: Mapped[str] = mapped_column(String(100), default="Cal")
    email_subject: Mapped[str | None] = mapped_column(Text)
    reminder_body: Mapped[str | None] = mapped_column(Text)
    include_calendar_event: Mapped[bool] = mapped_column(default=False)
    phone_required: Mapped[bool] = mapped_column(default=False)


class WorkflowActivation(Base):
    """A workflow is active on this event type (when not active on all of them)."""

    __tablename__ = "workflow_activations"

    workflow_id: Mapped[int] = mapped_column(
        ForeignKey("workflows.id", ondelete="CASCADE"), primary_key=True
    )
    event_type_id: Mapped[int] = mapped_column(
        ForeignKey("event_types.id", ondelete="CASCADE"), primary_key=True, index=True
    )
