"""The video component.

Authors write a fenced block whose language is ``video`` and whose body is
YAML (GitHub shows it as a readable code block)::

    ```video
    title: Sequence #1, standing
    src: [assets/media/sequence-1.webm, assets/media/sequence-1.mp4]
    poster: assets/media/sequence-1.jpg
    captions: assets/media/sequence-1.en.vtt
    chapters: assets/media/sequence-1.chapters.vtt
    ```

or, for footage hosted elsewhere, ``youtube: ID`` or ``vimeo: ID`` plus a
local ``poster``. Hosted videos render as a click-to-load facade: nothing is
requested from the other host until the reader taps play.

Local paths are relative to the Markdown file, like image paths.
"""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path

import yaml
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from . import source
from .errors import ComponentError
from .page import PageContext, current_page
from .source import Where
from .words import words

OPTIONS = {
    "title": "what the video shows, read out by screen readers (required)",
    "src": "one local file or a list of them (.webm, .mp4)",
    "poster": "local image shown before playing (required for youtube/vimeo)",
    "captions": "local WebVTT file of captions",
    "chapters": "local WebVTT file with one chapter per step",
    "youtube": "YouTube video ID (11 characters)",
    "vimeo": "Vimeo video ID (digits)",
    "start": "second to start a hosted video at",
}
MEDIA_TYPES = {".webm": "video/webm", ".mp4": "video/mp4"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{6,12}$")
FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*video\s*$")
OPTION_LINE = re.compile(r"^(?P<option>[^\s:#][^:]*?)\s*:")


def option_lines(body: str, where: Where) -> dict[str, Where]:
    """Where each option of the block stands: the body starts on the line after the opening fence."""
    found: dict[str, Where] = {}
    for offset, line in enumerate(body.splitlines(), start=1):
        m = OPTION_LINE.match(line)
        if m and m["option"] not in found:
            found[m["option"]] = Where(where.file, where.line + offset)
    return found


def render(body: str, where: Where, page: PageContext | None, docs_dir: Path,
           said: dict[str, str] | None = None) -> str:
    """Validate one block's YAML body and return its HTML."""
    try:
        opts = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        raise ComponentError(
            str(where),
            f"the video block is not valid YAML ({getattr(exc, 'problem', exc)})",
            "write one 'option: value' per line, for example 'title: Sequence #1'",
        ) from None
    if not isinstance(opts, dict):
        raise ComponentError(str(where), "the video block must hold 'option: value' lines",
                             "write for example 'title: Sequence #1' on its own line")
    lines = option_lines(body, where)
    unknown = [str(option) for option in opts if option not in OPTIONS]
    if unknown:
        first = lines.get(unknown[0], where)
        guesses = [f"'{close[0]}' (not '{u}')" for u in unknown
                   if (close := difflib.get_close_matches(u, list(OPTIONS), 1, 0.6))]
        raise ComponentError(
            str(first),
            f"unknown video option {', '.join(repr(u) for u in unknown)}",
            (f"did you mean {', '.join(guesses)}? Use" if guesses else "use")
            + " only these options: " + "; ".join(f"{k} ({v})" for k, v in OPTIONS.items()),
        )
    title = opts.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ComponentError(str(where), "the video has no title",
                             "add 'title: <what the video shows>' so screen readers can name it")
    kinds = [k for k in ("src", "youtube", "vimeo") if k in opts]
    if len(kinds) != 1:
        raise ComponentError(str(where), "a video needs exactly one of src, youtube or vimeo"
                             + (f" (found {', '.join(kinds)})" if kinds else ""),
                             "give 'src:' for a file in docs/, or 'youtube:'/'vimeo:' with the video ID")
    files = _Files(where, lines, page, docs_dir)
    said = said or words(docs_dir, page.language if page else None)
    if kinds[0] == "src":
        if "start" in opts:
            raise ComponentError(files.at("start"), "'start' only applies to youtube or vimeo videos",
                                 "remove 'start:'; local clips have chapters instead")
        return _local(title.strip(), opts, files, said)
    return _hosted(title.strip(), kinds[0], opts, files, where, said)


class _Files:
    """Checks that local files exist and turns them into page-relative URLs."""

    def __init__(self, where: Where, lines: dict[str, Where], page: PageContext | None, docs_dir: Path) -> None:
        self.where, self.lines, self.page, self.docs_dir = where, lines, page, docs_dir

    def at(self, option: str) -> str:
        """The option's own line, for a message about it (the block's opening fence if not found)."""
        return str(self.lines.get(option, self.where))

    def url(self, option: str, value: object, suffixes: tuple[str, ...], attr: str = "src") -> str:
        """URL for an HTML attribute: src/href may be rewritten by the engine, others (poster) are not."""
        if not isinstance(value, str) or not value.strip():
            raise ComponentError(self.at(option), f"'{option}' must be a file path",
                                 f"write '{option}: assets/media/<file>'")
        if re.match(r"^[a-z]+:|^//|^/", value):
            raise ComponentError(self.at(option), f"'{option}' points outside the site: {value}",
                                 "put the file under docs/ and give its path relative to this page")
        if not value.lower().endswith(suffixes):
            raise ComponentError(self.at(option), f"'{option}' must end in {' or '.join(suffixes)}: {value}",
                                 f"use a {' or '.join(suffixes)} file")
        if self.page is None:  # Rendering outside a site (unit tests): keep the path.
            return value
        docs_path = self.page.resolve(value)
        if not (self.docs_dir / docs_path).is_file():
            raise ComponentError(self.at(option), f"'{option}' file not found: docs/{docs_path}",
                                 "check the spelling, or add the file (media is made by 'make media')")
        return self.page.link_for(docs_path) if attr in ("src", "href") else self.page.url_for(docs_path)


    def size(self, value: str) -> int:
        """Bytes of a local file that url() has checked."""
        return (self.docs_dir / self.page.resolve(value)).stat().st_size


# The captions' language, from the file name: sequence-1.es.vtt is in Spanish.
CAPTIONS_LANGUAGE = re.compile(r"\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.vtt$")


def _local(title: str, opts: dict, files: _Files, said: dict[str, str]) -> str:
    srcs = opts["src"] if isinstance(opts["src"], list) else [opts["src"]]
    if not srcs:
        raise ComponentError(files.at("src"), "'src' lists no files",
                             "give at least one file, for example 'src: assets/media/clip.mp4'")
    sources = []
    for src in srcs:
        url = files.url("src", src, tuple(MEDIA_TYPES))
        # The file's size, for "Save for offline (284 kB)" without asking the server.
        size = f' data-hip-bytes="{files.size(src)}"' if files.page is not None else ""
        sources.append(f'<source src="{_a(url)}" type="{MEDIA_TYPES[Path(str(src)).suffix.lower()]}"{size}>')
    download = url  # the fallback link offers the last (most widely playable) source, not a track
    tracks = []
    if "captions" in opts:
        url = files.url("captions", opts["captions"], (".vtt",))
        found = CAPTIONS_LANGUAGE.search(str(opts["captions"]))
        lang = found["lang"] if found else said["language"]
        tracks.append(f'<track kind="captions" src="{_a(url)}" srclang="{_a(lang)}" '
                      f'label="{_a(said["video.captions"])}" default>')
    if "chapters" in opts:
        url = files.url("chapters", opts["chapters"], (".vtt",))
        tracks.append(f'<track kind="chapters" src="{_a(url)}" srclang="{_a(said["language"])}" '
                      f'label="{_a(said["video.chapters"])}">')
    poster = ""
    if "poster" in opts:
        poster = f' poster="{_a(files.url("poster", opts["poster"], (".jpg", ".jpeg", ".png", ".webp"), attr="poster"))}"'
    # The words the page scripts say about the clip, in the page's language
    # (save-clip.js, steps-video.js read them here: no catalog to load).
    scripts = "".join(f' data-hip-{name}="{_a(said[key])}"' for name, key in (
        ("save", "video.save"), ("saved", "video.saved"), ("remove", "video.remove"), ("saving", "video.saving"),
        ("failed", "video.failed"), ("play-step", "video.playStep")))
    return (
        f'<figure class="hip-video"{scripts}>'
        # preload="none": the poster stands in, and not a byte of the clip is
        # fetched until the reader plays it (one bar of signal in a gym).
        f'<video class="hip-video__media" controls playsinline preload="none"{poster}'
        f' width="1280" height="720" aria-label="{_a(title)}">'
        + "".join(sources + tracks)
        + f'<a href="{_a(download)}">{html.escape(said["video.download"])}</a></video>'
        f"<figcaption>{html.escape(title)}</figcaption></figure>"
    )


def _hosted(title: str, host: str, opts: dict, files: _Files, where: Where, said: dict[str, str]) -> str:
    video_id = str(opts[host]).strip()
    pattern, example = (YOUTUBE_ID, "dQw4w9WgXcQ") if host == "youtube" else (VIMEO_ID, "76979871")
    if not pattern.match(video_id):
        raise ComponentError(files.at(host), f"'{video_id}' is not a valid {host} video ID",
                             f"copy only the ID from the video's address, for example '{host}: {example}'")
    start = opts.get("start", 0)
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise ComponentError(files.at("start"), "'start' must be a whole number of seconds",
                             "write for example 'start: 30'")
    if "poster" not in opts:
        raise ComponentError(str(where), f"a {host} video needs a local 'poster' image",
                             "save a still of the video under docs/assets/ and add 'poster: <path>'; "
                             "the site never loads thumbnails from another host")
    for option in ("src", "captions", "chapters"):
        if option in opts:
            raise ComponentError(files.at(option), f"'{option}' does not apply to a {host} video",
                                 f"remove '{option}:'; the {host} player brings its own")
    poster = files.url("poster", opts["poster"], (".jpg", ".jpeg", ".png", ".webp"))
    if host == "youtube":
        embed = f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1" + (f"&start={start}" if start else "")
        name = "YouTube"
    else:
        embed = f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1" + (f"#t={start}s" if start else "")
        name = "Vimeo"
    return (
        f'<figure class="hip-video hip-video--hosted">'
        f'<a class="hip-video__facade" href="{_a(embed)}" data-hip-embed="{_a(embed)}"'
        f' data-hip-title="{_a(title)}">'
        f'<img class="hip-video__poster" src="{_a(poster)}" alt="" width="1280" height="720" loading="lazy" decoding="async">'
        f'<span class="hip-video__play" aria-hidden="true"></span>'
        f'<span class="hip-video__label">{html.escape(said["video.play"].format(title=title))}'
        f'<span class="hip-video__host">{html.escape(said["video.host"].format(host=name))}</span></span></a>'
        f"<figcaption>{html.escape(title)}</figcaption></figure>"
    )


def _a(value: str) -> str:
    return html.escape(value, quote=True)


class VideoPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, docs_dir: Path) -> None:
        super().__init__(md)
        self.docs_dir = docs_dir

    def run(self, lines: list[str]) -> list[str]:
        page = current_page(self.md, self.docs_dir)
        out: list[str] = []
        i = 0
        while i < len(lines):
            text, stamped = source.unstamp(lines[i])
            m = FENCE_OPEN.match(text)
            if not m:
                out.append(lines[i])
                i += 1
                continue
            indent, fence = m["indent"], m["fence"]
            end = i + 1
            close = re.compile(rf"^ {{0,{len(indent) + 3}}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            while end < len(lines) and not close.match(lines[end]):
                end += 1
            where = source.where(self.md, stamped, text)
            if end == len(lines):
                raise ComponentError(str(where), "the video block is never closed",
                                     f"end it with a line holding only {fence}")
            body = "\n".join(line[len(indent):] for line in lines[i + 1 : end])
            placeholder = self.md.htmlStash.store(render(body, where, page, self.docs_dir))
            out.extend(["", indent + placeholder, ""])
            i = end + 1
        return out


class VideoExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"docs_dir": ["docs", "folder holding the site's Markdown and media"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        docs_dir = Path(self.getConfig("docs_dir"))
        source.watch(md, docs_dir, FENCE_OPEN)
        # After snippets (32) and whitespace normalising (30), before raw HTML (20) and code fences (25).
        md.preprocessors.register(VideoPreprocessor(md, docs_dir), "hip_video", 29)


def makeExtension(**kwargs) -> VideoExtension:
    return VideoExtension(**kwargs)
