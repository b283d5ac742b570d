"""The intent ranker's lexicon: how people say things, mapped onto the catalog's words.

Hand-built and fitted only to ``tests/actions/intents.tsv`` (the tuning table); the held-out
table is never read while this changes. Phrases are matched first, then shapes of speech
(patterns), then single words (synonyms). The right side is always catalog vocabulary.
"""

from __future__ import annotations

import re

# Multi-word expressions first, so "call off" is not read as a call.
PHRASES: dict[str, str] = {
    "call off": "cancel",
    "can't make": "cancel",
    "cant make": "cancel",
    "not coming": "cancel",
    "turn down": "decline",
    "no show": "absent",
    "no-show": "absent",
    "didn't show": "absent",
    "never showed": "absent",
    "showed up": "absent",
    "time zone": "timezone",
    "time zones": "timezones",
    "event type": "eventtype",
    "event types": "eventtypes",
    "meeting type": "eventtype",
    "meeting types": "eventtypes",
    "meeting templates": "eventtypes",
    "kinds of meetings": "eventtypes",
    "kind of meeting": "eventtype",
    "call type": "eventtype",
    "working hours": "schedule",
    "office hours": "schedule",
    "who am i": "myself",
    "logged in": "myself",
    "signed in": "myself",
    "who's booked": "list booking",
    "who booked": "list booking",
    "api key": "apikey",
    "set up": "create",
    "push back": "reschedule",
    "add to calendar": "calendarlinks",
    "add-to-calendar": "calendarlinks",
    "round robin": "roundrobin",
    "out of office": "ooo",
    "kick out": "remove",
    "let go": "release",
    "people can book": "eventtype",
    "people can pick": "eventtype",
    "check in": "booking",
    "catch up": "booking",
    "one on one": "booking",
    "1 on 1": "booking",
    "time with": "booking",
    "say no": "decline",
    "turn up": "absent",
    "lined up": "list booking",
    "on the books": "list booking",
    "week start": "weekstart",
    "week to start": "weekstart",
    "get rid of": "delete",
    "sign up": "attendee",
    "signed up": "attendee",
    "take off": "cancel",
    "from now on": "update",
    "on my calendar": "list booking",
    "in my calendar": "list booking",
    "booked with": "booking",
    "instead": "reschedule",
    "is running": "health",
    "leaked": "refresh",
    "out sick": "ooo",
    "be out": "ooo",
    "booking page": "eventtype",
    "my page": "eventtype",
    "hook up": "connect",
    "server up": "health",
    "enter the code": "verify code",
    "is it up": "health",
    "time off": "ooo",
    "what's happening": "list booking",
    "what is happening": "list booking",
    "didn't join": "absent",
    "did not join": "absent",
    "never joined": "absent",
    "didn't attend": "absent",
    "didn't come": "absent",
    "someone else": "reassign another",
    "kinds of events": "eventtypes",
    "types of events": "eventtypes",
    "types of meetings": "eventtypes",
    "don't block": "remove conflicts",
    "do not block": "remove conflicts",
    "stop blocking": "remove conflicts",
    "google meet": "conferencing",
    "microsoft teams": "conferencing",
    "ms teams": "conferencing",
    "go out": "send",
    # General English, not fitted to a table.
    "throw away": "delete",
    "throw out": "delete",
    "for good": "delete",
    "bring forward": "reschedule",
    "move up": "reschedule",
    "coming up": "upcoming",
    "who's coming": "read attendee",
    "who is coming": "read attendee",
    "who's attending": "read attendee",
    "turn off": "update",
    "switch off": "update",
    "turn on": "update",
    "switch on": "update",
    "hand over": "reassign",
    "hand off": "reassign",
    "pass on": "reassign",
    "look at": "read",
    "look up": "read",
    "pull up": "read",
    "check out": "read",
    "find out": "read",
    "loop in": "create guest",
    "free up": "release",
    "clear out": "delete",
    "spin up": "create",
    "tell me": "read",
    "give me": "read",
    "time slot": "slot",
    "time slots": "slot",
}

# One word -> the catalog's word(s) for the same thing.
SYNONYMS: dict[str, str] = {
    # things that get booked
    "meeting": "booking",
    "meet": "booking",
    "appointment": "booking",
    "appt": "booking",
    "call": "booking",
    "session": "booking",
    "demo": "booking",
    "interview": "booking",
    "chat": "booking",
    "sync": "booking",
    "standup": "booking",
    "huddle": "booking",
    "catchup": "booking",
    "1:1": "booking",
    "consultation": "booking eventtype",
    "reservation": "booking",
    "calendar": "booking calendar",
    "agenda": "booking list",
    "booked": "booking",
    "book": "create booking",
    "bookings": "booking",
    # verbs
    "drop": "cancel",
    "bail": "cancel",
    "nix": "cancel",
    "ditch": "cancel",
    "skip": "cancel",
    "axe": "cancel",
    "scrap": "cancel",
    "abort": "cancel",
    "kill": "cancel",
    "move": "reschedule",
    "postpone": "reschedule",
    "push": "reschedule",
    "delay": "reschedule",
    "bump": "reschedule",
    "rebook": "reschedule",
    "shift": "reschedule",
    "later": "reschedule",
    "approve": "confirm",
    "accept": "confirm",
    "reject": "decline",
    "refuse": "decline",
    "deny": "decline",
    "show": "read",
    "see": "read",
    "view": "read",
    "what": "read",
    "which": "read",
    "everything": "list",
    "everyone": "list",
    "all": "list all",
    "many": "list",
    "detail": "get",
    "details": "get",
    "info": "get",
    "settings": "get",
    "look": "get",
    "pull": "get",
    "add": "create",
    "new": "create",
    "make": "create",
    "start": "create",
    "invite": "create membership",
    "register": "create",
    "change": "update",
    "edit": "update",
    "modify": "update",
    "rename": "update",
    "fix": "update",
    "adjust": "update",
    "shorten": "update",
    "lengthen": "update",
    "switch": "update",
    "correct": "update",
    "hide": "update",
    "set": "update",
    "promote": "update",
    "remove": "delete",
    "erase": "delete",
    "disband": "delete",
    "deactivate": "delete",
    "kick": "delete membership",
    "record": "mark",
    "unsubscribe": "delete",
    "stop": "delete",
    "hold": "reserve reservation",
    "lock": "reserve",
    "save": "reserve",
    "rotate": "refresh",
    "renew": "refresh",
    "regenerate": "refresh",
    "fresh": "refresh",
    # things
    "free": "slot available",
    "open": "slot available",
    "opening": "slot available",
    "gap": "slot available",
    "earliest": "slot available",
    "soonest": "slot available",
    "spot": "slot",
    "availability": "schedule",
    "hours": "schedule",
    "work": "schedule",
    "mornings": "schedule",
    "evenings": "schedule",
    "weekends": "schedule",
    "profile": "myself",
    "token": "apikey key",
    "key": "apikey",
    "participant": "attendee",
    "invitee": "attendee",
    "attending": "attendee",
    "guest": "attendee guest",
    "person": "attendee",
    "registered": "attendee",
    "member": "membership",
    "members": "membership",
    "who": "read attendee",  # people; "on the team" adds the membership
    "group": "team",
    "department": "team",
    "squad": "team",
    "crew": "team",
    "account": "user",
    "accounts": "user",
    "colleague": "user",
    "employee": "user",
    "vacation": "ooo",
    "holiday": "ooo",
    "away": "ooo",
    "recording": "recording",
    "transcript": "transcript",
    "video": "conferencing",
    "zoom": "location conferencing",
    "where": "location",
    "notify": "webhook",
    "alert": "webhook",
    "crm": "webhook",
    "whenever": "create webhook",
    "hook": "webhook",
    "post": "webhook",
    "org": "organization",
    "up": "health",
    "server": "instance",
    "last": "past",
    "tz": "timezone",
    "lengths": "eventtype",
    "offer": "eventtype",
    "sick": "ooo",
    "running": "health",
    "alive": "health",
    "timezones": "timezone",
    "zones": "timezone",
    "event": "eventtype",
    "events": "event",  # "booking events" are what webhooks send, not event types
    "answer": "response",
    "point": "update",
    "redirect": "update",
    "replay": "redeliver",
    "resend": "redeliver",
    "retry": "redeliver",
    "extend": "update",
    "slide": "reschedule",
    "put": "create",
    "submit": "create",
    "run": "create",
    "install": "connect",
    "uninstall": "disconnect",
    "unlink": "disconnect",
}

_STOPWORD_TEXT = (
    "a an the my our me i to for of on in at by with and or is are am be was were it that "
    "this those these your you do does did can could would will should please want need "
    "next week tomorrow today yesterday monday tuesday wednesday thursday friday saturday "
    "sunday morning afternoon evening pm am o'clock clock from one some any there have has "
    "been got s let us we as about how so just up out off into than then also "
    "shorter longer made much old current existing still again yet really actually w"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_PLACE = (
    r"(?:a |an |the )?(?:phone(?: call)?|zoom|google meet|teams|room|address|office|video|"
    r"in person|online|link)\b"
)
_AMOUNT = (
    r"(?:\d+|a|an|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|forty five|"
    r"fifty|sixty|ninety|half an?)"
)

# Shapes of speech rather than words: "a 30 minute call" gives a length, not a word to match;
# "from the sales team" / "on the support team" is about who is in a team.
PATTERNS = (
    # "schedule a meeting", "schedule time with": the verb (to book), not the noun.
    (re.compile(r"\bschedul(?:e|ing) (?=(?:a|an|some|another|time|one)\b)"), "book"),
    # "what people booked", "did anyone book me": bookings made, not the people.
    (
        re.compile(
            r"\b(?:people|someone|somebody|anyone|anybody|everyone|clients|customers|they) "
            r"(?:have |has |had )?(?:booked\b|book (?=me\b|with me\b))"
        ),
        "list booking",
    ),
    # "open the reminder workflow": to look at it, not an opening in the calendar.
    (re.compile(r"\bopen (?=(?:the|my|that|this|our)\b)"), "get"),
    # "get me an appointment": to obtain one is to book it.
    (
        re.compile(r"\bget (?:me |us )?(?:a|an) (?=(?:call|meeting|appointment|session)\b)"),
        "book",
    ),
    # "make the link expire", "make my call longer": to change it; "make a call type" creates.
    (re.compile(r"\bmake (?=(?:the|my|our|this|that|it)\b)"), "update"),
    # "make joe an admin": to change someone's role, not to create anything.
    (re.compile(r"\bmake (?=\w+ (?:an? )?(?:admin|owner|administrator)\b)"), "update "),
    # "a team called marketing": the name given to a thing, not a call.
    (
        re.compile(
            r"(?:(?<=team )|(?<=group )|(?<=workflow )|(?<=schedule )|(?<=type )|(?<=form ))"
            r"(?:called|call|named|name|titled) (?=\w)"
        ),
        " ",
    ),
    # "I start at 8 now": working hours.
    (re.compile(r"\bi (?:start|finish|begin|stop) (?:work |working )?at\b"), "update schedule"),
    # "take jo off the team", "take her out of": removing someone.
    (re.compile(r"\btake (?:\w+ ){1,2}(?=off\b|out of\b)"), "remove "),
    # "my hold on the 4pm": the hold itself (a reservation), not to hold something.
    (re.compile(r"\b(?:my|the|that|this|a|our) hold\b"), "slot"),
    # "five more minutes on the hold": to extend something.
    (re.compile(rf"\b(?:{_AMOUNT} )?(?:more|extra) (?:time|minutes?|hours?)\b"), "update"),
    # "+4915112345678" (the + is gone by now): a phone number.
    (re.compile(r"\b\d{9,15}\b"), "phone"),
    # "30 minutes before the call": timing around events is what workflows do.
    (
        re.compile(
            r"\b(?:before|after) (?:the|each|every|a|an|their|my|our) "
            r"(?:\w+ )?(?:call|meeting|event|booking|appointment|session)s?\b"
        ),
        "workflow",
    ),
    # "save bookings to my work calendar": where new events are written.
    (
        re.compile(
            r"\b(?:save|write|put|add|send|create) (?:new )?(?:bookings|events|meetings) "
            r"(?:to|into|in|on) (?:my |the |our )?(?:\w+ )?calendar\b"
        ),
        "update destination calendar",
    ),
    # "move the meeting to a phone call / to zoom": to change a place, not a time.
    (re.compile(rf"\b(?:move|switch|change|put)\b(?=.*\bto {_PLACE})"), "update"),
    (re.compile(rf"\bto {_PLACE}"), "location"),
    # "text attendees ...", "remind the guests ...": messages sent for you are workflows.
    (
        re.compile(
            r"^(?:text|email|sms|remind|message|whatsapp) (?=(?:the )?(?:attendees|guests|"
            r"everyone|people|hosts|host|bookers|invitees|them)\b)"
        ),
        "create workflow ",
    ),
    # "my 3pm", "tomorrow's 9am", "the 11 o'clock": a time used as a noun is a meeting.
    (
        re.compile(
            r"\b(?:my|the|that|this|our|tomorrow|today|yesterday|monday|tuesday|wednesday|"
            r"thursday|friday|saturday|sunday) (?:\d{1,2}(?: \d\d)? ?(?:am|pm)|\d{1,2} o'clock)\b"
        ),
        "booking",
    ),
    # "hand this booking to kim", "give the meeting to someone": another host takes it.
    (
        re.compile(
            r"\b(?:hand|give|pass) (?:it|(?:the|this|that|my) (?:\w+ )?"
            r"(?:booking|meeting|call|appointment|session)) (?=(?:over )?to\b)"
        ),
        "reassign ",
    ),
    # "check my bookings", "check on the demo": to look; "check the server is up" stays.
    (
        re.compile(
            r"\bcheck (?=(?:my|on|the|what|who|when|which|whether|if)\b)"
            r"(?!.*\b(?:server|health|stripe|up|alive|running|connected|conflicts?|code)\b)"
        ),
        "read ",
    ),
    # "link my outlook calendar": to connect it ("the link" stays a link).
    (re.compile(r"^link (?=(?:my|the|a|an|our|this)\b)"), "connect "),
    # "remove the webinar type", "a new call type": any kind of meeting is an event type.
    (re.compile(r"\b(?!event\b)\w+ type\b"), "eventtype"),
    (re.compile(r"\b(?!event\b)\w+ types\b"), "eventtypes"),
    # "a call with the new hire", "time with sam": who a meeting is with describes it.
    (
        re.compile(
            r"\b(call|meeting|chat|session|appointment|demo|interview|sync|time|booking) "
            r"with (?:a |an |the |my |our |this |that )?(?:new )?(?!me\b|us\b)\w+"
        ),
        r"\1",
    ),
    # "a meeting with a client / with bob@example.com": who the meeting is with describes the
    # booking, it is not the thing asked about.
    (
        re.compile(
            r"\bwith (?:a |an |the |my |our |this |that )?(?:new |potential )?"
            r"(?:client|customer|lead|prospect|visitor|investor|candidate|emailaddress)s?\b"
        ),
        " ",
    ),
    # A 4-8 digit number after "code" (or a 6-digit one) is a verification code.
    (re.compile(r"\bcode \d{4,8}\b|\b\d{6}\b"), "verify code"),
    (re.compile(r"\b(?:12|24)[ -]?h(?:our)?(?: clock| time| format)?\b"), "time format"),
    (re.compile(rf"\b{_AMOUNT} ?(?:minute|minutes|min|mins|hour|hours|hr|hrs)\b"), "duration"),
    (
        re.compile(
            r"\b(?:(?:is|are|who|who's|be) on|from|to|into|in|of|off|out of) "
            r"(?:the |our |my )?(?:\w+ )?"
            r"(?:team|group|squad|crew)\b"
        ),
        "team membership",
    ),
)


# The verb a sentence asks for (a lexicon word, after synonyms) -> the verbs of action ids
# that do it, with how well (1: exactly; less: a near verb, "remove" for a disconnect).
VERB_OF_CONCEPT = {
    "absent": "mark",
    "release": "delete",
    "guests": "add",
    "health": "check",
}
VERB_FAMILIES: dict[str, dict[str, float]] = {
    "create": {"create": 1, "add": 1, "connect": 0.5, "save": 0.5, "request": 0.3},
    "add": {"add": 1, "create": 1, "connect": 0.5, "save": 0.5},
    "update": {"update": 1, "set": 0.8, "reschedule": 0.3},
    "delete": {"delete": 1, "remove": 1, "disconnect": 0.8, "cancel": 0.5},
    "cancel": {"cancel": 1, "delete": 0.6, "decline": 0.3},
    "reschedule": {"reschedule": 1, "update": 0.6},
    "connect": {"connect": 1, "create": 0.5, "add": 0.5, "save": 0.5},
    "disconnect": {"disconnect": 1, "delete": 0.6, "remove": 0.6},
    "check": {"check": 1, "verify": 0.6, "get": 0.5, "list": 0.3},
    "verify": {"verify": 1, "confirm": 0.3},
    "request": {"request": 1, "create": 0.3},
    # "send a code to my phone": codes are sent by asking for them.
    "send": {"send": 1, "request": 0.8},
    "reserve": {"reserve": 1},
    "confirm": {"confirm": 1},
    "decline": {"decline": 1},
    "mark": {"mark": 1},
    "refresh": {"refresh": 1},
    "reassign": {"reassign": 1},
    "ping": {"ping": 1},
    "redeliver": {"redeliver": 1},
}
READ_VERBS = ("list", "get")
# Reading many things ("my webhooks") is mostly a list; one ("team 9"), mostly a get.
READ_MANY = {"list": 1.0, "get": 0.4}
READ_ONE = {"get": 1.0, "list": 0.6}
# Singular words that name many things.
COLLECTIVE_NOUNS = frozenset(
    {"calendar", "agenda", "everything", "all", "people", "everyone", "everybody"}
)
READ = "read"
# Last words of action ids that say little on their own ("an out-of-office entry"): the word
# before them is the thing.
GENERIC_HEADS = frozenset({"entry"})
# Words that scope an action to a wider owner than the caller ("delete-organization-team" is
# an organization admin's): when a sentence does not name it, it counts as an unasked modifier.
SCOPE_WORDS = frozenset({"organization"})

# An email address in a sentence names a person: someone to book, invite or look up.
EMAIL_ADDRESS = "emailaddress"
SYNONYMS[EMAIL_ADDRESS] = "attendee"

# General English, not fitted to any table: more ways to say the catalog's verbs and things.
# Each group is what the word means across resources ("drop" a meeting is to cancel it; the
# verb families then let it delete a webhook or a member).
_GENERAL_SYNONYMS = {
    "create booking": "arrange organise organize pencil squeeze grab",
    "cancel": "scratch void scrub",
    "reschedule": "rearrange postpone reschedual",
    "delete": "trash wipe purge discard clear forget retire",
    "update": "tweak alter amend configure enable disable pause resume reactivate require "
    "limit allow restrict rename turn",
    "create": "generate establish setup",
    "read": "display check_out review inspect find lookup fetch retrieve browse",
    "ping": "test",
    "attendee": "client customer lead prospect visitor booker bookers coming",
    "user": "teammate coworker staff hire",
    "booking": "webinar workshop class lesson course kickoff onboarding intro review "
    "conversation consult coaching visit hangout",
    "workflow": "automation automations reminder reminders followup",
    "webhook": "endpoint zapier slack integration callback",
    "ooo": "pto trip sabbatical leave",
    "apikey": "password credential credentials",
    "payment": "charge charged paid money earnings revenue refund refunded price fee",
    "phone": "sms texts mobile cell",
    "timezone": "timezone",
}
for _meaning, _words_text in _GENERAL_SYNONYMS.items():
    for _word in _words_text.split():
        SYNONYMS.setdefault(_word, _meaning)

# Words a lemma may stand for: the lexicon's words and the verbs of action ids.
LEMMAS = frozenset(
    set(SYNONYMS)
    | set(VERB_FAMILIES)
    | {verb for family in VERB_FAMILIES.values() for verb in family}
    | {"schedule", "book", "invite", "remove", "move", "deliver", "install", "verify"}
)

# A sentence that starts with one of these asks about something (and so reads it)...
_YES_NO_TEXT = "is are am was were does do did has have had"
_QUESTION_TEXT = (
    f"what whats which who whom whose when where how any anything anyone {_YES_NO_TEXT}"
)
QUESTION_WORDS = frozenset(_QUESTION_TEXT.split())
# ... while these start requests ("can you move", "please drop").
_REQUEST_TEXT = "can could would will please pls plz let lets i i'd we"
REQUEST_WORDS = frozenset(_REQUEST_TEXT.split())
# The verbs a question still asks for: "is the server up" is a check.
QUESTION_VERBS = frozenset({"check"})
# A yes-or-no question ("is stripe connected", "am I free") asks to check, or to read.
YES_NO_WORDS = frozenset(_YES_NO_TEXT.split())

# Words that place a sentence in time: with no thing named, it is about meetings.
_TIME_TEXT = (
    "today tomorrow tonight yesterday monday tuesday wednesday thursday friday saturday sunday "
    "morning afternoon evening noon week weekend month o'clock pm am"
)
TIME_WORDS = frozenset(_TIME_TEXT.split())
