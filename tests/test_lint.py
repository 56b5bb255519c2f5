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

SKIP = shutil.ignore_patterns("site", "site-*", ".venv*", "node_modules", ".cache", "__pycache__",
                              ".pytest_cache", "artifacts", ".git")
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


def edit(project: Path, page: str, old: str, new: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(project: Path, page: str, text: str) -> None:
    with (project / "docs" / page).open("a", encoding="utf-8") as f:
        f.write("\n" + text + "\n")


def assert_fails_naming(result: subprocess.CompletedProcess, where: str, words: str) -> str:
    """The run failed with a `file:line: problem. How to fix: ...` line at `where` (file or file:line) saying words."""
    assert result.returncode != 0, result.stdout + result.stderr
    lines = [m[0] for m in LINE.finditer(result.stderr) if f"{m['file']}:{m['line']}:".startswith(where + ":")]
    matching = [line for line in lines if words in line]
    assert matching, f"no '{where}...: ...{words}... How to fix:' line in:\n{result.stderr}"
    return matching[0]


# Mistakes the strict build only warns about, and content rules: lint reports them all in one pass,
# so one copy carries them all (each on its own page, so none hides another).
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
        lambda p: (p / "docs" / "warm-up.md").write_text(
            "---\ntitle: Warm-up\ndescription: A warm-up.\nlast_reviewed: 2026-11-23\n---\n\n# Warm-up\n"),
        "docs/warm-up.md", "not in the site's navigation"),
    "malformed front matter": (
        lambda p: edit(p, "disclaimer.md", "title: Medical disclaimer", "title: Disclaimer: medical: read first"),
        "docs/disclaimer.md:2", "front matter is not valid YAML"),
    "front matter without last_reviewed": (
        lambda p: edit(p, "index.md", "last_reviewed: 2026-11-23\n", ""),
        "docs/index.md", "has no 'last_reviewed'"),
    "exercise page without the stop rules": (
        lambda p: edit(p, "sequence-1.md", '--8<-- "stop-rules.md"', ""),
        "docs/sequence-1.md", "must show the stop rules"),
    "step above grade 8": (
        lambda p: edit(p, "sequence-2.md", "1. Shift your weight onto one foot.",
                       "1. Transfer your bodyweight predominantly onto one foot, maintaining "
                       "comprehensive proprioceptive awareness."),
        "docs/sequence-2.md", "reads at US grade"),
}
# A bad component stops the build at once, so each gets a copy of its own.
ON_THEIR_OWN = {
    "unknown component option": (
        lambda p: append(p, "anatomy.md", "```video\ntitle: Side view\nsrc: assets/x.mp4\nautoplay: true\n```"),
        "docs/anatomy.md", "unknown video option 'autoplay'"),
    "missing video file": (
        lambda p: append(p, "anatomy.md", "```video\ntitle: Side view\nsrc: assets/media/no-such-clip.mp4\n```"),
        "docs/anatomy.md", "file not found: docs/assets/media/no-such-clip.mp4"),
}


@pytest.fixture(scope="module")
def one_pass(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess:
    project = copy_project(tmp_path_factory.mktemp("lint") / "project")
    for change, _, _ in ALL_IN_ONE_PASS.values():
        change(project)
    return lint(project)


@pytest.mark.parametrize("case", ALL_IN_ONE_PASS, ids=list(ALL_IN_ONE_PASS))
def test_mistake_is_reported_with_file_and_line(one_pass: subprocess.CompletedProcess, case: str) -> None:
    _, where, words = ALL_IN_ONE_PASS[case]
    print(assert_fails_naming(one_pass, where, words))  # with -s: the exact message a contributor sees


@pytest.mark.parametrize("case", ON_THEIR_OWN, ids=list(ON_THEIR_OWN))
def test_bad_component_stops_lint_naming_the_file(tmp_path: Path, case: str) -> None:
    change, where, words = ON_THEIR_OWN[case]
    project = copy_project(tmp_path / "project")
    change(project)
    print(assert_fails_naming(lint(project), where, words))
