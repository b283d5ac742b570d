"""Payment and invoice shapes: v1's Payment (spec/api.md §16), the Stripe routes' outputs
(§15), and slotwise's invoices (named in Cal.com's style; Cal.com has none)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from slotwise.http.envelope import format_instant
from slotwise.payments.models import Invoice, Payment


class PaymentV1(BaseModel):
    id: int
    uid: str
    appId: str = Field(description='The payment app: "stripe", or "manual" (paid on site)')
    bookingId: int
    amount: int = Field(description="Minor units (2500 = 25.00)")
    fee: int
    currency: str = Field(description='ISO 4217, lower case ("usd")')
    success: bool
    refunded: bool
    data: dict[str, Any] = Field(description="What the provider answered (no secrets)")
    externalId: str | None = Field(description="The provider's id: Stripe's PaymentIntent")
    paymentOption: str = Field(description="ON_BOOKING or HOLD")

    @classmethod
    def of(cls, payment: Payment) -> PaymentV1:
        shown = ("checkoutUrl", "paymentIntent", "refundId")
        return cls(
            id=payment.id,
            uid=payment.uid,
            appId=payment.app_slug,
            bookingId=payment.booking_id,
            amount=payment.amount,
            fee=payment.fee,
            currency=payment.currency,
            success=payment.success,
            refunded=payment.refunded,
            data={k: v for k, v in payment.data.items() if k in shown},
            externalId=payment.external_id,
            paymentOption=payment.payment_option,
        )


class PaymentsV1Envelope(BaseModel):
    payments: list[PaymentV1]


class PaymentV1Envelope(BaseModel):
    payment: PaymentV1


class StripeConnectOutput(BaseModel):
    authUrl: str


class StripeCheckOutput(BaseModel):
    status: str = Field(description='"success" when the caller connected a Stripe account')


class StripeEventReceived(BaseModel):
    received: bool
    duplicate: bool | None = None


class InvoiceLineItem(BaseModel):
    description: str
    quantity: int
    unitAmount: int
    amount: int


class InvoiceParty(BaseModel):
    name: str | None = None
    email: str | None = None


class InvoiceOutput(BaseModel):
    id: int
    uid: str
    number: int = Field(description="Gapless per seller: 1, 2, 3 ...")
    status: str = Field(description="paid or refunded")
    currency: str
    taxRate: float = Field(description="Percent (19.0 = 19 %), included in the amounts")
    subtotal: int = Field(description="Minor units, before tax")
    tax: int
    total: int
    seller: InvoiceParty
    buyer: InvoiceParty
    lineItems: list[InvoiceLineItem]
    bookingUid: str
    paymentId: int
    issuedAt: str
    refundedAt: str | None

    @classmethod
    def of(cls, invoice: Invoice) -> InvoiceOutput:
        return cls(
            id=invoice.id,
            uid=invoice.uid,
            number=invoice.number,
            status=invoice.status,
            currency=invoice.currency,
            taxRate=invoice.tax_rate_basis_points / 100,
            subtotal=invoice.subtotal,
            tax=invoice.tax,
            total=invoice.total,
            seller=InvoiceParty(**invoice.seller),
            buyer=InvoiceParty(**invoice.buyer),
            lineItems=[InvoiceLineItem(**item) for item in invoice.line_items],
            bookingUid=invoice.booking_uid,
            paymentId=invoice.payment_id,
            issuedAt=format_instant(invoice.issued_at),
            refundedAt=format_instant(invoice.refunded_at) if invoice.refunded_at else None,
        )
