from __future__ import annotations

from pydantic import BaseModel, Field

from slotwise.http.inputs import V2Input


class RefreshApiKeyInput(V2Input):
    apiKeyDaysValid: int = Field(default=30, ge=1, le=3650)
    apiKeyNeverExpires: bool = False


class ApiKeyOutput(BaseModel):
    apiKey: str
