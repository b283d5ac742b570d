"""The public booking pages: server-rendered HTML (Jinja2), our own small CSS and JS."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from slotwise.web import (
    booking_actions,
    page_routes,
    private_link_pages,
    review_pages,
    routing_form_pages,
    team_pages,
)
from slotwise.web.host import install_host_pages
from slotwise.web.rendering import STATIC_DIR


def install_web_pages(app: FastAPI) -> None:
    """Mounts ``/static`` and adds the page routes. Call it after every API router: the
    pages' ``/{username}`` paths come last (and never match a reserved first segment)."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(private_link_pages.router)
    app.include_router(routing_form_pages.router)
    app.include_router(review_pages.router)
    app.include_router(team_pages.router)  # /team/...: "team" is no username
    install_host_pages(app)  # the host's app: reserved first segments, before /{username}
    app.include_router(page_routes.router)
    app.include_router(booking_actions.router)
