"""A routing form's public page, ``/forms/{id}``: the form, checked as the API checks it
(``routing_forms.service.submit``), then the visitor is sent where the route says: the
event type's booking page (name and email filled in, the response linked to the booking
made there), the external URL (with the answers), or the route's message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from slotwise.core.routing import MULTI_CHOICE_TYPES, FieldType
from slotwise.errors import Invalid, NotFound
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.routing_forms import service as routing_forms
from slotwise.routing_forms.models import RoutingForm
from slotwise.routing_forms.validation import FormField, fields_of
from slotwise.web.rendering import branding, render
from slotwise.web.routing import PostedForm, not_found, page_router

router = page_router()

THANKS = "Thank you: your answers were received."
RESPONSE_PARAM = "routingFormResponseId"  # carried to the booking page, then the booking


@dataclass(frozen=True, slots=True)
class _Option:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class _Input:
    """A form field as ``_fields.html``'s ``field`` macro draws it."""

    name: str
    label: str
    type: str
    required: bool
    placeholder: str
    options: tuple[_Option, ...]


@router.get("/forms/{form_id}", response_class=HTMLResponse)
def routing_form_page(request: Request, form_id: str, session: ReadSessionDep) -> Response:
    try:
        form = routing_forms.public_form(session, form_id)
    except NotFound:
        return not_found(request)
    return _page(form)


@router.post("/forms/{form_id}", response_class=HTMLResponse)
def submit_routing_form(
    request: Request, form_id: str, posted: PostedForm, session: WriteSessionDep, now: NowDep
) -> Response:
    try:
        form = routing_forms.public_form(session, form_id)
    except NotFound:
        return not_found(request)
    fields = fields_of(form.fields)
    answers = _answers(fields, posted)
    try:
        routed = routing_forms.submit(session, form, answers, now=now)
    except Invalid as exc:
        errors = _errors_by_input(fields, exc)
        values = {name: ", ".join(v for v in vs if v) for name, vs in posted.items()}
        return _page(form, values=values, errors=errors, status_code=400)
    if routed.external_url is not None:
        return RedirectResponse(routed.external_url, status_code=303)
    if routed.event_type is not None and routed.booking_path and routed.response is not None:
        query = _prefill(fields, answers) + [(RESPONSE_PARAM, str(routed.response.id))]
        return RedirectResponse(f"/{routed.booking_path}?{urlencode(query)}", status_code=303)
    return _page(form, message=routed.message or THANKS)


def _page(
    form: RoutingForm,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    fields = fields_of(form.fields)
    return render(
        "routing_form.html",
        status_code=status_code,
        title=form.name,
        form_id=form.id,
        form_name=form.name,
        description=form.description,
        inputs=[_input(f) for f in fields],
        values=values or {},
        errors=errors or {},
        general=["Check the answers marked below."] if errors else [],
        message=message,
        embed=False,
        **branding(None),
    )


def _input(form_field: FormField) -> _Input:
    kind = form_field.type.value
    if form_field.type is FieldType.MULTISELECT:
        kind = "multiselect"  # drawn as checkboxes, one per option
    return _Input(
        name=form_field.id,
        label=form_field.label,
        type=kind,
        required=form_field.required,
        placeholder=form_field.placeholder or "",
        options=tuple(_Option(o_id, label) for o_id, label in form_field.options),
    )


def _answers(fields: Sequence[FormField], posted: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for form_field in fields:
        given = [v for v in posted.get(form_field.id, []) if v != ""]
        if form_field.type in MULTI_CHOICE_TYPES:
            answers[form_field.id] = given
        elif given:
            answers[form_field.id] = given[-1]
    return answers


def _errors_by_input(fields: Sequence[FormField], exc: Invalid) -> dict[str, str]:
    """The 400's problems by input name (the service names a field by its identifier or
    label, the page's inputs are named by field id)."""
    by_name = {f.name: f.id for f in fields}
    errors: dict[str, str] = {}
    for problem in exc.details if isinstance(exc.details, list) else []:
        name = by_name.get(problem.get("field", ""))
        if name is not None:
            errors.setdefault(name, f"{problem['field']} {problem['message']}")
    return errors


def _prefill(fields: Sequence[FormField], answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The booker's name and email for the booking page: the fields named so (identifier or
    label), else the form's first email field."""
    found: dict[str, str] = {}
    for form_field in fields:
        value = answers.get(form_field.id)
        if not isinstance(value, str) or not value.strip():
            continue
        key = form_field.name.strip().lower()
        if key in ("name", "email") and key not in found:
            found[key] = value.strip()
        elif form_field.type is FieldType.EMAIL:
            found.setdefault("email", value.strip())
    return [(key, found[key]) for key in ("name", "email") if key in found]
