"""Which page is being rendered, under either engine, and in which language.

Python-Markdown does not know the page; each engine leaves it somewhere on
the Markdown instance. Keeping both look-ups here isolates the engine
details from the components.

A language other than the default lives in a folder of docs/ named after
it (docs/es/), built as a site of its own under that folder's URL (es/),
with its own settings file beside mkdocs.yml (mkdocs.es.yml). Paths and URLs
here are the whole project's: "es/sequence-1.md", "es/sequence-1/".
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown


@dataclass(frozen=True)
class PageContext:
    src_uri: str  # path of the Markdown file inside docs/, e.g. "sequence-1.md" or "es/sequence-1.md"
    url: str  # URL of the page relative to the whole site's root, e.g. "sequence-1/" or "es/sequence-1/"
    # Zensical rewrites src and href attributes in the finished HTML as if they
    # were written relative to the Markdown file; MkDocs leaves raw HTML alone.
    engine_rewrites_links: bool = False
    language: str | None = None  # the language folder ("es"); None for the default language

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


def language_folder(src_uri: str, docs_dir: Path) -> str | None:
    """The language a page in docs/ is written in, if not the default: its folder has a settings file."""
    head, _, rest = src_uri.partition("/")
    return head if rest and (Path(docs_dir).parent / f"mkdocs.{head}.yml").is_file() else None


def current_page(md: Markdown, docs_dir: Path | str = "docs") -> PageContext | None:
    """The page being rendered; docs_dir is the project's docs/ (every language's folder is inside it)."""
    docs = Path(docs_dir).resolve()
    if "relpath" in md.treeprocessors:  # MkDocs registers the page's File here.
        file = md.treeprocessors["relpath"].file
        src_uri = _docs_relative(file.abs_src_path, docs) or file.src_uri
        engine_url = file.url
        rewrites = False
    elif "rendering_context" in md.preprocessors:  # Zensical's context extension.
        page = md.preprocessors["rendering_context"].page
        src_uri = _docs_relative(Path(_zensical_docs_dir(), page.path), docs) or page.path
        engine_url = page.url.lstrip("/")
        rewrites = True
    else:
        return None
    language = language_folder(src_uri, docs)
    # Each language is built as a site of its own: the engine's URL is within its folder.
    url = f"{language}/{engine_url}" if language and not engine_url.startswith(f"{language}/") else engine_url
    return PageContext(src_uri, url, engine_rewrites_links=rewrites, language=language)


def _zensical_docs_dir() -> str:
    """The folder Zensical builds from (a language's own, docs/es/): page paths are relative to it."""
    try:
        from zensical.config import get_config

        return get_config()["docs_dir"]
    except Exception:  # an older or newer Zensical without it: page paths as they are
        return ""


def _docs_relative(path: str | None, docs: Path) -> str | None:
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(docs).as_posix()
    except ValueError:
        parts = Path(path).parts  # a path relative to the project, as Zensical may give it
        return posixpath.join(*parts[parts.index("docs") + 1 :]) if "docs" in parts else None
