"""web intake: fetched pages and feeds (web_resources), near-duplicate articles and their
MinHash signatures, an article's author

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 10:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author", sa.Text(), nullable=True))
    op.create_table(
        "web_resources",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("feed", sa.String(2048), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_fetch", sa.DateTime(), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("retry", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("article_hash", sa.String(64), nullable=True),
        sa.Column("item_updated", sa.String(32), nullable=True),
        sa.Column("fetches", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("articles", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("errors", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_web_resources_feed", "web_resources", ["feed"])
    op.create_table(
        "near_duplicates",
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "duplicate_of",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("similarity", sa.Float(), nullable=False),
    )
    op.create_index("ix_near_duplicates_of", "near_duplicates", ["duplicate_of"])
    op.create_table(
        "minhashes",
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("minhashes")
    op.drop_index("ix_near_duplicates_of", table_name="near_duplicates")
    op.drop_table("near_duplicates")
    op.drop_index("ix_web_resources_feed", table_name="web_resources")
    op.drop_table("web_resources")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("author")
