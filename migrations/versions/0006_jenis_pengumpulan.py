"""A run that carries every figure its per-quarter collection SOP collects is its own kind of work, "pengumpulan",
instead of a "realisasi" run without a subject.

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE eksekusi SET subjek_jenis = 'pengumpulan' "
               "WHERE subjek_jenis = 'realisasi' AND subjek_id IS NULL")


def downgrade() -> None:
    op.execute("UPDATE eksekusi SET subjek_jenis = 'realisasi' WHERE subjek_jenis = 'pengumpulan'")
