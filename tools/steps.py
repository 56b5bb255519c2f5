"""Read a sequence page's own step list, so media made from it cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

ITEM = re.compile(r"^    (\d+)\. (.+)$")
MORE = re.compile(r"^     {2,}(\S.*)$")


def page_steps(page: Path) -> list[str]:
    """Texts of the ordered list in the first content tab of a page."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith('=== "'))
    steps: list[str] = []
    for line in lines[start + 1:]:
        if line.startswith('=== "') or (line and not line.startswith(" ")):
            break
        if m := ITEM.match(line):
            steps.append(m[2].strip())
        elif (m := MORE.match(line)) and steps:
            steps[-1] += " " + m[1].strip()
    if not steps:
        raise SystemExit(f"{page}: no numbered steps in the first tab")
    return steps
