"""The year's plan: quarterly targets already had their column; now the Perjanjian Kinerja and its cascade, the
Rencana Aksi, the office's DPA with its realisation, the kabupaten's settings and the RPJMD of each period, and
capaian bands that hold from a year on (the kabupaten's single set moves to PredikatKabupaten, from 2000). The LKj's delivery to the Bupati
(Pelaporan Kinerja) is due by the end of February in calendars stored with the former 31 March.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def _oleh():
    return sa.Column('diubah_oleh', sa.Integer(), sa.ForeignKey('pengguna.id'), nullable=True)


def upgrade() -> None:
    op.add_column('kabupaten', sa.Column('bupati_nama', _S(length=160), nullable=True))
    op.add_column('kabupaten', sa.Column('batas_rerata', sa.Float(), nullable=False, server_default='120'))
    op.add_column('kabupaten', sa.Column('diubah_oleh', sa.Integer(), nullable=True))
    op.add_column('kabupaten', sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    op.create_table(
        'rpjmdkabupaten',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kabupaten_id', sa.Integer(), sa.ForeignKey('kabupaten.id'), nullable=False),
        sa.Column('tahun_awal', sa.Integer(), nullable=False),
        sa.Column('ditetapkan', sa.Date(), nullable=False),
        _oleh(),
        sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint('kabupaten_id', 'tahun_awal'),
    )
    op.create_index('ix_rpjmdkabupaten_kabupaten_id', 'rpjmdkabupaten', ['kabupaten_id'])
    op.create_table(
        'predikatkabupaten',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kabupaten_id', sa.Integer(), sa.ForeignKey('kabupaten.id'), nullable=False),
        sa.Column('berlaku_mulai', sa.Integer(), nullable=False),
        sa.Column('pita', sa.JSON(), nullable=True),
        _oleh(),
        sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint('kabupaten_id', 'berlaku_mulai'),
    )
    op.create_index('ix_predikatkabupaten_kabupaten_id', 'predikatkabupaten', ['kabupaten_id'])
    bind = op.get_bind()
    kab = sa.table('kabupaten', sa.column('id', sa.Integer()), sa.column('predikat', sa.JSON()))
    pk = sa.table('predikatkabupaten', sa.column('kabupaten_id', sa.Integer()), sa.column('berlaku_mulai', sa.Integer()),
                  sa.column('pita', sa.JSON()), sa.column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime()))
    baris = [{"kabupaten_id": i, "berlaku_mulai": 2000, "pita": p, "diubah_pada": sa.func.now()}
             for i, p in bind.execute(sa.select(kab.c.id, kab.c.predikat)).all() if p]
    for b in baris:
        bind.execute(pk.insert().values(**b))
    op.drop_column('kabupaten', 'predikat')  # a plain ALTER (SQLite 3.35+): rows referring to kabupaten stay

    op.create_table(
        'perjanjiankinerja',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kecamatan_id', sa.Integer(), sa.ForeignKey('kecamatan.id'), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('role_kode', _S(length=40), sa.ForeignKey('role.kode'), nullable=False),
        sa.Column('perubahan_ke', sa.Integer(), nullable=False),
        sa.Column('status', _S(length=20), nullable=False),
        sa.Column('alasan', sa.Text(), nullable=True),
        sa.Column('isi', sa.JSON(), nullable=True),
        sa.Column('eksekusi_id', sa.Integer(), sa.ForeignKey('eksekusi.id'), nullable=True),
        sa.Column('dibuat_oleh', sa.Integer(), sa.ForeignKey('pengguna.id'), nullable=True),
        sa.Column('dibuat_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('ditandatangani_oleh', sa.Integer(), sa.ForeignKey('pengguna.id'), nullable=True),
        sa.Column('ditandatangani_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('tanggal', sa.Date(), nullable=True),
        sa.UniqueConstraint('kecamatan_id', 'tahun', 'role_kode', 'perubahan_ke'),
    )
    op.create_index('ix_perjanjiankinerja_kecamatan_id', 'perjanjiankinerja', ['kecamatan_id'])

    op.create_table(
        'indikatorpk',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kecamatan_id', sa.Integer(), sa.ForeignKey('kecamatan.id'), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('role_kode', _S(length=40), sa.ForeignKey('role.kode'), nullable=False),
        sa.Column('indikator_id', sa.Integer(), sa.ForeignKey('indikator.id'), nullable=False),
        sa.Column('nama', _S(length=300), nullable=False),
        sa.Column('satuan', _S(length=40), nullable=False),
        sa.Column('target', sa.Float(), nullable=False),
        sa.Column('urutan', sa.Integer(), nullable=False),
        _oleh(),
        sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index('ix_indikatorpk_kecamatan_id', 'indikatorpk', ['kecamatan_id'])

    op.create_table(
        'rencanaaksi',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kecamatan_id', sa.Integer(), sa.ForeignKey('kecamatan.id'), nullable=False),
        sa.Column('indikator_id', sa.Integer(), sa.ForeignKey('indikator.id'), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('triwulan', sa.Integer(), nullable=False),
        sa.Column('kegiatan', sa.Text(), nullable=False),
        sa.Column('role_kode', _S(length=40), sa.ForeignKey('role.kode'), nullable=False),
        sa.Column('terlaksana', sa.Text(), nullable=True),
        _oleh(),
        sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index('ix_rencanaaksi_kecamatan_id', 'rencanaaksi', ['kecamatan_id'])

    op.create_table(
        'anggaran',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kecamatan_id', sa.Integer(), sa.ForeignKey('kecamatan.id'), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('kode_program', _S(length=40), nullable=False),
        sa.Column('program', _S(length=300), nullable=False),
        sa.Column('kode_kegiatan', _S(length=40), nullable=False),
        sa.Column('kegiatan', _S(length=300), nullable=False),
        sa.Column('kode_sub_kegiatan', _S(length=40), nullable=False),
        sa.Column('sub_kegiatan', _S(length=300), nullable=False),
        sa.Column('sasaran', sa.Text(), nullable=True),
        sa.Column('pagu', sa.BigInteger(), nullable=False),
        *[sa.Column(f'realisasi_{n}', sa.BigInteger(), nullable=True) for n in range(1, 5)],
        _oleh(),
        sa.Column('diubah_pada', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint('kecamatan_id', 'tahun', 'kode_sub_kegiatan'),
    )
    op.create_index('ix_anggaran_kecamatan_id', 'anggaran', ['kecamatan_id'])

    op.execute("UPDATE jadwalsakip SET tenggat_bulan = 2, tenggat_tanggal = 31 WHERE kewajiban = 'pelaporan_kinerja' "
               "AND tenggat_geser_tahun = 1 AND tenggat_bulan = 3 AND tenggat_tanggal = 31")


def downgrade() -> None:
    op.execute("UPDATE jadwalsakip SET tenggat_bulan = 3, tenggat_tanggal = 31 WHERE kewajiban = 'pelaporan_kinerja' "
               "AND tenggat_geser_tahun = 1 AND tenggat_bulan = 2 AND tenggat_tanggal = 31")
    for t in ('anggaran', 'rencanaaksi', 'indikatorpk', 'perjanjiankinerja'):
        op.drop_index(f'ix_{t}_kecamatan_id', t)
        op.drop_table(t)
    op.add_column('kabupaten', sa.Column('predikat', sa.JSON(), nullable=True))
    bind = op.get_bind()
    pk = sa.table('predikatkabupaten', sa.column('kabupaten_id', sa.Integer()), sa.column('berlaku_mulai', sa.Integer()),
                  sa.column('pita', sa.JSON()))
    kab = sa.table('kabupaten', sa.column('id', sa.Integer()), sa.column('predikat', sa.JSON()))
    terakhir = {}
    for i, _, p in bind.execute(sa.select(pk.c.kabupaten_id, pk.c.berlaku_mulai, pk.c.pita)
                                .order_by(pk.c.berlaku_mulai)).all():
        terakhir[i] = p
    for i, p in terakhir.items():
        bind.execute(kab.update().where(kab.c.id == i).values(predikat=p))
    op.drop_index('ix_predikatkabupaten_kabupaten_id', 'predikatkabupaten')
    op.drop_table('predikatkabupaten')
    op.drop_index('ix_rpjmdkabupaten_kabupaten_id', 'rpjmdkabupaten')
    op.drop_table('rpjmdkabupaten')
    for c in ('diubah_pada', 'diubah_oleh', 'batas_rerata', 'bupati_nama'):
        op.drop_column('kabupaten', c)
