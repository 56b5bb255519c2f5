"""Page tools: a shortcode that puts a tool's button on a page.

Authors write, on a line of its own::

    <!-- hip:coach -->

GitHub shows nothing for it; the build renders the tool's button and one
line about it. The button is plain HTML: the page scripts load the tool's
code on the first tap (docs/assets/javascripts/main.js), and workout mode
offers the page's tools inside its own view. A panel (``<!-- hip:log -->``,
``<!-- hip:reminder -->``) is a block the page scripts fill in where it
appears, with a line that shows when they do not run. An unknown name stops the build with the file,
the line and the names that exist.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from . import source
from .errors import ComponentError


@dataclass(frozen=True)
class Tool:
    """A button that opens a full-screen tool (loaded on the first tap)."""

    button: str  # the button's words
    about: str  # one line under it
    problem: str  # said in place when its code cannot load (the tool's own words come with that code)

    def html(self, name: str) -> str:
        return (f'<div class="hip-tool" data-hip-tool="{name}">'
                f'<button type="button" class="md-button" data-hip-open="{name}" '
                f'data-hip-problem="{html.escape(self.problem)}">{html.escape(self.button)}</button>'
                f"<p>{html.escape(self.about)}</p></div>")


@dataclass(frozen=True)
class Panel:
    """A block the page scripts fill in where it is (main.js loads its code only on such a page)."""

    fallback: str  # shown where the page scripts do not run

    def html(self, name: str) -> str:
        return (f'<div class="hip-panel hip-{name}" data-hip-panel="{name}">'
                f'<p class="hip-panel__fallback">{html.escape(self.fallback)}</p></div>')


TOOLS: dict[str, Tool | Panel] = {
    "coach": Tool("Check my hips",
                  "Use the front camera as a mirror to watch your hips. Any reading it shows is a rough guide, not "
                  "a measurement. The picture stays on this phone.",
                  "The camera check could not load. Check your connection and try again."),
    "meter": Tool("Measure with the phone on my back",
                  "Wear your phone on your low back: it says out loud when your pelvis drops, as a rough guide. Its "
                  "readings stay on this phone.",
                  "The meter could not load. Check your connection and try again."),
    "log": Panel("Your log shows here when this page's scripts can run. It is read from this browser's own "
                 "storage on this phone; the site holds no copy of it."),
    "reminder": Panel("A form to set a reminder in your phone's calendar shows here when this page's scripts can "
                      "run."),
}
SHORTCODE = re.compile(r"^(?P<indent> *)<!--\s*hip:(?P<name>[\w-]*)\s*-->\s*$")


def render(name: str) -> str:
    return TOOLS[name].html(name)


class ToolPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            text, stamped = source.unstamp(line)
            m = SHORTCODE.match(text)
            if not m:
                out.append(line)
                continue
            if m["name"] not in TOOLS:
                raise ComponentError(str(source.where(self.md, stamped, text)),
                                     f"unknown tool 'hip:{m['name']}'",
                                     "use one of: " + ", ".join(f"<!-- hip:{name} -->" for name in TOOLS))
            out.extend(["", m["indent"] + self.md.htmlStash.store(render(m["name"])), ""])
        return out


class ToolsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"docs_dir": ["docs", "folder holding the site's Markdown"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        source.watch(md, Path(self.getConfig("docs_dir")), SHORTCODE)
        # Like the video block: after snippets, before raw HTML (20) would keep the comment.
        md.preprocessors.register(ToolPreprocessor(md), "hip_tools", 28)


def makeExtension(**kwargs) -> ToolsExtension:
    return ToolsExtension(**kwargs)
