"""The Alembic migrations build exactly the schema the models describe, on both databases."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import models.tables  # noqa: F401


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        beda = compare_metadata(ctx, SQLModel.metadata)
    assert beda == []


def test_upgrade_twice_is_harmless(engine):
    from models.migrasi import pastikan_skema

    pastikan_skema(engine)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0009"


def test_a_populated_database_upgrades_to_the_newest_revision(tmp_path, db_url):
    """Data written at the first revision (users referred to by audited rows, duplicate targets in force) upgrades
    in place through every migration: every user gets a session token of its own and no NIP yet, the newest
    duplicate target stays in force, nothing is lost."""
    from alembic import command
    from sqlalchemy import text

    from models.db import get_engine
    from models.migrasi import alembic_config, pastikan_skema

    url = db_url if db_url.startswith("postgresql") else f"sqlite:///{tmp_path / 'lama.db'}"
    engine = get_engine(url)
    if db_url.startswith("postgresql"):  # the fixture's database is already at head: start again from nothing
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO kabupaten (nama, predikat) VALUES ('Uji', '[]')"))
        conn.execute(text("INSERT INTO kecamatan (nama, kabupaten_id, zona_waktu) SELECT 'Satu', id, 'Asia/Jakarta' "
                          "FROM kabupaten"))
        conn.execute(text("INSERT INTO role (kode, nama, urutan, di_sop, dinamis) VALUES ('camat', 'Camat', 1, true, "
                          "false)"))
        for n in (1, 2):
            conn.execute(text("INSERT INTO pengguna (username, nama, password_hash, role_kode, kecamatan_id, aktif, "
                              "gagal_login, dibuat_pada) SELECT :u, 'Orang', 'x', 'camat', id, true, 0, "
                              "CURRENT_TIMESTAMP FROM kecamatan"), {"u": f"camat{n}"})
        conn.execute(text("INSERT INTO auditlog (waktu, aksi, user_id) SELECT CURRENT_TIMESTAMP, 'login', id "
                          "FROM pengguna"))
        conn.execute(text("INSERT INTO indikator (kode, nama, satuan, kabupaten_id, pembilang, polaritas, agregasi, "
                          "aktif, rumus_negatif) SELECT 'IKU-1', 'Uji', '%', id, 'P', 'positif', 'kumulatif', true, "
                          "'standar' FROM kabupaten"))
        for nilai in (80, 90):
            conn.execute(text("INSERT INTO target (indikator_id, kecamatan_id, tahun, nilai, berlaku, diubah_pada) "
                              "SELECT i.id, k.id, 2025, :n, true, CURRENT_TIMESTAMP FROM indikator i, kecamatan k"),
                         {"n": nilai})
    pastikan_skema(engine)
    with engine.connect() as conn:
        token = [t for (t,) in conn.execute(text("SELECT sesi_token FROM pengguna ORDER BY id"))]
        assert len(token) == 2 and len(set(token)) == 2 and all(len(t) == 32 for t in token)
        assert conn.execute(text("SELECT nilai FROM target WHERE berlaku = true")).scalars().all() == [90.0]
        assert conn.execute(text("SELECT count(*) FROM auditlog")).scalar() == 2
        assert conn.execute(text("SELECT username, nip, jabatan, ganti_sandi FROM pengguna ORDER BY id")).all() == [
            ("camat1", None, None, False), ("camat2", None, None, False)]
        assert MigrationContext.configure(conn).get_current_revision() == "0009"


def _isi_semua(conn) -> dict[str, list[dict]]:
    """Every row of every table the database has now (reflected, not the models), in key order."""
    from sqlalchemy import MetaData, select

    meta = MetaData()
    meta.reflect(bind=conn)
    return {nama: [dict(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()]
            for nama, t in meta.tables.items() if nama != "alembic_version"}


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_a_database_holding_the_demo_history_upgrades_from_the_first_revision(db_url):
    """The demo with a year of history of four offices, taken back to the first revision (the later tables and
    columns go), then upgraded in place to the newest: every row of every table of the first revision is there
    with every value unchanged, the new columns hold their defaults (a session token per user, no NIP, no
    evidence list yet), and the product reads the same figures and queue from it as before."""
    from datetime import date

    from sqlalchemy import text
    from sqlmodel import select

    from models.db import get_engine, session_scope
    from models.migrasi import pastikan_skema, turunkan_skema
    from models.sop.alur import antrian
    from models.tables import Realisasi
    from seed.riwayat import buat_riwayat
    from tests.fabrik import pengguna

    engine = get_engine(db_url)
    buat_riwayat(engine, kecamatan=4, tahun=1, seed=2, hari_ini=date(2026, 11, 21))

    def dibaca():
        with session_scope(engine) as s:
            angka = sorted((r.kecamatan_id, r.indikator_id, r.tahun, r.triwulan, r.nilai, r.status)
                           for r in s.exec(select(Realisasi)))
            camat = pengguna(s, peran="camat")
            return angka, [(t.catatan.id, t.catatan.role_kode, t.sop_nama) for t in antrian(s, camat)]

    sebelum = dibaca()
    turunkan_skema(engine, "0001")
    with engine.connect() as conn:
        lama = _isi_semua(conn)
    # four offices × three shared IKU × three quarters, and Poncokusumo's own IKU-7 in each of the three
    assert len(lama["catatanlangkah"]) > 400 and len(lama["realisasi"]) == 4 * 3 * 3 + 3
    pastikan_skema(engine)
    with engine.connect() as conn:
        baru = _isi_semua(conn)
        assert MigrationContext.configure(conn).get_current_revision() == "0009"
        token = conn.execute(text("SELECT sesi_token FROM pengguna")).scalars().all()
        assert len(set(token)) == len(token) == len(lama["pengguna"])
        assert conn.execute(text("SELECT count(*) FROM pengguna WHERE nip IS NOT NULL OR ganti_sandi")).scalar() == 0
    for tabel, rows in lama.items():
        # gagal_login and terkunci_sampai dropped by 0004; the kabupaten's bands moved to their own table by 0007
        kolom = [k for k in (rows[0] if rows else {}) if k not in ("gagal_login", "terkunci_sampai", "predikat")]
        assert [{k: r[k] for k in kolom} for r in baru[tabel]] == [{k: r[k] for k in kolom} for r in rows], tabel
    assert {r["bukti"] for r in baru["realisasi"]} == {None}  # read as nothing ticked
    assert dibaca() == sebelum


def test_0008_goes_back_with_an_evaluasi_akips_recommendations_and_their_follow_ups(demo):
    """A database holding a final Evaluasi AKIP with its LHE recommendations (an Evaluasi without a quarter), a
    follow-up of one, an LKj with its passage and a proof: back to 0007 the year-long evaluation goes with its
    recommendations and follow-ups, the quarterly evaluations stay, and up again to the newest."""
    from datetime import date

    from sqlalchemy import text

    from models.db import session_scope
    from models.migrasi import pastikan_skema, turunkan_skema
    from models.tables import Evaluasi, Rekomendasi, TindakLanjut
    from tests.fabrik import kantor, pengguna
    from tests.fabrik_akip import evaluasi_akip, laporan_kinerja

    with session_scope(demo) as s:
        kec = kantor(s)
        camat = pengguna(s, peran="camat")
        ev = evaluasi_akip(s, kecamatan="Poncokusumo", tahun=2025)
        lhe = Evaluasi(kecamatan_id=kec.id, jenis="evaluasi_akip", tahun=2025, triwulan=None)
        triwulan = Evaluasi(kecamatan_id=kec.id, jenis="evaluasi", tahun=2025, triwulan=4)
        s.add_all([lhe, triwulan])
        s.flush()
        ev.evaluasi_id = lhe.id
        rek = [Rekomendasi(evaluasi_id=e.id, kecamatan_id=kec.id, teks=f"Rekomendasi {e.jenis}", role_kode="sekcam",
                           jatuh_tempo=date(2026, 6, 30)) for e in (lhe, triwulan)]
        s.add_all(rek)
        s.flush()
        s.add(TindakLanjut(rekomendasi_id=rek[0].id, uraian="Dikerjakan", oleh=camat.id))
        laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2025)
    turunkan_skema(demo, "0007")
    with demo.connect() as conn:
        assert conn.execute(text("SELECT jenis, triwulan FROM evaluasi WHERE tahun = 2025 AND kecamatan_id = :k"),
                            {"k": kec.id}).all() == [("evaluasi", 4)]
        assert conn.execute(text("SELECT teks FROM rekomendasi WHERE teks LIKE 'Rekomendasi %'")).scalars().all() == [
            "Rekomendasi evaluasi"]
        assert conn.execute(text("SELECT count(*) FROM tindaklanjut WHERE uraian = 'Dikerjakan'")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM lampiran WHERE pemilik_jenis = 'laporan_kinerja'")).scalar() == 0
    pastikan_skema(demo)
    with demo.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0009"
