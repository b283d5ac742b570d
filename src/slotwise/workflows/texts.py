"""What a step says when its owner wrote nothing: Cal.com's built-in templates, by template and
channel. Variables are filled in per recipient (``variables.render``)."""

from __future__ import annotations

from slotwise.workflows.models import Template

_WHEN = "{EVENT_DATE_ddd, MMM D, YYYY} {EVENT_TIME} ({TIMEZONE})"

EMAIL_SUBJECTS: dict[Template, str] = {
    Template.REMINDER: "Reminder: {EVENT_NAME} - " + _WHEN,
    Template.RATING: "How was {EVENT_NAME}?",
    Template.THANKYOU: "Thank you for attending {EVENT_NAME}",
    Template.COMPLETED: "{EVENT_NAME} is over",
    Template.CANCELLED: "Cancelled: {EVENT_NAME} - " + _WHEN,
    Template.RESCHEDULED: "Rescheduled: {EVENT_NAME} - " + _WHEN,
    Template.CUSTOM: "{EVENT_NAME}",
}

EMAIL_BODIES: dict[Template, str] = {
    Template.REMINDER: (
        "<p>Hi {NAME},</p><p>This is a reminder about your upcoming event.</p>"
        "<p><strong>{EVENT_NAME}</strong><br>" + _WHEN + "<br>{LOCATION}</p>"
        '<p>Need to make a change? <a href="{RESCHEDULE_URL}">Reschedule</a> or '
        '<a href="{CANCEL_URL}">cancel</a>.</p>'
    ),
    Template.RATING: (
        "<p>Hi {NAME},</p><p>We hope {EVENT_NAME} with {ORGANIZER_NAME} went well.</p>"
        '<p><a href="{RATING_URL}">Rate your meeting</a></p>'
    ),
    Template.THANKYOU: (
        "<p>Hi {NAME},</p><p>Thank you for attending {EVENT_NAME} with {ORGANIZER_NAME}.</p>"
    ),
    Template.COMPLETED: "<p>Hi {NAME},</p><p>{EVENT_NAME} on " + _WHEN + " is over.</p>",
    Template.CANCELLED: (
        "<p>Hi {NAME},</p><p>{EVENT_NAME} on " + _WHEN + " was cancelled.</p>"
        "<p>{CANCELLATION_REASON}</p>"
    ),
    Template.RESCHEDULED: "<p>Hi {NAME},</p><p>{EVENT_NAME} now takes place on " + _WHEN + ".</p>",
    Template.CUSTOM: "",
}

TEXTS: dict[Template, str] = {
    Template.REMINDER: (
        "Hi {NAME}, this is a reminder that {EVENT_NAME} with {ORGANIZER_NAME} is on "
        "{EVENT_DATE_YYYY MMM D} at {EVENT_TIME} {TIMEZONE}."
    ),
    Template.RATING: "Hi {NAME}, how was {EVENT_NAME}? Rate it: {RATING_URL}",
    Template.THANKYOU: "Hi {NAME}, thank you for attending {EVENT_NAME}.",
    Template.COMPLETED: "Hi {NAME}, {EVENT_NAME} is over.",
    Template.CANCELLED: "Hi {NAME}, {EVENT_NAME} on {EVENT_DATE_YYYY MMM D} was cancelled.",
    Template.RESCHEDULED: (
        "Hi {NAME}, {EVENT_NAME} moved to {EVENT_DATE_YYYY MMM D} at {EVENT_TIME} {TIMEZONE}."
    ),
    Template.CUSTOM: "",
}
