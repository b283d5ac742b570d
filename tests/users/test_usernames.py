"""slotwise.users.usernames: a username is the path of a booking page, so it must be URL-safe."""

from __future__ import annotations

import string
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from slotwise.users.usernames import (
    RESERVED_USERNAMES,
    USERNAME_MAX_LENGTH,
    normalize_username,
    username_problem,
)


class TestNormalize:
    @pytest.mark.parametrize(
        ("raw", "normalized"),
        [
            ("Olive", "olive"),
            ("  Olive  ", "olive"),
            ("ALICE.SMITH", "alice.smith"),
            ("\tbob\n", "bob"),
            ("already-fine", "already-fine"),
            ("", ""),
        ],
    )
    def test_strips_and_lower_cases(self, raw: str, normalized: str) -> None:
        assert normalize_username(raw) == normalized

    @hypothesis_settings(max_examples=200)
    @given(st.text())
    def test_is_idempotent(self, raw: str) -> None:
        once = normalize_username(raw)
        assert normalize_username(once) == once


class TestUsernameProblem:
    @pytest.mark.parametrize(
        "username",
        ["alice", "a", "7", "alice.smith", "alice-smith", "alice_smith", "a.b-c_d", "x1-2-3",
         "a" * USERNAME_MAX_LENGTH, "teams1", "admin2", "docs.json"],
    )  # fmt: skip
    def test_accepts(self, username: str) -> None:
        assert username_problem(username) is None

    @pytest.mark.parametrize(
        "username",
        ["", "a b", "a/b", "-x", "x-", ".x", "x.", "_x", "x_", "a..b", "a.-b", "a__b", "über",
         "Alice", "a?b", "a#b", "a%b", "a+b", "a@b", "a:b", "a\\b", "\u0430lice",
         "a" * (USERNAME_MAX_LENGTH + 1), " alice", "alice ", "alice\n", "\nalice", "a\nb",
         "alice\x00", "ａlice"],
    )  # fmt: skip
    def test_rejects_with_a_reason(self, username: str) -> None:
        problem = username_problem(username)
        assert isinstance(problem, str)
        assert problem

    def test_rejects_the_empty_name_as_empty(self) -> None:
        assert username_problem("") == "must not be empty"

    def test_rejects_an_overlong_name_naming_the_limit(self) -> None:
        problem = username_problem("a" * (USERNAME_MAX_LENGTH + 1))
        assert problem is not None
        assert str(USERNAME_MAX_LENGTH) in problem

    @pytest.mark.parametrize("username", sorted(RESERVED_USERNAMES))
    def test_every_reserved_name_is_rejected_as_reserved(self, username: str) -> None:
        problem = username_problem(username)
        assert problem is not None
        assert "reserved" in problem


class TestReserved:
    @pytest.mark.parametrize(
        "path",
        ["admin", "api", "v1", "v2", "health", "docs", "redoc", "openapi.json", "booking",
         "bookings", "embed", "team", "teams", "me", "static", "webhooks", "favicon.ico",
         "robots.txt"],
    )  # fmt: skip
    def test_holds_the_paths_slotwise_serves(self, path: str) -> None:
        assert path in RESERVED_USERNAMES

    def test_every_entry_is_already_normalized(self) -> None:
        for name in RESERVED_USERNAMES:
            assert name == normalize_username(name), name

    def test_is_immutable(self) -> None:
        assert isinstance(RESERVED_USERNAMES, frozenset)


USERNAME_ALPHABET = string.ascii_letters + string.digits + "._-/ ?#%\n\t\u00fc\u0430"


@hypothesis_settings(max_examples=200)
@given(st.one_of(st.text(), st.text(alphabet=USERNAME_ALPHABET, max_size=12)))
@example("abc\n")  # `$` in a regex also matches before a trailing newline
@example("admin")
@example("a" * (USERNAME_MAX_LENGTH + 1))
def test_an_accepted_username_is_url_safe_lower_case_and_not_reserved(username: str) -> None:
    if username_problem(username) is not None:
        return
    assert quote(username, safe="") == username
    assert username == username.lower()
    assert username not in RESERVED_USERNAMES
    assert 1 <= len(username) <= USERNAME_MAX_LENGTH
    assert normalize_username(username) == username


@hypothesis_settings(max_examples=200)
@given(st.from_regex(r"[a-z0-9]([a-z0-9]|[._-][a-z0-9]){0,30}", fullmatch=True))
def test_well_formed_names_are_accepted_unless_reserved(username: str) -> None:
    problem = username_problem(username)
    if username in RESERVED_USERNAMES:
        assert problem is not None
    else:
        assert problem is None
