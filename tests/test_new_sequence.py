"""A third sequence page needs no test edits.

A copy of the project gets a throwaway page with two tabs of steps (and no
clip), listed in the nav as CONTRIBUTING's "Add a sequence" says; it is built
with the post-build, and the page-generic test modules run against that copy
(HIP_PROJECT points the site model there). Every check they make of a
sequence page is made of the new page too, derived from the model.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sitemodel import language_codes
from test_lint import copy_project

PAGE = """---
title: "Fixture: a third sequence"
description: >-
  A throwaway page that only the test suite builds, to show that a new
  sequence page is checked without editing any test.
last_reviewed: 2026-11-24
---

# Fixture: a third sequence

--8<-- "stop-rules.md"

This guide sets no number of repeats, holds or days.

## The steps

=== "Standing"

    1. Stand tall with your feet under your hips.
    2. Put a hand on the side of your buttock.
    3. Keep your hips level.

=== "Seated"

    1. Sit tall with your feet flat.
    2. Put a hand on the side of your buttock.
    3. Keep your hips level.
"""
# The modules that check every page or every sequence page; chosen for what
# they cover, quickest first. (Media checks need a clip; the fixture has none.)
MODULES = ["test_built_site.py", "test_seo.py", "test_print.py", "test_browser.py", "test_workout.py"]


def project_env(project: Path) -> dict[str, str]:
    """The environment in which a copy's builds, scripts and tests use the copy, not this checkout."""
    return {**os.environ, "PYTHONPATH": str(project), "HIP_PROJECT": str(project), "NO_MKDOCS_2_WARNING": "1"}


def build_and_run_page_tests(project: Path, modules: list[str], select: str) -> subprocess.CompletedProcess:
    """Build a copy of the project as make build does (every language), then run its page tests there."""
    env = project_env(project)
    languages = [[sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", f"mkdocs.{code}.yml",
                  "--site-dir", f"site/{code}"] for code in language_codes(project)]
    for command in ([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", "site"],
                    *languages, ["bash", "tools/postbuild.sh", "site"]):
        built = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        assert built.returncode == 0, built.stdout + built.stderr
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
                          *[f"tests/{m}" for m in modules], "-k", select],
                         cwd=project, env=env, capture_output=True, text=True)
    print(run.stdout[-3000:])
    # On failure, show the failures themselves (with -rA the summary's PASSED lines would crowd them out).
    failures = run.stdout[run.stdout.find("= FAILURES ="):run.stdout.find("short test summary")]
    assert run.returncode == 0, failures[:8000] + run.stdout[-1500:] + run.stderr[-2000:]
    return run


def test_a_third_sequence_is_checked_without_editing_a_test(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "sequence-3.md").write_text(PAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = '  - "Sequence #2: one leg": sequence-2.md\n'
    assert nav in text
    config.write_text(text.replace(nav, nav + '  - "Fixture: third": sequence-3.md\n'), encoding="utf-8")
    run = build_and_run_page_tests(project, MODULES, "not desktop")
    # The new page was among the parametrised cases, and passed.
    passed = re.findall(r"^PASSED (\S+)$", run.stdout, re.MULTILINE)
    assert {case for case in passed if "sequence-3" in case} >= {
        "tests/test_built_site.py::test_built_steps_are_the_source_steps[sequence-3.md]",
        "tests/test_built_site.py::test_stop_rules_on_sequence_pages_before_the_steps[sequence-3.md]",
        "tests/test_built_site.py::test_a_start_workout_button_before_every_step_list[sequence-3.md]",
        "tests/test_seo.py::test_page_has_json_ld[sequence-3.md]",
        "tests/test_print.py::test_prints_on_one_a4_page_with_room_to_spare[sequence-3.md]",
        "tests/test_browser.py::test_page_reads_at_phone_width[light-sequence-3/]",
        "tests/test_browser.py::test_steps_read_with_javascript_off[sequence-3/]",
    }, passed
    assert "skipped" not in run.stdout.splitlines()[-1]
