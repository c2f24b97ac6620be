"""SOP monitoring and evaluation (PermenPAN-RB 35/2012): the rules, the audit, the evidence figures against values
worked out by hand, the page, its callbacks, and the printed sheets (HTML and PDF).

The evidence fixture: Poncokusumo, IKU-2 (Adminduk), 2024. Its collection SOP has six steps with mutu baku 60, 15,
60, 15, 15 (Sekcam then Camat) and 5 minutes. Times are WIB in office hours (Mon–Fri 08:00–16:00).

Q1, entered Mon 15 Jul 08:00, finished Tue 16 Jul: step 1 08:00–09:00 (60) · step 2 (0) · step 3 09:00–11:30 (150)
  · step 4 (15) · step 5 Sekcam 11:45–15:45 (240) and Camat 15:45–Tue 08:30 (15 + 30 = 45), one visit of 285 ·
  step 6 (5). Its cycle time is 60 + 0 + 150 + 15 + 240 + 45 + 5 = 515 minutes; 4 of its 6 visits are within
  mutu baku (steps 3 and 5 are not).
Q2, entered Tue 16 Jul 09:00, submitted 09:30, returned 10:30, submitted again 11:00, still open: visits step 1
  (30), step 2 (0), step 3 (60), step 1 (30), step 2 (0), all 5 within mutu baku; step 3 is open.
Q3, entered Tue 1 Oct 08:00, submitted 09:30, open at step 3: visits step 1 (90, over 60) and step 2 (0).

Semester I: 2 executions, 1 finished, median 515, 9 of 11 visits within (81,8 %), bottleneck step 5 (285 vs 15).
Semester II: 1 execution, none finished, 1 of 2 within (50 %), bottleneck step 1 (90 vs 60: the only median over).
The year: 3 executions, 1 finished, median 515, 10 of 13 within; step 1's visits 60, 30, 30, 90 have median 45
(within), step 3's 150 and 60 median 105 (45 over), step 5 285 (270 over): bottleneck step 5.
"""
from __future__ import annotations

import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlmodel import func, select

from dashboard import ids
from models.akun.akses import PESAN_KANTOR, PESAN_PERAN
from models.db import session_scope
from models.kinerja.realisasi import Isian, ajukan, simpan_draf
from models.sop.alur import catatan_terbuka, mulai_kerjakan, putuskan, selesaikan
from models.sop.monitoring import (
    KOLOM_KRITERIA,
    KRITERIA,
    catat_evaluasi_sop,
    catat_monitoring,
    lembar_evaluasi,
    lembar_monitoring,
    ringkasan_kantor,
)
from models.sop.monitoring import (
    PESAN_PERAN as PESAN_PENILAI,
)
from models.tables import AuditLog, EvaluasiSop, MonitoringSop, Realisasi
from models.umum.penolakan import Ditolak
from tests.conftest import keluar, masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data
from tests.fabrik import KANTOR, indikator, kantor, nama_pengguna, pengguna, sop

WIB = ZoneInfo("Asia/Jakarta")
TAHUN = 2024
ADMINDUK = "Prosedur Pengumpulan Data Kinerja Indikator Administrasi Kependudukan"
SEKARANG = datetime(2024, 12, 2, 10, 0, tzinfo=WIB)  # "now" of the domain calls: semester II 2024 has started
YA = dict.fromkeys(KOLOM_KRITERIA, True)


def t(bulan: int, hari: int, jam: int, menit: int = 0) -> datetime:
    return datetime(TAHUN, bulan, hari, jam, menit, tzinfo=WIB)


def _audit(engine, aksi: str) -> list[AuditLog]:
    with session_scope(engine) as s:
        return list(s.exec(select(AuditLog).where(AuditLog.aksi == aksi).order_by(AuditLog.id)))


def _jumlah_audit(engine) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count(AuditLog.id))).one()


@pytest.fixture
def kasus(demo):
    """The executions of the module docstring, written through the domain functions; returns (engine, ids)."""
    with session_scope(demo) as s:
        kec = kantor(s)
        kasipem, evapor, sekcam, camat = (pengguna(s, peran=p)
                                          for p in ("kasi_pem", "kasubag_evapor", "sekcam", "camat"))
        ind = indikator(s, kode="IKU-2", target={TAHUN: 95})  # set by the Kasubag Evapor

        def terbuka(eks_id):
            return catatan_terbuka(s, eks_id).id

        # Q1
        r1 = simpan_draf(s, kecamatan_id=kec.id, tahun=TAHUN, triwulan=1, isian=Isian(ind.id, "90", "100"),
                         oleh=kasipem, pada=t(7, 15, 8), hari_ini=date(2024, 7, 15))
        eks1 = ajukan(s, realisasi_id=r1.id, oleh=kasipem, pada=t(7, 15, 9))
        rec = terbuka(eks1.id)
        mulai_kerjakan(s, catatan_id=rec, oleh=evapor, pada=t(7, 15, 10))
        putuskan(s, catatan_id=rec, setuju=True, oleh=evapor, pada=t(7, 15, 11, 30))
        selesaikan(s, catatan_id=terbuka(eks1.id), oleh=evapor, pada=t(7, 15, 11, 45))
        putuskan(s, catatan_id=terbuka(eks1.id), setuju=True, oleh=sekcam, pada=t(7, 15, 15, 45))
        putuskan(s, catatan_id=terbuka(eks1.id), setuju=True, oleh=camat, pada=t(7, 16, 8, 30))
        selesaikan(s, catatan_id=terbuka(eks1.id), oleh=evapor, pada=t(7, 16, 8, 35))
        # Q2
        r2 = simpan_draf(s, kecamatan_id=kec.id, tahun=TAHUN, triwulan=2, isian=Isian(ind.id, "95", "100"),
                         oleh=kasipem, pada=t(7, 16, 9), hari_ini=date(2024, 7, 16))
        eks2 = ajukan(s, realisasi_id=r2.id, oleh=kasipem, pada=t(7, 16, 9, 30))
        putuskan(s, catatan_id=terbuka(eks2.id), setuju=False, alasan="Register belum lengkap", oleh=evapor,
                 pada=t(7, 16, 10, 30))
        r2 = s.get(Realisasi, r2.id)
        simpan_draf(s, kecamatan_id=kec.id, tahun=TAHUN, triwulan=2, oleh=kasipem, pada=t(7, 16, 11),
                    isian=Isian(ind.id, "95", "100", versi=r2.versi), hari_ini=date(2024, 7, 16))
        ajukan(s, realisasi_id=r2.id, oleh=kasipem, pada=t(7, 16, 11))
        # Q3
        r3 = simpan_draf(s, kecamatan_id=kec.id, tahun=TAHUN, triwulan=3, isian=Isian(ind.id, "96", "100"),
                         oleh=kasipem, pada=t(10, 1, 8), hari_ini=date(2024, 10, 1))
        ajukan(s, realisasi_id=r3.id, oleh=kasipem, pada=t(10, 1, 9, 30))
        assert s.get(Realisasi, r1.id).status == "resmi"
        return demo, {"kec": kec.id, "sop": sop(s, nama=ADMINDUK).id, "renstra": sop(s, nama="Penyusunan Renstra").id}


# ---------------------------------------------------------------- the rules


def test_monitoring_is_recorded_then_corrected_with_before_and_after_in_the_audit(kasus):
    engine, k = kasus
    with session_scope(engine) as s:
        m = catat_monitoring(s, sop_id=k["sop"], tahun=TAHUN, semester=1, berjalan_baik=True, catatan="  ",
                             tindakan=None, oleh=pengguna(s, peran="sekcam"), pada=t(7, 20, 9))
        pertama = m.id
    with session_scope(engine) as s:
        m = catat_monitoring(s, sop_id=k["sop"], tahun=TAHUN, semester=1, berjalan_baik=False,
                             catatan="Langkah persetujuan Sekcam melewati mutu baku.",
                             tindakan="Sekcam menetapkan jam paraf harian.", oleh=pengguna(s, peran="kasubag_evapor"),
                             pada=t(7, 22, 9))
        assert m.id == pertama
        assert s.exec(select(func.count(MonitoringSop.id))).one() == 1
        row = s.get(MonitoringSop, pertama)
        assert (row.berjalan_baik, row.catatan, row.tindakan) == (
            False, "Langkah persetujuan Sekcam melewati mutu baku.", "Sekcam menetapkan jam paraf harian.")
        assert row.penilai_id == pengguna(s, peran="kasubag_evapor").id
        assert row.dinilai_pada == t(7, 22, 9)
    (catat,) = _audit(engine, "monitoring_sop.catat")
    assert catat.objek_id == pertama and catat.kecamatan_id == k["kec"] and catat.username == "sekcam.poncokusumo"
    assert catat.sesudah | {"pada": None} == {"tahun": 2024, "semester": 1, "sop": k["sop"], "berjalan_baik": True,
                                              "catatan": None, "tindakan": None, "pada": None}
    (ubah,) = _audit(engine, "monitoring_sop.ubah")
    assert ubah.username == "evapor.poncokusumo"
    assert ubah.sebelum["berjalan_baik"] is True and ubah.sebelum["catatan"] is None
    assert ubah.sesudah["berjalan_baik"] is False and ubah.sesudah["tindakan"] == "Sekcam menetapkan jam paraf harian."
    # The same answers again: nothing is written.
    n = _jumlah_audit(engine)
    with session_scope(engine) as s:
        catat_monitoring(s, sop_id=k["sop"], tahun=TAHUN, semester=1, berjalan_baik=False,
                         catatan="Langkah persetujuan Sekcam melewati mutu baku.",
                         tindakan="Sekcam menetapkan jam paraf harian.", oleh=pengguna(s, peran="camat"),
                         pada=t(7, 23, 9))
    assert _jumlah_audit(engine) == n


def test_writes_stay_in_the_callers_transaction(kasus):
    """The caller commits: rolled back, neither the records nor their audit rows remain (no early commit)."""
    engine, k = kasus
    sebelum, audit = sidik_basis_data(engine), _jumlah_audit(engine)
    with pytest.raises(RuntimeError):
        with session_scope(engine) as s:
            catat_monitoring(s, sop_id=k["sop"], tahun=TAHUN, semester=1, berjalan_baik=True, catatan=None,
                             tindakan=None, oleh=pengguna(s, peran="camat"), pada=SEKARANG)
            catat_evaluasi_sop(s, sop_id=k["sop"], tahun=TAHUN, jawaban=YA, catatan=None,
                               oleh=pengguna(s, peran="camat"), pada=SEKARANG)
            raise RuntimeError("dibatalkan")
    assert sidik_basis_data(engine) == sebelum and _jumlah_audit(engine) == audit


@pytest.mark.parametrize("peran, kecamatan, ubah, pesan", [
    ("kasi_pem", KANTOR, {}, PESAN_PENILAI),
    ("staf", KANTOR, {}, PESAN_PENILAI),
    ("kabupaten", KANTOR, {}, PESAN_PENILAI),  # the Kabupaten Malang user
    ("camat", "Kalipare", {}, "SOP ini bukan SOP kecamatan Anda."),
    ("camat", KANTOR, {"sop_id": 999_999}, "SOP ini bukan SOP kecamatan Anda."),
    ("camat", KANTOR, {"semester": 3}, "Semester harus 1 atau 2."),
    ("camat", KANTOR, {"tahun": 1999}, "Tahun tidak sah."),
    ("camat", KANTOR, {"berjalan_baik": None}, "Pilih penilaian: berjalan baik atau tidak berjalan baik."),
    ("camat", KANTOR, {"semester": 2, "pada": datetime(2024, 6, 30, 23, 0, tzinfo=WIB)},
     "Semester II 2024 belum dimulai (mulai 1 Juli 2024); monitoring hanya untuk semester yang sedang berjalan "
     "atau sudah lewat."),
    ("camat", KANTOR, {"tahun": 2025}, "Semester I 2025 belum dimulai (mulai 1 Januari 2025)"),
    ("camat", KANTOR, {"berjalan_baik": False, "catatan": " "},
     "Catatan wajib diisi bila SOP tidak berjalan baik: apa yang tidak berjalan?"),
    ("camat", KANTOR, {"berjalan_baik": False, "tindakan": ""},
     "Tindakan yang harus diambil wajib diisi bila SOP tidak berjalan baik."),
    ("camat", KANTOR, {"catatan": "x" * 2001}, "Catatan paling panjang 2.000 karakter."),
])
def test_monitoring_refusals_say_why_and_change_nothing(kasus, peran, kecamatan, ubah, pesan):
    engine, k = kasus
    isian = {"sop_id": k["sop"], "tahun": TAHUN, "semester": 1, "berjalan_baik": True, "catatan": "Catatan",
             "tindakan": "Tindakan", "pada": SEKARANG} | ubah
    sebelum, audit = sidik_basis_data(engine), _jumlah_audit(engine)
    with pytest.raises(Ditolak) as e:
        with session_scope(engine) as s:
            catat_monitoring(s, oleh=pengguna(s, peran=peran, kecamatan=kecamatan), **isian)
    assert pesan in str(e.value)
    assert sidik_basis_data(engine) == sebelum and _jumlah_audit(engine) == audit


def test_the_yearly_evaluation_needs_all_seven_answers_and_notes_for_a_no(kasus):
    engine, k = kasus
    assert [label for _, label in KRITERIA] == [
        "Mendorong kinerja", "Mudah dipahami", "Mudah dilaksanakan", "Semua orang dapat menjalankan perannya",
        "Mampu mengatasi permasalahan", "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
        "Sinergi satu dengan lainnya"]
    assert set(KOLOM_KRITERIA) < set(EvaluasiSop.model_fields)
    sebelum = sidik_basis_data(engine)
    tolak = [
        ({k2: v for k2, v in YA.items() if k2 not in ("mudah_dipahami", "sinergi")}, None,
         "Jawab ketujuh kriteria dengan Ya atau Tidak; belum dijawab: Mudah dipahami, Sinergi satu dengan lainnya."),
        (YA | {"sinergi": None}, None, "belum dijawab: Sinergi satu dengan lainnya."),
        (YA | {"lainnya": True}, None, "Kriteria tidak dikenal: lainnya."),
        (YA | {"mudah_dipahami": False}, "", "Catatan wajib diisi bila ada kriteria yang dijawab Tidak"),
    ]
    for jawaban, catatan, pesan in tolak:
        with pytest.raises(Ditolak, match=pesan):
            with session_scope(engine) as s:
                catat_evaluasi_sop(s, sop_id=k["sop"], tahun=TAHUN, jawaban=jawaban, catatan=catatan,
                                   oleh=pengguna(s, peran="tim"), pada=SEKARANG)
    with pytest.raises(Ditolak, match="Tahun 2025 belum dimulai"):
        with session_scope(engine) as s:
            catat_evaluasi_sop(s, sop_id=k["sop"], tahun=2025, jawaban=YA, catatan=None,
                               oleh=pengguna(s, peran="tim"), pada=SEKARANG)
    with pytest.raises(Ditolak, match=PESAN_PENILAI):
        with session_scope(engine) as s:
            catat_evaluasi_sop(s, sop_id=k["sop"], tahun=TAHUN, jawaban=YA, catatan=None,
                               oleh=pengguna(s, peran="kasi_trantib"), pada=SEKARANG)
    assert sidik_basis_data(engine) == sebelum and _audit(engine, "evaluasi_sop.catat") == []

    with session_scope(engine) as s:
        e = catat_evaluasi_sop(s, sop_id=k["sop"], tahun=TAHUN, jawaban=YA, catatan=None,
                               oleh=pengguna(s, peran="tim"), pada=SEKARANG)
        pertama = e.id
    with session_scope(engine) as s:
        e = catat_evaluasi_sop(s, sop_id=k["sop"], tahun=TAHUN, jawaban=YA | {"sinergi": False},
                               catatan="Belum terhubung dengan SOP Pengukuran Kinerja.",
                               oleh=pengguna(s, peran="camat"), pada=SEKARANG)
        assert e.id == pertama and e.sinergi is False and e.mendorong_kinerja is True
        assert s.exec(select(func.count(EvaluasiSop.id))).one() == 1
    (catat,) = _audit(engine, "evaluasi_sop.catat")
    assert catat.sesudah["sinergi"] is True and catat.username == "tim.poncokusumo"
    (ubah,) = _audit(engine, "evaluasi_sop.ubah")
    assert (ubah.sebelum["sinergi"], ubah.sesudah["sinergi"]) == (True, False)
    assert ubah.sesudah["catatan"] == "Belum terhubung dengan SOP Pengukuran Kinerja."


# ---------------------------------------------------------------- the sheets and their evidence


def test_the_semester_sheet_shows_cycle_time_evidence_worked_out_by_hand(kasus):
    engine, k = kasus
    with session_scope(engine) as s:
        lembar = lembar_monitoring(s, kecamatan_id=k["kec"], tahun=TAHUN, semester=1)
        assert [b.nama for b in lembar][:2] == ["Penyusunan Renstra", "Penyusunan Rencana Kerja (Renja)"]
        assert len(lembar) == 10 and all(b.monitoring is None for b in lembar)
        b = {x.sop_id: x for x in lembar}[k["sop"]].bukti
        assert (b.pelaksanaan, b.selesai, b.median, b.dalam_baku, b.kunjungan) == (2, 1, 515, 9, 11)
        assert round(b.persen_dalam_baku, 1) == 81.8
        assert (b.hambatan.no, b.hambatan.median, b.hambatan.mutu_baku) == ("5", 285, 15)
        renstra = {x.sop_id: x for x in lembar}[k["renstra"]].bukti
        assert (renstra.pelaksanaan, renstra.median, renstra.persen_dalam_baku, renstra.hambatan) == (0, None, None,
                                                                                                       None)

        b2 = {x.sop_id: x for x in lembar_monitoring(s, kecamatan_id=k["kec"], tahun=TAHUN, semester=2)}[k["sop"]].bukti
        assert (b2.pelaksanaan, b2.selesai, b2.median, b2.dalam_baku, b2.kunjungan) == (1, 0, None, 1, 2)
        assert (b2.hambatan.no, b2.hambatan.median) == ("1", 90)

        setahun = {x.sop_id: x for x in lembar_evaluasi(s, kecamatan_id=k["kec"], tahun=TAHUN)}[k["sop"]].bukti
        assert (setahun.pelaksanaan, setahun.selesai, setahun.median, setahun.dalam_baku, setahun.kunjungan) == (
            3, 1, 515, 10, 13)
        assert setahun.hambatan.no == "5"

        catat_monitoring(s, sop_id=k["sop"], tahun=TAHUN, semester=1, berjalan_baik=False, catatan="Lambat",
                         tindakan="Percepat paraf", oleh=pengguna(s, peran="sekcam"), pada=SEKARANG)
        m = {x.sop_id: x for x in lembar_monitoring(s, kecamatan_id=k["kec"], tahun=TAHUN, semester=1)}[k["sop"]]
        assert m.monitoring.catatan == "Lambat" and m.penilai == "Sekretaris Camat Poncokusumo"
        per = {r.kecamatan: r for r in ringkasan_kantor(s, kecamatan_ids=[k["kec"]], tahun=TAHUN, semester=1)}
        assert (per["Poncokusumo"].sop, per["Poncokusumo"].dimonitor, per["Poncokusumo"].tidak_baik) == (10, 1, 1)


def _isi_lembar(engine, k):
    with session_scope(engine) as s:
        catat_monitoring(s, sop_id=k["sop"], tahun=TAHUN, semester=1, berjalan_baik=False,
                         catatan="Paraf Sekcam tertunda", tindakan="Jadwalkan paraf harian",
                         oleh=pengguna(s, peran="sekcam"), pada=datetime(2024, 7, 25, 10, tzinfo=WIB))
        catat_monitoring(s, sop_id=k["renstra"], tahun=TAHUN, semester=1, berjalan_baik=True, catatan=None,
                         tindakan=None, oleh=pengguna(s, peran="sekcam"), pada=datetime(2024, 7, 26, 10, tzinfo=WIB))
        catat_evaluasi_sop(s, sop_id=k["sop"], tahun=TAHUN, jawaban=YA | {"mudah_dilaksanakan": False},
                           catatan="Register KK belum terpusat", oleh=pengguna(s, peran="tim"), pada=SEKARANG)


def _teks_pdf(data: bytes) -> str:
    return " ".join(" ".join(h.extract_text() for h in PdfReader(io.BytesIO(data)).pages).split())


def test_printed_sheets_as_html_and_pdf(client, kasus):
    engine, k = kasus
    _isi_lembar(engine, k)
    masuk(client, nama_pengguna("camat"))
    r = client.get(f"/monitoring-sop/cetak?tahun={TAHUN}&semester=1")  # an office user's own office
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    for teks in ("MONITORING PELAKSANAAN SOP AP", "PEMERINTAH KABUPATEN MALANG", "KECAMATAN PONCOKUSUMO",
                 "Semester I 2024 (Januari s.d. Juni 2024)", ADMINDUK, "Penyusunan Renstra", "Paraf Sekcam tertunda",
                 "Jadwalkan paraf harian",
                 "2 pelaksanaan, 1 selesai; median 1 hari 35 menit; 81,82% langkah dalam mutu baku (9 dari 11); "
                 "hambatan: langkah 5 (4 jam 45 menit; baku 15 menit).",
                 "Poncokusumo, 26 Juli 2024", "CAMAT PONCOKUSUMO",
                 "Camat Poncokusumo", "size: A4 landscape", 'href="/vendor/bootstrap/css/bootstrap.min.css"',
                 "/monitoring-sop/cetak.pdf?tahun=2024&amp;semester=1"):
        assert teks in html, teks
    assert "cdn" not in html.lower() and "https://" not in html
    assert html.split("<tbody>")[1].split("</tbody>")[0].count("<tr>") == 10  # one row per SOP in force
    assert html.count("✓") == 2

    r = client.get(f"/monitoring-sop/cetak.pdf?kecamatan=Poncokusumo&tahun={TAHUN}&semester=1")
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.data.startswith(b"%PDF")
    teks = _teks_pdf(r.data)
    for isi in ("MONITORING PELAKSANAAN SOP AP", "KECAMATAN PONCOKUSUMO", "Semester I 2024", "Penyusunan Renstra",
                "Penyusunan Laporan Kinerja (LKj)", "Paraf Sekcam tertunda", "CAMAT PONCOKUSUMO",
                "Camat Poncokusumo", "median 1 hari 35 menit", "81,82% langkah dalam mutu baku"):
        assert isi in teks, isi
    assert teks.count("✓") == 2  # the embedded Unicode font prints the tick as the HTML sheet does (not "V")
    assert ADMINDUK.replace(" ", "") in teks.replace(" ", "")  # wrapped across lines in its cell
    assert PdfReader(io.BytesIO(r.data)).pages[0].mediabox.width > PdfReader(io.BytesIO(r.data)).pages[0].mediabox.height

    r = client.get(f"/monitoring-sop/evaluasi/cetak?tahun={TAHUN}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    for teks in ("EVALUASI PENERAPAN SOP AP", "Tahun 2024", "Register KK belum terpusat", "Kriteria penilaian",
                 *[label for _, label in KRITERIA]):
        assert teks in html, teks
    r = client.get(f"/monitoring-sop/evaluasi/cetak.pdf?tahun={TAHUN}")
    teks = _teks_pdf(r.data)
    assert r.mimetype == "application/pdf"
    assert "EVALUASI PENERAPAN SOP AP" in teks and "Register KK belum terpusat" in teks and "Tidak" in teks


def test_print_routes_check_the_office_like_callbacks(client, kasus):
    engine, _ = kasus
    masuk(client, "camat.kalipare")
    n = len(_audit(engine, "akses.ditolak"))
    for alamat in ("/monitoring-sop/cetak?kecamatan=Poncokusumo&tahun=2024&semester=1",
                   "/monitoring-sop/cetak.pdf?kecamatan=Poncokusumo",
                   "/monitoring-sop/evaluasi/cetak?kecamatan=Poncokusumo&tahun=2024",
                   "/monitoring-sop/evaluasi/cetak.pdf?kecamatan=Poncokusumo"):
        r = client.get(alamat)
        assert r.status_code == 403, alamat
        assert "Poncokusumo" not in r.get_data(as_text=True)
    assert len(_audit(engine, "akses.ditolak")) == n + 4
    keluar(client)
    masuk(client, "kabupaten.malang")
    assert client.get("/monitoring-sop/cetak?tahun=2024&semester=1").status_code == 400  # no office named
    r = client.get("/monitoring-sop/cetak?kecamatan=Poncokusumo&tahun=2024&semester=1")
    assert r.status_code == 200 and "KECAMATAN PONCOKUSUMO" in r.get_data(as_text=True)
    keluar(client)
    masuk(client, "kabupaten.tanjungjabungbarat")
    assert client.get("/monitoring-sop/evaluasi/cetak.pdf?kecamatan=Poncokusumo").status_code == 403


# ---------------------------------------------------------------- the page and its callbacks


def _callback(app, client, jenis: str) -> str:
    client.get("/_dash-layout")
    return next(k for k in daftar_callback(app) if jenis in k)


def test_page_opens_for_the_camat_and_refuses_another_office(client, kasus):
    masuk(client, nama_pengguna("camat"))
    r = client.get("/monitoring-sop")
    assert r.status_code == 200
    assert client.get("/monitoring-sop?kecamatan=Kalipare").status_code == 403


def test_sheet_callback_offers_forms_to_assessors_and_text_to_readers(client, app, kasus):
    engine, k = kasus
    _isi_lembar(engine, k)
    masuk(client, nama_pengguna("sekcam"))
    kunci = _callback(app, client, ids.MONSOP_MONITORING)
    r = panggil(client, app, kunci, kecamatan=None, tahun=TAHUN, semester=1)
    assert r.status_code == 200
    teks = json.dumps(r.get_json(), ensure_ascii=False)
    assert ids.MONSOP_SIMPAN in teks and ids.EVSOP_SIMPAN in teks and ADMINDUK in teks
    assert "/monitoring-sop/cetak?kecamatan=Poncokusumo&tahun=2024&semester=1" in teks
    assert "Langkah dalam mutu baku: 81,82% (9 dari 11)" in teks
    keluar(client)

    masuk(client, "kabupaten.malang")
    r = panggil(client, app, kunci, kecamatan="Poncokusumo", tahun=TAHUN, semester=1)
    teks = json.dumps(r.get_json(), ensure_ascii=False)
    assert r.status_code == 200 and ids.MONSOP_SIMPAN not in teks and ids.EVSOP_SIMPAN not in teks
    assert "Paraf Sekcam tertunda" in teks and "Tidak berjalan baik" in teks and "Register KK belum terpusat" in teks
    semua = panggil(client, app, kunci, kecamatan="", tahun=TAHUN, semester=1)
    teks = json.dumps(semua.get_json(), ensure_ascii=False)
    assert "tabel-ringkasan-monitoring" in teks and "Kalipare" in teks and "Poncokusumo" in teks
    assert panggil(client, app, kunci, kecamatan="Muara Papalik", tahun=TAHUN, semester=1).status_code == 403


def test_saving_through_the_callbacks(client, app, kasus):
    engine, k = kasus
    masuk(client, nama_pengguna("kasubag_evapor"))
    mon = _callback(app, client, ids.MONSOP_PESAN)
    r = panggil(client, app, mon, baik="tidak", catatan="", tindakan="", periode=f"{TAHUN}-1", sop_id=k["sop"])
    assert r.status_code == 200
    assert "Catatan wajib diisi bila SOP tidak berjalan baik" in r.get_data(as_text=True)
    r = panggil(client, app, mon, baik="ya", catatan="", tindakan="", periode=f"{TAHUN}-1", sop_id=k["sop"])
    assert "Disimpan: berjalan baik, Semester I 2024" in r.get_data(as_text=True)
    ev = _callback(app, client, ids.EVSOP_PESAN)
    r = panggil(client, app, ev, **{kolom: "ya" for kolom in KOLOM_KRITERIA}, catatan="", tahun=str(TAHUN),
                sop_id=k["sop"])
    assert "Disimpan: evaluasi tahun 2024, semua kriteria Ya" in r.get_data(as_text=True)
    r = panggil(client, app, ev, mendorong_kinerja="ya", catatan="", tahun=str(TAHUN), sop_id=k["sop"])
    assert "belum dijawab: Mudah dipahami" in r.get_data(as_text=True)
    with session_scope(engine) as s:
        assert s.exec(select(MonitoringSop.berjalan_baik).where(MonitoringSop.sop_id == k["sop"])).one() is True
        assert s.exec(select(func.count(EvaluasiSop.id))).one() == 1


@pytest.mark.parametrize("username, pesan", [(nama_pengguna("kasi_pem"), PESAN_PERAN),
                                             ("kabupaten.malang", PESAN_PERAN),
                                             ("camat.kalipare", PESAN_KANTOR)])
def test_saving_callbacks_refuse_roles_and_offices_that_must_not_write(client, app, kasus, username, pesan):
    engine, k = kasus
    masuk(client, username)
    sebelum = sidik_basis_data(engine)
    n = len(_audit(engine, "akses.ditolak"))
    for jenis, isian in ((ids.MONSOP_PESAN, {"baik": "ya", "periode": f"{TAHUN}-1"}),
                         (ids.EVSOP_PESAN, {**{kolom: "ya" for kolom in KOLOM_KRITERIA}, "tahun": str(TAHUN)})):
        r = panggil(client, app, _callback(app, client, jenis), sop_id=k["sop"], **isian)
        assert r.status_code == 403 and r.get_json() == {"galat": pesan}
    assert sidik_basis_data(engine) == sebelum
    assert len(_audit(engine, "akses.ditolak")) == n + 2
