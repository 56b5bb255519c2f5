"""Small, exact edits to built HTML, located by a real HTML parser.

The post-build adds a few things to pages the engine wrote (a QR code, an
attribute, JSON-LD). Rewriting a whole page through a DOM library would
re-serialise the theme's markup; matching strings breaks silently when the
theme changes. This finds elements with the standard library's HTML parser
and splices text at the exact offsets it reports; an edit whose element is
not there raises, naming what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from dataclasses import dataclass
from html.parser import HTMLParser


class MissingElement(Exception):
    pass


@dataclass(frozen=True)
class StartTag:
    tag: str
    attrs: dict[str, str | None]
    start: int  # offset of '<'
    end: int  # offset just after '>'

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


class _Locator(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.tags: list[StartTag] = []

    def handle_starttag(self, tag, attrs) -> None:
        line, col = self.getpos()
        start = self.line_starts[line - 1] + col
        raw = self.get_starttag_text() or ""
        self.tags.append(StartTag(tag, dict(attrs), start, start + len(raw)))

    handle_startendtag = handle_starttag


class Page:
    """One built page's text and the start tags in it; edits apply on `text`."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.text = text
        self._edits: list[tuple[int, int, str]] = []  # (start, end, new text): end == start inserts
        locator = _Locator(text)
        locator.feed(text)
        locator.close()
        self.tags = locator.tags

    def find(self, what: str, match: Callable[[StartTag], bool]) -> StartTag:
        found = [tag for tag in self.tags if match(tag)]
        if len(found) != 1:
            raise MissingElement(f"{self.name}: expected one {what}, found {len(found)}. "
                                 "Did a theme update or a change in overrides/ move it?")
        return found[0]

    def find_all(self, match: Callable[[StartTag], bool]) -> list[StartTag]:
        return [tag for tag in self.tags if match(tag)]

    def insert_after_start(self, tag: StartTag, html: str) -> None:
        self._edits.append((tag.end, tag.end, html))

    def insert_before(self, tag: StartTag, html: str) -> None:
        self._edits.append((tag.start, tag.start, html))

    def remove_void(self, tag: StartTag) -> None:
        """Remove an element that has no content (<link>, <meta>): its start tag is all of it."""
        self._edits.append((tag.start, tag.end, ""))

    def add_attribute(self, tag: StartTag, name: str, value: str) -> None:
        closing = 2 if self.text[tag.end - 2 : tag.end] == "/>" else 1
        self._edits.append((tag.end - closing, tag.end - closing, f' {name}="{escape(value, quote=True)}"'))

    def set_attribute(self, tag: StartTag, name: str, value: str) -> None:
        """Replace the value of an attribute the tag has."""
        raw = self.text[tag.start : tag.end]
        found = re.search(rf"""\s{re.escape(name)}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", raw, re.IGNORECASE)
        if found is None:
            raise MissingElement(f"{self.name}: <{tag.tag}> has no {name} attribute to replace")
        start, end = tag.start + found.start(1), tag.start + found.end(1)
        self._edits.append((start, end, f'"{escape(value, quote=True)}"'))

    def replace_text(self, start: int, end: int, text: str) -> None:
        """Replace the page's text between two offsets (found in `text`, which edits do not change)."""
        self._edits.append((start, end, text))

    def result(self) -> str:
        text = self.text
        for start, end, html in sorted(self._edits, key=lambda e: e[0], reverse=True):
            text = text[:start] + html + text[end:]
        return text
