"""The guide in every language the site model knows (tools/sitemodel.py): each
English page has its translation, with the same tabs and step counts, its
stop rules, the translation notice and hreflang both ways (the languages'
sitemap and the header's menu); a page view fetches nothing that is not
there; the language menu keeps the reader's place, even after instant
navigation; a translated page shows no English with its scripts running
(the clip's buttons, My log and its chart, the reminder, each tool's view);
and workout mode in a translation speaks only with an on-device voice in
that language. Nothing here names a language: every language the site model
finds (a mkdocs.<lang>.yml with its docs/<lang>/) is checked the same way
(tests/test_third_language.py adds one).
"""

from __future__ import annotations

import datetime as dt
import re
from xml.etree import ElementTree

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, expect

from conftest import MODEL, PAGE_WORDS, SEED_LOG, SITE, english_words, messages, phone_context, serve_sitemap_for_this_host

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
    """The language menu of each page points at the same page in each language, both ways, and the
    sitemap for search engines (robots.txt names it) lists each page with every translation and
    English as the default."""
    sitemap = ElementTree.parse(built_site / "sitemap-languages.xml").getroot()
    for one, other in ((page, page.english), (page.english, page)):
        menu = one.built(built_site).select_one(f'a.md-select__link[hreflang="{other.lang.code}"]')
        assert (built_site / one.url / menu["href"]).resolve() == (built_site / other.url).resolve()
        url = next(u for u in sitemap.iter(f"{SITEMAP}url") if u.findtext(f"{SITEMAP}loc") == MODEL.config.site_url + one.url)
        links = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        assert links == {**{p.lang.code: MODEL.config.site_url + p.url for p in page.translations()},
                         "x-default": MODEL.config.site_url + page.english.url}, links


@pytest.mark.parametrize("page", MODEL.all_pages, ids=lambda p: p.name)
def test_a_page_view_asks_for_nothing_that_is_not_there(browser, base_url, page) -> None:
    """No hreflang link in the head: Material's script would fetch a sitemap.xml beside each one
    (sequence-2/sitemap.xml, a 404) on every page view. Every request a page makes is answered."""
    html = page.built(SITE)
    assert html.head.select("link[rel=alternate][hreflang]") == []
    context = phone_context(browser, service_workers="block")
    tab = context.new_page()
    failed = []
    tab.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    tab.goto(base_url + page.url, wait_until="networkidle")
    assert failed == []
    context.close()


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
    # languages.js, fetched on the first instant navigation, points the menu here once it has loaded.
    english = base_url + page.english.url
    tab.wait_for_function("want => document.querySelector('a.md-select__link[hreflang=en]').href === want", arg=english)
    context.close()


# --- No English on a translated page ---------------------------------------------------

# What the reader meets inside one element (a tool's view): its text and the names its parts give.
WORDS_IN = """el => [el.innerText, ...[el, ...el.querySelectorAll('[aria-label], [title], [alt], [placeholder]')].flatMap(e =>
    ['aria-label', 'title', 'alt', 'placeholder'].map(name => e.getAttribute(name) || ''))].join(' ')"""


def title_of(page) -> str:
    return page.path.read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n", 1)[0]


def sessions(language) -> list[dict]:
    """Sessions kept in this language's pages over four weeks, a meter session among them, as workout
    mode and the meter write them (conftest.SEED_LOG)."""
    pages = [page for page in MODEL.all_pages if page.lang == language and page.english.is_sequence]
    out = []
    for i, (day, before, after) in enumerate([(2, 4, 3), (4, 4, 2), (10, 3, None), (17, 2, 2), (23, 2, 1), (26, 1, 1)]):
        page = pages[i % len(pages)]
        out.append({"date": f"2026-11-{day:02d}T08:30:00.000Z", "ended": f"2026-11-{day:02d}T08:36:00.000Z",
                    "how": "stopped" if i == 2 else "finished", "sequence": title_of(page),
                    "page": MODEL.config.sub_path + page.url, "variant": page.source_steps[0].label,
                    "plan": {"holds": 2, "seconds": 10, "rest": 5, "sides": "both" if i % 2 else ""},
                    "holdsDone": 1 if i == 2 else 2 * (1 + i % 2), "holdsPlanned": 2 * (1 + i % 2),
                    "painBefore": before, "painAfter": after})
    meter = pages[-1]
    out.append({"date": "2026-11-27T17:00:00.000Z", "ended": "2026-11-27T17:03:00.000Z", "how": "finished",
                "sequence": title_of(meter), "page": MODEL.config.sub_path + meter.url,
                "variant": messages(language.code)["meter.variant"], "plan": None, "holdsDone": 0, "holdsPlanned": 0,
                "painBefore": None, "painAfter": None, "meter": True, "secondsLevel": 41, "largestDrop": 5.4,
                "dropSide": "lifted"})
    return out


@pytest.mark.parametrize("page", TRANSLATIONS, ids=lambda p: p.name)
def test_a_translated_page_shows_no_english_with_its_scripts_running(browser, base_url, artifacts, page) -> None:
    """Everything the page scripts add speaks the page's language: the clip's save button and step
    buttons (their words are on the clip, from the language's settings), My log with sessions and
    its chart, the reminder. Checked against every word only the English of this project has
    (conftest.english_words): the visible text, the title, and every aria-label, title, alt and
    placeholder, hidden ones too."""
    html = page.built(SITE)
    context = phone_context(browser)  # with its service worker: the offline client runs as it does for a reader
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(base_url + page.url)
    if html.select("[data-hip-panel=log]"):
        tab.evaluate(SEED_LOG, sessions(page.lang))
        tab.reload()
        tab.locator(".hip-log__entry").first.wait_for()
        tab.locator(".hip-chart__svg").wait_for()
    if html.select("[data-hip-panel=reminder]"):
        tab.locator("[data-hip-panel=reminder] form").wait_for()
    if html.select("figure.hip-video:not(.hip-video--hosted)"):
        tab.locator(".hip-offline__button:not(.hip-offline__button--pending)").first.wait_for()
        assert "(" in tab.locator(".hip-offline__button").first.inner_text()  # with the clip's size
    if html.select("figure.hip-video track[kind=chapters]"):
        tab.locator(".hip-step-play").first.wait_for()
    found = english_words(tab.evaluate(PAGE_WORDS), page.lang.code)
    tab.screenshot(path=artifacts / f"language-{page.name}-360.png", full_page=True)
    assert found == set(), f"English on {page.url}: {sorted(found)}"
    assert errors == []
    context.close()


# The chart's words, each against the others, the legend's marks and the drawing's edges.
OVERLAPS = """svg => {
  const box = (el) => el.getBoundingClientRect();
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const words = [...svg.querySelectorAll('text')].map((el) => ({text: el.textContent, box: box(el)}));
  const marks = [...svg.querySelectorAll('line, circle, rect')].filter((el) => !el.matches('.hip-chart__bar, .hip-chart__grid, .hip-chart__axis'));
  const edge = box(svg), found = [];
  for (const [i, a] of words.entries()) {
    if (a.box.left < edge.left - 0.5 || a.box.right > edge.right + 0.5) found.push(`"${a.text}" runs off`);
    for (const b of words.slice(i + 1)) if (meets(a.box, b.box)) found.push(`"${a.text}" meets "${b.text}"`);
    for (const m of marks) if (meets(a.box, box(m))) found.push(`"${a.text}" covers ${m.getAttribute('class')}`);
  }
  return found;
}"""


@pytest.mark.parametrize("language", MODEL.languages, ids=lambda language: language.code)
@pytest.mark.parametrize("width", [320, 360])
def test_the_log_chart_fits_its_words_in_each_language(browser, base_url, artifacts, language, width) -> None:
    """My log's chart places its labels and legend for the words of the page's language (measured in
    the font they are drawn in): none meets another or a mark, or runs off, on a small phone."""
    log = next(page for page in MODEL.all_pages if page.lang == language and page.english.src == "log.md")
    context = phone_context(browser, service_workers="block", viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.clock.set_fixed_time(dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.timezone.utc))
    tab.goto(base_url + log.url)
    tab.evaluate(SEED_LOG, sessions(language))
    tab.reload()
    chart = tab.locator(".hip-chart__svg")
    chart.wait_for()
    assert chart.evaluate(OVERLAPS) == []
    assert chart.locator("text").count() > 8 and tab.evaluate("document.documentElement.scrollWidth") <= width
    chart.screenshot(path=artifacts / f"log-chart-{language.code}-{width}.png")
    context.close()


# Voices as a phone lists them: on the device or not, in this language or not (Android writes es_ES).
def voices(*voices: tuple[str, str, bool]) -> str:
    listed = ", ".join(f'{{name: "{name}", lang: "{lang}", localService: {str(local).lower()}, default: false}}'
                       for name, lang, local in voices)
    return f"window.hipVoices = [{listed}];"


WORKOUT_PAGES = [page for page in SEQUENCES if "workout" in page.english.tools]


def no_english(view, code: str) -> None:
    found = english_words(view.evaluate(WORDS_IN), code)
    assert found == set(), f"English in the view: {sorted(found)}"


def open_tool(tab, page, name: str):
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(base_url_of(tab) + page.url)
    tab.get_by_role("button", name=page.lang.words[f"{name}.button"]).first.click()
    view = tab.locator(f"dialog.hip-{name}[open]")
    try:
        view.wait_for()
    except PlaywrightTimeoutError:
        # What the page said and threw, so a failure here shows its cause.
        problems = tab.locator(".hip-tool__problem").all_inner_texts()
        pytest.fail(f"{name} did not open on {page.url}: problems shown {problems}, errors {errors}")
    return view


def base_url_of(tab) -> str:
    return tab.context.base_url


@pytest.mark.parametrize("page", WORKOUT_PAGES, ids=lambda p: p.name)
def test_workout_mode_speaks_only_the_page_language_with_a_voice_on_the_phone(browser, base_url, page) -> None:
    """Voices: English on the phone, this language in the cloud, this language on the phone (as
    Android names it, es_ES): only the last speaks. The plan, the running view, what is said and
    the Done screen hold no English."""
    from test_workout import HANDS_FREE, START, run_until

    code, said = page.lang.code, messages(page.lang.code)
    init = voices(("On-device English", "en-US", True), (f"Cloud {code}", f"{code}-US", False),
                  (f"On-device {code}", f"{code}_ES", True))
    context = phone_context(browser, service_workers="block")
    context.base_url = base_url
    context.add_init_script(init + HANDS_FREE)
    tab = context.new_page()
    tab.clock.install(time=START)
    view = open_tool(tab, page, "workout")
    no_english(view, code)
    view.get_by_label(said["workout.plan.holds"], exact=True).fill("1")
    view.get_by_label(said["workout.plan.seconds"], exact=True).fill("3")
    view.get_by_label(said["workout.plan.sides"], exact=True).select_option("left")
    view.get_by_role("checkbox", name=said["handsFree.speak"]).check()
    view.locator("[data-part=start]").first.click()
    run_until(tab, "window.hipSpoken.length >= 2")
    no_english(view, code)
    run_until(tab, "document.querySelector('dialog[open] [data-part=done-title]')?.checkVisibility()")
    expect(view.locator("[data-part=done-title]")).to_have_text(said["done.finished"])
    no_english(view, code)
    spoken = tab.evaluate("window.hipSpoken")
    assert {u["voice"] for u in spoken} == {f"On-device {code}"}, spoken
    assert spoken[0]["text"] == said["plan.announce.left"].format(hold=1, holds=1)
    assert spoken[-1]["text"] == said["plan.done"]
    found = english_words(" ".join(u["text"] for u in spoken), code)
    assert found == set(), f"English said: {sorted(found)}"
    context.close()


@pytest.mark.parametrize("page", WORKOUT_PAGES, ids=lambda p: p.name)
def test_with_english_voices_only_it_says_so_and_speaks_nothing(browser, base_url, page) -> None:
    """Only English voices (one on the phone, one in the cloud): the view says the phone has no voice
    in this language that works offline, and nothing is said, not even by the English voice."""
    from test_workout import HANDS_FREE, START

    code, said = page.lang.code, messages(page.lang.code)
    context = phone_context(browser, service_workers="block")
    context.base_url = base_url
    context.add_init_script(voices(("On-device English", "en-US", True), ("Cloud English", "en-GB", False)) + HANDS_FREE)
    tab = context.new_page()
    tab.clock.install(time=START)
    view = open_tool(tab, page, "workout")
    view.get_by_role("checkbox", name=said["handsFree.speak"]).check()
    language = tab.evaluate(f'new Intl.DisplayNames(["{code}"], {{type: "language"}}).of("{code}")')
    expect(view.locator("[data-part=support]")).to_contain_text(said["voice.noLocalVoice"].format(language=language))
    no_english(view, code)
    view.get_by_label(said["workout.plan.holds"], exact=True).fill("1")
    view.get_by_label(said["workout.plan.seconds"], exact=True).fill("3")
    view.locator("[data-part=start]").first.click()
    expect(view).to_contain_text(said["workout.run.noVoice"])
    no_english(view, code)
    tab.clock.run_for(10_000)
    assert tab.evaluate("window.hipSpoken") == []
    context.close()


@pytest.mark.parametrize("page", [p for p in TRANSLATIONS if "meter" in p.english.tools], ids=lambda p: p.name)
def test_the_meter_speaks_and_shows_the_page_language(browser, base_url, page) -> None:
    """The pelvis meter on a translated page, its sensor emulated: the guide, calibration, a drop on
    the side of the lifted leg and the running view, in the page's language, said by its voice."""
    import random

    from meter_sensor import Sensor
    from test_meter import hold, meter_page

    code, said = page.lang.code, messages(page.lang.code)
    from test_workout import HANDS_FREE
    context, tab = meter_page(browser, init=voices((f"On-device {code}", f"{code}-US", True)) + HANDS_FREE)
    context.base_url = base_url
    sensor, rng = Sensor(tab), random.Random(7)
    view = open_tool(tab, page, "meter")
    no_english(view, code)
    view.get_by_label(said["meter.standing"]).select_option("left")
    sensor.tilt(0, 0.05, rng)
    view.get_by_role("button", name=said["meter.start"], exact=True).tap()
    hold(tab, sensor, 0, 2500, rng)
    hold(tab, sensor, -6, 2000, rng)  # the right side low: standing on the left leg, the lifted leg's side
    spoken = [u["text"] for u in tab.evaluate("hipSpoken")]
    assert said["meter.say.calibrated"].format(band=2) in spoken, spoken
    assert said["meter.low.lifted"]["other"].format(count=6) in spoken, spoken
    assert english_words(" ".join(spoken), code) == set(), spoken
    no_english(view, code)
    view.locator("[data-part=stop]").tap()
    no_english(view, code)
    context.close()


@pytest.mark.parametrize("page", [p for p in TRANSLATIONS if "coach" in p.english.tools], ids=lambda p: p.name)
def test_the_coach_shows_the_page_language(playwright, base_url, page) -> None:
    """The camera coach on a translated page, with a fake front camera showing a standing man: the
    mirror, measuring on, a reading, all in the page's language."""
    import coach_camera
    import chromium as launcher

    code, said = page.lang.code, messages(page.lang.code)
    camera = launcher.launch(playwright, coach_camera.fake_camera_args(coach_camera.clip(0)))
    context = camera.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                 service_workers="block")
    context.base_url = base_url
    context.add_init_script(coach_camera.RECORD_STREAMS + coach_camera.RECORD_FRAMES)
    tab = context.new_page()
    view = open_tool(tab, page, "coach")
    tab.wait_for_function("hipStreams.length > 0 && document.querySelector('.hip-coach video').videoWidth > 0")
    no_english(view, code)
    view.get_by_role("switch", name=said["coach.measure"]).check()
    tab.wait_for_function("hipReady !== null", timeout=240_000)
    tab.wait_for_function("hipFrames.length >= 3", timeout=240_000)
    expect(view.locator("[data-part=reading]")).not_to_be_empty()
    no_english(view, code)
    camera.close()
