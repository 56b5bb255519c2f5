"""What every lint script shares: one message format, so each failure reads the same.

    docs/<file>:<line>: <problem>. How to fix: <fix>
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the repository, e.g. "docs/anatomy.md"
    line: int
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem.rstrip('.')}. How to fix: {self.fix}"


def report(problems: list[Problem]) -> int:
    """Print the problems (in file order) and return the exit status."""
    for problem in sorted(set(problems), key=lambda p: (p.file, p.line, p.problem)):
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def line_of(path: Path, *needles: str) -> int:
    """First line holding any needle (1 if none), to point an author at a link."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    for needle in needles:
        if not needle:
            continue
        pattern = re.compile(re.escape(needle))
        for number, line in enumerate(lines, start=1):
            if pattern.search(line):
                return number
    return 1
