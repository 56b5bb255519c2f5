"""The strict MkDocs build, with each warning said as `docs/<file>:<line>: <problem>. How to fix: <fix>`.

MkDocs names the page but not the line, and does not say what to do; this
wrapper finds the line of the offending link and adds the fix. Messages it
does not know are printed as MkDocs wrote them.

Usage: check_build.py SITE_DIR
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace

from lintlib import DOCS, ROOT, Problem, line_of, report
from sitemodel import language_codes

LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but (?P<why>.*)$")
ORPHANS = 'are not included in the "nav" configuration'
COMPONENT = re.compile(r"^ERROR\s+-\s+(?P<file>(?:docs|includes)/[^:]+):(?P<line>\d+): (?P<problem>.*)$")


def explain(output: str) -> tuple[list[Problem], list[str]]:
    problems: list[Problem] = []
    unknown: list[str] = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if m := LINK.search(line):
            problems.append(link_problem(m["page"], m["link"], m["why"]))
        elif ORPHANS in line:
            for item in lines[i + 1:]:
                if not item.startswith("  - "):
                    break
                page = item[4:].strip()
                problems.append(Problem(f"docs/{page}", 1, "the page is not in the site's navigation",
                                        f"add it under 'nav:' in mkdocs.yml, for example '- Short title: {page}'"))
        elif m := COMPONENT.match(line):
            fix = lines[i + 1].strip().removeprefix("How to fix:").strip() if i + 1 < len(lines) else ""
            problems.append(Problem(m["file"], int(m["line"]), m["problem"], fix or "see CONTRIBUTING.md"))
        elif re.match(r"^(WARNING|ERROR)\s+-", line) and "Error reading page" not in line:
            unknown.append(line)
    return problems, unknown


def link_problem(page: str, link: str, why: str) -> Problem:
    where = DOCS / page
    target, _, anchor = link.partition("#")
    number = line_of(where, f"]({link}", link)
    name = f"docs/{page}"
    if "target is not found" in why:
        return Problem(name, number, f"link to a missing page '{link}'",
                       "point the link at an existing .md file, written relative to this page "
                       "(for example 'sequence-1.md'), or add the missing page")
    if "anchor" in why:
        where_to = f"'{target}'" if target else "this page"
        return Problem(name, number, f"link to a missing anchor '#{anchor}' in {where_to}",
                       "use the id of a heading there: its words in lower case joined by '-' "
                       "(hover the heading and copy its ¶ link to see it)")
    return Problem(name, number, f"bad link '{link}': {why.rstrip('.')}",
                   "link to pages by their .md file, relative to this page; see CONTRIBUTING.md")


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    returncode, problems = 0, []
    # English at the root, then each language from its settings into its folder (as make build does).
    for code in [None, *language_codes(ROOT)]:
        options = ["--config-file", f"mkdocs.{code}.yml", "--site-dir", f"{sys.argv[1]}/{code}"] if code else \
            ["--site-dir", sys.argv[1]]
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", *options],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        found, unknown = explain(result.stderr + result.stdout)
        # A language's pages are named from its own folder: docs/es/x.md, not docs/x.md.
        problems += [replace(p, file=p.file.replace("docs/", f"docs/{code}/", 1)) if code else p for p in found]
        for line in unknown:
            print(line, file=sys.stderr)
        if result.returncode and not (found or unknown):
            print(result.stderr, file=sys.stderr)  # an error this wrapper does not know: show it all
        returncode = returncode or result.returncode
    return report(problems) or returncode


if __name__ == "__main__":
    sys.exit(main())
