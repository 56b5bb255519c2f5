"""Markdown lint (markdownlint-cli2, rules in .markdownlint.yaml), each finding said as
`docs/<file>:<line>: <rule>: <problem>. How to fix: <fix>`, like every other check.

Usage: check_markdown.py
"""

from __future__ import annotations

import re
import subprocess
import sys

from lintlib import ROOT, Problem, report

CLI = ROOT / "node_modules" / ".bin" / "markdownlint-cli2"
# markdownlint-cli2's default output: "docs/x.md:12[:3] error MD012/no-multiple-blanks Words [Expected: 1]"
FINDING = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+)(?::\d+)? (?:(?:error|warning) )?"
                     r"(?P<rule>MD\d{3})(?P<aliases>/[\w/-]+)? (?P<words>.*)$")
SECTION = 'see "Markdown lint" in CONTRIBUTING.md'
# What to do for the rules a page edit most often breaks; any other rule gets the general advice.
FIXES = {
    "MD001": "make each heading one level below the one above it (## after #, ### after ##)",
    "MD004": "start every bullet with '-'",
    "MD005": "indent the list's items by the same amount",
    "MD007": "indent a nested list by 4 spaces",
    "MD009": "delete the spaces at the end of the line",
    "MD010": "replace the tab with spaces",
    "MD011": "write a link as [words](page.md), square brackets first",
    "MD012": "delete the extra blank line",
    "MD018": "put a space after the '#' of the heading",
    "MD019": "put one space after the '#' of the heading",
    "MD022": "put a blank line above and below the heading",
    "MD023": "start the heading at the beginning of the line",
    "MD025": "keep one '# Heading' per page; make the others '##'",
    "MD026": "drop the punctuation at the end of the heading",
    "MD027": "put one space after the '>' of the quote",
    "MD029": "number the list 1., 2., 3. in order",
    "MD030": "put one space after the list marker",
    "MD031": "put a blank line above and below the fenced block",
    "MD032": "put a blank line above and below the list",
    "MD034": "put the address in angle brackets, <https://...>, or make it a link",
    "MD037": "remove the spaces inside the *emphasis* markers",
    "MD038": "remove the spaces inside the `code` backticks",
    "MD039": "remove the spaces inside the link's [brackets]",
    "MD040": "name the fenced block's language after the backticks, for example ```markdown",
    "MD042": "give the link a target, or remove the brackets",
    "MD045": "describe the image inside the brackets: ![what it shows](file.svg)",
    "MD047": "end the file with one line break",
    "MD049": "write *emphasis* with asterisks",
    "MD050": "write **bold** with double asterisks",
    "MD051": "link to a heading id that exists on the page",
    "MD058": "put a blank line above and below the table",
}


def main() -> int:
    result = subprocess.run([str(CLI)], cwd=ROOT, capture_output=True, text=True)
    problems, other = [], []
    for line in (result.stdout + result.stderr).splitlines():
        if m := FINDING.match(line):
            rule = f"{m['rule']}{m['aliases'] or ''}"
            fix = FIXES.get(m["rule"], f"follow the rule {m['rule']}")
            problems.append(Problem(m["file"], int(m["line"]), f"{rule}: {m['words']}", f"{fix} ({SECTION})"))
        elif result.returncode and line.strip() and not line.startswith(("markdownlint-cli2 v", "Finding:",
                                                                          "Linting:", "Summary:")):
            other.append(line)  # not a finding (markdownlint could not run): show it as it is
    for line in other:
        print(line, file=sys.stderr)
    status = report(problems)
    return status or (1 if result.returncode else 0)


if __name__ == "__main__":
    sys.exit(main())
