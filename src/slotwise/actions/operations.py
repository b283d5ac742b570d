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
    # Teams, memberships and organizations (issue 23's teams work).
    "list_teams_v2_teams_get": "list-teams",
    "create_team_v2_teams_post": "create-team",
    "get_team_v2_teams__teamId__get": "get-team",
    "update_team_v2_teams__teamId__patch": "update-team",
    "delete_team_v2_teams__teamId__delete": "delete-team",
    "list_team_memberships_v2_teams__teamId__memberships_get": "list-team-memberships",
    "create_team_membership_v2_teams__teamId__memberships_post": "create-team-membership",
    "get_team_membership_v2_teams__teamId__memberships__membershipId__get": ("get-team-membership"),
    "update_team_membership_v2_teams__teamId__memberships__membershipId__patch": (
        "update-team-membership"
    ),
    "delete_team_membership_v2_teams__teamId__memberships__membershipId__delete": (
        "delete-team-membership"
    ),
    "list_team_bookings_v2_teams__teamId__bookings_get": "list-team-bookings",
    "list_team_event_types_v2_teams__teamId__event_types_get": "list-team-event-types",
    "create_team_event_type_v2_teams__teamId__event_types_post": "create-team-event-type",
    "get_team_event_type_v2_teams__teamId__event_types__eventTypeId__get": ("get-team-event-type"),
    "update_team_event_type_v2_teams__teamId__event_types__eventTypeId__patch": (
        "update-team-event-type"
    ),
    "delete_team_event_type_v2_teams__teamId__event_types__eventTypeId__delete": (
        "delete-team-event-type"
    ),
    "list_teams_v1_v1_teams_get": "list-teams-legacy",
    "create_team_v1_v1_teams_post": "create-team-legacy",
    "get_team_v1_v1_teams__teamId__get": "get-team-legacy",
    "update_team_v1_v1_teams__teamId__patch": "update-team-legacy",
    "delete_team_v1_v1_teams__teamId__delete": "delete-team-legacy",
    "list_memberships_v1_v1_memberships_get": "list-memberships-legacy",
    "create_membership_v1_v1_memberships_post": "create-membership-legacy",
    "get_membership_v1_v1_memberships__userId___teamId__get": "get-membership-legacy",
    "update_membership_v1_v1_memberships__userId___teamId__patch": "update-membership-legacy",
    "delete_membership_v1_v1_memberships__userId___teamId__delete": "delete-membership-legacy",
    "list_organization_users_v2_organizations__orgId__users_get": "list-organization-users",
    "create_organization_user_v2_organizations__orgId__users_post": "create-organization-user",
    "update_organization_user_v2_organizations__orgId__users__userId__patch": (
        "update-organization-user"
    ),
    "delete_organization_user_v2_organizations__orgId__users__userId__delete": (
        "delete-organization-user"
    ),
    "list_organization_memberships_v2_organizations__orgId__memberships_get": (
        "list-organization-memberships"
    ),
    "create_organization_membership_v2_organizations__orgId__memberships_post": (
        "create-organization-membership"
    ),
    "get_organization_membership_v2_organizations__orgId__memberships__membershipId__get": (
        "get-organization-membership"
    ),
    "update_organization_membership_v2_organizations__orgId__memberships__membershipId__patch": (  # noqa: E501
        "update-organization-membership"
    ),
    "delete_organization_membership_v2_organizations__orgId__memberships__membershipId__delete": (  # noqa: E501
        "delete-organization-membership"
    ),
    "list_organization_teams_v2_organizations__orgId__teams_get": "list-organization-teams",
    "create_organization_team_v2_organizations__orgId__teams_post": "create-organization-team",
    "list_my_organization_teams_v2_organizations__orgId__teams_me_get": (
        "list-my-organization-teams"
    ),
    "get_organization_team_v2_organizations__orgId__teams__teamId__get": ("get-organization-team"),
    "update_organization_team_v2_organizations__orgId__teams__teamId__patch": (
        "update-organization-team"
    ),
    "delete_organization_team_v2_organizations__orgId__teams__teamId__delete": (
        "delete-organization-team"
    ),
    "list_organization_team_memberships_v2_organizations__orgId__teams__teamId__memberships_get": (  # noqa: E501
        "list-organization-team-memberships"
    ),
    "create_organization_team_membership_v2_organizations__orgId__teams__teamId__memberships_post": (  # noqa: E501
        "create-organization-team-membership"
    ),
    "get_organization_team_membership_v2_organizations__orgId__teams__teamId__memberships__membershipId__get": (  # noqa: E501
        "get-organization-team-membership"
    ),
    "update_organization_team_membership_v2_organizations__orgId__teams__teamId__memberships__membershipId__patch": (  # noqa: E501
        "update-organization-team-membership"
    ),
    "delete_organization_team_membership_v2_organizations__orgId__teams__teamId__memberships__membershipId__delete": (  # noqa: E501
        "delete-organization-team-membership"
    ),
    "list_org_team_event_types_v2_organizations__orgId__teams__teamId__event_types_get": (
        "list-organization-team-event-types"
    ),
    "create_org_team_event_type_v2_organizations__orgId__teams__teamId__event_types_post": (
        "create-organization-team-event-type"
    ),
    "get_org_team_event_type_v2_organizations__orgId__teams__teamId__event_types__eventTypeId__get": (  # noqa: E501
        "get-organization-team-event-type"
    ),
    "update_org_team_event_type_v2_organizations__orgId__teams__teamId__event_types__eventTypeId__patch": (  # noqa: E501
        "update-organization-team-event-type"
    ),
    "delete_org_team_event_type_v2_organizations__orgId__teams__teamId__event_types__eventTypeId__delete": (  # noqa: E501
        "delete-organization-team-event-type"
    ),
    "list_organization_teams_event_types_v2_organizations__orgId__teams_event_types_get": (
        "list-organization-teams-event-types"
    ),
    "list_team_schedules_v2_teams__teamId__schedules_get": "list-team-schedules",
    # Reassignment, booking references, private links, out of office.
    "reassign_booking_v2_bookings__bookingUid__reassign_post": "reassign-booking",
    "reassign_booking_to_user_v2_bookings__bookingUid__reassign__userId__post": (
        "reassign-booking-to-user"
    ),
    "list_booking_references_v2_bookings__bookingUid__references_get": ("get-booking-references"),
    "list_booking_recordings_v2_bookings__bookingUid__recordings_get": "get-booking-recordings",
    "list_booking_transcripts_v2_bookings__bookingUid__transcripts_get": (
        "get-booking-transcripts"
    ),
    "get_review_link_v2_reviews__secret__get": "get-review-link",
    "submit_review_v2_reviews__secret__post": "submit-review",
    "list_event_type_reviews_v2_event_types__eventTypeId__reviews_get": "list-event-type-reviews",
    "list_booking_references_v1_v1_booking_references_get": "list-booking-references-legacy",
    "create_booking_reference_v1_v1_booking_references_post": "create-booking-reference-legacy",
    "get_booking_reference_v1_v1_booking_references__reference_id__get": (
        "get-booking-reference-legacy"
    ),
    "update_booking_reference_v1_v1_booking_references__reference_id__patch": (
        "update-booking-reference-legacy"
    ),
    "delete_booking_reference_v1_v1_booking_references__reference_id__delete": (
        "delete-booking-reference-legacy"
    ),
    "list_private_links_v2_event_types__eventTypeId__private_links_get": "list-private-links",
    "create_private_link_v2_event_types__eventTypeId__private_links_post": "create-private-link",
    "update_private_link_v2_event_types__eventTypeId__private_links__linkId__patch": (
        "update-private-link"
    ),
    "delete_private_link_v2_event_types__eventTypeId__private_links__linkId__delete": (
        "delete-private-link"
    ),
    "list_ooo_entries_v2_me_ooo_get": "list-my-out-of-office-entries",
    "create_ooo_entry_v2_me_ooo_post": "create-my-out-of-office-entry",
    "get_ooo_entry_v2_me_ooo__oooId__get": "get-my-out-of-office-entry",
    "update_ooo_entry_v2_me_ooo__oooId__patch": "update-my-out-of-office-entry",
    "delete_ooo_entry_v2_me_ooo__oooId__delete": "delete-my-out-of-office-entry",
    # Apps and calendars: each literal per-app path has its own action (see definitions.py).
    "list_apps_v2_apps_get": "list-apps",
    "list_calendars_v2_calendars_get": "list-calendars",
    "busy_times_v2_calendars_busy_times_get": "get-busy-times",
    "add_selected_calendar_v2_selected_calendars_post": "add-selected-calendar",
    "remove_selected_calendar_v2_selected_calendars_delete": "remove-selected-calendar",
    "set_destination_calendar_v2_destination_calendars_put": "update-destination-calendar",
    "save_apple_credentials_v2_calendars_apple_credentials_post": "save-apple-calendar-credentials",
    "check_apple_calendar_v2_calendars_apple_check_get": "check-apple-calendar",
    "disconnect_apple_calendar_v2_calendars_apple_disconnect_post": "disconnect-apple-calendar",
    "save_caldav_credentials_v2_calendars_caldav_credentials_post": (
        "save-caldav-calendar-credentials"
    ),
    "check_caldav_calendar_v2_calendars_caldav_check_get": "check-caldav-calendar",
    "disconnect_caldav_calendar_v2_calendars_caldav_disconnect_post": "disconnect-caldav-calendar",
    "save_ics_feeds_v2_calendars_ics_feed_save_post": "save-ics-feed",
    "check_ics_feed_calendar_v2_calendars_ics_feed_check_get": "check-ics-feed",
    "disconnect_ics_feed_calendar_v2_calendars_ics_feed_disconnect_post": "disconnect-ics-feed",
    "issue_private_feed_v2_calendars_ics_feed_private_post": "create-private-bookings-feed",
    "private_feed_v2_calendars_ics_feed_bookings_ics_get": "get-private-bookings-feed",
    # Routing forms and organization member attributes (issue 21).
    "list_attributes_v2_organizations__orgId__attributes_get": "list-organization-attributes",
    "create_attribute_v2_organizations__orgId__attributes_post": "create-organization-attribute",
    "get_attribute_v2_organizations__orgId__attributes__attributeId__get": (
        "get-organization-attribute"
    ),
    "update_attribute_v2_organizations__orgId__attributes__attributeId__patch": (
        "update-organization-attribute"
    ),
    "delete_attribute_v2_organizations__orgId__attributes__attributeId__delete": (
        "delete-organization-attribute"
    ),
    "list_attribute_options_v2_organizations__orgId__attributes__attributeId__options_get": (
        "list-attribute-values"
    ),
    "create_attribute_option_v2_organizations__orgId__attributes__attributeId__options_post": (
        "create-attribute-value"
    ),
    "update_attribute_option_v2_organizations__orgId__attributes__attributeId__options__optionId__patch": (  # noqa: E501
        "update-attribute-value"
    ),
    "delete_attribute_option_v2_organizations__orgId__attributes__attributeId__options__optionId__delete": (  # noqa: E501
        "delete-attribute-value"
    ),
    "list_member_attribute_options_v2_organizations__orgId__attributes_options__userId__get": (
        "list-member-attribute-values"
    ),
    "assign_attribute_option_v2_organizations__orgId__attributes_options__userId__post": (
        "assign-attribute-value"
    ),
    "unassign_attribute_option_v2_organizations__orgId__attributes_options__userId___attributeOptionId__delete": (  # noqa: E501
        "unassign-attribute-value"
    ),
    "list_routing_forms_v2_routing_forms_get": "list-my-routing-forms",
    "create_routing_form_v2_routing_forms_post": "create-routing-form",
    "get_routing_form_v2_routing_forms__routingFormId__get": "get-routing-form",
    "update_routing_form_v2_routing_forms__routingFormId__patch": "update-routing-form",
    "delete_routing_form_v2_routing_forms__routingFormId__delete": "delete-routing-form",
    "list_routing_form_responses_v2_routing_forms__routingFormId__responses_get": (
        "list-my-routing-form-responses"
    ),
    "submit_routing_form_response_v2_routing_forms__routingFormId__responses_post": (
        "submit-routing-form-response"
    ),
    "calculate_routing_form_slots_v2_routing_forms__routingFormId__calculate_slots_post": (
        "calculate-routing-form-slots"
    ),
    "list_organization_routing_forms_v2_organizations__orgId__routing_forms_get": (
        "list-routing-forms"
    ),
    "list_organization_team_routing_forms_v2_organizations__orgId__teams__teamId__routing_forms_get": (  # noqa: E501
        "list-team-routing-forms"
    ),
    "list_organization_routing_form_responses_v2_organizations__orgId__routing_forms__routingFormId__responses_get": (  # noqa: E501
        "list-routing-form-responses"
    ),
    "submit_organization_routing_form_response_v2_organizations__orgId__routing_forms__routingFormId__responses_post": (  # noqa: E501
        "create-routing-form-response"
    ),
    "update_organization_routing_form_response_v2_organizations__orgId__routing_forms__routingFormId__responses__responseId__patch": (  # noqa: E501
        "update-routing-form-response"
    ),
    # Payments, Stripe and invoices.
    "list_payments_v1_v1_payments_get": "list-payments",
    "get_payment_v1_v1_payments__paymentId__get": "get-payment",
    "mark_payment_paid_v2_payments__paymentId__mark_paid_post": "mark-payment-paid",
    "stripe_connect_v2_stripe_connect_get": "connect-stripe",
    "stripe_save_v2_stripe_save_get": "save-stripe-connection",
    "stripe_check_v2_stripe_check_get": "check-stripe-connection",
    "list_invoices_v2_invoices_get": "list-invoices",
    "get_invoice_v2_invoices__invoiceId__get": "get-invoice",
    "invoice_html_v2_invoices__invoiceId__html_get": "get-invoice-html",
    "invoice_pdf_v2_invoices__invoiceId__pdf_get": "download-invoice-pdf",
}
