"""Who is calling, as every router asks it: today the user behind an API key
(``api_keys.dependencies``); other kinds of credentials would join here."""

from __future__ import annotations

from slotwise.api_keys.dependencies import (
    CallerOnDemand,
    CurrentCaller,
    CurrentUser,
    CurrentUserV1,
    OptionalCurrentUser,
)

__all__ = ["CallerOnDemand", "CurrentCaller", "CurrentUser", "CurrentUserV1", "OptionalCurrentUser"]
