"""v1 user routes: un-enveloped bodies, ``?apiKey=`` auth, ``{"message"}`` errors."""

from __future__ import annotations

from fastapi import APIRouter

from slotwise.auth.dependencies import CurrentUserV1
from slotwise.errors import fields_named
from slotwise.http.deps import (
    NowDep,
    ReadSessionDep,
    SettingsDep,
    WriteSessionDep,
)
from slotwise.http.envelope import V1_ERROR_RESPONSES
from slotwise.http.params import IdPath
from slotwise.users import service
from slotwise.users.passwords import password_hasher
from slotwise.users.schemas import (
    FIELD_NAMES,
    CreateUserV1Input,
    MessageV1,
    UpdateUserV1Input,
    UsersV1Envelope,
    UserV1Envelope,
    UserV1Output,
    new_user,
    profile_changes,
)

router = APIRouter(prefix="/v1", tags=["Users (v1)"], responses=V1_ERROR_RESPONSES)


@router.get("/me", response_model=UserV1Envelope)
def get_me_v1(user: CurrentUserV1) -> UserV1Envelope:
    return UserV1Envelope(user=UserV1Output.from_model(user))


@router.get("/users", response_model=UsersV1Envelope)
def list_users_v1(user: CurrentUserV1, session: ReadSessionDep) -> UsersV1Envelope:
    """Admins see every user; anyone else sees only themselves (as Cal.com's v1 does)."""
    users = service.list_users(session, user)
    return UsersV1Envelope(users=[UserV1Output.from_model(u) for u in users])


@router.post("/users", status_code=201, response_model=UserV1Envelope)
def create_user_v1(
    body: CreateUserV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> UserV1Envelope:
    service.require_admin(actor, "create users")
    with fields_named(FIELD_NAMES):
        created = service.create_user(
            session, new_user(body), now=now, hasher=password_hasher(settings)
        )
    return UserV1Envelope(user=UserV1Output.from_model(created))


@router.get("/users/{user_id}", response_model=UserV1Envelope)
def get_user_v1(user_id: IdPath, actor: CurrentUserV1, session: ReadSessionDep) -> UserV1Envelope:
    return UserV1Envelope(user=UserV1Output.from_model(service.get_user(session, actor, user_id)))


@router.patch("/users/{user_id}", response_model=UserV1Envelope)
def update_user_v1(
    user_id: IdPath,
    body: UpdateUserV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
    now: NowDep,
) -> UserV1Envelope:
    target = service.get_user(session, actor, user_id)
    with fields_named(FIELD_NAMES):
        updated = service.update_user(session, actor, target, profile_changes(body), now=now)
    return UserV1Envelope(user=UserV1Output.from_model(updated))


@router.delete("/users/{user_id}", response_model=MessageV1)
def delete_user_v1(user_id: IdPath, actor: CurrentUserV1, session: WriteSessionDep) -> MessageV1:
    service.delete_user(session, actor, user_id)
    return MessageV1(message=f"User with id: {user_id} deleted successfully")
