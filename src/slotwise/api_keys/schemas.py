from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RefreshApiKeyInput(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    apiKeyDaysValid: int = Field(default=30, ge=1, le=3650)
    apiKeyNeverExpires: bool = False


class ApiKeyOutput(BaseModel):
    apiKey: str
