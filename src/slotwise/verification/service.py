"""Verification codes: a booker's email before booking an event type that asks for it, and
the emails and phone numbers a user (or a team) verifies so that workflow steps may write
to them (spec/api.md §13).

Rules: six digits, ten minutes, at most five wrong tries per code (then a new one must be
requested), at most 5 requests a minute per email address and 3 per phone number. Codes and
addresses are stored hashed (``codes.py``); the code travels to the worker encrypted and is
never logged. A guess is recorded whatever its outcome: ``check`` returns a verdict instead of
raising, and the router commits before it answers a wrong code with 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select
from sqlalchemy.orm import Session

from slotwise.config import Settings
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound
from slotwise.outbox import service as outbox
from slotwise.ratelimit.errors import RateLimited
from slotwise.ratelimit.limits import Decision
from slotwise.verification import codes, repository
from slotwise.verification.models import VerificationCode, VerifiedEmail, VerifiedPhone

CODE_LIFETIME = timedelta(minutes=10)
MAX_WRONG_TRIES = 5
REQUESTS_PER_MINUTE = {"email": 5, "booker_email": 5, "phone": 3}
VERIFICATION_EMAIL_KIND = "verification_email"
VERIFICATION_SMS_KIND = "verification_sms"


@dataclass(frozen=True)
class Owner:
    """Who verifies: a user for themselves, or for one of their teams."""

    user_id: int
    team_id: int | None = None


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str = ""


def request_code(
    session: Session,
    settings: Settings,
    purpose: str,
    target: str,
    *,
    now: datetime,
    owner: Owner | None = None,
) -> None:
    """Send a new code to ``target`` (already normalized); older codes stay valid until they
    expire, but only the newest is checked."""
    kind = "phone" if purpose == "phone" else "email"
    hashed = codes.target_hash(kind, target)
    _within_rate(session, purpose, hashed, now=now)
    code = codes.new_code()
    session.add(
        VerificationCode(
            purpose=purpose,
            target_hash=hashed,
            code_hash=codes.code_hash(settings, target, code),
            user_id=owner.user_id if owner else None,
            team_id=owner.team_id if owner else None,
            attempts=0,
            expires_at=now + CODE_LIFETIME,
            created_at=now,
        )
    )
    payload = {"to": target, "purpose": purpose, "code": codes.sealed(settings, code)}
    outbox.enqueue(
        session,
        VERIFICATION_SMS_KIND if kind == "phone" else VERIFICATION_EMAIL_KIND,
        payload,
        now=now,
    )


def check(
    session: Session, settings: Settings, purpose: str, target: str, code: str, *, now: datetime
) -> Verdict:
    """One guess at the newest live code of ``target``; a right one uses the code up."""
    kind = "phone" if purpose == "phone" else "email"
    row = repository.newest_live_code(session, purpose, codes.target_hash(kind, target), now=now)
    if row is None:
        return Verdict(False, "No valid code for this address: request a new one")
    if row.attempts >= MAX_WRONG_TRIES:
        return Verdict(False, "Too many wrong codes: request a new one")
    if not codes.same(row.code_hash, codes.code_hash(settings, target, code.strip())):
        row.attempts += 1
        session.flush()
        return Verdict(False, "The code is wrong")
    row.used_at = now
    if purpose == "booker_email":
        # The booking that uses it has no instance key at hand: keep a plain hash of the
        # verified code, good for one booking until the code's ten minutes are over.
        row.code_hash = codes.verified_hash(row.id, target, code.strip())
    session.flush()
    return Verdict(True)


def verify_email(
    session: Session, settings: Settings, owner: Owner, email: str, code: str, *, now: datetime
) -> tuple[VerifiedEmail | None, Verdict]:
    verdict = check(session, settings, "email", email, code, now=now)
    if not verdict.ok:
        return None, verdict
    scope = _emails(owner).where(VerifiedEmail.email == email)
    found = session.scalars(scope).first()
    if found is None:
        found = VerifiedEmail(
            user_id=owner.user_id, team_id=owner.team_id, email=email, created_at=now
        )
        session.add(found)
        session.flush()
    return found, verdict


def verify_phone(
    session: Session, settings: Settings, owner: Owner, phone: str, code: str, *, now: datetime
) -> tuple[VerifiedPhone | None, Verdict]:
    verdict = check(session, settings, "phone", phone, code, now=now)
    if not verdict.ok:
        return None, verdict
    scope = _phones(owner).where(VerifiedPhone.phone_number == phone)
    found = session.scalars(scope).first()
    if found is None:
        found = VerifiedPhone(
            user_id=owner.user_id, team_id=owner.team_id, phone_number=phone, created_at=now
        )
        session.add(found)
        session.flush()
    return found, verdict


def list_emails(session: ReadSession, owner: Owner, *, take: int, skip: int) -> list[VerifiedEmail]:
    statement = _emails(owner).order_by(VerifiedEmail.id).offset(skip).limit(take)
    return list(session.scalars(statement))


def list_phones(session: ReadSession, owner: Owner, *, take: int, skip: int) -> list[VerifiedPhone]:
    statement = _phones(owner).order_by(VerifiedPhone.id).offset(skip).limit(take)
    return list(session.scalars(statement))


def get_email(session: ReadSession, owner: Owner, email_id: int) -> VerifiedEmail:
    found = repository.find_email(session, _emails(owner), email_id)
    if found is None:
        raise NotFound(f"Verified email with id {email_id} not found")
    return found


def get_phone(session: ReadSession, owner: Owner, phone_id: int) -> VerifiedPhone:
    found = repository.find_phone(session, _phones(owner), phone_id)
    if found is None:
        raise NotFound(f"Verified phone with id {phone_id} not found")
    return found


def use_booker_code(session: Session, email: str, code: str | None, *, now: datetime) -> None:
    """A booking of an event type that requires the booker's email to be verified: the code
    must be the one the booker confirmed at ``/v2/atoms/verification/email/verify-code``
    within its ten minutes, and serves one booking. Guesses are counted there, where they
    are committed; a booking's own transaction would roll its count back."""
    if not code:
        raise Invalid.field(
            "emailVerificationCode", "this event type requires the booker's email to be verified"
        )
    address = codes.email_address(email, "attendee.email")
    hashed = codes.target_hash("email", address)
    statement = (
        repository.codes_for("booker_email", hashed)
        .where(VerificationCode.used_at.is_not(None), VerificationCode.expires_at > now)
        .order_by(VerificationCode.id.desc())
        .limit(1)
        .with_for_update()
    )
    row = session.scalars(statement).first()
    if row is None or not codes.same(row.code_hash, codes.verified_hash(row.id, address, code)):
        raise Invalid.field("emailVerificationCode", "is not a verified code for this email")
    row.expires_at = now  # one booking per code


def _within_rate(session: ReadSession, purpose: str, hashed: str, *, now: datetime) -> None:
    limit = REQUESTS_PER_MINUTE[purpose]
    if repository.sent_since(session, purpose, hashed, now - timedelta(minutes=1)) >= limit:
        decision = Decision(allowed=False, limit=limit, remaining=0, reset_after=60)
        raise RateLimited("Too many codes requested for this address: wait a minute", decision)


def _emails(owner: Owner) -> Select[VerifiedEmail]:
    if owner.team_id is None:
        return repository.emails_of_user(owner.user_id)
    return repository.emails_of_team(owner.team_id)


def _phones(owner: Owner) -> Select[VerifiedPhone]:
    if owner.team_id is None:
        return repository.phones_of_user(owner.user_id)
    return repository.phones_of_team(owner.team_id)
