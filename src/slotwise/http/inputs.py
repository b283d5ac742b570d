"""Base classes for request bodies. Known fields are validated strictly (a string is not a
number, a number is not a datetime) in every version; unknown fields follow Cal.com:

- v2 drops them silently (class-validator's whitelist), spec/legacy.md §6;
- v1 refuses them with a 400 naming them (zod ``.strict()``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class V2Input(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)


class V1Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
