"""De 5 fundamentene: five success factors, each scored 0–5, multiplied.

The score is a product, so one factor at 0 makes the whole 0: the process
will most likely not succeed until that factor is in place. A municipality
may call the factors by its own names; the keys stay. Imports no other app.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FACTORS = ("need", "anchoring", "driver", "team", "resources")
DEFAULT_NAMES = {
    "need": _("Behov"),
    "anchoring": _("Forankring"),
    "driver": _("Pådriver"),
    "team": _("Team"),
    "resources": _("Ressurser"),
}
DESCRIPTIONS = {
    "need": _("Et reelt, beskrevet behov."),
    "anchoring": _("Forankring i ledelsen og politisk."),
    "driver": _("En dedikert pådriver."),
    "team": _("Et team som kan gjøre jobben."),
    "resources": _("Tid og penger."),
}
SCORE_MIN, SCORE_MAX = 0, 5
PRODUCT_MAX = SCORE_MAX ** len(FACTORS)


@dataclass(frozen=True)
class Assessment:
    product: int
    # The factors that pull the product down: every 0, or else the lowest ones
    # (none when every factor has the top score).
    sinking: tuple[str, ...]

    @property
    def zero(self) -> bool:
        return self.product == 0


def assess(scores: Mapping[str, int]) -> Assessment:
    """The product of the five scores and which factor sinks it."""
    if set(scores) != set(FACTORS):
        raise ValueError(f"scores must name exactly {FACTORS}")
    for factor, score in scores.items():
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise ValueError(f"{factor}: {score} is outside {SCORE_MIN}–{SCORE_MAX}")
    product = 1
    for factor in FACTORS:
        product *= scores[factor]
    lowest = min(scores.values())
    sinking = () if lowest == SCORE_MAX else tuple(f for f in FACTORS if scores[f] == lowest)
    return Assessment(product=product, sinking=sinking)


def factor_names(custom: Mapping[str, str]) -> dict[str, str]:
    """Each factor's name: the municipality's own where it gave one, else the default."""
    return {
        factor: (custom.get(factor) or "").strip() or DEFAULT_NAMES[factor] for factor in FACTORS
    }
