"""Sign-in protection: failed sign-ins and the markers that lock or restart a count (issue 17).

One table for both counters: ``counter`` is ``account`` (``subject`` the username typed, whether
an account has it or not) or ``source`` (``subject`` the network address). Rows are written once
and never updated; a count starts again at a later marker row (``succeeded``, ``unlocked``,
``locked``), so "how many failures now" is one indexed query over (counter, subject, time).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from logic.models.core import _id_field, _timestamp

FAILED = "failed"
LOCKED = "locked"
UNLOCKED = "unlocked"
SUCCEEDED = "succeeded"


class SignInAttempt(SQLModel, table=True):
    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_counter_subject", "counter", "subject", "attempted_at"),)

    id: int | None = _id_field("sign_in_attempt_id_seq")
    counter: str = Field(max_length=8)
    subject: str = Field(max_length=100)
    outcome: str = Field(max_length=16)
    attempted_at: datetime = _timestamp()
