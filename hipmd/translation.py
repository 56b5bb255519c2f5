"""Translated pages: a notice of what they are, and of an English page that has moved on.

A page in a language's folder (docs/es/sequence-2.md) translates the page of
the same name in docs/. Its front matter says which version of the English
page it was made from, and whether someone qualified has reviewed it:

    translation:
      source: 4f0c2a9e51b7   # the English page's hash when translated (make lint prints it)
      reviewed_by: ""        # a reviewer's name and qualification, set in their pull request
      reviewed_on:           # the date of that review (YYYY-MM-DD)

Below the page's heading the component writes the translation notice:
translated from English by the project's contributors, with a link to the
English page, and reviewed or not. When the English page's hash is no
longer `source`, a second line says that the English page has changed,
linked. Its words are the language's (hipmd/words.py). Both engines run it,
as it is a Markdown extension.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from pathlib import Path

import yaml
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .page import current_page
from .words import words

HEADING = re.compile(r"^# \S")


def front_matter(text: str) -> tuple[dict, str]:
    """A Markdown file's front matter (empty if none or unreadable) and its body."""
    m = re.match(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", text, re.DOTALL)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m[1] or "") or {}
    except yaml.YAMLError:
        data = {}
    return (data if isinstance(data, dict) else {}), text[m.end():]


def source_hash(english: Path) -> str:
    """The English page's version: a hash of its title, description and text (its steps
    included), with spacing ignored, so only a change in words makes translations stale."""
    meta, body = front_matter(english.read_text(encoding="utf-8"))
    words_only = " ".join(f"{meta.get('title', '')}\n{meta.get('description', '')}\n{body}".split())
    return hashlib.sha256(words_only.encode()).hexdigest()[:12]


def english_of(src_uri: str, language: str) -> str:
    """The English page a translated page translates: es/sequence-2.md -> sequence-2.md."""
    return src_uri.removeprefix(f"{language}/")


def _page_url(src: str) -> str:
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else f"{stem}/"


class TranslationNotice(Preprocessor):
    def __init__(self, md: Markdown, docs_dir: Path) -> None:
        super().__init__(md)
        self.docs_dir = docs_dir

    def run(self, lines: list[str]) -> list[str]:
        page = current_page(self.md, self.docs_dir)
        if page is None or page.language is None:
            return lines
        english = self.docs_dir / english_of(page.src_uri, page.language)
        if not english.is_file():
            return lines  # no English page (make lint says so)
        meta, _ = front_matter((self.docs_dir / page.src_uri).read_text(encoding="utf-8"))
        notice = self.notice(meta.get("translation") or {}, source_hash(english),
                             posixpath.relpath(_page_url(english_of(page.src_uri, page.language)) or ".",
                                               page.url.rstrip("/") or ".") + "/",
                             words(self.docs_dir, page.language))
        at = next((i + 1 for i, line in enumerate(lines) if HEADING.match(line)), 0)
        return [*lines[:at], "", self.md.htmlStash.store(notice), "", *lines[at:]]

    @staticmethod
    def notice(translation: dict, current: str, english_url: str, said: dict[str, str]) -> str:
        link = (f'<a href="{html.escape(english_url, quote=True)}" hreflang="en">'
                f'{html.escape(said["translation.english"])}</a>')
        reviewer, date = translation.get("reviewed_by"), translation.get("reviewed_on")
        review = (said["translation.reviewed"].format(reviewer=reviewer, date=date) if reviewer and date
                  else said["translation.unreviewed"])
        parts = [f'<aside class="hip-translation" aria-label="{html.escape(said["translation.label"], quote=True)}">',
                 f'<p>{html.escape(said["translation.made"])} {html.escape(review)} {link}</p>']
        if str(translation.get("source", "")) != current:
            stale = (f'<a href="{html.escape(english_url, quote=True)}" hreflang="en">'
                     f'{html.escape(said["translation.stale.link"])}</a>')
            parts.append(f'<p class="hip-translation__stale">{html.escape(said["translation.stale"])} {stale}</p>')
        return "".join(parts) + "</aside>"


class TranslationExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"docs_dir": ["docs", "folder holding the site's Markdown (every language's folder is in it)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the line stamps (33), snippets (32) and whitespace normalising (30, which would strip
        # the stash's markers), so the lines it adds shift no line number; before raw HTML (20).
        md.preprocessors.register(TranslationNotice(md, Path(self.getConfig("docs_dir"))), "hip_translation", 27)


def makeExtension(**kwargs) -> TranslationExtension:
    return TranslationExtension(**kwargs)
