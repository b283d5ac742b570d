"""Settings: the SLOTWISE_ environment, defaults, URL checks, and the encryption key file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from slotwise.config import ENCRYPTION_KEY_FILE, SQLITE_FILE, ConfigurationError, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No SLOTWISE_ variable of the machine running the tests leaks into these."""
    for name in list(os.environ):
        if name.upper().startswith("SLOTWISE_"):
            monkeypatch.delenv(name)


class TestEnvironment:
    def test_reads_variables_with_the_slotwise_prefix(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv("SLOTWISE_DATA_DIR", str(tmp_path / "somewhere"))
        monkeypatch.setenv("SLOTWISE_DATABASE_URL", "postgresql+psycopg://u@db/slotwise")
        monkeypatch.setenv("SLOTWISE_BASE_URL", "https://cal.example.com/")
        monkeypatch.setenv("SLOTWISE_ENVIRONMENT", "production")
        monkeypatch.setenv("SLOTWISE_SMTP_PORT", "2525")
        monkeypatch.setenv("SLOTWISE_SMTP_STARTTLS", "false")
        monkeypatch.setenv("SLOTWISE_ARGON2_TIME_COST", "1")
        settings = Settings()
        assert settings.data_dir == tmp_path / "somewhere"
        assert settings.resolved_database_url == "postgresql+psycopg://u@db/slotwise"
        assert not settings.is_sqlite
        assert settings.base_url == "https://cal.example.com"
        assert settings.environment == "production"
        assert settings.smtp_port == 2525
        assert settings.smtp_starttls is False
        assert settings.argon2_time_cost == 1

    def test_ignores_unprefixed_variables(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@elsewhere/db")
        monkeypatch.setenv("BASE_URL", "https://wrong.example.com")
        settings = Settings(data_dir=tmp_path)
        assert settings.database_url is None
        assert settings.base_url == "http://localhost:8000"

    def test_explicit_arguments_win_over_the_environment(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv("SLOTWISE_BASE_URL", "https://env.example.com")
        assert Settings(data_dir=tmp_path, base_url="https://arg.example.com").base_url == (
            "https://arg.example.com"
        )

    def test_a_bad_value_in_the_environment_is_refused(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv("SLOTWISE_ENVIRONMENT", "staging")
        with pytest.raises(ValidationError):
            Settings(data_dir=tmp_path)


class TestDefaults:
    def test_default_database_is_a_sqlite_file_in_the_data_dir(self, tmp_path: Path) -> None:
        settings = Settings(data_dir=tmp_path)
        assert settings.database_url is None
        assert settings.resolved_database_url == f"sqlite:///{tmp_path / SQLITE_FILE}"
        assert settings.is_sqlite

    def test_an_explicit_database_url_is_used_as_is(self, tmp_path: Path) -> None:
        url = "postgresql+psycopg://postgres@127.0.0.1:5432/slotwise"
        settings = Settings(data_dir=tmp_path, database_url=url)
        assert settings.resolved_database_url == url
        assert not settings.is_sqlite

    def test_data_dir_is_created_on_demand(self, tmp_path: Path) -> None:
        settings = Settings(data_dir=tmp_path / "a" / "b")
        assert not settings.data_dir.exists()
        assert settings.ensure_data_dir().is_dir()


class TestBaseUrl:
    @pytest.mark.parametrize(
        ("given", "kept"),
        [
            ("http://localhost:8000", "http://localhost:8000"),
            ("http://localhost:8000/", "http://localhost:8000"),
            ("https://cal.example.com/", "https://cal.example.com"),
            ("https://example.com/slotwise/", "https://example.com/slotwise"),
        ],
    )
    def test_http_or_https_without_a_trailing_slash(
        self, tmp_path: Path, given: str, kept: str
    ) -> None:
        assert Settings(data_dir=tmp_path, base_url=given).base_url == kept

    @pytest.mark.parametrize(
        "bad", ["ftp://example.com", "example.com", "localhost:8000", "", "//example.com"]
    )
    def test_anything_else_is_refused(self, tmp_path: Path, bad: str) -> None:
        with pytest.raises(ValidationError, match="SLOTWISE_BASE_URL"):
            Settings(data_dir=tmp_path, base_url=bad)


class TestEncryptionKeySetting:
    @pytest.mark.parametrize(
        "bad",
        ["not-a-key-topsecret", "", "x" * 44, Fernet.generate_key().decode()[:-2]],
        ids=["garbage", "empty", "wrong-length", "truncated-real-key"],
    )
    def test_a_malformed_key_is_refused_at_construction(self, tmp_path: Path, bad: str) -> None:
        with pytest.raises(ValidationError, match="SLOTWISE_ENCRYPTION_KEY") as raised:
            Settings(data_dir=tmp_path, encryption_key=bad)
        if bad:
            assert bad not in str(raised.value)  # a mistyped secret is not echoed

    def test_a_malformed_key_from_the_environment_is_refused(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv("SLOTWISE_ENCRYPTION_KEY", "not-a-key-topsecret")
        with pytest.raises(ValidationError, match="Fernet") as raised:
            Settings(data_dir=tmp_path)
        assert "topsecret" not in str(raised.value)

    def test_the_key_is_not_shown_in_repr(self, tmp_path: Path) -> None:
        key = Fernet.generate_key().decode()
        settings = Settings(data_dir=tmp_path, encryption_key=key)
        assert key not in repr(settings)
        assert key not in str(settings.model_dump())


class TestLoadOrCreateEncryptionKey:
    def test_creates_a_private_key_file_when_absent(self, tmp_path: Path) -> None:
        settings = Settings(data_dir=tmp_path / "data")
        key = settings.load_or_create_encryption_key()
        path = tmp_path / "data" / ENCRYPTION_KEY_FILE
        assert path.is_file()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().strip() == key
        Fernet(key.encode())  # a usable key

    def test_returns_the_same_key_the_second_time(self, tmp_path: Path) -> None:
        first = Settings(data_dir=tmp_path).load_or_create_encryption_key()
        second = Settings(data_dir=tmp_path).load_or_create_encryption_key()
        assert first == second
        token = Fernet(first.encode()).encrypt(b"credential")
        assert Fernet(second.encode()).decrypt(token) == b"credential"

    def test_different_data_dirs_get_different_keys(self, tmp_path: Path) -> None:
        one = Settings(data_dir=tmp_path / "one").load_or_create_encryption_key()
        two = Settings(data_dir=tmp_path / "two").load_or_create_encryption_key()
        assert one != two

    def test_an_explicit_key_wins_without_creating_a_file(self, tmp_path: Path) -> None:
        key = Fernet.generate_key().decode()
        settings = Settings(data_dir=tmp_path / "data", encryption_key=key)
        assert settings.load_or_create_encryption_key() == key
        assert not (tmp_path / "data" / ENCRYPTION_KEY_FILE).exists()

    def test_an_explicit_key_wins_over_an_existing_file(self, tmp_path: Path) -> None:
        from_file = Settings(data_dir=tmp_path).load_or_create_encryption_key()
        key = Fernet.generate_key().decode()
        assert Settings(data_dir=tmp_path, encryption_key=key).load_or_create_encryption_key() == (
            key
        )
        assert (tmp_path / ENCRYPTION_KEY_FILE).read_text().strip() == from_file

    def test_an_explicit_key_from_the_environment_wins(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        key = Fernet.generate_key().decode()
        monkeypatch.setenv("SLOTWISE_ENCRYPTION_KEY", key)
        assert Settings(data_dir=tmp_path).load_or_create_encryption_key() == key
        assert not (tmp_path / ENCRYPTION_KEY_FILE).exists()

    def test_a_malformed_key_file_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / ENCRYPTION_KEY_FILE
        path.write_text("this is not a fernet key\n")
        with pytest.raises(ConfigurationError) as raised:
            Settings(data_dir=tmp_path).load_or_create_encryption_key()
        assert str(path) in str(raised.value)
        assert "this is not a fernet key" not in str(raised.value)
        # ...and it is left alone: replacing it would lose every credential encrypted with it.
        assert path.read_text() == "this is not a fernet key\n"

    def test_an_empty_key_file_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / ENCRYPTION_KEY_FILE).write_text("")
        with pytest.raises(ConfigurationError):
            Settings(data_dir=tmp_path).load_or_create_encryption_key()
