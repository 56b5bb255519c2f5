"""`make bench`: this site against plain Material, page by page.

    .venv/bin/python tools/bench.py [--skip-lighthouse]

Builds this site and the same docs/ with a plain Material configuration
(theme defaults with Google Fonts, no custom CSS/JS, no plugins but search),
serves both locally with gzip, and measures each page: first-visit bytes and
requests (same origin and other hosts, which fail offline and are counted as
attempts), Lighthouse mobile scores with LCP/CLS/TBT, the build time, the
ratio of this site to plain Material, and the floor (the page's HTML alone,
gzipped). Prints a table and writes results/bench.md and results/bench.json.

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
from sitemodel import COMPRESSIBLE, ROOT, Site, serve

RESULTS = ROOT / "results"
BIN = ROOT / ".venv" / "bin"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
SITE = Site()
PAGES = [page.url for page in SITE.pages]


# --- Builds -------------------------------------------------------------------

def plain_config(config: dict, out: Path) -> Path:
    """The same content and Markdown extensions on Material's defaults."""
    plain = {
        "site_name": config["site_name"],
        "site_url": config["site_url"],
        "docs_dir": str(ROOT / "docs"),
        "theme": {"name": "material"},  # defaults: Roboto from Google Fonts, no overrides
        "plugins": ["search"],
        # The same Markdown, minus our features' markup (step marks and tool
        # buttons); the video block stays, as it is content.
        "markdown_extensions": [e for e in config["markdown_extensions"]
                                if (e if isinstance(e, str) else next(iter(e))) not in ("hipmd.steps", "hipmd.tools")],
        "nav": config["nav"],
    }
    path = out / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return path


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start


def build_both(config: dict, tmp: Path) -> dict[str, dict]:
    ours, plain = tmp / "site-ours", tmp / "site-plain"
    seconds_ours = timed([str(BIN / "mkdocs"), "build", "--strict", "--clean", "-q", "--site-dir", str(ours)])
    seconds_ours += timed(["bash", "tools/postbuild.sh", str(ours)])  # the same post-build as make build
    seconds_plain = timed([str(BIN / "mkdocs"), "build", "--clean", "-q", "-f", str(plain_config(config, tmp)),
                           "--site-dir", str(plain)])
    return {"this site": {"dir": ours, "build_s": seconds_ours},
            "plain Material": {"dir": plain, "build_s": seconds_plain}}


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
        total = 0
        for request in same:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        found[url] = {"bytes": total, "requests": len(same), "other_hosts": len(other),
                      "other_host_names": sorted({urlsplit(u).netloc for u in other})}
        context.close()
    return found


def floor(site: Path, url: str) -> int:
    """The page's own HTML alone, gzipped: no page can weigh less."""
    return len(gzip.compress((site / url / "index.html").read_bytes(), 6))


# --- Service worker precache ---------------------------------------------------

def precache(site: Path) -> dict:
    """What the service worker downloads once, in the background, after a first visit."""
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
    head = ["site", "page", "KB", "req", "other", "floor KB", "ratio"]
    if with_lighthouse:
        head += ["perf", "a11y", "bp", "seo", "LCP s", "CLS", "TBT ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["site"], "/" + r["page"], f"{r['bytes'] / 1024:.1f}", str(r["requests"]), str(r["other_hosts"]),
                 f"{r['floor'] / 1024:.1f}", f"{r['ratio']:.2f}" if r.get("ratio") else "-"]
        if with_lighthouse:
            lh = r.get("lighthouse", {})
            cells += [str(lh.get(k, "-")) for k in ("perf", "a11y", "bp", "seo")]
            cells += [f"{lh['lcp_s']:.2f}", f"{lh['cls']:.3f}", f"{lh['tbt_ms']:.0f}"] if lh else ["-"] * 3
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-lighthouse", action="store_true", help="bytes and requests only (quick)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    config = SITE.config.data
    prefix = SITE.config.sub_path
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        sites = build_both(config, tmp)
        precache_size = precache(sites["this site"]["dir"])
        rows: list[dict] = []
        with sync_playwright() as p:
            browser = chromium.launch(p)
            for name, site in sites.items():
                with serve(site["dir"], prefix, compress=True) as base:
                    visits = first_visits(browser, base)
                    for url in PAGES:
                        row = {"site": name, "page": url, **visits[url], "floor": floor(site["dir"], url)}
                        if not args.skip_lighthouse:
                            print(f"lighthouse {name} /{url} ...", file=sys.stderr)
                            row["lighthouse"] = lighthouse(base + url, tmp)
                        rows.append(row)
            browser.close()
        plain = {r["page"]: r for r in rows if r["site"] == "plain Material"}
        for r in rows:
            if r["site"] == "this site":
                r["ratio"] = r["bytes"] / plain[r["page"]]["bytes"]
    builds = {name: round(site["build_s"], 2) for name, site in sites.items()}
    ours = [r for r in rows if r["site"] == "this site"]
    summary = {
        "build_s": builds,
        "build_ratio": round(builds["this site"] / builds["plain Material"], 2),
        "weight_ratio_total": round(sum(r["bytes"] for r in ours) / sum(plain[r["page"]]["bytes"] for r in ours), 3),
        "other_host_requests": {name: sum(r["other_hosts"] for r in rows if r["site"] == name) for name in sites},
        "precache": precache_size,
    }
    md = "\n".join([
        "# make bench: this site vs plain Material", "",
        "First visit, mobile viewport, gzip; KB = bytes over the wire (same origin); other = attempts to other hosts;",
        "floor = the page's HTML alone, gzipped; ratio = this site / plain Material.", "",
        table(rows, not args.skip_lighthouse), "",
        f"Build: this site {builds['this site']:.2f} s, plain Material {builds['plain Material']:.2f} s "
        f"(ratio {summary['build_ratio']:.2f}).",
        f"Weight, all pages: ratio {summary['weight_ratio_total']:.3f}. "
        f"Other-host requests: {summary['other_host_requests']}.",
        f"Service worker precache (this site only; downloaded once in the background after the first page, "
        f"not counted above): {precache_size['files']} files, {precache_size['gzip_bytes'] / 1024:.1f} KB over the "
        f"wire ({precache_size['bytes'] / 1024:.1f} KB uncompressed).",
    ])
    if not args.skip_lighthouse:
        misses = [f"- {r['site']} /{r['page']}: {', '.join(r['lighthouse']['failed_audits'])}"
                  for r in rows if r["lighthouse"]["failed_audits"]]
        md += "\n\nLighthouse audits not passed:\n" + ("\n".join(misses) if misses else "- none")
    print(md)
    (RESULTS / "bench.md").write_text(md + "\n", encoding="utf-8")
    (RESULTS / "bench.json").write_text(json.dumps({"pages": rows, "summary": summary}, indent=2), encoding="utf-8")
    print(f"\nwrote {RESULTS / 'bench.md'} and {RESULTS / 'bench.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
