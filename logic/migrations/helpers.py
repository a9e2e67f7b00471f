"""Column shapes shared by the migrations, matching logic.models."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def create_sequence(name: str) -> sa.Sequence:
    sequence = sa.Sequence(name)
    op.execute(sa.schema.CreateSequence(sequence))
    return sequence


def id_column(sequence: sa.Sequence) -> sa.Column:
    return sa.Column(
        "id", sa.Integer, sequence, server_default=sequence.next_value(), primary_key=True
    )


def timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def text(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Text, nullable=nullable)


def string(name: str, length: int, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=nullable)
