"""`make lint` catches each kind of contributor mistake and names the file.

Each case copies the project (without builds) to a temporary folder, makes
one mistake there and runs `make lint` against the same virtual environment
and npm tools, so the real Makefile recipe is what is tested.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

ANYWHERE = shutil.ignore_patterns("__pycache__", ".pytest_cache")
AT_THE_TOP = shutil.ignore_patterns("site", "site-*", ".venv*", "node_modules", ".cache", ".hip-cache", ".git", "results")


def SKIP(folder: str, names: list[str]) -> set[str]:  # noqa: N802 - shutil's ignore callback
    """Builds, environments and caches at the top of the project; caches anywhere; test output."""
    skipped = set(ANYWHERE(folder, names))
    if Path(folder) == ROOT:
        skipped |= set(AT_THE_TOP(folder, names))
    if Path(folder) == ROOT / "tests":
        skipped.add("artifacts")
    return skipped
LINE = re.compile(r"^(?P<file>docs/[^:]+):(?P<line>\d+): .+\. How to fix: .+$", re.MULTILINE)


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=SKIP, symlinks=True)
    for shared in (".venv", "node_modules"):  # reuse the installed tools instead of reinstalling
        (dest / shared).symlink_to(ROOT / shared, target_is_directory=True)
    return dest


def lint(project: Path) -> subprocess.CompletedProcess:
    # The project's .venv points at the real repository through hipmd.pth; PYTHONPATH puts the copy first.
    return subprocess.run(["make", "--no-print-directory", "lint"], cwd=project, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin:/usr/local/bin", "PYTHONPATH": str(project)})


def edit(project: Path, page: str, old: str, new: str) -> int:
    """Replace `old` (once) in a page; return the line where the change starts."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def append(project: Path, page: str, text: str) -> int:
    """Add lines at the end of a page; return the line of the first one."""
    path = project / "docs" / page
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 2


def assert_fails_naming(result: subprocess.CompletedProcess, where: str, words: str) -> str:
    """The run failed with a `file:line: problem. How to fix: ...` line at `where` (file:line) saying words."""
    assert result.returncode != 0, result.stdout + result.stderr
    lines = [m[0] for m in LINE.finditer(result.stderr) if f"{m['file']}:{m['line']}" == where]
    matching = [line for line in lines if words in line]
    assert matching, f"no '{where}: ...{words}... How to fix:' line in:\n{result.stderr}"
    return matching[0]


def first_step(project: Path, page: str) -> str:
    text = (project / "docs" / page).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.strip().startswith("1. ")).strip()


def first_step_line(project: Path, page: str) -> int:
    lines = (project / "docs" / page).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith("1. "))


def front_matter_end(project: Path, page: str) -> int:
    lines = (project / "docs" / page).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines[1:], start=2) if line.strip() == "---")


def new_page(project: Path, page: str, text: str) -> int:
    (project / "docs" / page).write_text(text, encoding="utf-8")
    return 1


def without_stop_rules(project: Path, page: str) -> int:
    edit(project, page, '--8<-- "stop-rules.md"', "")
    return first_step_line(project, page)


def without_last_reviewed(project: Path, page: str) -> int:
    edit(project, page, "last_reviewed: 2026-11-23\n", "")
    return front_matter_end(project, page)


# Mistakes the strict build only warns about, and content rules: lint reports them all in one pass,
# so one copy carries them all (each on its own page, so none hides another). Each change returns
# the line the message must name.
ALL_IN_ONE_PASS = {
    "link to a missing page": (
        lambda p: append(p, "anatomy.md", "See [the cool-down](cool-down.md)."),
        "docs/anatomy.md", "link to a missing page 'cool-down.md'"),
    "link to a missing anchor": (
        lambda p: append(p, "foot-hip-alignment.md", "See [the steps](sequence-1.md#no-such-heading)."),
        "docs/foot-hip-alignment.md", "missing anchor '#no-such-heading'"),
    "image without alt text": (
        lambda p: append(p, "single-leg-stance.md", "![](assets/images/favicon.svg)"),
        "docs/single-leg-stance.md", "an image has no alt text"),
    "page missing from nav": (
        lambda p: new_page(p, "warm-up.md",
                           "---\ntitle: Warm-up\ndescription: A warm-up.\nlast_reviewed: 2026-11-23\n---\n\n# Warm-up\n"),
        "docs/warm-up.md", "not in the site's navigation"),
    "malformed front matter": (
        lambda p: edit(p, "disclaimer.md", "title: Medical disclaimer", "title: Disclaimer: medical: read first"),
        "docs/disclaimer.md", "front matter is not valid YAML"),
    "front matter without last_reviewed": (
        lambda p: without_last_reviewed(p, "index.md"),
        "docs/index.md", "has no 'last_reviewed'"),
    "exercise page without the stop rules": (
        lambda p: without_stop_rules(p, "sequence-1.md"),
        "docs/sequence-1.md", "must show the stop rules"),
    "step that changes the source step's action": (
        lambda p: edit(p, "sequence-1.md", "5. Lay your toes flat", "5. Spread your toes flat"),
        "docs/sequence-1.md", "step 5 of 'Standing' starts with 'spread'"),
    "exercise view without the stop rule": (
        lambda p: edit(p, "assets/javascripts/lib/view.js", "Stop if it hurts.", "Take care."),
        "docs/assets/javascripts/lib/view.js", "lacks the stop rule 'Stop if it hurts.'"),
    # The JavaScript checks (tools/check_js.py): ESLint's no-undef, and TypeScript's check of the DOM's types.
    "undefined name in a page script": (
        lambda p: edit(p, "assets/javascripts/video.js", "frame.focus();", "fram.focus();"),
        "docs/assets/javascripts/video.js", "'fram' is not defined (ESLint no-undef). How to fix: define it or import it"),
    "wrong member on a DOM element": (
        lambda p: edit(p, "assets/javascripts/save-clip.js", "button.disabled = true;", "button.disable = true;"),
        "docs/assets/javascripts/save-clip.js",
        "Property 'disable' does not exist on type 'HTMLButtonElement'. Did you mean 'disabled'?"),
    "step above grade 8": (
        lambda p: edit(p, "sequence-2.md", first_step(p, "sequence-2.md"),
                       "1. Transfer your bodyweight predominantly onto one foot, maintaining "
                       "comprehensive proprioceptive awareness."),
        "docs/sequence-2.md", "reads at US grade"),
}


SNIPPET_THEN_VIDEO = """--8<-- "stop-rules.md"

```video
title: Side view
src: assets/x.mp4
autoplay: true
```"""

# A bad component stops the build at once, so each gets a copy of its own.
ON_THEIR_OWN = {
    "unknown component option": (
        lambda p: append(p, "anatomy.md", "```video\ntitle: Side view\nsrc: assets/x.mp4\nautoplay: true\n```"),
        "docs/anatomy.md", "unknown video option 'autoplay'"),
    "missing video file": (
        lambda p: append(p, "anatomy.md", "```video\ntitle: Side view\nsrc: assets/media/no-such-clip.mp4\n```"),
        "docs/anatomy.md", "file not found: docs/assets/media/no-such-clip.mp4"),
    # Snippets are pasted in before components run; the line must still be the page's own.
    "video block after a snippet": (
        lambda p: append(p, "anatomy.md", SNIPPET_THEN_VIDEO) + 2,
        "docs/anatomy.md", "unknown video option 'autoplay'"),
    "unknown tool": (
        lambda p: append(p, "single-leg-stance.md", "<!-- hip:mirror -->"),
        "docs/single-leg-stance.md", "unknown tool 'hip:mirror'"),
}


@pytest.fixture(scope="module")
def one_pass(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, dict[str, int]]:
    project = copy_project(tmp_path_factory.mktemp("lint") / "project")
    lines = {case: change(project) for case, (change, _, _) in ALL_IN_ONE_PASS.items()}
    return lint(project), lines


@pytest.mark.parametrize("case", ALL_IN_ONE_PASS, ids=list(ALL_IN_ONE_PASS))
def test_mistake_is_reported_with_file_and_line(one_pass, case: str) -> None:
    result, lines = one_pass
    _, file, words = ALL_IN_ONE_PASS[case]
    print(assert_fails_naming(result, f"{file}:{lines[case]}", words))  # with -s: the message a contributor sees


@pytest.mark.parametrize("case", ON_THEIR_OWN, ids=list(ON_THEIR_OWN))
def test_bad_component_stops_lint_naming_file_and_line(tmp_path: Path, case: str) -> None:
    change, file, words = ON_THEIR_OWN[case]
    project = copy_project(tmp_path / "project")
    line = change(project)
    print(assert_fails_naming(lint(project), f"{file}:{line}", words))
