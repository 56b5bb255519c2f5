"""WebKitGTK (Safari's engine, as Debian builds it) as the tests launch it.

Debian's WebKitWebDriver drives its MiniBrowser through Selenium, in an X
display: $DISPLAY, or an Xvfb started here. Pinned as tools/chromium.py pins
Chromium: the fonts (tools/fonts.conf), a phone-sized window, and a new,
empty profile for every browser (no service worker, cache or storage left
from before), removed when it quits.

Not an iPhone: the user agent says Linux, devicePixelRatio is 1, there is no
touch (no touch events, `pointer: fine`; WebDriver actions with a touch
pointer arrive as mouse events), no safe-area insets, and the codecs are
GStreamer's. What it shares with Safari is the engine: JavaScriptCore, the
module loader, WebCore's events, layout and history.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DRIVER = "/usr/bin/WebKitWebDriver"
XVFB = "/usr/bin/Xvfb"
FONTS = Path(__file__).resolve().parent / "fonts.conf"
PHONE = (390, 844)  # CSS px: an iPhone 12 to 16's screen
MISSING = ("WebKitGTK's WebDriver or Xvfb is missing: run 'make test' (it installs them) "
           "or 'apt-get install webkit2gtk-driver xvfb'")


def minibrowser() -> str:
    """MiniBrowser, which webkit2gtk-driver's library package ships outside $PATH."""
    found = sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))
    if not found or not Path(DRIVER).exists() or not Path(XVFB).exists():
        raise SystemExit(MISSING)
    return found[-1]


@contextmanager
def display() -> Iterator[str]:
    """An X display for the browser: $DISPLAY if there is one, else a private Xvfb while this lasts."""
    minibrowser()
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    # -displayfd: Xvfb picks a free display number and writes it when it is ready for clients.
    xvfb = subprocess.Popen([XVFB, "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        number = xvfb.stdout.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit code {xvfb.wait()})")
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait()


@contextmanager
def browser(x_display: str, size: tuple[int, int] = PHONE) -> Iterator:
    """A MiniBrowser under WebDriver, its window (the viewport) `size` CSS px, with a new profile."""
    from selenium import webdriver

    profile = tempfile.mkdtemp(prefix="hip-webkit-")
    options = webdriver.WebKitGTKOptions()
    options.binary_location = minibrowser()
    options.add_argument("--automation")
    options.add_argument("--full-screen")  # no toolbar: it would keep the window at least 447 px wide
    env = {**os.environ, "DISPLAY": x_display, "FONTCONFIG_FILE": str(FONTS),
           "XDG_CONFIG_HOME": profile, "XDG_CACHE_HOME": profile, "XDG_DATA_HOME": profile}
    service = webdriver.WebKitGTKService(executable_path=DRIVER, env=env, log_output=subprocess.DEVNULL)
    with warnings.catch_warnings():  # Selenium's WebKitGTK class calls an API Selenium deprecates
        warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
        driver = webdriver.WebKitGTK(options=options, service=service)
    try:
        driver.set_page_load_timeout(30)
        driver.set_window_size(*size)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
