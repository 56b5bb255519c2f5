"""The strict build refuses a contributor's broken link, missing anchor or orphan page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    for name in ("docs", "overrides", "includes"):
        shutil.copytree(ROOT / name, tmp_path / name)  # pages now embed docs/assets/media
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    return tmp_path


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "out")],
        cwd=project, capture_output=True, text=True,
    )


def test_unchanged_sources_build(project: Path) -> None:
    result = build(project)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("[broken](no-such-page.md)", "'anatomy.md' contains a link 'no-such-page.md'"),
        ("[broken](sequence-1.md#no-such-heading)", "'anatomy.md' contains a link 'sequence-1.md#no-such-heading'"),
    ],
)
def test_bad_link_fails_and_names_the_page(project: Path, change: str, expected: str) -> None:
    with (project / "docs" / "anatomy.md").open("a") as page:
        page.write(f"\n{change}\n")
    result = build(project)
    assert result.returncode != 0
    assert expected in result.stderr


def test_page_missing_from_nav_fails(project: Path) -> None:
    (project / "docs" / "orphan.md").write_text("# Orphan\n")
    result = build(project)
    assert result.returncode != 0
    assert "orphan.md" in result.stderr
