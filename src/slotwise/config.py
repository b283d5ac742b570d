"""One settings class for the whole process (environment prefix ``SLOTWISE_``).

Secrets that the operator did not provide are generated on first start and kept in the data
directory (mode 0600), so a restart keeps decrypting what an earlier start encrypted.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from cryptography.fernet import Fernet
from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENCRYPTION_KEY_FILE = "encryption.key"
SQLITE_FILE = "slotwise.db"
OUTBOX_EMAIL_DIR = "outbox-emails"
OUTBOX_SMS_DIR = "outbox-sms"


class ConfigurationError(ValueError):
    """A setting is missing or malformed; raised at start-up, never during a request."""


def _default_data_dir() -> Path:
    return Path(user_data_dir("slotwise", appauthor=False))


class Settings(BaseSettings):
    # hide_input_in_errors: a malformed secret (a mistyped encryption key, an SMTP password)
    # must not be echoed into start-up errors and logs.
    model_config = SettingsConfigDict(
        env_prefix="SLOTWISE_", extra="ignore", hide_input_in_errors=True
    )

    environment: Literal["development", "production", "test"] = "development"
    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None
    # PostgreSQL connections per process: the request pool holds up to size + overflow, and
    # the rate limiter's pool (PostgreSQL counts) up to RATE_LIMIT_POOL (6) more. Keep
    # processes x (size + overflow + RATE_LIMIT_POOL) under the server's max_connections;
    # a request that finds no free connection for database_pool_timeout_seconds is a 503.
    database_pool_size: int = Field(default=5, ge=1, le=200)
    database_max_overflow: int = Field(default=10, ge=0, le=200)
    database_pool_timeout_seconds: float = Field(default=30.0, gt=0)
    base_url: str = "http://localhost:8000"
    encryption_key: SecretStr | None = None

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "slotwise <no-reply@localhost>"
    smtp_starttls: bool = True
    smtp_timeout_seconds: float = 20.0

    # The outbox worker (emails now; webhooks and reminders later).
    # serve runs one worker in its own process; off for a server whose deliveries are left to
    # separate `slotwise worker` processes (and in tests, which drive deliveries themselves).
    embedded_worker: bool = True
    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    outbox_batch_size: int = Field(default=50, ge=1, le=1000)
    outbox_lease_seconds: float = Field(default=60.0, gt=0)  # a dead worker's rows return then
    outbox_retry_base_seconds: float = Field(default=10.0, gt=0)  # first retry's delay
    outbox_retry_max_seconds: float = Field(default=3600.0, gt=0)  # backoff ceiling
    outbox_give_up_seconds: float = Field(default=86400.0, gt=0)  # then the row is failed

    # Webhooks: subscriber URLs on loopback/private/link-local networks are refused unless
    # this is on (receivers on the same network as the server; the tests' local receiver).
    webhook_allow_private_networks: bool = False
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)

    # Calendars (CalDAV ...): each call to a provider is bounded by calendar_timeout_seconds;
    # a slot listing waits at most calendar_busy_wait_seconds for a calendar it has no fresh
    # busy times of (then answers with what it has, and the read goes on in the background).
    # Busy times are cached per calendar for calendar_busy_ttl_seconds, over the next
    # calendar_busy_horizon_days (a listing beyond that reads its own stretch).
    apple_caldav_url: str = "https://caldav.icloud.com"
    calendar_allow_private_networks: bool = False  # CalDAV servers / ICS feeds on loopback/LAN
    # When set, the only hosts calendar plugins may call (an egress allow-list), e.g.
    # SLOTWISE_CALENDAR_ALLOWED_HOSTS='["caldav.example.com"]'.
    calendar_allowed_hosts: list[str] = Field(default_factory=list)
    calendar_timeout_seconds: float = Field(default=10.0, gt=0)
    calendar_busy_wait_seconds: float = Field(default=2.0, gt=0)
    calendar_busy_ttl_seconds: float = Field(default=300.0, gt=0)
    calendar_busy_horizon_days: int = Field(default=62, ge=1, le=366)

    # argon2 costs: production defaults from argon2-cffi; tests lower them through the
    # environment because one verify at the default cost takes ~100 ms.
    argon2_time_cost: int = 3
    argon2_memory_cost_kib: int = 65536

    # Rate limits, counted per window of rate_limit_window_seconds: per API key (Cal.com
    # allows about 120 a minute), per address for requests without a key, per address for
    # refused keys (guessing), and bookings per attendee email (inbox flooding). Counted in
    # Redis when redis_url is set, else in PostgreSQL, else (SQLite, one process) in process.
    rate_limits_enabled: bool = True
    rate_limit_window_seconds: int = Field(default=60, ge=1)
    rate_limit_per_api_key: int = Field(default=120, ge=1)
    rate_limit_per_address: int = Field(default=120, ge=1)
    rate_limit_failed_keys_per_address: int = Field(default=20, ge=1)
    rate_limit_bookings_per_attendee: int = Field(default=10, ge=1)
    rate_limit_attendee_window_seconds: int = Field(default=3600, ge=1)
    # Web sign-in attempts, per account (email) and per address, in windows of their own.
    rate_limit_sign_ins_per_account: int = Field(default=10, ge=1)
    rate_limit_sign_ins_per_address: int = Field(default=50, ge=1)
    rate_limit_sign_in_window_seconds: int = Field(default=900, ge=1)
    redis_url: str | None = None
    redis_key_prefix: str = "slotwise:ratelimit:"  # several servers may share one Redis
    # SIGTERM: how long in-flight requests and deliveries may take to finish before exit.
    shutdown_grace_seconds: float = Field(default=30.0, gt=0)

    # Text messages of workflows (SMS, WhatsApp): "file" writes one file per message under
    # <data dir>/outbox-sms (development); "twilio" sends through Twilio's Messages API at
    # twilio_base_url (a local Twilio-shaped server in tests).
    sms_provider: Literal["file", "twilio"] = "file"
    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_phone_number: str | None = None  # the sender (E.164) of SMS
    twilio_whatsapp_number: str | None = None  # the sender of WhatsApp messages
    twilio_base_url: str = "https://api.twilio.com"
    sms_timeout_seconds: float = Field(default=10.0, gt=0)

    # Conferencing providers' recording webhooks, by app slug: the secret each provider
    # signs them with (JSON, e.g. SLOTWISE_CONFERENCING_WEBHOOK_SECRETS='{"daily-video":
    # "<base64 secret>"}'). An app without one has no ingest route (404).
    conferencing_webhook_secrets: dict[str, SecretStr] = Field(default_factory=dict)
    # Payments. Stripe: the instance's secret key and webhook signing secret, its API's base
    # URL (a local Stripe-shaped server in tests), and SLOTWISE_STRIPE_CLIENT_ID for hosts to
    # connect their own account (Stripe Connect). A paid booking holds its slot this long
    # while it waits for its payment, then is released.
    stripe_api_url: str = "https://api.stripe.com"
    stripe_connect_url: str = "https://connect.stripe.com"
    stripe_secret_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_client_id: str | None = None
    stripe_timeout_seconds: float = Field(default=10.0, gt=0)
    stripe_webhook_tolerance_seconds: int = Field(default=300, ge=1)
    payment_hold_minutes: int = Field(default=30, ge=1, le=1440)

    log_level: str = "info"

    # The host's web app: whether anyone may create an account at /auth/signup (off by
    # default; `slotwise serve` turns it on when it seeds the demo), how long a sign-in lasts
    # and how long a password-reset link works.
    signup_enabled: bool = False
    web_session_days: int = Field(default=30, ge=1)
    password_reset_minutes: int = Field(default=60, ge=5)

    # The largest request body accepted (413 beyond it): a booking or an event type is a few
    # KB, and every body is held in memory while it is checked.
    max_request_body_bytes: int = Field(default=1_048_576, ge=1024)

    @field_validator("base_url")
    @classmethod
    def _base_url_is_http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("SLOTWISE_BASE_URL must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("encryption_key")
    @classmethod
    def _encryption_key_is_fernet(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            _check_fernet_key(value.get_secret_value())
        return value

    @cached_property
    def resolved_database_url(self) -> str:
        """The database URL in use: the operator's, or a SQLite file in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / SQLITE_FILE}"

    @property
    def pool_options(self) -> dict[str, Any]:
        """The request pool's bounds, as ``make_engine`` takes them."""
        return {
            "pool_size": self.database_pool_size,
            "max_overflow": self.database_max_overflow,
            "pool_timeout": self.database_pool_timeout_seconds,
        }

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def email_dir(self) -> Path:
        """Where emails are written as .eml files while SMTP is not configured."""
        return self.data_dir / OUTBOX_EMAIL_DIR

    @property
    def sms_dir(self) -> Path:
        """Where the file SMS provider writes messages (development)."""
        return self.data_dir / OUTBOX_SMS_DIR

    def ensure_data_dir(self) -> Path:
        """The data dir, created private (0700) when absent: it holds the database, with its
        password hashes, and the encryption key. An existing dir keeps its mode."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return self.data_dir

    def load_or_create_encryption_key(self) -> str:
        """The Fernet key for credentials at rest; created (0600) in the data dir when absent."""
        if self.encryption_key is not None:
            return self.encryption_key.get_secret_value()
        key_path = self.ensure_data_dir() / ENCRYPTION_KEY_FILE
        if key_path.exists():
            key = key_path.read_text().strip()
            _check_fernet_key(key, source=str(key_path))
            return key
        key = Fernet.generate_key().decode()
        # O_EXCL: two processes starting at once must not overwrite each other's key.
        try:
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return self.load_or_create_encryption_key()
        with os.fdopen(fd, "w") as handle:
            handle.write(key + "\n")
        return key


def _check_fernet_key(key: str, source: str = "SLOTWISE_ENCRYPTION_KEY") -> None:
    try:
        Fernet(key.encode())
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(
            f"{source} must be a Fernet key (32 url-safe base64-encoded bytes); "
            "generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        ) from exc
