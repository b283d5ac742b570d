"""Every query on verification codes and verified resources. Verified emails and phones are
read in one owner's scope: a user's own (``emails_of_user`` / ``phones_of_user``: no team) or
a team's (``emails_of_team`` / ``phones_of_team``). Codes are found by purpose and hashed
target only (``codes_for``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.verification.models import VerificationCode, VerifiedEmail, VerifiedPhone


def emails_of_user(user_id: int) -> Select[VerifiedEmail]:
    return select(VerifiedEmail).where(
        VerifiedEmail.user_id == user_id, VerifiedEmail.team_id.is_(None)
    )


def emails_of_team(team_id: int) -> Select[VerifiedEmail]:
    return select(VerifiedEmail).where(VerifiedEmail.team_id == team_id)


def phones_of_user(user_id: int) -> Select[VerifiedPhone]:
    return select(VerifiedPhone).where(
        VerifiedPhone.user_id == user_id, VerifiedPhone.team_id.is_(None)
    )


def phones_of_team(team_id: int) -> Select[VerifiedPhone]:
    return select(VerifiedPhone).where(VerifiedPhone.team_id == team_id)


def codes_for(purpose: str, target_hash: str) -> Select[VerificationCode]:
    return select(VerificationCode).where(
        VerificationCode.purpose == purpose, VerificationCode.target_hash == target_hash
    )


def newest_live_code(
    session: Session, purpose: str, target_hash: str, *, now: datetime
) -> VerificationCode | None:
    """The latest code sent to the target that can still be used (a new request replaces the
    older ones), locked so two guesses cannot both count as the fourth."""
    statement = (
        codes_for(purpose, target_hash)
        .where(VerificationCode.used_at.is_(None), VerificationCode.expires_at > now)
        .order_by(VerificationCode.id.desc())
        .limit(1)
        .with_for_update()
    )
    return session.scalars(statement).first()


def sent_since(session: ReadSession, purpose: str, target_hash: str, since: datetime) -> int:
    statement = select(func.count()).select_from(
        codes_for(purpose, target_hash).where(VerificationCode.created_at > since).subquery()
    )
    return int(session.scalar(statement) or 0)


def find_email(
    session: ReadSession, scope: Select[VerifiedEmail], email_id: int
) -> VerifiedEmail | None:
    return session.scalars(scope.where(VerifiedEmail.id == email_id)).one_or_none()


def find_phone(
    session: ReadSession, scope: Select[VerifiedPhone], phone_id: int
) -> VerifiedPhone | None:
    return session.scalars(scope.where(VerifiedPhone.id == phone_id)).one_or_none()
