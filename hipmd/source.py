"""Where a component stands in the author's file, for error messages.

Snippets (``--8<--``) are pasted in before the components run, so a line
number counted then is off by the length of every snippet above it. A small
preprocessor that runs before snippets stamps each component's opening line
with its line in the page's own file; the component reads the stamp back.
A component that comes from a snippet has no stamp and is reported at the
snippet file that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from .page import current_page

STAMP = re.compile(r" \{hip-line=(?P<line>\d+)\}$")
PRIORITY = 33  # pymdownx.snippets runs at 32


@dataclass(frozen=True)
class Where:
    """A place in a file, as `file:line`."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class StampLines(Preprocessor):
    """Appends ` {hip-line=N}` to every line that opens a component."""

    def __init__(self, md: Markdown, docs_dir: Path) -> None:
        super().__init__(md)
        self.docs_dir = docs_dir
        self.openers: list[re.Pattern] = []

    def run(self, lines: list[str]) -> list[str]:
        offset = self._front_matter_lines(lines)
        return [f"{line} {{hip-line={n + offset}}}" if any(p.match(line) for p in self.openers) else line
                for n, line in enumerate(lines, start=1)]

    def _front_matter_lines(self, lines: list[str]) -> int:
        """How many lines the engine cut off the top of the file (front matter)."""
        page = current_page(self.md, self.docs_dir)
        if page is None:
            return 0
        try:
            whole = (self.docs_dir / page.src_uri).read_text(encoding="utf-8").splitlines()
        except OSError:
            return 0
        first = next((line for line in lines if line.strip()), None)
        if first is None or first not in whole:
            return 0
        return max(whole.index(first) - lines.index(first), 0)


def watch(md: Markdown, docs_dir: Path, opener: re.Pattern) -> None:
    """Have lines matching `opener` stamped with their line in the page's file."""
    if "hip_lines" not in md.preprocessors:
        md.preprocessors.register(StampLines(md, docs_dir), "hip_lines", PRIORITY)
    md.preprocessors["hip_lines"].openers.append(opener)


def unstamp(line: str) -> tuple[str, int | None]:
    """The line without its stamp, and the stamped line number (None: it came from a snippet)."""
    m = STAMP.search(line)
    return (line[: m.start()], int(m["line"])) if m else (line, None)


def where(md: Markdown, stamped: int | None, text: str) -> Where:
    """The place to name in a message about the component that opens with `text`."""
    page = current_page(md)
    if page is None:
        return Where("<markdown>", stamped or 0)
    if stamped is not None:
        return Where(f"docs/{page.src_uri}", stamped)
    snippets = md.preprocessors["snippet"].base_path if "snippet" in md.preprocessors else []
    for folder in map(Path, snippets):  # pasted from a snippet: name the snippet file
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            if text in lines:
                return Where(_shown(path), lines.index(text) + 1)
    return Where(f"docs/{page.src_uri}", 1)


def _shown(path: Path) -> str:
    """A path relative to the working directory (the project) when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
