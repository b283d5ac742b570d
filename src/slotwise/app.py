"""The FastAPI application: state, middleware, error handlers and every router."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from slotwise import __version__
from slotwise.api_keys.api import router as api_keys_router
from slotwise.apps.api import router as apps_router
from slotwise.attributes.api import router as attributes_router
from slotwise.booking_references.api import router as booking_references_router
from slotwise.booking_references.api import v1_router as booking_references_v1_router
from slotwise.bookings.api import router as bookings_router
from slotwise.bookings.api_amendments import router as booking_amendments_router
from slotwise.bookings.api_details import router as booking_details_router
from slotwise.bookings.api_team import router as team_bookings_router
from slotwise.bookings.api_v1 import router as attendees_v1_router
from slotwise.busy.external import ReportUncheckedCalendars
from slotwise.calendars.api import router as calendars_router
from slotwise.clock import Clock, SystemClock
from slotwise.composition import (
    calendar_busy_reader,
    event_bus,
    outbox_handlers,
    session_factory,
)
from slotwise.config import Settings
from slotwise.db import make_engine
from slotwise.event_types.api import router as event_types_router
from slotwise.event_types.api import sdk_router as public_events_router
from slotwise.event_types.team_api import router as team_event_types_router
from slotwise.health.api import router as health_router
from slotwise.http.body_limit import LimitRequestBody
from slotwise.http.errors import install_error_handlers
from slotwise.http.ignored_fields import ReportIgnoredFields
from slotwise.http.nul_guard import RejectNulCharacters
from slotwise.http.openapi import declare_guard_statuses
from slotwise.http.versioning import ResolveApiVersion
from slotwise.logging_setup import install_redaction
from slotwise.messaging.api import router as sms_status_router
from slotwise.out_of_office.api import router as out_of_office_router
from slotwise.outbox.worker import EmbeddedWorker, lane_workers, wake_after_commit
from slotwise.payments.api import router as payments_router
from slotwise.payments.api import v1_router as payments_v1_router
from slotwise.private_links.api import router as private_links_router
from slotwise.ratelimit import install_rate_limits, rate_limiter
from slotwise.recordings.api import router as recordings_router
from slotwise.reviews.api import router as reviews_router
from slotwise.routing_forms.api import router as routing_forms_router
from slotwise.schedules.api import router as schedules_router
from slotwise.slots.api import router as slots_router
from slotwise.teams.api import router as teams_router
from slotwise.teams.api_v1 import router as teams_v1_router
from slotwise.teams.organizations.api import router as organizations_router
from slotwise.timezones.api import legacy_router as schedules_time_zones_router
from slotwise.timezones.api import router as timezones_router
from slotwise.users.api import router as me_router
from slotwise.users.api_v1 import router as users_v1_router
from slotwise.verification.api import router as verification_router
from slotwise.web import install_web_pages
from slotwise.web.api_docs import install_api_docs
from slotwise.webhooks.api import router as webhooks_router
from slotwise.webhooks.api_v1 import router as webhooks_v1_router
from slotwise.workflows.api import router as workflows_router


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.ensure_data_dir()
    # Created (0600) on first start, so credentials encrypted later can be read after restarts.
    settings.load_or_create_encryption_key()
    engine = make_engine(settings.resolved_database_url, **settings.pool_options)
    clock = clock or SystemClock()
    # The embedded default delivers its own side effects; a deployment with separate
    # `slotwise worker` processes turns this off (SLOTWISE_EMBEDDED_WORKER=false).
    embedded = (
        EmbeddedWorker(
            lane_workers(engine, settings, clock, outbox_handlers(settings, engine, clock))
        )
        if settings.embedded_worker
        else None
    )
    limiter = rate_limiter(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if embedded is not None:
            embedded.start()
        yield
        if embedded is not None:
            # In-flight deliveries finish first (SIGTERM: uvicorn has already drained requests).
            embedded.stop(timeout=settings.shutdown_grace_seconds)
        if limiter is not None:
            limiter.close()
        _app.state.calendar_busy.close()
        engine.dispose()

    app = FastAPI(
        title="slotwise",
        version=__version__,
        description="A scheduling platform that speaks Cal.com's REST API (v2 and v1).",
        lifespan=lifespan,
        docs_url=None,  # install_api_docs serves them from installed files, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.clock = clock
    app.state.engine = engine
    bus = event_bus(settings)
    app.state.session_factory = session_factory(engine, bus=bus)
    app.state.write_session_factory = session_factory(engine, write_lock=True, bus=bus)
    app.state.calendar_busy = calendar_busy_reader(
        settings, engine, (app.state.session_factory, app.state.write_session_factory)
    )
    if embedded is not None:
        for factory in (app.state.session_factory, app.state.write_session_factory):
            wake_after_commit(factory, embedded.wake)

    # Read once, here; routers receive it through ApiVersionDep.
    app.add_middleware(ResolveApiVersion)
    app.add_middleware(ReportIgnoredFields)
    app.add_middleware(ReportUncheckedCalendars)
    app.add_middleware(RejectNulCharacters)
    # Outermost (added last): no oversized body is read whole by anything behind it.
    app.add_middleware(LimitRequestBody, max_bytes=settings.max_request_body_bytes)
    install_error_handlers(app)
    if limiter is not None:
        factories = (app.state.session_factory, app.state.write_session_factory)
        install_rate_limits(app, limiter, clock, factories)
    install_redaction()
    for router in (
        health_router,
        me_router,
        api_keys_router,
        timezones_router,
        users_v1_router,
        schedules_time_zones_router,  # before schedules: its path is not a schedule id
        schedules_router,
    ):
        app.include_router(router)
    app.include_router(event_types_router)
    app.include_router(private_links_router)
    app.include_router(team_event_types_router)
    app.include_router(public_events_router)
    app.include_router(slots_router)
    app.include_router(bookings_router)
    app.include_router(booking_details_router)
    app.include_router(booking_amendments_router)
    app.include_router(team_bookings_router)
    app.include_router(attendees_v1_router)
    app.include_router(webhooks_router)
    app.include_router(webhooks_v1_router)
    app.include_router(apps_router)
    app.include_router(calendars_router)
    app.include_router(booking_references_router)
    app.include_router(booking_references_v1_router)
    app.include_router(recordings_router)
    app.include_router(reviews_router)
    app.include_router(out_of_office_router)
    app.include_router(workflows_router)
    app.include_router(sms_status_router)
    app.include_router(verification_router)
    app.include_router(teams_router)
    app.include_router(teams_v1_router)
    app.include_router(organizations_router)
    app.include_router(attributes_router)
    app.include_router(routing_forms_router)
    app.include_router(payments_router)
    app.include_router(payments_v1_router)
    install_api_docs(app)
    # The booking pages last: their /{username} paths must not shadow any API path.
    install_web_pages(app)
    declare_guard_statuses(app)
    return app


def create_app_from_environment() -> FastAPI:
    """Factory for ``uvicorn --factory`` (``slotwise serve --reload`` or ``--workers N``)."""
    return create_app()
