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
from .page import current_page
from .words import words


@dataclass(frozen=True)
class Tool:
    """A button that opens a full-screen tool (loaded on the first tap). Its words, in the
    page's language (hipmd/words.py): <name>.button, <name>.about (one line under it) and
    <name>.problem (said in place when its code cannot load; the tool's own words come with
    that code)."""

    def html(self, name: str, said: dict[str, str]) -> str:
        return (f'<div class="hip-tool" data-hip-tool="{name}">'
                f'<button type="button" class="md-button" data-hip-open="{name}" '
                f'data-hip-problem="{html.escape(said[f"{name}.problem"])}">{html.escape(said[f"{name}.button"])}</button>'
                f"<p>{html.escape(said[f'{name}.about'])}</p></div>")


@dataclass(frozen=True)
class Panel:
    """A block the page scripts fill in where it is (main.js loads its code only on such a page).
    <name>.fallback is shown where the page scripts do not run."""

    def html(self, name: str, said: dict[str, str]) -> str:
        return (f'<div class="hip-panel hip-{name}" data-hip-panel="{name}">'
                f'<p class="hip-panel__fallback">{html.escape(said[f"{name}.fallback"])}</p></div>')


TOOLS: dict[str, Tool | Panel] = {"coach": Tool(), "meter": Tool(), "log": Panel(), "reminder": Panel()}
SHORTCODE = re.compile(r"^(?P<indent> *)<!--\s*hip:(?P<name>[\w-]*)\s*-->\s*$")


def render(name: str, said: dict[str, str]) -> str:
    return TOOLS[name].html(name, said)


class ToolPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, docs_dir: Path) -> None:
        super().__init__(md)
        self.docs_dir = docs_dir

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
            page = current_page(self.md, self.docs_dir)
            said = words(self.docs_dir, page.language if page else None)
            out.extend(["", m["indent"] + self.md.htmlStash.store(render(m["name"], said)), ""])
        return out


class ToolsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"docs_dir": ["docs", "folder holding the site's Markdown"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        docs_dir = Path(self.getConfig("docs_dir"))
        source.watch(md, docs_dir, SHORTCODE)
        # Like the video block: after snippets, before raw HTML (20) would keep the comment.
        md.preprocessors.register(ToolPreprocessor(md, docs_dir), "hip_tools", 28)


def makeExtension(**kwargs) -> ToolsExtension:
    return ToolsExtension(**kwargs)
