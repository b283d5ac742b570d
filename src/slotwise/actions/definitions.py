"""Curated names, descriptions and words of every action, and the Cal.com operations that
slotwise does not serve yet (their actions still work against Cal.com's cloud).

Actions of slotwise's own operations take their input schema from slotwise's OpenAPI (see
``generate.py``); the others carry a hand-written schema of the fields Cal.com documents.
``keywords`` are the words people use for an action without saying its name; the intent
ranker reads them next to the name and description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BOOKINGS_VERSION = "2024-08-13"
EVENT_TYPES_VERSION = "2024-06-14"
SCHEDULES_VERSION = "2024-06-11"
SLOTS_VERSION = "2024-09-04"


@dataclass(frozen=True)
class Curated:
    """What a person reads about an action, and how it is sent."""

    name: str
    description: str
    keywords: str = ""
    # The newest ``cal-api-version`` of the resource; None: version-neutral, v1 or legacy.
    api_version: str | None = None
    popular: bool = False
    # Columns of the table printed for a list result, in order (others are left out).
    columns: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalcomOperation:
    """An operation of Cal.com's API that slotwise does not serve yet."""

    action_id: str
    method: str
    path: str
    curated: Curated
    # Inputs that go to the query string; path inputs come from ``{name}`` in the path, and
    # every other input goes to the JSON body.
    query: tuple[str, ...] = ()
    properties: dict[str, Any] = field(default_factory=dict)
    required: tuple[str, ...] = ()


BOOKING_COLUMNS = ("uid", "title", "start", "end", "status")

CURATED: dict[str, Curated] = {
    "check-health": Curated(
        "Check server health",
        "Tell whether the server is up and its database answers.",
        "server up alive status running ping working",
    ),
    "get-current-user": Curated(
        "Get current user",
        "Get the profile of the user the API key belongs to: name, email, time zone, "
        "default schedule.",
        "myself profile account whoami who am i logged in signed in identity my details time zone",
        popular=True,
    ),
    "update-current-user": Curated(
        "Update current user",
        "Change your own profile: name, email, time zone, locale, week start, time format, "
        "default schedule.",
        "my profile settings change edit rename display name time zone locale language week start",
    ),
    "refresh-api-key": Curated(
        "Refresh API key",
        "Issue a new API key for yourself and revoke the one used for this request.",
        "rotate renew new token key secret credential expire expiring regenerate replace",
    ),
    "list-timezones": Curated(
        "List time zones",
        "List the IANA time zones the server accepts, with their cities.",
        "timezones zones supported cities iana offsets",
    ),
    "get-current-user-v1": Curated(
        "Get current user (v1)",
        "Get your own user record through the v1 API.",
        "me myself profile account v1 legacy",
    ),
    "list-users": Curated(
        "List users",
        "List the users you may see (an instance admin sees every user); v1 API.",
        "users accounts people everyone members instance all accounts directory",
        popular=True,
        columns=("id", "username", "name", "email", "timeZone"),
    ),
    "create-user": Curated(
        "Create user",
        "Create a user account (instance admins only); v1 API.",
        "add new account person colleague signup register onboard employee",
    ),
    "get-user": Curated(
        "Get user",
        "Get one user by id; v1 API.",
        "user account person info details profile lookup",
        popular=True,
    ),
    "update-user": Curated(
        "Update user",
        "Change a user's name, email, time zone or other fields; v1 API.",
        "user account edit change modify rename",
    ),
    "delete-user": Curated(
        "Delete user",
        "Delete a user account; v1 API.",
        "user account remove deactivate erase offboard former employee close",
    ),
    "create-schedule": Curated(
        "Create schedule",
        "Create a schedule: the weekly working hours (and date overrides) in one time zone "
        "that availability is computed from.",
        "new availability working hours office hours hours template add set up",
        api_version=SCHEDULES_VERSION,
        popular=True,
    ),
    "list-schedules": Curated(
        "List schedules",
        "List your schedules: weekly working hours and date overrides, with the default "
        "one marked.",
        "availability working hours office hours templates all hours my availability",
        api_version=SCHEDULES_VERSION,
        popular=True,
        columns=("id", "name", "timeZone", "isDefault"),
    ),
    "get-default-schedule": Curated(
        "Get default schedule",
        "Get the schedule used by your event types unless they name another one.",
        "default availability working hours office hours usual standard primary main",
        api_version=SCHEDULES_VERSION,
    ),
    "get-schedule": Curated(
        "Get schedule",
        "Get one schedule by id: its weekly hours, overrides and time zone.",
        "availability working hours office hours details",
        api_version=SCHEDULES_VERSION,
        popular=True,
    ),
    "update-schedule": Curated(
        "Update schedule",
        "Change a schedule's name, time zone, weekly hours or date overrides, or make it "
        "the default.",
        "availability working hours office hours change edit modify adjust set",
        api_version=SCHEDULES_VERSION,
        popular=True,
    ),
    "delete-schedule": Curated(
        "Delete schedule",
        "Delete a schedule.",
        "availability working hours remove erase drop",
        api_version=SCHEDULES_VERSION,
    ),
    "list-public-event-types-legacy": Curated(
        "List a user's public event types (legacy)",
        "List the event types a user shows on their booking page (legacy 2024-04-15 route).",
        "public booking page legacy",
    ),
    "get-public-event-type-legacy": Curated(
        "Get a public event type (legacy)",
        "Get one public event type of a user by slug (legacy 2024-04-15 route).",
        "public booking page legacy slug",
    ),
    "create-event-type": Curated(
        "Create event type",
        "Create an event type: a kind of meeting people can book with you, with its length, "
        "locations, booking questions, limits and buffers.",
        "new meeting type kind call type template consultation bookable offer add duration length",
        api_version=EVENT_TYPES_VERSION,
        popular=True,
    ),
    "list-event-types": Curated(
        "List event types",
        "List your event types (or a user's public ones by username): the kinds of meetings "
        "people can book.",
        "meeting types kinds templates offers bookable services menu what can people book",
        api_version=EVENT_TYPES_VERSION,
        popular=True,
        columns=("id", "slug", "title", "lengthInMinutes", "hidden"),
    ),
    "get-event-type": Curated(
        "Get event type",
        "Get one event type by id with all its settings.",
        "meeting type kind details settings configuration",
        api_version=EVENT_TYPES_VERSION,
        popular=True,
    ),
    "update-event-type": Curated(
        "Update event type",
        "Change an event type: title, slug, length, locations, booking questions, limits, "
        "buffers, schedule.",
        "meeting type kind change edit modify rename length duration settings",
        api_version=EVENT_TYPES_VERSION,
        popular=True,
    ),
    "delete-event-type": Curated(
        "Delete event type",
        "Delete an event type; its existing bookings stay.",
        "meeting type kind remove erase retire old",
        api_version=EVENT_TYPES_VERSION,
    ),
    "get-available-slots": Curated(
        "Get available slots",
        "Find the free times that can be booked for an event type between two dates, in a "
        "time zone.",
        "free open openings available availability times spots when gaps vacancy opening "
        "bookable times duration",
        api_version=SLOTS_VERSION,
        columns=("date", "slots"),
    ),
    "reserve-slot": Curated(
        "Reserve slot",
        "Hold a slot for a few minutes so nobody else can book it while a booker fills in "
        "the form.",
        "hold lock keep block temporarily spot time minutes while",
        api_version=SLOTS_VERSION,
    ),
    "get-slot-reservation": Curated(
        "Get slot reservation",
        "Get a slot reservation (a temporary hold) by its uid.",
        "hold lock reservation",
        api_version=SLOTS_VERSION,
    ),
    "update-slot-reservation": Curated(
        "Update slot reservation",
        "Move or extend a slot reservation (a temporary hold).",
        "hold lock extend move",
        api_version=SLOTS_VERSION,
    ),
    "delete-slot-reservation": Curated(
        "Delete slot reservation",
        "Release a slot reservation so the time can be booked by others again.",
        "release hold unlock free let go remove",
        api_version=SLOTS_VERSION,
    ),
    "get-available-slots-legacy": Curated(
        "Get available slots (legacy)",
        "Free times through the legacy 2024-04-15 route (startTime/endTime).",
        "legacy free open",
    ),
    "reserve-slot-legacy": Curated(
        "Reserve slot (legacy)",
        "Hold a slot through the legacy 2024-04-15 route.",
        "legacy hold",
    ),
    "delete-selected-slot-legacy": Curated(
        "Delete selected slot (legacy)",
        "Release a slot held through the legacy 2024-04-15 route.",
        "legacy release",
    ),
    "create-booking": Curated(
        "Create booking",
        "Book a meeting: an attendee takes a free slot of an event type.",
        "book new meeting appointment schedule set up arrange make add slot time with someone "
        "duration",
        api_version=BOOKINGS_VERSION,
        popular=True,
    ),
    "list-bookings": Curated(
        "List bookings",
        "List your bookings, filtered by status (upcoming, past, cancelled, unconfirmed), "
        "attendee, event type or dates; paginated with take/skip.",
        "meetings appointments calendar agenda upcoming past scheduled booked how many what "
        "is on week today tomorrow",
        api_version=BOOKINGS_VERSION,
        popular=True,
        columns=BOOKING_COLUMNS,
    ),
    "create-recurring-booking-legacy": Curated(
        "Create recurring booking (legacy)",
        "Book every occurrence of a recurring event type through the legacy route.",
        "legacy recurring series repeat",
    ),
    "get-booking": Curated(
        "Get booking",
        "Get one booking by uid: times, attendees, location, status.",
        "meeting appointment details info look up uid single that",
        api_version=BOOKINGS_VERSION,
        popular=True,
    ),
    "cancel-booking": Curated(
        "Cancel booking",
        "Cancel a booking (optionally the later occurrences of a recurring one), with a reason.",
        "cancel call off drop scrap abort meeting appointment can't make it not coming",
        api_version=BOOKINGS_VERSION,
        popular=True,
    ),
    # Cal.com's connector calls a reschedule ``update-booking`` too; that name now belongs to
    # the in-place change (update-booking-location): a reschedule makes a new uid.
    "reschedule-booking": Curated(
        "Reschedule booking",
        "Move a booking to a new start time; the old booking is cancelled and marked "
        "rescheduled, and the answer is the new booking (with a new uid).",
        "reschedule move postpone push delay shift another time new time later earlier "
        "meeting appointment",
        api_version=BOOKINGS_VERSION,
        popular=True,
    ),
    "get-booking-calendar-links": Curated(
        "Get booking calendar links",
        "Get add-to-calendar links (Google, Outlook, Office, ICS) for a booking.",
        "add to calendar links ics google outlook",
        api_version=BOOKINGS_VERSION,
    ),
    "update-booking-location": Curated(
        "Update booking location",
        "Change where a booking takes place, in place (same uid and time): an address, a "
        "link, a phone or a video app.",
        "location where place venue address zoom link room happens update booking in place",
        api_version=BOOKINGS_VERSION,
        popular=True,  # as update-booking, one of the connector's popular actions
        aliases=("update-booking",),
    ),
    "add-booking-guests": Curated(
        "Add booking guests",
        "Invite more guests (up to 10 at a time) to an existing booking; they become its "
        "attendees.",
        "guest invite add person extra cc",
        api_version=BOOKINGS_VERSION,
    ),
    "add-booking-attendee": Curated(
        "Add booking attendee",
        "Add an attendee to one booking (a seat, when the booking is seated); answers the "
        "attendee.",
        "attendee participant person add another join",
        api_version=BOOKINGS_VERSION,
    ),
    "list-booking-attendees": Curated(
        "List booking attendees",
        "List the attendees of one booking.",
        "attendees participants of one booking",
        api_version=BOOKINGS_VERSION,
        columns=("name", "email", "timeZone", "absent"),
    ),
    "confirm-booking": Curated(
        "Confirm booking",
        "Accept a booking that is waiting for the host's confirmation.",
        "approve accept confirm pending waiting unconfirmed request ok yes",
        api_version=BOOKINGS_VERSION,
    ),
    "decline-booking": Curated(
        "Decline booking",
        "Reject a booking that is waiting for the host's confirmation, with a reason.",
        "reject decline refuse deny turn down pending request no",
        api_version=BOOKINGS_VERSION,
    ),
    "mark-booking-absent": Curated(
        "Mark booking absent",
        "Record who did not show up to a booking: the host or some attendees.",
        "absent no show noshow missed never showed up didn't come attendance",
        api_version=BOOKINGS_VERSION,
    ),
    "mark-booking-no-show-legacy": Curated(
        "Mark booking no-show (legacy)",
        "Record no-shows through the legacy 2024-04-15 route.",
        "legacy no show absent",
    ),
    "list-attendees": Curated(
        "List attendees",
        "List the attendees of your bookings; v1 API.",
        "attendees participants guests people attending who is coming invitees",
        popular=True,
        columns=("id", "bookingId", "name", "email", "timeZone"),
    ),
    "create-attendee": Curated(
        "Create attendee",
        "Add an attendee to a booking; v1 API.",
        "add participant person guest invitee another someone",
    ),
    "get-attendee": Curated(
        "Get attendee",
        "Get one attendee by id; v1 API.",
        "participant guest invitee details info",
        popular=True,
    ),
    "update-attendee": Curated(
        "Update attendee",
        "Change an attendee's name, email or time zone; v1 API.",
        "participant guest invitee fix change edit correct email",
    ),
    "delete-attendee": Curated(
        "Delete attendee",
        "Remove an attendee from a booking; v1 API.",
        "participant guest invitee remove take off",
    ),
    "list-webhooks": Curated(
        "List webhooks",
        "List your webhooks: the URLs that receive booking events.",
        "webhooks subscriptions callbacks notifications endpoints integrations",
        columns=("id", "subscriberUrl", "triggers", "active"),
    ),
    "get-webhook": Curated(
        "Get webhook", "Get one webhook by id.", "webhook subscription callback"
    ),
    "create-webhook": Curated(
        "Create webhook",
        "Subscribe a URL to booking events (created, cancelled, rescheduled...).",
        "webhook subscribe notify callback url endpoint server events when someone books send",
    ),
    "update-webhook": Curated(
        "Update webhook",
        "Change a webhook's URL, triggers, template or secret, or pause it.",
        "webhook subscription change edit pause",
    ),
    "delete-webhook": Curated(
        "Delete webhook",
        "Delete a webhook; its URL receives no more events.",
        "webhook subscription unsubscribe remove stop sending events url",
    ),
    "list-webhook-deliveries": Curated(
        "List webhook deliveries",
        "List the deliveries of a webhook: each event sent, its answer and its retries.",
        "webhook deliveries attempts sent log history failed",
        columns=("id", "triggerEvent", "status", "attempts", "createdAt"),
    ),
    "redeliver-webhook-delivery": Curated(
        "Redeliver webhook delivery",
        "Send one past delivery of a webhook again.",
        "webhook resend retry again redeliver replay",
    ),
    "ping-webhook": Curated(
        "Ping webhook",
        "Send a test event to a webhook's URL and report its answer.",
        "webhook test ping try check url",
    ),
    "list-event-type-webhooks": Curated(
        "List event type webhooks",
        "List the webhooks of one event type.",
        "event type webhooks",
        columns=("id", "subscriberUrl", "triggers", "active"),
    ),
    "create-event-type-webhook": Curated(
        "Create event type webhook",
        "Subscribe a URL to the booking events of one event type.",
        "event type webhook subscribe notify",
    ),
    "delete-all-event-type-webhooks": Curated(
        "Delete all event type webhooks",
        "Delete every webhook of one event type.",
        "event type webhooks remove all",
    ),
    "get-event-type-webhook": Curated(
        "Get event type webhook",
        "Get one webhook of an event type.",
        "event type webhook",
    ),
    "update-event-type-webhook": Curated(
        "Update event type webhook",
        "Change one webhook of an event type.",
        "event type webhook change edit",
    ),
    "delete-event-type-webhook": Curated(
        "Delete event type webhook",
        "Delete one webhook of an event type.",
        "event type webhook remove",
    ),
    # Cal.com's v1 webhook routes (?apiKey=, eventTriggers): for clients still on v1.
    "list-webhooks-legacy": Curated(
        "List webhooks (v1)",
        "List your webhooks through the v1 API.",
        "v1 legacy",
        columns=("id", "subscriberUrl", "eventTriggers", "active"),
    ),
    "create-webhook-legacy": Curated(
        "Create webhook (v1)", "Create a webhook through the v1 API.", "v1 legacy"
    ),
    "get-webhook-legacy": Curated(
        "Get webhook (v1)", "Get one webhook through the v1 API.", "v1 legacy"
    ),
    "update-webhook-legacy": Curated(
        "Update webhook (v1)", "Change a webhook through the v1 API.", "v1 legacy"
    ),
    "delete-webhook-legacy": Curated(
        "Delete webhook (v1)", "Delete a webhook through the v1 API.", "v1 legacy"
    ),
    "create-my-workflow": Curated(
        "Create workflow",
        "Create one of your workflows: an email or text before or after your bookings, or"
        " when they are made, moved or cancelled.",
        "workflow automation reminder sms email text message follow up thank you new make remind",
    ),
    "list-my-workflows": Curated(
        "List workflows",
        "List your workflows: the automatic reminders and follow-ups of your bookings.",
        "workflow automation reminder sms email text message follow up thank you",
        columns=("id", "name", "trigger"),
    ),
    "get-my-workflow": Curated(
        "Get workflow",
        "Get one of your workflows: its trigger, event types and steps.",
        "workflow automation reminder sms email text message follow up thank you",
    ),
    "update-my-workflow": Curated(
        "Update workflow",
        "Change one of your workflows: its trigger, event types, steps or messages.",
        "workflow automation reminder sms email text message follow up thank you change edit",
    ),
    "delete-my-workflow": Curated(
        "Delete workflow",
        "Delete one of your workflows; its reminders still to come are dropped.",
        "workflow automation reminder sms email text message follow up thank you remove",
    ),
    "create-team-workflow": Curated(
        "Create team workflow",
        "Create a workflow for a team's bookings (team admins).",
        "workflow automation reminder sms email text message follow up thank you team new",
    ),
    "list-team-workflows": Curated(
        "List team workflows",
        "List a team's workflows.",
        "workflow automation reminder sms email text message follow up thank you team",
        columns=("id", "name", "trigger"),
    ),
    "get-team-workflow": Curated(
        "Get team workflow",
        "Get one of a team's workflows.",
        "workflow automation reminder sms email text message follow up thank you team",
    ),
    "update-team-workflow": Curated(
        "Update team workflow",
        "Change one of a team's workflows.",
        "workflow automation reminder sms email text message follow up thank you team change edit",
    ),
    "delete-team-workflow": Curated(
        "Delete team workflow",
        "Delete one of a team's workflows.",
        "workflow automation reminder sms email text message follow up thank you team remove",
    ),
    "request-email-verification-code": Curated(
        "Request email verification code",
        "Email a code that proves you own an address (workflows send only to verified ones).",
        "email address verify verification verified code send",
    ),
    "verify-email-code": Curated(
        "Verify email code",
        "Verify an email address with the code it received.",
        "email address verify verification verified code confirm",
    ),
    "list-verified-emails": Curated(
        "List verified emails",
        "List the email addresses you have verified.",
        "email address verify verification verified code",
        columns=("id", "email"),
    ),
    "get-verified-email": Curated(
        "Get verified email",
        "Get one email address you have verified.",
        "email address verify verification verified code",
    ),
    "request-phone-verification-code": Curated(
        "Request phone verification code",
        "Text a code to a phone number to prove you own it (SMS workflows send only to "
        "verified ones).",
        "phone number mobile sms text verify verification verified code",
    ),
    "verify-phone-code": Curated(
        "Verify phone code",
        "Verify a phone number with the code it received.",
        "phone number mobile sms text verify verification verified code confirm",
    ),
    "list-verified-phones": Curated(
        "List verified phones",
        "List the phone numbers you have verified.",
        "phone number mobile sms text verify verification verified code",
        columns=("id", "phoneNumber"),
    ),
    "get-verified-phone": Curated(
        "Get verified phone",
        "Get one phone number you have verified.",
        "phone number mobile sms text verify verification verified code",
    ),
    "request-team-email-verification-code": Curated(
        "Request team email verification code",
        "Email a code that proves a team owns an address.",
        "email address verify verification verified code team send",
    ),
    "verify-team-email-code": Curated(
        "Verify team email code",
        "Verify a team's email address with the code it received.",
        "email address verify verification verified code team confirm",
    ),
    "list-team-verified-emails": Curated(
        "List team verified emails",
        "List a team's verified email addresses.",
        "email address verify verification verified code team",
        columns=("id", "email"),
    ),
    "get-team-verified-email": Curated(
        "Get team verified email",
        "Get one of a team's verified email addresses.",
        "email address verify verification verified code team",
    ),
    "request-team-phone-verification-code": Curated(
        "Request team phone verification code",
        "Text a code to a phone number a team uses.",
        "phone number mobile sms text verify verification verified code team send",
    ),
    "verify-team-phone-code": Curated(
        "Verify team phone code",
        "Verify a team's phone number with the code it received.",
        "phone number mobile sms text verify verification verified code team confirm",
    ),
    "list-team-verified-phones": Curated(
        "List team verified phones",
        "List a team's verified phone numbers.",
        "phone number mobile sms text verify verification verified code team",
        columns=("id", "phoneNumber"),
    ),
    "get-team-verified-phone": Curated(
        "Get team verified phone",
        "Get one of a team's verified phone numbers.",
        "phone number mobile sms text verify verification verified code team",
    ),
    "send-booker-email-code": Curated(
        "Send booker email code",
        "Email a booker the code an event type that verifies emails asks for before booking.",
        "email address verify verification verified code booker attendee booking send",
    ),
    "verify-booker-email-code": Curated(
        "Verify booker email code",
        "Check the code a booker received, before booking with it.",
        "email address verify verification verified code booker attendee booking confirm",
    ),
    # Teams and their memberships (the Cal.com-only entries these replace were merged here).
    "list-teams": Curated(
        "List teams",
        "List the teams you belong to.",
        "teams groups departments squads which am i in my",
        popular=True,
        columns=("id", "name", "slug"),
    ),
    "get-team": Curated(
        "Get team",
        "Get one team by id: name, slug, branding, time zone.",
        "team group department info details",
        popular=True,
    ),
    "create-team": Curated(
        "Create team",
        "Create a team; you become its owner.",
        "new team group department start form set up",
    ),
    "update-team": Curated(
        "Update team",
        "Change a team's name, slug, branding or settings.",
        "team group rename change edit",
    ),
    "delete-team": Curated(
        "Delete team",
        "Delete a team.",
        "team group remove disband dissolve close",
    ),
    "list-team-memberships": Curated(
        "List team memberships",
        "List the members of a team with their roles.",
        "members who is on team people roster staff belongs",
        columns=("id", "userId", "role", "accepted"),
    ),
    "get-team-membership": Curated(
        "Get team membership",
        "Get one membership of a team: the member and their role.",
        "member role",
    ),
    "create-team-membership": Curated(
        "Create team membership",
        "Add a user to a team with a role.",
        "add member invite join team person",
    ),
    "update-team-membership": Curated(
        "Update team membership",
        "Change a member's role in a team, or accept the membership.",
        "member role promote demote admin owner make",
    ),
    "delete-team-membership": Curated(
        "Delete team membership",
        "Remove a member from a team.",
        "member remove kick out leave",
    ),
    "list-team-bookings": Curated(
        "List team bookings",
        "List the bookings of a team's event types (to the team's members).",
        "team group meetings appointments calls scheduled upcoming past",
        api_version=BOOKINGS_VERSION,
        columns=BOOKING_COLUMNS,
    ),
    "list-team-event-types": Curated(
        "List team event types",
        "List a team's event types (collective, round robin, managed).",
        "team meeting types kinds offers",
        api_version=EVENT_TYPES_VERSION,
        columns=("id", "slug", "title", "lengthInMinutes", "schedulingType"),
    ),
    "get-team-event-type": Curated(
        "Get team event type",
        "Get one team event type with its hosts.",
        "team meeting type kind details hosts round robin collective managed",
        api_version=EVENT_TYPES_VERSION,
    ),
    "create-team-event-type": Curated(
        "Create team event type",
        "Create a team event type: collective, round robin or managed, with its hosts.",
        "team meeting type round robin collective managed hosts new",
        api_version=EVENT_TYPES_VERSION,
    ),
    "update-team-event-type": Curated(
        "Update team event type",
        "Change a team event type: its title, length, hosts or how hosts are picked.",
        "team meeting type round robin collective managed hosts change edit assign",
        api_version=EVENT_TYPES_VERSION,
    ),
    "delete-team-event-type": Curated(
        "Delete team event type",
        "Delete a team event type and its booking page.",
        "team meeting type round robin collective managed remove",
        api_version=EVENT_TYPES_VERSION,
    ),
    # v1 teams and memberships: Cal.com's older API, same data as the v2 ones above.
    "list-teams-legacy": Curated(
        "List teams (v1)", "List the teams you belong to; v1 API.", "teams groups"
    ),
    "create-team-legacy": Curated(
        "Create team (v1)", "Create a team you own; v1 API.", "new team group"
    ),
    "get-team-legacy": Curated("Get team (v1)", "Get one team by id; v1 API.", "team group"),
    "update-team-legacy": Curated(
        "Update team (v1)", "Change a team's name, slug or settings; v1 API.", "team rename"
    ),
    "delete-team-legacy": Curated(
        "Delete team (v1)", "Delete a team you own; v1 API.", "team remove disband"
    ),
    "list-memberships-legacy": Curated(
        "List memberships (v1)",
        "List your team memberships, invitations included; v1 API.",
        "teams member role",
    ),
    "create-membership-legacy": Curated(
        "Create membership (v1)", "Invite a user to a team with a role; v1 API.", "add member"
    ),
    "get-membership-legacy": Curated(
        "Get membership (v1)", "Get one user's membership of a team; v1 API.", "member role"
    ),
    "update-membership-legacy": Curated(
        "Update membership (v1)",
        "Change a member's role, or accept an invitation; v1 API.",
        "member role accept",
    ),
    "delete-membership-legacy": Curated(
        "Delete membership (v1)", "Remove a user from a team; v1 API.", "member remove leave"
    ),
    # Organizations: their users, memberships, teams, team members and team event types.
    "list-organization-users": Curated(
        "List organization users",
        "List the users of an organization (organization admins).",
        "organization org company users members staff employees",
        columns=("id", "username", "name", "email"),
    ),
    "create-organization-user": Curated(
        "Create organization user",
        "Create a user in an organization, or invite them by email (organization admins).",
        "organization org company user member staff employee new add onboard hire invite",
    ),
    "update-organization-user": Curated(
        "Update organization user",
        "Change an organization user's profile: name, email, time zone, locale.",
        "organization org company user member staff employee profile change edit",
    ),
    "delete-organization-user": Curated(
        "Delete organization user",
        "Delete a user of an organization and their account (organization admins).",
        "organization org company user member staff employee remove offboard fired left",
    ),
    "list-organization-memberships": Curated(
        "List organization memberships",
        "List who belongs to an organization, with their roles.",
        "organization org company members roles admins owners",
        columns=("id", "userId", "role", "accepted"),
    ),
    "create-organization-membership": Curated(
        "Create organization membership",
        "Add an existing user to an organization with a role.",
        "organization org company member add join role",
    ),
    "get-organization-membership": Curated(
        "Get organization membership",
        "Get one membership of an organization: the user and their role.",
        "organization org company member role",
    ),
    "update-organization-membership": Curated(
        "Update organization membership",
        "Change a user's role in an organization.",
        "organization org company member role promote demote admin owner",
    ),
    "delete-organization-membership": Curated(
        "Delete organization membership",
        "Take a user out of an organization and its teams; the user stays.",
        "organization org company member remove leave",
    ),
    "list-organization-teams": Curated(
        "List organization teams",
        "List the teams of an organization.",
        "organization org company teams departments sub",
        columns=("id", "name", "slug"),
    ),
    "list-my-organization-teams": Curated(
        "List my organization teams",
        "List the teams of an organization that you belong to.",
        "organization org company my mine am i in",
        columns=("id", "name", "slug"),
    ),
    "create-organization-team": Curated(
        "Create organization team",
        "Create a team inside an organization; you become its owner.",
        "organization org company new sub",
    ),
    "get-organization-team": Curated(
        "Get organization team",
        "Get one team of an organization.",
        "organization org company details",
    ),
    "update-organization-team": Curated(
        "Update organization team",
        "Change an organization team's name, slug, branding or settings.",
        "organization org company rename change edit",
    ),
    "delete-organization-team": Curated(
        "Delete organization team",
        "Delete a team of an organization.",
        "organization org company remove disband",
    ),
    "list-organization-team-memberships": Curated(
        "List organization team memberships",
        "List the members of an organization's team with their roles.",
        "organization org company members roster people",
        columns=("id", "userId", "role", "accepted"),
    ),
    "create-organization-team-membership": Curated(
        "Create organization team membership",
        "Add one of an organization's users to one of its teams.",
        "organization org company member add join",
    ),
    "get-organization-team-membership": Curated(
        "Get organization team membership",
        "Get one membership of an organization's team.",
        "organization org company member role",
    ),
    "update-organization-team-membership": Curated(
        "Update organization team membership",
        "Change a member's role in an organization's team.",
        "organization org company member role promote demote admin",
    ),
    "delete-organization-team-membership": Curated(
        "Delete organization team membership",
        "Remove a member from an organization's team.",
        "organization org company member remove kick out",
    ),
    "list-organization-team-event-types": Curated(
        "List organization team event types",
        "List the event types of an organization's team.",
        "organization org company meeting types round robin collective",
        api_version=EVENT_TYPES_VERSION,
        columns=("id", "slug", "title", "lengthInMinutes", "schedulingType"),
    ),
    "create-organization-team-event-type": Curated(
        "Create organization team event type",
        "Create an event type for an organization's team, with its hosts.",
        "organization org company meeting type round robin collective new",
        api_version=EVENT_TYPES_VERSION,
    ),
    "get-organization-team-event-type": Curated(
        "Get organization team event type",
        "Get one event type of an organization's team with its hosts.",
        "organization org company meeting type details hosts",
        api_version=EVENT_TYPES_VERSION,
    ),
    "update-organization-team-event-type": Curated(
        "Update organization team event type",
        "Change an event type of an organization's team.",
        "organization org company meeting type hosts change edit",
        api_version=EVENT_TYPES_VERSION,
    ),
    "delete-organization-team-event-type": Curated(
        "Delete organization team event type",
        "Delete an event type of an organization's team.",
        "organization org company meeting type remove",
        api_version=EVENT_TYPES_VERSION,
    ),
    "list-team-schedules": Curated(
        "List team schedules",
        "List the availability schedules of every member of a team (team admins).",
        "team members availability working hours schedules everyone",
        columns=("id", "ownerId", "name", "timeZone", "isDefault"),
    ),
    "list-organization-teams-event-types": Curated(
        "List all organization teams' event types",
        "List the event types of every team in an organization, across all its teams.",
        "organization org company all every teams across whole meeting types round robin",
        api_version=EVENT_TYPES_VERSION,
        columns=("id", "teamId", "slug", "title", "lengthInMinutes", "schedulingType"),
    ),
    # Reassignment, booking references, private links, out of office.
    "reassign-booking": Curated(
        "Reassign booking",
        "Give a round-robin booking to another free host, chosen automatically.",
        "reassign another host round robin hand over transfer give",
        api_version=BOOKINGS_VERSION,
    ),
    "reassign-booking-to-user": Curated(
        "Reassign booking to user",
        "Give a round-robin booking to a host you choose.",
        "reassign another host specific person hand over transfer give",
        api_version=BOOKINGS_VERSION,
    ),
    "get-booking-recordings": Curated(
        "Get booking recordings",
        "Get the video recordings of a booking (its hosts and its team's admins).",
        "recording video replay watch",
        api_version=BOOKINGS_VERSION,
        columns=("id", "status", "duration", "downloadLink"),
    ),
    "get-booking-transcripts": Curated(
        "Get booking transcripts",
        "Get the download links of a booking's meeting transcripts.",
        "transcript text notes written",
        api_version=BOOKINGS_VERSION,
    ),
    "get-review-link": Curated(
        "Get review link",
        "Show the meeting a review link is for and whether it can still be rated.",
        "review link feedback rating survey attendee",
    ),
    "submit-review": Curated(
        "Submit review",
        "Rate a meeting 1 to 5 with a comment through the attendee's single-use review link.",
        "review rate rating star stars five feedback comment score survey leave",
    ),
    "list-event-type-reviews": Curated(
        "List event type reviews",
        "List the reviews attendees gave an event type, with counts per rating and the average.",
        "reviews ratings rated feedback average score stars satisfaction think",
    ),
    "get-booking-references": Curated(
        "Get booking references",
        "Get the external events (calendar entries, video rooms) made for a booking.",
        "external event ids references",
        api_version=BOOKINGS_VERSION,
        columns=("id", "type", "eventUid"),
    ),
    "list-booking-references-legacy": Curated(
        "List booking references (v1)",
        "List the external events made for your bookings; v1 API.",
        "external event ids references",
    ),
    "create-booking-reference-legacy": Curated(
        "Create booking reference (v1)",
        "Record an external event made for a booking; v1 API.",
        "external event id reference",
    ),
    "get-booking-reference-legacy": Curated(
        "Get booking reference (v1)", "Get one booking reference; v1 API.", "external event id"
    ),
    "update-booking-reference-legacy": Curated(
        "Update booking reference (v1)",
        "Change a booking reference's external ids; v1 API.",
        "external event id",
    ),
    "delete-booking-reference-legacy": Curated(
        "Delete booking reference (v1)", "Delete a booking reference; v1 API.", "external event"
    ),
    "list-private-links": Curated(
        "List private links",
        "List an event type's private booking links.",
        "private link secret hidden one-time single use expiring url share",
        api_version=EVENT_TYPES_VERSION,
        columns=("linkId", "bookingUrl", "isExpired"),
    ),
    "create-private-link": Curated(
        "Create private link",
        "Make a private link to an event type that expires at a date or after a number of "
        "bookings.",
        "private link secret hidden one-time single use expiring url share new make",
        api_version=EVENT_TYPES_VERSION,
    ),
    "update-private-link": Curated(
        "Update private link",
        "Change when a private link expires or how many bookings it allows.",
        "private link secret hidden one-time single use expiring url share expire",
        api_version=EVENT_TYPES_VERSION,
    ),
    "delete-private-link": Curated(
        "Delete private link",
        "Delete a private link; it books nothing more.",
        "private link secret hidden one-time single use expiring url share",
        api_version=EVENT_TYPES_VERSION,
    ),
    # Your own out-of-office periods (slotwise's /v2/me/ooo; the organization-wide ones of
    # Cal.com stay Cal.com-only below).
    "list-my-out-of-office-entries": Curated(
        "List my out-of-office entries",
        "List your out-of-office periods and who your bookings go to meanwhile.",
        "ooo out of office away vacation holiday leave absence time off my",
        columns=("id", "start", "end", "reason", "toUserId"),
    ),
    "create-my-out-of-office-entry": Curated(
        "Create my out-of-office entry",
        "Mark yourself away between two dates, optionally sending bookings to a colleague.",
        "ooo away vacation holiday leave sick travel trip off absence i'm i am redirect",
    ),
    "get-my-out-of-office-entry": Curated(
        "Get my out-of-office entry",
        "Get one of your out-of-office periods.",
        "ooo out of office away vacation holiday leave absence time off",
    ),
    "update-my-out-of-office-entry": Curated(
        "Update my out-of-office entry",
        "Change the dates, reason or redirect of one of your out-of-office periods.",
        "ooo out of office away vacation holiday leave absence time off extend redirect",
    ),
    "delete-my-out-of-office-entry": Curated(
        "Delete my out-of-office entry",
        "Delete one of your out-of-office periods; you take bookings again.",
        "ooo out of office away vacation holiday leave absence time off back cancel",
    ),
    # Apps and calendars. Cal.com templates some calendar paths ({calendar}: google, office365,
    # apple); slotwise serves apple, caldav and ics-feed as literal paths, each with its own
    # action here. Cal.com's templated connect-calendar and disconnect-calendar stay
    # Cal.com-only (calcom_later.py) for Google and Office 365, which slotwise does not serve.
    "list-apps": Curated(
        "List apps",
        "List the apps you can install (calendars, video, payments) and which are installed.",
        "apps integrations plugins installed available marketplace store",
        columns=("slug", "name", "category", "installed"),
    ),
    "list-calendars": Curated(
        "List calendars",
        "List your connected calendar accounts, their calendars, which are checked for "
        "conflicts, and the destination calendar.",
        "calendars connected linked google outlook apple icloud caldav integrations",
    ),
    "get-busy-times": Curated(
        "Get busy times",
        "Get the busy periods of your connected calendars between two dates.",
        "busy occupied blocked conflicts google calendar outlook taken",
    ),
    "add-selected-calendar": Curated(
        "Add selected calendar",
        "Check one more calendar for conflicts: its busy times block slots.",
        "calendar conflicts busy check include double booking",
    ),
    "remove-selected-calendar": Curated(
        "Remove selected calendar",
        "Stop checking a calendar for conflicts.",
        "calendar conflicts busy exclude ignore",
    ),
    "update-destination-calendar": Curated(
        "Update destination calendar",
        "Choose the calendar that new bookings are written to.",
        "calendar destination write new events into",
    ),
    "save-apple-calendar-credentials": Curated(
        "Connect Apple calendar",
        "Connect an iCloud calendar with your Apple ID and an app-specific password.",
        "apple icloud calendar connect link add credentials password",
    ),
    "check-apple-calendar": Curated(
        "Check Apple calendar",
        "Tell whether your iCloud calendar is connected and still accepts its password.",
        "apple icloud calendar connected working status",
    ),
    "disconnect-apple-calendar": Curated(
        "Disconnect Apple calendar",
        "Disconnect your iCloud calendar account.",
        "apple icloud calendar disconnect unlink remove",
    ),
    "save-caldav-calendar-credentials": Curated(
        "Connect CalDAV calendar",
        "Connect a CalDAV calendar (Nextcloud, Fastmail, your own server) with its URL, "
        "username and password.",
        "caldav nextcloud fastmail radicale server calendar connect link add credentials",
    ),
    "check-caldav-calendar": Curated(
        "Check CalDAV calendar",
        "Tell whether your CalDAV calendar is connected and its server still accepts the password.",
        "caldav nextcloud fastmail server calendar connected working status",
    ),
    "disconnect-caldav-calendar": Curated(
        "Disconnect CalDAV calendar",
        "Disconnect your CalDAV calendar account.",
        "caldav nextcloud fastmail server calendar disconnect unlink remove",
    ),
    "save-ics-feed": Curated(
        "Save ICS feed",
        "Subscribe to ICS calendar feeds (by URL) whose events count as busy.",
        "calendar ics ical feed url subscribe busy block",
    ),
    "check-ics-feed": Curated(
        "Check ICS feed",
        "Tell whether your ICS feeds are saved and can still be read.",
        "calendar ics ical feed url subscription working status",
    ),
    "disconnect-ics-feed": Curated(
        "Disconnect ICS feed",
        "Stop reading your ICS feeds: their events no longer block slots.",
        "calendar ics ical feed url unsubscribe remove disconnect",
    ),
    "create-private-bookings-feed": Curated(
        "Create private bookings feed",
        "Get a secret ICS address of your bookings to subscribe to from any calendar app; "
        "asking again replaces it.",
        "ics ical feed subscribe export secret share",
    ),
    "get-private-bookings-feed": Curated(
        "Get private bookings feed",
        "Fetch what a private feed address serves: the ICS file subscribed apps read.",
        "ics ical feed secret token",
    ),
    "list-organization-attributes": Curated(
        "List organization attributes",
        "List an organization's member attributes (department, language, region...).",
        "member property tag skill language region department",
        columns=("id", "name", "slug", "type"),
    ),
    "create-organization-attribute": Curated(
        "Create organization attribute",
        "Create a member attribute for an organization: text, number, single or multi select.",
        "member property tag skill",
    ),
    "get-organization-attribute": Curated(
        "Get organization attribute",
        "Get one member attribute of an organization.",
        "member property",
    ),
    "update-organization-attribute": Curated(
        "Update organization attribute",
        "Rename a member attribute or turn it on or off.",
        "member property enable disable",
    ),
    "delete-organization-attribute": Curated(
        "Delete organization attribute",
        "Delete a member attribute.",
        "member property",
    ),
    "list-attribute-values": Curated(
        "List attribute values",
        "List the choices of a member attribute.",
        "member property values choices",
        columns=("id", "value", "slug"),
    ),
    "create-attribute-value": Curated(
        "Create attribute value",
        "Add a choice to a member attribute.",
        "member property value choice",
    ),
    "update-attribute-value": Curated(
        "Update attribute value",
        "Change a member attribute's choice.",
        "member property value choice",
    ),
    "delete-attribute-value": Curated(
        "Delete attribute value",
        "Delete a member attribute's choice.",
        "member property value choice",
    ),
    "list-member-attribute-values": Curated(
        "List member's attribute values",
        "List the attribute values a member holds.",
        "member property holds tags",
        columns=("id", "attributeId", "value"),
    ),
    "assign-attribute-value": Curated(
        "Assign attribute value to member",
        "Give a member an attribute value.",
        "member property give set tag",
    ),
    "unassign-attribute-value": Curated(
        "Unassign attribute value from member",
        "Take an attribute value away from a member.",
        "member property take away untag",
    ),
    "list-my-routing-forms": Curated(
        "List my routing forms",
        "List your own routing forms.",
        "personal own mine",
        columns=("id", "name", "disabled"),
    ),
    "create-routing-form": Curated(
        "Create routing form",
        "Create a routing form (yours, or a team's with teamId): its fields, and routes with "
        "conditions that lead to an event type, a URL or a message.",
        "new build design fields routes conditions",
    ),
    "get-routing-form": Curated(
        "Get routing form",
        "Get one routing form with its fields and routes.",
        "fields routes conditions",
    ),
    "update-routing-form": Curated(
        "Update routing form",
        "Change a routing form's fields, routes or settings, or disable it.",
        "change edit rename fields routes conditions disable",
    ),
    "delete-routing-form": Curated(
        "Delete routing form",
        "Delete a routing form.",
        "remove",
    ),
    "list-my-routing-form-responses": Curated(
        "List my routing form responses",
        "List the responses to one of your own (or your team's) routing forms.",
        "personal own mine",
        columns=("id", "routeId", "routedToBookingUid", "createdAt"),
    ),
    "submit-routing-form-response": Curated(
        "Fill in routing form as a visitor",
        "Answer a routing form as an anonymous visitor, by the form's public id.",
        "public visitor anonymous",
    ),
    "calculate-routing-form-slots": Curated(
        "Preview routing form route",
        "Tell where answers would lead and the free slots there, storing nothing.",
        "preview calculate dry run without storing",
    ),
    "list-routing-forms": Curated(
        "List routing forms",
        "List an organization's routing forms: the questions that send a booker to the right event"
        " or person.",
        "routing form lead qualification questionnaire intake survey route",
        columns=("id", "name", "teamId"),
    ),
    "list-team-routing-forms": Curated(
        "List team routing forms",
        "List the routing forms of one team of an organization.",
        "team",
        columns=("id", "name", "teamId"),
    ),
    "list-routing-form-responses": Curated(
        "List routing form responses",
        "List what people answered on a routing form, and where each was routed.",
        "routing form lead qualification questionnaire intake survey route answers submissions "
        "responses replies",
        columns=("id", "routeId", "routedToBookingUid", "createdAt"),
    ),
    "create-routing-form-response": Curated(
        "Submit routing form response",
        "Submit answers to a routing form: runs its routes and returns the event type and free "
        "slots it leads to.",
        "routing form lead qualification questionnaire intake survey route submit fill send "
        "slots times offers",
    ),
    "update-routing-form-response": Curated(
        "Update routing form response",
        "Change the answers of a routing form response; it is routed again.",
        "response answers change edit correct",
    ),
    "list-payments": Curated(
        "List payments",
        "List the payments of your bookings (amount, currency, paid or refunded); v1 API.",
        "payment paid pay money charge price stripe revenue earnings",
        columns=("id", "bookingId", "amount", "currency", "success", "refunded"),
    ),
    "get-payment": Curated(
        "Get payment", "Get one payment by id; v1 API.", "payment paid money amount stripe"
    ),
    "mark-payment-paid": Curated(
        "Mark payment paid",
        "Say an attendee paid you on site: the booking becomes paid and its invoice is issued.",
        "payment paid on site cash in person received mark settle",
    ),
    "connect-stripe": Curated(
        "Connect Stripe",
        "Get the link that connects your Stripe account for taking payments.",
        "payment stripe connect link account money",
    ),
    "save-stripe-connection": Curated(
        "Save Stripe connection",
        "Where Stripe sends you back after connecting (state and code); stores the account.",
        "payment stripe connect save callback code",
    ),
    "check-stripe-connection": Curated(
        "Check Stripe connection",
        "Tell whether your Stripe account is connected, so paid event types can take payments.",
        "payment stripe connected check money",
    ),
    "list-invoices": Curated(
        "List invoices",
        "List the invoices of your paid bookings, by number.",
        "invoice invoices receipts bills paid refunded tax",
        columns=("id", "number", "status", "total", "currency"),
    ),
    "get-invoice": Curated(
        "Get invoice",
        "Get one invoice: seller, buyer, line items, tax and totals.",
        "invoice receipt bill tax total",
    ),
    "get-invoice-html": Curated(
        "Get printable invoice",
        "Get an invoice as a printable HTML page.",
        "invoice print printable html page",
    ),
    "download-invoice-pdf": Curated(
        "Download invoice PDF",
        "Download an invoice as a PDF file.",
        "invoice pdf download file",
    ),
}

_ID = {"type": "integer", "minimum": 1}
_TAKE_SKIP = {
    "take": {"type": "integer", "minimum": 1, "description": "Items per page"},
    "skip": {"type": "integer", "minimum": 0, "description": "Items to skip"},
}


def calcom_operation(
    action_id: str,
    method: str,
    path: str,
    curated: Curated,
    *,
    query: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
    required: tuple[str, ...] = (),
) -> CalcomOperation:
    return CalcomOperation(
        action_id,
        method,
        path,
        curated,
        query=tuple(query or ()),
        properties={**(query or {}), **(fields or {})},
        required=required,
    )


CALCOM_ONLY: tuple[CalcomOperation, ...] = (
    calcom_operation(
        "list-conferencing-apps",
        "GET",
        "/v2/conferencing",
        Curated(
            "List conferencing apps",
            "List your installed conferencing apps (Zoom, Google Meet, Teams, Cal Video).",
            "video apps zoom meet teams conferencing installed",
        ),
    ),
    calcom_operation(
        "list-out-of-office-entries",
        "GET",
        "/v2/organizations/{orgId}/users/{userId}/ooo",
        Curated(
            "List out-of-office entries",
            "List a user's out-of-office periods (organization members).",
            "ooo away vacation holiday leave absence",
            columns=("id", "start", "end", "reason"),
        ),
        query=_TAKE_SKIP,
        fields={"orgId": _ID, "userId": _ID},
        required=("orgId", "userId"),
    ),
    calcom_operation(
        "create-out-of-office-entry",
        "POST",
        "/v2/organizations/{orgId}/users/{userId}/ooo",
        Curated(
            "Create out-of-office entry",
            "Mark a user away between two dates, optionally sending bookings to a colleague.",
            "ooo away vacation holiday leave sick travel trip off absence i'm",
        ),
        fields={
            "orgId": _ID,
            "userId": _ID,
            "start": {"type": "string"},
            "end": {"type": "string"},
            "notes": {"type": "string"},
            "toUserId": _ID,
            "reason": {
                "type": "string",
                "enum": ["unspecified", "vacation", "travel", "sick", "public_holiday"],
            },
        },
        required=("orgId", "userId", "start", "end"),
    ),
)
