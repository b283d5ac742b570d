"""Payments of paid bookings, the provider events already handled, and invoices.

- ``Payment``: Cal.com's Payment row (spec/api.md §16). One per paid booking, made when the
  booking is made (``success`` false, the slot held until ``hold_expires_at``); the provider
  (``app_slug``: ``stripe``, ``manual``) marks it paid, and a refund marks it ``refunded``.
  ``external_id``: the provider's id (Stripe: the Checkout Session, then its PaymentIntent).
  ``user_id``: the seller (the booking's host), whom every read is scoped to.
- ``ProcessedProviderEvent``: each signed provider event acted upon, by its id, so a
  replayed event (even one whose signature is still fresh) changes nothing twice.
- ``InvoiceCounter`` and ``Invoice``: one invoice per paid booking, numbered 1, 2, 3 ... per
  seller with no gap: the number is taken from the seller's counter row under a row lock (a
  write lock on SQLite) in the transaction that records the payment, so a rolled back
  payment gives its number back.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime


class PaymentOption(enum.StrEnum):
    ON_BOOKING = "ON_BOOKING"  # charged when booking
    HOLD = "HOLD"  # the card is held; charged later (e.g. for a no-show)


class InvoiceStatus(enum.StrEnum):
    PAID = "paid"
    REFUNDED = "refunded"


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount"),
        CheckConstraint("payment_option IN ('ON_BOOKING', 'HOLD')", name="payment_option"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    app_slug: Mapped[str] = mapped_column(String(100))
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    amount: Mapped[int] = mapped_column(Integer)  # minor units
    fee: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3))  # ISO 4217, lower case
    payment_option: Mapped[str] = mapped_column(String(16))
    success: Mapped[bool] = mapped_column(default=False)
    refunded: Mapped[bool] = mapped_column(default=False)
    external_id: Mapped[str | None] = mapped_column(String(255), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProcessedProviderEvent(Base):
    __tablename__ = "processed_provider_events"
    __table_args__ = (
        UniqueConstraint("app_slug", "event_id", name="uq_processed_provider_events_app_event"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    app_slug: Mapped[str] = mapped_column(String(100))
    event_id: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InvoiceCounter(Base):
    """The next invoice number of one seller."""

    __tablename__ = "invoice_counters"

    seller_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    next_number: Mapped[int] = mapped_column(Integer)


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("seller_id", "number", name="uq_invoices_seller_number"),
        UniqueConstraint("payment_id", name="uq_invoices_payment_id"),
        CheckConstraint("status IN ('paid', 'refunded')", name="status"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id", ondelete="CASCADE"))
    booking_uid: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    tax_rate_basis_points: Mapped[int] = mapped_column(Integer, default=0)  # 1900 = 19 %
    subtotal: Mapped[int] = mapped_column(Integer)  # minor units, before tax
    tax: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)  # what was paid
    seller: Mapped[dict[str, Any]] = mapped_column(JSONDocument)  # {name, email}
    buyer: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    line_items: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
