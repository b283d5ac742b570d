"""Request and response shapes of /v2/verified-resources (spec/api.md §13) and of the public
booker email check (Cal.com's /v2/atoms/verification/email/...)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from slotwise.http.inputs import V2Input
from slotwise.verification.models import VerifiedEmail, VerifiedPhone


class EmailInput(V2Input):
    email: str = Field(max_length=254)


class EmailCodeInput(EmailInput):
    code: str = Field(min_length=1, max_length=16)


class PhoneInput(V2Input):
    phone: str = Field(max_length=20, description="E.164, e.g. +442071234567")


class PhoneCodeInput(PhoneInput):
    code: str = Field(min_length=1, max_length=16)


class RequestedOutput(BaseModel):
    status: str = "success"


class VerifiedEmailOutput(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    email: str
    userId: int

    @classmethod
    def of(cls, row: VerifiedEmail) -> VerifiedEmailOutput:
        team = {"teamId": row.team_id} if row.team_id is not None else {}
        return cls(id=row.id, email=row.email, userId=row.user_id, **team)


class VerifiedPhoneOutput(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    phoneNumber: str
    userId: int

    @classmethod
    def of(cls, row: VerifiedPhone) -> VerifiedPhoneOutput:
        team = {"teamId": row.team_id} if row.team_id is not None else {}
        return cls(id=row.id, phoneNumber=row.phone_number, userId=row.user_id, **team)


class BookerCodeOutput(BaseModel):
    sent: bool = True


class BookerVerifiedOutput(BaseModel):
    verified: bool = True
