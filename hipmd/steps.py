"""Step lists: the one place that decides what a step is.

A step list is the numbered list at the top level of a content tab
(``=== "Standing"`` followed by ``1. ...``). This extension marks what it
finds, so nothing downstream has to walk the page its own way:

- each tab's block carries its label: ``<div class="tabbed-block" data-hip-tab="Standing">``
  (the printed handout shows every variant under its name);
- the list is ``<ol class="hip-steps">`` and each step's own words sit in
  ``<span class="hip-step">``, so a control added to a step never mixes
  with its text;
- before each tab set that holds steps, a "Start workout" button (plain
  HTML; the page scripts load workout mode on the first tap).

The post-build, the tests and the page scripts all read these marks.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from pathlib import Path

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .page import current_page
from .words import words

BLOCK_TAGS = {"p", "ul", "ol", "div", "pre", "table", "blockquote", "figure", "details", "dl", "hr"}


def has_class(el: etree.Element, name: str) -> bool:
    return name in (el.get("class") or "").split()


def text_of(el: etree.Element) -> str:
    return " ".join("".join(el.itertext()).split())


class MarkSteps(Treeprocessor):
    def __init__(self, md: Markdown, docs_dir: Path) -> None:
        super().__init__(md)
        self.docs_dir = docs_dir

    def run(self, root: etree.Element) -> None:
        page = current_page(self.md, self.docs_dir)
        said = words(self.docs_dir, page.language if page else None)
        for parent in list(root.iter()):
            for index, tabs in reversed(list(enumerate(parent))):
                if tabs.tag == "div" and has_class(tabs, "tabbed-set") and self.mark(tabs):
                    parent.insert(index, start_button(said))

    def mark(self, tabs: etree.Element) -> bool:
        """Name each tab's block and mark its step list; True if the set holds steps."""
        labels = next((c for c in tabs if has_class(c, "tabbed-labels")), None)
        content = next((c for c in tabs if has_class(c, "tabbed-content")), None)
        if labels is None or content is None:
            return False
        names = [text_of(label) for label in labels if label.tag == "label"]
        blocks = [b for b in content if has_class(b, "tabbed-block")]
        found = False
        for name, block in zip(names, blocks):
            block.set("data-hip-tab", name)
            steps = next((c for c in block if c.tag == "ol"), None)
            if steps is None:
                continue
            steps.set("class", " ".join(filter(None, [steps.get("class"), "hip-steps"])))
            for item in steps:
                if item.tag == "li":
                    wrap(item)
            found = True
        return found


def wrap(item: etree.Element) -> None:
    """Put the step's own words in <span class="hip-step"> (or mark its paragraph, in a loose list)."""
    if len(item) and item[0].tag == "p" and not (item.text or "").strip():
        item[0].set("class", "hip-step")
        return
    span = etree.Element("span", {"class": "hip-step"})
    span.text, item.text = item.text, None
    for child in list(item):
        if child.tag in BLOCK_TAGS:
            break
        item.remove(child)
        span.append(child)
    item.insert(0, span)


def start_button(said: dict[str, str]) -> etree.Element:
    """The "Start workout" button, in the page's language (hipmd/words.py)."""
    start = etree.Element("div", {"class": "hip-start hip-tool", "data-hip-tool": "workout"})
    button = etree.SubElement(start, "button", {"type": "button", "class": "md-button md-button--primary",
                                                  "data-hip-open": "workout",
                                                  "data-hip-problem": said["workout.problem"]})
    button.text = said["workout.button"]
    etree.SubElement(start, "p").text = said["workout.about"]
    return start


class StepsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"docs_dir": ["docs", "folder holding the site's Markdown"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline markup (20), so tab labels and steps hold their final text.
        md.treeprocessors.register(MarkSteps(md, Path(self.getConfig("docs_dir"))), "hip_steps", 15)


def makeExtension(**kwargs) -> StepsExtension:
    return StepsExtension(**kwargs)
