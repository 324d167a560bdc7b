"""The samskapingstrapp drawn as a staircase: where each step's block stands.

One drawing serves both the municipality's overview (how many processes
claim and show each step) and a process's page (its claimed and observed
step marked). Geometry only; the template draws it as inline SVG.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ladder.levels import Level

SHORT_NAMES = {
    Level.DIRECTED: _("informasjon"),
    Level.ACCOUNTABLE: _("medvirkning"),
    Level.EQUAL: _("samarbeid"),
    Level.FACILITATING: _("samskaping"),
}
STEP_WIDTH = 100
STEP_RISE = 36
# Room above the highest step for the marks and counts.
HEADROOM = 56
HEIGHT = STEP_RISE * len(Level) + HEADROOM


@dataclass(frozen=True)
class Step:
    level: int
    label: str
    short: str
    claimed: int
    observed: int
    x: int
    y: int
    height: int

    @property
    def centre(self) -> int:
        return self.x + STEP_WIDTH // 2

    @property
    def number_y(self) -> int:
        return self.y + 24

    @property
    def short_y(self) -> int:
        return self.y + self.height - 8

    @property
    def mark_y(self) -> int:
        return self.y - 8

    @property
    def upper_mark_y(self) -> int:
        return self.y - 28


def stair_steps(claimed: Mapping[int, int], observed: Mapping[int, int]) -> list[Step]:
    """The four steps, lowest first, with how many claim and show each."""
    steps = []
    for index, level in enumerate(Level):
        height = STEP_RISE * (index + 1)
        steps.append(
            Step(
                level=int(level),
                label=str(level.label),
                short=str(SHORT_NAMES[level]),
                claimed=claimed.get(level, 0),
                observed=observed.get(level, 0),
                x=index * STEP_WIDTH,
                y=HEIGHT - height,
                height=height,
            )
        )
    return steps
