"""`make bench`: this site against plain Material, page by page, in every language.

    .venv/bin/python tools/bench.py [--skip-lighthouse] [--baseline OTHER/results/bench.json]

Builds this site (every language, as make build does) and the same pages
with a plain Material configuration (theme defaults with Google Fonts, no
custom CSS/JS, no plugins but search; a translation as one more plain site
in its folder, in its language), each twice: cold (this site's post-build
caches empty) and warm (the same build again, caches filled). Serves both
locally with gzip and measures each page: first-visit bytes and requests (same origin and other hosts, which
fail offline and are counted as attempts), Lighthouse mobile scores with
LCP/CLS/TBT, the ratios of this site to plain Material (bytes, LCP), the
floor (the page's HTML alone, gzipped) and how much of the visit it is, and
the repeat visit with the service worker active (bytes the server sent for
a second visit in the same browser once the worker has precached). Lists
what this site loads that plain Material does not, and the service worker's
precache. With --baseline (another checkout's bench.json, such as the main
branch's), compares each page's first visit with that run's. Prints a table
and writes results/bench.md and results/bench.json.

A benchmark, not a test: nothing here fails on a number. Sections below are
separate so further measurements can be added as their own section.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

import chromium
from sitemodel import COMPRESSIBLE, ROOT, Site, SubPathHandler, serve

RESULTS = ROOT / "results"
BIN = ROOT / ".venv" / "bin"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
SITE = Site()
PAGES = [page.url for page in SITE.all_pages]  # every language's


# --- Builds -------------------------------------------------------------------

def plain_config(config: dict, out: Path, language=None) -> Path:
    """The same content and Markdown extensions on Material's defaults (a translation: its own folder,
    address, nav and theme language)."""
    if language is not None:
        config = language.config.data
    plain = {
        "site_name": config["site_name"],
        "site_url": config["site_url"],
        "docs_dir": str(ROOT / config.get("docs_dir", "docs")),
        "theme": {"name": "material", **({"language": language.code} if language is not None else {})},
        "plugins": ["search"],
        # The same Markdown, minus our features' markup (step marks and tool
        # buttons); the video block stays, as it is content.
        "markdown_extensions": [e for e in config["markdown_extensions"]
                                if (e if isinstance(e, str) else next(iter(e))) not in ("hipmd.steps", "hipmd.tools")],
        "nav": config["nav"],
    }
    path = out / f"mkdocs-plain{'.' + language.code if language is not None else ''}.yml"
    path.write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return path


def timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    return time.perf_counter() - start


def build_both(config: dict, tmp: Path) -> dict[str, dict]:
    """Each site built cold, then warm; this site's time includes the post-build, as make build runs it."""
    ours, plain = tmp / "site-ours", tmp / "site-plain"
    cache = {"HIP_BUILD_CACHE": str(tmp / "build-cache")}  # empty: the first build is cold
    mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "--clean", "-q"]
    plain_yml = str(plain_config(config, tmp))
    translations = SITE.languages[1:]
    plain_ymls = {language.code: str(plain_config(config, tmp, language)) for language in translations}
    times: dict[str, list[float]] = {"this site": [], "plain Material": []}
    for _ in ("cold", "warm"):
        # As make build: English into the folder, each language into its own folder in it, then the post-build.
        times["this site"].append(timed([*mkdocs, "--site-dir", str(ours)], cache)
                                  + sum(timed([*mkdocs, "-f", f"mkdocs.{language.code}.yml", "--site-dir",
                                               str(ours / language.code)], cache) for language in translations)
                                  + timed(["bash", "tools/postbuild.sh", str(ours)], cache))
        times["plain Material"].append(
            timed([*mkdocs[:2], "--clean", "-q", "-f", plain_yml, "--site-dir", str(plain)])
            + sum(timed([*mkdocs[:2], "--clean", "-q", "-f", plain_ymls[language.code], "--site-dir",
                         str(plain / language.code)]) for language in translations))
    return {"this site": {"dir": ours, "build_s": times["this site"]},
            "plain Material": {"dir": plain, "build_s": times["plain Material"]}}


# --- First visit: bytes and requests ----------------------------------------------

def first_visits(browser, base: str) -> dict[str, dict]:
    own = urlsplit(base).netloc
    found = {}
    for url in PAGES:
        # The page as the reader waits for it; the service worker's background
        # precache is measured on its own (precache below).
        context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True,
                                      service_workers="block")
        other: list[str] = []
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == own
                      else (other.append(route.request.url), route.abort())[1])
        page = context.new_page()
        done = []
        context.on("requestfinished", lambda request: done.append(request))  # workers too
        page.goto(base + url, wait_until="networkidle")
        page.wait_for_timeout(500)  # the search worker's index
        same = [r for r in done if urlsplit(r.url).netloc == own]
        files = {}
        for request in same:
            sizes = request.sizes()
            path = urlsplit(request.url).path.removeprefix(urlsplit(base).path)
            files[path] = files.get(path, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
        found[url] = {"bytes": sum(files.values()), "requests": len(same), "other_hosts": len(other),
                      "other_host_names": sorted({urlsplit(u).netloc for u in other}), "files": files}
        context.close()
    return found


class Counting(SubPathHandler):
    """The server's view of a visit: every response and the bytes it sent (headers and body)."""

    sent: list[tuple[str, int, int]] = []  # (path, status, bytes)

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def end_headers(self):
        self._header_bytes = sum(len(line) for line in getattr(self, "_headers_buffer", []))
        super().end_headers()

    def copyfile(self, source, outputfile):
        body = source.read()
        outputfile.write(body)
        self._body_bytes = len(body)

    def handle_one_request(self):
        self._status = self._header_bytes = self._body_bytes = 0
        super().handle_one_request()
        if self._status:
            Counting.sent.append((urlsplit(self.path).path, self._status, self._header_bytes + self._body_bytes))


class Expired(Counting):
    """Every response is stale at once: a repeat visit as it goes once GitHub Pages' 10 minutes have passed."""

    max_age = 0


def repeat_visits(browser, base: str) -> dict[str, dict]:
    """Per page: a first visit, the service worker installed and precached, then the same page again.

    Served by `Expired`, so the browser's HTTP cache must ask again for
    everything it holds. What the server sent for the second visit is all it
    costs; with the worker, that should be the page's HTML revalidated (a
    304), nothing else.
    """
    found = {}
    for url in PAGES:
        context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(base + url, wait_until="networkidle")
        has_worker = page.evaluate("'serviceWorker' in navigator && !!document.querySelector('script[src*=\"main.js\"]')")
        if has_worker:
            # Controlled means activated, which Workbox reaches only after precaching everything.
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60000)
        page.wait_for_timeout(500)  # let the first visit's last requests settle before counting
        Counting.sent.clear()
        page.goto(base + url, wait_until="networkidle")
        page.wait_for_timeout(500)
        sent = list(Counting.sent)
        found[url] = {"bytes": sum(b for _, _, b in sent), "requests": len(sent),
                      "responses": [f"{status} {path}" for path, status, _ in sent]}
        context.close()
    return found


def floor(site: Path, url: str) -> int:
    """The page's own HTML alone, gzipped: no page can weigh less."""
    return len(gzip.compress((site / url / "index.html").read_bytes(), 6))


# --- Service worker precache ---------------------------------------------------

def precache(site: Path) -> dict:
    """What a language's service worker (sw.js at its root) downloads once, in the background, after a first
    visit; its addresses are relative to that root."""
    sw = site / "sw.js"
    if not sw.is_file():
        return {"files": 0, "bytes": 0, "gzip_bytes": 0}
    urls = sorted(set(re.findall(r'"url":"([^"]+)"', sw.read_text(encoding="utf-8"))))
    raw = [(site / url).read_bytes() for url in urls]
    wire = [len(gzip.compress(body, 6)) if url.endswith(COMPRESSIBLE) else len(body) for url, body in zip(urls, raw)]
    return {"files": len(urls), "bytes": sum(map(len, raw)), "gzip_bytes": sum(wire)}


# --- Lighthouse -----------------------------------------------------------------

def lighthouse(url: str, out: Path) -> dict:
    """One mobile Lighthouse run (its default form factor and throttling)."""
    report = out / "lh.json"
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=performance,accessibility,best-practices,seo",
         "--chrome-flags=--headless=new " + " ".join(chromium.ARGS)],
        check=True, env={**chromium.env(), "CHROME_PATH": chromium.CHROMIUM}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    cats, audits = data["categories"], data["audits"]
    refs = {ref["id"] for category in cats.values() for ref in category["auditRefs"]}
    # Binary audits that failed, and scored ones (such as metrics) under 0.9.
    failed = sorted(k for k in refs if audits[k].get("score") is not None and (
        (audits[k]["scoreDisplayMode"] == "binary" and audits[k]["score"] < 1)
        or (audits[k]["scoreDisplayMode"] != "binary" and audits[k]["score"] < 0.9)))
    return {
        "perf": round(cats["performance"]["score"] * 100), "a11y": round(cats["accessibility"]["score"] * 100),
        "bp": round(cats["best-practices"]["score"] * 100), "seo": round(cats["seo"]["score"] * 100),
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "failed_audits": failed,
    }


# --- Report ---------------------------------------------------------------------

def table(rows: list[dict], with_lighthouse: bool) -> str:
    head = ["site", "page", "KB", "req", "other", "floor KB", "floor %", "ratio"]
    if with_lighthouse:
        head += ["perf", "a11y", "bp", "seo", "LCP s", "LCP ratio", "CLS", "TBT ms"]
    head += ["repeat B", "repeat req"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    ratio = lambda key: f"{r[key]:.2f}" if r.get(key) is not None else "-"  # noqa: E731
    for r in rows:
        cells = [r["site"], "/" + r["page"], f"{r['bytes'] / 1024:.1f}", str(r["requests"]), str(r["other_hosts"]),
                 f"{r['floor'] / 1024:.1f}", f"{100 * r['floor'] / r['bytes']:.0f}", ratio("ratio")]
        if with_lighthouse:
            lh = r.get("lighthouse", {})
            cells += [str(lh.get(k, "-")) for k in ("perf", "a11y", "bp", "seo")]
            cells += [f"{lh['lcp_s']:.2f}", ratio("lcp_ratio"), f"{lh['cls']:.3f}", f"{lh['tbt_ms']:.0f}"]
        repeat = r.get("repeat")
        cells += [str(repeat["bytes"]), str(repeat["requests"])] if repeat else ["-", "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def extras(rows: list[dict], plain: dict[str, dict]) -> str:
    """What this site's pages load that plain Material's do not, and the reverse, per file."""
    ours: dict[str, list[int]] = {}
    theirs: dict[str, list[int]] = {}
    # The theme's files by name, whichever folder serves them: a translation uses the root's copies (this
    # site) or its own (plain Material's, in es/assets/).
    same = lambda files: {re.sub(r"^[a-z]{2}(?:-\w+)?/(?=assets/)", "", path): size for path, size in files.items()}  # noqa: E731
    for r in rows:
        if r["site"] != "this site":
            continue
        mine, base = same(r["files"]), same(plain[r["page"]]["files"])
        for path, size in mine.items():
            if path not in base and path.lstrip("/") != r["page"]:
                ours.setdefault(path, []).append(size)
        for path, size in base.items():
            if path not in mine and path.lstrip("/") != r["page"]:
                theirs.setdefault(path, []).append(size)
    html = [(r["page"], r["files"].get(r["page"], 0) - plain[r["page"]]["files"].get(r["page"], 0))
            for r in rows if r["site"] == "this site"]
    describe = lambda found: [f"- {path}: {max(s) / 1024:.1f} KB on {len(s)} of {len(PAGES)} pages"  # noqa: E731
                              for path, s in sorted(found.items(), key=lambda kv: -max(kv[1]) * len(kv[1]))]
    return "\n".join(["What this site's first visits load that plain Material's do not (bytes with headers):",
                      *describe(ours),
                      "- the page's own HTML, more than plain's by: "
                      + ", ".join(f"/{page} {extra / 1024:+.1f} KB" for page, extra in html),
                      "", "What plain Material's load that this site's do not:", *(describe(theirs) or ["- nothing"])])


def against(rows: list[dict], baseline_file: Path) -> tuple[str, list[str]]:
    """Each page's first visit against another run of this bench (its bench.json): the pages both have.
    Returns the lines to print and the pages that got heavier."""
    before = {r["page"]: r for r in json.loads(baseline_file.read_text(encoding="utf-8"))["pages"]
              if r["site"] == "this site"}
    lines = [f"First visit against {baseline_file} (bytes over the wire, headers included):", "",
             "| page | baseline B | req | now B | req | change B |", "|---|---|---|---|---|---|"]
    heavier = []
    for r in rows:
        if r["site"] != "this site":
            continue
        old = before.get(r["page"])
        if old is None:
            lines.append(f"| /{r['page']} | - | - | {r['bytes']} | {r['requests']} | (new page) |")
            continue
        change = r["bytes"] - old["bytes"]
        if change > 0:
            heavier.append(f"/{r['page']}")
        lines.append(f"| /{r['page']} | {old['bytes']} | {old['requests']} | {r['bytes']} | {r['requests']} | {change:+d} |")
    return "\n".join(lines), heavier


def targets(rows: list[dict], summary: dict, with_lighthouse: bool, heavier: list[str] | None = None) -> str:
    """The issue's targets, each met or not, with the pages that miss."""
    ours = [r for r in rows if r["site"] == "this site"]
    plain = {r["page"]: r for r in rows if r["site"] == "plain Material"}
    miss = lambda test: [f"/{r['page']}" for r in ours if not test(r)]  # noqa: E731
    checks = [("weight ratio <= 1.00 on every page", miss(lambda r: r["ratio"] <= 1.0))]
    if with_lighthouse:
        checks += [
            ("Lighthouse mobile performance 100", miss(lambda r: r["lighthouse"]["perf"] == 100)),
            ("LCP <= plain Material's", miss(lambda r: r["lighthouse"]["lcp_s"] <= plain[r["page"]]["lighthouse"]["lcp_s"])),
            ("CLS 0", miss(lambda r: r["lighthouse"]["cls"] == 0)),
            ("TBT <= plain Material's", miss(lambda r: r["lighthouse"]["tbt_ms"] <= plain[r["page"]]["lighthouse"]["tbt_ms"])),
        ]
    checks += [
        ("warm build <= 3x plain Material's", [] if summary["build_ratio_warm"] <= 3 else ["build"]),
        ("repeat visit: only the page's HTML, revalidated",
         miss(lambda r: all(line.endswith(("/" + r["page"], "/" + r["page"] + "index.html"))
                            for line in r["repeat"]["responses"]))),
    ]
    if heavier is not None:
        checks.append(("first visit no heavier than the baseline's (issue 21), on every page both have", heavier))
    return "\n".join(["Targets (issue 12):"] + [f"- {'met' if not m else 'NOT met'}: {name}"
                                                   + (f" (misses {', '.join(m)})" if m else "") for name, m in checks])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-lighthouse", action="store_true", help="bytes and requests only (quick)")
    parser.add_argument("--baseline", type=Path, help="another run's bench.json to compare each page's first visit with")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    config = SITE.config.data
    prefix = SITE.config.sub_path
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        sites = build_both(config, tmp)
        precache_size = {language.code: precache(sites["this site"]["dir"] / language.folder)
                         for language in SITE.languages}
        rows: list[dict] = []
        with sync_playwright() as p:
            browser = chromium.launch(p)
            for name, site in sites.items():
                with serve(site["dir"], prefix, compress=True) as base:
                    visits = first_visits(browser, base)
                with serve(site["dir"], prefix, compress=True, handler=Expired) as base:
                    repeats = repeat_visits(browser, base)
                with serve(site["dir"], prefix, compress=True) as base:
                    for url in PAGES:
                        row = {"site": name, "page": url, **visits[url], "floor": floor(site["dir"], url),
                               "repeat": repeats[url]}
                        if not args.skip_lighthouse:
                            print(f"lighthouse {name} /{url} ...", file=sys.stderr)
                            row["lighthouse"] = lighthouse(base + url, tmp)
                        rows.append(row)
            browser.close()
        plain = {r["page"]: r for r in rows if r["site"] == "plain Material"}
        for r in rows:
            if r["site"] == "this site":
                r["ratio"] = r["bytes"] / plain[r["page"]]["bytes"]
                if not args.skip_lighthouse:
                    r["lcp_ratio"] = r["lighthouse"]["lcp_s"] / plain[r["page"]]["lighthouse"]["lcp_s"]
    builds = {name: [round(s, 2) for s in site["build_s"]] for name, site in sites.items()}
    ours = [r for r in rows if r["site"] == "this site"]
    summary = {
        "build_s": {name: {"cold": b[0], "warm": b[1]} for name, b in builds.items()},
        "build_ratio_cold": round(builds["this site"][0] / builds["plain Material"][0], 2),
        "build_ratio_warm": round(builds["this site"][1] / builds["plain Material"][1], 2),
        "weight_ratio_total": round(sum(r["bytes"] for r in ours) / sum(plain[r["page"]]["bytes"] for r in ours), 3),
        "other_host_requests": {name: sum(r["other_hosts"] for r in rows if r["site"] == name) for name in sites},
        "precache": precache_size,
    }
    md = "\n".join([
        "# make bench: this site vs plain Material", "",
        "First visit, mobile viewport, gzip; KB = bytes over the wire (same origin, headers included); other = attempts",
        "to other hosts; floor = the page's HTML alone, gzipped; floor % = floor / KB (100 would be the HTML alone);",
        "ratio = this site / plain Material; repeat = what the server sent for a second visit in the same browser, once",
        "the service worker (this site only) has precached and the HTTP cache's max-age has passed.", "",
        table(rows, not args.skip_lighthouse), "",
        f"Build, post-build included: this site {builds['this site'][0]:.2f} s cold, {builds['this site'][1]:.2f} s warm;"
        f" plain Material {builds['plain Material'][0]:.2f} s cold, {builds['plain Material'][1]:.2f} s warm"
        f" (ratio {summary['build_ratio_cold']:.2f} cold, {summary['build_ratio_warm']:.2f} warm).",
        f"Weight, all pages: ratio {summary['weight_ratio_total']:.3f}. "
        f"Other-host requests: {summary['other_host_requests']}.",
        "Service worker precache (this site only; downloaded once in the background after the first page, "
        "not counted above), one worker per language, each its language's pages and the shared files: " + "; ".join(
            f"{code}: {size['files']} files, {size['gzip_bytes'] / 1024:.1f} KB over the wire "
            f"({size['bytes'] / 1024:.1f} KB uncompressed)" for code, size in precache_size.items()) + ".", "",
        extras(rows, plain), "",
        "Repeat visits, what the server sent: " + "; ".join(
            f"{r['site']} /{r['page']}: {', '.join(r['repeat']['responses']) or 'nothing'}"
            for r in rows if r["page"] == ""),
    ])
    if not args.skip_lighthouse:
        misses = [f"- {r['site']} /{r['page']}: {', '.join(r['lighthouse']['failed_audits'])}"
                  for r in rows if r["lighthouse"]["failed_audits"]]
        md += "\n\nLighthouse audits not passed:\n" + ("\n".join(misses) if misses else "- none")
    heavier = None
    if args.baseline:
        compared, heavier = against(rows, args.baseline)
        md += "\n\n" + compared
    md += "\n\n" + targets(rows, summary, not args.skip_lighthouse, heavier)
    print(md)
    (RESULTS / "bench.md").write_text(md + "\n", encoding="utf-8")
    (RESULTS / "bench.json").write_text(json.dumps({"pages": rows, "summary": summary}, indent=2), encoding="utf-8")
    print(f"\nwrote {RESULTS / 'bench.md'} and {RESULTS / 'bench.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
