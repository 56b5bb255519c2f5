"""Zensical, the successor engine, builds the same site as MkDocs.

The comparison is generic: whatever the MkDocs build shows (pages, tabbed
steps, every `hip-` component, every script and stylesheet of our own), the
Zensical build must show too, so new components are covered without
editing this file. `make test` runs `make zensical` first.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SITE, load_config

ZENSICAL_SITE = ROOT / "site-zensical"
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
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


def test_video_urls_resolve_under_zensical(tmp_path: Path) -> None:
    """A video block on a page gets page-relative URLs that point at the copied files."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        "site", "site-*", ".venv*", "node_modules", ".cache", ".git", "tests", "__pycache__"))
    media = project / "docs" / "assets" / "media"
    media.mkdir(parents=True, exist_ok=True)
    for name in ("zz-test.mp4", "zz-test.jpg", "zz-test.en.vtt"):
        (media / name).write_bytes(b"test")
    with (project / "docs" / "sequence-1.md").open("a", encoding="utf-8") as page:
        page.write("\n```video\ntitle: Test clip\nsrc: assets/media/zz-test.mp4\nposter: assets/media/zz-test.jpg\n"
                   "captions: assets/media/zz-test.en.vtt\n```\n")
    result = subprocess.run([str(ZENSICAL), "build", "--clean", "--strict", "--config-file", "zensical.yml"],
                            cwd=project, capture_output=True, text=True, env={"PYTHONPATH": str(project)})
    assert result.returncode == 0, result.stdout + result.stderr
    built = project / "site-zensical" / "sequence-1" / "index.html"
    video = read(built).select_one(".hip-video video")
    assert video is not None
    urls = [video["poster"]] + [t["src"] for t in video.select("source, track")]
    assert len(urls) == 3
    for url in urls:
        assert url.startswith("../assets/media/zz-test"), url
        assert (built.parent / url).resolve().is_file(), f"{url} does not resolve from sequence-1/"
