"""Sharing and search engines, checked in the built HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from conftest import html_path, nav_pages, page_url
from test_built_site import read, step_lists


@pytest.mark.parametrize("src", nav_pages())
def test_page_has_description_canonical_and_share_cards(built_site: Path, config: dict, src: str) -> None:
    page = read(html_path(src))
    url = config["site_url"] + page_url(src)

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
    assert image == meta(name="twitter:image") and image.startswith(config["site_url"])
    with Image.open(built_site / image.removeprefix(config["site_url"])) as png:
        assert (png.format, png.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize("src", nav_pages())
def test_page_has_json_ld(config: dict, src: str) -> None:
    page = read(html_path(src))
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@context"] == "https://schema.org"
    assert data["url"] == config["site_url"] + page_url(src)
    steps = step_lists(page)
    if not steps:
        assert data["@type"] == "WebPage"
        return
    assert data["@type"] == "HowTo"
    sections = data["step"] if data["step"][0]["@type"] == "HowToSection" else [{"name": next(iter(steps)), "itemListElement": data["step"]}]
    assert {s["name"]: [i["text"] for i in s["itemListElement"]] for s in sections} == steps


def test_sitemap_lists_every_page_and_robots_points_to_it(built_site: Path, config: dict) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for src in nav_pages():
        assert f"<loc>{config['site_url']}{page_url(src)}</loc>" in sitemap
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {config['site_url']}sitemap.xml" in robots.splitlines()
