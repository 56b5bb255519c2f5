"""The pelvis meter's sensor, emulated in Chromium for the tests and `make bench`.

Chromium's DevTools protocol overrides the platform's accelerometer
(Emulation.setSensorOverrideEnabled / setSensorOverrideReadings); the page
then gets `devicemotion` events whose accelerationIncludingGravity is that
reading, about 60 a second (checked on Debian's Chromium 156). Without an
override, a desktop Chromium fires one `devicemotion` with every field null:
a browser with no motion sensor. Two things learnt from it: Chromium rounds
each axis to 0.1 m/s² (as it does on phones, against fingerprinting), and a
`devicemotion` listener added before the document exists (an init script)
starts no sensor, so the test's own listener is added once the page is in.

`gravity(tilt)` is what a phone worn flat on the low back, screen facing out,
top up, reports when the reader's left side is low by `tilt` degrees
(negative: the right side low), the low back leaning `lean` degrees.
"""

from __future__ import annotations

import math
import random

G = 9.80665
# Per-axis noise of one reading, m/s². About 0.3° of tilt: more than a phone
# accelerometer's own noise, to stand for the small sway of a body holding still.
NOISE = 0.05

# Every reading the meter reports (meter.js dispatches hip-meter:reading).
RECORD = """
window.hipReadings = [];
document.addEventListener("hip-meter:reading", (e) => hipReadings.push(e.detail), true);
"""


def gravity(tilt: float, lean: float = 10.0, noise: float = 0.0, rng: random.Random | None = None) -> dict:
    t, lean_r = math.radians(tilt), math.radians(lean)
    x = math.sin(t) * math.cos(lean_r) * G
    y = math.cos(t) * math.cos(lean_r) * G
    z = math.sin(lean_r) * G
    if noise:
        rng = rng or random.Random(0)
        x, y, z = (v + rng.gauss(0, noise) for v in (x, y, z))
    return {"x": round(x, 4), "y": round(y, 4), "z": round(z, 4)}


class Sensor:
    """The page's accelerometer, driven through CDP."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Emulation.setSensorOverrideEnabled", {"enabled": True, "type": "accelerometer"})

    def set(self, xyz: dict, wait: bool = True) -> None:
        """Set the reading; with wait, until the page has had an event carrying it."""
        self.cdp.send("Emulation.setSensorOverrideReadings", {"type": "accelerometer", "reading": {"xyz": xyz}})
        if wait:
            # Waits on the page's own events, not on a timer: a test may have paused the page's clock.
            self.page.evaluate(
                """([x, y, z]) => new Promise((resolve) => {
                  if (window.hipMotion === undefined) {  // what the page saw last (the test's listener, not the meter's)
                    window.hipMotion = null;
                    addEventListener("devicemotion", (e) => {
                      const g = e.accelerationIncludingGravity;
                      if (g && g.x !== null) window.hipMotion = {x: g.x, y: g.y, z: g.z, at: performance.now()};
                    });
                  }
                  const near = (a, b) => Math.abs(a - b) <= 0.051;  // Chromium rounds to 0.1 m/s²
                  const has = (m) => m && near(m.x, x) && near(m.y, y) && near(m.z, z);
                  if (has(window.hipMotion)) return resolve();
                  addEventListener("devicemotion", function seen() {
                    if (!has(window.hipMotion)) return;
                    removeEventListener("devicemotion", seen);
                    resolve();
                  });
                })""",
                [xyz["x"], xyz["y"], xyz["z"]])

    def tilt(self, tilt: float, noise: float = 0.0, rng: random.Random | None = None, wait: bool = True) -> dict:
        xyz = gravity(tilt, noise=noise, rng=rng)
        self.set(xyz, wait)
        return xyz

    def close(self) -> None:
        self.cdp.detach()
