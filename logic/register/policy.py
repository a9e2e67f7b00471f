"""The council's register and lettings choices, as at a date, from ``data/policy/register.toml``.

The decision engine's policy (``allocation.toml``) holds qualification, bands, bedroom need and
the renewal period; this file holds what the register and lettings screens add on top:
affordability, how band dates carry over a re-assessment, the renewal queue window, who may
decide a review, and the bidding rules. Read and checked by ``logic.common.policy_file`` like
every policy file: versioned by ``effective_from``, each value carrying the paragraph of the
scheme a reason cites, a bad file refused with a ``PolicyError`` naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from logic.common.policy_file import POLICY_DIR, Cited, DatedBook, Reader

DEFAULT_FILE = POLICY_DIR / "register.toml"
DATE_RULES = ("keep", "reset")
REVIEWER_ROLES = ("officer", "senior", "manager")
TIE_BREAKS = ("bid_time", "case_reference")

SECTIONS: dict[str, tuple[str, ...]] = {
    "affordability": ("housing_cost_share_limit_percent",),
    "band_dates": ("same_band", "lower_band"),
    "renewals": ("queue_window_days",),
    "reviews": ("reviewer_roles",),
    "lettings": ("bedrooms_below_need", "bedrooms_above_need", "max_active_bids",
                 "adapted_homes_reserved", "final_tie_break"),
}


@dataclass(frozen=True)
class RegisterPolicy(Cited):
    name: str
    effective_from: date
    housing_cost_share_limit_percent: int
    same_band_date: str
    lower_band_date: str
    queue_window_days: int
    reviewer_roles: tuple[str, ...]
    bedrooms_below_need: int
    bedrooms_above_need: int
    max_active_bids: int
    adapted_homes_reserved: bool
    final_tie_break: str
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _build(r: Reader) -> RegisterPolicy:
    r.sections(SECTIONS)
    return RegisterPolicy(
        name=r.name,
        effective_from=r.effective_from,
        housing_cost_share_limit_percent=r.int("affordability.housing_cost_share_limit_percent", 1, 100),
        same_band_date=r.str("band_dates.same_band", DATE_RULES),
        lower_band_date=r.str("band_dates.lower_band", DATE_RULES),
        queue_window_days=r.int("renewals.queue_window_days", 0, 365),
        reviewer_roles=r.codes("reviews.reviewer_roles", REVIEWER_ROLES, non_empty=True),
        bedrooms_below_need=r.int("lettings.bedrooms_below_need", 0, 5),
        bedrooms_above_need=r.int("lettings.bedrooms_above_need", 0, 5),
        max_active_bids=r.int("lettings.max_active_bids", 1, 50),
        adapted_homes_reserved=r.bool("lettings.adapted_homes_reserved"),
        final_tie_break=r.str("lettings.final_tie_break", TIE_BREAKS),
        refs=r.refs,
    )


class RegisterPolicyBook(DatedBook[RegisterPolicy]):
    """Every version of the file, checked when loaded; :meth:`as_at` gives one date's rules."""

    file_name = "register.toml"
    build = staticmethod(_build)


def load_register_policy(path: str | Path | None = None) -> RegisterPolicyBook:
    return RegisterPolicyBook(path)


def register_policy_as_at(on: date, book: RegisterPolicyBook | None = None) -> RegisterPolicy:
    """The register and lettings rules in force on ``on``."""
    return (book or RegisterPolicyBook.default()).as_at(on)
