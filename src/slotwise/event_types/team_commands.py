"""What a caller asks of team event types besides the settings every event type has: how
the hosts share it (``TeamSetup``) and who they are (``HostSpec``)."""

from __future__ import annotations

from dataclasses import dataclass

from slotwise.commands import UNSET, Maybe, given_fields
from slotwise.event_types.models import DEFAULT_PRIORITY, DEFAULT_WEIGHT


@dataclass(frozen=True, slots=True)
class HostSpec:
    """One host as asked: fixed hosts attend every booking; priority 0 (lowest) ... 4."""

    user_id: int
    is_fixed: bool = False
    priority: int = DEFAULT_PRIORITY
    weight: int = DEFAULT_WEIGHT


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamSetup:
    """A team event type's own settings (UNSET: not given)."""

    scheduling_type: Maybe[str] = UNSET  # SchedulingType value
    hosts: Maybe[tuple[HostSpec, ...]] = UNSET
    assign_all_team_members: Maybe[bool] = UNSET
    reschedule_with_same_round_robin_host: Maybe[bool] = UNSET
    is_rr_weights_enabled: Maybe[bool] = UNSET
    unlocked_fields: Maybe[list[str] | None] = UNSET

    def given(self) -> dict[str, object]:
        return given_fields(self)
