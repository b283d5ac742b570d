"""Webhook signatures against fixed vectors computed outside slotwise (spec/api.md §10).

The Standard Webhooks vector is the one the standard publishes with its reference libraries
(standard-webhooks/standard-webhooks, libraries/python/tests/test_webhooks.py,
``test_sign_function``). The Cal.com-style and plain-secret vectors were computed once with
OpenSSL when this file was written and are kept as literals:

    printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET"
    printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64

None of the expected values is derived from slotwise's own code, so a change to how slotwise
signs (a different key derivation, message layout or encoding) fails here.
"""

from __future__ import annotations

from slotwise.webhooks.signing import cal_signature, headers, standard_signature

# Standard Webhooks: the published test vector.
STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
STANDARD_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
STANDARD_TIMESTAMP = 1614265330
STANDARD_PAYLOAD = b'{"test": 2432232314}'
STANDARD_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

# A secret without the whsec_ prefix is used as its UTF-8 bytes (openssl, see above).
PLAIN_SECRET = "slotwise-test-secret"
PLAIN_STANDARD_SIGNATURE = "v1,4YldDMfvUyrkx5rmBQanXwgnACjfXRJBHkZIpwm3j+g="

# Cal.com's X-Cal-Signature-256: lowercase hex HMAC-SHA256 of the raw body (openssl, see above).
CAL_BODY = (
    b'{"triggerEvent":"BOOKING_CREATED","createdAt":"2030-03-26T09:00:00.000Z",'
    b'"payload":{"uid":"abc"}}'
)
CAL_SIGNATURE = "7efd17746e148361c0b4e543322a70b7cc7c6cbb3f50b5e63a602352d63d1d3d"


class TestStandardWebhooks:
    def test_the_published_vector(self) -> None:
        signature = standard_signature(
            STANDARD_SECRET, STANDARD_MSG_ID, STANDARD_TIMESTAMP, STANDARD_PAYLOAD
        )
        assert signature == STANDARD_SIGNATURE

    def test_the_delivery_headers_carry_the_published_vector(self) -> None:
        sent = headers(
            STANDARD_SECRET,
            STANDARD_MSG_ID,
            STANDARD_TIMESTAMP,
            STANDARD_PAYLOAD,
            "application/json",
            attempt=1,
        )
        assert sent["webhook-id"] == STANDARD_MSG_ID
        assert sent["webhook-timestamp"] == "1614265330"
        assert sent["webhook-signature"] == STANDARD_SIGNATURE

    def test_a_secret_without_the_prefix_is_used_as_its_bytes(self) -> None:
        signature = standard_signature(
            PLAIN_SECRET, STANDARD_MSG_ID, STANDARD_TIMESTAMP, STANDARD_PAYLOAD
        )
        assert signature == PLAIN_STANDARD_SIGNATURE

    def test_no_secret_sends_no_signature(self) -> None:
        sent = headers(None, STANDARD_MSG_ID, STANDARD_TIMESTAMP, b"{}", "application/json", 1)
        assert "webhook-signature" not in sent


class TestCalSignature:
    def test_the_openssl_vector(self) -> None:
        assert cal_signature(PLAIN_SECRET, CAL_BODY) == CAL_SIGNATURE

    def test_the_delivery_header_carries_it(self) -> None:
        sent = headers(PLAIN_SECRET, "msg_x", 1, CAL_BODY, "application/json", attempt=2)
        assert sent["X-Cal-Signature-256"] == CAL_SIGNATURE
        assert sent["X-Slotwise-Attempt"] == "2"

    def test_without_a_secret_it_says_so(self) -> None:
        assert cal_signature(None, CAL_BODY) == "no-secret-provided"
        assert cal_signature("", CAL_BODY) == "no-secret-provided"
