"""Draw and encode the two demonstration clips (make media).

Every frame is drawn in code with Pillow from a few keyframes, one per step,
so a clip is reproducible and can be redrawn after a step changes. The step
list, the chapters, the captions, the transcript and the on-screen step
numbers all come from here and from the page's own list (the site model,
tools/sitemodel.py).

The frames hold no words, only numbers, arrows and marks, so one clip serves
every language and the captions speak: a page in Spanish shows no English
word, and a new language needs no new video (issue 21; per-language clips
would add about 0.6 MB a language). Each language has its own captions,
chapters and transcript: the English captions are the Step(...) lists below;
another language's are in includes/<lang>/captions.yml, one list per step.

Output, per sequence: docs/assets/media/sequence-N.{webm,mp4,jpg}, and per
language docs/assets/media/sequence-N.{en.vtt,chapters.vtt} and
includes/transcripts/sequence-N.md (English), sequence-N.{es.vtt,
chapters.es.vtt} and includes/es/transcripts/sequence-N.md (Spanish).
"""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
import yaml  # noqa: E402
from sitemodel import Language, Site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "docs" / "assets" / "media"
TRANSCRIPTS = ROOT / "includes" / "transcripts"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

FPS = 24
OUT_W, OUT_H = 640, 360
SS = 2  # drawn at twice the size, then scaled down: smooth edges
W, H = OUT_W * SS, OUT_H * SS
EASE_S = 1.6  # seconds each step's movement takes; the rest of the step holds still
# A step's captions share the step evenly, so with two captions the first shows the movement and the
# second the still pose after it: word the second one for the held pose. A step's movement arrow shows
# only while its first caption does.

# Site colours (docs/assets/stylesheets/site.css) and quiet tints of them.
BG = (247, 250, 250)
TEAL = (11, 85, 99)
ACCENT = (163, 64, 12)
BODY = (201, 222, 226)
BODY_FAR = (184, 209, 214)
BONE = (255, 255, 255)
GUIDE = (96, 128, 134)
MUSCLE_REST = (236, 196, 174)
GROUND = (150, 170, 174)


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def mix(a, b, t):
    if isinstance(a, tuple):
        return tuple(round(x + (y - x) * t) for x, y in zip(a, b))
    return a + (b - a) * t


def ease(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)


@dataclass
class Step:
    label: str  # short on-screen label
    captions: list[str]  # what the clip shows, in order (split evenly over the step)
    pose: dict = field(default_factory=dict)
    flash: str = ""  # a movement arrow, shown while the step's first caption shows


# The pose keys draw_figure reads; a clip's draw function may read more (see `draws`).
FIGURE_KEYS = ("shift", "tilt", "lift", "hands", "press", "glute_l", "glute_r", "heels")


def draws(*keys: str):
    """Mark a clip's draw function with the pose keys it reads besides draw_figure's, so a clip
    whose start pose lacks one is named before a frame is drawn (not a KeyError mid-render)."""
    def mark(function):
        function.pose_keys = FIGURE_KEYS + keys
        return function
    return mark


@dataclass
class Clip:
    name: str  # the page's name: docs/<name>.md, docs/assets/media/<name>.*
    title: str
    seconds_per_step: float
    steps: list[Step]
    start: dict  # the pose before step 1
    draw: callable
    poster_at: float  # seconds

    @property
    def duration(self) -> float:
        return self.seconds_per_step * len(self.steps)

    def problems(self) -> list[tuple[str, str]]:
        """What would stop this clip from drawing, as (problem, fix), for whoever wrote its keyframes."""
        name = getattr(self.draw, "__name__", "its draw function")
        keys = getattr(self.draw, "pose_keys", None)
        if keys is None:
            return [(f"{name} does not say which pose keys it reads",
                     "put @draws(...) above it, listing the keys it reads besides draw_figure's (@draws() if none)")]
        found = []
        missing = [key for key in keys if key not in self.start]
        if missing:
            found.append((f"the clip {self.name}'s start pose has no {', '.join(repr(k) for k in missing)}, which "
                          f"{name} reads",
                          f"add {', '.join(f'{k}=0.0' for k in missing)} to the start pose, or give the clip a draw "
                          "function of its own (see \"Add a sequence\" in CONTRIBUTING.md)"))
        for number, step in enumerate(self.steps, start=1):
            extra = [key for key in step.pose if key not in self.start]
            if extra:
                found.append((f"step {number} of the clip {self.name} ('{step.label}') moves "
                              f"{', '.join(repr(k) for k in extra)}, which the start pose lacks",
                              "give every key a step moves a starting value in the start pose"))
        return found

    def pose_at(self, t: float) -> tuple[int, dict]:
        i = min(int(t // self.seconds_per_step), len(self.steps) - 1)
        before = dict(self.start)
        for step in self.steps[:i]:
            before.update(step.pose)
        after = dict(before, **self.steps[i].pose)
        k = ease((t - i * self.seconds_per_step) / EASE_S)
        return i, {key: mix(before[key], after[key], k) for key in after}

    def flash_at(self, t: float, name: str) -> float:
        """How strongly the step at t shows its movement arrow `name` (0..1)."""
        i = min(int(t // self.seconds_per_step), len(self.steps) - 1)
        if self.steps[i].flash != name:
            return 0.0
        local = t - i * self.seconds_per_step
        first_caption_ends = self.seconds_per_step / len(self.steps[i].captions)
        return ease(local / 0.3) * (1 - ease((local - (first_caption_ends - 0.5)) / 0.5))


# ---------------------------------------------------------------- drawing kit


class Pen:
    def __init__(self, img: Image.Image) -> None:
        self.d = ImageDraw.Draw(img)

    def capsule(self, a, b, width, fill) -> None:
        self.d.line([a, b], fill=fill, width=round(width))
        r = width / 2
        for x, y in (a, b):
            self.d.ellipse([x - r, y - r, x + r, y + r], fill=fill)

    def circle(self, c, r, fill=None, outline=None, width=1) -> None:
        self.d.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=fill, outline=outline, width=width)

    def dashed(self, a, b, fill, width=4, dash=18, gap=12) -> None:
        length = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        s = 0.0
        while s < length:
            e = min(s + dash, length)
            self.d.line([(a[0] + ux * s, a[1] + uy * s), (a[0] + ux * e, a[1] + uy * e)], fill=fill, width=width)
            s = e + gap

    def arrow(self, a, b, fill, width=10, head=26) -> None:
        ang = math.atan2(b[1] - a[1], b[0] - a[0])
        base = (b[0] - head * math.cos(ang), b[1] - head * math.sin(ang))
        self.d.line([a, base], fill=fill, width=width)
        left = (base[0] + head * 0.6 * math.sin(ang), base[1] - head * 0.6 * math.cos(ang))
        right = (base[0] - head * 0.6 * math.sin(ang), base[1] + head * 0.6 * math.cos(ang))
        self.d.polygon([b, left, right], fill=fill)

    def text(self, xy, s, size, fill, anchor="la") -> None:
        self.d.text(xy, s, font=font(size), fill=fill, anchor=anchor)


def rot(p, c, ang):
    """Rotate point p about c by ang radians (screen coordinates, y down)."""
    s, co = math.sin(ang), math.cos(ang)
    x, y = p[0] - c[0], p[1] - c[1]
    return (c[0] + x * co - y * s, c[1] + x * s + y * co)


# Right half of a front-view pelvis, in units around its centre (x out, y down).
PELVIS_HALF = [(0, -30), (22, -38), (48, -72), (84, -64), (94, -40), (86, -18), (76, 2), (74, 18),
               (58, 50), (20, 46), (6, 36), (0, 36)]
HIP_SOCKET = (60, 16)
CREST = [(60, -70), (86, -60), (93, -36)]  # outer wing of the ilium, where gluteus medius starts


def pelvis_points(centre, tilt, side):
    return [rot((centre[0] + side * x, centre[1] + y), centre, tilt) for x, y in PELVIS_HALF]


def hip_joint(centre, tilt, side):
    return rot((centre[0] + side * HIP_SOCKET[0], centre[1] + HIP_SOCKET[1]), centre, tilt)


def draw_figure(pen: Pen, p: dict, cx: float, rest=None) -> dict:
    """A front-view figure: body in a light tint, pelvis and thigh bones drawn over it.

    Pose keys: shift (sideways, px), tilt (pelvis, radians, + drops the
    figure's left = viewer's right), lift (0..1, viewer's-right foot off the
    floor), hands (0 at the sides .. 1 on the thighs), press (0..1 outward),
    glute_l/glute_r (0..1, how hard each side hip muscle works), heels (half the
    distance between the heels), arms_out (optional: how far from the body's
    middle the hands hang when they are at the sides). rest: a point where the
    viewer's-left hand rests (on a support) instead.
    """
    ground = 660
    pc = (cx + p["shift"], 372)  # pelvis centre
    tilt = p["tilt"]
    joints = {s: hip_joint(pc, tilt, s) for s in (-1, 1)}
    legs = {}
    for s in (-1, 1):
        hip = joints[s]
        heel_x = cx + s * p["heels"]  # pressing outward does not move the feet
        if s == 1 and p["lift"] > 0:
            # Knee bent, foot lifted behind: seen from the front the shin looks shorter.
            ankle = (mix(heel_x, hip[0] + 6, p["lift"]), mix(ground - 22, hip[1] + 150, p["lift"]))
            knee = (mix((hip[0] + heel_x) / 2, hip[0] + 6, p["lift"]), mix(hip[1] + 138, hip[1] + 128, p["lift"]))
        else:
            ankle = (heel_x, ground - 22)
            knee = ((hip[0] + ankle[0]) / 2 + s * 10 * p["press"], (hip[1] + ankle[1]) / 2)
        legs[s] = (hip, knee, ankle)

    # Back arm layer is not needed in a front view; torso first.
    shoulder_y = 168
    torso_c = (cx + p["shift"], 0)
    pen.d.rounded_rectangle([torso_c[0] - 92, shoulder_y - 10, torso_c[0] + 92, pc[1] - 10], radius=46, fill=BODY)
    pen.capsule((torso_c[0], 110), (torso_c[0], shoulder_y), 34, BODY)  # neck
    pen.circle((torso_c[0], 92), 40, fill=BODY)  # head
    pen.d.polygon(pelvis_points(pc, tilt, 1) + pelvis_points(pc, tilt, -1)[::-1], fill=BODY)
    for s in (-1, 1):
        hip, knee, ankle = legs[s]
        colour = BODY_FAR if (s == 1 and p["lift"] > 0.5) else BODY
        pen.capsule((hip[0] + s * 14, hip[1]), knee, 66, colour)
        pen.capsule(knee, ankle, 50, colour)
        lifted = s == 1 and p["lift"] > 0
        foot_y = ankle[1] + 16
        pen.d.rounded_rectangle([ankle[0] - 30 + s * 4, foot_y - 12, ankle[0] + 30 + s * 12, foot_y + 10],
                                radius=10, fill=colour)
        if not lifted or p["lift"] < 0.05:
            pen.d.ellipse([ankle[0] - 44, ground + 2, ankle[0] + 52, ground + 12], fill=(218, 228, 230))

    # Bones: pelvis and thigh bones, white with teal outlines.
    for s in (-1, 1):
        hip, knee, _ = legs[s]
        troch = (hip[0] + s * 40, hip[1] + 16)
        pen.capsule(hip, troch, 20, TEAL)
        pen.capsule(troch, knee, 24, TEAL)
        pen.capsule(hip, troch, 12, BONE)
        pen.capsule(troch, knee, 16, BONE)
        pen.circle(hip, 16, fill=BONE, outline=TEAL, width=4)
        pen.circle((troch[0] + s * 6, troch[1] - 4), 13, fill=BONE, outline=TEAL, width=4)
        legs[s] = legs[s] + (troch,)
    outline = pelvis_points(pc, tilt, 1) + pelvis_points(pc, tilt, -1)[::-1]
    pen.d.polygon(outline, fill=BONE, outline=TEAL, width=5)
    # The pelvic brim, sacrum and obturator openings make it read as a pelvis.
    brim = [rot((pc[0] + 42 * math.cos(a / 12 * math.pi), pc[1] - 6 + 26 * math.sin(a / 12 * math.pi)), pc, tilt)
            for a in range(24)]
    pen.d.polygon(brim, outline=TEAL, width=3)
    pen.d.polygon([rot((pc[0] + x, pc[1] + y), pc, tilt) for x, y in ((-18, -30), (18, -30), (0, 14))],
                  fill=(226, 236, 238), outline=TEAL, width=3)
    for s in (-1, 1):
        c = rot((pc[0] + s * 36, pc[1] + 34), pc, tilt)
        pen.d.ellipse([c[0] - 12, c[1] - 8, c[0] + 12, c[1] + 8], outline=TEAL, width=3)
        pen.circle(joints[s], 16, fill=BONE, outline=TEAL, width=4)

    # The side hip muscles, as one shape: from the outer rim of the ilium to the greater trochanter.
    for s, key in ((-1, "glute_l"), (1, "glute_r")):
        level = p[key]
        rim = [rot((pc[0] + s * x, pc[1] + y), pc, tilt) for x, y in CREST]
        troch = legs[s][3]
        fan = [rim[0], rim[1], rim[2], (troch[0] + s * 18, troch[1] - 2), (troch[0] + s * 4, troch[1] - 10)]
        pen.d.polygon(fan, fill=mix(MUSCLE_REST, ACCENT, level), outline=ACCENT, width=3)

    # Arms: from the shoulders to the sides, or to the outsides of the thighs.
    for s in (-1, 1):
        shoulder = (torso_c[0] + s * 84, shoulder_y + 16)
        thigh_hip, thigh_knee = legs[s][0], legs[s][1]
        on_thigh = (mix(thigh_hip[0], thigh_knee[0], 0.55) + s * 50, mix(thigh_hip[1], thigh_knee[1], 0.55))
        at_side = (torso_c[0] + s * p.get("arms_out", 126), 420)
        hand = (mix(at_side[0], on_thigh[0], p["hands"]), mix(at_side[1], on_thigh[1], p["hands"]))
        if rest and s == -1:
            hand = rest
        elbow = ((shoulder[0] + hand[0]) / 2 + s * 22, (shoulder[1] + hand[1]) / 2)
        pen.capsule(shoulder, elbow, 30, BODY_FAR)
        pen.capsule(elbow, hand, 26, BODY_FAR)
        pen.circle(hand, 19, fill=BODY_FAR)
    return {"legs": legs, "pelvis": pc, "ground": ground}


def header(pen: Pen, clip: Clip, i: int, alpha: float) -> None:
    """The step's number, large, and a dot per step: no words (the captions say them, in the page's language)."""
    pen.text((48, 44), f"{i + 1}", 150, mix(BG, TEAL, alpha))
    pen.text((48, 230), f"/ {len(clip.steps)}", 58, ACCENT)
    for k in range(len(clip.steps)):  # progress: one dot per step
        c = (64 + k * 46, 660)
        if k <= i:
            pen.circle(c, 14, fill=TEAL)
        else:
            pen.circle(c, 14, outline=TEAL, width=4)


# ---------------------------------------------------------------- sequence #1


def foot_side(pen: Pen, p: dict, box) -> None:
    """The inside of the right foot seen from the side: the arch is the gap under the midfoot."""
    x0, y0 = box
    ground = y0 + 170
    pen.d.line([(x0 - 10, ground), (x0 + 300, ground)], fill=GROUND, width=5)
    arch = mix(6, 30, p["arch"])
    toe_lift = mix(26, 0, p["toes"])  # the toes come down flat against the floor
    heel, ball, toe = (x0 + 34, ground), (x0 + 206, ground), (x0 + 276, ground - toe_lift)
    pen.capsule((x0 + 84, y0 + 56), (x0 + 84, ground - 80), 52, BODY)  # lower leg
    top = [(x0 + 60, ground - 96), (x0 + 108, ground - 98), (x0 + 150, ground - 66), (x0 + 222, ground - 34),
           (x0 + 262, ground - 22 - toe_lift / 2), (toe[0] + 6, toe[1] - 8)]
    sole = [toe, ball]
    for k in range(1, 10):  # the arch: a curve lifting off the floor between ball and heel
        t = k / 10
        sole.append((mix(ball[0], heel[0] + 24, t), ground - arch * math.sin(math.pi * t)))
    sole += [(heel[0] + 4, ground), (heel[0] - 12, ground - 14), (heel[0] - 12, ground - 46)]
    pen.d.polygon(top + sole, fill=BODY, outline=TEAL, width=4)
    pen.d.line([(x0 + 60, y0 + 40), (x0 + 60, ground - 96)], fill=TEAL, width=4)
    pen.d.line([(x0 + 108, y0 + 40), (x0 + 108, ground - 98)], fill=TEAL, width=4)
    apex = (mix(ball[0], heel[0] + 24, 0.5), ground - arch)
    if p["arch_arrow"] > 0.02:
        pen.arrow((apex[0], ground + 2), (apex[0], ground - arch - 34), mix(BG, ACCENT, p["arch_arrow"]), 8, 20)
    if p["toes_arrow"] > 0.02:  # the toes press down, flat
        pen.arrow((toe[0] - 8, ground - 96), (toe[0] - 8, ground - 40), mix(BG, ACCENT, p["toes_arrow"]), 8, 20)


def toes_top(pen: Pen, p: dict, box) -> None:
    """The front of the right foot from above: the toes stay where they are (flat, not spread apart),
    and once they lie flat an equal mark of weight shows under each one."""
    x0, y0 = box
    flat = p["toes"]
    pen.d.rounded_rectangle([x0 + 40, y0 + 120, x0 + 240, y0 + 280], radius=70, fill=BODY, outline=TEAL, width=4)
    for k, r in enumerate([30, 23, 21, 19, 17]):
        x, y = x0 + 74 + k * 38, y0 + 104 + k * 10
        pen.circle((x, y), r, fill=BODY, outline=TEAL, width=4)
        if flat > 0.02:  # the same weight under every toe
            pen.circle((x, y), 10, fill=mix(BODY, ACCENT, flat))


@draws("guides", "arch", "arch_arrow", "toes", "toes_arrow")
def draw_seq1(img: Image.Image, clip: Clip, t: float) -> None:
    i, p = clip.pose_at(t)
    pen = Pen(img)
    fig = draw_figure(pen, p, cx=700)
    (lh, lk, _, _), (rh, rk, _, _) = fig["legs"][-1], fig["legs"][1]
    if p["guides"] > 0.02:  # heels straight under the hip joints
        colour = mix(BG, GUIDE, p["guides"])
        for hip in (lh, rh):
            pen.dashed((hip[0], hip[1] + 20), (hip[0], fig["ground"] - 4), colour)
    if p["press"] > 0.02:
        colour = mix(BG, ACCENT, p["press"])
        for s, knee in ((-1, lk), (1, rk)):
            y = knee[1] - 46
            pen.arrow((knee[0] + s * 50, y), (knee[0] + s * 112, y), colour)
    header(pen, clip, i, 1)
    foot_side(pen, p, (940, 120))
    toes_top(pen, p, (940, 400))


# The hands start well away from the body, so moving onto the thighs (and away again) shows on a phone.
# The heels start under the hips: step 1 shows where they are, not a move the source does not ask for.
SEQ1_START = dict(arms_out=200.0, shift=0.0, tilt=0.0, lift=0.0, hands=0.0, press=0.0, glute_l=0.0, glute_r=0.0,
                  heels=62.0, guides=0.0, arch=0.0, arch_arrow=0.0, toes=0.0, toes_arrow=0.0)

SEQUENCE_1 = [
    Step("Heels under hips", ["Standing, seen from the front, with each heel straight under its hip joint."],
         dict(guides=1.0)),
    Step("Hands on outer thighs", ["Both hands come to rest on the outsides of the thighs."],
         dict(hands=1.0, guides=0.0)),
    Step("Press legs outward", ["The legs press outward, with the hands resting on the thighs.",
                                "The muscles on the sides of the hips, from the pelvis to the top of the thigh "
                                "bone, are working."],
         dict(press=1.0, glute_l=1.0, glute_r=1.0)),
    Step("Arch lifts a little", ["Still pressing outward. The arch on the inside of the foot lifts a little off "
                                 "the floor."],
         dict(arch=1.0, arch_arrow=1.0)),
    Step("Toes flat, equal weight", ["The toes flatten against the floor.",
                                     "Weight is shared equally under every toe."],
         dict(toes=1.0, toes_arrow=1.0, arch_arrow=0.0)),
    Step("Hands away, feet stay", ["The hands come away to the sides. The arch stays lifted and the toes stay "
                                   "flat."],
         dict(hands=0.0, press=0.35, glute_l=0.6, glute_r=0.6, toes_arrow=0.0)),
]


# ---------------------------------------------------------------- sequence #2


CHAIR_TOP = (600, 436)  # the top of the chair's back, where the hand on the standing leg's side rests


def chair(pen: Pen, ground: float) -> None:
    """A chair seen from the side, its back next to the standing leg: the support for one-leg work."""
    x, y = CHAIR_TOP
    seat = ground - 120
    pen.capsule((x, y + 4), (x, ground), 16, GUIDE)  # back post and back leg
    pen.capsule((x, seat), (x - 110, seat), 16, GUIDE)  # seat
    pen.capsule((x - 104, seat), (x - 104, ground), 14, GUIDE)  # front leg
    pen.capsule((x - 2, y + 30), (x - 2, seat - 20), 30, GUIDE)  # back rest


@draws("level_line", "weight")
def draw_seq2(img: Image.Image, clip: Clip, t: float) -> None:
    i, p = clip.pose_at(t)
    pen = Pen(img)
    cx = 760
    chair(pen, 660)
    fig = draw_figure(pen, p, cx=cx, rest=(CHAIR_TOP[0], CHAIR_TOP[1] - 16))
    pc = fig["pelvis"]
    if p["level_line"] > 0.02:  # a level reference across the hip joints
        colour = mix(BG, GUIDE, p["level_line"])
        y = pc[1] + HIP_SOCKET[1]
        pen.dashed((pc[0] - 190, y), (pc[0] + 190, y), colour)
    standing = fig["legs"][-1]
    if p["weight"] > 0.02:  # weight down through the standing leg
        pen.arrow((standing[0][0], 180), (standing[0][0], 290), mix(BG, TEAL, p["weight"]), 10, 28)
    hip = fig["legs"][1][0]  # the pelvis on the lifted leg's side: an arrow while it drops, or comes up
    if (down := clip.flash_at(t, "drop")) > 0.02:
        pen.arrow((hip[0] + 70, hip[1] - 40), (hip[0] + 70, hip[1] + 30), mix(BG, ACCENT, down), 9, 24)
    if (up := clip.flash_at(t, "lift")) > 0.02:
        pen.arrow((hip[0] + 70, hip[1] + 30), (hip[0] + 70, hip[1] - 40), mix(BG, ACCENT, up), 9, 24)
    header(pen, clip, i, 1)
    # A readout of the pelvis, for anyone who can't judge the angle, in marks, not words: a level
    # bar with a tick, or the bar tilted down on the lifted leg's side (the captions say which).
    level = abs(p["tilt"]) < 0.02
    colour = TEAL if level else ACCENT
    drop = 0 if level else 46
    pen.capsule((1010, 290), (1190, 290 + drop), 14, colour)
    if level:
        pen.capsule((1060, 360), (1085, 385), 12, TEAL)
        pen.capsule((1085, 385), (1135, 330), 12, TEAL)


SEQ2_START = dict(shift=0.0, tilt=0.0, lift=0.0, hands=0.0, press=0.0, glute_l=0.0, glute_r=0.0,
                  heels=62.0, level_line=0.0, weight=0.0)
DROP = 0.14  # radians, about 8 degrees: clearly visible, not dramatic

SEQUENCE_2 = [
    Step("Weight onto one foot", ["Standing next to the back of a chair, one hand resting on it, seen from the "
                                  "front. The body shifts sideways so the weight is over one foot."],
         dict(shift=-30.0, weight=1.0, level_line=1.0)),
    # On one foot the standing leg's side hip muscles hold the pelvis level (glute_l, the viewer's left):
    # working from the moment the foot lifts, less in the sag, working again to level and hold.
    Step("Lift the other foot", ["The other knee bends and that foot lifts off the floor.",
                                 "The side hip muscles of the standing leg work to keep the pelvis level."],
         dict(lift=1.0, glute_l=1.0)),
    # The sag is the body sinking into the standing leg's hip, not the muscles switched off on one leg:
    # they are drawn working less, never at rest, and the hand stays on the chair.
    Step("Let yourself sag", ["The body sags into the hip of the standing leg, and the pelvis drops on the "
                              "side of the lifted leg.",
                              "The pelvis stays low on the side of the lifted leg. The trunk stays upright "
                              "and the hand stays on the chair."],
         dict(tilt=DROP, glute_l=0.4), flash="drop"),
    Step("Tighten and level", ["The side hip muscles of the standing leg tighten and bring the low side of "
                               "the pelvis up, until both sides are level.",
                               "Both sides of the pelvis are level again. The side hip muscles of the standing "
                               "leg, from the pelvis to the top of the thigh bone, keep working."],
         dict(tilt=0.0, glute_l=1.0), flash="lift"),
    Step("Hold it level", ["Both sides of the pelvis stay level, held by the side hip muscles of the standing "
                           "leg."]),
]

CLIPS = [
    Clip("sequence-1", "Sequence #1, standing", 5.0, SEQUENCE_1, SEQ1_START, draw_seq1, poster_at=19.0),
    Clip("sequence-2", "Sequence #2, on one leg", 6.0, SEQUENCE_2, SEQ2_START, draw_seq2, poster_at=14.0),
]


# ---------------------------------------------------------------- output


def frame(clip: Clip, t: float) -> Image.Image:
    img = Image.new("RGB", (W, H), BG)
    clip.draw(img, clip, t)
    return img.resize((OUT_W, OUT_H), Image.LANCZOS)


def stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02}:{ms // 60_000 % 60:02}:{ms // 1000 % 60:02}.{ms % 1000:03}"


def track_files(clip: Clip, language: Language | None = None) -> list[Path]:
    """The files `tracks` writes for a language (English by default), in its order: chapters, captions,
    transcript."""
    if language is None or language.default:
        return [MEDIA / f"{clip.name}.chapters.vtt", MEDIA / f"{clip.name}.en.vtt", TRANSCRIPTS / f"{clip.name}.md"]
    code = language.code
    return [MEDIA / f"{clip.name}.chapters.{code}.vtt", MEDIA / f"{clip.name}.{code}.vtt",
            ROOT / "includes" / code / "transcripts" / f"{clip.name}.md"]


def captions_file(language: Language) -> Path:
    """A translation's captions: includes/<lang>/captions.yml, per clip one list of captions per step."""
    return ROOT / "includes" / language.code / "captions.yml"


def step_captions(clip: Clip, language: Language | None = None) -> list[list[str]]:
    """What the clip shows, step by step, in a language: the keyframes' own (English) or the translation's."""
    if language is None or language.default:
        return [step.captions for step in clip.steps]
    path = captions_file(language)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    found = (data or {}).get(clip.name)
    if not isinstance(found, list) or len(found) != len(clip.steps) or any(
            not isinstance(lines, list) or len(lines) != len(step.captions) for lines, step in zip(found, clip.steps)):
        raise SystemExit(f"{path.relative_to(ROOT)}:1: the captions of {clip.name} must be one list per step "
                         f"({len(clip.steps)} steps), each as many lines as the English keyframe's "
                         f"({[len(step.captions) for step in clip.steps]}). How to fix: translate each Step(...)'s "
                         "captions in tools/render_media.py, line for line, under the clip's name")
    return found


def tracks(clip: Clip, page_texts: list[str], language: Language | None = None) -> dict[Path, str]:
    """The chapters (the page's steps, word for word), captions and transcript in a language (English by
    default), as `make media` writes them. Their few words of frame come from the language's settings."""
    said = language.words if language is not None else Site().languages[0].words
    chapters, captions, transcript = ["WEBVTT", ""], ["WEBVTT", ""], []
    for n, (lines, text) in enumerate(zip(step_captions(clip, language), page_texts)):
        start = n * clip.seconds_per_step
        end = start + clip.seconds_per_step
        chapters += [f"step-{n + 1}", f"{stamp(start)} --> {stamp(end)}", text, ""]
        share = clip.seconds_per_step / len(lines)
        for k, line in enumerate(lines):
            cue = f"{said['media.step'].format(n=n + 1)} {line}" if k == 0 else line
            captions += [f"{stamp(start + k * share)} --> {stamp(start + (k + 1) * share)}", cue, ""]
        transcript.append(f"    {n + 1}. {' '.join(lines)}")
    texts = ["\n".join(chapters), "\n".join(captions),
             "<!-- Written by tools/render_media.py from the clip's captions; edit the script, not this file. -->\n"
             f'??? note hip-transcript "{said["media.transcript"]}"\n\n    {said["media.transcript.intro"]}\n\n'
             + "\n".join(transcript) + "\n"]
    return dict(zip(track_files(clip, language), texts))


def write_tracks(clip: Clip, page_texts: list[str], language: Language | None = None) -> None:
    for path, text in tracks(clip, page_texts, language).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def encode(clip: Clip) -> None:
    webm, mp4 = MEDIA / f"{clip.name}.webm", MEDIA / f"{clip.name}.mp4"
    cmd = [
        "ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{OUT_W}x{OUT_H}",
        "-r", str(FPS), "-i", "-",
        "-map", "0", "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "40", "-deadline", "good", "-cpu-used", "4",
        "-row-mt", "1", "-threads", "2", "-pix_fmt", "yuv420p", "-g", str(FPS * 2), "-an", str(webm),
        "-map", "0", "-c:v", "libx264", "-preset", "slow", "-crf", "28", "-tune", "animation",
        "-pix_fmt", "yuv420p", "-profile:v", "main", "-g", str(FPS * 2), "-movflags", "+faststart",
        "-threads", "2", "-an", str(mp4),
    ]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    frames = round(clip.duration * FPS)
    for n in range(frames):
        proc.stdin.write(frame(clip, n / FPS).tobytes())
    proc.stdin.close()
    if proc.wait():
        raise SystemExit(f"ffmpeg failed on {clip.name}")


def clip_line(clip: Clip) -> int:
    """The line of tools/render_media.py where the clip is listed in CLIPS (1 if not found)."""
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, start=1) if f'Clip("{clip.name}"' in line), 1)


def main(names: list[str]) -> None:
    # After rewording a step, --tracks rewrites chapters, captions and transcript without re-encoding.
    tracks_only = "--tracks" in names
    names = [n for n in names if n != "--tracks"]
    if unknown := sorted(set(names) - {clip.name for clip in CLIPS}):
        raise SystemExit(f"tools/render_media.py: no clip named {', '.join(unknown)} in CLIPS (there are: "
                         f"{', '.join(clip.name for clip in CLIPS)}); add a Clip(...) for it first")
    MEDIA.mkdir(parents=True, exist_ok=True)
    site = Site()
    for clip in CLIPS:
        if names and clip.name not in names:
            continue
        if problems := clip.problems():
            raise SystemExit("\n".join(f"tools/render_media.py:{clip_line(clip)}: {problem}. How to fix: {fix}"
                                       for problem, fix in problems))
        page = next((page for page in site.pages if page.src == f"{clip.name}.md"), None)
        if page is None or not page.source_steps:
            raise SystemExit(f"tools/render_media.py:{clip_line(clip)}: the clip {clip.name} draws the steps of "
                             f"docs/{clip.name}.md, which is not in mkdocs.yml's nav or has no steps in tabs")
        texts = page.source_steps[0].texts  # the first tab's steps
        if len(texts) != len(clip.steps):
            raise SystemExit(f"docs/{clip.name}.md has {len(texts)} steps but the clip draws {len(clip.steps)}: "
                             "update the keyframes in tools/render_media.py to match the page")
        write_tracks(clip, texts)
        for translation in page.translations()[1:]:  # each language's page: its own steps and captions
            write_tracks(clip, translation.source_steps[0].texts, translation.language)
        if tracks_only:
            continue
        frame(clip, clip.poster_at).save(MEDIA / f"{clip.name}.jpg", quality=78, optimize=True)
        encode(clip)
        print(f"{clip.name}: {clip.duration:.0f} s, {len(clip.steps)} steps")


if __name__ == "__main__":
    main(sys.argv[1:])
