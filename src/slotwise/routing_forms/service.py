"""Routing forms: the rules.

- A form belongs to a person or to a team (an organization is a team). A person's form is
  theirs alone (anyone else: 404); a team's form is read by the team's members and changed
  by its ADMINs and OWNERs (an organization's admins count in its teams, ``teams.access``).
- A form is checked as a whole when written (``validation.py``): unique field ids and
  identifiers, options with ids, operators that fit their field's type, values that fit
  their operator, and targets the owner may route to: a person's own event types, a team's
  event types (an organization's form: those of its teams too). Every problem named in one 400.
- A response is validated against the fields (the same reading for the API and the page),
  routed by ``slotwise.core.routing`` (first matching route, else the fallback), and stored
  with the route it took. An event type target answers that event type's slots; a route
  with ``attributesQueryValue`` to a team event type narrows its round-robin hosts to the
  organization members whose attributes match (all of them when none match).
- A booking made with ``metadata.routingFormResponseId`` links the response to it
  (``link_booking``, a subscriber of the bookings domain's events).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.orm import Session

from slotwise.attributes import service as attributes
from slotwise.core.routing import (
    MULTI_CHOICE_TYPES,
    OPTION_TYPES,
    Answer,
    FieldType,
    members_matching,
    route_for,
)
from slotwise.db import ReadSession
from slotwise.errors import Forbidden, Invalid, NotFound
from slotwise.event_types import service as event_types
from slotwise.event_types import team_repository as team_event_types_repository
from slotwise.event_types import team_service as team_event_types
from slotwise.event_types.models import EventType
from slotwise.events import publish
from slotwise.routing_forms import repository
from slotwise.routing_forms.events import FormResponseBooked, FormSubmitted
from slotwise.routing_forms.models import RoutingForm, RoutingFormResponse
from slotwise.routing_forms.repository import Filters
from slotwise.routing_forms.validation import (
    ActionType,
    FormField,
    Problems,
    checked_fields,
    fields_of,
    parse_condition,
    route_documents_to_engine,
    with_answers_as_values,
)
from slotwise.slots.listing import FoundSlots, SlotSearch, find_slots
from slotwise.slots.lookup import EventTypeRef, event_type_by_id
from slotwise.teams import access
from slotwise.teams.models import MembershipRole, Team
from slotwise.teams.organizations import service as organizations
from slotwise.users.models import User

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{4,24}$")
MAX_TEXT = 10_000
ALL_OF_THEM = 10_000  # an organization's teams, read at once to check targets


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A form as written (create: every field; update: the ones not None)."""

    name: str | None = None
    description: str | None = None
    fields: list[dict[str, Any]] | None = None
    routes: list[dict[str, Any]] | None = None
    settings: dict[str, Any] | None = None
    disabled: bool | None = None
    position: int | None = None


@dataclass(frozen=True, slots=True)
class SlotWindow:
    start: str
    end: str
    time_zone: str | None = None
    duration: int | None = None


def slot_window(
    start: str | None, end: str | None, time_zone: str | None, duration: int | None
) -> SlotWindow | None:
    """The slots asked for with a response: both bounds, or neither (no slots answered)."""
    if start is None and end is None:
        return None
    if start is None or end is None:
        missing = "start" if start is None else "end"
        raise Invalid.field(missing, "give start and end together (or neither: no slots)")
    return SlotWindow(start, end, time_zone, duration)


@dataclass(frozen=True, slots=True)
class Routed:
    """Where a response went."""

    response: RoutingFormResponse | None
    route: Mapping[str, Any] | None
    event_type: EventType | None = None
    team_member_ids: list[int] = field(default_factory=list)
    members_fell_back: bool = False  # attribute routing matched nobody: every host
    external_url: str | None = None
    message: str | None = None
    slots: FoundSlots | None = None
    booking_path: str | None = None  # the booking page of an event type target


@dataclass(frozen=True, slots=True)
class _Owner:
    user: User | None
    team: Team | None

    @property
    def org_id(self) -> int | None:
        if self.team is None:
            return None
        return self.team.id if self.team.is_organization else self.team.parent_id


# --- forms ---------------------------------------------------------------------------------


def create_form(
    session: Session, actor: User, spec: FormSpec, *, team: Team | None, now: datetime
) -> RoutingForm:
    """A form of ``actor`` (or of ``team``, which the caller checked ``actor`` administers)."""
    owner = _Owner(None if team else actor, team)
    fields, routes = _checked(session, owner, spec.fields or [], spec.routes or [])
    form = RoutingForm(
        id=str(uuid.uuid4()),
        user_id=actor.id if team is None else None,
        team_id=team.id if team else None,
        name=spec.name or "",
        description=spec.description,
        position=spec.position or 0,
        fields=fields,
        routes=routes,
        settings=_settings(spec.settings),
        disabled=bool(spec.disabled),
        created_at=now,
        updated_at=now,
    )
    session.add(form)
    session.flush()
    return form


def update_form(
    session: Session, actor: User, form_id: str, spec: FormSpec, *, now: datetime
) -> RoutingForm:
    form = writable(session, actor, form_id)
    if spec.fields is not None or spec.routes is not None:
        raw_fields = spec.fields if spec.fields is not None else form.fields
        raw_routes = spec.routes if spec.routes is not None else form.routes
        form.fields, form.routes = _checked(
            session, _owner_of(session, form), raw_fields, raw_routes
        )
    for name in ("name", "description", "disabled", "position"):
        value = getattr(spec, name)
        if value is not None:
            setattr(form, name, value)
    if spec.settings is not None:
        form.settings = _settings(spec.settings)
    form.updated_at = now
    session.flush()
    return form


def delete_form(session: Session, actor: User, form_id: str) -> RoutingForm:
    form = writable(session, actor, form_id)
    session.delete(form)
    session.flush()
    return form


def readable(session: ReadSession, actor: User, form_id: str) -> RoutingForm:
    """The form if ``actor`` owns it or belongs to its team; else 404."""
    form = repository.get(session, form_id)
    if form is None or not _may(session, actor, form, MembershipRole.MEMBER):
        raise NotFound(f"Routing form with id {form_id} not found")
    return form


def writable(session: ReadSession, actor: User, form_id: str) -> RoutingForm:
    """The form if ``actor`` owns it or administers its team (a team member: 403)."""
    form = readable(session, actor, form_id)
    if not _may(session, actor, form, MembershipRole.ADMIN):
        raise Forbidden("Only the team's ADMIN or OWNER can change its routing forms")
    return form


def team_for_forms(session: ReadSession, actor: User, team_id: int) -> Team:
    """The team whose forms ``actor`` writes: its ADMIN or OWNER (a member: 403; anyone
    else: 404, as for an unknown team)."""
    role = access.role_in(session, team_id, actor.id)
    team = session.get(Team, team_id) if role is not None else None
    if team is None or role is None:
        raise NotFound(f"Team with id {team_id} not found")
    if not role.at_least(MembershipRole.ADMIN):
        raise Forbidden("Only the team's ADMIN or OWNER can write its routing forms")
    return team


def list_own_forms(session: ReadSession, actor: User, filters: Filters) -> list[RoutingForm]:
    return repository.page_of_forms(session, repository.of_user(actor.id), filters)


def list_team_forms(session: ReadSession, team: Team, filters: Filters) -> list[RoutingForm]:
    return repository.page_of_forms(session, repository.of_teams([team.id]), filters)


def list_organization_forms(
    session: ReadSession, org: Team, filters: Filters, team_ids: Sequence[int] | None
) -> list[RoutingForm]:
    """The organization's own forms and its teams' (``team_ids``: only those teams')."""
    ids = [org.id, *(t.id for t in organizations.teams_of(session, org, take=ALL_OF_THEM, skip=0))]
    if team_ids:
        ids = [i for i in ids if i in set(team_ids)]
    return repository.page_of_forms(session, repository.of_teams(ids), filters)


def organization_form(session: ReadSession, org: Team, form_id: str) -> RoutingForm:
    """A form of the organization or of one of its teams; else 404."""
    form = repository.get(session, form_id)
    if form is not None and form.team_id is not None:
        if form.team_id == org.id:
            return form
        team = session.get(Team, form.team_id)
        if team is not None and team.parent_id == org.id:
            return form
    raise NotFound(f"Routing form with id {form_id} not found in organization {org.id}")


def team_form(session: ReadSession, team: Team, form_id: str) -> RoutingForm:
    form = repository.get(session, form_id)
    if form is None or form.team_id != team.id:
        raise NotFound(f"Routing form with id {form_id} not found in team {team.id}")
    return form


def public_form(session: ReadSession, form_id: str) -> RoutingForm:
    """A form anyone holding its id may fill in (not a disabled one)."""
    form = repository.get(session, form_id)
    if form is None or form.disabled:
        raise NotFound(f"Routing form with id {form_id} not found")
    return form


# --- responses -----------------------------------------------------------------------------


def list_responses(
    session: ReadSession, form: RoutingForm, filters: Filters
) -> list[RoutingFormResponse]:
    return repository.page_of_responses(session, form.id, filters)


def route_answers(
    session: ReadSession,
    form: RoutingForm,
    raw: Mapping[str, Any],
    *,
    now: datetime,
    window: SlotWindow | None = None,
) -> Routed:
    """Where the answers lead (and, with ``window``, an event type target's slots in it);
    nothing is stored."""
    fields = fields_of(form.fields)
    _, answers = read_answers(fields, raw)
    return _route(session, form, fields, answers, window=window, now=now)


def submit(
    session: Session,
    form: RoutingForm,
    raw: Mapping[str, Any],
    *,
    now: datetime,
    window: SlotWindow | None = None,
) -> Routed:
    """Validates the answers, routes them and keeps the response with the route it took;
    with ``window``, an event type target's slots in it. Nothing is written on a 400."""
    fields = fields_of(form.fields)
    stored, answers = read_answers(fields, raw)
    routed = _route(session, form, fields, answers, window=window, now=now)
    response = RoutingFormResponse(
        form_id=form.id,
        response=stored,
        route_id=routed.route["id"] if routed.route else None,
        routed_member_ids=routed.team_member_ids if routed.event_type else None,
        created_at=now,
        updated_at=now,
    )
    session.add(response)
    session.flush()
    publish(session, _submitted(form, fields, response, answers, routed, now=now))
    return replace(routed, response=response)


def _submitted(
    form: RoutingForm,
    fields: Sequence[FormField],
    response: RoutingFormResponse,
    answers: Mapping[str, Answer],
    routed: Routed,
    *,
    now: datetime,
) -> FormSubmitted:
    responses = {
        f.label: {"value": answers.get(f.id), "response": shown_answer(f, answers.get(f.id))}
        for f in fields
        if answers.get(f.id) is not None
    }
    return FormSubmitted(
        at=now, form_id=form.id, form_name=form.name, user_id=form.user_id,
        team_id=form.team_id, response_id=response.id, responses=responses,
        routed_to_event_type=routed.event_type is not None,
    )  # fmt: skip


def update_response(
    session: Session, form: RoutingForm, response_id: int, raw: Mapping[str, Any], *, now: datetime
) -> RoutingFormResponse:
    """New answers for a response (every field read again), routed again."""
    response = repository.response_of_form(session, form.id, response_id)
    if response is None:
        raise NotFound(f"Response with id {response_id} not found in routing form {form.id}")
    fields = fields_of(form.fields)
    merged: dict[str, Any] = {key: item["value"] for key, item in response.response.items()}
    merged.update({_field_id(fields, key): value for key, value in raw.items()})
    stored, answers = read_answers(fields, merged)
    routed = _route(session, form, fields, answers, window=None, now=now)
    response.response = stored
    response.route_id = routed.route["id"] if routed.route else None
    response.routed_member_ids = routed.team_member_ids if routed.event_type else None
    response.updated_at = now
    session.flush()
    return response


def link_booking(session: Session, response_id: int, booking_uid: str, *, now: datetime) -> bool:
    """The response led to the booking (the first booking made with it; later ones do not
    take it over). False: no such response, or one already booked."""
    response = repository.unbooked_response(session, response_id)
    if response is None:
        return False
    response.routed_to_booking_uid = booking_uid
    response.updated_at = now
    session.flush()
    publish(session, FormResponseBooked(now, response.form_id, response.id, booking_uid))
    return True


# --- reading answers -----------------------------------------------------------------------


def read_answers(
    fields: Sequence[FormField], raw: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Answer]]:
    """(the response as stored ``{fieldId: {label, value}}``, the engine's answers by field
    id). Keys are field ids or identifiers; every problem named in one 400."""
    problems: Problems = []
    given: dict[str, Any] = {}
    for key, value in raw.items():
        field_id = _field_id(fields, key)
        if field_id not in {f.id for f in fields}:
            problems.append({"field": key, "message": "is not a field of this form"})
        else:
            given[field_id] = value
    stored: dict[str, Any] = {}
    answers: dict[str, Answer] = {}
    for form_field in fields:
        value = _answer(form_field, given.get(form_field.id), problems)
        if value is not None:
            stored[form_field.id] = {"label": form_field.label, "value": value}
        answers[form_field.id] = value
    if problems:
        raise Invalid.fields(problems)
    return stored, answers


def _field_id(fields: Sequence[FormField], key: str) -> str:
    for form_field in fields:
        if key in (form_field.id, form_field.identifier):
            return form_field.id
    return key


def _answer(form_field: FormField, value: Any, problems: Problems) -> Answer:
    name = form_field.name
    if value is None or value == "" or value == []:
        if form_field.required:
            problems.append({"field": name, "message": "is required"})
        return None
    kind = form_field.type
    if kind is FieldType.NUMBER:
        return _number_answer(name, value, problems)
    if kind in OPTION_TYPES:
        return _option_answer(form_field, value, problems)
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        problems.append({"field": name, "message": f"must be text (at most {MAX_TEXT})"})
        return None
    text = value.strip()
    if kind is FieldType.EMAIL and not EMAIL.match(text):
        problems.append({"field": name, "message": "must be an email address"})
    if kind is FieldType.PHONE and not PHONE.match(text):
        problems.append({"field": name, "message": "must be a phone number"})
    if not text and form_field.required:
        problems.append({"field": name, "message": "is required"})
    return text or None


def _number_answer(name: str, value: Any, problems: Problems) -> Answer:
    if isinstance(value, bool):
        problems.append({"field": name, "message": "must be a number"})
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        number = float(str(value).strip())
    except ValueError:
        problems.append({"field": name, "message": "must be a number"})
        return None
    if number != number or number in (float("inf"), float("-inf")):
        problems.append({"field": name, "message": "must be a number"})
        return None
    return int(number) if number.is_integer() else number


def _option_answer(form_field: FormField, value: Any, problems: Problems) -> Answer:
    """Option ids (an option's label is accepted too, case-insensitively)."""
    multi = form_field.type in MULTI_CHOICE_TYPES
    values = value if isinstance(value, list) else [value]
    if not multi and len(values) != 1:
        problems.append({"field": form_field.name, "message": "takes one option"})
        return None
    ids: list[str] = []
    for item in values:
        option_id = next(
            (
                o_id
                for o_id, label in form_field.options
                if isinstance(item, str) and item in (o_id,) or _same_label(item, label)
            ),
            None,
        )
        if option_id is None:
            problems.append({"field": form_field.name, "message": f"no option {item!r}"})
            return None
        if option_id not in ids:
            ids.append(option_id)
    return ids if multi else ids[0]


def _same_label(item: Any, label: str) -> bool:
    return isinstance(item, str) and item.strip().casefold() == label.strip().casefold()


def shown_answer(form_field: FormField, value: Answer) -> str:
    """An answer as a person reads it (options by their labels)."""
    if value is None:
        return ""
    labels = dict(form_field.options)
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if form_field.type in OPTION_TYPES:
        return labels.get(str(value), str(value))
    return str(value)


# --- routing -------------------------------------------------------------------------------


def _route(
    session: ReadSession,
    form: RoutingForm,
    fields: Sequence[FormField],
    answers: Mapping[str, Answer],
    *,
    window: SlotWindow | None,
    now: datetime,
) -> Routed:
    chosen = route_for(route_documents_to_engine(form.routes, list(fields)), answers)
    if chosen is None:
        return Routed(None, None)
    route = next(r for r in form.routes if r["id"] == chosen.id)
    action = route["action"]
    if action["type"] == ActionType.EXTERNAL:
        return Routed(None, route, external_url=_with_answers(action["value"], fields, answers))
    if action["type"] == ActionType.MESSAGE:
        return Routed(None, route, message=action["value"])
    try:
        event_type, host = event_type_by_id(session, action["eventTypeId"])
    except NotFound as exc:
        raise NotFound(f"The event type this route leads to is gone: {exc.message}") from exc
    member_ids, fell_back, narrowed = _members_for(
        session, form, route, event_type, host, fields, answers
    )
    slots = None
    if window is not None:
        search = SlotSearch(
            event=EventTypeRef(event_type_id=event_type.id),
            start=window.start, end=window.end, time_zone=window.time_zone,
            duration=window.duration,
            routed_host_ids=frozenset(member_ids) if narrowed else None,
        )  # fmt: skip
        slots = find_slots(session, search, now=now)
    return Routed(
        None, route, event_type, member_ids, fell_back, slots=slots,
        booking_path=action.get("value"),
    )  # fmt: skip


def _members_for(
    session: ReadSession,
    form: RoutingForm,
    route: Mapping[str, Any],
    event_type: EventType,
    host: User,
    fields: Sequence[FormField],
    answers: Mapping[str, Answer],
) -> tuple[list[int], bool, bool]:
    """(the team members the response is routed to, whether attribute routing fell back to
    all of them, whether it narrowed them at all)."""
    if event_type.team_id is None:
        return [host.id], False, False
    hosts = team_event_types.hosts_of(session, [event_type])[event_type.id]
    everyone = sorted(h.user.id for h in hosts)
    query = route.get("attributesQueryValue")
    org_id = _owner_of(session, form).org_id
    if not query or org_id is None:
        return everyone, False, False
    kinds = attributes.routing_kinds(session, org_id)
    problems: Problems = []
    condition = parse_condition(
        query, "attributesQueryValue", problems, key_name="attribute", kind_of=kinds.get,
        options_of=lambda key: None, field_ids={f.id for f in fields},
    )  # fmt: skip
    shown = {f.id: _for_attributes(f, answers.get(f.id)) for f in fields}
    condition = with_answers_as_values(condition, shown)
    round_robin = [h.user.id for h in hosts if not h.is_fixed]
    fixed = [h.user.id for h in hosts if h.is_fixed]
    values = attributes.values_of_members(session, org_id, round_robin)
    chosen, fell_back = members_matching(values, condition)
    return sorted(fixed + chosen), fell_back, True


def _for_attributes(form_field: FormField, value: Answer) -> Answer:
    """An answer as attributes hold it: options by their labels."""
    if value is None or form_field.type not in OPTION_TYPES:
        return value
    labels = dict(form_field.options)
    if isinstance(value, list):
        return [labels.get(str(v), str(v)) for v in value]
    return labels.get(str(value), str(value))


def _with_answers(url: str, fields: Sequence[FormField], answers: Mapping[str, Answer]) -> str:
    """The URL with each answered field as a query parameter (named by its identifier, else
    its label), after the URL's own parameters."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for form_field in fields:
        value = answers.get(form_field.id)
        if value is not None:
            query.append((form_field.name, shown_answer(form_field, value)))
    return urlunsplit(parts._replace(query=urlencode(query)))


# --- checking a form -----------------------------------------------------------------------


def _checked(
    session: ReadSession,
    owner: _Owner,
    raw_fields: list[dict[str, Any]],
    raw_routes: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    problems: Problems = []
    fields = checked_fields(raw_fields, problems)
    by_id = {f["id"]: f for f in fields}

    def kind_of(key: str) -> FieldType | None:
        return FieldType(by_id[key]["type"]) if key in by_id else None

    def options_of(key: str) -> set[str] | None:
        if key in by_id and FieldType(by_id[key]["type"]) in OPTION_TYPES:
            return {o["id"] for o in by_id[key]["options"]}
        return None

    attribute_kinds = attributes.routing_kinds(session, owner.org_id) if owner.org_id else {}
    targets = _targets(session, owner)
    routes: list[dict[str, Any]] = []
    seen: set[str] = set()
    fallbacks = 0
    for index, raw in enumerate(raw_routes):
        at = f"routes[{index}]"
        route_id = raw.get("id") or str(uuid.uuid4())
        if route_id in seen:
            problems.append({"field": f"{at}.id", "message": f"duplicate route id {route_id!r}"})
        seen.add(route_id)
        query = raw.get("queryValue")
        parse_condition(
            query, f"{at}.queryValue", problems, key_name="field", kind_of=kind_of,
            options_of=options_of,
        )  # fmt: skip
        if raw.get("isFallback"):
            fallbacks += 1
            if fallbacks > 1:
                problems.append({"field": f"{at}.isFallback", "message": "one fallback route"})
        action = _checked_action(raw.get("action") or {}, f"{at}.action", targets, problems)
        attributes_query = raw.get("attributesQueryValue")
        if attributes_query:
            if owner.org_id is None:
                message = "attribute routing needs a form of an organization or its team"
                problems.append({"field": f"{at}.attributesQueryValue", "message": message})
            elif action.get("type") != ActionType.EVENT_TYPE or not _team_target(
                targets, action.get("eventTypeId")
            ):
                message = "attribute routing needs a route to a team event type"
                problems.append({"field": f"{at}.attributesQueryValue", "message": message})
            else:
                parse_condition(
                    attributes_query, f"{at}.attributesQueryValue", problems,
                    key_name="attribute", kind_of=attribute_kinds.get,
                    options_of=lambda key: None, field_ids=set(by_id),
                )  # fmt: skip
        routes.append(
            {
                "id": route_id,
                "queryValue": query or None,
                "attributesQueryValue": attributes_query or None,
                "action": action,
                "isFallback": bool(raw.get("isFallback")),
            }
        )
    if problems:
        raise Invalid.fields(problems)
    return fields, routes


def _team_target(targets: Mapping[int, tuple[str, bool]], event_type_id: Any) -> bool:
    return isinstance(event_type_id, int) and targets.get(event_type_id, ("", False))[1]


def _checked_action(
    raw: Mapping[str, Any], at: str, targets: Mapping[int, tuple[str, bool]], problems: Problems
) -> dict[str, Any]:
    kind, value = raw.get("type"), raw.get("value")
    if kind == ActionType.EVENT_TYPE:
        event_type_id = raw.get("eventTypeId")
        if not isinstance(event_type_id, int) or event_type_id not in targets:
            message = f"no event type {event_type_id!r} that this form's owner can route to"
            problems.append({"field": f"{at}.eventTypeId", "message": message})
            return {"type": kind, "value": value, "eventTypeId": event_type_id}
        return {"type": kind, "value": targets[event_type_id][0], "eventTypeId": event_type_id}
    if kind == ActionType.EXTERNAL:
        parts = urlsplit(value) if isinstance(value, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append({"field": f"{at}.value", "message": "must be an http(s) URL"})
        return {"type": kind, "value": value}
    if kind == ActionType.MESSAGE:
        if not isinstance(value, str) or not value.strip():
            problems.append({"field": f"{at}.value", "message": "must be a message"})
        return {"type": kind, "value": value}
    names = ", ".join((ActionType.EVENT_TYPE, ActionType.EXTERNAL, ActionType.MESSAGE))
    problems.append({"field": f"{at}.type", "message": f"must be one of {names}"})
    return {"type": kind, "value": value}


def _targets(session: ReadSession, owner: _Owner) -> dict[int, tuple[str, bool]]:
    """The event types the owner may route to: id -> (booking path, is a team's)."""
    if owner.user is not None:
        own = event_types.list_event_types(session, owner.user)
        return {e.id: (f"{owner.user.username}/{e.slug}", False) for e in own if e.team_id is None}
    assert owner.team is not None
    teams = [owner.team]
    if owner.team.is_organization:
        teams += organizations.teams_of(session, owner.team, take=ALL_OF_THEM, skip=0)
    found: dict[int, tuple[str, bool]] = {}
    for team in teams:
        # Hidden ones too: a hidden event type reached only through a form is common.
        for event_type in team_event_types_repository.list_of_team(session, team.id, slug=None):
            found[event_type.id] = (f"team/{team.slug}/{event_type.slug}", True)
    return found


def _owner_of(session: ReadSession, form: RoutingForm) -> _Owner:
    if form.team_id is None:
        return _Owner(session.get(User, form.user_id), None)
    return _Owner(None, session.get(Team, form.team_id))


def _may(session: ReadSession, actor: User, form: RoutingForm, needed: MembershipRole) -> bool:
    if form.team_id is None:
        return form.user_id == actor.id
    return access.has_role(session, form.team_id, actor.id, needed)


def _settings(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    raw = raw or {}
    return {
        "emailOwnerOnSubmission": bool(raw.get("emailOwnerOnSubmission", False)),
        "sendUpdatesTo": list(raw.get("sendUpdatesTo") or []),
        "sendToAll": bool(raw.get("sendToAll", False)),
    }
