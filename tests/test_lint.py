"""`make lint` catches each kind of contributor mistake and names the file, the line and the fix.

Each case copies the project (without builds) to a temporary folder, makes
one mistake there and runs `make lint` against the same virtual environment
and npm tools, so the real Makefile recipe is what is tested. Each case
asserts the `file:line` the message names and words of its "How to fix".
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

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
LINE = re.compile(r"^(?P<file>(?:docs|includes|tools)/[^:]+):(?P<line>\d+): .+\. How to fix: (?P<fix>.+)$",
                  re.MULTILINE)


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=SKIP, symlinks=True)
    for shared in (".venv", "node_modules"):  # reuse the installed tools instead of reinstalling
        (dest / shared).symlink_to(ROOT / shared, target_is_directory=True)
    return dest


def lint(project: Path) -> subprocess.CompletedProcess:
    # The project's .venv points at the real repository through hipmd.pth; PYTHONPATH puts the copy first.
    # The tools are the repository's own (linked): make must not set them up again, whatever the files' times say.
    installed = ["-o", ".venv/.site-deps", "-o", ".venv/.dev-deps", "-o", "node_modules/.installed"]
    return subprocess.run(["make", "--no-print-directory", *installed, "lint"], cwd=project, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin:/usr/local/bin", "PYTHONPATH": str(project)})


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


def assert_fails_naming(result: subprocess.CompletedProcess, where: str, words: str, fix: str) -> str:
    """The run failed with a `file:line: problem. How to fix: ...` line at `where` (file:line) saying
    `words`, whose fix says `fix`."""
    assert result.returncode != 0, result.stdout + result.stderr
    found = [m for m in LINE.finditer(result.stderr) if f"{m['file']}:{m['line']}" == where and words in m[0]]
    assert found, f"no '{where}: ...{words}... How to fix:' line in:\n{result.stderr}"
    assert any(fix in m["fix"] for m in found), f"the fix does not say {fix!r}:\n{found[0][0]}"
    return found[0][0]


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
    path = project / "docs" / page
    path.write_text(re.sub(r"(?m)^last_reviewed: .*\n", "", path.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")
    return front_matter_end(project, page)


def without_stop_rules_elsewhere(project: Path, page: str) -> int:
    """A page with exercises but no steps in tabs loses its stop rules: named at its first line of text."""
    edit(project, page, '--8<-- "stop-rules.md"', "")  # the line stays, blank: no other case's line moves
    lines = (project / "docs" / page).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith("# "))


def step_line(project: Path, page: str, starts: str) -> int:
    lines = (project / "docs" / page).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith(starts))


def extra_step(project: Path, page: str, tab: str) -> int:
    """Add a 7th step at the end of a tab; return its line (the extra step, not the tab's first)."""
    path = project / "docs" / page
    lines = path.read_text(encoding="utf-8").splitlines()
    tab_line = lines.index(f'=== "{tab}"')
    last = max(n for n, line in enumerate(lines) if n > tab_line and re.match(r"^    \d+\. ", line)
               and all(not l.startswith("=== ") for l in lines[tab_line + 1:n]))
    lines.insert(last + 1, "    7. Smile at the end.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return last + 2


def without_its_last_step(project: Path, page: str, tab: str) -> int:
    """Take the last step out of a page's tab: named at the step before it (the tab's new last)."""
    path = project / "docs" / page
    lines = path.read_text(encoding="utf-8").splitlines()
    tab_line = lines.index(f'=== "{tab}"')
    steps = [n for n, line in enumerate(lines) if n > tab_line and re.match(r"^    \d+\. ", line)
             and all(not l.startswith("=== ") for l in lines[tab_line + 1:n])]
    del lines[steps[-1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return steps[-2] + 1


def stale_transcript(project: Path, clip: str) -> int:
    """Hand-edit a line of a clip's transcript (the script writes it): named at that line."""
    path = project / "includes" / "transcripts" / f"{clip}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.strip().startswith("2. "))
    lines[number - 1] += " The end."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def stale_captions(project: Path, clip: str) -> int:
    """Hand-edit a cue of a clip's English captions (the script writes them): named at that line."""
    path = project / "docs" / "assets" / "media" / f"{clip}.en.vtt"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith("Step 2. "))
    lines[number - 1] += " The end."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def two_blank_lines(project: Path, page: str) -> int:
    """A Markdown lint mistake (MD012): markdownlint names the second blank line."""
    return edit(project, page, "\n\n## ", "\n\n\n## ") + 2


# Mistakes the strict build only warns about, and content rules: lint reports them all in one pass,
# so one copy carries them all (each on its own page, so none hides another). Each change returns
# the line the message must name.
ALL_IN_ONE_PASS = {
    "link to a missing page": (
        lambda p: append(p, "anatomy.md", "See [the cool-down](cool-down.md)."),
        "docs/anatomy.md", "link to a missing page 'cool-down.md'", "point the link at an existing .md file"),
    "link to a missing anchor": (
        lambda p: append(p, "foot-hip-alignment.md", "See [the steps](sequence-1.md#no-such-heading)."),
        "docs/foot-hip-alignment.md", "missing anchor '#no-such-heading'", "use the id of a heading there"),
    "image without alt text": (
        lambda p: append(p, "single-leg-stance.md", "![](assets/images/favicon.svg)"),
        "docs/single-leg-stance.md", "an image has no alt text", "describe what the image shows"),
    "page missing from nav": (
        lambda p: new_page(p, "warm-up.md",
                           "---\ntitle: Warm-up\ndescription: A warm-up.\nlast_reviewed: 2026-11-23\n---\n\n# Warm-up\n"),
        "docs/warm-up.md", "not in the site's navigation", "add it under 'nav:' in mkdocs.yml"),
    "malformed front matter": (
        lambda p: edit(p, "disclaimer.md", "title: Medical disclaimer", "title: Disclaimer: medical: read first"),
        "docs/disclaimer.md", "front matter is not valid YAML", "put quotes around a value"),
    "front matter without last_reviewed": (
        lambda p: without_last_reviewed(p, "index.md"),
        "docs/index.md", "has no 'last_reviewed'", "add 'last_reviewed:'"),
    "exercise page without the stop rules": (
        lambda p: without_stop_rules(p, "sequence-1.md"),
        "docs/sequence-1.md", "must show the stop rules", '--8<-- "stop-rules.md"'),
    "page with exercises but no steps in tabs, without the stop rules": (
        lambda p: without_stop_rules_elsewhere(p, "single-leg-stance.md"),
        "docs/single-leg-stance.md", "a page with exercises must show the stop rules", "exercise: false"),
    "a numbered list on a page that says exercise: false": (
        lambda p: edit(p, "index.md", "## Learn more\n", "## Learn more\n\n1. Lift one foot.\n") + 2,
        "docs/index.md", "says 'exercise: false' but asks the reader to do something",
        '--8<-- "stop-rules.md"'),
    "step that changes the source step's action": (
        lambda p: edit(p, "sequence-1.md", "5. Lay your toes flat", "5. Spread your toes flat"),
        "docs/sequence-1.md", "step 5 of 'Standing' starts with 'spread'", "flatten, lay"),
    "step that drops a key word of the source step": (
        lambda p: edit(p, "sequence-2.md", "3. Let yourself sag", "3. Let yourself drop"),
        "docs/sequence-2.md", "step 3 of 'Steps' no longer says 'sag'", "tools/source-steps.yml"),
    "step reworded with the same verb: the clip's chapters are stale": (
        lambda p: edit(p, "sequence-2.md", "4. Tighten the side hip muscles", "4. Tighten the outer hip muscles"),
        "docs/sequence-2.md", "the clip's chapter for step 4 still says", "make media MEDIA_ARGS=--tracks"),
    "transcript edited by hand": (
        lambda p: stale_transcript(p, "sequence-1"),
        "includes/transcripts/sequence-1.md", "transcript is out of step", "make media MEDIA_ARGS=--tracks"),
    "captions edited by hand": (
        lambda p: stale_captions(p, "sequence-2"),
        "docs/assets/media/sequence-2.en.vtt", "captions are out of step", "make media MEDIA_ARGS=--tracks"),
    "a step too many": (
        lambda p: extra_step(p, "sequence-1.md", "Seated"),
        "docs/sequence-1.md", "step 7 of 'Seated' is one more than this sequence has",
        "a keyframe for it to the clip's Step(...) list in tools/render_media.py"),
    "a translation missing a step": (
        lambda p: without_its_last_step(p, "es/sequence-1.md", "De pie"),
        "docs/es/sequence-1.md", "('De pie') stops at step 5; the English page's tab 'Standing' has 6 steps",
        "translate the missing step 6 of docs/sequence-1.md after this one"),
    "admonition type the site does not style": (
        lambda p: append(p, "log.md", '!!! warnin "Note"\n\n    Words.'),
        "docs/log.md", "'warnin' is not an admonition type the site styles", "did you mean '!!! warning'?"),
    "Markdown lint": (
        lambda p: two_blank_lines(p, "sources.md"),
        "docs/sources.md", "MD012/no-multiple-blanks", 'see "Markdown lint" in CONTRIBUTING.md'),
    "exercise view without the stop rule": (
        lambda p: edit(p, "assets/javascripts/messages/en.js", "Stop if it hurts.", "Take care."),
        "docs/assets/javascripts/messages/en.js", "the exercise views' stop rule is not 'Stop if it hurts.'",
        'keep "view.stopIfItHurts": "Stop if it hurts."'),
    # The JavaScript checks (tools/check_js.py): ESLint's no-undef, and TypeScript's check of the DOM's types.
    "undefined name in a page script": (
        lambda p: edit(p, "assets/javascripts/video.js", "frame.focus();", "fram.focus();"),
        "docs/assets/javascripts/video.js", "'fram' is not defined (ESLint no-undef)", "define it or import it"),
    "wrong member on a DOM element": (
        lambda p: edit(p, "assets/javascripts/save-clip.js", "button.disabled = true;", "button.disable = true;"),
        "docs/assets/javascripts/save-clip.js",
        "Property 'disable' does not exist on type 'HTMLButtonElement'. Did you mean 'disabled'?", "use a member the type has"),
    "step above grade 8": (
        lambda p: edit(p, "sequence-2.md", first_step(p, "sequence-2.md"),
                       "1. Transfer your bodyweight predominantly onto one foot, maintaining "
                       "comprehensive proprioceptive awareness."),
        "docs/sequence-2.md", "reads at US grade", "use shorter words"),
}


SNIPPET_THEN_VIDEO = """--8<-- "stop-rules.md"

```video
title: Side view
src: assets/x.mp4
autoplay: true
```"""

# A bad component stops the build at once, so each gets a copy of its own. A video option's
# mistake is named at the option's own line, not the block's opening fence.
ON_THEIR_OWN = {
    "unknown component option": (
        lambda p: append(p, "anatomy.md", "```video\ntitle: Side view\nsrc: assets/x.mp4\nautoplay: true\n```") + 3,
        "docs/anatomy.md", "unknown video option 'autoplay'", "use only these options: title"),
    "mistyped video option": (
        lambda p: append(p, "anatomy.md", "```video\ntitle: Side view\nsrc: assets/media/sequence-1.mp4\n"
                                          "caption: assets/media/sequence-1.en.vtt\n```") + 3,
        "docs/anatomy.md", "unknown video option 'caption'", "did you mean 'captions' (not 'caption')?"),
    "missing video file": (
        lambda p: append(p, "anatomy.md", "```video\ntitle: Side view\nsrc: assets/media/no-such-clip.mp4\n```") + 2,
        "docs/anatomy.md", "file not found: docs/assets/media/no-such-clip.mp4", "check the spelling"),
    # Snippets are pasted in before components run; the line must still be the page's own.
    "video block after a snippet": (
        lambda p: append(p, "anatomy.md", SNIPPET_THEN_VIDEO) + 5,
        "docs/anatomy.md", "unknown video option 'autoplay'", "use only these options"),
    "unknown tool": (
        lambda p: append(p, "single-leg-stance.md", "<!-- hip:mirror -->"),
        "docs/single-leg-stance.md", "unknown tool 'hip:mirror'", "<!-- hip:coach -->"),
    # A tab a step short stops the checks of that tab's steps and clip, so it has a copy of its own.
    "a step too few": (
        lambda p: without_its_last_step(p, "sequence-2.md", "Steps"),
        "docs/sequence-2.md", "the 'Steps' tab stops at step 4, but this sequence has 5 steps",
        "add the missing step where it belongs"),
}


@pytest.fixture(scope="module")
def one_pass(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, dict[str, int]]:
    project = copy_project(tmp_path_factory.mktemp("lint") / "project")
    lines = {case: change(project) for case, (change, _, _, _) in ALL_IN_ONE_PASS.items()}
    return lint(project), lines


@pytest.mark.parametrize("case", ALL_IN_ONE_PASS, ids=list(ALL_IN_ONE_PASS))
def test_mistake_is_reported_with_file_and_line(one_pass, case: str) -> None:
    result, lines = one_pass
    _, file, words, fix = ALL_IN_ONE_PASS[case]
    print(assert_fails_naming(result, f"{file}:{lines[case]}", words, fix))  # with -s: what a contributor sees


def test_an_extra_step_blames_no_one_and_names_the_clip(one_pass) -> None:
    result, lines = one_pass
    message = assert_fails_naming(result, f"docs/sequence-1.md:{lines['a step too many']}", "one more", "make media")
    assert "source article" not in message, message


def test_markdown_lint_points_to_a_section_that_exists(one_pass) -> None:
    result, lines = one_pass
    message = assert_fails_naming(result, f"docs/sources.md:{lines['Markdown lint']}", "MD012", "CONTRIBUTING.md")
    section = re.search(r'see "([^"]+)" in CONTRIBUTING\.md', message)[1]
    assert re.search(rf"^#+ {re.escape(section)}$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"),
                     re.MULTILINE), f"CONTRIBUTING.md has no section '{section}'"


def test_every_problem_line_has_the_format_and_no_tool_chatter(one_pass) -> None:
    """Everything lint prints on failure is a `file:line: problem. How to fix: fix` line, or its last word;
    a tool that passed says nothing (zizmor's "No findings to report. Good job!")."""
    result, _ = one_pass
    output = result.stdout + result.stderr
    assert "Good job" not in output and "No findings" not in output, output
    for line in output.splitlines():
        if line.startswith(("make lint:", "make: ***", "make[")):
            continue
        assert re.match(r"^[\w./-]+:\d+: .+\. How to fix: .+$", line), f"not in the lint format: {line!r}"


@pytest.mark.parametrize("case", ON_THEIR_OWN, ids=list(ON_THEIR_OWN))
def test_bad_component_stops_lint_naming_file_and_line(tmp_path: Path, case: str) -> None:
    change, file, words, fix = ON_THEIR_OWN[case]
    project = copy_project(tmp_path / "project")
    line = change(project)
    print(assert_fails_naming(lint(project), f"{file}:{line}", words, fix))


def test_a_changed_english_step_leaves_the_translation_stale_lint_warns_and_the_page_says_so(tmp_path: Path) -> None:
    """An English fix never waits for a translator: a reworded step (of the Seated tab, which the clip
    does not draw, so no media to redo) makes the Spanish page stale. make lint passes, with a warning
    at the translation's `source:` line giving the English page's new hash; the built Spanish page
    says the English page has changed, linked to it; a Spanish page whose English page did not change
    says nothing of the kind."""
    from hipmd.translation import source_hash

    project = copy_project(tmp_path / "project")
    edit(project, "sequence-1.md", "1. Sit with your heels directly", "1. Sit tall with your heels directly")
    result = lint(project)
    assert result.returncode == 0, result.stdout + result.stderr
    source = next(n for n, line in enumerate((project / "docs/es/sequence-1.md").read_text(encoding="utf-8").splitlines(),
                                             start=1) if line.strip().startswith("source:"))
    new = source_hash(project / "docs" / "sequence-1.md")
    warnings = [m for m in LINE.finditer(result.stderr) if m["file"] == "docs/es/sequence-1.md"]
    assert [(int(m["line"]), "warning:" in m[0], m["fix"].endswith(f"source: {new}")) for m in warnings] == [(source, True, True)], \
        result.stderr
    assert "docs/es/sequence-2.md" not in result.stderr

    said = yaml.safe_load((project / "mkdocs.es.yml").read_text(encoding="utf-8"))["extra"]["hip"]["words"]
    stale = BeautifulSoup((project / "site/es/sequence-1/index.html").read_text(encoding="utf-8"), "html.parser")
    notice = stale.select_one("aside.hip-translation .hip-translation__stale")
    assert notice is not None and said["translation.stale"] in notice.get_text(" ")
    link = notice.find("a", hreflang="en")
    assert (project / "site/es/sequence-1" / link["href"]).resolve() == (project / "site/sequence-1").resolve()
    fresh = BeautifulSoup((project / "site/es/sequence-2/index.html").read_text(encoding="utf-8"), "html.parser")
    assert fresh.select_one("aside.hip-translation") is not None and fresh.select_one(".hip-translation__stale") is None
