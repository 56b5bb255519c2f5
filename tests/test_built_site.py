"""Checks of the built HTML in site/: pages, steps, notice, no other hosts.

Pages and their steps come from the site model (tools/sitemodel.py); the
source article's steps (tools/source-steps.yml) are the ground truth for the
two sequences it describes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import MODEL, ROOT
from sitemodel import steps_in_html

SEQUENCES = [page.src for page in MODEL.sequences]


def read(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def step_lists(page: BeautifulSoup) -> dict[str, list[str]]:
    """Tab label -> texts of that tab's steps."""
    return {steps.label: steps.texts for steps in steps_in_html(page)}


def test_every_nav_page_and_the_404_page_is_built(built_site: Path) -> None:
    for page in MODEL.pages:
        assert page.html(built_site).is_file(), f"{page.src} was not built"
    assert (built_site / "404.html").is_file()
    assert (built_site / "sitemap.xml").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


def test_the_404_page_leads_to_every_page(built_site: Path) -> None:
    links = {a["href"] for a in read(built_site / "404.html").select("article li a")}
    for page in MODEL.pages:
        assert {MODEL.config.sub_path + page.url, MODEL.config.sub_path + (page.url or ".")} & links, page.src


@pytest.mark.parametrize("src", SEQUENCES)
def test_built_steps_are_the_source_steps(built_site: Path, src: str) -> None:
    """Every step list of the Markdown is on the built page, in order, under its tab's name."""
    page = MODEL.page(src)
    built = steps_in_html(page.built(built_site))
    assert [(s.label, s.texts) for s in built] == [(s.label, s.texts) for s in page.source_steps]
    assert built, f"{src} has no steps"


@pytest.mark.parametrize("src", list(MODEL.source_steps))
def test_every_tab_carries_the_source_articles_steps_in_order(built_site: Path, src: str) -> None:
    expected = MODEL.source_steps[src]
    lists = steps_in_html(MODEL.page(src).built(built_site))
    assert lists, f"{src} has no steps"
    for steps in lists:
        assert len(steps.steps) == len(expected), (steps.label, steps.texts)
        for step, source in zip(steps.steps, expected):
            for term in source.terms(steps.label):
                assert term in step.text.lower(), f"{steps.label} step {step.number} ({step.text!r}) lacks {term!r}"


def test_all_eleven_source_steps_are_on_the_site() -> None:
    assert sum(len(steps) for steps in MODEL.source_steps.values()) == 11
    assert set(MODEL.source_steps) <= {page.src for page in MODEL.sequences}


def test_sequence_1_has_standing_and_seated_tabs(built_site: Path) -> None:
    assert list(step_lists(MODEL.page("sequence-1.md").built(built_site))) == ["Standing", "Seated"]


def test_sequence_2_steps_tab_comes_first_and_open(built_site: Path) -> None:
    page = MODEL.page("sequence-2.md").built(built_site)
    tabs = page.select_one(".tabbed-set")
    first_label = tabs.select_one(".tabbed-labels > label").get_text(strip=True)
    assert first_label == "Steps"
    assert tabs.find("input")["checked"] is not None


@pytest.mark.parametrize("src", SEQUENCES)
def test_stop_rules_on_sequence_pages_before_the_steps(built_site: Path, src: str) -> None:
    page = MODEL.page(src).built(built_site)
    rules = page.select_one(".hip-stop")
    assert rules is not None and "Stop rules" in rules.get_text()
    text = rules.get_text(" ", strip=True)
    for phrase in ("causes pain", "chest pain", "dizzy", "sturdy"):
        assert phrase in text
    assert rules.find_next("div", class_="tabbed-set") is not None, "stop rules must come before the steps"


def says_no_exercise(page) -> bool:
    """The page's front matter says `exercise: false` (make lint then asks it for no stop rules)."""
    text = page.path.read_text(encoding="utf-8")
    return re.search(r"^---\n.*?^exercise: false\b.*?^---$", text, re.MULTILINE | re.DOTALL) is not None


def test_full_stop_rules_wherever_exercises_are(built_site: Path) -> None:
    """Every page shows the full stop rules unless it says it shows no exercise; the anatomy page (its
    feel-the-muscles lift) and the single-leg stance page (deadlifts, walking, jogging) included."""
    with_rules = []
    for page in MODEL.pages:
        if says_no_exercise(page):
            continue
        rules = page.built(built_site).select_one(".hip-stop")
        assert rules is not None, f"{page.src} shows exercises but not the stop rules"
        text = rules.get_text(" ", strip=True)
        for phrase in ("causes pain", "chest pain", "breathlessness", "dizzy", "sturdy", "disclaimer"):
            assert phrase in text, (page.src, phrase)
        with_rules.append(page.src)
    assert {"anatomy.md", "single-leg-stance.md", "sequence-1.md", "sequence-2.md"} <= set(with_rules)


def test_sources_page_lists_each_source_and_when_it_was_checked(built_site: Path) -> None:
    page = MODEL.page("sources.md").built(built_site)
    text = " ".join(page.get_text(" ", strip=True).split())
    for phrase in ("source article", "StatPearls", "NBK557509", "Wikipedia", "Engkananuwat and Kanlayanaphotporn",
                   "Journal of Exercise Rehabilitation", "2023", "JMIR", "Used on:", "last checked",
                   "Last reviewed"):
        assert phrase in text, phrase
    # Each section says which pages rely on it, with a link to them.
    for section in page.select("article h2"):
        following = section.find_next_siblings(["p", "ul"], limit=6)
        assert any(el.select("a[href]") for el in following), section.get_text()


def test_sources_linked_from_the_disclaimer_and_every_footer(built_site: Path, config) -> None:
    site_path = config.sub_path
    want = f"http://x{site_path}sources/"
    disclaimer = MODEL.page("disclaimer.md").built(built_site)
    assert any(urljoin(f"http://x{site_path}disclaimer/", a["href"]) == want for a in disclaimer.select("article a"))
    for path in all_html(built_site):
        footer = read(path).select_one("nav.hip-footer")
        assert footer is not None, f"{path} has no Sources line under its footer"
        here = site_path + str(path.parent.relative_to(built_site)).replace(".", "") + "/"
        if path.name == "404.html":
            here = site_path + folder_of(built_site, path)  # served from any address, so its links are absolute
        want = f"http://x{site_path}{folder_of(built_site, path)}sources/"  # its own language's Sources page
        assert urljoin(urljoin("http://x", here), footer.a["href"]) == want, f"{path}: {footer.a['href']}"


@pytest.mark.parametrize("src", SEQUENCES)
def test_a_start_workout_button_before_every_step_list(built_site: Path, src: str) -> None:
    """Plain HTML from the build, right before its tab set; the page scripts load workout mode on a tap."""
    page = MODEL.page(src).built(built_site)
    for tabs in page.select(".tabbed-set:has(ol.hip-steps)"):
        start = tabs.find_previous_sibling()
        assert start is not None and "hip-tool" in start["class"], src
        assert start.button["data-hip-open"] == "workout" and start.button.get_text() == "Start workout"


def test_disclaimer_notice_links_to_disclaimer_on_every_page(built_site: Path, config) -> None:
    site_path = config.sub_path
    for path in all_html(built_site):
        notice = read(path).select_one("aside.hip-notice")
        assert notice is not None, f"{path} has no health notice"
        href = notice.a["href"]
        here = site_path + str(path.parent.relative_to(built_site)).replace(".", "") + "/"
        folder = folder_of(built_site, path)  # its own language's disclaimer
        if path.name == "404.html":
            here = site_path + folder  # served from any address, so its links are absolute
        assert urljoin(urljoin("http://x", here), href) == f"http://x{site_path}{folder}disclaimer/", f"{path}: {href}"


def folder_of(built_site: Path, path: Path) -> str:
    """The language folder a built page is in ("es/"; "" for English), from the site model."""
    name = path.relative_to(built_site).as_posix()
    return next((language.folder for language in MODEL.languages[1:] if name.startswith(language.folder)), "")


def test_disclaimer_page_has_every_element(built_site: Path) -> None:
    text = MODEL.page("disclaimer.md").built(built_site).get_text(" ", strip=True)
    for phrase in (
        "not medical advice", "diagnosis", "physiotherapist", "heart condition", "recent surgery",
        "pregnancy", "joint problems", "balance problems", "causes pain", "chest pain",
        "breathlessness", "faint", "sturdy", "flat shoes", "Don't put off", "own risk", "Last reviewed",
    ):
        assert phrase in text, phrase


def test_every_page_shows_when_it_was_last_reviewed(built_site: Path) -> None:
    for page in MODEL.pages:
        assert page.built(built_site).select_one(".hip-reviewed time[datetime]"), page.src


def test_every_page_has_a_description(built_site: Path) -> None:
    for page in MODEL.pages:
        meta = page.built(built_site).find("meta", attrs={"name": "description"})
        assert meta and len(meta["content"]) > 40, page.src


URL_ATTRS = {"src", "href", "poster", "srcset", "data", "action"}
REPO_HOST = "github.com"  # edit links and the repository link: followed on a tap, never loaded


def test_no_asset_or_link_points_at_another_host(built_site: Path, config) -> None:
    own_host = urlsplit(config.site_url).netloc  # canonical URLs name the site itself
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


def test_every_page_is_in_the_sitemap(built_site: Path, config) -> None:
    sitemap = (built_site / "sitemap.xml").read_text()
    for page in MODEL.pages:
        assert f"<loc>{config.site_url}{page.url}</loc>" in sitemap, page.src


def test_postbuild_redoes_only_the_page_that_changed(built_site: Path, tmp_path: Path) -> None:
    """Finished pages are cached by content hash: a rebuild with one changed page redoes that page alone."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("coach", "*.webm", "*.mp4"))
    env = {**os.environ, "HIP_BUILD_CACHE": str(tmp_path / "cache")}  # empty: nothing cached yet

    def postbuild() -> int:
        run = subprocess.run([sys.executable, str(ROOT / "tools" / "postbuild.py"), str(site)], env=env,
                             capture_output=True, text=True, check=True)
        return int(re.search(r"(\d+) pages edited", run.stdout)[1])

    pages = len(all_html(site))
    assert postbuild() == pages
    before = {path: path.read_bytes() for path in all_html(site)}
    assert postbuild() == 0
    assert {path: path.read_bytes() for path in all_html(site)} == before  # its own output, unchanged
    changed = MODEL.pages[1].html(site)
    changed.write_text(changed.read_text(encoding="utf-8").replace("</h1>", "</h1><p>A new line.</p>", 1),
                       encoding="utf-8")
    assert postbuild() == 1
    assert "<p>A new line.</p>" in changed.read_text(encoding="utf-8")
