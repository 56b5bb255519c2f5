"""Content rules the engine cannot see, checked on the Markdown sources.

- front matter is valid YAML with title, description and last_reviewed (a date);
  MkDocs silently drops front matter it cannot parse, so only this check sees it;
- every image has alt text;
- every exercise page (steps in content tabs, or `exercise: true` in front
  matter) includes the stop rules before its steps and, once built, shows the
  health notice;
- each step reads at or below US grade 8 (Flesch-Kincaid, textstat).

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
    return report(problems)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def check_page(path: Path, site: Path | None) -> list[Problem]:
    name = rel(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    meta, problems = front_matter(name, lines)
    problems += check_images(name, lines)
    steps, trouble = page_steps(name, path)
    problems += trouble
    if steps or meta.get("exercise") is True:
        problems += check_exercise(name, path, lines, steps, site)
    return problems


def page_steps(name: str, path: Path) -> tuple[list[tuple[int, str]], list[Problem]]:
    """(line, text) of every step on the page, as the site model reads them (hipmd.steps decides)."""
    page = sitemodel.Page(path.relative_to(DOCS).as_posix(), SITE)
    try:
        lists = page.source_steps
    except ComponentError as error:  # the strict build reports it too; say it once here as well
        file, _, line = error.where.rpartition(":")
        return [], [Problem(file, int(line) if line.isdigit() else 1, error.problem, error.fix)]
    except Exception as error:  # noqa: BLE001 - e.g. a missing snippet: report, keep checking other pages
        return [], [Problem(name, 1, f"the page could not be read: {error}", "fix the problem the build reports")]
    return [(step.line or 1, step.text) for steps in lists for step in steps.steps], []


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
        stem = path.relative_to(DOCS).with_suffix("").as_posix()
        built = site / ("" if stem == "index" else stem.removesuffix("/index")) / "index.html"
        if not built.is_file() or 'class="hip-notice"' not in built.read_text(encoding="utf-8"):
            problems.append(Problem(name, 1, "the built page does not show the health notice",
                                    "keep the notice in overrides/main.html and do not hide it on exercise pages"))
    return problems


if __name__ == "__main__":
    sys.exit(main())
