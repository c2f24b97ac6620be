"""The read-only views' shared cache (models.umum.tembolok, dashboard.tembolok): a hit answers the bytes the view
answered and reads none of the view's tables; a write through the domain, in this worker or another, is seen on the
next call; no other user, nor the same kabupaten's other role, is ever served another's entry; a refusal, a page
view and a read change nothing; the day and the TTL end an entry; TEMBOLOK=0 runs the view every time."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, func
from sqlmodel import select

import dashboard.tembolok
from models.db import get_engine, session_scope
from models.tables import AuditLog, Indikator, Kecamatan, Realisasi, Tembolok
from models.umum import periode
from models.umum import tembolok as tb
from models.umum.periode import periode_baku
from tests import fabrik
from tests.conftest import masuk
from tests.dash_util import buka_halaman, daftar_callback, panggil

# Tables only a view reads: a hit touches none of them (it reads the version, the user's scope and the entry).
TABEL_TAMPILAN = ("realisasi", "eksekusi", "catatanlangkah", "indikator", "target", "rekomendasi", "evaluasi",
                  "sop", "jadwalsakip")


def _kunci(app, nama: str) -> str:
    for k, cb in daftar_callback(app).items():
        f = cb["callback"]
        if f"{f.__module__}.{f.__name__}" == nama:
            return k
    raise KeyError(nama)


class Rekam:
    """The statements the engine runs while recording."""

    def __init__(self, engine):
        self.engine, self.sql = engine, []
        event.listen(engine, "before_cursor_execute", self._catat)

    def _catat(self, conn, cursor, statement, *_):  # noqa: ANN001
        self.sql.append(statement.lower())

    def mulai(self) -> Rekam:
        self.sql = []
        return self

    def baca_tampilan(self) -> list[str]:
        return [q for q in self.sql if any(f" {t} " in f" {q} ".replace("\n", " ").replace(",", " ")
                                           or f"{t}." in q for t in TABEL_TAMPILAN)]


def _versi(engine) -> int:
    with session_scope(engine) as s:
        return tb.versi(s)


def _jumlah_entri(engine) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count()).select_from(Tembolok)).one()


TH, TW = periode_baku()
KASUS = [
    ("camat.poncokusumo", "callbacks.beranda.isi", {"kecamatan": None, "tahun": TH, "triwulan": TW}),
    ("kabupaten.malang", "callbacks.beranda.isi", {"kecamatan": "", "tahun": TH, "triwulan": TW}),
    ("kabupaten.malang", "callbacks.perbandingan.tampil", {"kecamatan": "", "tahun": TH, "triwulan": TW}),
    ("kabupaten.malang", "callbacks.perbandingan.tampil_capaian", {"kecamatan": "", "tahun": TH, "triwulan": TW}),
    ("kabupaten.malang", "callbacks.tindak_lanjut.tampil",
     {"kecamatan": "", "tahun": TH, "triwulan": 0, "minta": None}),  # four outputs, one left as it is
    ("kabupaten.malang", "callbacks.monitoring_sop.tampil", {"kecamatan": "", "tahun": TH, "semester": 1}),
    ("kabupaten.malang", "callbacks.katalog.tampilkan", {"cari": "pengumpulan", "kecamatan": None}),
    ("kabupaten.malang", "callbacks.persetujuan.isi", {"kecamatan": "", "_pesan": None}),
    ("kabupaten.malang", "callbacks.persetujuan.daftar",
     {"kecamatan": "", "_pesan": None, "cari": None, "urut": "terlambat", "halaman": 1}),
    ("camat.poncokusumo", "callbacks.persetujuan.daftar",
     {"kecamatan": None, "_pesan": None, "cari": None, "urut": "terlambat", "halaman": 1}),
]


@pytest.mark.parametrize(("user", "nama", "nilai"), KASUS, ids=[f"{u}-{n}" for u, n, _ in KASUS])
def test_a_hit_answers_the_same_bytes_and_reads_none_of_the_views_tables(client, app, demo, engine, user, nama,
                                                                           nilai):
    masuk(client, user)
    rekam = Rekam(engine)
    k = _kunci(app, nama)
    pertama = panggil(client, app, k, **nilai)
    assert pertama.status_code == 200, pertama.get_data(as_text=True)[:300]
    assert rekam.baca_tampilan(), "the miss runs the view"
    rekam.mulai()
    kedua = panggil(client, app, k, **nilai)
    assert kedua.status_code == 200
    assert kedua.get_data() == pertama.get_data()
    assert rekam.baca_tampilan() == []
    assert _jumlah_entri(engine) >= 1


def _figur_baru(engine) -> tuple[str, int, int]:
    """An IKU of Poncokusumo and a quarter of last year it has no figure for (the write the test makes)."""
    with session_scope(engine) as s:
        kec = fabrik.kantor(s)
        ada = set(s.exec(select(Realisasi.indikator_id, Realisasi.triwulan).where(Realisasi.kecamatan_id == kec.id)
                         .where(Realisasi.tahun == TH - 1)).all())
        for ind in s.exec(select(Indikator).where(Indikator.kecamatan_id == kec.id).order_by(Indikator.kode)).all():
            for tw in (1, 2, 3, 4):
                if (ind.id, tw) not in ada:
                    return ind.kode, TH - 1, tw
    raise AssertionError("every figure of last year is there")


def test_a_figure_made_official_is_seen_on_the_next_call(client, app, demo, engine):
    masuk(client, "camat.poncokusumo")
    kode, tahun, tw = _figur_baru(engine)
    k = _kunci(app, "callbacks.beranda.isi")
    nilai = {"kecamatan": None, "tahun": tahun, "triwulan": tw}
    sebelum = panggil(client, app, k, **nilai).get_data()
    assert panggil(client, app, k, **nilai).get_data() == sebelum  # served from the cache
    v = _versi(engine)
    with session_scope(engine) as s:
        fabrik.realisasi(s, indikator=kode, tahun=tahun, triwulan=tw, status="resmi", pembilang="45",
                         penyebut="50")
    assert _versi(engine) > v
    rekam = Rekam(engine)
    sesudah = panggil(client, app, k, **nilai).get_data()
    assert sesudah != sebelum and rekam.baca_tampilan()
    assert "90" in sesudah.decode()  # 45 of 50: the new figure's capaian is drawn


def test_persetujuan_is_served_again_the_same_and_a_step_finished_is_seen_on_the_next_call(client, app, demo,
                                                                                            engine):
    """Persetujuan's summary, its queue's page and a step's panel are answered from the cache until the step is
    finished (here through the step machine, as another tab or worker would): the next calls show it gone."""
    from models.perencanaan.pekerjaan import mulai_pekerjaan
    from models.sop.alur import catatan_terbuka, selesaikan
    from tests.dash_util import payload, teks_jawaban

    with session_scope(engine) as s:
        renja = fabrik.sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        eks = mulai_pekerjaan(s, sop_id=renja.id, judul="Renja Uji Tembolok", tahun=TH + 1, triwulan=None,
                              oleh=fabrik.pengguna(s, peran="camat"))
        while (rec := catatan_terbuka(s, eks.id)).role_kode != "staf":
            selesaikan(s, catatan_id=rec.id, oleh=fabrik.pengguna(s, peran=rec.role_kode))
        langkah = rec.id
    masuk(client, fabrik.nama_pengguna("staf"))

    def tiga():
        panel = payload(_kunci(app, "callbacks.persetujuan.tampilkan"),
                        daftar_callback(app)[_kunci(app, "callbacks.persetujuan.tampilkan")],
                        {"catatan_id": langkah, "_pesan": None})
        panel["changedPropIds"] = ["tugas-pilih.value"]
        return (panggil(client, app, _kunci(app, "callbacks.persetujuan.isi"), kecamatan=None, _pesan=None),
                panggil(client, app, _kunci(app, "callbacks.persetujuan.daftar"), kecamatan=None, _pesan=None,
                        cari="Renja Uji Tembolok", urut="terlambat", halaman=1),
                client.post("/_dash-update-component", json=panel))

    rekam = Rekam(engine)
    ringkasan, daftar, panel = tiga()
    assert "Renja Uji Tembolok" in teks_jawaban(panel) and "Staf" in teks_jawaban(daftar)
    assert "dari 1 langkah" in teks_jawaban(daftar)
    rekam.mulai()
    lagi = tiga()
    assert [r.get_data() for r in lagi] == [r.get_data() for r in (ringkasan, daftar, panel)]
    # All three served from the cache: only the access check's reading of the step and its run (whose office it is).
    assert [q.split("where")[-1].split("=")[0].strip() for q in rekam.baca_tampilan()] == ["catatanlangkah.id",
                                                                                         "eksekusi.id"]

    with session_scope(engine) as s:
        selesaikan(s, catatan_id=langkah, oleh=fabrik.pengguna(s, peran="staf"), bukti=["Konsep Renja"])
    rekam.mulai()
    ringkasan2, daftar2, panel2 = tiga()
    assert rekam.baca_tampilan()
    assert "Langkah ini tidak lagi menunggu Anda." in teks_jawaban(panel2)
    assert "Kasubag Evapor" in teks_jawaban(daftar2)  # the work now waits on the next step's role
    assert ringkasan2.get_data() != ringkasan.get_data()


def test_another_kabupaten_and_another_role_of_the_same_kabupaten_never_receive_an_entry(app, demo, engine):
    with session_scope(engine) as s:
        tanjab = fabrik.pengguna(s, peran="kabupaten", kabupaten="Tanjung Jabung Barat").username
        inspektorat = fabrik.pengguna(s, peran="evaluator", kecamatan="Poncokusumo").username
    k = _kunci(app, "callbacks.perbandingan.tampil_capaian")
    nilai = {"kecamatan": "", "tahun": TH, "triwulan": TW}
    malang = app.server.test_client()
    masuk(malang, "kabupaten.malang")
    punya_malang = panggil(app=app, client=malang, kunci=k, **nilai).get_data()
    assert b"Poncokusumo" in punya_malang
    for username in (tanjab, inspektorat):
        c = app.server.test_client()
        masuk(c, username)
        entri = _jumlah_entri(engine)
        r = panggil(c, app, k, **nilai)
        assert r.status_code == 200
        assert _jumlah_entri(engine) == entri + 1, f"{username} is answered by the view itself, and keeps its own"
        if username == tanjab:
            assert b"Poncokusumo" not in r.get_data()
    assert _jumlah_entri(engine) == 3


def test_a_refusal_is_audited_and_changes_neither_the_version_nor_the_entry(client, app, demo, engine):
    masuk(client, "camat.poncokusumo")
    k = _kunci(app, "callbacks.beranda.isi")
    nilai = {"kecamatan": None, "tahun": TH, "triwulan": TW}
    pertama = panggil(client, app, k, **nilai).get_data()
    v = _versi(engine)
    with session_scope(engine) as s:
        audit = s.exec(select(func.count()).select_from(AuditLog)).one()
    ditolak = panggil(client, app, k, kecamatan="Kalipare", tahun=TH, triwulan=TW)
    assert ditolak.status_code == 403
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(AuditLog)).one() == audit + 1
    assert _versi(engine) == v
    rekam = Rekam(engine)
    assert panggil(client, app, k, **nilai).get_data() == pertama
    assert rekam.baca_tampilan() == []


def test_opening_pages_and_reading_views_never_raises_the_version(client, app, demo, engine):
    masuk(client, "kabupaten.malang")
    v = _versi(engine)
    for alamat in ("/", "/perbandingan", "/tindak-lanjut", "/monitoring-sop", "/capaian", "/siklus", "/sop",
                   "/kalender-sakip", "/anggaran", "/perjanjian-kinerja", "/laporan-kinerja", "/evaluasi-akip"):
        assert buka_halaman(client, alamat).status_code == 200, alamat
    for user, nama, nilai in KASUS:
        c = app.server.test_client()
        masuk(c, user)
        assert panggil(c, app, _kunci(app, nama), **nilai).status_code == 200, nama
    assert _versi(engine) == v
    assert _jumlah_entri(engine) > 0


def test_the_next_day_and_an_entry_past_its_time_run_the_view_again(client, app, demo, engine, monkeypatch):
    masuk(client, "camat.poncokusumo")
    k = _kunci(app, "callbacks.beranda.isi")
    nilai = {"kecamatan": None, "tahun": TH, "triwulan": TW}
    panggil(client, app, k, **nilai)
    rekam = Rekam(engine)
    panggil(client, app, k, **nilai)
    assert rekam.baca_tampilan() == []
    hari = periode.hari_ini()
    jam = periode.jam()
    periode.atur_hari_ini(hari + timedelta(days=1))
    try:
        rekam.mulai()
        panggil(client, app, k, **nilai)
        assert rekam.baca_tampilan(), "another day, another key"
    finally:
        periode.atur_hari_ini(jam)
    rekam.mulai()
    panggil(client, app, k, **nilai)
    assert rekam.baca_tampilan() == []  # today's entry is still there
    asli = dashboard.tembolok.utcnow
    monkeypatch.setattr(dashboard.tembolok, "utcnow", lambda: asli() + timedelta(seconds=601))
    rekam.mulai()
    panggil(client, app, k, **nilai)
    assert rekam.baca_tampilan(), "ten minutes on, the entry has expired"


def _url_lain(db_url: str) -> str:
    """The same database under another address: another engine, as another worker has."""
    if db_url.startswith("sqlite:///"):
        berkas = db_url.removeprefix("sqlite:///")
        induk, _, nama = berkas.rpartition("/")
        return f"sqlite:///{induk}/./{nama}"
    return db_url + ("&" if "?" in db_url else "?") + "application_name=pekerja2"


def test_two_workers_on_one_database_see_each_others_writes(client, app, demo, engine, db_url, tmp_path):
    from app import create_app

    url2 = _url_lain(db_url)
    app2 = create_app({"DATABASE_URL": url2, "APP_ENV": "test", "SECRET_KEY": "kunci-uji",
                       "UPLOAD_DIR": str(tmp_path / "unggahan")})
    engine2 = app2.server.extensions["sakip_engine"]
    assert engine2 is not engine
    kode, tahun, tw = _figur_baru(engine)
    nilai = {"kecamatan": None, "tahun": tahun, "triwulan": tw}
    klien2 = app2.server.test_client()
    for c in (client, klien2):
        masuk(c, "camat.poncokusumo")
    k = _kunci(app, "callbacks.beranda.isi")
    sebelum = panggil(client, app, k, **nilai).get_data()
    rekam = Rekam(engine2)
    assert panggil(klien2, app2, k, **nilai).get_data() == sebelum
    assert rekam.baca_tampilan() == [], "the second worker is served the first one's entry"
    with session_scope(engine2) as s:  # a write in the second worker
        fabrik.realisasi(s, indikator=kode, tahun=tahun, triwulan=tw, status="resmi", pembilang="45",
                         penyebut="50")
    sesudah = panggil(client, app, k, **nilai).get_data()
    assert sesudah != sebelum
    assert panggil(klien2, app2, k, **nilai).get_data() == sesudah
    engine2.dispose()


def test_without_the_cache_every_call_runs_the_view(demo, db_url, tmp_path):
    from app import create_app

    app = create_app({"DATABASE_URL": db_url, "APP_ENV": "test", "SECRET_KEY": "kunci-uji", "TEMBOLOK": "0",
                      "UPLOAD_DIR": str(tmp_path / "unggahan")})
    engine = get_engine(db_url)
    client = app.server.test_client()
    masuk(client, "kabupaten.malang")
    k = _kunci(app, "callbacks.perbandingan.tampil")
    rekam = Rekam(engine)
    for _ in range(2):
        rekam.mulai()
        assert panggil(client, app, k, kecamatan="", tahun=TH, triwulan=TW).status_code == 200
        assert rekam.baca_tampilan()
    assert _jumlah_entri(engine) == 0


def test_a_committed_write_raises_the_version_after_its_commit_and_a_rollback_or_the_audit_log_does_not(demo, engine):
    v = _versi(engine)
    with session_scope(engine) as s:
        fabrik.kantor(s)
        s.add(AuditLog(aksi="uji.baca"))
    assert _versi(engine) == v  # the audit log alone: a read that was audited
    with pytest.raises(RuntimeError), session_scope(engine) as s:
        kab = s.exec(select(Kecamatan)).first()
        kab.nama = "Berubah"
        s.flush()
        raise RuntimeError("batal")
    assert _versi(engine) == v
    with engine.begin() as conn:  # a bulk Core write, as seed.sintetis and seed.riwayat make
        conn.exec_driver_sql("UPDATE kecamatan SET zona_waktu = zona_waktu")
    assert _versi(engine) == v + 1
    with session_scope(engine) as s:
        kec = s.exec(select(Kecamatan)).first()
        kec.zona_waktu = "Asia/Jakarta"
        s.add(kec)
        s.flush()
        s.execute(Kecamatan.__table__.update().values(zona_waktu="Asia/Jakarta"))
    assert _versi(engine) == v + 2  # one transaction, one raise


def test_old_entries_are_deleted_a_few_at_a_time(engine):
    with session_scope(engine) as s:
        for i in range(30):
            tb.simpan(s, f"{i:064d}", "{}", versi=1)
    with session_scope(engine) as s:
        tb.simpan(s, "f" * 64, "{}", versi=2)
    assert _jumlah_entri(engine) == 30 - tb.BERSIH_SEKALI + 1
    with session_scope(engine) as s:
        assert tb.ambil(s, "f" * 64) == "{}"


def test_every_cached_view_writes_nothing_and_is_served_again_the_same(app, demo, engine):
    """Every callback registered with tembolok=True, called as an office and as the kabupaten with the page's usual
    inputs: the version stays, nothing but the cache changes, and the second call answers the first one's bytes."""
    from tests.dash_util import nama_argumen, sidik_basis_data

    tembolok = {k: cb for k, cb in daftar_callback(app).items() if getattr(cb["callback"], "tembolok", False)}
    assert len(tembolok) >= 22
    nilai = {"kecamatan": None, "tahun": TH, "triwulan": TW, "semester": 1, "cari": "pengumpulan",
             "kabupaten": None}
    v, sidik = _versi(engine), sidik_basis_data(engine)
    for user in ("camat.poncokusumo", "kabupaten.malang"):
        c = app.server.test_client()
        masuk(c, user)
        for k, cb in tembolok.items():
            arg = {n: nilai.get(n) for n in nama_argumen(cb)}
            pertama = panggil(c, app, k, **arg)
            assert pertama.status_code in (200, 204, 403), (user, k, pertama.get_data()[:200])
            if pertama.status_code == 200:
                assert panggil(c, app, k, **arg).get_data() == pertama.get_data(), (user, k)
    assert _versi(engine) == v
    assert sidik_basis_data(engine) == sidik


def test_the_input_that_triggered_a_view_is_part_of_its_key(client, app, demo, engine):
    """Tindak Lanjut's list answers a page change with its list alone and a new filter with the whole page: the
    same arguments, triggered by another input, are not served the other call's answer."""
    from tests.dash_util import payload

    masuk(client, "kabupaten.malang")
    k = _kunci(app, "callbacks.tindak_lanjut.tampil")
    cb = daftar_callback(app)[k]
    nilai = {"kecamatan": "", "tahun": TH, "triwulan": 0, "halaman": 1}
    halaman = payload(k, cb, nilai)
    halaman["changedPropIds"] = ["tl-halaman.active_page"]
    saringan = payload(k, cb, nilai)  # triggered by the filter's first input
    pertama = client.post("/_dash-update-component", json=halaman).get_json()["response"]
    kedua = client.post("/_dash-update-component", json=saringan).get_json()["response"]
    assert "tl-isi" not in pertama  # the page change leaves the summary as it is
    assert kedua["tl-isi"]["children"]  # the new filter draws it, though the arguments are the same
    assert _jumlah_entri(engine) >= 2


def test_a_version_raise_that_fails_is_tried_again_and_never_raises_into_the_pool():
    """The raise runs as a connection goes back to the pool after a committed write: a database busy past its
    timeout is tried again, and a failure is logged, never raised (the pool would lose the connection and the person
    would be told a saved write failed)."""
    class Kursor:
        rowcount = 1

        def __init__(self, gagal):
            self.gagal = gagal

        def execute(self, sql):
            if self.gagal:
                raise RuntimeError("database is locked")

        def close(self):
            raise RuntimeError("connection already closed")

    class Koneksi:
        def __init__(self, gagal_kali):
            self.gagal_kali, self.commit_kali, self.cursor_kali = gagal_kali, 0, 0

        def cursor(self):
            self.cursor_kali += 1
            if self.cursor_kali == 1:
                raise RuntimeError("connection reset")
            return Kursor(self.cursor_kali <= self.gagal_kali)

        def commit(self):
            self.commit_kali += 1

        def rollback(self):
            raise RuntimeError("no connection")

    sekali_gagal = Koneksi(gagal_kali=2)
    tb._naikkan_dbapi(sekali_gagal)
    assert (sekali_gagal.cursor_kali, sekali_gagal.commit_kali) == (3, 1)
    selalu_gagal = Koneksi(gagal_kali=99)
    tb._naikkan_dbapi(selalu_gagal)  # logged, not raised
    assert (selalu_gagal.cursor_kali, selalu_gagal.commit_kali) == (3, 0)


def test_a_new_start_of_the_application_forgets_the_answers_kept_before(demo, engine, db_url, tmp_path):
    from app import create_app

    v = _versi(engine)
    create_app({"DATABASE_URL": db_url, "APP_ENV": "test", "SECRET_KEY": "kunci-uji", "UPLOAD_DIR": str(tmp_path)})
    assert _versi(engine) == v + 1
