"""Shapes of the read-only booking sub-resources (2024-08-13): add-to-calendar links and a
booking's attendees."""

from __future__ import annotations

from pydantic import BaseModel

from slotwise.bookings.calendar_links import CalendarLink


class CalendarLinkOutput(BaseModel):
    label: str
    link: str

    @classmethod
    def of(cls, link: CalendarLink) -> CalendarLinkOutput:
        return cls(label=link.label, link=link.link)
