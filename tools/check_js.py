"""The JavaScript checks: ESLint's recommended rules (eslint.config.js) and
TypeScript's type check of the JSDoc types (checkJs, nothing emitted), over
the page scripts, the build helpers, the service worker and the unit tests.

Both tools run side by side, each with its own machine-readable output
(ESLint's JSON formatter, tsc --pretty false); this only rewrites their
findings in the project's one format. An undefined name that both report on
a line is printed once (ESLint's).

Usage: check_js.py
Each failure prints `<file>:<line>: <problem>. How to fix: <fix>`; exit 1 if any.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from lintlib import ROOT, Problem, report

BIN = ROOT / "node_modules" / ".bin"
ESLINT_PATHS = ["eslint.config.js", "docs/assets/javascripts", "tools", "tests/js"]
# One project per place the code runs: the page (DOM), Node, the service worker, the tests (Node and DOM).
TS_PROJECTS = ["tsconfig.json", "tools/tsconfig.json", "tools/tsconfig.sw.json", "tests/js/tsconfig.json"]

GUIDE = 'see "JavaScript checks" in CONTRIBUTING.md'
UNDEFINED = "define it or import it (a global the browser or Material provides goes in eslint.config.js)"
ESLINT_FIXES = {
    "no-undef": UNDEFINED,
    "no-unused-vars": "remove it, or use it",
    "no-empty": "remove the empty block, or say in a comment why it is empty",
    "no-unreachable": "remove the code after the return, throw, break or continue",
}
TS_FIXES = {
    **dict.fromkeys(["2304", "2552", "2580", "2582", "2591"], UNDEFINED),
    **dict.fromkeys(["2339", "2551"],
                    "use a member the type has (check the spelling); if the value is more exact than its type, "
                    "say so: /** @type {HTMLInputElement} */ on the line above its const"),
    **dict.fromkeys(["2554", "2555"],
                    "pass the arguments the function takes, or mark a parameter optional in its JSDoc: "
                    "@param {number} [name]"),
    **dict.fromkeys(["2322", "2345", "2740", "2741", "2352"],
                    "use a value of the type named, or correct the JSDoc type that is wrong"),
    "2349": "call only a function: check the value's JSDoc type",
    "2810": "say what the promise gives: /** @type {Promise<void>} */ on the line above it",
}
TS_LINE = re.compile(r"^(?P<file>.+?)\((?P<line>\d+),\d+\): error TS(?P<code>\d+): (?P<message>.*)$")


def start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def eslint_problems(process: subprocess.Popen) -> list[Problem]:
    out, err = process.communicate()
    if process.returncode not in (0, 1):  # 2: the configuration or ESLint itself failed
        return [Problem("eslint.config.js", 1, f"ESLint could not run: {err.strip() or out.strip()}", GUIDE)]
    found = json.loads(out)
    urls = {rule: meta.get("docs", {}).get("url") for rule, meta in found["metadata"]["rulesMeta"].items()}
    problems = []
    for result in found["results"]:
        file = Path(result["filePath"]).relative_to(ROOT).as_posix()
        for message in result["messages"]:
            rule = message.get("ruleId")
            if rule is None:  # a syntax error: no rule, nothing else checked in this file
                problems.append(Problem(file, message.get("line", 1), message["message"], "correct the syntax there"))
                continue
            fix = ESLINT_FIXES.get(rule) or (f"see the rule's page, {urls[rule]}" if urls.get(rule) else GUIDE)
            problems.append(Problem(file, message["line"], f"{message['message'].rstrip('.')} (ESLint {rule})", fix))
    return problems


def ts_problems(project: str, process: subprocess.Popen) -> list[Problem]:
    out, err = process.communicate()
    found: list[list] = []  # [file, line, code, message, deepest detail]
    for line in (out + err).replace(f"{ROOT}/", "").splitlines():
        if line.startswith(" ") and found:  # the message above, explained: its last line is the most exact
            found[-1][4] = line.strip()
        elif match := TS_LINE.match(line):
            found.append([match["file"], int(match["line"]), match["code"], match["message"], ""])
        elif line.strip():  # a problem with the project itself, e.g. an unknown option
            found.append([project, 1, "", line.strip(), ""])
    if process.returncode and not found:
        found.append([project, 1, "", f"tsc failed with exit status {process.returncode}", ""])
    return [Problem(file, line, f"{message.rstrip('.')}{': ' + detail.rstrip('.') if detail else ''}"
                                + (f" (TypeScript TS{code})" if code else ""), TS_FIXES.get(code, GUIDE))
            for file, line, code, message, detail in found]


def main() -> int:
    if len(sys.argv) > 1:
        sys.exit(__doc__.strip().splitlines()[-2])
    eslint = start([str(BIN / "eslint"), "--format", "json-with-metadata", *ESLINT_PATHS])
    tsc = {project: start([str(BIN / "tsc"), "--project", project, "--pretty", "false"]) for project in TS_PROJECTS}
    problems = eslint_problems(eslint)
    undefined = {(p.file, p.line) for p in problems if p.problem.endswith("(ESLint no-undef)")}
    for project, process in tsc.items():
        problems += [p for p in ts_problems(project, process)
                     if not (p.fix == UNDEFINED and (p.file, p.line) in undefined)]
    return report(problems)


if __name__ == "__main__":
    sys.exit(main())
