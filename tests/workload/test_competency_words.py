"""A trainee refused a case reads what their level covers in the stages' own words."""

from __future__ import annotations

from datetime import date

from logic.workload.policy import workload_policy_as_at


def test_a_competency_level_is_described_in_the_stages_own_words():
    levels = {level.code: level.describe()
              for level in workload_policy_as_at(date(2026, 11, 30)).levels}
    assert levels["relief"] == "prevention duty cases and relief duty cases only"
    assert "_" not in " ".join(levels.values())
