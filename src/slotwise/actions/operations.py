"""Every operation of slotwise's OpenAPI, by operation id, with the action that calls it.

Checked in on purpose: a test compares it with the live OpenAPI, so a route added without an
action (or an action whose route is gone) fails. After adding a route, add its line here and
its curated entry in ``definitions.py``, then run ``python -m slotwise.actions.generate``.
"""

from __future__ import annotations

OPERATION_ACTIONS: dict[str, str] = {
    "health_health_get": "check-health",
    "get_me_v2_me_get": "get-current-user",
    "update_me_v2_me_patch": "update-current-user",
    "refresh_api_key_v2_api_keys_refresh_post": "refresh-api-key",
    "list_time_zones_v2_timezones_get": "list-timezones",
    "get_me_v1_v1_me_get": "get-current-user-v1",
    "list_users_v1_v1_users_get": "list-users",
    "create_user_v1_v1_users_post": "create-user",
    "get_user_v1_v1_users__user_id__get": "get-user",
    "update_user_v1_v1_users__user_id__patch": "update-user",
    "delete_user_v1_v1_users__user_id__delete": "delete-user",
    "create_schedule_v2_schedules_post": "create-schedule",
    "list_schedules_v2_schedules_get": "list-schedules",
    "get_default_schedule_v2_schedules_default_get": "get-default-schedule",
    "get_schedule_v2_schedules__scheduleId__get": "get-schedule",
    "update_schedule_v2_schedules__scheduleId__patch": "update-schedule",
    "delete_schedule_v2_schedules__scheduleId__delete": "delete-schedule",
    "list_public_event_types_legacy_v2_event_types__username__public_get": (
        "list-public-event-types-legacy"
    ),
    "get_public_event_legacy_v2_event_types__username___eventSlug__public_get": (
        "get-public-event-type-legacy"
    ),
    "create_event_type_v2_event_types_post": "create-event-type",
    "list_event_types_v2_event_types_get": "list-event-types",
    "get_event_type_v2_event_types__eventTypeId__get": "get-event-type",
    "update_event_type_v2_event_types__eventTypeId__patch": "update-event-type",
    "delete_event_type_v2_event_types__eventTypeId__delete": "delete-event-type",
    "get_slots_v2_slots_get": "get-available-slots",
    "reserve_slot_v2_slots_reservations_post": "reserve-slot",
    "get_reservation_v2_slots_reservations__uid__get": "get-slot-reservation",
    "update_reservation_v2_slots_reservations__uid__patch": "update-slot-reservation",
    "delete_reservation_v2_slots_reservations__uid__delete": "delete-slot-reservation",
    "get_available_slots_v2_slots_available_get": "get-available-slots-legacy",
    "reserve_slot_legacy_v2_slots_reserve_post": "reserve-slot-legacy",
    "delete_selected_slot_v2_slots_selected_slot_delete": "delete-selected-slot-legacy",
    "create_booking_v2_bookings_post": "create-booking",
    "list_bookings_v2_bookings_get": "list-bookings",
    "create_recurring_booking_legacy_v2_bookings_recurring_post": (
        "create-recurring-booking-legacy"
    ),
    "get_booking_v2_bookings__bookingUid__get": "get-booking",
    "cancel_booking_v2_bookings__bookingUid__cancel_post": "cancel-booking",
    "reschedule_booking_v2_bookings__bookingUid__reschedule_post": "reschedule-booking",
    "confirm_booking_v2_bookings__bookingUid__confirm_post": "confirm-booking",
    "decline_booking_v2_bookings__bookingUid__decline_post": "decline-booking",
    "mark_absent_v2_bookings__bookingUid__mark_absent_post": "mark-booking-absent",
    "mark_no_show_legacy_v2_bookings__bookingUid__mark_no_show_post": (
        "mark-booking-no-show-legacy"
    ),
    "get_calendar_links_v2_bookings__bookingUid__calendar_links_get": (
        "get-booking-calendar-links"
    ),
    "list_booking_attendees_v2_bookings__bookingUid__attendees_get": "list-booking-attendees",
    "update_booking_location_v2_bookings__bookingUid__location_patch": "update-booking-location",
    "add_booking_guests_v2_bookings__bookingUid__guests_post": "add-booking-guests",
    "add_booking_attendee_v2_bookings__bookingUid__attendees_post": "add-booking-attendee",
    "list_attendees_v1_v1_attendees_get": "list-attendees",
    "create_attendee_v1_v1_attendees_post": "create-attendee",
    "get_attendee_v1_v1_attendees__attendee_id__get": "get-attendee",
    "update_attendee_v1_v1_attendees__attendee_id__patch": "update-attendee",
    "delete_attendee_v1_v1_attendees__attendee_id__delete": "delete-attendee",
    "list_webhooks_v1_v1_webhooks_get": "list-webhooks-legacy",
    "create_webhook_v1_v1_webhooks_post": "create-webhook-legacy",
    "get_webhook_v1_v1_webhooks__webhook_id__get": "get-webhook-legacy",
    "update_webhook_v1_v1_webhooks__webhook_id__patch": "update-webhook-legacy",
    "delete_webhook_v1_v1_webhooks__webhook_id__delete": "delete-webhook-legacy",
    "list_webhooks_v2_webhooks_get": "list-webhooks",
    "create_webhook_v2_webhooks_post": "create-webhook",
    "get_webhook_v2_webhooks__webhookId__get": "get-webhook",
    "update_webhook_v2_webhooks__webhookId__patch": "update-webhook",
    "delete_webhook_v2_webhooks__webhookId__delete": "delete-webhook",
    "list_deliveries_v2_webhooks__webhookId__deliveries_get": "list-webhook-deliveries",
    "redeliver_v2_webhooks__webhookId__deliveries__deliveryId__redeliver_post": (
        "redeliver-webhook-delivery"
    ),
    "ping_webhook_v2_webhooks__webhookId__ping_post": "ping-webhook",
    "list_event_type_webhooks_v2_event_types__eventTypeId__webhooks_get": (
        "list-event-type-webhooks"
    ),
    "create_event_type_webhook_v2_event_types__eventTypeId__webhooks_post": (
        "create-event-type-webhook"
    ),
    "delete_event_type_webhooks_v2_event_types__eventTypeId__webhooks_delete": (
        "delete-all-event-type-webhooks"
    ),
    "get_event_type_webhook_v2_event_types__eventTypeId__webhooks__webhookId__get": (
        "get-event-type-webhook"
    ),
    "update_event_type_webhook_v2_event_types__eventTypeId__webhooks__webhookId__patch": (
        "update-event-type-webhook"
    ),
    "delete_event_type_webhook_v2_event_types__eventTypeId__webhooks__webhookId__delete": (
        "delete-event-type-webhook"
    ),
    "create_workflow_v2_workflows_post": ("create-my-workflow"),
    "list_workflows_v2_workflows_get": ("list-my-workflows"),
    "get_workflow_v2_workflows__workflowId__get": ("get-my-workflow"),
    "update_workflow_v2_workflows__workflowId__patch": ("update-my-workflow"),
    "delete_workflow_v2_workflows__workflowId__delete": ("delete-my-workflow"),
    "create_team_workflow_v2_teams__teamId__workflows_post": ("create-team-workflow"),
    "list_team_workflows_v2_teams__teamId__workflows_get": ("list-team-workflows"),
    "get_team_workflow_v2_teams__teamId__workflows__workflowId__get": ("get-team-workflow"),
    "update_team_workflow_v2_teams__teamId__workflows__workflowId__patch": ("update-team-workflow"),
    "delete_team_workflow_v2_teams__teamId__workflows__workflowId__delete": (
        "delete-team-workflow"
    ),
    "request_email_code_v2_verified_resources_emails_verification_code_request_post": (
        "request-email-verification-code"
    ),
    "verify_email_v2_verified_resources_emails_verification_code_verify_post": (
        "verify-email-code"
    ),
    "list_emails_v2_verified_resources_emails_get": ("list-verified-emails"),
    "get_email_v2_verified_resources_emails__id__get": ("get-verified-email"),
    "request_phone_code_v2_verified_resources_phones_verification_code_request_post": (
        "request-phone-verification-code"
    ),
    "verify_phone_v2_verified_resources_phones_verification_code_verify_post": (
        "verify-phone-code"
    ),
    "list_phones_v2_verified_resources_phones_get": ("list-verified-phones"),
    "get_phone_v2_verified_resources_phones__id__get": ("get-verified-phone"),
    "request_email_code_v2_teams__teamId__verified_resources_emails_verification_code_request_post": (  # noqa: E501
        "request-team-email-verification-code"
    ),
    "verify_email_v2_teams__teamId__verified_resources_emails_verification_code_verify_post": (
        "verify-team-email-code"
    ),
    "list_emails_v2_teams__teamId__verified_resources_emails_get": ("list-team-verified-emails"),
    "get_email_v2_teams__teamId__verified_resources_emails__id__get": ("get-team-verified-email"),
    "request_phone_code_v2_teams__teamId__verified_resources_phones_verification_code_request_post": (  # noqa: E501
        "request-team-phone-verification-code"
    ),
    "verify_phone_v2_teams__teamId__verified_resources_phones_verification_code_verify_post": (
        "verify-team-phone-code"
    ),
    "list_phones_v2_teams__teamId__verified_resources_phones_get": ("list-team-verified-phones"),
    "get_phone_v2_teams__teamId__verified_resources_phones__id__get": ("get-team-verified-phone"),
    "send_booker_code_v2_atoms_verification_email_send_code_post": ("send-booker-email-code"),
    "verify_booker_code_v2_atoms_verification_email_verify_code_post": ("verify-booker-email-code"),
}
