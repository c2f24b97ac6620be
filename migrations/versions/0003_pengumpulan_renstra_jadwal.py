"""Per-office choice of collection SOP, Renstra end-of-period targets, the SAKIP calendar per kabupaten.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('jadwalsakip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kabupaten_id', sa.Integer(), nullable=False),
    sa.Column('kewajiban', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('nama', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('siklus', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('sop_nama', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('tenggat_hari_kerja', sa.Integer(), nullable=True),
    sa.Column('mulai_geser_tahun', sa.Integer(), nullable=True),
    sa.Column('mulai_bulan', sa.Integer(), nullable=True),
    sa.Column('mulai_tanggal', sa.Integer(), nullable=True),
    sa.Column('tenggat_geser_tahun', sa.Integer(), nullable=True),
    sa.Column('tenggat_bulan', sa.Integer(), nullable=True),
    sa.Column('tenggat_tanggal', sa.Integer(), nullable=True),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('diubah_oleh', sa.Integer(), nullable=True),
    sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['diubah_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['kabupaten_id'], ['kabupaten.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kabupaten_id', 'kewajiban')
    )
    with op.batch_alter_table('jadwalsakip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jadwalsakip_kabupaten_id'), ['kabupaten_id'], unique=False)

    op.create_table('pengumpulaniku',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kecamatan_id', sa.Integer(), nullable=False),
    sa.Column('indikator_id', sa.Integer(), nullable=False),
    sa.Column('sop_id', sa.Integer(), nullable=False),
    sa.Column('per_triwulan', sa.Boolean(), nullable=False),
    sa.Column('diubah_oleh', sa.Integer(), nullable=True),
    sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['diubah_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['indikator_id'], ['indikator.id'], ),
    sa.ForeignKeyConstraint(['kecamatan_id'], ['kecamatan.id'], ),
    sa.ForeignKeyConstraint(['sop_id'], ['sop.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kecamatan_id', 'indikator_id')
    )
    with op.batch_alter_table('pengumpulaniku', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pengumpulaniku_kecamatan_id'), ['kecamatan_id'], unique=False)

    op.create_table('targetrenstra',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indikator_id', sa.Integer(), nullable=False),
    sa.Column('kecamatan_id', sa.Integer(), nullable=False),
    sa.Column('tahun_awal', sa.Integer(), nullable=False),
    sa.Column('tahun_akhir', sa.Integer(), nullable=False),
    sa.Column('nilai', sa.Float(), nullable=False),
    sa.Column('diubah_oleh', sa.Integer(), nullable=True),
    sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['diubah_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['indikator_id'], ['indikator.id'], ),
    sa.ForeignKeyConstraint(['kecamatan_id'], ['kecamatan.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('indikator_id', 'kecamatan_id', 'tahun_akhir')
    )
    with op.batch_alter_table('targetrenstra', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_targetrenstra_kecamatan_id'), ['kecamatan_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('targetrenstra', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_targetrenstra_kecamatan_id'))

    op.drop_table('targetrenstra')
    with op.batch_alter_table('pengumpulaniku', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pengumpulaniku_kecamatan_id'))

    op.drop_table('pengumpulaniku')
    with op.batch_alter_table('jadwalsakip', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jadwalsakip_kabupaten_id'))

    op.drop_table('jadwalsakip')
