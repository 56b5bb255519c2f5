"""Measure the hip-level coach in Debian's Chromium with a fake front camera:
the model's payload, its load time, the time per frame, and the tilt it reads
on a real photo turned by known angles. Prints Markdown tables and writes
results/coach.json. Run through `make bench-coach` (it builds first).
Timings are this machine's (two shared cores, WebGL in software): a phone's
GPU is much faster. Usage: python tools/bench_coach.py [FRAMES]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import coach_camera  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, SITE, _SubPathHandler, load_config  # noqa: E402

ANGLES = (-8.0, 0.0, 8.0)
MODEL_FILES = ("human.esm.js", "movenet-lightning.json", "movenet-lightning.bin")


def payload() -> dict:
    files = {name: (SITE / "assets" / "coach" / name).read_bytes() for name in MODEL_FILES}
    return {
        "files": {name: {"bytes": len(b), "gzip_bytes": len(gzip.compress(b, 6))} for name, b in files.items()},
        "bytes": sum(len(b) for b in files.values()),
        "gzip_bytes": sum(len(gzip.compress(b, 6)) for b in files.values()),
    }


def serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    prefix = "/" + load_config()["site_url"].split("://", 1)[1].split("/", 1)[1]
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}{prefix}sequence-2/"


def run(playwright, url: str, tilt: float, frames: int) -> dict:
    browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                         args=CHROMIUM_ARGS + coach_camera.fake_camera_args(coach_camera.clip(tilt)))
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
    server, url = serve()
    try:
        with sync_playwright() as p:
            runs = [run(p, url, tilt, frames) for tilt in ANGLES]
    finally:
        server.shutdown()
    upright = next(r for r in runs if r["applied_deg"] == 0)["tilt_mean_deg"]
    for r in runs:
        r["relative_deg"] = round(r["tilt_mean_deg"] - upright, 2)
        r["error_deg"] = round(r["relative_deg"] - r["applied_deg"], 2)

    print("## Hip-level coach\n")
    print(f"Model: Human {json.loads((ROOT / 'node_modules/@vladmandic/human/package.json').read_text())['version']}"
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
