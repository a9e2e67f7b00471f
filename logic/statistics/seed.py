"""The demo store's H-CLIC check results: the seed writes its rows directly (not through the
services that record events), so every seeded case is checked once, at the end of the seed."""

from __future__ import annotations

import random
from datetime import date

from sqlmodel import Session

from logic.statistics.service import refresh_all


def seed_statistics(session: Session, rng: random.Random, today: date) -> dict[str, int]:
    return {"hclic_problems": refresh_all(session)}
