"""The words the components and templates write, in the page's language.

They live with each language's settings, under `extra: hip: words:`:
mkdocs.yml for the default language (English, the reference), and
mkdocs.<lang>.yml for each other language (docs/<lang>/), so a translator
finds every word of the site's frame in one file. A word a language lacks
comes in English.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """The settings may hold MkDocs tags (!ENV, !relative); read them as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=None)
def _words(settings: Path) -> dict[str, str]:
    data = yaml.load(settings.read_text(encoding="utf-8"), Loader=_Loader) or {}
    return dict(((data.get("extra") or {}).get("hip") or {}).get("words") or {})


def words(docs_dir: Path | str, language: str | None) -> dict[str, str]:
    """Every word for a page in `language` (None: the default language)."""
    root = Path(docs_dir).resolve().parent
    if not (root / "mkdocs.yml").is_file():  # Markdown rendered outside a project (unit tests): this one's
        root = Path(__file__).resolve().parent.parent
    found = dict(_words(root / "mkdocs.yml"))
    if language:
        found.update(_words(root / f"mkdocs.{language}.yml"))
    return found
