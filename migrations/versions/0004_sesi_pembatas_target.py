"""Sessions end on the server (a token per user), login attempts counted per key, one target in force.

Revision ID: 0004
Revises: 0003
"""
import secrets

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    # Plain ALTERs, not a batch copy of the table: on SQLite a copy of `pengguna` would have to drop the table that
    # every audited row refers to.
    op.add_column('pengguna', sa.Column('sesi_token', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False,
                                        server_default=''))
    for (uid,) in conn.execute(sa.text("SELECT id FROM pengguna")).all():
        conn.execute(sa.text("UPDATE pengguna SET sesi_token = :t WHERE id = :i"), {"t": secrets.token_hex(16), "i": uid})
    op.drop_column('pengguna', 'gagal_login')
    op.drop_column('pengguna', 'terkunci_sampai')

    op.create_table('percobaanmasuk',
    sa.Column('kunci', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('jumlah', sa.Integer(), nullable=False),
    sa.Column('mulai', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('kunci')
    )

    # Before one target in force is enforced: of several in force for the same key, the newest stays.
    conn.execute(sa.text(
        "UPDATE target SET berlaku = :f WHERE berlaku = :t AND id NOT IN ("
        " SELECT max(id) FROM target WHERE berlaku = :t"
        " GROUP BY indikator_id, kecamatan_id, tahun, coalesce(triwulan, 0))"), {"f": False, "t": True})
    op.create_index('ux_target_satu_berlaku', 'target',
                    ['indikator_id', 'kecamatan_id', 'tahun', sa.text('coalesce(triwulan, 0)')], unique=True,
                    sqlite_where=sa.text('berlaku'), postgresql_where=sa.text('berlaku'))


def downgrade() -> None:
    op.drop_index('ux_target_satu_berlaku', table_name='target')
    op.drop_table('percobaanmasuk')
    op.add_column('pengguna', sa.Column('terkunci_sampai', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column('pengguna', sa.Column('gagal_login', sa.Integer(), nullable=False, server_default='0'))
    op.drop_column('pengguna', 'sesi_token')
