"""GET /health: no auth; says whether the database answers."""

from __future__ import annotations

import logging
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from slotwise import __version__

router = APIRouter(tags=["Health"])
logger = logging.getLogger("slotwise.health")


class HealthOutput(BaseModel):
    status: Literal["ok", "error"]
    database: Literal["ok", "unreachable"]
    version: str


@router.get("/health", response_model=HealthOutput, responses={503: {"model": HealthOutput}})
def health(request: Request) -> JSONResponse:
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        body = HealthOutput(status="ok", database="ok", version=__version__)
        return JSONResponse(body.model_dump(), status_code=200)
    except SQLAlchemyError:
        logger.warning("health check: the database does not answer", exc_info=True)
        body = HealthOutput(status="error", database="unreachable", version=__version__)
        return JSONResponse(body.model_dump(), status_code=503)
