"""Routing-form tests run at the slots tests' fixed instant (Monday 2030-03-25 06:00Z)."""

from __future__ import annotations

import pytest

from slotwise.clock import FrozenClock
from tests.slots.helpers import NOW


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)
