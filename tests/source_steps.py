"""The eleven steps of the source article, as the words each of our steps must carry.

Pages say the steps in the project's own words, so tests match on the
essential terms of each step, in the source's order, not on sentences.
"""

SEQUENCE_1 = [
    ("heels", "under your hips"),
    ("hands", "outsides of your thighs"),
    ("press your legs outward",),
    ("arch", "lift"),
    ("toes flat", "equal weight"),
    ("keep", "hands away"),
]
SEQUENCE_1_SEATED_FIRST = ("sit", "heels", "under your knees")

SEQUENCE_2 = [
    ("weight", "one foot"),
    ("bend the other knee", "lift that foot"),
    ("sag", "standing side"),
    ("tighten", "both sides", "level"),
    ("hold", "level", "strengthen"),
]
