"""Content rules the engine cannot see, checked on the Markdown sources.

- front matter is valid YAML with title, description and last_reviewed (a date);
  MkDocs silently drops front matter it cannot parse, so only this check sees it;
- every image has alt text;
- every exercise page (steps in content tabs, or `exercise: true` in front
  matter) includes the stop rules before its steps and, once built, shows the
  health notice;
- each step reads at or below US grade 8 (Flesch-Kincaid, textstat);
- a step that carries one of the source article's steps keeps its action: one
  of its sentences starts with a verb tools/source-steps.yml allows for it
  (Sequence #1 step 5 flattens the toes; it does not spread them);
- the exercise views (workout mode, the coach) show the stop rule: each tool
  builds its view with the shared lib/view.js, which carries it, and a built
  page that offers a view also holds the full stop rules the view shows.

Usage: check_content.py [--site site]   (with --site, the built pages are checked too)
Each failure prints `docs/<file>:<line>: <problem>. How to fix: <fix>`; exit 1 if any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

import sitemodel
from hipmd.errors import ComponentError
from lintlib import DOCS, ROOT, Problem, report

SITE = sitemodel.Site()
MAX_GRADE = 8
REQUIRED = {
    "title": "the page title shown in the browser tab and search results",
    "description": "one or two sentences for search results and link previews",
    "last_reviewed": "the date someone last checked the page against the source, as YYYY-MM-DD",
}
STOP_RULES = re.compile(r"""^--8<--\s+["']stop-rules\.md["']\s*$""")
FENCE = re.compile(r"^ *(`{3,}|~{3,})")
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\s*[(\[]")
HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HAS_ALT = re.compile(r"\balt\s*=", re.IGNORECASE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="built site to check for the health notice")
    args = parser.parse_args()
    problems: list[Problem] = []
    for path in sorted(DOCS.rglob("*.md")):
        problems += check_page(path, args.site)
    for path in sorted((ROOT / "includes").rglob("*.md")):
        problems += check_images(rel(path), path.read_text(encoding="utf-8").splitlines())
    problems += check_views()
    return report(problems)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def check_page(path: Path, site: Path | None) -> list[Problem]:
    name = rel(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    meta, problems = front_matter(name, lines)
    problems += check_images(name, lines)
    lists, trouble = page_steps(name, path)
    problems += trouble
    steps = [(step.line or 1, step.text) for steps in lists for step in steps.steps]
    if steps or meta.get("exercise") is True:
        problems += check_exercise(name, path, lines, steps, site)
    problems += check_actions(name, path.relative_to(DOCS).as_posix(), lists)
    return problems


def page_steps(name: str, path: Path) -> tuple[list[sitemodel.StepList], list[Problem]]:
    """The page's step lists, as the site model reads them (hipmd.steps decides what a step is)."""
    page = sitemodel.Page(path.relative_to(DOCS).as_posix(), SITE)
    try:
        return page.source_steps, []
    except ComponentError as error:  # the strict build reports it too; say it once here as well
        file, _, line = error.where.rpartition(":")
        return [], [Problem(file, int(line) if line.isdigit() else 1, error.problem, error.fix)]
    except Exception as error:  # noqa: BLE001 - e.g. a missing snippet: report, keep checking other pages
        return [], [Problem(name, 1, f"the page could not be read: {error}", "fix the problem the build reports")]


SENTENCE = re.compile(r"(?:^|[.!?]\s+)([A-Za-z']+)")
VERBS_FILE = "tools/source-steps.yml"


def check_actions(name: str, src: str, lists: list[sitemodel.StepList]) -> list[Problem]:
    """Each step that carries a source step starts a sentence with one of its verbs."""
    problems = []
    source = SITE.source_steps.get(src, [])
    for steps in lists:
        if source and len(steps.steps) != len(source):
            problems.append(Problem(name, steps.steps[0].line or 1,
                                    f"the '{steps.label}' tab has {len(steps.steps)} steps, the source article "
                                    f"{len(source)}", f"keep one step per source step, in order (see {VERBS_FILE})"))
            continue
        for step, expected in zip(steps.steps, source):
            leads = [word.lower() for word in SENTENCE.findall(step.text)]
            if not set(leads) & set(expected.verbs):
                problems.append(Problem(
                    name, step.line or 1,
                    f"step {step.number} of '{steps.label}' starts with '{leads[0] if leads else step.text[:20]}', "
                    f"but the source's step is about: \"{expected.source}\"",
                    f"start a sentence of the step with one of: {', '.join(expected.verbs)} "
                    f"(the verbs the source allows are in {VERBS_FILE}; change them there only with the source)"))
    return problems


JS = DOCS / "assets" / "javascripts"
STOP_RULE = "Stop if it hurts."
TOOL_IMPORT = re.compile(r"""^\s*(?P<name>[\w-]+): \(\) => import\("\./(?P<file>[\w-]+\.js)"\)""", re.MULTILINE)


def check_views() -> list[Problem]:
    """Every full-screen exercise view shows the stop rule: the shared view carries it, each tool uses it."""
    problems = []
    view = JS / "lib" / "view.js"
    text = view.read_text(encoding="utf-8")
    if STOP_RULE not in text:
        line = next((n for n, l in enumerate(text.splitlines(), 1) if "const SAFETY" in l), 1)
        problems.append(Problem(rel(view), line, f"the exercise views' shared layout lacks the stop rule '{STOP_RULE}'",
                                "keep the stop rule line (SAFETY) in lib/view.js: every exercise view shows it"))
    main_js = JS / "main.js"
    for m in TOOL_IMPORT.finditer(main_js.read_text(encoding="utf-8")):
        module = JS / m["file"]
        text = module.read_text(encoding="utf-8")
        if "fullScreenView(" not in text:
            line = next((n for n, l in enumerate(text.splitlines(), 1) if "export function open" in l), 1)
            problems.append(Problem(rel(module), line,
                                    f"the {m['name']} view is not built with the shared full-screen view, so it "
                                    "would not show the stop rule",
                                    "build it with fullScreenView() from lib/view.js"))
    return problems


def front_matter(name: str, lines: list[str]) -> tuple[dict, list[Problem]]:
    if not lines or lines[0].strip() != "---":
        return {}, [Problem(name, 1, "the page has no front matter",
                            "start the file with a block between two '---' lines holding "
                            "title, description and last_reviewed (see STYLE.md)")]
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return {}, [Problem(name, 1, "the front matter is never closed",
                            "end it with a line holding only '---'")]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 as lines count from 1
        return {}, [Problem(name, line, f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)}), "
                                        "and MkDocs silently ignores front matter it cannot read",
                            "write 'key: value' per line; put quotes around a value holding ': ' or ' #' "
                            "or starting with a special character, for example title: \"Sequence #1: arches\"")]
    if not isinstance(meta, dict):
        return {}, [Problem(name, 2, "the front matter must hold 'key: value' lines",
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


def check_exercise(name: str, path: Path, lines: list[str], steps: list[tuple[int, str]],
                   site: Path | None) -> list[Problem]:
    import textstat  # only exercise pages need it

    problems = []
    stop = next((n for n, line in outside_code(lines) if STOP_RULES.match(line)), None)
    first_step = steps[0][0] if steps else len(lines)
    if stop is None or stop > first_step:
        problems.append(Problem(name, first_step,
                                "an exercise page must show the stop rules before its steps",
                                "add the line  --8<-- \"stop-rules.md\"  on its own, above the steps"))
    for number, text in steps:
        grade = textstat.flesch_kincaid_grade(text)
        if grade > MAX_GRADE:
            problems.append(Problem(name, number, f"step text reads at US grade {grade:.1f}, above {MAX_GRADE}",
                                    "use shorter words and one short sentence per step (see STYLE.md)"))
    if site is not None:
        built = sitemodel.Page(path.relative_to(DOCS).as_posix(), SITE).html(site)
        html = built.read_text(encoding="utf-8") if built.is_file() else ""
        if 'class="hip-notice"' not in html:
            problems.append(Problem(name, 1, "the built page does not show the health notice",
                                    "keep the notice in overrides/main.html and do not hide it on exercise pages"))
        if "data-hip-open" in html and "hip-stop" not in html:
            problems.append(Problem(name, first_step, "the page offers an exercise view (workout mode, a tool) but "
                                    "not the stop rules it shows", "add the line  --8<-- \"stop-rules.md\"  above "
                                    "the steps"))
    return problems


if __name__ == "__main__":
    sys.exit(main())
