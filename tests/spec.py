"""The response shapes the spec documents, read from ``../shared/spec/*.md`` (beside the repo,
locally and in CI), so conformance tests compare answers with the spec and not with
slotwise's own output models: a documented field dropped from an output fails a test.

The spec writes shapes in three ways, and this reads each of them:

- an inline field list after a label, in backticks:
  ``Output: `id, ownerId, name, availability[], isDefault, overrides[]`.``
  (``field_list(section, label)``)
- a two-column table whose first cell names fields and second cell says how
  (spec/api.md §6.4; ``field_table(section)``)
- a JSON example in a fenced block (spec/legacy.md; ``json_example(section, label)``)

Inside a field list: ``name?`` and ``(optional)`` mark an optional field; ``name|null`` a
nullable one (still present); ``a|b`` and ``a / b`` alternatives (each optional);
``name {x, y}`` or ``name[{x, y}]`` a nested object's fields; other parenthesised notes and
``: type`` annotations are ignored. A list ends at ``.`` or ``;`` outside brackets, a table
cell's end, or a blank line. Shapes the format leaves ambiguous are hand-listed by the tests
that need them, with a comment naming the spec section.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SPEC_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "spec"
API = "api.md"
LEGACY = "legacy.md"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPEN, _CLOSE = "([{", ")]}"


@dataclass(frozen=True)
class Shape:
    """The documented keys of one JSON object."""

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    nested: dict[str, Shape] = field(default_factory=dict)

    @property
    def keys(self) -> frozenset[str]:
        return self.required | self.optional

    def merged(self, other: Shape) -> Shape:
        return Shape(
            self.required | other.required,
            (self.optional | other.optional) - (self.required | other.required),
            {**self.nested, **other.nested},
        )

    def without(self, *names: str) -> Shape:
        gone = set(names)
        return Shape(
            self.required - gone,
            self.optional - gone,
            {k: v for k, v in self.nested.items() if k not in gone},
        )


# --- reading the documents ---------------------------------------------------------------


@cache
def document(name: str) -> str:
    path = SPEC_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the spec lives in ../shared beside the repository")
    return path.read_text(encoding="utf-8")


def section(doc: str, title: str) -> str:
    """The text under the first heading whose title starts with ``title`` (``#`` marks and
    surrounding space ignored), up to the next heading of the same or a higher level."""
    lines = document(doc).splitlines()
    for index, line in enumerate(lines):
        heading = re.match(r"(#+)\s+(.*)", line)
        if heading and heading.group(2).strip().startswith(title):
            level = len(heading.group(1))
            body = []
            for following in lines[index + 1 :]:
                deeper = re.match(r"(#+)\s", following)
                if deeper and len(deeper.group(1)) <= level:
                    break
                body.append(following)
            return "\n".join(body)
    raise LookupError(f"spec/{doc}: no heading starting with {title!r}")


def _after(text: str, label: str, where: str) -> str:
    at = text.find(label)
    if at < 0:
        raise LookupError(f"{where}: no {label!r}")
    return text[at + len(label) :]


def _list_text(text: str) -> str:
    """The field list at the start of ``text``, backticks removed: up to ``.`` or ``;`` at
    bracket depth 0 (a ``.`` only when followed by a space or the end), a table cell's end
    (`` |``), or a blank line."""
    out: list[str] = []
    depth = 0
    index = 0
    text = text.lstrip()
    while index < len(text):
        char = text[index]
        following = text[index + 1] if index + 1 < len(text) else "\n"
        if char == "`":
            index += 1
            continue
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and (
            char == ";"
            or (char == "|" and index > 0 and text[index - 1] == " ")  # a table cell ends
            or (char == "." and following.isspace())
            or text.startswith("\n\n", index)
        ):
            break
        out.append(" " if char == "\n" else char)
        index += 1
    return "".join(out).strip().rstrip(".")


def _split(text: str, separator: str = ",") -> list[str]:
    """``text`` split at ``separator`` outside brackets."""
    parts, depth, current = [], 0, []
    index = 0
    while index < len(text):
        char = text[index]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        if depth == 0 and text.startswith(separator, index):
            parts.append("".join(current))
            current = []
            index += len(separator)
            continue
        current.append(char)
        index += 1
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _braced(text: str) -> str | None:
    """The contents of the first ``{...}`` in ``text`` (matching braces), if any."""
    start = text.find("{")
    if start < 0:
        return None
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    return text[start + 1 :]


def _strip_parens(text: str) -> str:
    while True:
        stripped = re.sub(r"\([^()]*\)", "", text)
        if stripped == text:
            return text
        text = stripped


def parse_fields(text: str) -> Shape:
    """A field list (see the module doc) as a Shape."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()
    if text.startswith("{") and _braced(text) is not None and text.endswith("}"):
        text = _braced(text) or ""
    required: set[str] = set()
    optional: set[str] = set()
    nested: dict[str, Shape] = {}
    for item in _split(text):
        alternatives = _split(item, " / ")
        for alternative in alternatives:
            name_match = _NAME.match(alternative)
            if name_match is None:
                continue  # "..." and the like
            name = name_match.group(0)
            rest = alternative[name_match.end() :]
            inner = _braced(rest)
            if inner is not None:
                nested[name] = parse_fields(inner)
            bare = _strip_parens(re.sub(r"\{.*\}", "", rest))
            others = [n for n in re.findall(r"\|\s*([A-Za-z_]\w*)", bare) if n != "null"]
            notes = " ".join(re.findall(r"\(([^()]*)\)", rest))
            is_optional = (
                "?" in bare or "optional" in notes or len(alternatives) > 1 or bool(others)
            )
            (optional if is_optional else required).add(name)
            optional.update(others)
    return Shape(frozenset(required), frozenset(optional - required), nested)


def field_list(doc: str, section_title: str, label: str) -> Shape:
    """The inline field list right after ``label`` in a section."""
    where = f"spec/{doc} {section_title!r}"
    return parse_fields(_list_text(_after(section(doc, section_title), label, where)))


_CONDITIONAL = re.compile(r"optional|only|seated")


def field_table(doc: str, section_title: str) -> Shape:
    """A ``| field | notes |`` table: the first cell names fields (a field list); a notes
    cell that starts with a backticked object or array gives a single field's nested shape,
    with ``+ `more`` adding optional nested keys; words such as "optional", "... only" or
    "seated" in the notes (outside backticks, before any ``;``) make the fields optional."""
    shape = Shape()
    for line in section(doc, section_title).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if "|" in line else []
        if len(cells) < 2 or set(cells[0]) <= set("-: ") or cells[0] == "field":
            continue
        names = parse_fields(cells[0].replace("`", ""))
        notes = " | ".join(cells[1:])
        plain = re.sub(r"`[^`]*`", "", notes).split(";")[0]
        conditional = bool(_CONDITIONAL.search(plain))
        nested = dict(names.nested)
        spans = re.findall(r"`([^`]*)`", notes)
        if len(names.keys) == 1 and spans and spans[0].lstrip().startswith(("{", "[{")):
            [only] = names.keys
            inner = parse_fields(spans[0])
            extras = re.findall(r"\+\s*`([^`]*)`", notes)
            for extra in extras:
                inner = inner.merged(Shape(optional=parse_fields(extra).keys))
            nested[only] = inner
        row = Shape(
            frozenset() if conditional else names.required,
            names.keys if conditional else names.optional,
            nested,
        )
        shape = shape.merged(row)
    return shape


def json_example(doc: str, section_title: str, label: str) -> Any:
    """The first fenced JSON block after ``label`` in a section, parsed."""
    where = f"spec/{doc} {section_title!r}"
    text = _after(section(doc, section_title), label, where)
    block = re.search(r"```(?:json)?\n(.*?)```", text, re.DOTALL)
    if block is None:
        raise LookupError(f"{where}: no fenced block after {label!r}")
    return json.loads(block.group(1))


def shape_of_example(example: Any) -> Shape:
    """Every key of a JSON example is documented and present (nested objects too; for an
    array of objects, its first item)."""
    nested = {}
    for key, value in example.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]
        if isinstance(value, dict) and value:
            nested[key] = shape_of_example(value)
    return Shape(required=frozenset(example), nested=nested)


# --- checking answers --------------------------------------------------------------------


def missing(answer: dict[str, Any], shape: Shape) -> set[str]:
    """Documented required keys absent from ``answer``, nested ones as ``a.b``."""
    gone = set(shape.required - set(answer))
    for key, inner in shape.nested.items():
        value = answer.get(key)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                gone |= {f"{key}.{k}" for k in missing(item, inner)}
    return gone


def undocumented(answer: dict[str, Any], shape: Shape) -> set[str]:
    """Keys of ``answer`` the shape does not document, nested ones as ``a.b``."""
    extra = set(answer) - shape.keys
    for key, inner in shape.nested.items():
        value = answer.get(key)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                extra |= {f"{key}.{k}" for k in undocumented(item, inner)}
    return extra


# --- the documented response objects -------------------------------------------------------
# Each names the spec section it reads; tests/test_spec_reader.py checks that each finds a
# plausible shape, so a reworded spec fails loudly instead of checking nothing.


def me() -> Shape:
    """spec/api.md §2: the Me output."""
    return field_list(API, "2. Me", "Me output (`data`):")


def event_type() -> Shape:
    """spec/api.md §3.4 (personal and team keys together; see the tests for which apply)."""
    return field_list(API, "3.4 Event-type output", "")


def schedule() -> Shape:
    """spec/api.md §4's output list, with the nested rows spec/legacy.md §4 gives for
    2024-06-11."""
    top = field_list(API, "4. Schedules", "Output:")
    rows = field_list(LEGACY, "4. Schedules", "| schedule output | see below |")
    return top.merged(Shape(nested=rows.nested))


def slot() -> Shape:
    """spec/api.md §5: a slot in the default ``time`` format."""
    return field_list(API, "5. Slots", "array of slots:")


def slot_range() -> Shape:
    """spec/api.md §5: a slot in the ``range`` format."""
    return field_list(API, "5. Slots", "range:")


def seated_slot() -> Shape:
    """spec/api.md §5: what a seated event type's slot adds."""
    return field_list(API, "5. Slots", "seated adds")


def reservation() -> Shape:
    """spec/api.md §5: a slot reservation."""
    return field_list(API, "5. Slots", "→ 201")


def booking() -> Shape:
    """spec/api.md §6.4: BookingOutput_2024_08_13."""
    return field_table(API, "6.4 Booking output")


def pagination() -> Shape:
    """spec/api.md §1.3: the bookings list's ``pagination``."""
    return field_list(API, "1.3 Pagination", "returns `pagination`:")


def v1_attendee() -> Shape:
    """spec/api.md §7: a v1 attendee."""
    return field_list(API, "7. Attendees", "Fields:")


def webhook() -> Shape:
    """spec/api.md §10: a webhook (the scope keys are alternatives)."""
    return field_list(API, "10. Webhooks", "Output:")


def webhook_booking_payload() -> Shape:
    """spec/api.md §10: a booking trigger's ``payload``."""
    return field_list(API, "10. Webhooks", "Booking payload keys:")


def legacy_event_type() -> Shape:
    """spec/legacy.md §1: the legacy event type object's declared keys."""
    return field_list(LEGACY, "Event type object (legacy)", "Declared keys:")


def legacy_event_type_list() -> Shape:
    """spec/legacy.md §1: GET /v2/event-types's example."""
    return shape_of_example(json_example(LEGACY, "GET /v2/event-types (auth)", "Response `data`:"))


def legacy_schedule() -> Shape:
    """spec/legacy.md §4: the legacy schedule object's example."""
    return shape_of_example(json_example(LEGACY, "4. Schedules", "Legacy schedule object"))


def legacy_booking_created() -> Shape:
    """spec/legacy.md §3: the keys of a created booking confirmed from source."""
    return field_list(LEGACY, "POST /v2/bookings", "Confirmed keys:")


def legacy_booking() -> Shape:
    """spec/legacy.md §3: GET /v2/bookings/{uid}."""
    return field_list(LEGACY, "GET /v2/bookings/{uid}", "`data`:")


def legacy_booking_item() -> Shape:
    """spec/legacy.md §3: an item of GET /v2/bookings."""
    return field_list(LEGACY, "GET /v2/bookings (auth)", "Booking item:")
