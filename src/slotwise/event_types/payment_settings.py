"""An event type's price: Cal.com keeps it in ``metadata.apps.<payment app>`` (``stripe``:
``{enabled, price, currency, paymentOption, refundPolicy, refundDaysCount}``, plus
slotwise's ``taxRateBasisPoints`` for invoices); slotwise
reads the same shape for its on-site app (``manual``). Pure reading and checking, no I/O.

At most one payment app is enabled per event type, and an enabled one has a positive price
in minor units (an integer: 2500 is 25.00 USD) and an ISO 4217 currency.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PAYMENT_APPS = ("stripe", "manual")
# Apps paid outside slotwise, at the meeting: their bookings are not held waiting for money.
ON_SITE_APPS = ("manual",)
PAYMENT_OPTIONS = ("ON_BOOKING", "HOLD")
MAX_PRICE = 100_000_000  # one million in a two-decimal currency
_CURRENCY = re.compile(r"^[a-z]{3}$")


class RefundPolicy(enum.StrEnum):
    """Cal.com's: when an attendee who cancels gets their money back (a host's cancellation
    always refunds)."""

    NEVER = "never"
    ALWAYS = "always"
    DAYS = "days"  # within refundDaysCount days of paying


@dataclass(frozen=True, slots=True)
class PaymentSettings:
    app: str
    price: int  # minor units
    currency: str  # lower case
    payment_option: str
    refund_policy: RefundPolicy
    refund_days: int | None
    tax_rate_basis_points: int = 0  # the tax inside the price: 1900 = 19 %

    @property
    def pays_online(self) -> bool:
        """Paid before the meeting (the booking waits for it), not on site."""
        return self.app not in ON_SITE_APPS


def payment_settings(metadata: Mapping[str, Any] | None) -> PaymentSettings | None:
    """The enabled payment app of an event type's metadata, or None for a free event type."""
    apps = (metadata or {}).get("apps")
    if not isinstance(apps, Mapping):
        return None
    for app in PAYMENT_APPS:
        settings = apps.get(app)
        if not isinstance(settings, Mapping) or not _enabled(settings):
            continue
        price = settings.get("price")
        if not isinstance(price, int) or isinstance(price, bool) or price <= 0:
            continue
        days = settings.get("refundDaysCount")
        tax = settings.get("taxRateBasisPoints")
        return PaymentSettings(
            app=app,
            price=price,
            currency=str(settings.get("currency") or "usd").lower(),
            payment_option=str(settings.get("paymentOption") or "ON_BOOKING"),
            refund_policy=RefundPolicy(settings.get("refundPolicy") or RefundPolicy.NEVER),
            refund_days=days if _is_int(days) else None,
            tax_rate_basis_points=tax if isinstance(tax, int) and _is_int(tax) else 0,
        )
    return None


def metadata_problem(metadata: Any) -> str | None:
    """What is wrong with an event type's ``metadata`` payment apps, or None."""
    if not isinstance(metadata, Mapping):
        return "must be an object"
    apps = metadata.get("apps")
    if apps is None:
        return None
    if not isinstance(apps, Mapping):
        return "apps must be an object"
    enabled = []
    for app in PAYMENT_APPS:
        settings = apps.get(app)
        if settings is None:
            continue
        problem = _app_problem(app, settings)
        if problem:
            return problem
        if _enabled(settings):
            enabled.append(app)
    if len(enabled) > 1:
        return f"only one payment app may be enabled; {' and '.join(enabled)} are"
    return None


def _app_problem(app: str, settings: Any) -> str | None:
    where = f"apps.{app}"
    if not isinstance(settings, Mapping):
        return f"{where} must be an object"
    if "enabled" in settings and not isinstance(settings["enabled"], bool):
        return f"{where}.enabled must be a boolean"
    price = settings.get("price")
    if price is not None and not (_is_int(price) and 0 <= price <= MAX_PRICE):
        return f"{where}.price must be an integer of minor units from 0 to {MAX_PRICE}"
    if _enabled(settings) and not (isinstance(price, int) and price > 0):
        return f"{where}.price must be above 0 when the app is enabled"
    currency = settings.get("currency")
    if currency is not None and not (isinstance(currency, str) and _CURRENCY.match(currency)):
        return f"{where}.currency must be a three-letter ISO 4217 code in lower case"
    option = settings.get("paymentOption")
    if option is not None and option not in PAYMENT_OPTIONS:
        return f"{where}.paymentOption must be one of {', '.join(PAYMENT_OPTIONS)}"
    policy = settings.get("refundPolicy")
    if policy is not None and policy not in {p.value for p in RefundPolicy}:
        return f"{where}.refundPolicy must be one of {', '.join(p.value for p in RefundPolicy)}"
    days = settings.get("refundDaysCount")
    if days is not None and not (_is_int(days) and 1 <= days <= 365):
        return f"{where}.refundDaysCount must be an integer from 1 to 365"
    tax = settings.get("taxRateBasisPoints")
    if tax is not None and not (_is_int(tax) and 0 <= tax <= 10_000):
        return f"{where}.taxRateBasisPoints must be an integer from 0 to 10000 (1900 = 19 %)"
    if policy == RefundPolicy.DAYS and days is None:
        return f"{where}.refundDaysCount is required with refundPolicy days"
    return None


def _enabled(settings: Mapping[str, Any]) -> bool:
    # Cal.com's apps default to enabled when the key is present without the flag.
    return settings.get("enabled", True) is True


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
