"""Perbandingan Kecamatan on a hand-worked half year of four Malang offices: every number of the page, the xlsx
and the PDF.

The offices: the demo's Kalipare, Karangploso and Poncokusumo, and Ampelgading, added as `demo generate` adds an
office (seed.riwayat.siapkan_kantor: Poncokusumo's ten SOPs copied, one user per role; the three IKU collection
SOPs are copied to Karangploso too, so every office can submit). Targets of 2025: 90 for IKU-1, IKU-2 and IKU-3,
set on 20 January 2025 and the Camat's PK signed that day (Ampelgading: 3 February, after the Perjanjian Kinerja's
due date of 31 January). Only IKU-1
(Persentase partisipasi delegasi Musrenbangcam, capaian = the quarter's figure / 90) gets figures. The page is read
on 15 August 2025 for triwulan II 2025.

Triwulan I (the trend's previous quarter): Kalipare 45/50 = 90 % → 100 %, Poncokusumo 36/50 = 72 % → 80 %, both made
official directly; Karangploso 27/30 = 90 % → 100 %, a draft; Ampelgading nothing.

Triwulan II, through the collection SOP (steps and mutu baku: 1 Menyiapkan bahan 60 min, 2 Menyampaikan 15,
3 Analisa (decision, returns to 1) 60, 4 Melaporkan 15, 5 Sekcam then Camat (decision, returns to 3) 15,
6 Hasil dikembalikan 5). Submitted at 08:00 WIB, which finishes steps 1 and 2 (0 min each); every time below is
within one working day (Sen–Jum 08:00–16:00):
- Kalipare 40/50 = 80 % → 88,89 %. 1 July: 3 at 09:00 (60), 4 09:15 (15), 5 09:25 + 09:30 (15), official at 09:30,
  6 09:35 (5). Cycle 95 min = 1 jam 35 menit; 6/6 steps within mutu baku; nothing done twice.
- Poncokusumo 45/50 = 90 % → 100 %. 1 July: 3 at 10:00 (120, over), 4 10:15 (15), 5 returned by the Sekcam at
  10:30 (15) to 3, resubmitted by the Kasubag Evapor at 11:00 (30), 4 11:15 (15), 5 11:25 + 11:30 (15), official
  at 11:30, 6 11:40 (10, over). Cycle 0+0+120+15+15+30+15+15+10 = 220 min = 3 jam 40 menit; 7 of 9 visits within
  = 77,78 %; 3 of 9 visits repeated = 33,33 %.
- Karangploso 18/20 = 90 % → 100 %, submitted 1 July: 3 at 08:30 (30), 4 09:00 (30, over), waiting at 5 since
  (diajukan, provisional "*"). No finished execution; 3 of the 4 finished visits within = 75 %; 0 % repeated.
- Ampelgading 30/50 = 60 % → 66,67 %. 15 July: 3 at 08:45 (45), 4 09:00 (15), 5 09:10 + 09:15, official at 09:15,
  6 09:20 (5). Cycle 80 min = 1 jam 20 menit; all within; none repeated.

Capaian: median of 100, 100, 88,89, 66,67 = 94,44; differences +5,56, +5,56, −5,56, −27,78; ranks 1, 1, 3, 4.
Trend (III/2023 … II/2025, "·" where none): Kalipare 100 → 88,89 "······█▁", Poncokusumo 80 → 100 "······▁█",
Karangploso 100 (draft) → 100 "······▄▄", Ampelgading only 66,67 "·······▄".

Kepatuhan (the SAKIP calendar: figures due 10 working days after 30 June = 14 July 2025; Pengukuran 21 July,
Pemantauan 28 July, Evaluasi 4 August; Renja 2025 due 30 June 2024; Perjanjian Kinerja 31 January 2025; the
Laporan Kinerja and Pelaporan of 2025 due in 2026; the SOP monitoring of semester I due by 30 June):
IKU-1 Kalipare and Poncokusumo "Resmi 1 Juli 2025", Ampelgading "Resmi 15 Juli 2025, terlambat", Karangploso
"Dalam proses SOP, lewat tenggat"; IKU-2 and IKU-3 "Belum diisi, lewat tenggat" everywhere. Offices with the SOP
(Poncokusumo, Ampelgading) are late on Pengukuran, Pemantauan, Evaluasi and Renja; the others have no SOP for them
("Belum ada SOP", which counts). Poncokusumo's own count indicator IKU-7 (targets from the demo, no figure) is
"Belum diisi, lewat tenggat" too. Trouble per office: Ampelgading 10, Kalipare 9, Karangploso 9, Poncokusumo 9 = 37.

Lama pengesahan (days after 30 June): Kalipare and Poncokusumo 1, Ampelgading 15; Kalipare and Ampelgading have two
IKU not official, Karangploso and Poncokusumo (with its own IKU-7) three.

Tindak lanjut: evaluations of triwulan II on 4 August 2025. Poncokusumo: "Lengkapi daftar hadir" (due 8 August,
acknowledged 7 August: 3 days) and "Aktifkan poskamling" (due 12 August, open: overdue); Kalipare: one, due
11 August, acknowledged 11 August (7 days); Ampelgading: one due 29 August, open; Karangploso: none.
The Evaluasi Data Kinerja executions the evaluations started (Poncokusumo, Ampelgading) are running: in the recap's
Proses sheet with nothing finished and 0 % repeated.
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta, timezone

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlmodel import select

from models.dasbor.kueri import Saringan
from models.dasbor.laporan import kepala_berkas
from models.dasbor.perbandingan import posisi_kantor, rekap, tren_kantor
from models.db import session_scope
from models.kinerja.iku import tetapkan_target
from models.kinerja.realisasi import Isian, ajukan, simpan_draf
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.tables import Indikator, Kabupaten, Kecamatan, Realisasi, Rekomendasi, SopLangkah, User
from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
from models.tindak_lanjut.rekomendasi import akui, mulai_tindak_lanjut, periksa, serahkan
from models.umum.periode import atur_hari_ini
from seed.riwayat import siapkan_kantor
from tests.conftest import keluar, masuk
from tests.dash_util import daftar_callback, panggil, tabel_jawaban, teks_jawaban, urai_statis
from tests.fabrik import nama_pengguna, pengguna, perjanjian

WIB = timezone(timedelta(hours=7))
HARI_INI = date(2025, 8, 15)
SOP_IKU1 = "pengumpulan data kinerja indikator partisipasi delegasi musrenbangcam"
NAMA_SOP_IKU1 = "Pengumpulan Data Kinerja Indikator Partisipasi Delegasi Musrenbangcam"

# The screen's tables as a person reads them, header first (the module docstring works every number out).
KEPATUHAN = [
    ["Kecamatan", "Bermasalah", "IKU-1", "IKU-2", "IKU-3", "IKU-7", "Pengukuran Kinerja", "Pemantauan Kinerja",
     "Evaluasi Data Kinerja", "Rencana Kerja (Renja)", "Perjanjian Kinerja", "Laporan Kinerja (LKj)",
     "Pelaporan Kinerja", "Monitoring SOP semester I", "Evaluasi AKIP 2024"],
    ["Ampelgading", "10", "Resmi 15 Juli 2025, terlambat", *["Belum diisi, lewat tenggat"] * 2, "-",
     *["Terlambat"] * 4, "Selesai terlambat", "Belum jatuh tempo", "Belum ada SOP",
     "0 dari 10 SOP dipantau, lewat semester", "Belum dibuka"],
    ["Kalipare", "9", "Resmi 1 Juli 2025", *["Belum diisi, lewat tenggat"] * 2, "-", *["Belum ada SOP"] * 4,
     "Selesai tepat waktu", "Belum ada SOP", "Belum ada SOP", "0 dari 3 SOP dipantau, lewat semester",
     "Belum dibuka"],
    ["Karangploso", "9", "Dalam proses SOP, lewat tenggat", *["Belum diisi, lewat tenggat"] * 2, "-",
     *["Belum ada SOP"] * 4, "Selesai tepat waktu", "Belum ada SOP", "Belum jatuh tempo",
     "0 dari 4 SOP dipantau, lewat semester", "Belum dibuka"],
    ["Poncokusumo", "9", "Resmi 1 Juli 2025", *["Belum diisi, lewat tenggat"] * 3, *["Terlambat"] * 4,
     "Selesai tepat waktu", "Belum jatuh tempo", "Belum ada SOP", "0 dari 10 SOP dipantau, lewat semester",
     "Belum dibuka"],
    ["Jumlah bermasalah", "37", "2", "4", "4", "1", "4", "4", "4", "4", "1", "2", "3", "4", "0"],
]
CAPAIAN = [  # IKU-7: Poncokusumo's own count indicator, with no figure in 2025
    ["Kecamatan", "IKU-1", "IKU-2", "IKU-3", "IKU-7", "Rata-rata", "Peringkat", "Selisih dari median (poin)",
     "Tren 8 triwulan"],
    ["Karangploso", "100,00%*", "-", "-", "-", "100,00%", "1", "5,56", "······▄▄"],
    ["Poncokusumo", "100,00%", "-", "-", "-", "100,00%", "1", "5,56", "······▁█"],
    ["Kalipare", "88,89%", "-", "-", "-", "88,89%", "3", "-5,56", "······█▁"],
    ["Ampelgading", "66,67%", "-", "-", "-", "66,67%", "4", "-27,78", "·······▄"],
]
PENGESAHAN = [
    ["Kecamatan", "IKU resmi", "Belum resmi", "Median hari", "Terlama (hari)"],
    ["Ampelgading", "1", "2", "15", "15"],
    ["Kalipare", "1", "2", "1", "1"],
    ["Karangploso", "0", "3", "-", "-"],
    ["Poncokusumo", "1", "3", "1", "1"],
]
TINDAK_LANJUT = [
    ["Kecamatan", "Rekomendasi", "Selesai", "Terlambat", "Median hari sampai selesai"],
    ["Poncokusumo", "2", "1", "1", "3"],
    ["Ampelgading", "1", "0", "0", "-"],
    ["Kalipare", "1", "1", "0", "7"],
    ["Karangploso", "0", "0", "0", "-"],
]
PROSES_IKU1 = [
    ["SOP", "Kecamatan", "Pelaksanaan selesai", "Median waktu siklus", "Langkah dalam mutu baku", "Langkah diulang"],
    [NAMA_SOP_IKU1, "Ampelgading", "1", "1 jam 20 menit", "100,00%", "0,00%"],
    [NAMA_SOP_IKU1, "Kalipare", "1", "1 jam 35 menit", "100,00%", "0,00%"],
    [NAMA_SOP_IKU1, "Karangploso", "0", "-", "75,00%", "0,00%"],
    [NAMA_SOP_IKU1, "Poncokusumo", "1", "3 jam 40 menit", "77,78%", "33,33%"],
]
PROSES_EVALUASI = [["Evaluasi Data Kinerja", "Ampelgading", "0", "-", "-", "0,00%"],
                   ["Evaluasi Data Kinerja", "Poncokusumo", "0", "-", "-", "0,00%"]]


def _jam(hari: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(hari, time(hh, mm), tzinfo=WIB)


def _jalankan(s, realisasi_id: int, evapor: User, camat: User, hari: date, langkah: list[tuple[int, int, str]]):
    """Submit at 08:00 of `hari`, then act on each open step record at its time: "ok" (done or approved),
    "kembali" (returned), "ajukan" (the corrected figure resubmitted by the Kasubag Evapor)."""
    ajukan(s, realisasi_id=realisasi_id, oleh=evapor, pada=_jam(hari, 8))
    for hh, mm, aksi in langkah:
        t = _jam(hari, hh, mm)
        if aksi == "ajukan":
            ajukan(s, realisasi_id=realisasi_id, oleh=evapor, pada=t)
            continue
        rec = catatan_terbuka(s, s.get(Realisasi, realisasi_id).eksekusi_id)
        if s.get(SopLangkah, rec.langkah_id).keputusan:
            putuskan(s, catatan_id=rec.id, setuju=aksi == "ok", oleh=camat, pada=t,
                     alasan=None if aksi == "ok" else "Daftar hadir desa belum lengkap")
        else:
            selesaikan(s, catatan_id=rec.id, oleh=camat, pada=t)


@pytest.fixture
def empat(demo) -> dict[str, int]:
    """The module docstring's half year; returns the office ids by name."""
    with session_scope(demo) as s:
        kab = s.exec(select(Kabupaten).where(Kabupaten.nama == "Malang")).one()
        siapkan_kantor(s, kab, 4)
        kantor = {k.nama: k.id for k in s.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == kab.id))}
        assert set(kantor) == {"Ampelgading", "Kalipare", "Karangploso", "Poncokusumo"}
        ind = {i.kode: i.id for i in s.exec(select(Indikator).where(Indikator.kabupaten_id == kab.id))}
        admin = pengguna(s, peran="admin")
        for nama, k in kantor.items():
            for kode in ("IKU-1", "IKU-2", "IKU-3"):
                tetapkan_target(s, indikator_id=ind[kode], kecamatan_id=k, tahun=2025, nilai=90, oleh=admin,
                                alasan="Perjanjian Kinerja 2025",
                                pada=_jam(date(2025, 2, 3) if nama == "Ampelgading" else date(2025, 1, 20), 9))
            # The Camat signs the year's PK that day (through the office's SOP for it where it has one).
            perjanjian(s, kecamatan=nama, tahun=2025,
                       pada=_jam(date(2025, 2, 3) if nama == "Ampelgading" else date(2025, 1, 20), 10))
        evapor = {n: pengguna(s, peran="kasubag_evapor", kecamatan=n) for n in kantor}
        camat = {n: pengguna(s, peran="camat", kecamatan=n) for n in kantor}

        def draf(nama: str, tw: int, p: str, q: str, hari: date) -> int:
            return simpan_draf(s, kecamatan_id=kantor[nama], tahun=2025, triwulan=tw, oleh=evapor[nama],
                               isian=Isian(ind["IKU-1"], p, q, None, [], None), hari_ini=hari).id

        for nama, p, q, resmi in (("Kalipare", "45", "50", date(2025, 4, 14)),
                                  ("Poncokusumo", "36", "50", date(2025, 4, 15)), ("Karangploso", "27", "30", None)):
            r = s.get(Realisasi, draf(nama, 1, p, q, date(2025, 4, 1)))
            if resmi:  # official directly: only the trend reads triwulan I
                r.status, r.disahkan_pada = "resmi", _jam(resmi, 9)
        h1, h2 = date(2025, 7, 1), date(2025, 7, 15)
        _jalankan(s, draf("Kalipare", 2, "40", "50", h1), evapor["Kalipare"], camat["Kalipare"], h1,
                  [(9, 0, "ok"), (9, 15, "ok"), (9, 25, "ok"), (9, 30, "ok"), (9, 35, "ok")])
        _jalankan(s, draf("Poncokusumo", 2, "45", "50", h1), evapor["Poncokusumo"], camat["Poncokusumo"], h1,
                  [(10, 0, "ok"), (10, 15, "ok"), (10, 30, "kembali"), (11, 0, "ajukan"), (11, 15, "ok"),
                   (11, 25, "ok"), (11, 30, "ok"), (11, 40, "ok")])
        _jalankan(s, draf("Karangploso", 2, "18", "20", h1), evapor["Karangploso"], camat["Karangploso"], h1,
                  [(8, 30, "ok"), (9, 0, "ok")])
        _jalankan(s, draf("Ampelgading", 2, "30", "50", h2), evapor["Ampelgading"], camat["Ampelgading"], h2,
                  [(8, 45, "ok"), (9, 0, "ok"), (9, 10, "ok"), (9, 15, "ok"), (9, 20, "ok")])
        for nama, rek in (("Poncokusumo", [RekomendasiBaru("Lengkapi daftar hadir", "kasi_pem", date(2025, 8, 8)),
                                           RekomendasiBaru("Aktifkan poskamling", "kasi_trantib", date(2025, 8, 12))]),
                          ("Kalipare", [RekomendasiBaru("Lengkapi berita acara", "kasi_ekbang", date(2025, 8, 11))]),
                          ("Ampelgading", [RekomendasiBaru("Perbarui register", "kasi_pem", date(2025, 8, 29))])):
            catat_evaluasi_lengkap(s, kecamatan_id=kantor[nama], jenis="evaluasi", tahun=2025, triwulan=2,
                                   tanggal=date(2025, 8, 4), peserta="Tim SAKIP", temuan="Bukti belum lengkap",
                                   oleh=camat[nama], rekomendasi=rek, pada=_jam(date(2025, 8, 4), 10))
        for nama, teks, (mulai, serah, selesai) in (("Poncokusumo", "Lengkapi daftar hadir", (5, 6, 7)),
                                                    ("Kalipare", "Lengkapi berita acara", (6, 8, 11))):
            rid = s.exec(select(Rekomendasi.id).where(Rekomendasi.teks == teks)).one()
            c = camat[nama]
            mulai_tindak_lanjut(s, rekomendasi_id=rid, oleh=c, pada=_jam(date(2025, 8, mulai), 9))
            serahkan(s, rekomendasi_id=rid, uraian="Sudah dilengkapi", bukti=["Daftar hadir"], oleh=c,
                     pada=_jam(date(2025, 8, serah), 9))
            periksa(s, rekomendasi_id=rid, terima=True, oleh=c, pada=_jam(date(2025, 8, selesai), 9))
            akui(s, rekomendasi_id=rid, oleh=c, pada=_jam(date(2025, 8, selesai), 10))
    return kantor


@pytest.fixture
def hari_ini():
    atur_hari_ini(HARI_INI)
    yield HARI_INI
    atur_hari_ini(None)


def _sar(kantor: dict[str, int]) -> Saringan:
    return Saringan(kecamatan_ids=sorted(kantor.values()), kecamatan_id=None, tahun=2025, triwulan=2)


def _kunci(app, nama: str) -> str:
    return next(k for k, cb in daftar_callback(app).items()
                if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == f"callbacks.perbandingan.{nama}")


def test_every_table_on_the_screen_holds_the_hand_worked_numbers(empat, hari_ini, client, app):
    masuk(client, "kabupaten.malang")
    client.get("/_dash-layout")
    periode = {"kecamatan": None, "tahun": 2025, "triwulan": 2}
    assert tabel_jawaban(panggil(client, app, _kunci(app, "tampil"), **periode), "tabel-pk-kepatuhan") == KEPATUHAN
    assert tabel_jawaban(panggil(client, app, _kunci(app, "tampil_capaian"), **periode),
                         "tabel-pk-capaian") == CAPAIAN
    tindak = panggil(client, app, _kunci(app, "tampil_tindak"), **periode)
    assert tabel_jawaban(tindak, "tabel-pk-pengesahan") == PENGESAHAN
    assert tabel_jawaban(tindak, "tabel-pk-tindak-lanjut") == TINDAK_LANJUT
    proses = panggil(client, app, _kunci(app, "tampil_proses"), **periode, sop=SOP_IKU1)
    assert tabel_jawaban(proses, "tabel-pk-proses") == PROSES_IKU1
    evaluasi = panggil(client, app, _kunci(app, "tampil_proses"), **periode, sop="evaluasi data kinerja")
    assert tabel_jawaban(evaluasi, "tabel-pk-proses") == [PROSES_IKU1[0], *PROSES_EVALUASI]


def test_the_kepatuhan_cells_carry_their_state_and_link_to_their_records(empat, hari_ini, client, app):
    masuk(client, "kabupaten.malang")
    client.get("/_dash-layout")
    r = panggil(client, app, _kunci(app, "tampil"), kecamatan=None, tahun=2025, triwulan=2)
    kelas: dict[str, list[tuple[str, str]]] = {}
    tautan: set[str] = set()

    def jelajah(x, kantor=None):
        if isinstance(x, dict):
            props = x.get("props", {})
            kantor = props.get("data-kantor", kantor)
            if "href" in props:
                tautan.add(props["href"])
            if x.get("type") == "Td" and "data-kunci" in props:
                kelas.setdefault(props["className"], []).append((kantor, props["data-kunci"]))
            for v in (props if "props" in x else x).values():
                jelajah(v, kantor)
        elif isinstance(x, list):
            for v in x:
                jelajah(v, kantor)

    jelajah(urai_statis(r.get_json()["response"]))
    # Amber: an official figure made late, an obligation done late.
    assert sorted(kelas["table-warning"]) == [("Ampelgading", "IKU-1"), ("Ampelgading", "perjanjian_kinerja")]
    # Red: a figure not official past its due date (1 + 4 × 2 + Poncokusumo's IKU-7), an obligation late (2 × 4),
    # the monitoring (4).
    assert len(kelas["table-danger"]) == 22 and ("Karangploso", "IKU-1") in kelas["table-danger"]
    # Dark: no SOP for the obligation (Ampelgading 1, Kalipare 6, Karangploso 5, Poncokusumo 1).
    assert len(kelas["table-dark"]) == 13 and ("Kalipare", "laporan_kinerja") in kelas["table-dark"]
    assert sorted(kelas["table-success"]) == [("Kalipare", "IKU-1"), ("Kalipare", "perjanjian_kinerja"),
                                              ("Karangploso", "perjanjian_kinerja"), ("Poncokusumo", "IKU-1"),
                                              ("Poncokusumo", "perjanjian_kinerja")]
    assert sorted(kelas["table-light"]) == [  # not due yet; the Evaluasi AKIP of 2024 not opened
        ("Ampelgading", "evaluasi_akip"), ("Ampelgading", "laporan_kinerja"), ("Kalipare", "evaluasi_akip"),
        ("Karangploso", "evaluasi_akip"), ("Karangploso", "pelaporan_kinerja"), ("Poncokusumo", "evaluasi_akip"),
        ("Poncokusumo", "laporan_kinerja")]
    with session_scope(app.server.extensions["sakip_engine"]) as s:
        iku1 = s.exec(select(Indikator.id).where(Indikator.kode == "IKU-1").where(Indikator.kabupaten_id == 1)).one()
    assert f"/capaian?kecamatan=Ampelgading&tahun=2025&triwulan=2&indikator={iku1}" in tautan  # a figure
    assert "/monitoring-sop?kecamatan=Kalipare&tahun=2025&semester=1" in tautan  # the semester's monitoring
    assert "/?kecamatan=Poncokusumo&tahun=2025&triwulan=2" in tautan  # an obligation: the office's calendar


def test_the_trend_covers_eight_quarters_up_to_the_chosen_one(demo, empat):
    with session_scope(demo) as s:
        tren = tren_kantor(s, _sar(empat))
    assert [p for p, _ in tren[empat["Kalipare"]]] == ["III/2023", "IV/2023", "I/2024", "II/2024", "III/2024",
                                                       "IV/2024", "I/2025", "II/2025"]
    akhir = {n: [None if v is None else round(v, 2) for _, v in tren[k][-2:]] for n, k in empat.items()}
    assert akhir == {"Kalipare": [100.0, 88.89], "Poncokusumo": [80.0, 100.0], "Karangploso": [100.0, 100.0],
                     "Ampelgading": [None, 66.67]}
    assert all(v is None for k in empat.values() for _, v in tren[k][:-2])


def test_the_xlsx_recap_holds_the_same_numbers_one_sheet_per_section(demo, empat, hari_ini, client):
    masuk(client, "kabupaten.malang")
    r = client.get("/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=2")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    wb = CalamineWorkbook.from_filelike(io.BytesIO(r.data))  # written by openpyxl, read by calamine
    assert wb.sheet_names == ["Kepatuhan", "Capaian", "Proses SOP", "Pengesahan", "Tindak lanjut", "Anggaran"]
    lembar = {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}
    with session_scope(demo) as s:
        tabel = rekap(s, _sar(empat), HARI_INI)
    for nama, t in zip(wb.sheet_names, tabel):
        assert lembar[nama][0] == [kepala_berkas(k) for k in t.kolom]
    # Kepatuhan: the screen's texts, the counts as numbers (the totals row's counts too).
    assert [[b[0], int(b[1]), *b[2:]] for b in lembar["Kepatuhan"][1:-1]] == [
        [b[0], int(b[1]), *b[2:]] for b in KEPATUHAN[1:-1]]
    assert lembar["Kepatuhan"][-1] == [KEPATUHAN[-1][0], *(int(x) for x in KEPATUHAN[-1][1:])]
    # Capaian: in percent and points to two decimals, as on the screen; each IKU's state beside it.
    assert [[b[0], b[1], b[2], *b[9:]] for b in lembar["Capaian"][1:]] == [
        ["Karangploso", 100.0, "Dalam proses SOP", 100.0, 1.0, 5.56, "······▄▄"],
        ["Poncokusumo", 100.0, "Resmi", 100.0, 1.0, 5.56, "······▁█"],
        ["Kalipare", 88.89, "Resmi", 88.89, 3.0, -5.56, "······█▁"],
        ["Ampelgading", 66.67, "Resmi", 66.67, 4.0, -27.78, "·······▄"]]
    # IKU-2 and IKU-3: no figure; IKU-7, Poncokusumo's own: no figure there, not an indicator of the others
    assert [b[3:9] for b in lembar["Capaian"][1:]] == [["", "-", "", "-", "", "-" if b[0] == "Poncokusumo" else ""]
                                                     for b in lembar["Capaian"][1:]]
    # Proses: every shared SOP (the recap does not follow the screen's SOP choice); minutes as numbers.
    proses = [[b[0], b[1], b[2], b[3], None if b[4] == "" else round(b[4], 2), round(b[5], 2)]
              for b in lembar["Proses SOP"][1:]]
    assert proses == [["Evaluasi Data Kinerja", "Ampelgading", 0, "", None, 0.0],
                      ["Evaluasi Data Kinerja", "Poncokusumo", 0, "", None, 0.0],
                      [NAMA_SOP_IKU1, "Ampelgading", 1, 80, 100.0, 0.0],
                      [NAMA_SOP_IKU1, "Kalipare", 1, 95, 100.0, 0.0],
                      [NAMA_SOP_IKU1, "Karangploso", 0, "", 75.0, 0.0],
                      [NAMA_SOP_IKU1, "Poncokusumo", 1, 220, 77.78, 33.33]]
    assert lembar["Pengesahan"][1:] == [["Ampelgading", 1, 2, 15, 15], ["Kalipare", 1, 2, 1, 1],
                                        ["Karangploso", 0, 3, "", ""], ["Poncokusumo", 1, 3, 1, 1]]
    assert lembar["Tindak lanjut"][1:] == [["Poncokusumo", 2, 1, 1, 3], ["Ampelgading", 1, 0, 0, ""],
                                           ["Kalipare", 1, 1, 0, 7], ["Karangploso", 0, 0, 0, ""]]


def test_the_pdf_recap_prints_every_row_of_the_screen_with_the_heading_and_the_period(empat, hari_ini, client):
    masuk(client, "kabupaten.malang")
    r = client.get("/unduh/perbandingan-rekap.pdf?tahun=2025&triwulan=2")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    halaman = PdfReader(io.BytesIO(r.data)).pages  # written by fpdf2, read by pypdf
    assert all(p.mediabox.width > p.mediabox.height for p in halaman)  # A4 landscape
    teks = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in halaman))
    assert "PEMERINTAH KABUPATEN MALANG REKAP PERBANDINGAN KECAMATAN" in teks
    assert "Periode: triwulan II 2025 · dicetak 15 Agustus 2025" in teks
    # The chart: the offices by obligations in trouble, worst first.
    assert "Kewajiban bermasalah per kecamatan Ampelgading 10 Kalipare 9 Karangploso 9 Poncokusumo 9" in teks
    for tabel in (KEPATUHAN[1:], PENGESAHAN[1:], TINDAK_LANJUT[1:], PROSES_IKU1[1:], PROSES_EVALUASI):
        for baris in tabel:
            assert " ".join(baris) in teks, baris
    for nama, c, keadaan, selisih, peringkat, tren in (
            ("Karangploso", "100,00%", "Dalam proses SOP", "5,56", "1", "······▄▄"),
            ("Poncokusumo", "100,00%", "Resmi", "5,56", "1", "······▁█"),
            ("Kalipare", "88,89%", "Resmi", "-5,56", "3", "······█▁"),
            ("Ampelgading", "66,67%", "Resmi", "-27,78", "4", "·······▄")):
        assert f"{nama} {c} {keadaan} - - - - - - {c} {peringkat} {selisih} {tren}" in teks  # IKU-2, IKU-3, IKU-7


def test_the_pdf_shades_the_cells_the_screen_colours(demo, empat):
    """The capaian cells in their band's colour at a quarter's strength over white, a kepatuhan cell by its state."""
    from models.dasbor.perbandingan import TINT_PDF, _tint_sel, tint

    with session_scope(demo) as s:
        kp, cp = rekap(s, _sar(empat), HARI_INI)[:2]
    isi_kp = dict(zip(kp.data["kecamatan"], _tint_sel(kp)))
    assert isi_kp["Ampelgading"]["IKU-1"] == TINT_PDF["warning"]  # official, late
    assert isi_kp["Karangploso"]["IKU-1"] == TINT_PDF["danger"]  # submitted, past the due date
    assert isi_kp["Kalipare"]["renja"] == TINT_PDF["dark"] and isi_kp["Poncokusumo"]["renja"] == TINT_PDF["danger"]
    assert "IKU-1" not in isi_kp["Jumlah bermasalah"]
    isi_cp = dict(zip(cp.data["kecamatan"], _tint_sel(cp)))
    warna = dict(zip(cp.data["kecamatan"], cp.data["warna_IKU-1"]))
    assert isi_cp["Kalipare"]["capaian_IKU-1"] == isi_cp["Kalipare"]["keadaan_IKU-1"] == tint(warna["Kalipare"])
    # #198754 at 0,25 over white: 0,25 × 25 + 191,25 = 197,5 → 198 (half to even); 0,25 × 135 + 191,25 = 225;
    # 0,25 × 84 + 191,25 = 212,25 → 212.
    assert tint("#198754") == (198, 225, 212)
    assert "capaian_IKU-2" not in isi_cp["Kalipare"]


def test_an_office_sees_itself_against_the_median_without_the_others_names(empat, hari_ini, demo, client, app):
    """Poncokusumo: IKU-1 100 against the median 94,44 (+5,56, first of four); its collection SOP's cycle 220 min
    (3,67 jam) against the median of 80, 95 and 220 = 95 min (1,58 jam), third of three (fastest first)."""
    k = empat["Poncokusumo"]
    with session_scope(demo) as s:
        t = posisi_kantor(s, Saringan(kecamatan_ids=[k], kecamatan_id=k, tahun=2025, triwulan=2, sop=SOP_IKU1))
    baris = {r["nama"].split()[0]: r for r in t.data.to_dict("records")}
    iku1 = baris["IKU-1"]
    assert (iku1["kantor"], round(iku1["median"], 2), round(iku1["selisih"], 2), iku1["peringkat"]) == (
        100.0, 94.44, 5.56, "1 dari 4")
    sop = baris["Pengumpulan"]
    assert (round(sop["kantor"], 2), round(sop["median"], 2), round(sop["selisih"], 2), sop["peringkat"]) == (
        3.67, 1.58, 2.08, "3 dari 3 (tercepat 1)")
    masuk(client, nama_pengguna("camat"))
    client.get("/_dash-layout")
    teks = teks_jawaban(panggil(client, app, _kunci(app, "tampil"), kecamatan=None, tahun=2025, triwulan=2))
    assert "Kecamatan Poncokusumo dibandingkan dengan median kabupaten" in teks
    assert not {"Kalipare", "Karangploso", "Ampelgading"} & set(re.findall(r"\w+", teks))
    r = panggil(client, app, _kunci(app, "tampil"), kecamatan="Kalipare", tahun=2025, triwulan=2)
    assert r.status_code == 403  # another office, named in the request
    r = client.get("/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=2")  # the recap: its own office only
    kecamatan = {b[0] for b in CalamineWorkbook.from_filelike(io.BytesIO(r.data)).get_sheet_by_name("Capaian")
                 .to_python()[1:]}
    assert kecamatan == {"Poncokusumo"}


def test_the_admin_compares_offices_within_each_kabupaten(demo, empat, client, app):
    """IKU codes and calendars are each kabupaten's own: the admin's view is drawn per kabupaten, and the recap of
    one kabupaten holds its offices only; a kabupaten user naming another kabupaten is refused."""
    masuk(client, "admin")
    client.get("/_dash-layout")
    # Before a kabupaten is chosen: one row per kabupaten, no office's row.
    r = panggil(client, app, _kunci(app, "tampil"), kecamatan=None, tahun=2025, triwulan=2)
    assert [b[0] for b in tabel_jawaban(r, "tabel-nasional")[1:]] == ["Malang", "Tanjung Jabung Barat"]
    assert "Poncokusumo" not in teks_jawaban(r)
    for bagian, ident in (("tampil_capaian", "pk-capaian"), ("tampil_tindak", "pk-tindak")):
        isi = panggil(client, app, _kunci(app, bagian), kecamatan=None, tahun=2025, triwulan=2).get_json()
        assert isi["response"][ident]["children"]["props"] == {"children": None}  # the summary stands for the rest
    # A kabupaten chosen: its offices compared, and no other kabupaten's.
    teks = teks_jawaban(panggil(client, app, _kunci(app, "tampil"), kecamatan="kabupaten:Malang", tahun=2025,
                                triwulan=2))
    assert "Poncokusumo" in teks and "Muara Papalik" not in teks
    with session_scope(demo) as s:
        tjb = s.exec(select(Kecamatan.kabupaten_id).where(Kecamatan.nama == "Muara Papalik")).one()
    r = client.get(f"/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=2&kabupaten={tjb}")
    kantor = {b[0] for b in CalamineWorkbook.from_filelike(io.BytesIO(r.data)).get_sheet_by_name("Capaian")
              .to_python()[1:]}
    assert kantor == {"Muara Papalik"}
    keluar(client)
    masuk(client, "kabupaten.malang")
    assert client.get(f"/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=2&kabupaten={tjb}").status_code == 403



@pytest.mark.parametrize("alamat", ["/unduh/pk-kepatuhan.xlsx", "/unduh/perbandingan-rekap.xlsx"])
def test_the_kepatuhan_totals_row_is_stored_as_numbers(demo, empat, hari_ini, client, alamat):
    """The last row of the Kepatuhan sheet counts the offices in trouble per obligation: 37 in all, then 2, 4, 4, 1,
    4, 4, 4, 4, 1, 2, 3, 4, 0 (the hand-worked counts of the module's docstring). Each is a number cell a
    spreadsheet can sum, not the text "2"."""
    from openpyxl import load_workbook

    masuk(client, "kabupaten.malang")
    r = client.get(f"{alamat}?tahun=2025&triwulan=2")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data))["Kepatuhan"] if "rekap" in alamat else load_workbook(io.BytesIO(r.data)).active
    jumlah = list(ws.iter_rows(min_row=ws.max_row, max_row=ws.max_row))[0]
    assert jumlah[0].value == "Jumlah bermasalah" and jumlah[0].data_type == "s"
    assert [c.data_type for c in jumlah[1:]] == ["n"] * 14
    assert [c.value for c in jumlah[1:]] == [37, 2, 4, 4, 1, 4, 4, 4, 4, 1, 2, 3, 4, 0]


def _komponen(x) -> int:
    if isinstance(x, dict):
        return ("namespace" in x and "props" in x) + sum(_komponen(v) for v in x.values())
    return sum(_komponen(v) for v in x) if isinstance(x, list) else 0


def test_a_kabupatens_tables_travel_as_a_few_components_each(empat, hari_ini, client, app):
    """The browser draws each Dash component on its own, and four tables of a kabupaten's offices as thousands of
    them kept Chromium busy for seconds: each table is one component of plain HTML (the same cells, see above)."""
    masuk(client, "kabupaten.malang")
    periode = {"kecamatan": None, "tahun": 2025, "triwulan": 2}
    for nama in ("tampil", "tampil_capaian", "tampil_tindak"):
        jawaban = panggil(client, app, _kunci(app, nama), **periode).get_json()["response"]
        assert _komponen(jawaban) <= 25, (nama, _komponen(jawaban))
        assert _komponen(urai_statis(jawaban)) > 60, nama  # the cells are all there, as HTML
