"""The year as it is judged: the office's Laporan Kinerja (its course and the passages it writes), the kabupaten's
Evaluasi AKIP of each office on a Lembar Kerja Evaluasi it may revise per year, publication of signed PKs and LKjs,
and the Inspektorat's evaluator role. An Evaluasi AKIP's recommendations are an Evaluasi of the whole year, so an
evaluation's quarter becomes optional.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def _pengguna(nama):
    return sa.Column(nama, sa.Integer(), sa.ForeignKey('pengguna.id'), nullable=True)


def upgrade() -> None:
    op.add_column('kabupaten', sa.Column('reviu_lkj', _S(length=20), nullable=False, server_default='sekcam'))
    with op.batch_alter_table('perjanjiankinerja') as b:
        b.add_column(sa.Column('dipublikasikan_oleh', sa.Integer(), nullable=True))
        b.add_column(sa.Column('dipublikasikan_pada', _T(), nullable=True))
        b.create_foreign_key('fk_perjanjiankinerja_dipublikasikan_oleh', 'pengguna', ['dipublikasikan_oleh'], ['id'])
    with op.batch_alter_table('evaluasi') as b:
        b.alter_column('triwulan', existing_type=sa.Integer(), nullable=True)

    op.create_table(
        'laporankinerja',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kecamatan_id', sa.Integer(), sa.ForeignKey('kecamatan.id'), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('status', _S(length=20), nullable=False),
        sa.Column('eksekusi_id', sa.Integer(), sa.ForeignKey('eksekusi.id'), nullable=True),
        _pengguna('reviu_oleh'),
        sa.Column('reviu_pada', _T(), nullable=True),
        sa.Column('catatan_reviu', sa.Text(), nullable=True),
        _pengguna('ditandatangani_oleh'),
        sa.Column('ditandatangani_pada', _T(), nullable=True),
        sa.Column('tanggal', sa.Date(), nullable=True),
        _pengguna('dipublikasikan_oleh'),
        sa.Column('dipublikasikan_pada', _T(), nullable=True),
        sa.Column('dibuat_pada', _T(), nullable=False),
        sa.UniqueConstraint('kecamatan_id', 'tahun'),
    )
    op.create_index('ix_laporankinerja_kecamatan_id', 'laporankinerja', ['kecamatan_id'])
    op.create_table(
        'tekslkj',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kecamatan_id', sa.Integer(), sa.ForeignKey('kecamatan.id'), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('bagian', _S(length=40), nullable=False),
        sa.Column('indikator_id', sa.Integer(), sa.ForeignKey('indikator.id'), nullable=True),
        sa.Column('isi', sa.Text(), nullable=False),
        _pengguna('diubah_oleh'),
        sa.Column('diubah_pada', _T(), nullable=False),
        sa.UniqueConstraint('kecamatan_id', 'tahun', 'bagian', 'indikator_id'),
    )
    op.create_index('ix_tekslkj_kecamatan_id', 'tekslkj', ['kecamatan_id'])

    op.create_table(
        'lke',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kabupaten_id', sa.Integer(), sa.ForeignKey('kabupaten.id'), nullable=False),
        sa.Column('berlaku_mulai', sa.Integer(), nullable=False),
        sa.Column('nama', _S(length=200), nullable=False),
        sa.Column('isi', sa.JSON(), nullable=True),
        _pengguna('dibuat_oleh'),
        sa.Column('dibuat_pada', _T(), nullable=False),
        sa.UniqueConstraint('kabupaten_id', 'berlaku_mulai'),
    )
    op.create_index('ix_lke_kabupaten_id', 'lke', ['kabupaten_id'])
    op.create_table(
        'evaluasiakip',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kecamatan_id', sa.Integer(), sa.ForeignKey('kecamatan.id'), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('lke', sa.JSON(), nullable=True),
        sa.Column('status', _S(length=20), nullable=False),
        _pengguna('dikirim_oleh'),
        sa.Column('dikirim_pada', _T(), nullable=True),
        _pengguna('evaluator_id'),
        sa.Column('nilai', sa.Float(), nullable=True),
        sa.Column('predikat', _S(length=2), nullable=True),
        sa.Column('temuan', sa.Text(), nullable=True),
        sa.Column('tanggal_lhe', sa.Date(), nullable=True),
        sa.Column('difinalkan_pada', _T(), nullable=True),
        _pengguna('dirilis_oleh'),
        sa.Column('dirilis_pada', _T(), nullable=True),
        sa.Column('evaluasi_id', sa.Integer(), sa.ForeignKey('evaluasi.id'), nullable=True),
        sa.Column('dibuat_pada', _T(), nullable=False),
        sa.UniqueConstraint('kecamatan_id', 'tahun'),
    )
    op.create_index('ix_evaluasiakip_kecamatan_id', 'evaluasiakip', ['kecamatan_id'])
    op.create_table(
        'jawabanlke',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('evaluasi_akip_id', sa.Integer(), sa.ForeignKey('evaluasiakip.id'), nullable=False),
        sa.Column('kode', _S(length=20), nullable=False),
        sa.Column('mandiri', _S(length=2), nullable=True),
        sa.Column('catatan_mandiri', sa.Text(), nullable=True),
        _pengguna('mandiri_oleh'),
        sa.Column('mandiri_pada', _T(), nullable=True),
        sa.Column('evaluator', _S(length=2), nullable=True),
        sa.Column('catatan_evaluator', sa.Text(), nullable=True),
        _pengguna('evaluator_oleh'),
        sa.Column('evaluator_pada', _T(), nullable=True),
        sa.Column('pertanyaan', sa.Text(), nullable=True),
        sa.Column('dikembalikan', sa.Boolean(), nullable=False),
        sa.UniqueConstraint('evaluasi_akip_id', 'kode'),
    )
    op.create_index('ix_jawabanlke_evaluasi_akip_id', 'jawabanlke', ['evaluasi_akip_id'])

    bind = op.get_bind()
    role = sa.table('role', sa.column('kode', _S()), sa.column('nama', _S()), sa.column('urutan', sa.Integer()),
                    sa.column('di_sop', sa.Boolean()), sa.column('dinamis', sa.Boolean()))
    ada = {r for (r,) in bind.execute(sa.select(role.c.kode))}
    if ada and 'evaluator' not in ada:  # an empty database gets every role when it is first filled
        bind.execute(role.insert().values(kode='evaluator', nama='Evaluator Inspektorat', urutan=22, di_sop=False,
                                          dinamis=False))


def downgrade() -> None:
    for t in ('jawabanlke', 'evaluasiakip', 'lke', 'tekslkj', 'laporankinerja'):
        op.drop_table(t)
    # An Evaluasi AKIP's LHE recommendations, their follow-ups and their proofs go with it: 0007 has no year-long
    # evaluation to hold them.
    akip = "SELECT id FROM evaluasi WHERE triwulan IS NULL"
    op.execute(f"DELETE FROM tindaklanjut WHERE rekomendasi_id IN (SELECT id FROM rekomendasi WHERE evaluasi_id IN "
               f"({akip}))")
    op.execute(f"DELETE FROM rekomendasi WHERE evaluasi_id IN ({akip})")
    op.execute("DELETE FROM lampiran WHERE pemilik_jenis IN ('jawaban_lke', 'laporan_kinerja')")
    op.execute("DELETE FROM evaluasi WHERE triwulan IS NULL")
    with op.batch_alter_table('evaluasi') as b:
        b.alter_column('triwulan', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('perjanjiankinerja') as b:
        b.drop_constraint('fk_perjanjiankinerja_dipublikasikan_oleh', type_='foreignkey')
        b.drop_column('dipublikasikan_pada')
        b.drop_column('dipublikasikan_oleh')
    op.drop_column('kabupaten', 'reviu_lkj')
