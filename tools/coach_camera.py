"""A real photo of standing people as Chromium's fake front camera, for the
coach's accuracy test (tests/test_coach.py) and its bench (tools/bench_coach.py).

The photo is bus.jpg from the ultralytics wheel on PyPI: another project's
file, so it is never committed. `make test` and `make bench-coach` fetch it
once before anything runs (`python tools/coach_camera.py fetch`) into the
git-ignored .hip-cache/ (Zensical owns .cache/ and clears it); a test never
downloads.
It is rotated by a known angle about the man in the black jacket and cropped
to a phone's portrait frame. Each frame of the clip is shifted and scaled a
little, as a hand-held or propped-up phone would be, so the model sees
slightly different pictures and the averaged reading has a real spread.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".hip-cache" / "coach"
ULTRALYTICS = "8.4.190"
FRAME = (360, 640)  # a phone's front camera held upright
# The region around the man in the black jacket (bus.jpg is 810 x 1080): head to shoes, 9:16.
CENTRE = (357.0, 640.0)
REGION = (315.0, 560.0)
FRAMES = 12  # distinct frames in the looping clip
FPS = 12


PHOTO = CACHE / "bus.jpg"


def fetch() -> None:
    """Download bus.jpg once: the ultralytics wheel from PyPI, with pip, then the photo from inside it."""
    if PHOTO.is_file():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        got = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                              f"ultralytics=={ULTRALYTICS}", "-d", tmp], capture_output=True, text=True)
        if got.returncode:
            raise SystemExit(f"Could not fetch the coach's test photo (ultralytics=={ULTRALYTICS} from PyPI):\n"
                             f"{got.stderr.strip()}\nCheck the connection to PyPI, then run 'make test' again.")
        wheel = next(Path(tmp).glob("ultralytics-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            PHOTO.write_bytes(zf.read("ultralytics/assets/bus.jpg"))


def photo() -> Path:
    if not PHOTO.is_file():
        raise FileNotFoundError(f"{PHOTO} is missing: run 'make test' (it fetches it first) "
                                "or '.venv/bin/python tools/coach_camera.py fetch'")
    return PHOTO


def frames(tilt: float, count: int = FRAMES, seed: int = 7) -> list[Image.Image]:
    """The photo turned clockwise by `tilt` degrees: the reader's left hip
    (the right of the camera's picture) goes down, a positive tilt for the coach."""
    image = Image.open(photo()).convert("RGB")
    # PIL turns counter-clockwise for a positive angle.
    turned = image.rotate(-tilt, resample=Image.BICUBIC, center=CENTRE)
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        scale = 1 + rng.uniform(-0.03, 0.03)
        w, h = REGION[0] * scale, REGION[1] * scale
        cx, cy = CENTRE[0] + rng.uniform(-8, 8), CENTRE[1] + rng.uniform(-8, 8)
        box = (round(cx - w / 2), round(cy - h / 2), round(cx + w / 2), round(cy + h / 2))
        out.append(turned.crop(box).resize(FRAME, Image.LANCZOS))
    return out


def write_y4m(images: list[Image.Image], path: Path) -> Path:
    """A YUV 4:2:0 clip, the format Chromium's fake camera reads."""
    width, height = images[0].size
    with path.open("wb") as f:
        f.write(f"YUV4MPEG2 W{width} H{height} F{FPS}:1 Ip A1:1 C420jpeg\n".encode())
        for image in images:
            y, cb, cr = image.convert("YCbCr").split()
            f.write(b"FRAME\n")
            f.write(y.tobytes())
            for plane in (cb, cr):
                f.write(plane.resize((width // 2, height // 2), Image.BOX).tobytes())
    return path


def clip(tilt: float) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"bus-{tilt:+.0f}.y4m"
    if not path.is_file():
        write_y4m(frames(tilt), path)
    return path


def fake_camera_args(video: Path) -> list[str]:
    return ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}"]


# Keeps what the page asks for and every stream it gets, so a test can check the tracks end.
RECORD_STREAMS = """
window.hipStreams = [];
window.hipAsked = [];
const getUserMedia = MediaDevices.prototype.getUserMedia;
MediaDevices.prototype.getUserMedia = async function (constraints) {
  hipAsked.push(constraints);
  const stream = await getUserMedia.call(this, constraints);
  hipStreams.push(stream);
  return stream;
};
"""

# Collects what the coach measures, frame by frame.
RECORD_FRAMES = """
window.hipFrames = [];
window.hipReady = null;
document.addEventListener("hip-coach:ready", (e) => { hipReady = e.detail; });
document.addEventListener("DOMContentLoaded", () => {
  const watch = () => document.querySelectorAll("dialog.hip-coach").forEach((d) => {
    if (d.dataset.watched) return;
    d.dataset.watched = "1";
    d.addEventListener("hip-coach:frame", (e) => hipFrames.push(e.detail));
  });
  new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
  watch();
});
"""


def open_coach(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Check my hips").first.click()
    page.wait_for_function("hipStreams.length > 0 && document.querySelector('.hip-coach video').videoWidth > 0")


def measure(page, frames: int, timeout: float = 240.0) -> dict:
    """Turn measuring on (if off), wait for `frames` readings, return them
    with the model's load time."""
    switch = page.get_by_role("switch", name="Measure my hips")
    if not switch.is_checked():
        switch.check()
    page.wait_for_function("hipReady !== null", timeout=timeout * 1000)
    start = page.evaluate("hipFrames.length")
    page.wait_for_function(f"hipFrames.length >= {start + frames}", timeout=timeout * 1000)
    return {"ready": page.evaluate("hipReady"), "frames": page.evaluate(f"hipFrames.slice({start}, {start + frames})")}


if __name__ == "__main__":
    if sys.argv[1:] != ["fetch"]:
        raise SystemExit("usage: python tools/coach_camera.py fetch")
    fetch()
