"""Team event types in the 2024-06-14 shapes (spec/api.md §3, "Team-only fields"): the
personal bodies plus ``schedulingType``, ``hosts``, ``assignAllTeamMembers`` and the
round-robin switches; the output adds the team, its hosts and the scheduling type."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from slotwise.errors import Invalid
from slotwise.event_types.models import EventType
from slotwise.event_types.schemas.v2024_06_14.bodies import (
    FIELD_NAMES,
    CreateEventTypeInput_2024_06_14,
    UpdateEventTypeInput_2024_06_14,
)
from slotwise.event_types.schemas.v2024_06_14.output import (
    EventTypeOutput_2024_06_14,
    EventTypeUser,
)
from slotwise.event_types.team_commands import HostSpec, TeamSetup
from slotwise.event_types.team_service import MAX_HOSTS, TeamHost
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.teams.models import Team
from slotwise.users.models import User

Priority = Literal["lowest", "low", "medium", "high", "highest"]
PRIORITIES: dict[str, int] = {"lowest": 0, "low": 1, "medium": 2, "high": 3, "highest": 4}
PRIORITY_WORDS = {number: word for word, number in PRIORITIES.items()}
SCHEDULING_TYPES = {
    "collective": "COLLECTIVE",
    "roundRobin": "ROUND_ROBIN",
    "managed": "MANAGED",
    "COLLECTIVE": "COLLECTIVE",
    "ROUND_ROBIN": "ROUND_ROBIN",
    "MANAGED": "MANAGED",
}
SchedulingTypeInput = Literal[
    "collective", "roundRobin", "managed", "COLLECTIVE", "ROUND_ROBIN", "MANAGED"
]
_ATTRIBUTES = {field: attribute for attribute, field in FIELD_NAMES.items()}

TEAM_FIELD_NAMES: dict[str, str] = FIELD_NAMES | {
    "scheduling_type": "schedulingType",
    "assign_all_team_members": "assignAllTeamMembers",
    "reschedule_with_same_round_robin_host": "rescheduleWithSameRoundRobinHost",
    "is_rr_weights_enabled": "isRRWeightsEnabled",
    "unlocked_fields": "unlockedFields",
}


class HostInput(V2Input):
    userId: DatabaseId
    mandatory: bool = False  # a fixed host: attends every round-robin booking
    priority: Priority = "medium"
    weight: Annotated[int, Field(ge=0, le=10_000)] = 100


class TeamFields(V2Input):
    schedulingType: SchedulingTypeInput | None = None
    hosts: Annotated[list[HostInput], Field(max_length=MAX_HOSTS)] | None = None
    assignAllTeamMembers: bool | None = None
    rescheduleWithSameRoundRobinHost: bool | None = None
    isRRWeightsEnabled: bool | None = None
    # MANAGED: the 2024-06-14 fields the members' children may change (slotwise's addition;
    # Cal.com sets them in its web app). Every other setting is locked.
    unlockedFields: Annotated[list[str], Field(max_length=100)] | None = None

    def team_setup(self) -> TeamSetup:
        sent = self.model_fields_set
        values: dict[str, object] = {}
        if "schedulingType" in sent and self.schedulingType is not None:
            values["scheduling_type"] = SCHEDULING_TYPES[self.schedulingType]
        if "hosts" in sent:
            values["hosts"] = tuple(
                HostSpec(
                    user_id=host.userId,
                    is_fixed=host.mandatory,
                    priority=PRIORITIES[host.priority],
                    weight=host.weight,
                )
                for host in self.hosts or []
            )
        for field, attribute in (
            ("assignAllTeamMembers", "assign_all_team_members"),
            ("rescheduleWithSameRoundRobinHost", "reschedule_with_same_round_robin_host"),
            ("isRRWeightsEnabled", "is_rr_weights_enabled"),
        ):
            if field in sent and getattr(self, field) is not None:
                values[attribute] = getattr(self, field)
        if "unlockedFields" in sent:
            values["unlocked_fields"] = _unlocked_attributes(self.unlockedFields or [])
        return TeamSetup(**values)  # type: ignore[arg-type]


def _unlocked_attributes(fields: list[str]) -> list[str]:
    unknown = [field for field in fields if field not in _ATTRIBUTES]
    if unknown:
        raise Invalid.field("unlockedFields", f"names no setting: {', '.join(unknown)}")
    return sorted({_ATTRIBUTES[field] for field in fields})


class CreateTeamEventTypeInput_2024_06_14(CreateEventTypeInput_2024_06_14, TeamFields):
    schedulingType: SchedulingTypeInput


class UpdateTeamEventTypeInput_2024_06_14(UpdateEventTypeInput_2024_06_14, TeamFields):
    pass


class TeamHostOutput(BaseModel):
    userId: int
    name: str | None
    username: str | None
    avatarUrl: str | None
    mandatory: bool
    priority: Priority
    weight: int

    @classmethod
    def from_host(cls, host: TeamHost) -> TeamHostOutput:
        return cls(
            userId=host.user.id,
            name=host.user.name,
            username=host.user.username,
            avatarUrl=host.user.avatar_url,
            mandatory=host.is_fixed,
            priority=PRIORITY_WORDS.get(host.priority, "medium"),
            weight=host.weight,
        )


class TeamEventTypeOutput_2024_06_14(EventTypeOutput_2024_06_14):
    """A team event type: the personal shape plus the team's keys (``ownerId`` null, as
    Cal.com answers for team event types)."""

    ownerId: int | None  # type: ignore[assignment]
    teamId: int
    schedulingType: str | None
    hosts: list[TeamHostOutput]
    assignAllTeamMembers: bool
    parentEventTypeId: int | None
    rescheduleWithSameRoundRobinHost: bool
    isRRWeightsEnabled: bool
    unlockedFields: list[str]

    @classmethod
    def from_team_event_type(
        cls, event_type: EventType, team: Team, hosts: list[TeamHost], creator: User, *,
        base_url: str,
    ) -> TeamEventTypeOutput_2024_06_14:  # fmt: skip
        personal = EventTypeOutput_2024_06_14.from_model(
            event_type, creator, base_url=base_url, public=True
        )
        return cls(
            **personal.model_dump()
            | {
                "ownerId": None,
                "users": [EventTypeUser.from_model(h.user, public=True) for h in hosts],
                "bookingUrl": f"{base_url.rstrip('/')}/team/{team.slug}/{event_type.slug}",
                "teamId": team.id,
                "schedulingType": event_type.scheduling_type,
                "hosts": [TeamHostOutput.from_host(h) for h in hosts],
                "assignAllTeamMembers": event_type.assign_all_team_members,
                "parentEventTypeId": None,
                "rescheduleWithSameRoundRobinHost": (
                    event_type.reschedule_with_same_round_robin_host
                ),
                "isRRWeightsEnabled": event_type.is_rr_weights_enabled,
                "unlockedFields": sorted(
                    TEAM_FIELD_NAMES.get(a, a) for a in event_type.unlocked_fields or []
                ),
            }
        )
