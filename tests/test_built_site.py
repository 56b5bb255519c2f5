"""Checks of the built HTML in site/: pages, steps, notice, no other hosts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import html_path, nav_pages, page_url
from source_steps import SEQUENCE_1, SEQUENCE_1_SEATED_FIRST, SEQUENCE_2


def read(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def step_lists(page: BeautifulSoup) -> dict[str, list[str]]:
    """Tab label -> texts of the ordered list in that tab."""
    found = {}
    for tabs in page.select(".tabbed-set"):
        labels = [label.get_text(strip=True) for label in tabs.select(".tabbed-labels > label")]
        for label, block in zip(labels, tabs.select(".tabbed-content > .tabbed-block")):
            ol = block.find("ol", recursive=False)
            if ol:
                found[label] = [" ".join(li.get_text(" ", strip=True).split()) for li in ol.find_all("li", recursive=False)]
    return found


def assert_steps(steps: list[str], expected: list[tuple[str, ...]]) -> None:
    assert len(steps) == len(expected), steps
    for number, (text, terms) in enumerate(zip(steps, expected), start=1):
        for term in terms:
            assert term in text.lower(), f"step {number} ({text!r}) lacks {term!r}"


def test_every_nav_page_and_the_404_page_is_built(built_site: Path) -> None:
    for src in nav_pages():
        assert html_path(src).is_file(), f"{src} was not built"
    assert (built_site / "404.html").is_file()
    assert (built_site / "sitemap.xml").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


def test_sequence_1_standing_and_seated_steps_in_order(built_site: Path) -> None:
    lists = step_lists(read(html_path("sequence-1.md")))
    assert list(lists) == ["Standing", "Seated"]
    assert_steps(lists["Standing"], SEQUENCE_1)
    assert_steps(lists["Seated"], [SEQUENCE_1_SEATED_FIRST, *SEQUENCE_1[1:]])


def test_sequence_2_steps_tab_comes_first_and_open(built_site: Path) -> None:
    page = read(html_path("sequence-2.md"))
    tabs = page.select_one(".tabbed-set")
    first_label = tabs.select_one(".tabbed-labels > label").get_text(strip=True)
    assert first_label == "Steps"
    assert tabs.find("input")["checked"] is not None
    assert_steps(step_lists(page)["Steps"], SEQUENCE_2)


def test_all_eleven_source_steps_are_present(built_site: Path) -> None:
    seq1 = step_lists(read(html_path("sequence-1.md")))["Standing"]
    seq2 = step_lists(read(html_path("sequence-2.md")))["Steps"]
    assert len(seq1) + len(seq2) == 11


@pytest.mark.parametrize("src", ["sequence-1.md", "sequence-2.md"])
def test_stop_rules_on_sequence_pages_before_the_steps(built_site: Path, src: str) -> None:
    page = read(html_path(src))
    rules = page.select_one(".admonition.danger")
    assert rules is not None and "Stop rules" in rules.get_text()
    text = rules.get_text(" ", strip=True)
    for phrase in ("causes pain", "chest pain", "dizzy", "sturdy"):
        assert phrase in text
    assert rules.find_next("div", class_="tabbed-set") is not None, "stop rules must come before the steps"


def test_disclaimer_notice_links_to_disclaimer_on_every_page(built_site: Path, config: dict) -> None:
    site_path = urlsplit(config["site_url"]).path
    for path in all_html(built_site):
        notice = read(path).select_one("aside.hip-notice")
        assert notice is not None, f"{path} has no health notice"
        href = notice.a["href"]
        here = site_path + str(path.parent.relative_to(built_site)).replace(".", "") + "/"
        if path.name == "404.html":
            here = site_path  # served from any address, so its links are absolute
        assert urljoin(urljoin("http://x", here), href) == f"http://x{site_path}disclaimer/", f"{path}: {href}"


def test_disclaimer_page_has_every_element(built_site: Path) -> None:
    text = read(html_path("disclaimer.md")).get_text(" ", strip=True)
    for phrase in (
        "not medical advice", "diagnosis", "physiotherapist", "heart condition", "recent surgery",
        "pregnancy", "joint problems", "balance problems", "causes pain", "chest pain",
        "breathlessness", "faint", "sturdy", "flat shoes", "Don't put off", "own risk", "Last reviewed",
    ):
        assert phrase in text, phrase


def test_every_page_shows_when_it_was_last_reviewed(built_site: Path) -> None:
    for src in nav_pages():
        assert read(html_path(src)).select_one(".hip-reviewed time[datetime]"), src


def test_every_page_has_a_description(built_site: Path) -> None:
    for src in nav_pages():
        meta = read(html_path(src)).find("meta", attrs={"name": "description"})
        assert meta and len(meta["content"]) > 40, src


URL_ATTRS = {"src", "href", "poster", "srcset", "data", "action"}
REPO_HOST = "github.com"  # edit links and the repository link: followed on a tap, never loaded


def test_no_asset_or_link_points_at_another_host(built_site: Path, config: dict) -> None:
    own_host = urlsplit(config["site_url"]).netloc  # canonical URLs name the site itself
    offenders = []
    for path in all_html(built_site):
        page = read(path)
        for tag in page.find_all(True):
            for attr in URL_ATTRS & set(tag.attrs):
                for url in re.split(r",\s*", tag[attr]) if attr == "srcset" else [tag[attr]]:
                    host = urlsplit(url.split(" ")[0]).netloc
                    if host and host != own_host and not (tag.name == "a" and host == REPO_HOST):
                        offenders.append(f"{path.relative_to(built_site)}: <{tag.name} {attr}={url}>")
        for style in page.find_all("style"):
            offenders += [f"{path}: {u}" for u in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]+", style.get_text())]
    for css in built_site.rglob("*.css"):
        offenders += [f"{css}: {u}" for u in re.findall(r"(?:url\(|@import)\s*['\"]?(?:https?:)?//[^)'\"]+", css.read_text())]
    assert offenders == []


def test_pages_use_the_system_font_stack(built_site: Path) -> None:
    for path in all_html(built_site):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8"), path


def test_every_page_is_in_the_sitemap(built_site: Path, config: dict) -> None:
    sitemap = (built_site / "sitemap.xml").read_text()
    for src in nav_pages():
        assert f"<loc>{config['site_url']}{page_url(src)}</loc>" in sitemap, src
