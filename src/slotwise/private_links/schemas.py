"""Request and response shapes of /v2/event-types/{eventTypeId}/private-links (Cal.com's
``CreatePrivateLinkInput`` / ``PrivateLinkOutput``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from slotwise.commands import UNSET
from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.private_links.models import PrivateLink
from slotwise.private_links.service import MAX_USAGE_COUNT, LinkSettings, is_expired
from slotwise.slots.schemas.common import Instant

UsageCount = Annotated[int, Field(ge=1, le=MAX_USAGE_COUNT)]


class CreatePrivateLinkInput(V2Input):
    """Neither field: a link that never expires."""

    expiresAt: Instant | None = Field(default=None, description="When the link stops working")
    maxUsageCount: UsageCount | None = Field(
        default=None, description="How many bookings the link allows"
    )

    def to_settings(self) -> LinkSettings:
        given = self.model_fields_set
        return LinkSettings(
            expires_at=self.expiresAt if "expiresAt" in given else UNSET,
            max_usage_count=self.maxUsageCount if "maxUsageCount" in given else UNSET,
        )


class UpdatePrivateLinkInput(CreatePrivateLinkInput):
    """Only the fields sent change; null removes that limit."""


class PrivateLinkOutput(BaseModel):
    linkId: str = Field(description="The link's secret hash, as in /d/{linkId}/{slug}")
    eventTypeId: int
    isExpired: bool
    bookingUrl: str
    expiresAt: str | None
    maxUsageCount: int | None
    usageCount: int

    @classmethod
    def of(cls, link: PrivateLink, *, slug: str, base_url: str, now: datetime) -> PrivateLinkOutput:
        return cls(
            linkId=link.link,
            eventTypeId=link.event_type_id,
            isExpired=is_expired(link, now=now),
            bookingUrl=f"{base_url.rstrip('/')}/d/{link.link}/{slug}",
            expiresAt=format_instant(link.expires_at) if link.expires_at else None,
            maxUsageCount=link.max_usage_count,
            usageCount=link.usage_count,
        )


class DeletedPrivateLinkOutput(BaseModel):
    linkId: str
    message: str
