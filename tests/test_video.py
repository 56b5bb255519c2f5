"""Unit tests of the video component: good input renders, bad input names the problem."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from hipmd.errors import ComponentError
from hipmd.page import PageContext
from hipmd.video import Where, render

PAGE = PageContext(src_uri="sequence-1.md", url="sequence-1/")
HERE = Where("docs/sequence-1.md", 12)


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    media = tmp_path / "assets" / "media"
    media.mkdir(parents=True)
    for name in ("clip.webm", "clip.mp4", "clip.jpg", "clip.en.vtt", "clip.chapters.vtt"):
        (media / name).write_bytes(b"x")
    return tmp_path


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_local_video_renders_sources_tracks_and_title(docs: Path) -> None:
    html = render(
        textwrap.dedent("""\
            title: Sequence 1, standing
            src: [assets/media/clip.webm, assets/media/clip.mp4]
            poster: assets/media/clip.jpg
            captions: assets/media/clip.en.vtt
            chapters: assets/media/clip.chapters.vtt
        """),
        HERE, PAGE, docs,
    )
    video = soup(html).video
    assert video["aria-label"] == "Sequence 1, standing"
    for attr in ("controls", "playsinline"):
        assert video.has_attr(attr)
    assert video["preload"] == "none"  # nothing of the clip loads before it is played
    # URLs are relative to the page's URL, so the site works under any sub-path.
    assert video["poster"] == "../assets/media/clip.jpg"
    assert [(s["src"], s["type"]) for s in video.find_all("source")] == [
        ("../assets/media/clip.webm", "video/webm"),
        ("../assets/media/clip.mp4", "video/mp4"),
    ]
    tracks = {t["kind"]: t["src"] for t in video.find_all("track")}
    assert tracks == {"captions": "../assets/media/clip.en.vtt", "chapters": "../assets/media/clip.chapters.vtt"}
    assert soup(html).figcaption.get_text() == "Sequence 1, standing"


def test_paths_from_the_home_page_stay_at_the_root(docs: Path) -> None:
    home = PageContext(src_uri="index.md", url="")
    html = render("title: T\nsrc: assets/media/clip.mp4", HERE, home, docs)
    assert soup(html).source["src"] == "assets/media/clip.mp4"


def test_youtube_facade_loads_nothing_from_youtube(docs: Path) -> None:
    html = render("title: Demo\nyoutube: dQw4w9WgXcQ\nposter: assets/media/clip.jpg\nstart: 5", HERE, PAGE, docs)
    page = soup(html)
    link = page.find("a", class_="hip-video__facade")
    assert link["data-hip-embed"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=5"
    # Only the local poster is fetched on load: no iframe, no remote image or script.
    assert page.find("iframe") is None
    assert [img["src"] for img in page.find_all("img")] == ["../assets/media/clip.jpg"]
    assert "Demo" in link.get_text()


def test_vimeo_facade_uses_do_not_track(docs: Path) -> None:
    html = render("title: Demo\nvimeo: 76979871\nposter: assets/media/clip.jpg", HERE, PAGE, docs)
    assert soup(html).a["data-hip-embed"] == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"


# The block opens at line 12 (HERE); a message about one option names that option's own line.
@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        ("src: assets/media/clip.mp4", 12, "has no title"),
        ("title: T\nsrc: assets/media/clip.mp4\nautoplay: true", 15, "unknown video option 'autoplay'"),
        ("title: T\nsrc: assets/media/clip.mp4\ncaption: assets/media/clip.vtt", 15,
         "unknown video option 'caption'. How to fix: did you mean 'captions' (not 'caption')?"),
        ("title: T\nsrc: assets/media/missing.mp4", 14, "file not found: docs/assets/media/missing.mp4"),
        ("title: T\nsrc: assets/media/clip.jpg", 14, "must end in .webm or .mp4"),
        ("title: T\nsrc: https://example.com/a.mp4", 14, "points outside the site"),
        ("title: T\nsrc: []", 14, "lists no files"),
        ("title: T\nyoutube: not-an-id\nposter: assets/media/clip.jpg", 14,
         "'not-an-id' is not a valid youtube video ID"),
        ("title: T\nvimeo: abc\nposter: assets/media/clip.jpg", 14, "'abc' is not a valid vimeo video ID"),
        ("title: T\nyoutube: dQw4w9WgXcQ", 12, "needs a local 'poster'"),
        ("title: T\nyoutube: dQw4w9WgXcQ\nsrc: assets/media/clip.mp4", 12, "exactly one of src, youtube or vimeo"),
        ("title: T", 12, "exactly one of src, youtube or vimeo"),
        ("title: T\nsrc: assets/media/clip.mp4\nstart: 3", 15, "'start' only applies"),
        ("title: [unclosed", 12, "not valid YAML"),
        ("just some words", 12, "must hold 'option: value' lines"),
    ],
)
def test_bad_input_names_the_place_and_the_fix(docs: Path, body: str, line: int, problem: str) -> None:
    with pytest.raises(ComponentError) as caught:
        render(body, HERE, PAGE, docs)
    message = " ".join(str(caught.value).split())  # the fix is on its own line
    assert message.startswith(f"docs/sequence-1.md:{line}: ")
    assert problem.replace(". How to fix:", " How to fix:") in message
    assert "How to fix:" in message


def test_block_inside_a_content_tab_is_rendered_in_place() -> None:
    text = textwrap.dedent("""\
        === "Standing"

            ```video
            title: In a tab
            youtube: dQw4w9WgXcQ
            poster: clip.jpg
            ```

        After.
    """)
    html = markdown.markdown(text, extensions=["pymdownx.superfences", "pymdownx.tabbed", "hipmd.video"])
    page = soup(html)
    figure = page.find("figure", class_="hip-video")
    assert figure is not None and figure.find_parent("div", class_="tabbed-set") is not None
    assert "```" not in html and "title:" not in html


def test_other_code_blocks_are_left_alone() -> None:
    html = markdown.markdown("```yaml\ntitle: x\n```", extensions=["pymdownx.superfences", "hipmd.video"])
    assert "hip-video" not in html and "<code>" in html


def test_unclosed_block_is_an_error() -> None:
    with pytest.raises(ComponentError, match="never closed"):
        markdown.markdown("Text\n\n```video\ntitle: T\n", extensions=["hipmd.video"])


def test_mkdocs_build_names_page_and_line(tmp_path: Path) -> None:
    """End to end: a contributor's mistake stops the real build with file and line."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n\n```video\ntitle: T\nautoplay: true\nsrc: a.mp4\n```\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions:\n  - hipmd.video:\n      docs_dir: " + str(docs) + "\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "docs/index.md:9: unknown video option 'autoplay'" in result.stderr  # the option's own line
    assert "How to fix:" in result.stderr
