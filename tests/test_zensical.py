"""Zensical, the successor engine, builds the same site as MkDocs.

The comparison is generic: whatever the MkDocs build shows (pages, tabbed
steps, every `hip-` component, every script and stylesheet of our own), the
Zensical build must show too, so new components are covered without
editing this file. `make test` runs `make zensical` first.
"""

from __future__ import annotations

import functools
import http.server
import posixpath
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SITE, load_config

ZENSICAL_SITE = ROOT / "site-zensical"
OWN_ASSET = re.compile(r"assets/(javascripts|stylesheets)/(?!bundle|main|palette|workers)[^/]+\.(js|css)$")


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts}


def read(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def hip_classes(page: BeautifulSoup) -> set[str]:
    return {c for tag in page.find_all(class_=True) for c in tag["class"] if c.startswith("hip-")}


def own_assets(page: BeautifulSoup) -> set[str]:
    urls = [t.get("src") for t in page.find_all("script")] + [t.get("href") for t in page.find_all("link")]
    return {posixpath.basename(urlsplit(u).path) for u in urls if u and OWN_ASSET.search(urlsplit(u).path)}


def tabbed_steps(page: BeautifulSoup) -> list[list[str]]:
    return [[" ".join(li.get_text(" ", strip=True).split()) for li in ol.find_all("li", recursive=False)]
            for ol in page.select(".tabbed-set .tabbed-block > ol")]


@pytest.fixture(scope="module")
def both() -> tuple[Path, Path]:
    for site, make in ((SITE, "make build"), (ZENSICAL_SITE, "make zensical")):
        if not (site / "index.html").is_file():
            pytest.fail(f"{site.name}/ is not built: run '{make}' (make test does both)")
    return SITE, ZENSICAL_SITE


def test_same_pages(both: tuple[Path, Path]) -> None:
    mkdocs, zensical = both
    assert pages(mkdocs) == pages(zensical)


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
                href = posixpath.relpath(href, urlsplit(load_config()["site_url"]).path)
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
    assert seen >= 3  # Standing, Seated, Steps


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
    assert videos == 4  # one clip per sequence page, in each build


def test_workout_button_and_clip_work_in_the_zensical_build(browser, both) -> None:
    """The JavaScript parts run on Zensical's pages too: workout mode opens, the clip has its step buttons."""
    _, zensical = both
    handler = functools.partial(QuietHandler, directory=str(zensical))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/sequence-1/")
        assert page.locator(".tabbed-block:visible > ol > li").count() == 6
        assert page.get_by_role("button", name="Play step 3").first.is_visible()
        page.get_by_role("button", name="Start workout").click()
        assert page.get_by_role("dialog").get_by_text("Step 1 of 6", exact=True).is_visible()
    finally:
        context.close()
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
