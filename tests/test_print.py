"""Print: each sequence page is a one-page A4 handout (Chromium's PDF output).

The PDFs and their PNG renders land in tests/artifacts/ to look at.
"""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from conftest import html_path
from test_built_site import read, step_lists

SEQUENCES = ["sequence-1/", "sequence-2/"]


@pytest.mark.parametrize("url", SEQUENCES)
def test_sequence_prints_as_one_a4_handout(browser, base_url, artifacts, config, url) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + url)
    pdf = artifacts / f"{url.strip('/')}-print.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    # Every variant's steps, each under its tab's name.
    for label, steps in step_lists(read(html_path(url.strip("/") + ".md"))).items():
        assert label in text
        for step in steps:
            assert step in text, f"{label}: {step!r} is not on the handout"
    for phrase in ("Stop rules", "causes pain", "General information, not medical advice", config["site_url"] + url):
        assert phrase in text
    # No screen chrome: search, navigation, footer links, video.
    for chrome in ("Search", "Back to top", "Previous", "Play:"):
        assert chrome not in text
    # pdftoppm (Debian's poppler-utils, installed by make test) renders it to look at.
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf), str(pdf.with_suffix(""))], check=True)
    assert pdf.with_suffix(".png").stat().st_size > 10_000


@pytest.mark.parametrize("url", SEQUENCES)
def test_handout_has_a_qr_code_of_the_page_address(browser, base_url, config, url) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + url)
    assert not page.locator(".hip-print-address").is_visible()  # screen: hidden
    page.emulate_media(media="print")
    qr = page.locator(".hip-print-address svg.hip-print-qr")
    assert qr.is_visible()
    assert qr.get_attribute("aria-label") == f"QR code of {config['site_url']}{url}"
    box = qr.bounding_box()
    assert box["width"] >= 90 and box["width"] == pytest.approx(box["height"])  # about 2.6 cm
    context.close()
