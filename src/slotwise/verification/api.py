"""/v2/verified-resources/{emails,phones} (the caller's own) and
/v2/teams/{teamId}/verified-resources/... (a team's, for its admins): request a code, verify
it, list and read what was verified. /v2/atoms/verification/email/{send-code,verify-code}:
the public booker check before booking an event type that requires it.

A wrong code is a 400, but the guess is committed first: five wrong guesses lock the code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from sqlalchemy.orm import Session

from slotwise.auth.dependencies import CurrentUser
from slotwise.db import ReadSession
from slotwise.errors import Forbidden, Invalid, NotFound
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.teams import access
from slotwise.teams.models import MembershipRole
from slotwise.verification import codes, service
from slotwise.verification.schemas import (
    BookerCodeOutput,
    BookerVerifiedOutput,
    EmailCodeInput,
    EmailInput,
    PhoneCodeInput,
    PhoneInput,
    RequestedOutput,
    VerifiedEmailOutput,
    VerifiedPhoneOutput,
)
from slotwise.verification.service import Owner, Verdict

router = APIRouter(tags=["Verified resources"], responses=V2_ERROR_RESPONSES)

MAX_TAKE = 250
Take = Annotated[int, Query(ge=1, le=MAX_TAKE)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]


def own(user: CurrentUser) -> Owner:
    return Owner(user.id)


def of_team(user: CurrentUser, session: ReadSessionDep, teamId: IdPath) -> Owner:
    return Owner(user.id, _team_admin(session, user.id, teamId))


def _team_admin(session: ReadSession, user_id: int, team_id: int) -> int:
    role = access.role_in(session, team_id, user_id)
    if role is None:
        raise NotFound(f"Team with id {team_id} not found")
    if not role.at_least(MembershipRole.ADMIN):
        raise Forbidden("Only the team's admins and owners manage its verified resources")
    return team_id


def _answer(session: Session, verdict: Verdict) -> None:
    """Keep the guess (its count) whatever it was, then refuse a wrong one."""
    session.commit()
    if not verdict.ok:
        raise Invalid.field("code", verdict.message)


def _register(prefix: str, owner_of: Callable[..., Owner]) -> None:
    # A default, not an Annotated alias: annotations are strings here (PEP 563) and a
    # local alias would not resolve.
    owned = Depends(owner_of)

    @router.post(f"{prefix}/emails/verification-code/request", response_model=RequestedOutput)
    def request_email_code(
        session: WriteSessionDep, settings: SettingsDep, now: NowDep,
        body: EmailInput = Body(), owner: Owner = owned,
    ) -> RequestedOutput:  # fmt: skip
        """Email a six-digit code (valid 10 minutes) to the address; 5 a minute at most."""
        email = codes.email_address(body.email)
        service.request_code(session, settings, "email", email, now=now, owner=owner)
        return RequestedOutput()

    @router.post(f"{prefix}/phones/verification-code/request", response_model=RequestedOutput)
    def request_phone_code(
        session: WriteSessionDep, settings: SettingsDep, now: NowDep,
        body: PhoneInput = Body(), owner: Owner = owned,
    ) -> RequestedOutput:  # fmt: skip
        """Text a six-digit code (valid 10 minutes) to the number; 3 a minute at most."""
        phone = codes.phone_number(body.phone)
        service.request_code(session, settings, "phone", phone, now=now, owner=owner)
        return RequestedOutput()

    @router.post(
        f"{prefix}/emails/verification-code/verify",
        response_model=SuccessEnvelope[VerifiedEmailOutput],
    )
    def verify_email(
        session: WriteSessionDep, settings: SettingsDep, now: NowDep,
        body: EmailCodeInput = Body(), owner: Owner = owned,
    ) -> SuccessEnvelope[VerifiedEmailOutput]:  # fmt: skip
        email = codes.email_address(body.email)
        found, verdict = service.verify_email(session, settings, owner, email, body.code, now=now)
        _answer(session, verdict)
        assert found is not None
        return success(VerifiedEmailOutput.of(found))

    @router.post(
        f"{prefix}/phones/verification-code/verify",
        response_model=SuccessEnvelope[VerifiedPhoneOutput],
    )
    def verify_phone(
        session: WriteSessionDep, settings: SettingsDep, now: NowDep,
        body: PhoneCodeInput = Body(), owner: Owner = owned,
    ) -> SuccessEnvelope[VerifiedPhoneOutput]:  # fmt: skip
        phone = codes.phone_number(body.phone)
        found, verdict = service.verify_phone(session, settings, owner, phone, body.code, now=now)
        _answer(session, verdict)
        assert found is not None
        return success(VerifiedPhoneOutput.of(found))

    @router.get(f"{prefix}/emails", response_model=SuccessEnvelope[list[VerifiedEmailOutput]])
    def list_emails(
        session: ReadSessionDep, take: Take = MAX_TAKE, skip: Skip = 0, owner: Owner = owned
    ) -> SuccessEnvelope[list[VerifiedEmailOutput]]:
        rows = service.list_emails(session, owner, take=take, skip=skip)
        return success([VerifiedEmailOutput.of(row) for row in rows])

    @router.get(f"{prefix}/phones", response_model=SuccessEnvelope[list[VerifiedPhoneOutput]])
    def list_phones(
        session: ReadSessionDep, take: Take = MAX_TAKE, skip: Skip = 0, owner: Owner = owned
    ) -> SuccessEnvelope[list[VerifiedPhoneOutput]]:
        rows = service.list_phones(session, owner, take=take, skip=skip)
        return success([VerifiedPhoneOutput.of(row) for row in rows])

    @router.get(f"{prefix}/emails/{{id}}", response_model=SuccessEnvelope[VerifiedEmailOutput])
    def get_email(
        session: ReadSessionDep, id: IdPath, owner: Owner = owned
    ) -> SuccessEnvelope[VerifiedEmailOutput]:
        return success(VerifiedEmailOutput.of(service.get_email(session, owner, id)))

    @router.get(f"{prefix}/phones/{{id}}", response_model=SuccessEnvelope[VerifiedPhoneOutput])
    def get_phone(
        session: ReadSessionDep, id: IdPath, owner: Owner = owned
    ) -> SuccessEnvelope[VerifiedPhoneOutput]:
        return success(VerifiedPhoneOutput.of(service.get_phone(session, owner, id)))

    del request_email_code, request_phone_code, verify_email, verify_phone
    del list_emails, list_phones, get_email, get_phone


_register("/v2/verified-resources", own)
_register("/v2/teams/{teamId}/verified-resources", of_team)


# --- the booker, before booking (public) -----------------------------------------------------


@router.post(
    "/v2/atoms/verification/email/send-code", response_model=SuccessEnvelope[BookerCodeOutput]
)
def send_booker_code(
    session: WriteSessionDep, settings: SettingsDep, now: NowDep, body: EmailInput = Body()
) -> SuccessEnvelope[BookerCodeOutput]:
    """Email a booker a code for an event type that requires a verified email; the booking
    then carries it as ``emailVerificationCode`` once verified below."""
    email = codes.email_address(body.email)
    service.request_code(session, settings, "booker_email", email, now=now)
    return success(BookerCodeOutput())


@router.post(
    "/v2/atoms/verification/email/verify-code",
    response_model=SuccessEnvelope[BookerVerifiedOutput],
)
def verify_booker_code(
    session: WriteSessionDep, settings: SettingsDep, now: NowDep, body: EmailCodeInput = Body()
) -> SuccessEnvelope[BookerVerifiedOutput]:
    email = codes.email_address(body.email)
    verdict = service.check(session, settings, "booker_email", email, body.code, now=now)
    _answer(session, verdict)
    return success(BookerVerifiedOutput())


__all__: list[Any] = ["router"]
