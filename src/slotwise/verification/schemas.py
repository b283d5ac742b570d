"""Request and response shapes of /v2/verified-resources (spec/api.md §13) and of the public
booker email check (Cal.com's /v2/atoms/verification/email/...)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, field_validator

from slotwise.http.inputs import V2Input
from slotwise.verification.models import VerifiedEmail, VerifiedPhone


class EmailInput(V2Input):
    email: str = Field(max_length=254)

    @field_validator("email")
    @classmethod
    def _an_address(cls, value: str) -> str:
        """A code is only worth sending to an address that can receive it (the same check as
        attendees' and users' emails); the address is kept as given."""
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError as exc:
            raise ValueError(f"is not a valid email address ({exc})") from None
        return value


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
