"""De 5 fundamentene: a product, sunk by its lowest factor. No database."""

import pytest

from ladder.foundations import FACTORS, PRODUCT_MAX, assess, factor_names


def scores(**values) -> dict[str, int]:
    return {**dict.fromkeys(FACTORS, 5), **values}


def test_the_score_is_the_product_and_the_lowest_factor_sinks_it():
    result = assess(scores(need=4, team=2, resources=3))
    assert result.product == 4 * 5 * 5 * 2 * 3
    assert result.sinking == ("team",)
    assert not result.zero


def test_one_zero_makes_the_whole_zero_and_names_the_factor():
    result = assess(scores(anchoring=0, driver=1))
    assert result.product == 0
    assert result.zero
    assert result.sinking == ("anchoring",)


def test_every_factor_at_its_lowest_is_named():
    assert assess(scores(need=0, resources=0)).sinking == ("need", "resources")
    assert assess(dict.fromkeys(FACTORS, 3)).sinking == FACTORS


def test_all_in_place_sinks_nothing():
    result = assess(scores())
    assert result.product == PRODUCT_MAX == 3125
    assert result.sinking == ()


@pytest.mark.parametrize("bad", [scores(need=6), scores(team=-1), {"need": 3}])
def test_scores_outside_the_scale_or_missing_factors_are_refused(bad):
    with pytest.raises(ValueError):
        assess(bad)


def test_a_municipality_may_rename_factors():
    names = factor_names({"driver": "Ildsjel", "team": "  "})
    assert names["driver"] == "Ildsjel"
    assert names["team"] == "Team"
    assert names["need"] == "Behov"
