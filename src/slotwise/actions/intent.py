"""Rank actions by what someone says they want ("cancel my meeting tomorrow"), offline.

Deterministic and model-free: a word the ranker does not know is corrected to a known one
within one or two edits (a swap of two letters is one edit); words are lower-cased, lightly
stemmed and mapped through a hand-built lexicon of phrases, patterns and synonyms onto the
catalog's own vocabulary (a "meeting" is a booking, "call off" is cancel, "free" is about
slots, "a 30 minute call" has a duration); then BM25 scores each action's id and name
(weighted x3), curated keywords (x2) and description. A bonus goes to the actions whose verb
(list, get, create, update, delete...) the sentence asks for, a penalty to legacy routes, and
a little to the popular actions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from slotwise.actions.catalog import Action

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
    "time zones": "timezone",
    "event type": "eventtype",
    "event types": "eventtype",
    "meeting type": "eventtype",
    "meeting types": "eventtype",
    "meeting templates": "eventtype",
    "kinds of meetings": "eventtype",
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
    "hold": "reserve",
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
    "who": "read membership attendee",
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
    "server": "health webhook",
    "tz": "timezone",
    "lengths": "eventtype",
    "offer": "eventtype",
    "sick": "ooo",
    "running": "health",
    "alive": "health",
    "timezones": "timezone",
    "zones": "timezone",
}

_STOPWORD_TEXT = (
    "a an the my our me i to for of on in at by with and or is are am be was were it that "
    "this those these your you do does did can could would will should please want need "
    "next week tomorrow today yesterday monday tuesday wednesday thursday friday saturday "
    "sunday morning afternoon evening pm am o'clock clock from one some any there have has "
    "been got s let us we as about how so just up out off into than then also "
    "shorter longer"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Words the actions' own ids start with: the verb a sentence asks for.
VERBS = (
    "list",
    "get",
    "create",
    "update",
    "delete",
    "cancel",
    "confirm",
    "decline",
    "mark",
    "reserve",
    "refresh",
    "reassign",
    "add",
    "check",
)
VERB_OF_CONCEPT = {
    "reschedule": "update",
    "absent": "mark",
    "release": "delete",
    "guests": "add",
    "health": "check",
}
READ = "read"
ID_WEIGHT, KEYWORD_WEIGHT, DESCRIPTION_WEIGHT = 3, 2, 1
VERB_BONUS = 0.6
LEGACY_FACTOR = 0.6  # legacy routes answer the same intents as their newer twins
POPULAR_BONUS = 0.15
BM25_K1, BM25_B = 1.2, 0.5

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Shapes of speech rather than words: "a 30 minute call" gives a length, not a word to match;
# "from the sales team" / "on the support team" is about who is in a team.
PATTERNS = (
    (re.compile(r"\b\d+ ?(?:minute|minutes|min|mins|hour|hours|hr|hrs)\b"), "duration"),
    (
        re.compile(
            r"\b(?:from|to|into|in|on|of|out of) (?:the |our |my )?(?:\w+ )?"
            r"(?:team|group|squad|crew)\b"
        ),
        "team membership",
    ),
)


def _stem(word: str) -> str:
    for suffix, keep in (("ies", "y"), ("ings", ""), ("ing", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stemmed = word[: -len(suffix)] + keep
            return stemmed
    return word


def _raw_words(text: str) -> list[str]:
    text = re.sub(r"'s\b", "", text.lower().replace("-", " "))
    return _WORD.findall(text)


# Phrases are matched on words as _raw_words leaves them ("who's" -> "who", "-" -> " ").
_PHRASE_PATTERNS = tuple(
    (re.compile(rf"\b{re.escape(' '.join(_raw_words(phrase)))}\b"), concept)
    for phrase, concept in PHRASES.items()
)


def _words(text: str) -> list[str]:
    text = " ".join(_raw_words(text))
    for pattern, concept in PATTERNS:
        text = pattern.sub(f" {concept} ", text)
    for phrase, concept in _PHRASE_PATTERNS:
        text = phrase.sub(f" {concept} ", text)
    return _WORD.findall(text)


def _expand(word: str) -> list[str]:
    """A lexicon word stands for the catalog's words (listed with itself when it is one)."""
    # The word itself or its plural's singular; never a stem ("booking" is not "book").
    for form in (word, word[:-1] if word.endswith("s") and len(word) > 3 else None):
        if form in SYNONYMS:
            return SYNONYMS[form].split()
    return [_stem(word)]


def document_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for word in _words(text):
        if word not in STOPWORDS:
            tokens += [_stem(t) for t in _expand(word)]
    return tokens


def _action_tokens(text: str) -> list[str]:
    # "read" only tells what a sentence asks for; an action's own words never carry it.
    return [token for token in document_tokens(text) if token != READ]


@dataclass(frozen=True)
class _Index:
    actions: tuple[Action, ...]
    term_counts: tuple[Counter[str], ...]
    lengths: tuple[int, ...]
    average_length: float
    document_frequency: Counter[str]

    def idf(self, term: str) -> float:
        n = len(self.actions)
        df = self.document_frequency.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _action_terms(action: Action) -> Counter[str]:
    terms: Counter[str] = Counter()
    for token in _action_tokens(f"{action.id.replace('-', ' ')} {action.name}"):
        terms[token] += ID_WEIGHT
    for token in _action_tokens(action.keywords):
        terms[token] += KEYWORD_WEIGHT
    for token in _action_tokens(action.description):
        terms[token] += DESCRIPTION_WEIGHT
    return terms


@cache
def _index(actions: tuple[Action, ...]) -> _Index:
    counts = tuple(_action_terms(action) for action in actions)
    lengths = tuple(sum(c.values()) for c in counts)
    frequency: Counter[str] = Counter()
    for c in counts:
        frequency.update(set(c))
    return _Index(
        actions,
        counts,
        lengths,
        sum(lengths) / max(len(lengths), 1),
        frequency,
    )


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a swap of two letters costs one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _corrected(word: str, known: frozenset[str]) -> str:
    """A misspelt word becomes the known word one edit away (two, for long words); a word
    with no such neighbour is kept (and then simply matches nothing)."""
    if word in known or len(word) < 4 or not word.isalpha():
        return word
    allowed = 1 if len(word) < 7 else 2
    best = min(
        (
            (_edit_distance(word, candidate), candidate)
            for candidate in known
            if abs(len(candidate) - len(word)) <= allowed and candidate[0] == word[0]
        ),
        default=None,
    )
    return best[1] if best is not None and best[0] <= allowed else word


@cache
def _known_words(actions: tuple[Action, ...]) -> frozenset[str]:
    """Every word the ranker understands: the catalog's, the lexicon's, the stop words."""
    words = set(SYNONYMS) | STOPWORDS
    for phrase in PHRASES:
        words.update(_raw_words(phrase))
    for action in actions:
        words.update(
            _raw_words(f"{action.id} {action.name} {action.keywords} {action.description}")
        )
    return frozenset(words)


def _query_terms(intent: str, actions: tuple[Action, ...]) -> list[str]:
    """The sentence's words, typos corrected, in the catalog's vocabulary."""
    known = _known_words(actions)
    corrected = " ".join(_corrected(word, known) for word in _raw_words(intent))
    return document_tokens(corrected)


def _asked_verbs(terms: Sequence[str]) -> set[str]:
    """The verb the sentence asks for; without one, it reads: list or get."""
    for term in terms:
        verb = VERB_OF_CONCEPT.get(term, term)
        if verb in VERBS and verb not in ("list", "get"):
            return {verb}
    # A question ("what", "show") or a bare noun phrase ("upcoming appointments") reads.
    return {term for term in terms if term in ("list", "get")} or {"list", "get"}


def rank_actions(intent: str, actions: Iterable[Action]) -> list[tuple[Action, float]]:
    """Every action with its score, most relevant first (ties: popular, then id)."""
    catalog = tuple(actions)
    index = _index(catalog)
    terms = _query_terms(intent, catalog)
    verbs = _asked_verbs(terms)
    scored: list[tuple[Action, float]] = []
    rows = zip(index.actions, index.term_counts, index.lengths, strict=True)
    for action, counts, length in rows:
        score = 0.0
        for term in terms:
            frequency = counts.get(term, 0)
            if frequency:
                norm = BM25_K1 * (1 - BM25_B + BM25_B * length / index.average_length)
                score += index.idf(term) * frequency * (BM25_K1 + 1) / (frequency + norm)
        if score > 0:
            if action.id.split("-", 1)[0] in verbs:
                score += VERB_BONUS
            if action.id.endswith("-legacy"):
                score *= LEGACY_FACTOR
            if action.popular:
                score += POPULAR_BONUS
        scored.append((action, score))
    scored.sort(key=lambda pair: (-pair[1], not pair[0].popular, pair[0].id))
    return scored
