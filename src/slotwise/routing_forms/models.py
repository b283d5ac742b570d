"""Routing forms and their responses (Cal.com's ``App_RoutingForms_Form`` and
``App_RoutingForms_FormResponse``).

A form's fields and routes are documents (JSON), validated as a whole by the service when
written (``validation.py``): they are read and written together, and a route refers to
fields by id inside the same document. A response keeps the answers, the route it took and,
once the visitor books, the booking's uid.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime

NAME_MAX_LENGTH = 200


class RoutingForm(Base):
    __tablename__ = "routing_forms"
    __table_args__ = (CheckConstraint("(user_id IS NULL) <> (team_id IS NULL)", name="one_owner"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # a uuid, as Cal.com's
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # A team's form, or an organization's (an organization is a team).
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    fields: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    routes: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RoutingFormResponse(Base):
    __tablename__ = "routing_form_responses"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[str] = mapped_column(
        ForeignKey("routing_forms.id", ondelete="CASCADE"), index=True
    )
    # {fieldId: {"label": ..., "value": ...}}, as Cal.com returns it.
    response: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    route_id: Mapped[str | None] = mapped_column(String(64))
    # The team members attribute routing chose (None: not an attribute-routed team target).
    routed_member_ids: Mapped[list[int] | None] = mapped_column(JSONDocument)
    routed_to_booking_uid: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
