"""Print: each sequence page, and the anatomy page, in every language, is a
one-page A4 handout (Chromium's PDF output, with the pinned DejaVu fonts),
with room to spare, in the page's language, its QR code reading the page's
own address.

The PDFs and their PNG renders land in tests/artifacts/ to look at.
"""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader

from conftest import MODEL, english_words, theme_words

# Each language's sequence pages and anatomy page.
HANDOUTS = [page for page in MODEL.all_pages if page.english.is_sequence or page.english.src == "anatomy.md"]
SEQUENCES = [page for page in HANDOUTS if page.english.is_sequence]
DPI = 100
A4_MM = (210, 297)
MARGIN_MM = 12  # print.css: @page margin, top and bottom
SPARE = 0.10  # of the page height, left blank above the bottom margin
SCREEN_ONLY = ("button, input, select, textarea, dialog, video, iframe, [data-hip-open], .md-header, .md-sidebar,"
               " .md-footer, .md-search, .hip-step-play, .hip-offline, .tabbed-labels")


def render(pdf) -> Image.Image:
    """The first page at DPI, as Debian's poppler-utils draws it (make test installs it)."""
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-singlefile", str(pdf), str(pdf.with_suffix(""))],
                   check=True)
    return Image.open(pdf.with_suffix(".png")).convert("L")


@pytest.fixture(scope="module", params=HANDOUTS, ids=lambda page: page.src)
def handout(request, browser, base_url, artifacts):
    page = request.param
    context = browser.new_context()
    tab = context.new_page()
    # Printed once the page's scripts have done their work (the step buttons added), as a reader prints it.
    tab.goto(base_url + page.url, wait_until="networkidle")
    pdf = artifacts / f"{page.name}-print.pdf"
    tab.pdf(path=str(pdf), format="A4")
    context.close()
    return page, pdf


def test_prints_on_one_a4_page_with_room_to_spare(handout) -> None:
    page, pdf = handout
    assert len(PdfReader(pdf).pages) == 1
    image = render(pdf)
    height = image.height
    assert abs(height - A4_MM[1] / 25.4 * DPI) < 2
    # The lowest row with ink: the content must end at least SPARE of the page above the bottom margin.
    ink = ImageOps.invert(image).point(lambda v: 255 if v > 60 else 0).getbbox()
    assert ink is not None, "the handout is blank"
    limit = height * (1 - MARGIN_MM / A4_MM[1] - SPARE)
    assert ink[3] <= limit, f"{page.src}: content ends at {ink[3] / height:.0%} of the page, over {limit / height:.0%}"


def test_handout_holds_every_step_the_rules_and_the_address(handout, config) -> None:
    page, pdf = handout
    # NFKC: DejaVu's "fl" ligature comes out of the PDF as one character.
    text = " ".join(unicodedata.normalize("NFKC", PdfReader(pdf).pages[0].extract_text()).split())
    # Every variant's steps, each under its tab's name.
    for steps in page.source_steps:
        assert steps.label in text
        for step in steps.texts:
            assert step in text, f"{steps.label}: {step!r} is not on the handout"
    # The address beside the title wraps after its slashes; the frame's words are the page's language's.
    words, theme = page.lang.words, theme_words(page.lang.code)
    phrases = [words["notice.text"].split(".")[0], words["print.address"].rstrip(":")]
    assert config.site_url + page.url in text.replace("/ ", "/")
    if page.is_sequence:
        rules = page.built(MODEL.root / "site").select_one(".hip-stop")
        phrases += [rules.select_one(".admonition-title").get_text(strip=True),
                    " ".join(rules.select_one("li").get_text(" ", strip=True).split())]
    for phrase in phrases:
        assert phrase in text, phrase
    # No screen chrome: search, navigation, footer links, video, buttons.
    for chrome in (words["search.label"], theme["top"], theme["footer.previous"], words["video.play"].split("{")[0],
                   words["workout.button"], words["coach.button"]):
        assert chrome not in text, chrome
    # On a translated page's handout, not a word of English.
    if not page.lang.default:
        assert english_words(text.replace("/ ", "/"), page.lang.code) == set()


def test_handout_qr_code_reads_as_the_page_address(handout, config) -> None:
    """zbarimg (Debian's zbar-tools) decodes the QR code on the printed page."""
    page, pdf = handout
    render(pdf)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(pdf.with_suffix(".png"))],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == [config.site_url + page.url]


@pytest.mark.parametrize("page", HANDOUTS, ids=lambda page: page.src)
def test_nothing_screen_only_prints_and_the_stop_rules_read_at_body_size(browser, base_url, page) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base_url + page.url)
    tab.emulate_media(media="print")
    shown = tab.evaluate("""selector => [...document.querySelectorAll(selector)].filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      }).map(el => el.outerHTML.slice(0, 80))""", SCREEN_ONLY)
    assert shown == [], f"screen-only parts print: {shown}"
    if page.is_sequence:
        rules = tab.evaluate("""() => {
            const rules = document.querySelector('.hip-stop'), body = document.querySelector('.md-content article > p');
            const s = getComputedStyle(rules), li = getComputedStyle(rules.querySelector('li'));
            return {size: li.fontSize, body: getComputedStyle(body).fontSize, colour: li.color,
                    border: s.borderTopColor, title: getComputedStyle(rules.querySelector('.admonition-title')).color};
          }""")
        assert rules["size"] == rules["body"], rules
        assert rules["colour"] == rules["border"] == rules["title"] == "rgb(0, 0, 0)", rules
    context.close()


@pytest.mark.parametrize("page", SEQUENCES, ids=lambda page: page.src)
def test_handout_has_a_qr_code_of_the_page_address(browser, base_url, config, page) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base_url + page.url)
    assert not tab.locator(".hip-print-address").is_visible()  # screen: hidden
    tab.emulate_media(media="print")
    qr = tab.locator(".hip-print-address svg.hip-print-qr")
    assert qr.is_visible()
    assert qr.get_attribute("aria-label") == page.lang.words["print.qr"].format(url=config.site_url + page.url)
    box = qr.bounding_box()
    assert box["width"] >= 80 and box["width"] == pytest.approx(box["height"])  # 2.2 cm
    context.close()
