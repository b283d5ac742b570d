"""Attendees keep the 12h/24h choice they made on the booking page (for their emails).

Revision ID: a7c2e9f41b06
Revises: a9c4e2f7b613
Create Date: 2026-12-06 07:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7c2e9f41b06"
down_revision: str | None = "a9c4e2f7b613"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("attendees", sa.Column("time_format", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attendees") as batch_op:
        batch_op.drop_column("time_format")
