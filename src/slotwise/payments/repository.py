"""Every query of payments and invoices, each from a scope of who may read: the seller
(the booking's host) for listings and single reads, the booking's secret uid for the pay
step, and the system (provider events, the worker) by id."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.payments.models import Invoice, InvoiceCounter, Payment, ProcessedProviderEvent


def payments_of_seller(user_id: int) -> Select[Payment]:
    return select(Payment).where(Payment.user_id == user_id)


def every_payment_scope() -> Select[Payment]:
    """The system's reach (the worker, provider events): every payment."""
    return select(Payment)


def invoices_of_seller(user_id: int) -> Select[Invoice]:
    return select(Invoice).where(Invoice.seller_id == user_id)


def every_payment(
    session: ReadSession, scope: Select[Payment], *, take: int, skip: int
) -> list[Payment]:
    return list(session.scalars(scope.order_by(Payment.id).limit(take).offset(skip)))


def payment(session: ReadSession, scope: Select[Payment], payment_id: int) -> Payment | None:
    return session.scalars(scope.where(Payment.id == payment_id)).first()


def payment_by_uid(session: ReadSession, uid: str) -> Payment | None:
    return session.scalars(select(Payment).where(Payment.uid == uid)).first()


def payment_for_update(session: Session, payment_id: int) -> Payment | None:
    return session.scalars(
        select(Payment).where(Payment.id == payment_id).with_for_update()
    ).first()


def payment_of_booking(session: ReadSession, booking_id: int) -> Payment | None:
    """A booking's payment (one per booking; the newest if a reschedule made another)."""
    return session.scalars(
        select(Payment).where(Payment.booking_id == booking_id).order_by(Payment.id.desc())
    ).first()


def payments_of_bookings(session: ReadSession, booking_ids: Sequence[int]) -> list[Payment]:
    if not booking_ids:
        return []
    return list(session.scalars(select(Payment).where(Payment.booking_id.in_(booking_ids))))


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()


def first_time_seen(session: Session, app_slug: str, event_id: str, *, now: object) -> bool:
    """Records a provider event's id; False when it was recorded before (a replay)."""
    try:
        with session.begin_nested():
            session.add(
                ProcessedProviderEvent(app_slug=app_slug, event_id=event_id, received_at=now)
            )
    except IntegrityError:
        return False
    return True


def every_invoice(
    session: ReadSession, scope: Select[Invoice], *, take: int, skip: int
) -> list[Invoice]:
    return list(session.scalars(scope.order_by(Invoice.number).limit(take).offset(skip)))


def invoice(session: ReadSession, scope: Select[Invoice], invoice_id: int) -> Invoice | None:
    return session.scalars(scope.where(Invoice.id == invoice_id)).first()


def invoice_of_payment(session: Session, payment_id: int) -> Invoice | None:
    return session.scalars(select(Invoice).where(Invoice.payment_id == payment_id)).first()


def next_invoice_number(session: Session, seller_id: int) -> int:
    """The seller's next number, taken under a lock on their counter row (PostgreSQL:
    FOR UPDATE; SQLite: the write transaction's lock), so concurrent payments get 1, 2, 3
    ... with no gap and no repeat; a rollback gives the number back with the row."""
    counter = _counter_for_update(session, seller_id)
    if counter is None:
        try:
            with session.begin_nested():
                session.add(InvoiceCounter(seller_id=seller_id, next_number=1))
        except IntegrityError:  # another transaction made it first: wait for its lock
            pass
        counter = _counter_for_update(session, seller_id)
    assert counter is not None  # made just above
    number = counter.next_number
    counter.next_number = number + 1
    session.flush()
    return number


def _counter_for_update(session: Session, seller_id: int) -> InvoiceCounter | None:
    return session.scalars(
        select(InvoiceCounter)
        .where(InvoiceCounter.seller_id == seller_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
