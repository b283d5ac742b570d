"""Rank actions by what someone says they want ("cancel my meeting tomorrow"), offline, and
say why (``--explain``).

Deterministic and model-free: a word the ranker does not know is corrected to a known one
within one or two edits (a swap of two letters is one edit); words are lower-cased, lightly
stemmed and mapped through the lexicon (``intent_lexicon.py``) onto the catalog's own
vocabulary. BM25 then scores each action's id and name (weighted x3), curated keywords (x2)
and description. Compound nouns count their last word most ("the holiday availability" is an
availability; "booking attendees" are attendees), on both sides. A bonus goes to the actions
whose verb the sentence asks for (near verbs get part of it), a penalty to legacy routes, and
a little to the popular actions.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from slotwise.actions.catalog import Action
from slotwise.actions.intent_lexicon import (
    COLLECTIVE_NOUNS,
    EMAIL_ADDRESS,
    GENERIC_HEADS,
    LEMMAS,
    PATTERNS,
    PHRASES,
    QUESTION_VERBS,
    QUESTION_WORDS,
    READ,
    READ_MANY,
    READ_ONE,
    READ_VERBS,
    REQUEST_WORDS,
    SCOPE_WORDS,
    STOPWORDS,
    SYNONYMS,
    TIME_WORDS,
    VERB_FAMILIES,
    VERB_OF_CONCEPT,
    YES_NO_WORDS,
)

ID_WEIGHT, KEYWORD_WEIGHT, DESCRIPTION_WEIGHT = 3, 2, 1
# A noun in front of another noun ("holiday" availability) says less than the last one.
MODIFIER_WEIGHT = 0.5
VERB_BONUS = 2.0  # the middle of the tuning table's plateau (1.5-2.5)
# A verb is matched mostly through the verb bonus: as a word it must not outweigh the thing
# ("move my out-of-office" is about the out-of-office, not a booking to reschedule).
VERB_TERM_WEIGHT = 0.5
DESCRIPTION_ONLY_WEIGHT = 0.4
# A word that names no thing actions act on ("keep", "happen") refines; the thing decides.
OTHER_TERM_WEIGHT = 0.6
TIME_CONTEXT_WEIGHT = 0.5
QUESTION_VERB_FACTOR = 0.5
BOOKING = "booking"
UNASKED_PENALTY = 0.3
UNASKED_SCOPE_PENALTY = 0.7  # on top of UNASKED_PENALTY
LEGACY_FACTOR = 0.6  # legacy routes answer the same intents as their newer twins
POPULAR_BONUS = 0.15
BM25_K1, BM25_B = 1.2, 0.5

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _stem(word: str) -> str:
    # "es" only where English adds it (addresses, searches, boxes): attendees -> attendee.
    suffixes = (
        ("ies", "y"),
        ("ings", ""),
        ("ing", ""),
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
        ("ss", "ss"),
        ("s", ""),
    )
    for suffix, keep in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + keep
    return word


_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _raw_words(text: str) -> list[str]:
    # A URL or an email address is one thing ("url", a person), not the words inside it.
    text = _EMAIL.sub(f" {EMAIL_ADDRESS} ", _URL.sub(" url ", text.lower()))
    text = re.sub(r"'s\b", "", text.replace("-", " "))
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


# Inflections a word may carry (cancelled, removed, invitations, bookers), and what their
# base form may end with; tried in order, the first base form the lexicon knows wins.
_INFLECTIONS = (
    ("ied", "y"),
    ("ies", "y"),
    ("ations", ""),
    ("ations", "e"),
    ("ation", ""),
    ("ation", "e"),
    ("ings", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ers", ""),
    ("er", ""),
    ("es", ""),
    ("s", ""),
)


@lru_cache(maxsize=4096)
def _lemma(word: str, known: frozenset[str]) -> str:
    """A word's base form when the lexicon or the catalog knows it (removed -> remove,
    cancelled -> cancel, invitations -> invite); otherwise the word itself."""
    if word in LEMMAS or len(word) < 5:
        return word
    for suffix, ending in _INFLECTIONS:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        base = word[: -len(suffix)]
        for candidate in (base + ending, base[:-1] if base[-1:] == base[-2:-1] else None):
            if candidate in LEMMAS or candidate in known:
                return candidate
    return word


def _chunks(text: str) -> list[list[tuple[str, list[str]]]]:
    """Runs of words between stop words, each word with its catalog tokens."""
    chunks: list[list[tuple[str, list[str]]]] = [[]]
    for word in _words(text):
        if word in STOPWORDS:
            chunks.append([])
        else:
            chunks[-1].append((word, [_stem(token) for token in _expand(word)]))
    return [chunk for chunk in chunks if chunk]


def _number(word: str) -> bool | None:
    """Whether a word is plural (True), singular (False), or it cannot tell ("attending")."""
    if word in COLLECTIVE_NOUNS:
        return True
    if word.endswith("ing") or word.endswith("ed"):
        return None
    return word.endswith("s") and not word.endswith("ss") and len(word) > 3


def _plural(words: list[str], nouns: frozenset[str]) -> bool | None:
    """Whether the first thing a sentence names is many ("my meeting templates", "members
    of team 2") or one ("team 9"); None when it names no thing."""
    run: list[str] = []
    for word in [*words, "."]:
        if word not in STOPWORDS and word != ".":
            run.append(word)
            continue
        named = [w for w in run if {_stem(t) for t in _expand(w)} & nouns]
        if named:
            numbers = [_number(w) for w in run]
            return True if True in numbers else _number(named[-1])
        run = []
    # No thing the catalog knows by name ("my verified addresses"): a plural still says many.
    return True if any(_number(w) for w in words if w not in STOPWORDS) else None


def weighted_tokens(text: str, nouns: frozenset[str]) -> list[tuple[str, float]]:
    """Tokens with weights: in a run of nouns, those before the last noun are modifiers."""
    weighted: list[tuple[str, float]] = []
    for chunk in _chunks(text):
        noun_positions = [i for i, (_, tokens) in enumerate(chunk) if set(tokens) & nouns]
        head = noun_positions[-1] if noun_positions else -1
        for position, (_, tokens) in enumerate(chunk):
            modifier = position < head and position in noun_positions
            weighted += [
                (token, MODIFIER_WEIGHT if modifier and token in nouns else 1.0) for token in tokens
            ]
    return weighted


def document_tokens(text: str) -> list[str]:
    return [token for chunk in _chunks(text) for _, tokens in chunk for token in tokens]


def _action_tokens(text: str) -> list[str]:
    # "read" only tells what a sentence asks for; an action's own words never carry it.
    return [token for token in document_tokens(text) if token != READ]


def _id_words(action: Action) -> tuple[str, list[str]]:
    """An action id's verb and its nouns ("list-booking-attendees": list; booking, attendee)."""
    verb, _, rest = action.id.partition("-")
    return verb, _action_tokens(rest.replace("-", " "))


def _head_and_nouns(action: Action) -> tuple[str | None, list[str]]:
    """An id's head noun and the words before it: attendee; booking (list-booking-attendees)."""
    _, nouns = _id_words(action)
    if nouns and nouns[-1] in GENERIC_HEADS:
        nouns = nouns[:-1]
    return (nouns[-1], nouns[:-1]) if nouns else (None, [])


@cache
def _head_nouns(actions: tuple[Action, ...]) -> frozenset[str]:
    """The things actions act on (booking, schedule, attendee...): the heads of their ids.
    Only these count as nouns for compounds, so "available" slots are not a compound."""
    return frozenset(head for action in actions if (head := _head_and_nouns(action)[0]))


def _modifiers(action: Action, nouns: frozenset[str]) -> set[str]:
    """The id's nouns in front of its head noun: "booking" in list-booking-attendees."""
    head, before = _head_and_nouns(action)
    return {word for word in before if (word in nouns or word in SCOPE_WORDS) and word != head}


def _action_terms(action: Action, nouns: frozenset[str]) -> dict[str, float]:
    terms: dict[str, float] = defaultdict(float)
    modifiers = _modifiers(action, nouns)
    for token in _action_tokens(f"{action.id.replace('-', ' ')} {action.name}"):
        terms[token] += ID_WEIGHT * (MODIFIER_WEIGHT if token in modifiers else 1)
    for token in _action_tokens(action.keywords):
        terms[token] += KEYWORD_WEIGHT
    for token in _action_tokens(action.description):
        terms[token] += DESCRIPTION_WEIGHT
    return terms


@dataclass(frozen=True)
class _Index:
    actions: tuple[Action, ...]
    term_counts: tuple[dict[str, float], ...]
    lengths: tuple[float, ...]
    average_length: float
    document_frequency: Counter[str]
    nouns: frozenset[str]
    modifiers: tuple[frozenset[str], ...]
    known_words: frozenset[str]
    # Words of ids, names and keywords, and the lexicon's: the words actions are named by.
    core_terms: frozenset[str]

    def idf(self, term: str) -> float:
        n = len(self.actions)
        df = self.document_frequency.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def bm25(self, row: int, term: str) -> float:
        frequency = self.term_counts[row].get(term, 0)
        if not frequency:
            return 0.0
        norm = BM25_K1 * (1 - BM25_B + BM25_B * self.lengths[row] / self.average_length)
        return self.idf(term) * frequency * (BM25_K1 + 1) / (frequency + norm)


@cache
def _index(actions: tuple[Action, ...]) -> _Index:
    nouns = _head_nouns(actions)
    counts = tuple(_action_terms(action, nouns) for action in actions)
    lengths = tuple(float(sum(c.values())) for c in counts)
    frequency: Counter[str] = Counter()
    for c in counts:
        frequency.update(set(c))
    return _Index(
        actions,
        counts,
        lengths,
        sum(lengths) / max(len(lengths), 1),
        frequency,
        nouns,
        tuple(frozenset(_modifiers(action, nouns)) for action in actions),
        _known_words(actions),
        _core_terms(actions),
    )


def _core_terms(actions: tuple[Action, ...]) -> frozenset[str]:
    terms = {
        token
        for action in actions
        for token in _action_tokens(
            f"{action.id.replace('-', ' ')} {action.name} {action.keywords}"
        )
    }
    terms.update(document_tokens(" ".join(SYNONYMS.values())))
    return frozenset(terms)


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


@lru_cache(maxsize=4096)  # the same unknown words come back; each costs a scan
def _corrected(word: str, known: frozenset[str]) -> str:
    """A misspelt word becomes the known word one edit away (two, for long words); a word
    with no such neighbour is kept (and then simply matches nothing)."""
    if word in known or len(word) < 4 or not word.isalpha():
        return word
    allowed = 1 if len(word) < 8 else 2  # two for seven letters: contact -> connect
    best = min(
        (
            (_edit_distance(word, candidate), candidate)
            for candidate in known
            if abs(len(candidate) - len(word)) <= allowed and candidate[0] == word[0]
        ),
        default=None,
    )
    return best[1] if best is not None and best[0] <= allowed else word


def _base_word(word: str, known: frozenset[str]) -> str:
    """An unknown word read as the known one it inflects (removed -> remove) or misspells."""
    if word in known:
        return word
    lemma = _lemma(word, known)
    return lemma if lemma != word else _corrected(word, known)


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


@dataclass(frozen=True)
class Query:
    """A sentence as the ranker reads it: its terms with weights, the verbs it asks for,
    whether it is a question (which reads) or a request, and the typos it corrected."""

    terms: tuple[tuple[str, float], ...]
    verbs: dict[str, float]
    corrections: tuple[tuple[str, str], ...]
    question: bool = False


def _reading(plural: bool | None, said: list[str]) -> dict[str, float]:
    """Reading: what the sentence says ("show", "list"), else many things ("my webhooks")
    are a list and one ("team 9") a get."""
    if said:
        return dict.fromkeys(said, 1.0)
    if plural is None:
        return dict.fromkeys(READ_VERBS, 1.0)
    return READ_MANY if plural else READ_ONE


def _asked_verbs(terms: Iterable[str], plural: bool | None, question: bool) -> dict[str, float]:
    """The verbs of action ids that do what the sentence asks (the first verb it says);
    a question ("which meetings were cancelled") or a bare noun phrase reads."""
    terms = list(terms)
    for term in terms:
        if term == READ:  # "show me ...", "check on ...": a read said before any verb
            break
        verb = VERB_OF_CONCEPT.get(term, term)
        # A question's verbs describe what it asks about; only a check is still a check.
        if verb in VERB_FAMILIES and (not question or verb in QUESTION_VERBS):
            return VERB_FAMILIES[verb]
    return _reading(plural, [term for term in terms if term in READ_VERBS])


def _yes_no(verbs: dict[str, float]) -> dict[str, float]:
    """ "is stripe connected": a check, or else a read."""
    return {"check": 1.0, **{verb: weight for verb, weight in verbs.items() if verb != "check"}}


def is_question(words: list[str]) -> bool:
    """ "which calendars are hooked up", "am I free": a question reads; "how do I cancel",
    "can you move" are requests for what follows."""
    if not words or words[0] in REQUEST_WORDS:
        return False
    if words[0] == "how" and words[1:2] and words[1] in ("do", "can", "to", "should", "would"):
        return False
    return words[0] in QUESTION_WORDS


def read_query(intent: str, actions: tuple[Action, ...]) -> Query:
    index = _index(actions)
    corrections = []
    words = []
    for word in _raw_words(intent):
        fixed = _base_word(word, index.known_words)
        if fixed != word:
            corrections.append((word, fixed))
        words.append(fixed)
    weighted = weighted_tokens(" ".join(words), index.nouns)
    plural = _plural(_words(" ".join(words)), index.nouns)
    question = is_question(words) or (intent.rstrip().endswith("?") and not _commands(words))
    terms = tuple((term, weight * _term_weight(index, term, question)) for term, weight in weighted)
    terms += _time_context(words, terms, index)
    verbs = _asked_verbs((term for term, _ in terms), plural, question)
    if question and words[0] in YES_NO_WORDS:
        verbs = _yes_no(verbs)
    return Query(terms, verbs, tuple(corrections), question)


def _time_context(
    words: list[str], terms: tuple[tuple[str, float], ...], index: _Index
) -> tuple[tuple[str, float], ...]:
    """A sentence that names a time ("on friday", "at 3pm") but no thing is most likely
    about meetings: what people ask most."""
    if any(term in index.nouns for term, _ in terms):
        return ()
    if not any(word in TIME_WORDS or _CLOCK_TIME.fullmatch(word) for word in words):
        return ()
    return tuple((token, TIME_CONTEXT_WEIGHT) for token in document_tokens(BOOKING))


_CLOCK_TIME = re.compile(r"\d{1,2}(?:am|pm)")


def _commands(words: list[str]) -> bool:
    """Whether a sentence starts with a verb ("cancel it?")."""
    return bool(words) and any(_is_verb(token) for token in _expand(words[0]))


def _term_weight(index: _Index, term: str, question: bool) -> float:
    """A verb is matched mostly through the verb bonus, and in a question ("which calendars
    did I connect") it only describes the things asked about; a word only descriptions use
    ("old", "using") says little about which action is meant."""
    if _is_verb(term):
        weight = VERB_TERM_WEIGHT * (QUESTION_VERB_FACTOR if question else 1)
    else:
        weight = 1.0 if term in index.nouns else OTHER_TERM_WEIGHT
    return weight if term in index.core_terms else weight * DESCRIPTION_ONLY_WEIGHT


def _is_verb(term: str) -> bool:
    return VERB_OF_CONCEPT.get(term, term) in VERB_FAMILIES


@dataclass
class Ranked:
    """One action's score, and what it is made of."""

    action: Action
    score: float = 0.0
    matches: list[tuple[str, float]] = field(default_factory=list)
    verb_bonus: float = 0.0
    unasked: list[str] = field(default_factory=list)
    popular_bonus: float = 0.0
    legacy: bool = False


def _score(index: _Index, row: int, query: Query) -> Ranked:
    action = index.actions[row]
    ranked = Ranked(action)
    for term, weight in query.terms:
        contribution = weight * index.bm25(row, term)
        if contribution:
            ranked.matches.append((term, contribution))
    score = sum(contribution for _, contribution in ranked.matches)
    if score > 0:
        # More specific than asked: "delete the webhook" is not an event type's webhook.
        asked = {term for term, _ in query.terms}
        ranked.unasked = sorted(index.modifiers[row] - asked)
        score -= UNASKED_PENALTY * len(ranked.unasked)
        # An organization's resources answer only sentences that name the organization.
        score -= UNASKED_SCOPE_PENALTY * len(SCOPE_WORDS.intersection(ranked.unasked))
        ranked.verb_bonus = VERB_BONUS * query.verbs.get(action.id.split("-", 1)[0], 0.0)
        score += ranked.verb_bonus
        if action.id.endswith("-legacy"):
            ranked.legacy = True
            score *= LEGACY_FACTOR
        if action.popular:
            ranked.popular_bonus = POPULAR_BONUS
            score += POPULAR_BONUS
    ranked.score = score
    return ranked


def explain_ranking(intent: str, actions: Iterable[Action]) -> tuple[Query, list[Ranked]]:
    """Every action ranked (ties: popular, then id), with the parts of its score."""
    catalog = tuple(actions)
    index = _index(catalog)
    query = read_query(intent, catalog)
    ranked = [_score(index, row, query) for row in range(len(catalog))]
    ranked.sort(key=lambda r: (-r.score, not r.action.popular, r.action.id))
    return query, ranked


def rank_actions(intent: str, actions: Iterable[Action]) -> list[tuple[Action, float]]:
    """Every action with its score, most relevant first (ties: popular, then id)."""
    return [(r.action, r.score) for r in explain_ranking(intent, actions)[1]]
