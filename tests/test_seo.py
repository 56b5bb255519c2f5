"""Sharing and search engines, checked in the built HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from conftest import MODEL

PAGES = [page.src for page in MODEL.pages]


@pytest.mark.parametrize("src", PAGES)
def test_page_has_description_canonical_and_share_cards(built_site: Path, config, src: str) -> None:
    page = MODEL.page(src).built(built_site)
    url = config.site_url + MODEL.page(src).url

    def meta(**attrs) -> str:
        tag = page.find("meta", attrs=attrs)
        assert tag is not None and tag["content"].strip(), f"{src}: no {attrs}"
        return tag["content"]

    front = page.find("meta", attrs={"name": "description"})["content"]
    assert len(front) > 50
    assert page.find("link", rel="canonical")["href"] == url
    assert meta(property="og:url") == url
    assert meta(property="og:description") == meta(name="twitter:description") == front
    assert meta(property="og:title") == meta(name="twitter:title")
    assert meta(name="twitter:card") == "summary_large_image"
    image = meta(property="og:image")
    assert image == meta(name="twitter:image") and image.startswith(config.site_url)
    with Image.open(built_site / image.removeprefix(config.site_url)) as png:
        assert (png.format, png.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize("src", PAGES)
def test_page_has_json_ld(built_site: Path, config, src: str) -> None:
    """The structured data says what the Markdown says: a HowTo with each tab's steps, in order."""
    page = MODEL.page(src)
    # A browser reads the encoding from the first 1024 bytes only: the JSON-LD comes after it.
    assert b"<meta charset" in page.html(built_site).read_bytes()[:1024]
    data = json.loads(page.built(built_site).find("script", type="application/ld+json").string)
    assert data["@context"] == "https://schema.org"
    assert data["url"] == config.site_url + page.url
    assert data["name"] and data["description"]
    source = page.source_steps  # read from the Markdown, not from the built page
    if not source:
        assert data["@type"] == "WebPage"
        return
    assert data["@type"] == "HowTo"
    if len(source) == 1:
        sections = [{"@type": "HowToSection", "name": source[0].label, "itemListElement": data["step"]}]
    else:
        sections = data["step"]
    assert [s["@type"] for s in sections] == ["HowToSection"] * len(source)
    assert [(s["name"], [(i["@type"], i["position"], i["text"]) for i in s["itemListElement"]]) for s in sections] \
        == [(steps.label, [("HowToStep", n, text) for n, text in enumerate(steps.texts, start=1)]) for steps in source]


def test_sitemap_lists_every_page_and_robots_points_to_it(built_site: Path, config) -> None:
    """Each language's sitemap.xml (what instant navigation reads) lists its pages; robots.txt names the
    sitemap for search engines, which lists every page of every language (tests/test_languages.py
    checks its hreflang links)."""
    for language in MODEL.languages:
        sitemap = (built_site / language.folder / "sitemap.xml").read_text(encoding="utf-8")
        for page in (page for page in MODEL.all_pages if page.lang == language):
            assert f"<loc>{config.site_url}{page.url}</loc>" in sitemap, page.src
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {config.site_url}sitemap-languages.xml" in robots.splitlines()
    everything = (built_site / "sitemap-languages.xml").read_text(encoding="utf-8")
    for page in MODEL.all_pages:
        assert f"<loc>{config.site_url}{page.url}</loc>" in everything, page.src
