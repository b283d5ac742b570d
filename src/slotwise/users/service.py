"""The rules for users: who they are, what a profile may hold, who may see or change whom.

Operations take typed commands (``commands.py``; each face builds them from its own input).
Every operation validates the whole change first and writes nothing when any field is
wrong: callers get one error naming every bad field.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slotwise.commands import UNSET
from slotwise.core.timezones import is_iana_time_zone
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Forbidden, Invalid, NotFound
from slotwise.schedules import repository as schedules
from slotwise.users import repository
from slotwise.users.commands import NewUser, UserChanges
from slotwise.users.models import User, UserRole
from slotwise.users.passwords import PASSWORD_MIN_LENGTH
from slotwise.users.usernames import normalize_username, username_problem

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The interface languages Cal.com accepts for a user's locale.
LOCALES = frozenset(
    [
        "ar",
        "az",
        "bg",
        "bn",
        "ca",
        "cs",
        "da",
        "de",
        "el",
        "en",
        "es",
        "es-419",
        "et",
        "eu",
        "fi",
        "fr",
        "he",
        "hr",
        "hu",
        "id",
        "it",
        "iw",
        "ja",
        "km",
        "ko",
        "lv",
        "nl",
        "no",
        "pl",
        "pt",
        "pt-BR",
        "ro",
        "ru",
        "sk",
        "sr",
        "sv",
        "ta",
        "th",
        "tr",
        "uk",
        "vi",
        "zh-CN",
        "zh-TW",
    ]
)
THEMES = ("light", "dark")
HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
METADATA_MAX_KEYS = 50
METADATA_MAX_KEY_LENGTH = 40
METADATA_MAX_STRING_LENGTH = 500
NAME_MAX_LENGTH = 200
BIO_MAX_LENGTH = 2000
URL_MAX_LENGTH = 2048
NULLABLE = frozenset(
    {"locale", "avatar_url", "bio", "brand_color", "dark_brand_color", "theme", "app_theme",
     "default_schedule_id"}
)  # fmt: skip


def create_user(session: Session, new: NewUser, *, now: datetime, hasher: PasswordHasher) -> User:
    """A new user; what ``new`` leaves UNSET takes its default."""
    profile = new.profile()
    problems: list[dict[str, str]] = []
    for required in ("email", "username"):
        if not profile.get(required):
            problems.append({"field": required, "message": "is required"})
    password = new.password
    if password is not None and len(password) < PASSWORD_MIN_LENGTH:
        problems.append(
            {"field": "password", "message": f"must be at least {PASSWORD_MIN_LENGTH} characters"}
        )
    values = _validated(session, profile, problems, user_id=None)
    values.setdefault("name", "")
    values.setdefault("time_zone", "UTC")
    user = User(
        **values,
        role=new.role.value,
        password_hash=hasher.hash(password) if password else None,
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    _flush_unique(session)
    return user


def update_user(
    session: Session, actor: User, user: User, changes: UserChanges, *, now: datetime
) -> User:
    """Apply a partial profile change; only an admin may change a role."""
    if changes.role is not UNSET and changes.role != user.role and not actor.is_admin:
        raise Forbidden("Only an instance administrator can change a user's role")
    problems: list[dict[str, str]] = []
    values = _validated(session, changes.given(), problems, user_id=user.id)
    for attribute, value in values.items():
        setattr(user, attribute, value)
    user.updated_at = now
    _flush_unique(session)
    return user


def get_user(session: ReadSession, actor: User, user_id: int) -> User:
    user = repository.get_readable(session, actor, user_id)
    if user is None:
        raise NotFound(f"User with id {user_id} not found")
    return user


def list_users(session: ReadSession, actor: User) -> list[User]:
    return repository.list_readable(session, actor)


def list_all_users(session: ReadSession) -> list[User]:
    """Every user, for the operator's CLI (no caller to scope by)."""
    return repository.list_all(session)


def require_admin(actor: User, action: str) -> None:
    if not actor.is_admin:
        raise Forbidden(f"Only an instance administrator can {action}")


def set_locked(session: Session, actor: User, user_id: int, locked: bool, *, now: datetime) -> User:
    """Disables (or enables again) an account: only an instance admin, never their own."""
    require_admin(actor, "disable or enable users")
    user = get_user(session, actor, user_id)
    if user.id == actor.id:
        raise Invalid.field("locked", "You cannot disable your own account")
    user.locked = locked
    user.updated_at = now
    session.flush()
    return user


def delete_user(session: Session, actor: User, user_id: int) -> None:
    user = get_user(session, actor, user_id)
    session.delete(user)
    session.flush()


def remove_user(session: Session, user: User) -> None:
    """Deletes a user whom the caller found through a rule of its own (an organization's
    admin, ``slotwise.teams.organizations``); ``delete_user`` is the instance admin's."""
    session.delete(user)
    session.flush()


def count_users(session: ReadSession) -> int:
    return repository.count_users(session)


# --- validation --------------------------------------------------------------------------


def _validated(
    session: ReadSession,
    values: dict[str, Any],
    problems: list[dict[str, str]],
    *,
    user_id: int | None,
) -> dict[str, Any]:
    """Checks every given field, normalizes it, and raises one Invalid naming all bad
    fields."""

    def bad(attribute: str, message: str) -> None:
        problems.append({"field": attribute, "message": message})

    for attribute, value in list(values.items()):
        if value is None:
            if attribute not in NULLABLE:
                bad(attribute, "must not be null")
            continue
        if _holds_nul(value):  # PostgreSQL text and JSONB cannot store U+0000
            bad(attribute, "must not contain the NUL character")
            continue
        check = _CHECKS.get(attribute)
        if check is None:
            continue
        outcome = check(value)
        if isinstance(outcome, _Problem):
            bad(attribute, outcome.message)
        else:
            values[attribute] = outcome
    if problems:
        raise Invalid.fields(problems)
    _check_default_schedule(session, values, user_id=user_id)
    _check_unique(session, values, user_id=user_id)
    return values


def _check_default_schedule(
    session: ReadSession, values: dict[str, Any], *, user_id: int | None
) -> None:
    """A default schedule is one of the user's own, and stays set while they have any."""
    if "default_schedule_id" in values:
        schedule_id = values["default_schedule_id"]
        if (
            schedule_id is None
            and user_id is not None
            and schedules.count_of_user(session, user_id) > 0
        ):
            raise Invalid.field(
                "default_schedule_id", "must name one of your schedules while you have any"
            )
        if schedule_id is not None and (
            user_id is None or schedules.find_of_user(session, user_id, schedule_id) is None
        ):
            raise NotFound(f"Schedule with id {schedule_id} not found")


def _check_unique(session: ReadSession, values: dict[str, Any], *, user_id: int | None) -> None:
    if "email" in values and repository.email_taken(
        session, values["email"], except_user_id=user_id
    ):
        raise Conflict(f"A user with the email {values['email']} already exists")
    if "username" in values and repository.username_taken(
        session, values["username"], except_user_id=user_id
    ):
        raise Conflict(f"The username {values['username']} is already taken")


class _Problem:
    def __init__(self, message: str) -> None:
        self.message = message


def _email(value: Any) -> Any:
    if not isinstance(value, str):
        return _Problem("must be a string")
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        return _Problem(f"is not a valid email address ({exc})")


def _username(value: Any) -> Any:
    if not isinstance(value, str):
        return _Problem("must be a string")
    username = normalize_username(value)
    problem = username_problem(username)
    return _Problem(problem) if problem else username


def _text(max_length: int, *, allow_empty: bool) -> Any:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return _Problem("must be a string")
        value = value.strip()
        if not value and not allow_empty:
            return _Problem("must not be empty")
        if len(value) > max_length:
            return _Problem(f"must be at most {max_length} characters")
        return value

    return check


def _time_zone(value: Any) -> Any:
    if isinstance(value, str) and is_iana_time_zone(value):
        return value
    return _Problem("must be an IANA time zone such as Europe/London")


def _one_of(options: tuple[Any, ...] | frozenset[Any], label: str) -> Any:
    def check(value: Any) -> Any:
        if value in options and not isinstance(value, bool):
            return value
        return _Problem(f"must be one of {label}")

    return check


def _url(value: Any) -> Any:
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return _Problem("must be an http(s) URL")
    if len(value) > URL_MAX_LENGTH:
        return _Problem(f"must be at most {URL_MAX_LENGTH} characters")
    return value


def _color(value: Any) -> Any:
    if isinstance(value, str) and HEX_COLOR.match(value):
        return value.lower()
    return _Problem("must be a hex colour such as #292929")


def _boolean(value: Any) -> Any:
    return value if isinstance(value, bool) else _Problem("must be true or false")


def _positive_id(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return _Problem("must be a positive integer")


def _metadata(value: Any) -> Any:
    if not isinstance(value, dict):
        return _Problem("must be an object")
    if len(value) > METADATA_MAX_KEYS:
        return _Problem(f"may hold at most {METADATA_MAX_KEYS} keys")
    for key, item in value.items():
        if len(key) > METADATA_MAX_KEY_LENGTH:
            return _Problem(f"keys must be at most {METADATA_MAX_KEY_LENGTH} characters")
        if isinstance(item, str) and len(item) > METADATA_MAX_STRING_LENGTH:
            return _Problem(
                f"string values must be at most {METADATA_MAX_STRING_LENGTH} characters"
            )
    return value


def _role(value: Any) -> Any:
    if value in (UserRole.USER.value, UserRole.ADMIN.value):
        return value
    return _Problem("must be USER or ADMIN")


_CHECKS: dict[str, Any] = {
    "email": _email,
    "username": _username,
    "name": _text(NAME_MAX_LENGTH, allow_empty=True),
    "bio": _text(BIO_MAX_LENGTH, allow_empty=True),
    "time_zone": _time_zone,
    "week_start": _one_of(WEEKDAYS, "Monday ... Sunday"),
    "time_format": _one_of((12, 24), "12 or 24"),
    "locale": _one_of(LOCALES, ", ".join(sorted(LOCALES))),
    "avatar_url": _url,
    "brand_color": _color,
    "dark_brand_color": _color,
    "theme": _one_of(THEMES, "light or dark"),
    "app_theme": _one_of(THEMES, "light or dark"),
    "hide_branding": _boolean,
    "allow_dynamic_booking": _boolean,
    "default_schedule_id": _positive_id,
    "user_metadata": _metadata,
    "role": _role,
}


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _flush_unique(session: Session) -> None:
    """Flush; a unique violation that slipped past the checks (a race) becomes a 409."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict("A user with this email or username already exists") from exc
