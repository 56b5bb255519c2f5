"""The demonstration clips, their tracks, the step buttons and the illustrations.

These check the committed media (make media redraws it; make test never does)
and the built pages that embed it.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import MODEL, PHONE, ROOT, SITE, guarded_context
from sitemodel import serve

MEDIA = ROOT / "docs" / "assets" / "media"
FIGURES = ROOT / "includes" / "figures"
# A page's clip is docs/assets/media/<page name>.*, its chapters one per step of the first tab.
CLIPS = {page.name: len(page.source_steps[0].steps) for page in MODEL.sequences if page.video_blocks}
MAX_CLIP = 1.5 * 1024 * 1024
MAX_POSTER = 60 * 1024
MAX_SVG = 15 * 1024
TIME = r"(?:\d{2}:)?\d{2}:\d{2}\.\d{3}"
CUE_TIMING = re.compile(rf"^({TIME}) --> ({TIME})")


def seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))


def parse_vtt(path: Path) -> list[tuple[float, float, str]]:
    """A small WebVTT reader: (start, end, text) per cue; fails on a malformed file."""
    blocks = path.read_text(encoding="utf-8").replace("\r\n", "\n").strip().split("\n\n")
    assert blocks[0].startswith("WEBVTT"), f"{path.name} lacks the WEBVTT header"
    cues = []
    for block in blocks[1:]:
        lines = block.split("\n")
        if not CUE_TIMING.match(lines[0]):
            lines = lines[1:]  # a cue identifier
        m = CUE_TIMING.match(lines[0])
        assert m, f"{path.name}: no cue timing in {block!r}"
        start, end = seconds(m[1]), seconds(m[2])
        text = " ".join(lines[1:]).strip()
        assert start < end and text, f"{path.name}: empty or backwards cue {block!r}"
        cues.append((start, end, text))
    return cues


def probe(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                          str(path)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def built(name: str) -> BeautifulSoup:
    return MODEL.page(f"{name}.md").built(SITE)


def page_steps(name: str) -> list[str]:
    """Texts of the first tab's steps on the BUILT page."""
    from sitemodel import steps_in_html

    return steps_in_html(built(name))[0].texts


def top_level_boxes(path: Path) -> list[str]:
    """The types of an MP4 file's top-level boxes, in file order (ISO BMFF: 32-bit size, 4-byte type)."""
    data, boxes, at = path.read_bytes(), [], 0
    while at + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        if size == 1:
            size = struct.unpack(">Q", data[at + 8:at + 16])[0]
        boxes.append(kind.decode("latin-1"))
        if size < 8:
            break
        at += size
    return boxes


@pytest.mark.parametrize("name", CLIPS)
@pytest.mark.parametrize("kind, codec", [("webm", "vp9"), ("mp4", "h264")])
def test_clip_file(name, kind, codec) -> None:
    steps = CLIPS[name]
    path = MEDIA / f"{name}.{kind}"
    assert path.stat().st_size <= MAX_CLIP, f"{path.name} is {path.stat().st_size} bytes"
    info = probe(path)
    video = [s for s in info["streams"] if s["codec_type"] == "video"]
    assert len(video) == 1 and video[0]["codec_name"] == codec
    assert video[0]["pix_fmt"] == "yuv420p"  # the only format every phone decodes
    num, den = (int(x) for x in video[0]["r_frame_rate"].split("/"))
    assert num / den >= 24
    duration = float(info["format"]["duration"])
    assert 4 * steps <= duration <= 60, "at least 4 s a step, to read its captions; at most a minute in all"
    cues = parse_vtt(MEDIA / f"{name}.chapters.vtt")
    assert abs(cues[-1][1] - duration) < 0.5, "the last chapter should end with the clip"
    if kind == "mp4":  # +faststart: the index (moov) comes before the data, so playback starts at once
        boxes = top_level_boxes(path)
        assert "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat"), boxes


@pytest.mark.parametrize("name", CLIPS)
def test_poster_is_small(name) -> None:
    poster = MEDIA / f"{name}.jpg"
    assert poster.read_bytes()[:3] == b"\xff\xd8\xff"
    assert poster.stat().st_size <= MAX_POSTER


@pytest.mark.parametrize("name, count", CLIPS.items())
def test_chapters_are_the_page_steps(built_site, name, count) -> None:
    chapters = parse_vtt(MEDIA / f"{name}.chapters.vtt")
    steps = page_steps(name)
    assert len(steps) == count
    assert [text for _, _, text in chapters] == steps, (
        f"the clip's chapters are not docs/{name}.md's steps: run `make media MEDIA_ARGS=--tracks` "
        "and commit what it writes (make lint says which step)")
    for (_, end, _), (start, _, _) in zip(chapters, chapters[1:]):
        assert end == start, "chapters must follow each other without gaps"


@pytest.mark.parametrize("name, count", CLIPS.items())
def test_captions_describe_every_step(name, count) -> None:
    captions = parse_vtt(MEDIA / f"{name}.en.vtt")
    chapters = parse_vtt(MEDIA / f"{name}.chapters.vtt")
    for number, (start, end, _) in enumerate(chapters, start=1):
        inside = [text for s, e, text in captions if start <= s < end]
        assert inside and inside[0].startswith(f"Step {number}."), f"no caption for step {number}"
    assert captions[-1][1] <= chapters[-1][1]


@pytest.mark.parametrize("name", CLIPS)
def test_page_embeds_clip_with_tracks_and_transcript(built_site, name) -> None:
    page = built(name)
    video = page.select_one("figure.hip-video video")
    # The post-build points the poster at a WebP copy of the committed JPEG, no wider than a phone's column.
    assert video["poster"].endswith(f"{name}.webp")
    webp = built_site / "assets" / "media" / f"{name}.webp"
    assert webp.read_bytes()[8:12] == b"WEBP"
    assert webp.stat().st_size < (MEDIA / f"{name}.jpg").stat().st_size * 0.6
    with Image.open(webp) as image:
        assert image.width <= 640
    assert [s["type"] for s in video.select("source")] == ["video/webm", "video/mp4"]
    assert video.select_one("track[kind=captions]")["src"].endswith(f"{name}.en.vtt")
    assert video.select_one("track[kind=chapters]")["src"].endswith(f"{name}.chapters.vtt")
    # The clip sits with the steps: under "The steps", before the step tabs.
    heading = video.find_previous(["h2"])
    assert heading.get_text(strip=True).startswith("The steps")
    assert video.find_next(class_="tabbed-set") is not None
    transcript = video.find_next("details")
    assert "Transcript" in transcript.summary.get_text()
    said = " ".join(transcript.get_text(" ", strip=True).split())
    for _, _, cue in parse_vtt(MEDIA / f"{name}.en.vtt"):
        assert re.sub(r"^Step \d+\. ", "", cue) in said, f"the transcript lacks {cue!r}"


# ---------------------------------------------------------------- every language

# Each translated page with a clip: the same clip, its own tracks (make media writes them).
TRANSLATED_CLIPS = [page for page in MODEL.all_pages if not page.lang.default and page.video_blocks]


@pytest.mark.parametrize("page", TRANSLATED_CLIPS, ids=lambda page: page.name)
def test_a_translated_clip_has_its_language_captions_chapters_and_transcript(built_site, page) -> None:
    """The page shows the English page's clip (one clip for every language: it holds no words) with
    captions and chapters in its language, and its transcript; each is what `make media` writes from
    the translated page's own steps and the language's captions (includes/<lang>/captions.yml), so
    they are in step with the page; the chapters are its steps, word for word."""
    import render_media

    clip = next(clip for clip in render_media.CLIPS if clip.name == page.english.path.stem)
    written = render_media.tracks(clip, page.source_steps[0].texts, page.lang)
    for path, text in written.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)}: run make media MEDIA_ARGS=--tracks"
    chapters_file, captions_file, _ = written
    html, english = page.built(built_site), page.english.built(built_site)
    video = html.select_one("figure.hip-video video")
    files = lambda p, h: [(built_site / p.url / s["src"]).resolve() for s in h.select("figure.hip-video source")]  # noqa: E731
    assert files(page, html) == files(page.english, english)  # the very same files
    captions, chapters = video.select_one("track[kind=captions]"), video.select_one("track[kind=chapters]")
    assert captions["srclang"] == chapters["srclang"] == page.lang.code
    assert captions["label"] == page.lang.words["video.captions"]
    assert (built_site / page.url / captions["src"]).resolve().name == captions_file.name
    assert (built_site / page.url / chapters["src"]).resolve().name == chapters_file.name
    cues = parse_vtt(chapters_file)
    assert [text for _, _, text in cues] == page.source_steps[0].texts
    assert [(start, end) for start, end, _ in cues] == [(s, e) for s, e, _ in parse_vtt(MEDIA / f"{clip.name}.chapters.vtt")]
    for number, (start, end, _) in enumerate(cues, start=1):
        inside = [text for s, e, text in parse_vtt(captions_file) if start <= s < end]
        assert inside and inside[0].startswith(page.lang.words["media.step"].format(n=number)), number
    transcript = video.find_next("details")
    assert transcript.summary.get_text(strip=True) == page.lang.words["media.transcript"]


@pytest.mark.parametrize("name", CLIPS)
def test_a_clip_is_drawn_without_words(monkeypatch, name) -> None:
    """A clip shows no word of any language, so one clip serves every page: the frames are drawn by
    tools/render_media.py, and every text it draws on them, frame by frame (four a second), is a
    number (the step's "3" and "/ 5"). And the committed poster is that drawing, so the files the
    pages play are the ones checked (make media re-encodes the clips from the same frames)."""
    from PIL import ImageChops, ImageDraw, ImageStat

    import render_media

    clip = next(clip for clip in render_media.CLIPS if clip.name == name)
    drawn: list[str] = []
    text = ImageDraw.ImageDraw.text
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, words, *a, **k: (drawn.append(words), text(self, xy, words, *a, **k))[1])
    for n in range(0, round(clip.duration * render_media.FPS), max(1, render_media.FPS // 4)):
        render_media.frame(clip, n / render_media.FPS)
    assert drawn, "no text drawn at all: the check would prove nothing"
    assert {words for words in drawn if not re.fullmatch(r"[\d/ ]+", words)} == set()
    with Image.open(MEDIA / f"{name}.jpg") as poster:
        difference = ImageStat.Stat(ImageChops.difference(poster.convert("RGB"), render_media.frame(clip, clip.poster_at)))
    assert max(difference.mean) < 3, difference.mean  # the JPEG's own loss only


# ---------------------------------------------------------------- in Chromium


@pytest.fixture
def phone(browser, request):
    scheme = getattr(request, "param", "light")
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=scheme,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.scheme = scheme
    yield page
    context.close()


def current_step(page, scope: str = ".tabbed-block:visible > ol > li") -> list[int]:
    return page.eval_on_selector_all(
        scope, "lis => lis.flatMap((li, i) => li.getAttribute('aria-current') === 'step' ? [i + 1] : [])")


@pytest.mark.parametrize("name", CLIPS)
def test_clip_plays_in_chromium(phone, base_url, name) -> None:
    phone.goto(base_url + f"{name}/")
    video = phone.locator("figure.hip-video video")
    # preload="none": nothing of the clip loads before play.
    assert video.evaluate("v => v.readyState") == 0
    video.evaluate("v => { v.muted = true; return v.play(); }")
    phone.wait_for_function("() => document.querySelector('figure.hip-video video').currentTime > 0.5")
    # Debian's Chromium has no H.264, so the WebM (VP9) listed first must be the one that plays.
    assert video.evaluate("v => v.currentSrc").endswith(f"{name}.webm")
    stated = float(probe(MEDIA / f"{name}.webm")["format"]["duration"])
    assert abs(video.evaluate("v => v.duration") - stated) < 0.5
    assert video.evaluate("v => v.error") is None


@pytest.mark.parametrize("phone", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("name, count", CLIPS.items())
def test_step_buttons_seek_and_follow(phone, base_url, artifacts, name, count) -> None:
    phone.goto(base_url + f"{name}/")
    buttons = phone.locator(".tabbed-block:visible > ol > li > button.hip-step-play")
    buttons.first.wait_for()
    assert buttons.count() == count
    box = buttons.first.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    chapters = parse_vtt(MEDIA / f"{name}.chapters.vtt")
    video = phone.locator("figure.hip-video video")
    video.evaluate("v => { v.muted = true; }")

    step = min(3, count)  # a step past the first, in a sequence of any length
    button = phone.get_by_role("button", name=f"Play step {step}", exact=True).locator("visible=true")
    button.click()
    start, end, _ = chapters[step - 1]
    # preload="none": the seek waits for the metadata, which the tap starts loading.
    phone.wait_for_function(f"() => {{ const v = document.querySelector('figure.hip-video video');"
                            f" return !v.paused && v.currentTime >= {start}; }}")
    assert start <= video.evaluate("v => v.currentTime") < end
    phone.wait_for_function("() => document.querySelector('.tabbed-block > ol > li[aria-current=step]')")
    assert current_step(phone) == [step]
    phone.screenshot(path=artifacts / f"media-{name}-step{step}-360-{phone.scheme}.png", full_page=True)

    # Highlighting follows playback: where the clip goes, the marked step goes.
    video.evaluate(f"v => {{ v.currentTime = {chapters[-1][0] + 0.1}; }}")
    phone.wait_for_function(f"() => document.querySelectorAll('.tabbed-block:not([hidden]) > ol > li')"
                            f"[{count - 1}].getAttribute('aria-current') === 'step'")
    assert current_step(phone) == [count]
    video.evaluate("v => v.pause()")


def test_only_the_steps_the_clip_shows_have_play_buttons(phone, base_url) -> None:
    """The clip draws the first tab's steps (standing): the Seated tab has no button that would play them."""
    phone.goto(base_url + "sequence-1/")
    phone.locator(".tabbed-block:visible > ol > li > button.hip-step-play").first.wait_for()
    phone.get_by_text("Seated", exact=True).tap()
    seated = phone.locator(".tabbed-block:visible > ol > li")
    assert seated.first.inner_text().strip().startswith("Sit")
    assert seated.count() == 6 and seated.locator("button.hip-step-play").count() == 0


def test_buttons_survive_instant_navigation(phone, base_url) -> None:
    """Material swaps the content in and emits document$; the buttons follow, once each."""
    phone.goto(base_url + "sequence-2/")
    phone.locator("button.hip-step-play").first.wait_for()
    # Swap in another page's content the way instant navigation does, then announce it.
    phone.evaluate("""async (url) => {
        const html = await (await fetch(url)).text();
        const fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelector("article").replaceWith(fresh.querySelector("article"));
        document$.next(document);
        document$.next(document);
    }""", base_url + "sequence-1/")
    buttons = phone.locator(".tabbed-block:visible > ol > li > button.hip-step-play")
    buttons.first.wait_for()
    assert buttons.count() == 6
    assert phone.locator(".tabbed-block:visible > ol > li").first.locator("button").count() == 1


@pytest.mark.parametrize("name", CLIPS)
def test_without_javascript_the_video_and_list_still_work(browser, base_url, name) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + f"{name}/")
    assert page.locator("figure.hip-video video[controls]").is_visible()
    assert page.locator(".tabbed-block:visible > ol > li").count() == CLIPS[name]
    assert page.locator("button.hip-step-play").count() == 0
    context.close()


# ---------------------------------------------------------------- hosted footage


def test_hosted_video_facade_loads_nothing_until_tapped(browser, built_site, tmp_path) -> None:
    """The path the README documents: swap a clip for a YouTube ID, and the page stays private until a tap.
    The fixture page runs the site's own page scripts, as a built page does."""
    shutil.copytree(built_site / "assets" / "javascripts", tmp_path / "assets" / "javascripts")
    (tmp_path / "assets" / "poster.jpg").write_bytes((MEDIA / "sequence-2.jpg").read_bytes())
    body = markdown.markdown(
        "```video\ntitle: Sequence #2, filmed\nyoutube: dQw4w9WgXcQ\nposter: assets/poster.jpg\n```\n",
        extensions=["hipmd.video"])
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>Fixture</title><body>{body}'
        '<script type="module" src="assets/javascripts/main.js"></script></body></html>', encoding="utf-8")
    with serve(tmp_path) as base:
        context = guarded_context(browser, base, viewport=PHONE)
        try:
            page = context.new_page()
            page.goto(base)
            facade = page.locator("a.hip-video__facade")
            assert facade.is_visible()
            # The poster is lazy-loaded: wait for it rather than racing it.
            page.wait_for_function("document.querySelector('img.hip-video__poster').naturalWidth > 0")
            page.wait_for_load_state("networkidle")
            assert context.foreign == [], "the page asked another host before the tap"
            with page.expect_request(lambda r: r.url.startswith("https://www.youtube-nocookie.com/")):
                facade.click()
            frame = page.locator("figure.hip-video iframe")
            assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
            assert context.foreign and all("youtube-nocookie.com" in url for url in context.foreign)
        finally:
            context.close()


# ---------------------------------------------------------------- illustrations

FIGURE_PAGES = {"gluteal-muscles": "anatomy.md", "pelvis-level-dropped": "single-leg-stance.md",
                "arch-collapsed-lifted": "sequence-1.md"}


@pytest.mark.parametrize("name, src", FIGURE_PAGES.items())
def test_illustration_is_small_named_and_placed(built_site, name, src) -> None:
    svg_path = FIGURES / f"{name}.svg"
    assert svg_path.stat().st_size <= MAX_SVG
    page = MODEL.page(src).built(SITE)
    svg = page.select_one(f"figure.hip-figure svg[aria-labelledby^='hip-fig-']")
    assert svg is not None, f"{name} is not inline on {src}"
    assert svg["role"] == "img"
    for ref in svg["aria-labelledby"].split():
        assert page.find(id=ref).get_text(strip=True)
    assert svg.title and svg.desc
    assert svg.find_parent("figure").figcaption.get_text(strip=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_illustrations_at_phone_width(browser, base_url, artifacts, scheme) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=scheme)
    page = context.new_page()
    for name, src in FIGURE_PAGES.items():
        page.goto(base_url + src.removesuffix(".md") + "/")
        figure = page.locator("figure.hip-figure").first
        assert figure.bounding_box()["width"] <= PHONE["width"]
        # Drawn in the page's colours: text follows the theme's foreground.
        text_fill = figure.locator("text").first.evaluate("t => getComputedStyle(t).fill")
        body = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset')).color")
        assert text_fill == body
        figure.screenshot(path=artifacts / f"figure-{name}-360-{scheme}.png")
    context.close()


def test_pelvis_figure_names_the_standing_leg_as_it_is_drawn() -> None:
    """Seen from the front, a leg drawn on the viewer's left is the person's right leg: the words
    must say which leg stands, as drawn, and that the lifted leg's knee is bent, as the step says."""
    svg = BeautifulSoup((FIGURES / "pelvis-level-dropped.svg").read_text(encoding="utf-8"), "html.parser").svg
    figure = svg.find("g")  # the first figure; the second is the same, with its pelvis dropped
    head_x = float(figure.find("circle")["cx"])
    legs = []
    for path in figure.find_all("path", class_="hip-fig-fill-line", recursive=False):
        points = [tuple(map(float, pair)) for pair in re.findall(r"(-?[\d.]+)[ ,](-?[\d.]+)", path["d"])]
        legs.append({"x": points[-1][0], "bottom": max(y for _, y in points), "bends": len(points) - 2})
    standing = max(legs, key=lambda leg: leg["bottom"])
    lifted = min(legs, key=lambda leg: leg["bottom"])
    viewers_side = "left" if standing["x"] < head_x else "right"
    persons_side = {"left": "right", "right": "left"}[viewers_side]
    words = f"{svg.title.get_text()} {svg.desc.get_text()}"
    assert f"on their {persons_side} leg" in words or f"On the {persons_side} leg" in words, words
    assert f"the viewer's {viewers_side}" in words, words
    other = {"left": "right", "right": "left"}[persons_side]
    assert f"{other} knee is bent" in words or f"{other} knee bent" in words, words
    assert lifted["bends"] >= 1, "the lifted leg is drawn straight, but the step bends the knee"
