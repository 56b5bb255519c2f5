"""Zensical, the successor engine, builds the same site as MkDocs.

The comparison is generic: whatever the MkDocs build shows (pages, tabbed
steps, every `hip-` component, every script and stylesheet of our own), the
Zensical build must show too, so new components are covered without
editing this file. `make test` runs `make zensical` first.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import MODEL, PHONE, ROOT, SITE
from sitemodel import serve, steps_in_html

ZENSICAL_SITE = ROOT / "site-zensical"
# Our scripts and stylesheets; the theme's carry a content hash (main.1a2b3c4d.min.css).
OWN_ASSET = re.compile(r"assets/(javascripts|stylesheets)/(?![^/]*\.[0-9a-f]{8}\.min\.)[^/]+\.(js|css)$")


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts}


def read(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def hip_classes(page: BeautifulSoup) -> set[str]:
    return {c for tag in page.find_all(class_=True) for c in tag["class"] if c.startswith("hip-")}


def own_assets(page: BeautifulSoup) -> set[str]:
    urls = [t.get("src") for t in page.find_all("script")] + [t.get("href") for t in page.find_all("link")]
    return {posixpath.basename(urlsplit(u).path) for u in urls if u and OWN_ASSET.search(urlsplit(u).path)}


def tabbed_steps(page: BeautifulSoup) -> list[tuple[str, list[str]]]:
    return [(steps.label, steps.texts) for steps in steps_in_html(page)]


@pytest.fixture(scope="module")
def both() -> tuple[Path, Path]:
    for site, make in ((SITE, "make build"), (ZENSICAL_SITE, "make zensical")):
        if not (site / "index.html").is_file():
            pytest.fail(f"{site.name}/ is not built: run '{make}' (make test does both)")
    return SITE, ZENSICAL_SITE


def test_same_pages(both: tuple[Path, Path]) -> None:
    mkdocs, zensical = both
    assert pages(mkdocs) == pages(zensical)
    assert {page.url + "index.html" for page in MODEL.all_pages} <= pages(zensical)  # every language's pages


def test_every_component_of_the_mkdocs_build_is_in_the_zensical_build(both: tuple[Path, Path]) -> None:
    mkdocs, zensical = both
    checked = set()
    for name in sorted(pages(mkdocs)):
        ours, theirs = read(mkdocs / name), read(zensical / name)
        missing = hip_classes(ours) - hip_classes(theirs)
        assert not missing, f"{name}: Zensical lacks {sorted(missing)}"
        missing_assets = own_assets(ours) - own_assets(theirs)
        assert not missing_assets, f"{name}: Zensical does not load {sorted(missing_assets)}"
        checked |= hip_classes(ours)
    assert "hip-notice" in checked  # the comparison really saw our components


def test_health_notice_on_every_page_of_both(both: tuple[Path, Path]) -> None:
    for site in both:
        for name in pages(site):
            notice = read(site / name).select_one(".hip-notice a")
            assert notice is not None, f"{site.name}/{name} has no health notice"
            href = notice["href"]
            if href.startswith("/"):  # the 404 page links from the site root (site_url's path)
                href = posixpath.relpath(href, MODEL.config.sub_path)
                target = posixpath.normpath(href)
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href))
            assert (site / target / "index.html").is_file() or (site / target).is_file(), \
                f"{site.name}/{name}: the notice links to {notice['href']}, which is not built"


def test_tabbed_steps_match(both: tuple[Path, Path]) -> None:
    mkdocs, zensical = both
    seen = 0
    for name in sorted(pages(mkdocs)):
        ours = tabbed_steps(read(mkdocs / name))
        assert tabbed_steps(read(zensical / name)) == ours, name
        seen += len(ours)
    assert seen == sum(len(page.source_steps) for page in MODEL.all_pages)


def test_video_urls_resolve_in_both_builds(both: tuple[Path, Path]) -> None:
    """Zensical rewrites URLs after rendering; every clip, poster and track must still be found."""
    videos = 0
    for site in both:
        for name in sorted(pages(site)):
            for video in read(site / name).select(".hip-video video"):
                videos += 1
                urls = [video["poster"]] + [t["src"] for t in video.select("source, track")]
                for url in urls:
                    assert (site / posixpath.dirname(name) / url).resolve().is_file(), f"{site.name}/{name}: {url}"
    assert videos == 2 * sum(page.video_blocks for page in MODEL.all_pages)  # every video block, in each build


def test_workout_button_and_clip_work_in_the_zensical_build(browser, both) -> None:
    """The JavaScript parts run on Zensical's pages too: workout mode opens, the clip has its step buttons."""
    _, zensical = both
    page = next(p for p in MODEL.sequences if p.video_blocks)
    steps = page.source_steps[0]
    with serve(zensical) as base:
        context = browser.new_context(viewport=PHONE)
        try:
            tab = context.new_page()
            tab.goto(base + page.url)
            assert tab.locator(".tabbed-block:visible > ol.hip-steps > li").count() == len(steps.steps)
            tab.get_by_role("button", name="Play step 1").first.wait_for()  # loaded where a chaptered clip is
            tab.get_by_role("button", name="Start workout").click()
            view = tab.get_by_role("dialog")
            view.get_by_text(f"Step 1 of {len(steps.steps)}", exact=True).wait_for()  # loaded on the tap
            assert view.locator(".hip-workout__text").inner_text() == steps.texts[0]
        finally:
            context.close()
