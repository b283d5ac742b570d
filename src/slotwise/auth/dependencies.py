"""Who is calling, as every router asks it: the user behind an API key
(``api_keys.dependencies``)."""

from __future__ import annotations

from slotwise.api_keys.dependencies import (
    CallerOnDemand,
    CurrentCaller,
    CurrentUser,
    CurrentUserV1,
    OptionalCurrentUser,
)

__all__ = ["CallerOnDemand", "CurrentCaller", "CurrentUser", "CurrentUserV1", "OptionalCurrentUser"]
