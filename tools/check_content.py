"""Content rules the engine cannot see, checked on the Markdown sources.

- front matter is valid YAML with title, description and last_reviewed (a date);
  MkDocs silently drops front matter it cannot parse, so only this check sees it;
- every image has alt text;
- every admonition is of a type the site styles (the theme's stylesheet);
- stop rules wherever exercises are: every page includes them, above the
  first thing it asks the reader to do (a numbered list, in tabs or not, or a
  page tool), unless its front matter says `exercise: false`, which a page
  with a numbered list or a tool may not say; once built, such a page shows
  the health notice;
- each step reads at or below US grade 8 (Flesch-Kincaid, textstat);
- a step that carries one of the source article's steps keeps its action and
  its key words (tools/source-steps.yml): one of its sentences starts with a
  verb allowed for it (Sequence #1 step 5 flattens the toes; it does not
  spread them), it holds the step's key words, and the tab has one step per
  source step;
- a page's clip is in step with it: the chapters are the first tab's steps
  word for word, and the captions and transcript are what tools/render_media.py
  writes (`make media MEDIA_ARGS=--tracks` brings them back in step);
- the exercise views (workout mode, the coach) show the stop rule: each tool
  builds its view with the shared lib/view.js, which carries it, and a built
  page that offers a view also holds the full stop rules the view shows.

Usage: check_content.py [--site site]   (with --site, the built pages are checked too)
Each failure prints `docs/<file>:<line>: <problem>. How to fix: <fix>`; exit 1 if any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import functools
import re
import sys
from pathlib import Path

import yaml

import sitemodel
from hipmd.errors import ComponentError
from hipmd.tools import SHORTCODE, TOOLS, Tool
from lintlib import DOCS, ROOT, Problem, report

SITE = sitemodel.Site()
MAX_GRADE = 8
REQUIRED = {
    "title": "the page title shown in the browser tab and search results",
    "description": "one or two sentences for search results and link previews",
    "last_reviewed": "the date someone last checked the page against the source, as YYYY-MM-DD",
}
# A translation includes its language's copy: --8<-- "es/stop-rules.md".
STOP_RULES = re.compile(r"""^--8<--\s+["'](?:[\w-]+/)?stop-rules\.md["']\s*$""")
FENCE = re.compile(r"^ *(`{3,}|~{3,})")
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\s*[(\[]")
HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HAS_ALT = re.compile(r"\balt\s*=", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*\d+\.\s+\S")
ADMONITION = re.compile(r'^ *(?P<mark>!!!|\?\?\?\+?) *(?P<classes>[\w-]+(?: +[\w-]+)*)?(?: +"[^"]*")? *$')
STOP_INCLUDE = '--8<-- "stop-rules.md"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="built site to check for the health notice")
    args = parser.parse_args()
    problems: list[Problem] = []
    for path in sorted(DOCS.rglob("*.md")):
        problems += check_page(path, args.site)
    for path in sorted((ROOT / "includes").rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        problems += check_images(rel(path), lines) + check_admonitions(rel(path), lines)
    problems += check_clips()
    problems += check_views()
    problems += check_translations()
    return report(problems)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def check_page(path: Path, site: Path | None) -> list[Problem]:
    name = rel(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    meta, problems = front_matter(name, lines)
    problems += check_images(name, lines) + check_admonitions(name, lines)
    lists, trouble = page_steps(name, path)
    problems += trouble
    steps = [(step.line or 1, step.text) for steps in lists for step in steps.steps]
    if meta is not None:  # unreadable front matter is reported above; whether it says exercise: false is unknown
        problems += check_stop_rules(name, lines, meta)
    if steps and not name.startswith(tuple(f"docs/{lang.folder}" for lang in SITE.languages[1:])):
        problems += check_grade(name, steps)  # Flesch-Kincaid is a measure of English
    if site is not None and meta is not None and meta.get("exercise") is not False:
        problems += check_built(name, path, site, steps[0][0] if steps else 1)
    problems += check_actions(name, path.relative_to(DOCS).as_posix(), lists)
    return problems


def page(path: Path) -> sitemodel.Page:
    """The model's page (its steps read once for every check), or a page outside the nav."""
    src = path.relative_to(DOCS).as_posix()
    return next((p for p in SITE.all_pages if p.src == src), None) or sitemodel.Page(src, SITE)


HEADING = re.compile(r"^#{1,6} \S")
TRANSLATION_FIELDS = "translation:\n  source: {hash}\n  reviewed_by: \"\"\n  reviewed_on:"


def check_translations() -> list[Problem]:
    """Each translation is true to its English page (docs/<lang>/x.md to docs/x.md): every English page
    has one; the same tabs with as many steps each (the English page's steps are checked against the
    source article, tools/source-steps.yml, whose verbs are English: a translation is held to the
    English page's shape instead), the same components (video blocks, page tools, the stop rules) and
    as many headings; and its front matter records the English page's version it was made from. An
    English page changed since then is a warning (printed, not a failure): an English fix never waits
    for a translator, and the built page says the English page has changed."""
    from hipmd.translation import front_matter as read_front_matter, source_hash

    problems = []
    for language in SITE.languages[1:]:
        have = {p.english.src for p in SITE.all_pages if p.language is language}
        for english in SITE.pages:
            if english.src not in have:
                problems.append(Problem(f"docs/{english.src}", 1, f"this page has no {language.name} translation "
                                        f"in docs/{language.folder}",
                                        f"copy it to docs/{language.folder}{english.src}, translate it, and add it "
                                        f"to nav: in mkdocs.{language.code}.yml"))
    for translation in SITE.all_pages:
        if translation.lang.default:
            continue
        english, name = translation.english, f"docs/{translation.src}"
        if not english.path.is_file():
            problems.append(Problem(name, 1, f"there is no English page docs/{english.src} for this translation",
                                    "give the file the English page's name"))
            continue
        text = translation.path.read_text(encoding="utf-8")
        lines = text.splitlines()
        meta, _ = read_front_matter(text)
        current = source_hash(english.path)
        recorded = str((meta.get("translation") or {}).get("source") or "")
        meta_line = next((n for n, line in enumerate(lines, start=1) if line.startswith("translation:")), 1)
        if not recorded:
            problems.append(Problem(name, meta_line, "the front matter does not say which version of the English "
                                    "page this translates",
                                    "add to the front matter: " + TRANSLATION_FIELDS.format(hash=current).replace("\n", " / ")))
        elif recorded != current:
            print(Problem(name, meta_line + 1, f"warning: docs/{english.src} has changed since this translation "
                          f"(translated from {recorded}, now {current}); the page says so to readers",
                          f"bring the translation in step with the English page (git diff the English file), "
                          f"then set  source: {current}"), file=sys.stderr)
        problems += parity(name, lines, translation, english)
    return problems


def parity(name: str, lines: list[str], translation: sitemodel.Page, english: sitemodel.Page) -> list[Problem]:
    """The translation has the English page's tabs, steps per tab, components and headings."""
    english_lines = english.path.read_text(encoding="utf-8").splitlines()
    problems = []
    try:
        ours, theirs = translation.source_steps, english.source_steps
    except Exception:  # noqa: BLE001 - reported by check_page
        return []
    for index, (mine, source) in enumerate(zip(ours, theirs), start=1):
        if len(mine.steps) < len(source.steps):
            last = mine.steps[-1].line if mine.steps else 1
            problems.append(Problem(name, last or 1, f"tab {index} ('{mine.label}') stops at step {len(mine.steps)}; "
                                    f"the English page's tab '{source.label}' has {len(source.steps)} steps",
                                    f"translate the missing step {len(mine.steps) + 1} of docs/{english.src} "
                                    f"after this one: '{source.steps[len(mine.steps)].text}'"))
        elif len(mine.steps) > len(source.steps):
            extra = mine.steps[len(source.steps)]
            problems.append(Problem(name, extra.line or 1, f"step {extra.number} of tab '{mine.label}' is one more "
                                    f"than the English page's tab '{source.label}' has ({len(source.steps)})",
                                    "a translation keeps the English page's steps: merge it into the step before, "
                                    "or take it out"))
    if len(ours) != len(theirs):
        problems.append(Problem(name, _body_line(lines), f"the page has {len(ours)} tabs with steps; the English "
                                f"page has {len(theirs)}", f"translate each tab of docs/{english.src}, in its order"))
    for what, pattern in (("video block", re.compile(r"^ *(`{3,}|~{3,})\s*video\s*$")),
                          ("page tool", SHORTCODE), ("stop rules include", STOP_RULES), ("heading", HEADING)):
        mine_at = [n for n, line in outside_code(lines) if pattern.match(line)]
        theirs_at = [n for n, line in outside_code(english_lines) if pattern.match(line)]
        if len(mine_at) != len(theirs_at):
            at = (mine_at[len(theirs_at)] if len(mine_at) > len(theirs_at) else (mine_at[-1] if mine_at else _body_line(lines)))
            problems.append(Problem(name, at, f"the page has {len(mine_at)} of {what}s; docs/{english.src} has "
                                    f"{len(theirs_at)}", f"keep the English page's {what}s, one for one, in its "
                                    "order (lines " + ", ".join(map(str, theirs_at)) + f" of docs/{english.src})"))
    return problems


def page_steps(name: str, path: Path) -> tuple[list[sitemodel.StepList], list[Problem]]:
    """The page's step lists, as the site model reads them (hipmd.steps decides what a step is)."""
    try:
        return page(path).source_steps, []
    except ComponentError as error:  # the strict build reports it too; say it once here as well
        file, _, line = error.where.rpartition(":")
        return [], [Problem(file, int(line) if line.isdigit() else 1, error.problem, error.fix)]
    except Exception as error:  # noqa: BLE001 - e.g. a missing snippet: report, keep checking other pages
        return [], [Problem(name, 1, f"the page could not be read: {error}", "fix the problem the build reports")]


@functools.cache
def styled_admonitions() -> tuple[str, ...]:
    """The admonition types the theme's stylesheet gives a colour and an icon (the site ships that sheet)."""
    import material

    sheets = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    css = "".join(sheet.read_text(encoding="utf-8") for sheet in sheets)
    return tuple(sorted(set(re.findall(r"\.admonition\.([a-z]+)\b", css))))


def check_admonitions(name: str, lines: list[str]) -> list[Problem]:
    """`!!! type` and `??? type`: the type (the first class) is one the site styles."""
    problems = []
    styled = styled_admonitions()
    for number, line in outside_code(lines):
        m = ADMONITION.match(line)
        if not m:
            continue
        kind = (m["classes"] or "").split()[0] if m["classes"] else ""
        if kind in styled:
            continue
        close = difflib.get_close_matches(kind, styled, 1, 0.6)
        problems.append(Problem(
            name, number,
            f"'{kind}' is not an admonition type the site styles, so the box would show with no colour or icon"
            if kind else "the admonition has no type",
            (f"did you mean '{m['mark']} {close[0]}'? " if close else "")
            + f"start the line with {m['mark']} and one of: {', '.join(styled)} (see \"Admonitions\" in "
            "CONTRIBUTING.md); a class of our own goes after the type, as in '!!! danger hip-stop'"))
    return problems


def things_to_do(lines: list[str]) -> list[int]:
    """Lines that ask the reader to do something: numbered list items (steps, in tabs or not) and tools."""
    found = []
    for number, line in outside_code(lines):
        tool = SHORTCODE.match(line)
        if NUMBERED.match(line) or (tool and isinstance(TOOLS.get(tool["name"]), Tool)):
            found.append(number)
    return found


def check_stop_rules(name: str, lines: list[str], meta: dict) -> list[Problem]:
    """Stop rules wherever exercises are. A machine cannot tell every exercise from its words, so the
    rule is the other way round: every page has them unless it says `exercise: false`, and a page
    that asks the reader to do something (a numbered list or a tool) cannot say that."""
    todo = things_to_do(lines)
    stop = next((n for n, line in outside_code(lines) if STOP_RULES.match(line)), None)
    if meta.get("exercise") is False:
        if todo:
            return [Problem(name, todo[0], "the page says 'exercise: false' but asks the reader to do something "
                            "here (a numbered list or a page tool)",
                            f"take 'exercise: false' out of the front matter and put the line  {STOP_INCLUDE}  "
                            "above this; on this site a numbered list is always something to do")]
        return []
    body = _body_line(lines)
    if stop is None:
        return [Problem(name, todo[0] if todo else body,
                        "a page with exercises must show the stop rules" + (" before its steps" if todo else ""),
                        f"add the line  {STOP_INCLUDE}  on its own, above the first step or tool; if the page "
                        "asks the reader to do nothing (no exercise, no movement to try), say so in its front "
                        "matter instead: exercise: false")]
    if todo and stop > todo[0]:
        return [Problem(name, todo[0], "an exercise page must show the stop rules before its steps",
                        f"move the line  {STOP_INCLUDE}  above the first step or tool")]
    return []


def _body_line(lines: list[str]) -> int:
    """The first line of text after the front matter (where a page-wide problem is reported)."""
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), -1) + 1
    return next((n for n, line in enumerate(lines[start:], start=start + 1) if line.strip()), 1)


SENTENCE = re.compile(r"(?:^|[.!?]\s+)([A-Za-z']+)")
VERBS_FILE = "tools/source-steps.yml"


def check_actions(name: str, src: str, lists: list[sitemodel.StepList]) -> list[Problem]:
    """Each tab carries the sequence's steps of tools/source-steps.yml: one step each, in order, each
    starting a sentence with one of its verbs and holding its key words."""
    problems = []
    source = SITE.source_steps.get(src, [])
    for steps in lists:
        if source and len(steps.steps) != len(source):
            problems.append(count_problem(name, steps, len(source)))
            continue
        for step, expected in zip(steps.steps, source):
            leads = [word.lower() for word in SENTENCE.findall(step.text)]
            if not set(leads) & set(expected.verbs):
                problems.append(Problem(
                    name, step.line or 1,
                    f"step {step.number} of '{steps.label}' starts with '{leads[0] if leads else step.text[:20]}', "
                    f"but the source's step is about: \"{expected.source.rstrip('.')}\"",
                    f"start a sentence of the step with one of: {', '.join(expected.verbs)} "
                    f"(the verbs the source allows are in {VERBS_FILE}; change them there only with the source)"))
            for term in expected.terms(steps.label):
                if term not in step.text.lower():
                    problems.append(Problem(
                        name, step.line or 1,
                        f"step {step.number} of '{steps.label}' no longer says '{term}', a key word of the "
                        f"source's step: \"{expected.source.rstrip('.')}\"",
                        f"keep '{term}' in the step's words ({VERBS_FILE} lists each step's key words; change "
                        "them there only with the source, see docs/sources.md)"))
    return problems


def count_problem(name: str, steps: sitemodel.StepList, expected: int, clip: str | None = None) -> Problem:
    """A tab with a step too many (named at that step) or too few (named at its last step): against
    tools/source-steps.yml, or (clip given) against the keyframes of a clip the source steps don't cover."""
    keyframes = ("Step(...) list in tools/render_media.py (one keyframe per step), then run "
                 f"`make media MEDIA_ARGS={clip or name.removeprefix('docs/').removesuffix('.md')}`")
    if len(steps.steps) > expected:
        extra = steps.steps[expected]
        if clip:
            return Problem(name, extra.line or 1, f"step {extra.number} of '{steps.label}' has no keyframe in the "
                           f"clip, which draws {expected}", f"add a keyframe for it to the clip's {keyframes}")
        return Problem(name, extra.line or 1,
                       f"step {extra.number} of '{steps.label}' is one more than this sequence has ({expected}, "
                       f"one per step in {VERBS_FILE})",
                       "merge it into the step before it or take it out. If the sequence really gains a step, add "
                       f"it to {VERBS_FILE} too, and a keyframe for it to the clip's {keyframes}")
    last = steps.steps[-1]
    if clip:
        return Problem(name, last.line or 1, f"the '{steps.label}' tab stops at step {last.number}, but the clip "
                       f"draws {expected} keyframes", f"take the extra keyframes out of the clip's {keyframes}")
    return Problem(name, last.line or 1,
                   f"the '{steps.label}' tab stops at step {last.number}, but this sequence has {expected} steps "
                   f"(one per step in {VERBS_FILE})",
                   f"add the missing step where it belongs, in the order of {VERBS_FILE}. If the sequence really "
                   f"loses a step, take it out of {VERBS_FILE} too, and its keyframe out of the clip's {keyframes}")


TRACKS_FIX = ("run `make media MEDIA_ARGS=--tracks` (it rewrites the clip's chapters, captions and transcript "
              "from the page's steps and tools/render_media.py, without re-encoding the clip) and commit what it "
              "writes; if the step's movement changed too, redraw the clip: change its keyframe in "
              "tools/render_media.py and run `make media MEDIA_ARGS={name}`")


def check_clips() -> list[Problem]:
    """Each drawn clip is in step with its page: the first tab's steps are its chapters word for word, and
    its captions and transcript are what tools/render_media.py would write now."""
    import render_media  # Pillow; only here

    problems = []
    for clip in render_media.CLIPS:
        where = ("tools/render_media.py", render_media.clip_line(clip))
        problems += [Problem(*where, problem, fix) for problem, fix in clip.problems()]
        src = f"{clip.name}.md"
        if not (DOCS / src).is_file():
            problems.append(Problem(*where, f"the clip {clip.name} draws docs/{src}, which does not exist",
                                    "name the clip after its page (Clip(\"sequence-3\", ...) for "
                                    "docs/sequence-3.md)"))
            continue
        try:
            lists = page(DOCS / src).source_steps
        except Exception:  # noqa: BLE001 - check_page reports why the page cannot be read
            continue
        if not lists:
            continue
        steps, name = lists[0], f"docs/{src}"
        if not (render_media.MEDIA / f"{clip.name}.webm").is_file():
            problems.append(Problem(*where, f"the clip {clip.name} has not been drawn yet",
                                    f"run `make media MEDIA_ARGS={clip.name}` and commit what it writes"))
            continue
        if not page(DOCS / src).video_blocks:
            problems.append(Problem(name, steps.steps[0].line or 1, f"docs/{src} has a drawn clip but does not "
                                    "show it", "add the video block and the transcript line above the steps "
                                    "(see \"Add a sequence\" in CONTRIBUTING.md)"))
        source = SITE.source_steps.get(src)
        if len(steps.steps) != len(clip.steps):
            if not source or len(source) == len(steps.steps):  # else check_actions has said it
                problems.append(count_problem(name, steps, len(clip.steps), clip.name))
            continue
        fix = TRACKS_FIX.format(name=clip.name)
        problems += clip_tracks(render_media, clip, src, name, steps, fix, None)
        # Each translation's chapters, captions (includes/<lang>/captions.yml) and transcript too.
        for translation in page(DOCS / src).translations()[1:]:
            try:
                their = translation.source_steps[0] if translation.source_steps else None
            except Exception:  # noqa: BLE001 - reported by check_page
                continue
            if their is not None and len(their.steps) == len(clip.steps):  # else the parity check says it
                problems += clip_tracks(render_media, clip, translation.src, f"docs/{translation.src}", their, fix,
                                        translation.language)
    return problems


def clip_tracks(render_media, clip, src: str, name: str, steps: sitemodel.StepList, fix: str,
                language: sitemodel.Language | None) -> list[Problem]:
    """A clip's chapters, captions and transcript in one language, against its page's steps."""
    problems = []
    try:
        expected = render_media.tracks(clip, steps.texts, language)
    except SystemExit as error:  # a translation's captions file lacks a step: render_media says where
        m = re.match(r"(?P<file>[^:]+):(?P<line>\d+): (?P<problem>.*?)\. How to fix: (?P<fix>.*)", str(error), re.S)
        return [Problem(m["file"], int(m["line"]), m["problem"], m["fix"])] if m else []
    chapters, captions, transcript = render_media.track_files(clip, language)
    said = chapter_texts(chapters)
    stale = [step for step in steps.steps
             if said is not None and step.number <= len(said) and said[step.number - 1] != step.text]
    problems += [Problem(name, step.line or 1, f"the clip's chapter for step {step.number} still says "
                         f"\"{said[step.number - 1].rstrip('.')}\"", fix) for step in stale]
    for path, what in ((chapters, "chapters are"), (captions, "captions are"), (transcript, "transcript is")):
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == expected[path] or (path == chapters and stale):
            continue  # in step, or said above at the steps whose chapters are stale
        problems.append(Problem(rel(path), first_difference(current or "", expected[path]),
                                f"the {clip.name} clip's {what} out of step with docs/{src} and the "
                                "captions in tools/render_media.py" if current is not None
                                else f"the {clip.name} clip has no {what.split()[0]} file yet", fix))
    return problems


def chapter_texts(path: Path) -> list[str] | None:
    """The words of each chapter cue in a chapters file (None if there is no file)."""
    if not path.is_file():
        return None
    blocks = path.read_text(encoding="utf-8").replace("\r\n", "\n").strip().split("\n\n")[1:]
    return [" ".join(line for line in block.split("\n") if "-->" not in line and not line.startswith("step-"))
            for block in blocks]


def first_difference(current: str, expected: str) -> int:
    """The first line where two texts differ (counting from 1)."""
    a, b = current.splitlines(), expected.splitlines()
    return next((n for n, (x, y) in enumerate(zip(a, b), start=1) if x != y), min(len(a), len(b)) + 1)


JS = DOCS / "assets" / "javascripts"
STOP_RULE = "Stop if it hurts."
TOOL_IMPORT = re.compile(r"""^\s*(?P<name>[\w-]+): \(\) => import\("\./(?P<file>[\w/-]+\.js)"\)""", re.MULTILINE)


def check_views() -> list[Problem]:
    """Every full-screen exercise view shows the stop rule: the shared view (lib/view.js) writes it from the
    message catalog, where it must be said, and each tool opens its view through it."""
    problems = []
    catalog = JS / "messages" / "en.js"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    line = next((n for n, l in enumerate(lines, 1) if '"view.stopIfItHurts"' in l), 1)
    if f'"view.stopIfItHurts": "{STOP_RULE}"' not in lines[line - 1]:
        problems.append(Problem(rel(catalog), line, f"the exercise views' stop rule is not '{STOP_RULE}'",
                                f'keep "view.stopIfItHurts": "{STOP_RULE}" in the catalog: every exercise view '
                                "shows it in sight"))
    view = JS / "lib" / "view.js"
    if 't("view.stopIfItHurts")' not in view.read_text(encoding="utf-8"):
        problems.append(Problem(rel(view), 1, "the exercise views' shared layout does not show the stop rule",
                                'keep t("view.stopIfItHurts") in the safety strip of lib/view.js'))
    main_js = JS / "main.js"
    for m in TOOL_IMPORT.finditer(main_js.read_text(encoding="utf-8")):
        module = JS / m["file"]
        text = module.read_text(encoding="utf-8")
        if "openView(" not in text:
            line = next((n for n, l in enumerate(text.splitlines(), 1) if "export async function open" in l), 1)
            problems.append(Problem(rel(module), line,
                                    f"the {m['name']} view is not opened with the shared full-screen view, so it "
                                    "would not show the stop rule, nor close on Back",
                                    "open it with openView() from lib/view.js"))
    return problems


def front_matter(name: str, lines: list[str]) -> tuple[dict | None, list[Problem]]:
    """The front matter, and its problems (None if it cannot be read)."""
    if not lines or lines[0].strip() != "---":
        return {}, [Problem(name, 1, "the page has no front matter",
                            "start the file with a block between two '---' lines holding "
                            "title, description and last_reviewed (see STYLE.md)")]
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return None, [Problem(name, 1, "the front matter is never closed",
                            "end it with a line holding only '---'")]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 as lines count from 1
        return None, [Problem(name, line, f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)}), "
                                        "and MkDocs silently ignores front matter it cannot read",
                            "write 'key: value' per line; put quotes around a value holding ': ' or ' #' "
                            "or starting with a special character, for example title: \"Sequence #1: arches\"")]
    if not isinstance(meta, dict):
        return None, [Problem(name, 2, "the front matter must hold 'key: value' lines",
                            "write for example 'title: Single-leg stance' on its own line")]
    problems = []
    for key, what in REQUIRED.items():
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(name, end + 1, f"the front matter has no '{key}'",
                                    f"add '{key}:' with {what}"))
    reviewed = meta.get("last_reviewed")
    if reviewed is not None and not valid_date(reviewed):
        line = next((i + 1 for i, l in enumerate(lines[:end]) if l.startswith("last_reviewed")), 1)
        problems.append(Problem(name, line, f"last_reviewed is not a valid date: {reviewed!r}",
                                "write the date as YYYY-MM-DD, for example last_reviewed: 2026-11-23"))
    return meta, problems


def valid_date(value: object) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def outside_code(lines: list[str]):
    """(line number, text) of every line outside fenced code (and video) blocks."""
    fence = ""
    for number, line in enumerate(lines, start=1):
        m = FENCE.match(line)
        if m and not fence:
            fence = m[1]
        elif m and line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            fence = ""
        elif not fence:
            yield number, line


def check_images(name: str, lines: list[str]) -> list[Problem]:
    problems = []
    for number, line in outside_code(lines):
        for m in MD_IMAGE.finditer(line):
            if not m["alt"].strip():
                problems.append(Problem(name, number, "an image has no alt text",
                                        "describe what the image shows inside the brackets: "
                                        "![Side view: pelvis level over the standing leg](assets/images/x.svg)"))
        for m in HTML_IMG.finditer(line):
            if not HAS_ALT.search(m["attrs"]):
                problems.append(Problem(name, number, "an <img> has no alt attribute",
                                        "add alt=\"what the image shows\" (alt=\"\" only for pure decoration)"))
    return problems


def check_grade(name: str, steps: list[tuple[int, str]]) -> list[Problem]:
    import textstat  # only pages with steps need it

    problems = []
    for number, text in steps:
        grade = textstat.flesch_kincaid_grade(text)
        if grade > MAX_GRADE:
            problems.append(Problem(name, number, f"step text reads at US grade {grade:.1f}, above {MAX_GRADE}",
                                    "use shorter words and one short sentence per step (see STYLE.md)"))
    return problems


def check_built(name: str, path: Path, site: Path, first_step: int) -> list[Problem]:
    """The built page of an exercise page: the health notice, and the stop rules any view it offers shows."""
    built = page(path).html(site)
    html = built.read_text(encoding="utf-8") if built.is_file() else ""
    problems = []
    if not re.search(r"""class=["']?hip-notice[\s"'>]""", html):
        problems.append(Problem(name, 1, "the built page does not show the health notice",
                                "keep the notice in overrides/main.html and do not hide it on exercise pages"))
    if "data-hip-open" in html and "hip-stop" not in html:
        problems.append(Problem(name, first_step, "the page offers an exercise view (workout mode, a tool) but "
                                "not the stop rules it shows", f"add the line  {STOP_INCLUDE}  above the steps"))
    return problems


if __name__ == "__main__":
    sys.exit(main())
