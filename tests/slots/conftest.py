"""The slots tests run at one fixed instant, so weeks, DST changes and weekdays are known."""

from __future__ import annotations

import pytest

from slotwise.clock import FrozenClock
from tests.slots.helpers import NOW


@pytest.fixture
def clock() -> FrozenClock:
    """Overrides the conftest's clock: Monday 2030-03-25 06:00Z, the week London's clocks go
    forward (Sunday 31 March, 01:00Z)."""
    return FrozenClock(NOW)
