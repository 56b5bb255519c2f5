"""Offline link and anchor check of the built site with lychee.

The strict build checks links written in Markdown; this also checks what the
templates (overrides/) and the theme add. The 404 page links from the site
root, so the site is mounted under site_url's path (/side-hip-strength/) for
lychee's --root-dir. A broken link is reported at its Markdown source line
when the source holds it, otherwise at the built file.

Usage: check_links.py SITE_DIR
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from lintlib import DOCS, ROOT, Problem, line_of, report


def source_of(site: Path, built: Path) -> Path | None:
    """docs/<page>.md for site/<page>/index.html, if that page came from Markdown."""
    rel = built.resolve().relative_to(site.resolve()).parent.as_posix()
    for candidate in (DOCS / f"{rel}.md", DOCS / rel / "index.md", DOCS / "index.md" if rel == "." else None):
        if candidate and candidate.is_file():
            return candidate
    return None


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    site = Path(sys.argv[1]).resolve()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    sub_path = urlsplit(config.get("site_url", "/")).path.strip("/")
    lychee = Path(sys.executable).parent / "lychee"
    with tempfile.TemporaryDirectory() as root:
        mount = Path(root, sub_path) if sub_path else Path(root)
        mount.parent.mkdir(parents=True, exist_ok=True)
        if sub_path:
            mount.symlink_to(site, target_is_directory=True)
        result = subprocess.run(
            [str(lychee), "--offline", "--include-fragments", "--index-files", "index.html",
             "--no-progress", "--format", "json", "--root-dir", str(mount.parent if sub_path else site), str(site)],
            capture_output=True, text=True,
        )
    try:
        errors = json.loads(result.stdout)["error_map"]
    except (json.JSONDecodeError, KeyError):
        print(result.stdout + result.stderr, file=sys.stderr)
        return result.returncode or 1
    problems = []
    for built, failures in errors.items():
        built_path = Path(built)
        source = source_of(site, built_path)
        for failure in failures:
            url = unquote(failure["url"])
            what = failure["status"]["text"].rstrip(".")
            target = url.split(str(site), 1)[-1] if str(site) in url else url
            fragment = urlsplit(url).fragment
            needle = f"#{fragment}" if fragment else Path(urlsplit(url).path).name
            if source and (number := line_of(source, needle)) > 1:
                problems.append(Problem(source.relative_to(ROOT).as_posix(), number,
                                        f"broken link to {target} ({what})",
                                        "point the link at an existing page or heading id; see CONTRIBUTING.md"))
            else:
                shown = built_path.resolve().relative_to(site).as_posix()
                problems.append(Problem(f"{Path(sys.argv[1]).as_posix()}/{shown}", failure["span"]["line"],
                                        f"broken link to {target} ({what})",
                                        "the link comes from a template in overrides/ or from mkdocs.yml: "
                                        "fix it there"))
    return report(problems)


if __name__ == "__main__":
    sys.exit(main())
