"""Parameter types shared by routers: ids bounded to what the database's integer columns hold,
so an absurd id is a 400 at the edge rather than an overflow deep in a driver."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import Field

MAX_DATABASE_ID = 2**31 - 1  # PostgreSQL INTEGER; the same bound on SQLite keeps them alike

IdPath = Annotated[int, Path(ge=1, le=MAX_DATABASE_ID)]
DatabaseId = Annotated[int, Field(ge=1, le=MAX_DATABASE_ID)]
