"""A quarter measured against the quarter's own target (Rencana Aksi), on every page, in every download and in
`capaian hitung`.

The hand-worked fixture: Poncokusumo's own count indicator IKU-9 (kumulatif, no denominator, satuan "desa"), year
target 40, quarterly targets 10 / 20 / 30 / 40, 10 achieved in each quarter of 2026, every figure official.
Quarter N combines quarters 1..N: 10, 20, 30, 40; against the quarter's own target 10, 20, 30, 40 that is 100 % every
quarter, "Sangat Baik", on plan ("Sesuai rencana aksi"). The year: 40 / 40 = 100 %.
Without the quarterly targets quarter N is measured against the year's 40: 25 %, 50 %, 75 %, 100 %, and every place
says "terhadap target tahun"; nothing says anything about the Rencana Aksi.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from dashboard import ids
from models.db import session_scope
from models.kinerja.capaian import capaian_kantor
from models.kinerja.iku import atur_pengumpul, per_triwulan, sop_pengumpul
from models.perencanaan.dokumen_kinerja import pdf_pengukuran, tabel_pengukuran, xlsx_pengukuran
from models.perencanaan.target import ubah_target
from models.tables import AuditLog, Target
from tests.conftest import keluar, masuk
from tests.dash_util import buka_halaman, daftar_callback, komponen_jawaban, panggil, sidik_basis_data
from tests.fabrik import indikator, kantor, nama_pengguna, pengguna, realisasi

TAHUN = 2026
KODE = "IKU-9"
NAMA = "Jumlah desa yang menyampaikan laporan tepat waktu"
TARGET_TW = {1: 10.0, 2: 20.0, 3: 30.0, 4: 40.0}
SEMUA_100 = ["100,00"] * 4
TANPA_TW = ["25,00", "50,00", "75,00", "100,00"]
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


@pytest.fixture
def hitungan(demo):
    """IKU-9 with its year and quarterly targets and four official quarters of 10; (office id, indicator id)."""
    with session_scope(demo) as s:
        ind = indikator(s, kode=KODE, nama=NAMA, pembilang="Desa yang menyampaikan laporan tepat waktu",
                        penyebut=None, target={TAHUN: 40})
        ind.satuan, ind.agregasi = "desa", "kumulatif"
        kec = kantor(s)
        camat = pengguna(s, peran="camat")
        iku1 = indikator(s, kode="IKU-1")  # collected by the SOP that collects IKU-1, carried the same way
        atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=ind.id, sop_id=sop_pengumpul(s, iku1, kec.id).sop_id,
                       per_triwulan=per_triwulan(s, iku1, kec.id), oleh=camat)
        for n, nilai in TARGET_TW.items():
            ubah_target(s, indikator_id=ind.id, kecamatan_id=kec.id, tahun=TAHUN, triwulan=n, nilai=nilai, oleh=camat)
        for n in range(1, 5):
            realisasi(s, indikator=ind, tahun=TAHUN, triwulan=n, status="resmi", pembilang="10")
        return kec.id, ind.id


def _hapus_target_triwulan(engine, kec_id: int, ind_id: int) -> None:
    with session_scope(engine) as s:
        camat = pengguna(s, peran="camat")
        for n in range(1, 5):
            ubah_target(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=TAHUN, triwulan=n, nilai=None,
                        oleh=camat, alasan="Rencana Aksi dicabut (uji)")


# ---------------------------------------------------------------- reading the pages and files


def _teks(x) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, dict):
        return " ".join(_teks(v) for v in x.values())
    if isinstance(x, list):
        return " ".join(_teks(v) for v in x)
    return ""


def _milik(x, kode: str):
    """The first component (as JSON) marked data-kode=`kode`."""
    return komponen_jawaban(x, kode, prop="data-kode")


def _kartu(client, app, triwulan: int) -> str:
    r = panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=TAHUN, triwulan=triwulan)
    assert r.status_code == 200
    return " ".join(_teks(_milik(r.get_json(), KODE)).split())


def _isi_realisasi(client, triwulan: int) -> str:
    r = buka_halaman(client, f"/realisasi?tahun={TAHUN}&triwulan={triwulan}")
    assert r.status_code == 200
    return " ".join(_teks(_milik(r.get_json(), KODE)).split())


def _csv(client, nama: str, **q) -> list[dict]:
    r = client.get(f"/unduh/{nama}.csv", query_string=q)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return list(csv.DictReader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))


def _xlsx(client, nama: str, **q) -> list[dict]:
    r = client.get(f"/unduh/{nama}.xlsx", query_string=q)
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data)).active
    rows = [list(x) for x in ws.iter_rows(values_only=True)]
    i = next(i for i, x in enumerate(rows) if x and x[0] in ("Kode", "Kecamatan"))
    return [dict(zip(rows[i], x)) for x in rows[i + 1:] if any(v is not None for v in x)]


def _persen(x) -> str:
    return "" if x in (None, "") else f"{float(x):.2f}".replace(".", ",")


def _seri(client, ind_id: int, fmt: str) -> list[tuple[str, str, str]]:
    """Capaian page's table (its download) of IKU-9: (periode, capaian resmi, dasar) for 2026's quarters I..IV."""
    baca = _csv if fmt == "csv" else _xlsx
    rows = baca(client, "seri-capaian", tahun=TAHUN, triwulan=4, indikator=ind_id)
    hasil = {r["Periode"]: r for r in rows if r["Kode"] == KODE and str(TAHUN) in r["Periode"]}
    return [(p, _persen(hasil[p]["Capaian resmi (%)"]) if fmt == "xlsx" else hasil[p]["Capaian resmi (%)"],
             hasil[p]["Dasar capaian"]) for p in (f"Triwulan {ROMAWI[n]} {TAHUN}" for n in range(1, 5))]


def _pengukuran(engine, kec_id: int, triwulan: int) -> tuple[dict, str]:
    """The quarter's Pengukuran Kinerja opened back: IKU-9's row of the workbook, and the PDF's text."""
    from datetime import date

    with session_scope(engine) as s:
        t = tabel_pengukuran(s, kecamatan_id=kec_id, tahun=TAHUN, triwulan=triwulan, dicetak=date(2027, 1, 10))
    ws = load_workbook(io.BytesIO(xlsx_pengukuran(t))).active
    rows = [list(x) for x in ws.iter_rows(values_only=True)]
    kepala = rows[5]
    baris = next(dict(zip(kepala, r)) for r in rows[6:] if r[kepala.index("Kode")] == KODE)
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_pengukuran(t))).pages)
    return baris, " ".join(teks.split())


# ---------------------------------------------------------------- the Done-when


def test_a_count_on_plan_reads_100_percent_every_quarter_everywhere(client, app, demo, hitungan):
    kec_id, ind_id = hitungan
    with session_scope(demo) as s:
        b = next(x for x in capaian_kantor(s, kecamatan_id=kec_id, tahun=TAHUN) if x.indikator.id == ind_id)
        assert [(c.persen, c.realisasi, c.target, c.terhadap) for c in b.resmi] == [
            (100.0, 10, 10, "target triwulan I"), (100.0, 20, 20, "target triwulan II"),
            (100.0, 30, 30, "target triwulan III"), (100.0, 40, 40, "target triwulan IV")]
        assert (b.tahun.persen, b.tahun.terhadap) == (100.0, "target tahun")

    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/")
    for n in range(1, 5):
        kartu = _kartu(client, app, n)
        assert "100,00%" in kartu and "Sangat Baik" in kartu, kartu
        assert f"terhadap target triwulan {ROMAWI[n]}" in kartu and "Sesuai rencana aksi" in kartu
        assert f"Target triwulan {ROMAWI[n]}: {int(TARGET_TW[n])} desa" in kartu and "Target tahun: 40 desa" in kartu
        realisasi_teks = _isi_realisasi(client, n)
        assert "100,00% Strong" in realisasi_teks and f"terhadap target triwulan {ROMAWI[n]}" in realisasi_teks
        # Beranda's table as a download, CSV and Excel
        rows = [r for r in _csv(client, "iku-triwulan", tahun=TAHUN, triwulan=n) if r["Kode"] == KODE]
        assert [(r["Capaian (%)"], r["Dasar capaian"], r["Rencana aksi"]) for r in rows] == [
            ("100,00", f"terhadap target triwulan {ROMAWI[n]}", "Sesuai rencana aksi")]
        rows = [r for r in _xlsx(client, "iku-triwulan", tahun=TAHUN, triwulan=n) if r["Kode"] == KODE]
        assert [(_persen(r["Capaian (%)"]), r[f"Target triwulan {ROMAWI[n]}"]) for r in rows] == [
            ("100,00", TARGET_TW[n])]
        # the Pengukuran Kinerja document: its target column is the quarter's, with the note
        baris, pdf = _pengukuran(demo, kec_id, n)
        assert (baris["Target"], baris["Dasar capaian"], baris["Realisasi"], baris["Capaian (%)"],
                baris["Rencana aksi"]) == (TARGET_TW[n], f"terhadap target triwulan {ROMAWI[n]}", 10.0 * n, 100.0,
                                           "Sesuai rencana aksi")
        assert f"terhadap target triwulan {ROMAWI[n]}" in pdf and "100,00" in pdf and "Sesuai rencana aksi" in pdf

    # the Capaian page: the table on screen and its downloads
    kunci = next(k for k in daftar_callback(app) if k.startswith(f"{ids.CAPAIAN_PREFIX}-isi.children"))
    layar = teks_capaian = json.dumps(panggil(client, app, kunci, kecamatan=None, tahun=TAHUN, triwulan=4,
                                              indikator=ind_id).get_json(), ensure_ascii=False)
    assert "terhadap target triwulan IV" in layar and "terhadap target tahun" not in teks_capaian
    harap = [(f"Triwulan {ROMAWI[n]} {TAHUN}", "100,00", f"terhadap target triwulan {ROMAWI[n]}") for n in range(1, 5)]
    assert _seri(client, ind_id, "csv") == harap
    assert _seri(client, ind_id, "xlsx") == harap

    # Perbandingan, as the kabupaten reads it
    keluar(client)
    masuk(client, "kabupaten.malang")
    client.get("/")
    for n in range(1, 5):
        rows = {r["Kecamatan"]: r for r in _csv(client, "pk-capaian", tahun=TAHUN, triwulan=n)}
        assert rows["Poncokusumo"][f"{KODE} capaian (%)"] == "100,00"
        rows = [r for r in _csv(client, "perbandingan", tahun=TAHUN, triwulan=n, kecamatan="Poncokusumo")
                if r["Kode"] == KODE]
        assert [(r["Target"], r["Capaian (%)"], r["Dasar capaian"]) for r in rows] == [
            (str(int(TARGET_TW[n])), "100,00", f"terhadap target triwulan {ROMAWI[n]}")]


def test_without_quarterly_targets_a_quarter_is_measured_against_the_year_and_says_so(client, app, demo, hitungan):
    kec_id, ind_id = hitungan
    _hapus_target_triwulan(demo, kec_id, ind_id)
    with session_scope(demo) as s:
        b = next(x for x in capaian_kantor(s, kecamatan_id=kec_id, tahun=TAHUN) if x.indikator.id == ind_id)
        assert [(c.persen, c.terhadap) for c in b.resmi] == [
            (25.0, "target tahun"), (50.0, "target tahun"), (75.0, "target tahun"), (100.0, "target tahun")]
        # the old rows are kept, no longer in force; each removal audited with its reason
        rows = s.exec(select(Target).where(Target.indikator_id == ind_id).where(Target.triwulan != None)).all()  # noqa: E711
        assert sorted((t.triwulan, t.nilai, t.berlaku) for t in rows) == [
            (n, v, False) for n, v in TARGET_TW.items()]
        audit = s.exec(select(AuditLog).where(AuditLog.aksi == "target.hapus")).all()
        assert sorted((a.keterangan, a.username) for a in audit) == [
            ("Rencana Aksi dicabut (uji)", "camat.poncokusumo")] * 4

    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/")
    kartu = _kartu(client, app, 1)
    assert "25,00%" in kartu and "terhadap target tahun" in kartu and "Sangat Kurang" in kartu
    assert "rencana aksi" not in kartu.lower() and "Target triwulan" not in kartu
    realisasi_teks = _isi_realisasi(client, 1)
    assert "25,00% Strong" in realisasi_teks and "terhadap target tahun" in realisasi_teks
    rows = [r for r in _csv(client, "iku-triwulan", tahun=TAHUN, triwulan=1) if r["Kode"] == KODE]
    assert [(r["Capaian (%)"], r["Dasar capaian"], r["Rencana aksi"]) for r in rows] == [
        ("25,00", "terhadap target tahun", "")]
    assert _seri(client, ind_id, "csv") == [(f"Triwulan {ROMAWI[n]} {TAHUN}", p, "terhadap target tahun")
                                            for n, p in zip(range(1, 5), TANPA_TW)]
    baris, pdf = _pengukuran(demo, kec_id, 1)
    assert (baris["Target"], baris["Dasar capaian"], baris["Capaian (%)"], baris["Rencana aksi"]) == (
        40.0, "terhadap target tahun", 25.0, None)
    assert "terhadap target tahun" in pdf and "25,00" in pdf and "rencana aksi" not in pdf.replace(
        "Rencana Aksi bila", "")
    keluar(client)
    masuk(client, "kabupaten.malang")
    client.get("/")
    rows = {r["Kecamatan"]: r for r in _csv(client, "pk-capaian", tahun=TAHUN, triwulan=1)}
    assert rows["Poncokusumo"][f"{KODE} capaian (%)"] == "25,00"


def test_capaian_hitung_takes_the_quarterly_targets(app, tmp_path):
    berkas = tmp_path / "hitungan.csv"
    berkas.write_text(
        "indikator,polaritas,rumus_negatif,agregasi,target,realisasi_t1,realisasi_t2,realisasi_t3,realisasi_t4,"
        "target_t1,target_t2,target_t3,target_t4\n"
        f"{NAMA},positif,,kumulatif,40,10,10,10,10,10,20,30,40\n"
        f"{NAMA} tanpa rencana aksi,positif,,kumulatif,40,10,10,10,10,,,,\n"
        f"{NAMA} sebagian,positif,,kumulatif,40,10,10,10,10,10,,,\n", encoding="utf-8")
    hasil = app.server.test_cli_runner().invoke(args=["capaian", "hitung", str(berkas)])
    assert hasil.exit_code == 0, hasil.output
    assert hasil.output.splitlines() == [
        '"indikator","capaian_t1","capaian_t2","capaian_t3","capaian_t4","capaian_tahun","predikat_tahun"',
        f'"{NAMA}","100.00","100.00","100.00","100.00","100.00","Sangat Baik"',
        f'"{NAMA} tanpa rencana aksi","25.00","50.00","75.00","100.00","100.00","Sangat Baik"',
        f'"{NAMA} sebagian","100.00","50.00","75.00","100.00","100.00","Sangat Baik"',
    ]
    berkas.write_text("indikator,polaritas,rumus_negatif,agregasi,target,realisasi_t1,realisasi_t2,realisasi_t3,"
                      "realisasi_t4,target_t1\nA,positif,,kumulatif,40,10,,,,abc\n", encoding="utf-8")
    salah = app.server.test_cli_runner().invoke(args=["capaian", "hitung", str(berkas)])
    assert salah.exit_code == 1 and 'baris 2: "abc" bukan angka' in salah.output


# ---------------------------------------------------------------- entry: bad input, the Camat's rule


def _simpan(client, app, ind_id: int, **isian):
    kunci = next(k for k in daftar_callback(app) if k.startswith("..target-pesan.children"))
    r = panggil(client, app, kunci, indikator_id=ind_id, tahun=TAHUN, **isian)
    assert r.status_code == 200
    return r


def _terlihat(client, app, ind_id: int) -> dict:
    buka = panggil(client, app, "..target-riwayat.children...target-terlihat.data..", indikator_id=ind_id, tahun=TAHUN)
    return buka.get_json()["response"]["target-terlihat"]["data"]


def test_a_quarterly_target_that_is_not_a_number_is_refused_and_nothing_is_written(client, app, demo, hitungan):
    kec_id, ind_id = hitungan
    masuk(client, nama_pengguna("camat"))
    terlihat = _terlihat(client, app, ind_id)
    sebelum = sidik_basis_data(demo)
    teks = _simpan(client, app, ind_id, nilai="45", alasan="PK perubahan", terlihat=terlihat, tw1="12",
                   tw2="abc", tw3="30", tw4="45").get_data(as_text=True)
    assert f'{KODE} {NAMA}, target triwulan II {TAHUN}: \\"abc\\" bukan angka.' in teks
    assert sidik_basis_data(demo) == sebelum  # the year's target and quarter I were not written either


def test_a_change_by_a_non_camat_that_alters_an_official_capaian_is_refused_naming_the_quarter(client, app, demo,
                                                                                               hitungan):
    kec_id, ind_id = hitungan
    masuk(client, nama_pengguna("kasubag_evapor"))
    terlihat = _terlihat(client, app, ind_id)
    sebelum = sidik_basis_data(demo)
    # Quarter II's target from 20 to 40: its official capaian goes from 100 % to 50 %.
    teks = _simpan(client, app, ind_id, nilai="40", alasan="Rencana Aksi perubahan", terlihat=terlihat, tw1="10",
                   tw2="40", tw3="30", tw4="40").get_data(as_text=True)
    assert (f"{KODE} target triwulan II {TAHUN}: perubahan ini mengubah capaian yang sudah resmi (triwulan II: "
            "100,00% menjadi 50,00%); hanya Camat yang dapat mengubahnya.") in teks
    assert sidik_basis_data(demo) == sebelum
    # Removing quarter I's target (empty field) would measure it against the year's: 100 % to 25 %.
    teks = _simpan(client, app, ind_id, nilai="40", alasan="Rencana Aksi perubahan", terlihat=terlihat, tw1="",
                   tw2="20", tw3="30", tw4="40").get_data(as_text=True)
    assert (f"{KODE} target triwulan I {TAHUN}: perubahan ini mengubah capaian yang sudah resmi (triwulan I: "
            "100,00% menjadi 25,00%); hanya Camat yang dapat mengubahnya.") in teks
    assert sidik_basis_data(demo) == sebelum
    keluar(client)
    masuk(client, nama_pengguna("camat"))
    terlihat = _terlihat(client, app, ind_id)
    teks = _simpan(client, app, ind_id, nilai="40", alasan="", terlihat=terlihat, tw1="10", tw2="25", tw3="30",
                   tw4="40").get_data(as_text=True)
    assert (f"{KODE} {NAMA}, target triwulan II {TAHUN}: perubahan target wajib disertai alasan" in teks)
    teks = _simpan(client, app, ind_id, nilai="40", alasan="Rencana Aksi perubahan", terlihat=terlihat, tw1="10",
                   tw2="25", tw3="30", tw4="40").get_data(as_text=True)
    assert (f"Target {TAHUN} disimpan: 40. Target triwulan II {TAHUN} disimpan: 25. Capaian resmi yang berubah: "
            "triwulan II: 100,00% menjadi 80,00%.") in teks
    with session_scope(demo) as s:
        rows = s.exec(select(Target).where(Target.indikator_id == ind_id).where(Target.triwulan == 2)
                      .order_by(Target.id)).all()
        assert [(t.nilai, t.berlaku, t.alasan) for t in rows] == [(20.0, False, None),
                                                                  (25.0, True, "Rencana Aksi perubahan")]
        assert s.get(type(rows[1]), rows[1].id).diubah_oleh == pengguna(s, peran="camat").id
