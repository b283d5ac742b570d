"""On-site payment ("pay on site"): slotwise takes no money; the host marks the booking paid
through the API (``POST /v2/payments/{uid}/mark-paid``) or the CLI once they were paid."""

from __future__ import annotations

from slotwise.plugins.kinds import Plugin, PluginKind


def manual() -> Plugin:
    return Plugin(
        kind=PluginKind.PAYMENT,
        slug="manual",
        name="Pay on site",
        type="manual_payment",
        credential_schema={"type": "object", "properties": {}},
        hooks=None,  # nothing to call: the host says when they were paid
        description="The attendee pays the host in person; the host marks the booking paid",
    )
