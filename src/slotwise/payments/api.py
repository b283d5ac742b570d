"""Payment routes:

- v1 ``GET /v1/payments`` and ``/v1/payments/{id}`` (spec/api.md §16): the payments of the
  caller's bookings (as their host, the seller).
- ``POST /v2/payments/{paymentId}/mark-paid``: the host says an on-site payment was made.
- Stripe (§15): ``GET /v2/stripe/connect`` -> ``{authUrl}``, ``/v2/stripe/save`` (the
  redirect back, with ``code`` and the sealed ``state``), ``/v2/stripe/check`` -> ``{status}``;
  ``POST /api/integrations/stripepayment/webhook`` (Cal.com's path): Stripe's signed events.
- The booking page's pay step: ``GET /booking/{bookingUid}/pay`` sends the booker (their
  secret uid) to the provider's checkout, which sends them back to the booking.
- Invoices (slotwise's; Cal.com has none, so named in its style): ``GET /v2/invoices``,
  ``/v2/invoices/{invoiceId}``, ``/v2/invoices/{invoiceId}/html`` and ``/pdf``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from slotwise.apps import sealing
from slotwise.apps import service as apps
from slotwise.auth.dependencies import CurrentUser, CurrentUserV1
from slotwise.db import transaction
from slotwise.errors import Invalid, NotFound, Unavailable
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import (
    V1_ERROR_RESPONSES,
    V2_ERROR_RESPONSES,
    ErrorEnvelope,
    SuccessEnvelope,
    success,
)
from slotwise.http.params import IdPath
from slotwise.payments import documents, service
from slotwise.payments.schemas import (
    InvoiceOutput,
    PaymentsV1Envelope,
    PaymentV1,
    PaymentV1Envelope,
    StripeCheckOutput,
    StripeConnectOutput,
    StripeEventReceived,
)

router = APIRouter(tags=["Payments"], responses=V2_ERROR_RESPONSES)
v1_router = APIRouter(prefix="/v1", tags=["Payments (v1)"], responses=V1_ERROR_RESPONSES)

Take = Annotated[int, Query(ge=1, le=250)]
Skip = Annotated[int, Query(ge=0, le=1_000_000)]
STATE_PURPOSE = "stripe-connect"


@v1_router.get("/payments", response_model=PaymentsV1Envelope)
def list_payments_v1(
    caller: CurrentUserV1, session: ReadSessionDep, take: Take = 100, skip: Skip = 0
) -> PaymentsV1Envelope:
    found = service.payments_of(session, caller, take=take, skip=skip)
    return PaymentsV1Envelope(payments=[PaymentV1.of(p) for p in found])


@v1_router.get("/payments/{paymentId}", response_model=PaymentV1Envelope)
def get_payment_v1(
    paymentId: IdPath, caller: CurrentUserV1, session: ReadSessionDep
) -> PaymentV1Envelope:
    return PaymentV1Envelope(payment=PaymentV1.of(service.payment_of(session, caller, paymentId)))


@router.post("/v2/payments/{paymentId}/mark-paid", response_model=SuccessEnvelope[PaymentV1])
def mark_payment_paid(
    paymentId: IdPath, caller: CurrentUser, session: WriteSessionDep, now: NowDep
) -> SuccessEnvelope[PaymentV1]:
    return success(PaymentV1.of(service.mark_paid_on_site(session, caller, paymentId, now=now)))


@router.post(
    "/api/integrations/stripepayment/webhook",
    response_model=StripeEventReceived,
    response_model_exclude_none=True,
    include_in_schema=False,  # Stripe's endpoint, not part of the API clients call
)
async def stripe_event(
    request: Request,
    settings: SettingsDep,
    now: NowDep,
    stripe_signature: Annotated[str | None, Header(alias="Stripe-Signature")] = None,
) -> StripeEventReceived:
    body = await request.body()  # the exact bytes Stripe signed
    factory = request.app.state.write_session_factory

    def handle() -> dict[str, Any]:
        with transaction(factory) as session:
            return service.handle_stripe_event(session, settings, body, stripe_signature, now=now)

    return StripeEventReceived(**await run_in_threadpool(handle))


@router.get("/booking/{bookingUid}/pay", include_in_schema=False, response_class=RedirectResponse)
def pay_step(
    bookingUid: str, session: WriteSessionDep, settings: SettingsDep, now: NowDep
) -> RedirectResponse:
    return RedirectResponse(
        service.pay_step(session, settings, bookingUid, now=now).url, status_code=303
    )


@router.get(
    "/v2/stripe/connect",
    response_model=SuccessEnvelope[StripeConnectOutput],
    responses={503: {"model": ErrorEnvelope, "description": "Stripe Connect is not set up"}},
)
def stripe_connect(
    caller: CurrentUser, settings: SettingsDep
) -> SuccessEnvelope[StripeConnectOutput]:
    if not settings.stripe_client_id:
        raise Unavailable(
            "Stripe Connect is not configured on this server (SLOTWISE_STRIPE_CLIENT_ID)"
        )
    state = sealing.seal(settings, {"userId": caller.id, "purpose": STATE_PURPOSE})
    query = urlencode(dict(
        response_type="code", client_id=settings.stripe_client_id, scope="read_write",
        state=state, redirect_uri=f"{settings.base_url}/v2/stripe/save",
    ))  # fmt: skip
    url = f"{settings.stripe_connect_url.rstrip('/')}/oauth/authorize?{query}"
    return success(StripeConnectOutput(authUrl=url))


@router.get("/v2/stripe/save", response_model=SuccessEnvelope[dict[str, str]])
def stripe_save(
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    state: Annotated[str, Query(min_length=1, max_length=4096)],
    code: Annotated[str, Query(min_length=1, max_length=1024)],
) -> SuccessEnvelope[dict[str, str]]:
    """Stripe sends the host back here: the sealed state names them; the code becomes their
    connected account's id, stored as a sealed ``stripe`` credential."""
    try:
        claims = sealing.unseal(settings, state)
    except sealing.UnreadableCredential:
        raise Invalid.field("state", "is not a state this server issued") from None
    user_id = claims.get("userId")
    if claims.get("purpose") != STATE_PURPOSE or not isinstance(user_id, int):
        raise Invalid.field("state", "is not a state this server issued")
    account = service.provider_account(settings)
    import httpx  # here, not at start-up: the app starts without it (tests/cli)

    try:
        answer = httpx.post(
            f"{settings.stripe_connect_url.rstrip('/')}/oauth/token",
            data={"grant_type": "authorization_code", "code": code},
            headers={"Authorization": f"Bearer {account.secret_key}"},
            timeout=account.timeout,
        )
        stripe_user_id = answer.json().get("stripe_user_id") if answer.is_success else None
    except (httpx.HTTPError, ValueError):
        raise Unavailable("Stripe could not be reached") from None
    if not isinstance(stripe_user_id, str):
        raise Invalid.field("code", "was refused by Stripe")
    apps.install(session, settings, user_id, "stripe", {"stripe_user_id": stripe_user_id}, now=now)
    return success({"url": f"{settings.base_url}/apps/installed/payment"})


@router.get("/v2/stripe/check", response_model=SuccessEnvelope[StripeCheckOutput])
def stripe_check(
    caller: CurrentUser, session: ReadSessionDep, settings: SettingsDep
) -> SuccessEnvelope[StripeCheckOutput]:
    if service.connected_account(session, settings, caller.id) is None:
        raise NotFound("No Stripe account is connected")
    return success(StripeCheckOutput(status="success"))


@router.get("/v2/invoices", response_model=SuccessEnvelope[list[InvoiceOutput]])
def list_invoices(
    caller: CurrentUser, session: ReadSessionDep, take: Take = 100, skip: Skip = 0
) -> SuccessEnvelope[list[InvoiceOutput]]:
    found = service.invoices_of(session, caller, take=take, skip=skip)
    return success([InvoiceOutput.of(i) for i in found])


@router.get("/v2/invoices/{invoiceId}", response_model=SuccessEnvelope[InvoiceOutput])
def get_invoice(
    invoiceId: IdPath, caller: CurrentUser, session: ReadSessionDep
) -> SuccessEnvelope[InvoiceOutput]:
    return success(InvoiceOutput.of(service.invoice_of(session, caller, invoiceId)))


# The documents themselves are HTML or PDF; a refusal is the usual JSON error (so no
# ``response_class``: FastAPI would publish the errors with the document's media type).
INVOICE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorEnvelope, "description": "No or an unknown API key"},
    404: {"model": ErrorEnvelope, "description": "No invoice of the caller has this id"},
}


@router.get(
    "/v2/invoices/{invoiceId}/html",
    responses={
        200: {"content": {"text/html": {}}, "description": "The printable invoice"},
        **INVOICE_ERRORS,
    },
)
def invoice_html(invoiceId: IdPath, caller: CurrentUser, session: ReadSessionDep) -> HTMLResponse:
    return HTMLResponse(documents.html(service.invoice_of(session, caller, invoiceId)))


@router.get(
    "/v2/invoices/{invoiceId}/pdf",
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The invoice as PDF"},
        **INVOICE_ERRORS,
    },
)
def invoice_pdf(invoiceId: IdPath, caller: CurrentUser, session: ReadSessionDep) -> Response:
    invoice = service.invoice_of(session, caller, invoiceId)
    return Response(
        documents.pdf(invoice),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="invoice-{invoice.number}.pdf"'},
    )
