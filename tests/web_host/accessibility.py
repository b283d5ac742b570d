"""An accessibility check of a page's HTML, in Python (the rules of axe-core's that HTML alone
can decide): every control has a name, landmarks exist (banner, main, contentinfo, a named
nav), ids are unique, aria-describedby / aria-labelledby / label[for] point at real ids,
buttons and links have text, the page has a language, a title and one h1."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"input", "img", "br", "hr", "meta", "link", "source", "wbr", "area", "col", "embed"}
CONTROLS = {"input", "select", "textarea"}
UNNAMED_TYPES = {"hidden", "submit", "button", "reset"}


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.references: list[tuple[str, str]] = []
        self.controls: list[tuple[dict[str, str], bool]] = []  # (attrs, inside a label)
        self.landmarks: list[str] = []
        self.nav_names: list[str | None] = []
        self.empty_actions: list[str] = []
        self.h1 = 0
        self.lang = ""
        self.title = ""
        self.stack: list[_Open] = []
        self.in_template = 0

    def handle_starttag(self, tag: str, raw: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in raw}
        if tag == "template":
            self.in_template += 1
        if self.in_template and tag != "template":
            self._track_ids(attrs)  # a template's ids are copied: still must be unique
            return
        self._track_ids(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag in CONTROLS and attrs.get("type", "") not in UNNAMED_TYPES and "hidden" not in attrs:
            inside_label = any(o.tag == "label" for o in self.stack)
            self.controls.append((attrs, inside_label))
        if tag in ("header", "main", "footer", "nav"):
            self.landmarks.append(tag)
        if tag == "nav":
            self.nav_names.append(attrs.get("aria-label") or attrs.get("aria-labelledby"))
        if tag == "h1":
            self.h1 += 1
        if tag not in VOID:
            self.stack.append(_Open(tag, attrs))

    def _track_ids(self, attrs: dict[str, str]) -> None:
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        for name in ("aria-describedby", "aria-labelledby"):
            for ref in attrs.get(name, "").split():
                self.references.append((name, ref))

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.in_template -= 1
            return
        if self.in_template:
            return
        while self.stack:
            closed = self.stack.pop()
            text = "".join(closed.text).strip()
            for parent in self.stack:
                parent.text.append(text)
            if closed.tag == "title":
                self.title = text
            if closed.tag in ("button", "a") and not text and not closed.attrs.get("aria-label"):
                self.empty_actions.append(closed.tag)
            if closed.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and not self.in_template:
            self.stack[-1].text.append(data)


def problems(html: str) -> list[str]:
    """What a screen-reader or keyboard user would trip on; [] when nothing."""
    audit = _Audit()
    audit.feed(html)
    found: list[str] = []
    duplicates = sorted({i for i in audit.ids if audit.ids.count(i) > 1})
    found += [f"duplicate id {i!r}" for i in duplicates]
    known = set(audit.ids)
    found += [f"{name} points at missing id {ref!r}" for name, ref in audit.references
              if ref not in known]  # fmt: skip
    found += [f"label for missing id {i!r}" for i in sorted(audit.label_for - known)]
    for attrs, inside_label in audit.controls:
        named = (inside_label or attrs.get("id", "") in audit.label_for
                 or attrs.get("aria-label") or attrs.get("aria-labelledby"))  # fmt: skip
        if not named:
            found.append(f"control without a label: {attrs.get('name') or attrs}")
    for landmark in ("header", "main", "footer"):
        if landmark not in audit.landmarks:
            found.append(f"no <{landmark}> landmark")
    if len(audit.nav_names) > 1 and not all(audit.nav_names):
        found.append("several <nav>s, not all named (aria-label)")
    found += [f"<{tag}> without text or aria-label" for tag in audit.empty_actions]
    if not audit.lang:
        found.append("<html> has no lang")
    if not audit.title:
        found.append("no <title>")
    if audit.h1 != 1:
        found.append(f"{audit.h1} <h1> elements (one expected)")
    return found


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
