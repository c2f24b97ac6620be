"""Accounts carry the person's NIP and jabatan, and whether a first-login password must still be changed.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTERs (see 0004): a populated SQLite database keeps the rows that refer to `pengguna`.
    op.add_column('pengguna', sa.Column('nip', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=True))
    op.add_column('pengguna', sa.Column('jabatan', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=True))
    op.add_column('pengguna', sa.Column('ganti_sandi', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('pengguna', 'ganti_sandi')
    op.drop_column('pengguna', 'jabatan')
    op.drop_column('pengguna', 'nip')
