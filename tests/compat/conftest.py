"""The compatibility tests run at the slots tests' fixed instant (Monday 2030-03-25 06:00Z)."""

from __future__ import annotations

import pytest

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from tests.slots.helpers import NOW


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Webhooks may point at 127.0.0.1 here (the tests never deliver to them)."""
    return settings.model_copy(update={"webhook_allow_private_networks": True})
