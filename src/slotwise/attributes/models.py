"""An organization's member attributes (Cal.com's ``Attribute``, ``AttributeOption``,
``AttributeToUser``).

Every value a member holds is an option: a TEXT or NUMBER attribute's value assigned to a
member becomes an option of its own (as Cal.com stores it), so one table says who holds what.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime


class AttributeType(enum.StrEnum):
    TEXT = "TEXT"
    NUMBER = "NUMBER"
    SINGLE_SELECT = "SINGLE_SELECT"
    MULTI_SELECT = "MULTI_SELECT"


SELECT_TYPES = frozenset({AttributeType.SINGLE_SELECT, AttributeType.MULTI_SELECT})


class Attribute(Base):
    __tablename__ = "attributes"
    __table_args__ = (
        UniqueConstraint("team_id", "slug", name="uq_attributes_team_id_slug"),
        CheckConstraint("type IN ('TEXT', 'NUMBER', 'SINGLE_SELECT', 'MULTI_SELECT')", name="type"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))
    enabled: Mapped[bool] = mapped_column(default=True)
    users_can_edit_relation: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttributeOption(Base):
    __tablename__ = "attribute_options"
    __table_args__ = (
        UniqueConstraint("attribute_id", "slug", name="uq_attribute_options_attribute_id_slug"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attributes.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str] = mapped_column(String(500))
    slug: Mapped[str] = mapped_column(String(500))


class AttributeAssignment(Base):
    """A member holds an option (of the organization ``team_id``'s attribute)."""

    __tablename__ = "attribute_assignments"
    __table_args__ = (
        UniqueConstraint("option_id", "user_id", name="uq_attribute_assignments_option_user"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    option_id: Mapped[int] = mapped_column(
        ForeignKey("attribute_options.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
