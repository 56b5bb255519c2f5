"""Offline and installable: the manifest, the service worker's precache list,
and Chromium with the network cut after a first visit.

Browser tests serve a copy of site/ (the update test changes it) and save
the real Sequence #1 clip for offline use. They cut the network twice over: Playwright's offline mode, and a server that hangs up
on every request, so nothing can come from anywhere but the cache.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

import chromium
from conftest import MODEL, PHONE, ROOT, SITE
from sitemodel import UnpluggableHandler as Unplugged, serve

PAGES = [page.url for page in MODEL.pages]
CLIP_PAGE = next(page.url for page in MODEL.sequences if page.video_blocks)


def precached(site: Path) -> set[str]:
    return set(re.findall(r'"url":"([^"]+)"', (site / "sw.js").read_text(encoding="utf-8")))


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


# The built site (no browser)

def test_manifest_makes_an_installable_app(built_site: Path) -> None:
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Side Hip Strength" and manifest["short_name"]
    assert manifest["display"] == "standalone"
    # Relative, so the app works under the GitHub Pages sub-path.
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["theme_color"] == "#0b5563"
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    for (sizes, _), src in icons.items():
        assert "%dx%d" % png_size(built_site / src) == sizes


def test_every_page_links_the_manifest(built_site: Path, config) -> None:
    site_url = config.site_url
    for path in built_site.rglob("*.html"):
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        link = head.find("link", rel="manifest")
        url = urljoin(site_url + path.relative_to(built_site).as_posix(), link["href"])
        assert url == site_url + "manifest.webmanifest", path
        assert head.find("meta", attrs={"name": "theme-color"})["content"] == "#0b5563"


def test_precache_holds_the_site_but_no_video(built_site: Path) -> None:
    """Each language's worker (sw.js at its root) precaches that language's pages, and no other's."""
    urls = precached(built_site)
    for language in MODEL.languages:
        own = precached(built_site / language.folder)
        for path in (built_site / language.folder).rglob("*.html"):
            name = path.relative_to(built_site).as_posix()
            theirs = next((other for other in MODEL.languages[1:] if name.startswith(other.folder)), MODEL.languages[0])
            assert (name.removeprefix(language.folder) in own) == (theirs is language), (language.code, name)
    assert {"search/search_index.json", "manifest.webmanifest", "sitemap.xml",
            "assets/images/icon-192.png"} <= urls
    assert any(re.match(r"assets/javascripts/workers/search\.\w+\.min\.js$", url) for url in urls)
    assert not [url for url in urls if re.search(r"\.(mp4|webm|map)$|/lunr/", url)]


# Chromium

def copy_site(dest: Path) -> Path:
    shutil.copytree(SITE, dest)
    return dest


def postbuild(site: Path) -> None:
    subprocess.run(["bash", str(ROOT / "tools" / "postbuild.sh"), str(site)], check=True, capture_output=True)


@pytest.fixture
def served(tmp_path: Path, config) -> Iterator[tuple[str, type[Unplugged], Path]]:
    site = copy_site(tmp_path / "site")
    Unplugged.down = False
    with serve(site, config.sub_path, handler=Unplugged) as url:
        yield url, Unplugged, site
    Unplugged.down = False


def controlled(page) -> None:
    """Wait until the service worker has precached everything and controls the page."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30000)


def test_site_works_offline_after_a_first_visit(browser, served) -> None:
    base, server, _ = served
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base)
    controlled(page)

    # Save the clip: the one format this browser plays, its size shown first.
    page.goto(base + CLIP_PAGE)
    button = page.locator(".hip-offline__button")
    page.wait_for_function("/Save for offline \\(\\d+ kB\\)/.test(document.querySelector('.hip-offline__button')?.textContent)")
    assert page.locator("video").evaluate("v => v.canPlayType('video/webm; codecs=vp9')") == "probably"
    button.click()
    page.locator(".hip-offline__status", has_text="Saved for offline").wait_for()

    server.down = True
    context.set_offline(True)
    for url in PAGES:
        response = page.goto(base + url)
        assert response.ok, url
        assert page.locator("h1").first.is_visible(), url
        assert page.locator("aside.hip-notice").is_visible(), url
    page.goto(base + "no-such-page/")
    assert page.locator("h1").first.inner_text() == "This page isn't here"  # the precached 404 page

    # Search finds a step with no network (index and worker come from the cache).
    page.goto(base)
    page.keyboard.press("/")
    page.keyboard.type("heels", delay=30)  # Material searches on key presses
    result = page.locator(".md-search-result__item", has_text="heels").first
    result.wait_for()
    assert "Sequence" in result.inner_text()

    # The saved clip plays, served from the cache with byte ranges.
    page.goto(base + CLIP_PAGE)
    page.locator(".hip-offline__status", has_text="Saved for offline").wait_for()  # loads after the first paint
    page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("document.querySelector('video').currentTime > 0.5", timeout=20000)
    assert errors == []
    context.close()


class Expired(Unplugged):
    """Every response is stale at once: the site as it is offline once GitHub Pages' 10 minutes are over
    and only the service worker holds it."""

    max_age = 0
    down = False


@pytest.mark.parametrize("language", MODEL.languages, ids=lambda language: language.code)
def test_search_works_offline_in_each_language_once_the_http_cache_has_expired(browser, config, language) -> None:
    """Search needs its worker and, in a translation, its stemmer: a worker is served by the service
    worker whose scope holds its own address, so each language's is in that language's folder and
    precached by its worker. Offline, with nothing left in the HTTP cache, a word of a step is found."""
    sequence = next(page for page in MODEL.all_pages if page.lang == language and page.english.is_sequence)
    word = max(re.findall(r"\w+", sequence.source_steps[0].texts[0]), key=len)
    with serve(SITE, config.sub_path, handler=Expired) as base:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(base + language.folder)
        controlled(page)
        Expired.down = True
        context.set_offline(True)
        try:
            assert page.goto(base + language.folder).ok
            page.keyboard.press("/")
            page.keyboard.type(word, delay=30)
            page.locator(".md-search-result__item", has_text=word).first.wait_for()
        finally:
            Expired.down = False
        context.close()


def test_a_new_deploy_is_offered_and_taken(browser, served, artifacts) -> None:
    base, _, site = served
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + "sequence-2/")
    controlled(page)
    css = "fetch('../assets/stylesheets/site.css').then(r => r.text())"
    assert "hip-deploy-2" not in page.evaluate(css)

    # Deploy: a changed page and a changed asset, post-build run again.
    page_file = site / "sequence-2" / "index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(
        "</h1>", '</h1><p id="hip-deploy-2">Changed in the second deploy.</p>', 1), encoding="utf-8")
    with (site / "assets" / "stylesheets" / "site.css").open("a", encoding="utf-8") as f:
        f.write("#hip-deploy-2{color:red}\n")
    postbuild(site)

    page.reload()  # a visit makes the browser look for a new service worker
    bar = page.locator(".hip-update")
    bar.wait_for(timeout=30000)
    assert bar.inner_text().startswith("Update available")
    page.screenshot(path=artifacts / "update-available-360.png")
    assert "hip-deploy-2" not in page.evaluate(css)  # still the old, consistent set
    with page.expect_navigation():
        bar.get_by_role("button", name="Reload").click()
    assert page.locator("#hip-deploy-2").is_visible()
    assert "hip-deploy-2" in page.evaluate(css)
    assert page.locator(".hip-update").count() == 0
    context.close()


def test_chromium_finds_the_site_installable(playwright, base_url, tmp_path) -> None:
    # A profile on disk: Chromium never offers to install from an incognito one.
    context = chromium.launch_persistent(playwright, tmp_path / "profile", viewport=PHONE)
    page = context.pages[0]
    page.goto(base_url)
    controlled(page)
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [] and manifest["url"].endswith("/side-hip-strength/manifest.webmanifest")
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    context.close()
