"""Measure the pelvis-level meter in Debian's Chromium with its accelerometer
emulated (tools/meter_sensor.py): applied tilt against measured tilt for a
sweep of -10° to +10° in 2° steps, with noise on every reading, and the
latency from a change of tilt to the word that says it. Prints a Markdown
table and writes results/meter.json. Run by `make bench` (it builds first).

Real time here, not a test clock: readings go in about 60 times a second, as
a phone sends them; the meter reads them every 100 ms. Between angles the
reading goes back to level, so each angle's latency is from level to its
words. Within the level band (±2° on a quiet sensor) the words stay "Level".
Usage: python tools/bench_meter.py
"""

from __future__ import annotations

import json
import random
import statistics
import time

import chromium
import meter_sensor
from sitemodel import ROOT, Site, serve

SITE = ROOT / "site"
ANGLES = [float(a) for a in range(-10, 11, 2)]
RATE = 60  # readings a second
LEVEL_FOR = 2.0  # s at level before each angle
HOLD_FOR = 3.0  # s at each angle; the last MEASURE_FOR of it is averaged
MEASURE_FOR = 1.5
# speechSynthesis with one on-device voice, recording when each utterance is made (Date.now()).
SPEECH = r"""
window.hipSaid = [];
(() => {
  const voice = {name: "On-device English", lang: "en-GB", localService: true, default: true, voiceURI: "local"};
  const synth = new EventTarget();
  Object.assign(synth, {paused: false, pending: false, getVoices: () => [voice], cancel() {}, pause() {}, resume() {},
    speak(u) { hipSaid.push({text: u.text, at: Date.now()}); setTimeout(() => u.dispatchEvent(new Event("end")), 50); }});
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text = "") { super(); this.text = text; this.voice = null; this.lang = ""; }
  };
})();
"""


def feed(page, sensor, tilt: float, seconds: float, rng: random.Random) -> float:
    """Send noisy readings at RATE for `seconds`; returns the page's Date.now() at the first."""
    started = page.evaluate("Date.now()")
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sensor.tilt(tilt, meter_sensor.NOISE, rng, wait=False)
        page.wait_for_timeout(1000 / RATE)
    return started


def words_for(applied: float) -> str:
    if abs(applied) <= 2:
        return "Level"
    side = "left" if applied > 0 else "right"
    return f"Your {side} side is low by {round(abs(applied))} degrees"


def main() -> None:
    from playwright.sync_api import sync_playwright

    rng = random.Random(2026)
    rows = []
    with serve(SITE, Site().config.sub_path) as base, sync_playwright() as p:
        browser = chromium.launch(p)
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
        context.add_init_script(SPEECH + meter_sensor.RECORD)
        page = context.new_page()
        sensor = meter_sensor.Sensor(page)
        page.goto(base + "sequence-2/")
        sensor.tilt(0, meter_sensor.NOISE, rng)  # also starts the page's own listener
        page.get_by_role("button", name="Measure with the phone on my back").click()
        page.get_by_role("button", name="Start", exact=True).click()
        feed(page, sensor, 0, 3.0, rng)
        band = page.evaluate("document.querySelector('[data-part=band]').textContent")
        for applied in ANGLES:
            feed(page, sensor, 0, LEVEL_FOR, rng)
            changed = feed(page, sensor, applied, HOLD_FOR, rng)
            now = page.evaluate("Date.now()")
            readings = page.evaluate("hipReadings")
            tilts = [r["tilt"] for r in readings if r["tilt"] is not None and now - MEASURE_FOR * 1000 <= r["at"] <= now]
            expected = words_for(applied)
            spoken = [s for s in page.evaluate("hipSaid") if s["at"] >= changed]
            first = next((s for s in spoken if s["text"] == expected), None)
            rows.append({
                "applied_deg": applied,
                "measured_mean_deg": round(statistics.fmean(tilts), 2),
                "error_deg": round(statistics.fmean(tilts) - applied, 2),
                "spread_sd_deg": round(statistics.stdev(tilts), 2),
                "readings": len(tilts),
                "words": expected,
                "said": [s["text"] for s in spoken],
                "latency_ms": (first["at"] - changed) if first and expected != "Level" else None,
            })
        browser.close()

    print("## Pelvis-level meter\n")
    print(f"Emulated accelerometer (CDP), {RATE} readings a second, noise sd {meter_sensor.NOISE} m/s² per axis,"
          " rounded by Chromium to 0.1 m/s²; screen out, low back leaning 10°. Calibrated on both feet at 0°.")
    print(f"{band}\n")
    print("| Applied tilt | Measured (mean) | Error | Spread (sd) | Words | Latency to the words |")
    print("| ---: | ---: | ---: | ---: | --- | ---: |")
    for r in rows:
        latency = f"{r['latency_ms']} ms" if r["latency_ms"] is not None else "(stays Level)" if r["words"] == "Level" else "not said"
        print(f"| {r['applied_deg']:+.0f}° | {r['measured_mean_deg']:+.2f}° | {r['error_deg']:+.2f}° | "
              f"{r['spread_sd_deg']:.2f}° | {r['words']} | {latency} |")
    errors = [abs(r["error_deg"]) for r in rows]
    latencies = [r["latency_ms"] for r in rows if r["latency_ms"] is not None]
    print(f"\nMean absolute error {statistics.fmean(errors):.2f}° (largest {max(errors):.2f}°); "
          f"mean spread {statistics.fmean(r['spread_sd_deg'] for r in rows):.2f}°; latency from a change to its words "
          + (f"{min(latencies)}–{max(latencies)} ms (median {statistics.median(latencies):.0f} ms)" if latencies else "n/a"))
    out = ROOT / "results" / "meter.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"rate": RATE, "noise": meter_sensor.NOISE, "band": band, "rows": rows}, indent=2) + "\n",
                   encoding="utf-8")
    print(f"\nWrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
