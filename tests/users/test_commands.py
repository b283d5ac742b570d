"""The users service's commands: what each face's body turns into (no database)."""

from __future__ import annotations

from dataclasses import fields

from slotwise.commands import UNSET
from slotwise.users.commands import NewUser, UserChanges
from slotwise.users.models import UserRole
from slotwise.users.schemas import (
    FIELD_NAMES,
    CreateUserV1Input,
    UpdateMeInput,
    new_user,
    profile_changes,
)


def test_a_change_carries_only_what_the_client_sent() -> None:
    changes = profile_changes(UpdateMeInput.model_validate({"bio": None, "theme": "dark"}))
    assert changes.given() == {"bio": None, "theme": "dark"}
    assert changes.name is UNSET  # left out, not cleared


def test_a_v1_create_body_becomes_a_new_user_with_its_role() -> None:
    body = CreateUserV1Input.model_validate(
        {"email": "a@example.com", "username": "a", "role": "ADMIN", "brandColor": "#123"}
    )
    new = new_user(body)
    assert new == NewUser(
        email="a@example.com", username="a", brand_color="#123", role=UserRole.ADMIN
    )
    assert new.profile() == {"email": "a@example.com", "username": "a", "brand_color": "#123"}


def test_every_attribute_has_a_client_name() -> None:
    attributes = {field.name for field in fields(UserChanges)}
    assert set(FIELD_NAMES) == attributes
