"""Bedroom pairing: the fewest rooms the sharing rules allow, for any mix of ages and sexes."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from logic.law.bedrooms import Sleeper, best_pairs, may_share
from logic.law.policy import SharingRules

SIZE_CRITERIA = SharingRules(own_room_from_age=16, same_sex_share_under=16, any_sex_share_under=10)
CLASSIC = SharingRules(own_room_from_age=21, same_sex_share_under=21, any_sex_share_under=10)


def exhaustive(children: tuple[Sleeper, ...], rules: SharingRules) -> int:
    """The size of a maximum matching, by trying everything (the oracle)."""
    n = len(children)

    @cache
    def solve(free: int) -> int:
        if free == 0:
            return 0
        i = (free & -free).bit_length() - 1
        rest = free & ~(1 << i)
        best = solve(rest)
        for j in range(i + 1, n):
            if rest & (1 << j) and may_share(children[i], children[j], rules):
                best = max(best, 1 + solve(rest & ~(1 << j)))
        return best

    return solve((1 << n) - 1)


sleeper = st.builds(
    Sleeper, label=st.just("child"),
    age=st.none() | st.integers(0, 20),
    sex=st.sampled_from(["F", "M", "X"]),
).map(lambda s: Sleeper("baby", None, None) if s.age is None else s)


@settings(max_examples=300, deadline=None)
@given(st.lists(sleeper, max_size=10), st.sampled_from([SIZE_CRITERIA, CLASSIC]))
def test_greedy_pairing_is_as_good_as_trying_everything(children: list[Sleeper],
                                                        rules: SharingRules) -> None:
    kids = tuple(c for c in children if (c.age or 0) < rules.own_room_from_age)
    pairs = best_pairs(kids, rules)
    used = [i for p in pairs for i in p]
    assert len(used) == len(set(used))
    assert all(may_share(kids[i], kids[j], rules) for i, j in pairs)
    assert len(pairs) == exhaustive(kids, rules)


def test_a_large_family_is_decided_at_once() -> None:
    kids = tuple(Sleeper("c", age % 16, "FM"[age % 2]) for age in range(40))
    assert len(best_pairs(kids, SIZE_CRITERIA)) == 20


def test_an_older_boy_takes_the_young_brother_not_the_young_sister() -> None:
    kids = (Sleeper("boy 12", 12, "M"), Sleeper("girl 8", 8, "F"), Sleeper("boy 7", 7, "M"),
            Sleeper("girl 13", 13, "F"))
    assert len(best_pairs(kids, SIZE_CRITERIA)) == 2
