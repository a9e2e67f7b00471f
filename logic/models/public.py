"""The public front door (issue 18): what a member of the public or a public body sent online.

`public_submission` holds one self-assessment or one s.213B referral exactly as it was sent
(``answers``: JSON, said by the applicant or the referrer, not yet checked by an officer), the
reading the public was shown, and what happened to it at the front door: ``new`` until an
officer takes it into an intake (``taken``, with the household and contact it became) or closes
it (``closed_duplicate``, ``closed_withdrawn``). Nothing references the table, so its status
columns are updated in place (guarded by ``version``).

Two secrets are kept only as SHA-256 hashes: the client's network address (``source_hash``,
salted, for the rate limit: the raw address is never stored) and the one-time link's token
(``summary_token_hash``; ``summary_used_at`` is set on its one use).

The household and contact are foreign keys, so a submission taken into a case follows that
case's retention (logic/privacy/retention.py removes the rows hanging from a case's contacts);
a submission never taken has its own retention rule (``public_submission`` in retention.toml).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from logic.common.codes import (  # noqa: F401 (the codes the table stores, re-exported)
    CLOSED_DUPLICATE,
    CLOSED_WITHDRAWN,
    NEW,
    REFERRAL,
    SELF_ASSESSMENT,
    TAKEN,
)
from logic.models.core import _id_field, _timestamp


class PublicSubmission(SQLModel, table=True):
    __tablename__ = "public_submission"
    __table_args__ = (
        Index("ix_public_submission_source", "source_hash", "submitted_at"),
        Index("ix_public_submission_status", "status", "submitted_at"),
    )

    id: int | None = _id_field("public_submission_id_seq")
    reference: str = Field(index=True, unique=True, max_length=20)  # ON- and 8 letters (logic/public/inbox.py)
    kind: str = Field(max_length=20)  # codes.PUBLIC_SUBMISSION_KINDS
    submitted_at: datetime = _timestamp()
    # JSON: exactly what was said (see logic/public/service.py for its shape)
    answers: str = Field(sa_column=Column(Text, nullable=False))
    emergency: bool = False  # homeless tonight, at risk of abuse, home lost, or a safeguarding worry
    consent_given: bool = False
    consent_text: str = Field(sa_column=Column(Text, nullable=False))  # the words they agreed to
    # a s.213B referral's body and referrer (models.front_door.ReferringBody)
    body_type: str | None = Field(default=None, max_length=32)
    body_name: str | None = Field(default=None, max_length=200)
    referrer_name: str | None = Field(default=None, max_length=120)
    referrer_contact: str | None = Field(default=None, max_length=200)
    # JSON: the route and the headline the public was shown
    engine_reading: str = Field(sa_column=Column(Text, nullable=False))
    source_hash: str = Field(max_length=64)
    summary_token_hash: str = Field(max_length=64)
    summary_used_at: datetime | None = _timestamp(nullable=True, default=False)
    status: str = Field(default=NEW, max_length=20)  # codes.PUBLIC_SUBMISSION_STATUSES
    taken_by_id: int | None = Field(default=None, foreign_key="officer.id")
    taken_at: datetime | None = _timestamp(nullable=True, default=False)
    closed_reason: str | None = Field(default=None, sa_column=Column(Text))
    household_id: int | None = Field(default=None, foreign_key="household.id")
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    version: int = 1
