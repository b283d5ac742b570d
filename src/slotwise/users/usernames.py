"""What makes a username acceptable: booking pages live at ``/{username}``."""

from __future__ import annotations

import re

USERNAME_MAX_LENGTH = 64
# Matched with fullmatch: a `$` anchor would also accept a trailing newline ("abc\n").
USERNAME_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9]|[._-](?=[a-z0-9]))*")

# Top-level paths that slotwise serves now or will serve; a user named like one of them
# would have a booking page nobody can reach.
RESERVED_USERNAMES = frozenset(
    [
        "about",
        "account",
        "accounts",
        "admin",
        "api",
        "apps",
        "assets",
        "auth",
        "availability",
        "billing",
        "booking",
        "bookings",
        "calendar",
        "calendars",
        "callback",
        "cancel",
        "connect",
        "d",
        "dashboard",
        "docs",
        "embed",
        "event-types",
        "events",
        "favicon.ico",
        "forgot-password",
        "forms",
        "health",
        "help",
        "ics",
        "insights",
        "login",
        "logout",
        "me",
        "metrics",
        "new",
        "oauth",
        "openapi.json",
        "org",
        "orgs",
        "organization",
        "organizations",
        "payment",
        "payments",
        "privacy",
        "redoc",
        "register",
        "reschedule",
        "reviews",
        "robots.txt",
        "router",
        "routing-forms",
        "settings",
        "signup",
        "sitemap.xml",
        "static",
        "status",
        "success",
        "support",
        "team",
        "teams",
        "terms",
        "user",
        "users",
        "v1",
        "v2",
        "verify",
        "video",
        "webhooks",
        "workflows",
    ]
)


def normalize_username(raw: str) -> str:
    return raw.strip().lower()


def username_problem(username: str) -> str | None:
    """Why this (normalized) username cannot be used, or None when it can."""
    if not username:
        return "must not be empty"
    if len(username) > USERNAME_MAX_LENGTH:
        return f"must be at most {USERNAME_MAX_LENGTH} characters"
    if not USERNAME_PATTERN.fullmatch(username):
        return (
            "may contain only letters, digits and single '.', '-' or '_' between them, "
            "and must start and end with a letter or digit"
        )
    if username in RESERVED_USERNAMES:
        return f"'{username}' is reserved for a page of slotwise itself"
    return None
