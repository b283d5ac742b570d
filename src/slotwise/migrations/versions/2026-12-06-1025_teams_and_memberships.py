"""Teams (organizations are teams too), memberships, and the one organization a user belongs to.

Revision ID: c3d5e7f9a1b2
Revises: a7c2e9f41b06
Create Date: 2026-12-06 10:25:07.153604
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Text

import slotwise.db

revision: str = "c3d5e7f9a1b2"
down_revision: str | None = "a7c2e9f41b06"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("is_organization", sa.Boolean(), nullable=False),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("logo_url", sa.String(length=2048), nullable=True),
        sa.Column("banner_url", sa.String(length=2048), nullable=True),
        sa.Column("cal_video_logo", sa.String(length=2048), nullable=True),
        sa.Column("app_logo", sa.String(length=2048), nullable=True),
        sa.Column("app_icon_logo", sa.String(length=2048), nullable=True),
        sa.Column("brand_color", sa.String(length=9), nullable=True),
        sa.Column("dark_brand_color", sa.String(length=9), nullable=True),
        sa.Column("theme", sa.String(length=10), nullable=True),
        sa.Column("hide_branding", sa.Boolean(), nullable=False),
        sa.Column("is_private", sa.Boolean(), nullable=False),
        sa.Column("hide_book_a_team_member", sa.Boolean(), nullable=False),
        sa.Column("time_format", sa.Integer(), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("week_start", sa.String(length=10), nullable=False),
        sa.Column(
            "booking_limits",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "metadata",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "NOT (is_organization AND parent_id IS NOT NULL)", name=op.f("ck_teams_org_top_level")
        ),
        sa.CheckConstraint(
            "time_format IS NULL OR time_format IN (12, 24)", name=op.f("ck_teams_time_format")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["teams.id"], name=op.f("fk_teams_parent_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("parent_id", "slug", name="uq_teams_parent_id_slug"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teams_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index("ix_teams_slug", ["slug"], unique=False)

    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("disable_impersonation", sa.Boolean(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('MEMBER', 'ADMIN', 'OWNER')", name=op.f("ck_memberships_role")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_memberships_team_id_teams"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_memberships_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("team_id", "user_id", name="uq_memberships_team_id_user_id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index("ix_memberships_user_id", ["user_id"], unique=False)

    # A plain column, no foreign key: SQLite can add a foreign key only by copying `users`,
    # and dropping the old copy would cascade into every table that references users
    # (bookings' busy times among them). The teams service clears it when an organization
    # goes.
    op.add_column("users", sa.Column("organization_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_users_organization_id"), "users", ["organization_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_users_organization_id"), table_name="users")
    # In place (SQLite >= 3.35), not by copying `users`: see upgrade().
    op.execute("ALTER TABLE users DROP COLUMN organization_id")
    op.drop_index("ix_memberships_user_id", table_name="memberships")
    op.drop_table("memberships")
    op.drop_index("ix_teams_slug", table_name="teams")
    op.drop_index(op.f("ix_teams_parent_id"), table_name="teams")
    op.drop_table("teams")
