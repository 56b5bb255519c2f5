"""Measure the hip-level coach in Debian's Chromium with a fake front camera:
the model's payload, its load time, the time per frame, and the tilt it reads
on a real photo turned by known angles. Prints Markdown tables and writes
results/coach.json. Run through `make bench-coach` (it builds first).
Timings are this machine's (two shared cores, WebGL in software): a phone's
GPU is much faster. Usage: python tools/bench_coach.py [FRAMES]
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys

import chromium
import coach_camera
from sitemodel import ROOT, Site, serve

SITE = ROOT / "site"
ANGLES = (-8.0, 0.0, 8.0)


def payload() -> dict:
    """The files the coach downloads on first use: those package.json's poseModel declares."""
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["poseModel"]
    names = [path.rsplit("/", 1)[-1] for path in declared["files"] if not path.endswith("LICENSE")]
    files = {name: (SITE / "assets" / "coach" / name).read_bytes() for name in names}
    return {
        "files": {name: {"bytes": len(b), "gzip_bytes": len(gzip.compress(b, 6))} for name, b in files.items()},
        "bytes": sum(len(b) for b in files.values()),
        "gzip_bytes": sum(len(gzip.compress(b, 6)) for b in files.values()),
    }


def run(playwright, url: str, tilt: float, frames: int) -> dict:
    browser = chromium.launch(playwright, coach_camera.fake_camera_args(coach_camera.clip(tilt)))
    try:
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
        context.add_init_script(coach_camera.RECORD_STREAMS)
        context.add_init_script(coach_camera.RECORD_FRAMES)
        page = context.new_page()
        coach_camera.open_coach(page, url)
        got = coach_camera.measure(page, frames + 1)
    finally:
        browser.close()
    first, rest = got["frames"][0], got["frames"][1:]
    tilts = [f["tilt"] for f in rest if f["state"] == "ok"]
    times = sorted(f["ms"] for f in rest)
    return {
        "applied_deg": tilt,
        "backend": got["ready"]["backend"],
        "load_ms": round(got["ready"]["ms"]),
        "first_frame_ms": round(first["ms"]),
        "frame_ms_median": round(statistics.median(times)),
        "frame_ms_p90": round(times[int(0.9 * (len(times) - 1))]),
        "frames": len(rest),
        "frames_ok": len(tilts),
        "tilt_mean_deg": round(statistics.fmean(tilts), 2),
        "tilt_sd_deg": round(statistics.stdev(tilts), 2),
        "tilt_min_deg": round(min(tilts), 2),
        "tilt_max_deg": round(max(tilts), 2),
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    size = payload()
    with serve(SITE, Site().config.sub_path) as base, sync_playwright() as p:
        runs = [run(p, base + "sequence-2/", tilt, frames) for tilt in ANGLES]
    upright = next(r for r in runs if r["applied_deg"] == 0)["tilt_mean_deg"]
    for r in runs:
        r["relative_deg"] = round(r["tilt_mean_deg"] - upright, 2)
        r["error_deg"] = round(r["relative_deg"] - r["applied_deg"], 2)

    print("## Hip-level coach\n")
    manifest = json.loads((SITE / "assets" / "coach" / "pose-model.json").read_text())
    print(f"Model: {manifest['package']} {manifest['version']}"
          f" with MoveNet Lightning, backend `{runs[0]['backend']}` (WebGL in software here).\n")
    print("| File | Bytes | Gzipped |\n| --- | ---: | ---: |")
    for name, f in size["files"].items():
        print(f"| {name} | {f['bytes']:,} | {f['gzip_bytes']:,} |")
    print(f"| **total** | **{size['bytes']:,}** | **{size['gzip_bytes']:,}** |\n")
    print("| Applied tilt | Model load | First frame | Frame (median / p90) | Measured tilt (mean ± sd, min…max)"
          " | Minus upright | Error |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        print(f"| {r['applied_deg']:+.0f}° | {r['load_ms']} ms | {r['first_frame_ms']} ms | "
              f"{r['frame_ms_median']} / {r['frame_ms_p90']} ms | {r['tilt_mean_deg']:+.1f}° ± {r['tilt_sd_deg']:.1f}°"
              f" ({r['tilt_min_deg']:+.1f}…{r['tilt_max_deg']:+.1f}), {r['frames_ok']}/{r['frames']} frames | "
              f"{r['relative_deg']:+.1f}° | {r['error_deg']:+.1f}° |")
    out = ROOT / "results" / "coach.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"payload": size, "runs": runs}, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
