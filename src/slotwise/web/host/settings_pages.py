"""Settings: profile and password, appearance (brand colours and themes), API keys (shown
once; revoke) and webhooks (create, edit, ping, delete), through the users, accounts,
api_keys and webhooks services as their API routes use them."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from slotwise.accounts import service as accounts
from slotwise.api_keys import service as api_keys
from slotwise.db import ReadSession
from slotwise.errors import NotFound, SlotwiseError
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.users import service as users
from slotwise.users.commands import UserChanges
from slotwise.users.models import User
from slotwise.users.passwords import password_hasher
from slotwise.users.service import LOCALES, WEEKDAYS
from slotwise.web.host.pages import (
    ApiKeyId,
    DeliveryId,
    WebhookId,
    checkbox,
    invalid_fields,
    message_of,
    problems_of,
    render_host,
    see_other,
    text,
    whole_number,
)
from slotwise.web.host.session import Host, HostForm
from slotwise.web.rendering import time_zone_names
from slotwise.web.routing import not_found, page_router
from slotwise.webhooks import service as webhooks
from slotwise.webhooks.service import Scope, WebhookInput
from slotwise.webhooks.triggers import Trigger

router = page_router()
SECTION = "settings"
PROFILE = "/settings/my-account/profile"
APPEARANCE = "/settings/my-account/appearance"
API_KEYS = "/settings/developer/api-keys"
WEBHOOKS = "/settings/developer/webhooks"
SUBNAV = (
    (PROFILE, "Profile"),
    (APPEARANCE, "Appearance"),
    (API_KEYS, "API keys"),
    (WEBHOOKS, "Webhooks"),
)
TRIGGERS = tuple(trigger.value for trigger in Trigger)


def _page(request: Request, template: str, host: User, title: str, **context: Any) -> Response:
    return render_host(
        request, template, host=host, title=title, section=SECTION, subnav=SUBNAV,
        here=request.url.path, **context,
    )  # fmt: skip


# --- profile and password -------------------------------------------------------------------


@router.get("/settings", response_class=HTMLResponse)
def settings_home() -> Response:
    return see_other(PROFILE)


@router.get(PROFILE, response_class=HTMLResponse)
def profile_page(request: Request, host: Host) -> Response:
    return _profile(request, host, _profile_values(host), {}, None)


def _profile_values(user: User) -> dict[str, Any]:
    names = ("name", "username", "email", "bio", "time_zone", "week_start", "time_format", "locale")
    return {name: getattr(user, name) for name in names}


def _profile(
    request: Request,
    host: User,
    values: dict[str, Any],
    problems: dict[str, str],
    error: str | None,
    status_code: int = 200,
) -> Response:
    return _page(
        request, "host/profile.html", host, "Profile", values=values, problems=problems,
        error=error, zones=time_zone_names(), weekdays=[(d, d) for d in WEEKDAYS],
        locales=[(code, code) for code in sorted(LOCALES)], status_code=status_code,
    )  # fmt: skip


@router.post(PROFILE, response_class=HTMLResponse)
def save_profile(
    request: Request, host: Host, posted: HostForm, session: WriteSessionDep, now: NowDep
) -> Response:
    problems: dict[str, str] = {}
    fields = ("name", "username", "email", "time_zone", "week_start", "locale")
    values: dict[str, Any] = {name: text(posted, name) for name in fields}
    values["bio"] = text(posted, "bio") or None
    values["time_format"] = whole_number(posted, "time_format", problems)
    try:
        if problems:
            raise invalid_fields(problems)
        users.update_user(session, host, host, UserChanges(**values), now=now)
    except SlotwiseError as exc:
        session.rollback()
        return _profile(request, host, values, problems or problems_of(exc), message_of(exc), 400)
    return see_other(PROFILE, "saved")


@router.post("/settings/my-account/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    try:
        accounts.change_password(
            session, host, text(posted, "current_password"), text(posted, "new_password"),
            now=now, hasher=password_hasher(settings),
        )  # fmt: skip
    except SlotwiseError as exc:
        session.rollback()
        return _profile(request, host, _profile_values(host), {}, message_of(exc), 400)
    return see_other(PROFILE, "password")


# --- appearance ------------------------------------------------------------------------------


@router.get(APPEARANCE, response_class=HTMLResponse)
def appearance_page(request: Request, host: Host) -> Response:
    return _appearance(request, host, None)


def _appearance(
    request: Request, host: User, error: str | None, status_code: int = 200
) -> Response:
    return _page(
        request, "host/appearance.html", host, "Appearance", error=error,
        themes=[("", "Follow the visitor's system"), ("light", "Light"), ("dark", "Dark")],
        status_code=status_code,
    )  # fmt: skip


@router.post(APPEARANCE, response_class=HTMLResponse)
def save_appearance(
    request: Request, host: Host, posted: HostForm, session: WriteSessionDep, now: NowDep
) -> Response:
    changes = UserChanges(
        brand_color=text(posted, "brand_color") or None,
        dark_brand_color=text(posted, "dark_brand_color") or None,
        theme=text(posted, "theme") or None,
        app_theme=text(posted, "app_theme") or None,
        hide_branding=checkbox(posted, "hide_branding"),
    )
    try:
        users.update_user(session, host, host, changes, now=now)
    except SlotwiseError as exc:
        session.rollback()
        return _appearance(request, host, message_of(exc), 400)
    return see_other(APPEARANCE, "saved")


# --- API keys --------------------------------------------------------------------------------


@router.get(API_KEYS, response_class=HTMLResponse)
def api_keys_page(request: Request, host: Host, session: ReadSessionDep, now: NowDep) -> Response:
    return _api_keys(request, host, session, now=now)


def _api_keys(
    request: Request,
    host: User,
    session: ReadSession,
    *,
    now: Any,
    secret: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    return _page(
        request, "host/api_keys.html", host, "API keys", keys=api_keys.keys_of(session, host),
        secret=secret, error=error, now=now, status_code=status_code,
    )  # fmt: skip


@router.post(API_KEYS, response_class=HTMLResponse)
def create_api_key(
    request: Request, host: Host, posted: HostForm, session: WriteSessionDep, now: NowDep
) -> Response:
    problems: dict[str, str] = {}
    days = None if checkbox(posted, "never_expires") else whole_number(posted, "days", problems)
    try:
        if problems:
            raise invalid_fields(problems)
        issued = api_keys.issue_key(
            session, host, now=now, name=text(posted, "name"), expires_in_days=days or None
        )
    except SlotwiseError as exc:
        session.rollback()
        return _api_keys(request, host, session, now=now, error=message_of(exc), status_code=400)
    # Shown on this answer only (never stored in clear, never in a URL).
    return _api_keys(request, host, session, now=now, secret=issued.secret)


@router.post(API_KEYS + "/{apiKeyId}/delete", response_class=HTMLResponse)
def revoke_api_key(
    request: Request, key_id: ApiKeyId, host: Host, posted: HostForm, session: WriteSessionDep
) -> Response:
    del posted
    try:
        api_keys.revoke_key(session, host, key_id)
    except NotFound:
        return not_found(request)
    return see_other(API_KEYS, "revoked")


# --- webhooks --------------------------------------------------------------------------------


@router.get(WEBHOOKS, response_class=HTMLResponse)
def webhooks_page(request: Request, host: Host, session: ReadSessionDep) -> Response:
    return _webhooks(request, host, session, values={"triggers": list(TRIGGERS)}, error=None)


def _webhooks(
    request: Request,
    host: User,
    session: ReadSession,
    *,
    values: dict[str, Any],
    error: str | None,
    status_code: int = 200,
) -> Response:
    return _page(
        request, "host/webhooks.html", host, "Webhooks",
        webhooks=webhooks.all_webhooks(session, host), values=values, error=error,
        triggers=TRIGGERS, status_code=status_code,
    )  # fmt: skip


def _webhook_input(posted: dict[str, list[str]]) -> WebhookInput:
    secret = text(posted, "secret")
    return WebhookInput(
        subscriber_url=text(posted, "subscriber_url"),
        triggers=[t for t in posted.get("triggers", []) if t],
        active=checkbox(posted, "active"),
        payload_template=text(posted, "payload_template") or None,
        **({"secret": secret} if secret else {}),
    )


@router.post(WEBHOOKS, response_class=HTMLResponse)
def create_webhook(
    request: Request,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    data = _webhook_input(posted)
    try:
        webhooks.create_webhook(session, settings, Scope(host), data, now=now)
    except SlotwiseError as exc:
        session.rollback()
        values = {"subscriber_url": data.subscriber_url, "triggers": data.triggers}
        return _webhooks(request, host, session, values=values, error=message_of(exc),
                         status_code=400)  # fmt: skip
    return see_other(WEBHOOKS, "created")


@router.get(WEBHOOKS + "/{webhookId}", response_class=HTMLResponse)
def webhook_page(
    request: Request, webhook_id: WebhookId, host: Host, session: ReadSessionDep
) -> Response:
    try:
        webhook = webhooks.get_webhook(session, Scope(host), webhook_id)
    except NotFound:
        return not_found(request)
    return _webhook(request, host, session, webhook, error=None)


def _webhook(
    request: Request,
    host: User,
    session: ReadSession,
    webhook: Any,
    *,
    error: str | None,
    ping: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    log, total = webhooks.deliveries(session, host, webhook.id, take=20, skip=0)
    return _page(
        request, "host/webhook_form.html", host, "Edit webhook", webhook=webhook, error=error,
        triggers=TRIGGERS, deliveries=log, total=total, ping=ping, status_code=status_code,
    )  # fmt: skip


@router.post(WEBHOOKS + "/{webhookId}", response_class=HTMLResponse)
def update_webhook(
    request: Request,
    webhook_id: WebhookId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    try:
        webhook = webhooks.get_webhook(session, Scope(host), webhook_id)
    except NotFound:
        return not_found(request)
    try:
        webhooks.update_webhook(
            session, settings, Scope(host), webhook_id, _webhook_input(posted), now=now
        )
    except SlotwiseError as exc:
        session.rollback()
        return _webhook(request, host, session, webhook, error=message_of(exc), status_code=400)
    return see_other(f"{WEBHOOKS}/{webhook_id}", "saved")


@router.post(WEBHOOKS + "/{webhookId}/ping", response_class=HTMLResponse)
def ping_webhook(
    request: Request,
    webhook_id: WebhookId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    del posted
    try:
        webhook = webhooks.get_webhook(session, Scope(host), webhook_id)
    except NotFound:
        return not_found(request)
    # As the API's ping: end the transaction before calling out, so a slow receiver never
    # holds the database (SQLite's writer lock) for its timeout.
    session.commit()
    try:
        answer = webhooks.ping(settings, webhook, now=now)
    except SlotwiseError as exc:
        return _webhook(request, host, session, webhook, error=message_of(exc), status_code=400)
    return _webhook(request, host, session, webhook, error=None, ping=answer)


@router.post(
    WEBHOOKS + "/{webhookId}/deliveries/{deliveryId}/redeliver", response_class=HTMLResponse
)
def redeliver(
    request: Request,
    webhook_id: WebhookId,
    delivery_id: DeliveryId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
    now: NowDep,
) -> Response:
    """The same event sent again (a new delivery row, the same ``webhook-id``)."""
    del posted
    try:
        webhooks.redeliver(session, host, webhook_id, delivery_id, now=now)
    except NotFound:
        return not_found(request)
    return see_other(f"{WEBHOOKS}/{webhook_id}", "redelivered")


@router.post(WEBHOOKS + "/{webhookId}/delete", response_class=HTMLResponse)
def delete_webhook(
    request: Request, webhook_id: WebhookId, host: Host, posted: HostForm, session: WriteSessionDep
) -> Response:
    del posted
    try:
        webhooks.delete_webhook(session, Scope(host), webhook_id)
    except NotFound:
        return not_found(request)
    return see_other(WEBHOOKS, "deleted")
