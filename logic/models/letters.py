"""Issued letters: the exact PDF sent, kept for good.

A row is written once when a letter is issued and never updated (no service updates it, so
DuckDB's rule about updating referenced rows never arises): a correction is a new letter that
names the one it corrects (`corrects_letter_id`). The PDF bytes are stored with their SHA-256
so a re-download can prove it is the letter that was sent. `notified_on` is the day the
applicant is treated as notified: it starts the clocks that depend on notification (the
21 days to ask for a s.202 review, the s.166A(9) review period); `review_request_by` keeps the
deadline as it was computed and printed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, LargeBinary, Text
from sqlmodel import Field, SQLModel

from logic.models.core import _id_field, _timestamp


class IssuedLetter(SQLModel, table=True):
    __tablename__ = "issued_letter"

    id: int | None = _id_field("issued_letter_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    letter_type: str = Field(max_length=40)
    template_version: int
    title: str = Field(max_length=300)
    notification_kind: str | None = Field(default=None, max_length=24)  # duty|decision|warning
    notified_on: date
    review_request_by: date | None = None
    options_json: str = Field(sa_column=Column(Text, nullable=False))  # what the officer gave
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    size_bytes: int
    issued_by_id: int = Field(foreign_key="officer.id")
    issued_at: datetime = _timestamp()
    corrects_letter_id: int | None = Field(default=None, foreign_key="issued_letter.id")
    correction_reason: str | None = Field(default=None, sa_column=Column(Text))
    batch_id: str | None = Field(default=None, max_length=36)  # letters issued together
