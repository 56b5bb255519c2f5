"""Which page is being rendered, under either engine.

Python-Markdown does not know the page; each engine leaves it somewhere on
the Markdown instance. Keeping both look-ups here isolates the engine
details from the components.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown


@dataclass(frozen=True)
class PageContext:
    src_uri: str  # path of the Markdown file inside docs/, e.g. "sequence-1.md"
    url: str  # URL of the page relative to the site root, e.g. "sequence-1/"
    # Zensical rewrites src and href attributes in the finished HTML as if they
    # were written relative to the Markdown file; MkDocs leaves raw HTML alone.
    engine_rewrites_links: bool = False

    def url_for(self, docs_path: str) -> str:
        """URL of a file in docs/ as seen from this page (relative, so sub-paths work)."""
        base = self.url if self.url.endswith("/") else posixpath.dirname(self.url) + "/"
        return posixpath.relpath(docs_path, base.rstrip("/") or ".")

    def link_for(self, docs_path: str) -> str:
        """Value for a src/href attribute: what the engine turns into url_for(docs_path)."""
        if self.engine_rewrites_links:
            return posixpath.relpath(docs_path, posixpath.dirname(self.src_uri) or ".")
        return self.url_for(docs_path)

    def resolve(self, path: str) -> str:
        """Path in docs/ of a file written relative to the Markdown file."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), path))


def current_page(md: Markdown) -> PageContext | None:
    if "relpath" in md.treeprocessors:  # MkDocs registers the page's File here.
        file = md.treeprocessors["relpath"].file
        return PageContext(file.src_uri, file.url)
    if "rendering_context" in md.preprocessors:  # Zensical's context extension.
        page = md.preprocessors["rendering_context"].page
        return PageContext(_docs_relative(page.path), page.url.lstrip("/"), engine_rewrites_links=True)
    return None


def _docs_relative(path: str) -> str:
    parts = Path(path).parts
    return posixpath.join(*parts[parts.index("docs") + 1 :]) if "docs" in parts else path
