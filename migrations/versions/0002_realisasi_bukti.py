"""Realisasi: the evidence ticked at entry, and who changed it last.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("realisasi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bukti", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("diubah_oleh", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("diubah_pada", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_foreign_key("fk_realisasi_diubah_oleh", "pengguna", ["diubah_oleh"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("realisasi", schema=None) as batch_op:
        batch_op.drop_constraint("fk_realisasi_diubah_oleh", type_="foreignkey")
        batch_op.drop_column("diubah_pada")
        batch_op.drop_column("diubah_oleh")
        batch_op.drop_column("bukti")
