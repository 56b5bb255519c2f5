"""The guide in every language the site model knows (tools/sitemodel.py): each
English page has its translation, with the same tabs and step counts, its
stop rules, the translation notice and hreflang both ways; the language menu
keeps the reader's place, even after instant navigation; and workout mode in a
translation shows its own words and speaks only with an on-device voice in
that language. Nothing here names a language: every language the site model
finds (a mkdocs.<lang>.yml with its docs/<lang>/) is checked the same way.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from conftest import MODEL, phone_context, serve_sitemap_for_this_host

TRANSLATIONS = [page for page in MODEL.all_pages if not page.lang.default]
SEQUENCES = [page for page in TRANSLATIONS if page.english.is_sequence]
SITEMAP, XHTML = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"


def test_every_english_page_has_each_translation() -> None:
    for language in MODEL.languages[1:]:
        have = {page.english.src for page in TRANSLATIONS if page.lang.code == language.code}
        assert have == {page.src for page in MODEL.pages}, language.code


@pytest.mark.parametrize("page", TRANSLATIONS, ids=lambda p: p.name)
def test_a_translation_matches_its_english_page(built_site, page) -> None:
    english, html = page.english, page.built(built_site)
    assert html.find("html")["lang"] == page.lang.code
    # The same tabs, each with as many steps.
    assert [len(s.steps) for s in page.source_steps] == [len(s.steps) for s in english.source_steps]
    assert len(page.source_steps) == len(english.source_steps)
    # Stop rules wherever the English page has them.
    assert bool(html.select(".hip-stop")) == bool(english.built(built_site).select(".hip-stop"))
    # The notice: translated from English, linked, by the contributors, reviewed or not.
    notice = html.select_one("aside.hip-translation")
    assert notice is not None
    words = page.lang.words
    link = notice.find("a", hreflang="en")
    target = (built_site / page.url / link["href"]).resolve()
    assert target == (built_site / english.url).resolve(), link["href"]
    assert words["translation.made"] in notice.get_text(" ")


@pytest.mark.parametrize("page", TRANSLATIONS, ids=lambda p: p.name)
def test_hreflang_both_ways(built_site, page) -> None:
    """The language menu of each page points at the same page in each language, both ways, and each
    language's sitemap lists the page's translations."""
    for one, other in ((page, page.english), (page.english, page)):
        menu = one.built(built_site).select_one(f'a.md-select__link[hreflang="{other.lang.code}"]')
        assert (built_site / one.url / menu["href"]).resolve() == (built_site / other.url).resolve()
        sitemap = ElementTree.parse(built_site / one.lang.folder / "sitemap.xml").getroot()
        url = next(u for u in sitemap.iter(f"{SITEMAP}url") if u.findtext(f"{SITEMAP}loc") == MODEL.config.site_url + one.url)
        links = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        assert links[other.lang.code] == MODEL.config.site_url + other.url, links


@pytest.mark.parametrize("page", SEQUENCES, ids=lambda p: p.name)
def test_switching_language_keeps_your_place_after_instant_navigation(browser, base_url, page) -> None:
    """From the translation's home, an instant navigation to the sequence, then the language menu:
    the same sequence in English (the header is not swapped by instant navigation)."""
    from test_workout import goto_with_instant_navigation

    context = phone_context(browser, service_workers="block")
    tab = context.new_page()
    serve_sitemap_for_this_host(tab, base_url)
    goto_with_instant_navigation(tab, base_url + page.lang.folder)  # once the sitemap is in, links are instant
    tab.locator(f'article a[href$="{page.url.removeprefix(page.lang.folder)}"]').first.click()
    expect(tab).to_have_url(base_url + page.url)
    assert tab.evaluate("window.hipSamePage === true"), "not an instant navigation"
    expect(tab.locator(".md-content h1")).to_have_text(page.built(MODEL.root / "site").find("h1").get_text(strip=True))
    href = tab.locator('a.md-select__link[hreflang="en"]').evaluate("a => a.href")
    assert href == base_url + page.english.url
    context.close()


# Voices as a phone lists them: on the device or not, in this language or not (Android writes es_ES).
def voices(*voices: tuple[str, str, bool]) -> str:
    listed = ", ".join(f'{{name: "{name}", lang: "{lang}", localService: {str(local).lower()}, default: false}}'
                       for name, lang, local in voices)
    return f"window.hipVoices = [{listed}];"


@pytest.mark.parametrize("page", [p for p in SEQUENCES if "workout" in p.english.tools], ids=lambda p: p.name)
def test_workout_mode_speaks_only_the_page_language_with_a_voice_on_the_phone(browser, base_url, page) -> None:
    from test_workout import HANDS_FREE, START, run_until

    code = page.lang.code
    words = page.lang.words
    init = voices(("On-device English", "en-US", True), (f"Cloud {code}", f"{code}-US", False),
                  (f"On-device {code}", f"{code}_ES", True))
    context = phone_context(browser, service_workers="block")
    context.add_init_script(init + HANDS_FREE)
    tab = context.new_page()
    tab.clock.install(time=START)
    tab.goto(base_url + page.url)
    tab.get_by_role("button", name=words["workout.button"]).first.click()
    view = tab.locator("dialog.hip-workout[open]")
    view.wait_for()
    # No English word in the view: none of the English catalog's words that this language changes.
    text = view.inner_text()
    for english in ("Start plan", "Your plan", "Holds per leg", "Next", "Stop rules", "Close"):
        assert english not in text, english
    view.locator("input[type=number]").nth(0).fill("1")
    view.locator("input[type=number]").nth(1).fill("3")
    view.locator("select").first.select_option("left")
    for box in view.locator("input[type=checkbox]").all()[:1]:  # Speak, the first choice
        box.check()
    view.locator("[data-part=start]").first.click()
    run_until(tab, "window.hipSpoken.length >= 2")
    spoken = tab.evaluate("window.hipSpoken")
    assert {u["voice"] for u in spoken} == {f"On-device {code}"}, spoken
    assert not re.search(r"\b(Hold|Step|of)\b", " ".join(u["text"] for u in spoken)), spoken
    context.close()


@pytest.mark.parametrize("page", [p for p in SEQUENCES if "workout" in p.english.tools], ids=lambda p: p.name)
def test_with_english_voices_only_it_says_so_and_speaks_nothing(browser, base_url, page) -> None:
    from test_workout import HANDS_FREE, START

    words = page.lang.words
    context = phone_context(browser, service_workers="block")
    context.add_init_script(voices(("On-device English", "en-US", True), ("Cloud English", "en-GB", False)) + HANDS_FREE)
    tab = context.new_page()
    tab.clock.install(time=START)
    tab.goto(base_url + page.url)
    tab.get_by_role("button", name=words["workout.button"]).first.click()
    view = tab.locator("dialog.hip-workout[open]")
    view.wait_for()
    view.locator("input[type=checkbox]").first.check()
    language = tab.evaluate(f'new Intl.DisplayNames(["{page.lang.code}"], {{type: "language"}}).of("{page.lang.code}")')
    expect(view.locator("[data-part=support]")).to_contain_text(language)
    view.locator("input[type=number]").nth(0).fill("1")
    view.locator("input[type=number]").nth(1).fill("3")
    view.locator("[data-part=start]").first.click()
    tab.clock.run_for(10_000)
    assert tab.evaluate("window.hipSpoken") == []
    context.close()
