"""Synthetic kabupaten (seed/sintetis.py): the bulk copy writes what the state machine writes.

Two databases get the same demo and the same Malang history (5 offices, 1 year: Kalipare, Poncokusumo and the
third seed office from documents, two generated offices that serve as templates). Then three synthetic offices in
two kabupaten of two: Sintetis 01-01 ← template 1, 01-02 ← template 2, 02-01 ← template 2 (the rotation). The first
database writes them in bulk; the second builds each as a new office and runs its history transition by transition
on its template's random stream. Every table must then hold as many rows in both, and each synthetic office's
records must be equal field by field once ids are read as positions within the office.
"""
from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func
from sqlmodel import SQLModel, select
from werkzeug.security import check_password_hash

from models.akun.pengguna import buat_pengguna
from models.db import dispose_engine, get_engine, session_scope
from models.migrasi import pastikan_skema
from models.sop.alur import catatan_terbuka, mulai_kerjakan, putuskan, selesaikan
from models.tables import CatatanLangkah, Eksekusi, Kabupaten, Kecamatan, SopLangkah, User
from seed.riwayat import RiwayatDitolak, buat_riwayat
from seed.sintetis import MILIK, PESAN_ADA_SINTETIS, buat_sintetis
from tests.conftest import _pg_database, _pg_drop, masuk

HARI_INI = date(2026, 11, 21)
NAMA = ("Sintetis 01-01", "Sintetis 01-02", "Sintetis 02-01")
# Ids named by kind rather than by foreign key, read here independently of the writer.
OBJEK = {"kecamatan": "kecamatan", "pengguna": "pengguna", "sop": "sop", "sop_revisi": "soprevisi",
         "indikator": "indikator", "target": "target", "eksekusi": "eksekusi", "realisasi": "realisasi",
         "catatan_langkah": "catatanlangkah", "evaluasi": "evaluasi", "rekomendasi": "rekomendasi",
         "laporan_kinerja": "laporankinerja", "lampiran": "lampiran"}
KUNCI_JSON = {"eksekusi": "eksekusi", "evaluasi": "evaluasi", "sop": "sop", "sop_id": "sop", "user": "pengguna",
              "indikator": "indikator", "tindak_lanjut": "tindaklanjut", "dari_sop": "sop", "dari_revisi": "soprevisi",
              "laporan_kinerja": "laporankinerja"}
TIDAK_DIBANDINGKAN = {("pengguna", "password_hash"), ("pengguna", "sesi_token"),  # salted, random
                      ("lampiran", "lokasi")}  # a copied scan keeps the template's file


@pytest.fixture
def basis_kedua(db_url, tmp_path):
    """A second migrated database on the same backend."""
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'kedua.db'}"
        yield url
        dispose_engine(url)
    else:
        nama = f"sakip_uji_{uuid.uuid4().hex[:10]}"
        url = _pg_database(nama)
        yield url
        dispose_engine(url)
        _pg_drop(nama)


def _jumlah(engine) -> dict[str, int]:
    with session_scope(engine) as s:
        return {nama: s.exec(select(func.count()).select_from(t)).one()
                for nama, t in SQLModel.metadata.tables.items() if nama != "alembic_version"}


def _isi_kantor(engine, nama: str, mulai: datetime) -> dict[str, list[tuple]]:
    """One office's records, per table in id order, with every id replaced by (table, position within the office)
    or, for a shared indicator, its code; times set by the clock while the test ran read as "sekarang"."""
    meta = SQLModel.metadata.tables
    with session_scope(engine) as s:
        conn = s.connection()
        kec = s.exec(select(Kecamatan).where(Kecamatan.nama == nama)).one()
        baris: dict[str, list[dict]] = {}
        for t, kolom, induk in MILIK:
            tabel = meta[t]
            syarat = tabel.c[kolom] == kec.id if induk is None else tabel.c[kolom].in_(
                [r["id"] for r in baris[induk]] or [-1])
            baris[t] = [dict(r) for r in conn.execute(select(tabel).where(syarat).order_by(tabel.c.id)).mappings()]
        kode_iku = dict(conn.execute(select(meta["indikator"].c.id, meta["indikator"].c.kode)).all())
    posisi = {t: {r["id"]: i for i, r in enumerate(rows)} for t, rows in baris.items()}

    def ganti(tabel: str, nilai):
        if nilai in posisi.get(tabel, {}):
            return (tabel, posisi[tabel][nilai])
        if tabel == "indikator":
            return ("iku", kode_iku[nilai])
        if tabel == "kabupaten":
            return "kabupaten"
        return nilai

    def waktu(nilai):
        if isinstance(nilai, datetime):
            aware = nilai if nilai.tzinfo else nilai.replace(tzinfo=timezone.utc)
            return "sekarang" if aware >= mulai else aware
        return nilai

    hasil = {}
    for t, rows in baris.items():
        fk = {fk.parent.name: fk.column.table.name for fk in meta[t].foreign_keys}
        keluar = []
        for r in rows:
            r = {k: waktu(v) for k, v in r.items() if (t, k) not in TIDAK_DIBANDINGKAN}
            r["id"] = (t, posisi[t][r["id"]])
            for kolom, ref in fk.items():
                if r.get(kolom) is not None:
                    r[kolom] = ganti(ref, r[kolom])
            if t == "eksekusi" and r["subjek_id"] is not None:
                r["subjek_id"] = ganti(r["subjek_jenis"], r["subjek_id"])
            if t == "lampiran":
                r["pemilik_id"] = ganti("laporankinerja", r["pemilik_id"])
            if t == "auditlog":
                if r["objek_id"] is not None:
                    r["objek_id"] = ganti(OBJEK[r["objek"]], r["objek_id"])
                for sisi in ("sebelum", "sesudah"):
                    if isinstance(r[sisi], dict):
                        r[sisi] = {k: ganti(KUNCI_JSON[k], v) if k in KUNCI_JSON and isinstance(v, int) else v
                                   for k, v in r[sisi].items()}
            keluar.append(tuple(sorted(r.items(), key=lambda kv: kv[0])))
        hasil[t] = keluar
    return hasil


def _riwayat_malang(engine) -> None:
    pastikan_skema(engine)
    buat_riwayat(engine, kecamatan=5, tahun=1, seed=3, hari_ini=HARI_INI)


def test_bulk_copies_equal_the_state_machine_run_on_the_templates_streams(engine, basis_kedua):
    kedua = get_engine(basis_kedua)
    mulai = datetime.now(timezone.utc)
    for e in (engine, kedua):
        _riwayat_malang(e)
    massal = buat_sintetis(engine, jumlah=3, per_kabupaten=2)
    bertahap = buat_sintetis(kedua, jumlah=3, per_kabupaten=2, massal=False)

    assert (massal.kabupaten, massal.kecamatan) == (bertahap.kabupaten, bertahap.kecamatan) == (2, 3)
    assert massal.baris == bertahap.baris
    assert massal.baris["catatanlangkah"] > 300
    assert massal.baris["realisasi"] == 3 * 3 * 3  # offices × 2026 triwulan I–III × IKU
    assert _jumlah(engine) == _jumlah(kedua)
    for nama in NAMA:
        a, b = _isi_kantor(engine, nama, mulai), _isi_kantor(kedua, nama, mulai)
        for t, _, _ in MILIK:
            assert a[t] == b[t], f"{nama}: {t}"
    # 01-02 and 02-01 share a template: the same history, each its own records and people.
    with session_scope(engine) as s:
        kab = {k.nama: k.id for k in s.exec(select(Kabupaten))}
        assert {"Sintetis Malang 01", "Sintetis Malang 02"} <= kab.keys()
        kantor = {k.nama: k for k in s.exec(select(Kecamatan).where(Kecamatan.nama.in_(NAMA)))}
        assert {n: k.kabupaten_id for n, k in kantor.items()} == {
            "Sintetis 01-01": kab["Sintetis Malang 01"], "Sintetis 01-02": kab["Sintetis Malang 01"],
            "Sintetis 02-01": kab["Sintetis Malang 02"]}
        camat = s.exec(select(User).where(User.username == "camat.sintetis02-01")).one()
        assert (camat.nama, camat.kecamatan_id, camat.role_kode) == ("Camat Sintetis 02-01", kantor[NAMA[2]].id, "camat")
        assert check_password_hash(camat.password_hash, "demo12345")
        tokens = s.exec(select(User.sesi_token)).all()
        assert len(set(tokens)) == len(tokens)


def test_bulk_offices_take_new_work_and_their_people_sign_in(engine, app):
    _riwayat_malang(engine)
    buat_sintetis(engine, jumlah=2, per_kabupaten=2)
    with session_scope(engine) as s:
        kec = s.exec(select(Kecamatan).where(Kecamatan.nama == "Sintetis 01-02")).one()
        berjalan = s.exec(select(Eksekusi).where(Eksekusi.kecamatan_id == kec.id)
                          .where(Eksekusi.status == "berjalan").order_by(Eksekusi.id)).all()
        assert berjalan
        for eks in berjalan:  # one open step per running execution, as the state machine leaves them
            terbuka = s.exec(select(func.count(CatatanLangkah.id)).where(CatatanLangkah.eksekusi_id == eks.id)
                             .where(CatatanLangkah.selesai_pada.is_(None))).one()
            assert terbuka == 1
        rec = catatan_terbuka(s, berjalan[0].id)
        pelaku = s.exec(select(User).where(User.username == "camat.sintetis01-02")).one()  # may act on any step
        lk = s.get(SopLangkah, rec.langkah_id)
        pada = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)  # Monday 09.00 WIB, after the history
        if rec.dimulai_pada is None:
            mulai_kerjakan(s, catatan_id=rec.id, oleh=pelaku, pada=pada)
        lanjut = (putuskan(s, catatan_id=rec.id, setuju=True, oleh=pelaku, pada=pada) if lk.keputusan
                  else selesaikan(s, catatan_id=rec.id, oleh=pelaku, pada=pada))
        baru = buat_pengguna(s, username="staf2.sintetis01-02", nama="Staf Kedua", password="rahasia123",
                             role_kode="staf", kecamatan_id=kec.id)
        assert baru.id > max(u.id for u in s.exec(select(User).where(User.id != baru.id)))
        if lanjut is not None:
            assert lanjut.id > rec.id
        if s.connection().dialect.name == "postgresql":  # each table's sequence continues after the copied ids
            conn = s.connection()
            for t, _, _ in MILIK:
                urutan = conn.exec_driver_sql(f"SELECT pg_get_serial_sequence('{t}', 'id')").scalar()
                terakhir = conn.exec_driver_sql(f"SELECT last_value FROM {urutan}").scalar()
                assert terakhir >= (conn.exec_driver_sql(f"SELECT max(id) FROM {t}").scalar() or 0), t
    for username in ("camat.sintetis01-02", "kabupaten.sintetismalang01"):
        jawab = masuk(app.server.test_client(), username)
        assert (jawab.status_code, jawab.headers["Location"]) == (302, "/"), username


def test_refused_twice_or_without_a_history_and_nothing_written(engine, demo):
    with pytest.raises(RiwayatDitolak, match="belum memiliki riwayat demo"):
        buat_sintetis(engine, jumlah=2)
    _riwayat_malang(engine)
    buat_sintetis(engine, jumlah=1)
    sebelum = _jumlah(engine)
    with pytest.raises(RiwayatDitolak) as galat:
        buat_sintetis(engine, jumlah=1)
    assert str(galat.value) == PESAN_ADA_SINTETIS
    assert _jumlah(engine) == sebelum



def test_the_command_reports_progress_and_refuses_a_second_fill(app, engine):
    _riwayat_malang(engine)
    runner = app.server.test_cli_runner()
    kosong = _jumlah(engine)
    for argumen, pesan in ((["--kecamatan", "0"], "Jumlah kecamatan sintetis sedikitnya 1."),
                           (["--kecamatan", "2", "--per-kabupaten", "0"], "Kecamatan per kabupaten sintetis sedikitnya 1."),
                           (["--kecamatan", "2", "--dari", "Bandung"], "Kabupaten Bandung tidak ada di basis data.")):
        tolak = runner.invoke(args=["demo", "sintetis", *argumen])
        assert tolak.exit_code == 1 and tolak.output == f"Error: {pesan}\n", tolak.output
    assert _jumlah(engine) == kosong
    hasil = runner.invoke(args=["demo", "sintetis", "--kecamatan", "2", "--per-kabupaten", "2"])
    assert hasil.exit_code == 0, hasil.output
    *kemajuan, ringkasan = hasil.output.splitlines()
    assert kemajuan[-1].startswith("Kecamatan sintetis: 100% (2/2) · ") and kemajuan[-1].endswith(" · selesai")
    assert re.fullmatch(r"2 kecamatan sintetis dalam 1 kabupaten sintetis dibuat \(ditulis massal\): [\d.]+ realisasi, "
                        r"[\d.]+ eksekusi SOP, [\d.]+ catatan langkah, [\d.]+ baris audit, dalam \d+,\d detik\.",
                        ringkasan), hasil.output
    sebelum = _jumlah(engine)
    lagi = runner.invoke(args=["demo", "sintetis", "--kecamatan", "2"])
    assert lagi.exit_code == 1 and lagi.output == f"Error: {PESAN_ADA_SINTETIS}\n"
    assert _jumlah(engine) == sebelum


def test_a_kabupaten_holds_as_many_offices_as_asked_and_says_when_templates_repeat(engine):
    """Two templates, three offices a kabupaten asked: one kabupaten of three, the first template carried twice."""
    _riwayat_malang(engine)
    hasil = buat_sintetis(engine, jumlah=3, per_kabupaten=3)
    assert (hasil.kabupaten, hasil.kecamatan) == (1, 3)
    assert hasil.kalimat().endswith(" Tiap kabupaten sintetis memuat hingga 3 kecamatan dari 2 kantor templat, jadi "
                                    "riwayat templat dipakai berulang dalam satu kabupaten.")
    with session_scope(engine) as s:
        kab = s.exec(select(Kabupaten).where(Kabupaten.nama == "Sintetis Malang 01")).one()
        kantor = s.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == kab.id).order_by(Kecamatan.nama)).all()
        assert [k.nama for k in kantor] == ["Sintetis 01-01", "Sintetis 01-02", "Sintetis 01-03"]
        jumlah = [s.exec(select(func.count(Eksekusi.id)).where(Eksekusi.kecamatan_id == k.id)).one() for k in kantor]
        assert jumlah[0] == jumlah[2] > 0 and jumlah[1] > 0  # 01-03 carries 01-01's template's history again


def test_an_office_with_an_evaluasi_akip_is_copied_with_its_answers_and_predicate(engine):
    """A two-year history holds the kabupaten's Evaluasi AKIP of the year before; a synthetic office copied from
    such a template carries its own, with every answer, the same score and predicate, and its audit row."""
    from models.tables import AuditLog, EvaluasiAkip, JawabanLke

    pastikan_skema(engine)
    buat_riwayat(engine, kecamatan=4, tahun=2, seed=3, hari_ini=HARI_INI)
    buat_sintetis(engine, jumlah=1, per_kabupaten=1)
    with session_scope(engine) as s:
        kec = s.exec(select(Kecamatan).where(Kecamatan.nama == "Sintetis 01-01")).one()
        ev = s.exec(select(EvaluasiAkip).where(EvaluasiAkip.kecamatan_id == kec.id)).one()
        asal = s.exec(select(EvaluasiAkip).where(EvaluasiAkip.kecamatan_id != kec.id)
                      .where(EvaluasiAkip.nilai == ev.nilai)).first()
        assert asal is not None and (ev.tahun, ev.status, ev.predikat) == (2025, asal.status, asal.predikat)
        jawaban = s.exec(select(func.count(JawabanLke.id)).where(JawabanLke.evaluasi_akip_id == ev.id)).one()
        assert jawaban == s.exec(select(func.count(JawabanLke.id))
                                 .where(JawabanLke.evaluasi_akip_id == asal.id)).one() > 0
        audit = s.exec(select(AuditLog).where(AuditLog.objek == "evaluasi_akip")
                       .where(AuditLog.kecamatan_id == kec.id)).all()
        assert [a.objek_id for a in audit] == [ev.id]
